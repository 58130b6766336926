CREATE TABLE "panel_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"language" text NOT NULL,
	"text" text,
	"choice" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_answers_one" CHECK (("panel_answers"."text" is null) <> ("panel_answers"."choice" is null))
);
--> statement-breakpoint
CREATE TABLE "panel_compensations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"given_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_compensations_amount" CHECK ("panel_compensations"."amount_cents" between 1 and 100000000),
	CONSTRAINT "panel_compensations_currency" CHECK ("panel_compensations"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "panel_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'preparing' NOT NULL,
	"shared_at" timestamp with time zone,
	"summary" text,
	"summary_published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "panel_drafts_status" CHECK ("panel_drafts"."status" in ('preparing', 'open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "panel_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"draft_id" uuid,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"alt" text DEFAULT '' NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_images_type" CHECK ("panel_images"."media_type" in ('image/jpeg', 'image/png', 'image/webp'))
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"panel_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"invited_by" uuid,
	CONSTRAINT "panel_members_status" CHECK ("panel_members"."status" in ('invited', 'accepted', 'declined')),
	CONSTRAINT "panel_members_consent" CHECK ("panel_members"."status" = 'invited' or "panel_members"."responded_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "panel_pool" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"languages" text[] NOT NULL,
	"age_band" text NOT NULL,
	"gender" text,
	"gender_self" text,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_pool_age_band" CHECK ("panel_pool"."age_band" in ('18_24', '25_34', '35_49', '50_64', '65_plus')),
	CONSTRAINT "panel_pool_languages" CHECK (cardinality("panel_pool"."languages") between 1 and 30)
);
--> statement-breakpoint
CREATE TABLE "panel_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draft_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"text" jsonb NOT NULL,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "panel_questions_kind" CHECK ("panel_questions"."kind" in ('text', 'choice')),
	CONSTRAINT "panel_questions_position" CHECK ("panel_questions"."position" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "panels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"languages" text[] NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "panel_answers" ADD CONSTRAINT "panel_answers_question_id_panel_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."panel_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_answers" ADD CONSTRAINT "panel_answers_member_id_panel_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."panel_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_compensations" ADD CONSTRAINT "panel_compensations_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_compensations" ADD CONSTRAINT "panel_compensations_member_id_panel_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."panel_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_compensations" ADD CONSTRAINT "panel_compensations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_drafts" ADD CONSTRAINT "panel_drafts_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_drafts" ADD CONSTRAINT "panel_drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_images" ADD CONSTRAINT "panel_images_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_images" ADD CONSTRAINT "panel_images_draft_id_panel_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."panel_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_pool" ADD CONSTRAINT "panel_pool_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_questions" ADD CONSTRAINT "panel_questions_draft_id_panel_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."panel_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "panel_answers_key" ON "panel_answers" USING btree ("question_id","member_id");--> statement-breakpoint
CREATE INDEX "panel_answers_member_idx" ON "panel_answers" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "panel_compensations_panel_idx" ON "panel_compensations" USING btree ("panel_id");--> statement-breakpoint
CREATE INDEX "panel_drafts_panel_idx" ON "panel_drafts" USING btree ("panel_id");--> statement-breakpoint
CREATE INDEX "panel_images_panel_idx" ON "panel_images" USING btree ("panel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_members_key" ON "panel_members" USING btree ("panel_id","user_id");--> statement-breakpoint
CREATE INDEX "panel_members_user_idx" ON "panel_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "panel_questions_key" ON "panel_questions" USING btree ("draft_id","position");