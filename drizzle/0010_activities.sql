CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"proposed_by" uuid,
	"neighbourhood_id" uuid,
	"kind" text DEFAULT 'activity' NOT NULL,
	"audience" text DEFAULT 'everyone' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place_name" text,
	"address" text,
	"online_url" text,
	"capacity" smallint,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"child_friendly" boolean DEFAULT false NOT NULL,
	"accessibility" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_times" CHECK ("activities"."ends_at" > "activities"."starts_at"),
	CONSTRAINT "activities_capacity" CHECK ("activities"."capacity" is null or "activities"."capacity" between 1 and 5000),
	CONSTRAINT "activities_kind" CHECK ("activities"."kind" in ('activity', 'event', 'training', 'networking')),
	CONSTRAINT "activities_audience" CHECK ("activities"."audience" in ('everyone', 'volunteers')),
	CONSTRAINT "activities_status" CHECK ("activities"."status" in ('proposed', 'published', 'rejected', 'cancelled')),
	CONSTRAINT "activities_online_https" CHECK ("activities"."online_url" is null or "activities"."online_url" like 'https://%'),
	CONSTRAINT "activities_owner" CHECK ("activities"."organisation_id" is not null or "activities"."proposed_by" is not null)
);
--> statement-breakpoint
CREATE TABLE "activity_feed_tokens" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_rsvps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "activity_rsvps_status" CHECK ("activity_rsvps"."status" in ('going', 'waitlisted', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "neighbourhood_houses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"neighbourhood_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_feed_tokens" ADD CONSTRAINT "activity_feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_rsvps" ADD CONSTRAINT "activity_rsvps_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_rsvps" ADD CONSTRAINT "activity_rsvps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhood_houses" ADD CONSTRAINT "neighbourhood_houses_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "neighbourhood_houses" ADD CONSTRAINT "neighbourhood_houses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_list_idx" ON "activities" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "activities_neighbourhood_idx" ON "activities" USING btree ("neighbourhood_id","status","starts_at");--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_proposer_idx" ON "activities" USING btree ("proposed_by");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_feed_tokens_hash_key" ON "activity_feed_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_rsvps_active_key" ON "activity_rsvps" USING btree ("activity_id","user_id") WHERE "activity_rsvps"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "activity_rsvps_activity_idx" ON "activity_rsvps" USING btree ("activity_id","status","created_at");--> statement-breakpoint
CREATE INDEX "activity_rsvps_user_idx" ON "activity_rsvps" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "neighbourhood_houses_neighbourhood_key" ON "neighbourhood_houses" USING btree ("neighbourhood_id");--> statement-breakpoint
CREATE INDEX "neighbourhood_houses_org_idx" ON "neighbourhood_houses" USING btree ("organisation_id");