CREATE TABLE "buddy_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"side" text NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_band" text,
	"gender" text,
	"preferred_gender" text DEFAULT 'any' NOT NULL,
	"neighbourhood_id" uuid,
	"availability" integer DEFAULT 0 NOT NULL,
	"capacity" smallint DEFAULT 1 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buddy_applications_side" CHECK ("buddy_applications"."side" in ('newcomer', 'resident')),
	CONSTRAINT "buddy_applications_status" CHECK ("buddy_applications"."status" in ('active', 'withdrawn')),
	CONSTRAINT "buddy_applications_capacity" CHECK ("buddy_applications"."capacity" between 1 and 2)
);
--> statement-breakpoint
CREATE TABLE "buddy_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pair_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"newcomer_wellbeing" smallint,
	"newcomer_note" text,
	"newcomer_answered_at" timestamp with time zone,
	"resident_wellbeing" smallint,
	"resident_note" text,
	"resident_answered_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "buddy_check_ins_newcomer" CHECK ("buddy_check_ins"."newcomer_wellbeing" is null or "buddy_check_ins"."newcomer_wellbeing" between 1 and 5),
	CONSTRAINT "buddy_check_ins_resident" CHECK ("buddy_check_ins"."resident_wellbeing" is null or "buddy_check_ins"."resident_wellbeing" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "buddy_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pair_id" uuid NOT NULL,
	"side" text NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buddy_feedback_side" CHECK ("buddy_feedback"."side" in ('newcomer', 'resident')),
	CONSTRAINT "buddy_feedback_rating" CHECK ("buddy_feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "buddy_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"newcomer_application_id" uuid NOT NULL,
	"resident_application_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"score" real,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confirmed_by" uuid,
	"started_on" date,
	"ends_on" date,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buddy_pairs_status" CHECK ("buddy_pairs"."status" in ('proposed', 'active', 'ended', 'ruled_out')),
	CONSTRAINT "buddy_pairs_end_reason" CHECK ("buddy_pairs"."end_reason" is null or "buddy_pairs"."end_reason" in ('completed', 'not_a_fit', 'moved_away', 'no_time', 'other'))
);
--> statement-breakpoint
CREATE TABLE "buddy_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"criteria" text DEFAULT '' NOT NULL,
	"duration_weeks" smallint DEFAULT 26 NOT NULL,
	"check_in_days" smallint DEFAULT 14 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"matching_programme_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buddy_programmes_kind" CHECK ("buddy_programmes"."kind" in ('buddy', 'language_cafe', 'mentoring_work', 'co_housing')),
	CONSTRAINT "buddy_programmes_status" CHECK ("buddy_programmes"."status" in ('open', 'closed')),
	CONSTRAINT "buddy_programmes_duration" CHECK ("buddy_programmes"."duration_weeks" between 1 and 260),
	CONSTRAINT "buddy_programmes_check_in" CHECK ("buddy_programmes"."check_in_days" between 1 and 90)
);
--> statement-breakpoint
ALTER TABLE "buddy_applications" ADD CONSTRAINT "buddy_applications_programme_id_buddy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."buddy_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_applications" ADD CONSTRAINT "buddy_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_applications" ADD CONSTRAINT "buddy_applications_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_check_ins" ADD CONSTRAINT "buddy_check_ins_pair_id_buddy_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."buddy_pairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_feedback" ADD CONSTRAINT "buddy_feedback_pair_id_buddy_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."buddy_pairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_pairs" ADD CONSTRAINT "buddy_pairs_programme_id_buddy_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."buddy_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_pairs" ADD CONSTRAINT "buddy_pairs_newcomer_application_id_buddy_applications_id_fk" FOREIGN KEY ("newcomer_application_id") REFERENCES "public"."buddy_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_pairs" ADD CONSTRAINT "buddy_pairs_resident_application_id_buddy_applications_id_fk" FOREIGN KEY ("resident_application_id") REFERENCES "public"."buddy_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_pairs" ADD CONSTRAINT "buddy_pairs_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_pairs" ADD CONSTRAINT "buddy_pairs_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_programmes" ADD CONSTRAINT "buddy_programmes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_programmes" ADD CONSTRAINT "buddy_programmes_matching_programme_id_matching_programmes_id_fk" FOREIGN KEY ("matching_programme_id") REFERENCES "public"."matching_programmes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_programmes" ADD CONSTRAINT "buddy_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "buddy_applications_key" ON "buddy_applications" USING btree ("programme_id","user_id");--> statement-breakpoint
CREATE INDEX "buddy_applications_user_idx" ON "buddy_applications" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buddy_check_ins_key" ON "buddy_check_ins" USING btree ("pair_id","due_on");--> statement-breakpoint
CREATE INDEX "buddy_check_ins_due_idx" ON "buddy_check_ins" USING btree ("due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "buddy_feedback_key" ON "buddy_feedback" USING btree ("pair_id","side");--> statement-breakpoint
CREATE UNIQUE INDEX "buddy_pairs_live_key" ON "buddy_pairs" USING btree ("newcomer_application_id","resident_application_id") WHERE "buddy_pairs"."status" in ('proposed', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "buddy_pairs_newcomer_live_key" ON "buddy_pairs" USING btree ("newcomer_application_id") WHERE "buddy_pairs"."status" in ('proposed', 'active');--> statement-breakpoint
CREATE INDEX "buddy_pairs_programme_idx" ON "buddy_pairs" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "buddy_pairs_resident_idx" ON "buddy_pairs" USING btree ("resident_application_id");--> statement-breakpoint
CREATE INDEX "buddy_programmes_org_idx" ON "buddy_programmes" USING btree ("organisation_id","status");