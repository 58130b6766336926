CREATE TABLE "matching_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"organisation_id" uuid,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_programmes_kind" CHECK ("matching_programmes"."kind" in ('guardianship', 'volunteering', 'buddy', 'placement'))
);
--> statement-breakpoint
ALTER TABLE "matching_programmes" ADD CONSTRAINT "matching_programmes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_programmes" ADD CONSTRAINT "matching_programmes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matching_programmes_kind_idx" ON "matching_programmes" USING btree ("kind","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matching_programmes_guardianship_key" ON "matching_programmes" USING btree ("kind") WHERE "matching_programmes"."kind" = 'guardianship';