CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS cube;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"name" text,
	"title" text,
	"department" text,
	"email" text,
	"phone" text
);
--> statement-breakpoint
CREATE TABLE "cost_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"option" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"amount_cents" integer,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"amount_description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "directory_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"organisation_id" uuid,
	"change" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"location_type" text DEFAULT 'physical' NOT NULL,
	"name" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"transportation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"address_1" text,
	"address_2" text,
	"city" text,
	"postal_code" text,
	"region" text,
	"country" text DEFAULT 'IT' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"neighbourhood_id" uuid,
	"wheelchair_accessible" boolean,
	"accessibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"number" text NOT NULL,
	"type" text DEFAULT 'voice' NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "required_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"document" jsonb NOT NULL,
	"uri" text
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid,
	"kind" text DEFAULT 'weekly' NOT NULL,
	"weekday" smallint,
	"opens_at" text,
	"closes_at" text,
	"valid_from" date,
	"valid_to" date,
	"closed" boolean DEFAULT false NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"neighbourhood_id" uuid,
	"name" text,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_at_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" jsonb NOT NULL,
	"alternate_name" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"eligibility" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"application_process" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fees_description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"url" text,
	"email" text,
	"status" text DEFAULT 'active' NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"features" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"minimum_age" smallint,
	"maximum_age" smallint,
	"last_verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_verified_by" uuid,
	"reminder_6_sent_at" timestamp with time zone,
	"reminder_9_sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(name->>'en', '') || ' ' || coalesce(alternate_name->>'en', '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(description->>'en', '')), 'B') || setweight(to_tsvector('italian'::regconfig, coalesce(name->>'it', '') || ' ' || coalesce(alternate_name->>'it', '')), 'A') || setweight(to_tsvector('italian'::regconfig, coalesce(description->>'it', '')), 'B') || setweight(to_tsvector('spanish'::regconfig, coalesce(name->>'es', '') || ' ' || coalesce(alternate_name->>'es', '')), 'A') || setweight(to_tsvector('spanish'::regconfig, coalesce(description->>'es', '')), 'B') || setweight(to_tsvector('french'::regconfig, coalesce(name->>'fr', '') || ' ' || coalesce(alternate_name->>'fr', '')), 'A') || setweight(to_tsvector('french'::regconfig, coalesce(description->>'fr', '')), 'B') || setweight(to_tsvector('german'::regconfig, coalesce(name->>'de', '') || ' ' || coalesce(alternate_name->>'de', '')), 'A') || setweight(to_tsvector('german'::regconfig, coalesce(description->>'de', '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(name->>'pl', '') || ' ' || coalesce(alternate_name->>'pl', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(description->>'pl', '')), 'B') || setweight(to_tsvector('greek'::regconfig, coalesce(name->>'el', '') || ' ' || coalesce(alternate_name->>'el', '')), 'A') || setweight(to_tsvector('greek'::regconfig, coalesce(description->>'el', '')), 'B') || setweight(to_tsvector('romanian'::regconfig, coalesce(name->>'ro', '') || ' ' || coalesce(alternate_name->>'ro', '')), 'A') || setweight(to_tsvector('romanian'::regconfig, coalesce(description->>'ro', '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(name->>'uk', '') || ' ' || coalesce(alternate_name->>'uk', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(description->>'uk', '')), 'B') || setweight(to_tsvector('arabic'::regconfig, coalesce(name->>'ar', '') || ' ' || coalesce(alternate_name->>'ar', '')), 'A') || setweight(to_tsvector('arabic'::regconfig, coalesce(description->>'ar', '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(name->>'fa', '') || ' ' || coalesce(alternate_name->>'fa', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(description->>'fa', '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(name->>'ti', '') || ' ' || coalesce(alternate_name->>'ti', '')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(description->>'ti', '')), 'B')) STORED,
	"search_names" text GENERATED ALWAYS AS (lower(coalesce(name->>'en', '') || ' ' || coalesce(name->>'it', '') || ' ' || coalesce(name->>'es', '') || ' ' || coalesce(name->>'fr', '') || ' ' || coalesce(name->>'de', '') || ' ' || coalesce(name->>'pl', '') || ' ' || coalesce(name->>'el', '') || ' ' || coalesce(name->>'ro', '') || ' ' || coalesce(name->>'uk', '') || ' ' || coalesce(name->>'ar', '') || ' ' || coalesce(name->>'fa', '') || ' ' || coalesce(name->>'ti', ''))) STORED
);
--> statement-breakpoint
CREATE TABLE "taxonomies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"uri" text,
	"version" text
);
--> statement-breakpoint
CREATE TABLE "taxonomy_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"taxonomy_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"icon" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_options" ADD CONSTRAINT "cost_options_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_history" ADD CONSTRAINT "directory_history_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_history" ADD CONSTRAINT "directory_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "required_documents" ADD CONSTRAINT "required_documents_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_neighbourhood_id_neighbourhoods_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."neighbourhoods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_locations" ADD CONSTRAINT "service_at_locations_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_locations" ADD CONSTRAINT "service_at_locations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_last_verified_by_users_id_fk" FOREIGN KEY ("last_verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_terms" ADD CONSTRAINT "taxonomy_terms_taxonomy_id_taxonomies_id_fk" FOREIGN KEY ("taxonomy_id") REFERENCES "public"."taxonomies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_service_idx" ON "contacts" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "cost_options_service_idx" ON "cost_options" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_history_entity_idx" ON "directory_history" USING btree ("entity","entity_id","changed_at");--> statement-breakpoint
CREATE INDEX "locations_organisation_idx" ON "locations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "locations_neighbourhood_idx" ON "locations" USING btree ("neighbourhood_id");--> statement-breakpoint
CREATE INDEX "locations_earth_idx" ON "locations" USING gist (ll_to_earth("latitude", "longitude"));--> statement-breakpoint
CREATE INDEX "phones_service_idx" ON "phones" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "phones_location_idx" ON "phones" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "required_documents_service_idx" ON "required_documents" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "schedules_service_idx" ON "schedules" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "service_areas_service_idx" ON "service_areas" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "service_areas_neighbourhood_idx" ON "service_areas" USING btree ("neighbourhood_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_at_locations_key" ON "service_at_locations" USING btree ("service_id","location_id");--> statement-breakpoint
CREATE INDEX "service_at_locations_location_idx" ON "service_at_locations" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "services_organisation_idx" ON "services" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "services_needs_idx" ON "services" USING gin ("needs");--> statement-breakpoint
CREATE INDEX "services_features_idx" ON "services" USING gin ("features");--> statement-breakpoint
CREATE INDEX "services_languages_idx" ON "services" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "services_search_idx" ON "services" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "services_names_trgm_idx" ON "services" USING gin ("search_names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "services_verified_idx" ON "services" USING btree ("last_verified_at");--> statement-breakpoint
CREATE UNIQUE INDEX "taxonomies_code_key" ON "taxonomies" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "taxonomy_terms_code_key" ON "taxonomy_terms" USING btree ("taxonomy_id","code");