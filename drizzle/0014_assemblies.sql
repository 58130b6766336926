CREATE TABLE "assemblies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"neighbourhood_id" uuid,
	"theme" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"join_rule" text DEFAULT 'open' NOT NULL,
	"chair_id" uuid,
	"secretary_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assemblies_kind" CHECK ("assemblies"."kind" in ('neighbourhood', 'thematic')),
	CONSTRAINT "assemblies_join_rule" CHECK ("assemblies"."join_rule" in ('open', 'request')),
	CONSTRAINT "assemblies_kind_facts" CHECK (("assemblies"."kind" = 'neighbourhood' and "assemblies"."neighbourhood_id" is not null) or ("assemblies"."kind" = 'thematic' and "assemblies"."theme" is not null))
);
--> statement-breakpoint
CREATE TABLE "assembly_attendance" (
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"presence" text NOT NULL,
	CONSTRAINT "assembly_attendance_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id"),
	CONSTRAINT "assembly_attendance_presence" CHECK ("assembly_attendance"."presence" in ('present', 'excused', 'absent'))
);
--> statement-breakpoint
CREATE TABLE "assembly_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner_user_id" uuid,
	"owner_organisation" text,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_decisions_status" CHECK ("assembly_decisions"."status" in ('open', 'in_progress', 'done')),
	CONSTRAINT "assembly_decisions_done" CHECK (("assembly_decisions"."status" = 'done') = ("assembly_decisions"."done_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "assembly_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place_name" text,
	"address" text,
	"online_url" text,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"minutes" text,
	"minutes_at" timestamp with time zone,
	"guests" smallint DEFAULT 0 NOT NULL,
	"attendance_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_meetings_times" CHECK ("assembly_meetings"."ends_at" > "assembly_meetings"."starts_at"),
	CONSTRAINT "assembly_meetings_status" CHECK ("assembly_meetings"."status" in ('scheduled', 'cancelled', 'held')),
	CONSTRAINT "assembly_meetings_online_https" CHECK ("assembly_meetings"."online_url" is null or "assembly_meetings"."online_url" like 'https://%'),
	CONSTRAINT "assembly_meetings_place" CHECK ("assembly_meetings"."place_name" is not null or "assembly_meetings"."address" is not null or "assembly_meetings"."online_url" is not null),
	CONSTRAINT "assembly_meetings_guests" CHECK ("assembly_meetings"."guests" between 0 and 5000),
	CONSTRAINT "assembly_meetings_minutes" CHECK ("assembly_meetings"."minutes" is null or length("assembly_meetings"."minutes") <= 20000)
);
--> statement-breakpoint
CREATE TABLE "assembly_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "assembly_members_status" CHECK ("assembly_members"."status" in ('requested', 'active', 'left', 'declined'))
);
--> statement-breakpoint
CREATE TABLE "assembly_replies" (
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"coming" text NOT NULL,
	"interpreter" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_replies_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id"),
	CONSTRAINT "assembly_replies_coming" CHECK ("assembly_replies"."coming" in ('yes', 'no'))
);
--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_secretary_id_users_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_meeting_id_assembly_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."assembly_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_decisions" ADD CONSTRAINT "assembly_decisions_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_decisions" ADD CONSTRAINT "assembly_decisions_meeting_id_assembly_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."assembly_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_decisions" ADD CONSTRAINT "assembly_decisions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_decisions" ADD CONSTRAINT "assembly_decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_meetings" ADD CONSTRAINT "assembly_meetings_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_meetings" ADD CONSTRAINT "assembly_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_members" ADD CONSTRAINT "assembly_members_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_members" ADD CONSTRAINT "assembly_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_replies" ADD CONSTRAINT "assembly_replies_meeting_id_assembly_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."assembly_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_replies" ADD CONSTRAINT "assembly_replies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assemblies_neighbourhood_idx" ON "assemblies" USING btree ("neighbourhood_id");--> statement-breakpoint
CREATE INDEX "assembly_decisions_assembly_idx" ON "assembly_decisions" USING btree ("assembly_id","status","due_on");--> statement-breakpoint
CREATE INDEX "assembly_decisions_meeting_idx" ON "assembly_decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "assembly_decisions_due_idx" ON "assembly_decisions" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "assembly_meetings_assembly_idx" ON "assembly_meetings" USING btree ("assembly_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_members_live_key" ON "assembly_members" USING btree ("assembly_id","user_id") WHERE "assembly_members"."status" in ('requested', 'active');--> statement-breakpoint
CREATE INDEX "assembly_members_assembly_idx" ON "assembly_members" USING btree ("assembly_id","status");--> statement-breakpoint
CREATE INDEX "assembly_members_user_idx" ON "assembly_members" USING btree ("user_id");