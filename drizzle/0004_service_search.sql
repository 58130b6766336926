-- The search table: one narrow row per service the public may see (its
-- organisation verified, the service active or temporarily closed), holding
-- only what search filters and ranks on. The services table carries every
-- locale's texts (about 1.3 KB a row, six rows to a page); a broad search
-- ("food", 7,000 services of 100,000) read most of its pages. Here a row is
-- a fifth of that and the whole table stays in memory.
--
-- Kept up to date by statement triggers on every table it draws from, so no
-- write path (workspace, import, demo, SQL by hand) can forget it. A bulk
-- writer may set convive.search_deferred for its transaction and refresh its
-- services once at the end (src/lib/server/directory/search-table.ts): each
-- row is then written once, and the table stays compact.
CREATE TABLE "service_search" (
	"service_id" uuid PRIMARY KEY NOT NULL REFERENCES "services"("id") ON DELETE CASCADE,
	"needs" text[] NOT NULL,
	"features" text[] NOT NULL,
	"languages" text[] NOT NULL,
	-- Locales the service's name is written in: readers see their own first.
	"locales" text[] NOT NULL,
	-- Neighbourhoods of its locations and of the areas it serves.
	"neighbourhood_ids" uuid[] NOT NULL,
	-- Coordinates of its locations, pairwise.
	"latitudes" float8[] NOT NULL,
	"longitudes" float8[] NOT NULL,
	"search_vector" tsvector,
	"last_verified_at" timestamp with time zone NOT NULL,
	-- Weekly hours as minutes of the week (Monday 00:00 = 0), when they are
	-- plain: every weekly row without a season and closing after it opens.
	"week_open" int4multirange NOT NULL,
	-- Days the whole service is closed (holidays for every place).
	"closed_days" datemultirange NOT NULL,
	-- Days with any other exception (special hours, a holiday at one place).
	"exception_days" datemultirange NOT NULL,
	-- Hours "open now" must read from the schedules themselves.
	"irregular_hours" boolean NOT NULL
) WITH (fillfactor = 80);
--> statement-breakpoint
CREATE INDEX "service_search_needs_idx" ON "service_search" USING gin ("needs");
--> statement-breakpoint
CREATE INDEX "service_search_features_idx" ON "service_search" USING gin ("features");
--> statement-breakpoint
CREATE INDEX "service_search_languages_idx" ON "service_search" USING gin ("languages");
--> statement-breakpoint
CREATE INDEX "service_search_neighbourhoods_idx" ON "service_search" USING gin ("neighbourhood_ids");
--> statement-breakpoint
CREATE INDEX "service_search_vector_idx" ON "service_search" USING gin ("search_vector");
--> statement-breakpoint
CREATE FUNCTION "service_search_minutes"(t text) RETURNS integer
	LANGUAGE sql IMMUTABLE STRICT
	AS $$ SELECT split_part(t, ':', 1)::integer * 60 + split_part(t, ':', 2)::integer $$;
--> statement-breakpoint
-- Rebuilds the rows of the given services: writes the ones the public may
-- see, rewriting a row only when something in it changed (so a version bump
-- or a new phone number leaves it alone, and a changed row is updated in
-- place on its page, which fillfactor leaves room for), and drops the others.
-- Ids come as a set (IN (SELECT unnest)), so a bulk import refreshing 100,000
-- services hashes them instead of scanning an array.
CREATE FUNCTION "service_search_refresh"(ids uuid[]) RETURNS void
	LANGUAGE plpgsql
	AS $$
BEGIN
	IF ids IS NULL OR cardinality(ids) = 0 THEN
		RETURN;
	END IF;
	INSERT INTO service_search AS t (
		service_id, needs, features, languages, locales, neighbourhood_ids, latitudes, longitudes,
		search_vector, last_verified_at, week_open, closed_days, exception_days, irregular_hours
	)
	SELECT s.id, s.needs, s.features, s.languages,
		array(SELECT e.key FROM jsonb_each_text(s.name) e WHERE e.value <> '' ORDER BY e.key),
		array(
			SELECT l.neighbourhood_id FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
			WHERE sal.service_id = s.id AND l.neighbourhood_id IS NOT NULL
			UNION
			SELECT a.neighbourhood_id FROM service_areas a WHERE a.service_id = s.id AND a.neighbourhood_id IS NOT NULL
			ORDER BY 1
		),
		coalesce(p.latitudes, '{}'), coalesce(p.longitudes, '{}'),
		s.search_vector, s.last_verified_at,
		coalesce((
			SELECT range_agg(int4range(
				(w.weekday - 1) * 1440 + service_search_minutes(w.opens_at),
				(w.weekday - 1) * 1440 + service_search_minutes(w.closes_at)))
			FROM schedules w
			WHERE w.service_id = s.id AND w.kind = 'weekly' AND w.weekday BETWEEN 1 AND 7
			  AND w.opens_at IS NOT NULL AND w.closes_at IS NOT NULL AND w.closes_at > w.opens_at
		), '{}'::int4multirange),
		coalesce((
			SELECT range_agg(daterange(e.valid_from, coalesce(e.valid_to, e.valid_from), '[]'))
			FROM schedules e
			WHERE e.service_id = s.id AND e.kind = 'exception' AND e.valid_from IS NOT NULL
			  AND coalesce(e.valid_to, e.valid_from) >= e.valid_from
			  AND e.closed AND e.location_id IS NULL
		), '{}'::datemultirange),
		coalesce((
			SELECT range_agg(daterange(e.valid_from, coalesce(e.valid_to, e.valid_from), '[]'))
			FROM schedules e
			WHERE e.service_id = s.id AND e.kind = 'exception' AND e.valid_from IS NOT NULL
			  AND coalesce(e.valid_to, e.valid_from) >= e.valid_from
			  AND NOT (e.closed AND e.location_id IS NULL)
		), '{}'::datemultirange),
		EXISTS (
			SELECT 1 FROM schedules w
			WHERE w.service_id = s.id AND w.kind = 'weekly'
			  AND (w.valid_from IS NOT NULL OR w.valid_to IS NOT NULL OR w.weekday IS NULL OR w.weekday NOT BETWEEN 1 AND 7
			       OR w.opens_at IS NULL OR w.closes_at IS NULL OR w.closes_at <= w.opens_at)
		) OR EXISTS (
			SELECT 1 FROM schedules e
			WHERE e.service_id = s.id AND e.kind = 'exception'
			  AND (e.valid_from IS NULL OR coalesce(e.valid_to, e.valid_from) < e.valid_from)
		)
	FROM services s
	JOIN organisations o ON o.id = s.organisation_id
	LEFT JOIN LATERAL (
		SELECT array_agg(l.latitude ORDER BY l.id) AS latitudes, array_agg(l.longitude ORDER BY l.id) AS longitudes
		FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
		WHERE sal.service_id = s.id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
	) p ON true
	WHERE s.id IN (SELECT unnest(ids))
	  AND o.verification = 'verified'
	  AND s.status IN ('active', 'temporarily closed')
	ON CONFLICT (service_id) DO UPDATE SET
		needs = excluded.needs, features = excluded.features, languages = excluded.languages,
		locales = excluded.locales, neighbourhood_ids = excluded.neighbourhood_ids,
		latitudes = excluded.latitudes, longitudes = excluded.longitudes,
		search_vector = excluded.search_vector, last_verified_at = excluded.last_verified_at,
		week_open = excluded.week_open, closed_days = excluded.closed_days,
		exception_days = excluded.exception_days, irregular_hours = excluded.irregular_hours
	WHERE (t.*) IS DISTINCT FROM (excluded.*);
	DELETE FROM service_search x
	WHERE x.service_id IN (SELECT unnest(ids))
	  AND NOT EXISTS (
		SELECT 1 FROM services s JOIN organisations o ON o.id = s.organisation_id
		WHERE s.id = x.service_id AND o.verification = 'verified' AND s.status IN ('active', 'temporarily closed'));
END
$$;
--> statement-breakpoint
CREATE FUNCTION "service_search_on_services"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	-- A bulk writer (import, benchmark generator) defers and refreshes its services once at the end.
	IF current_setting('convive.search_deferred', true) = 'on' THEN
		RETURN NULL;
	END IF;
	PERFORM service_search_refresh(array(SELECT id FROM changed));
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "service_search_services_insert" AFTER INSERT ON "services"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_services();
--> statement-breakpoint
CREATE TRIGGER "service_search_services_update" AFTER UPDATE ON "services"
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_services();
--> statement-breakpoint
-- Rows that name a service (schedules, places, areas): refresh the services
-- named before and after the change.
CREATE FUNCTION "service_search_on_service_rows"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	-- A bulk writer (import, benchmark generator) defers and refreshes its services once at the end.
	IF current_setting('convive.search_deferred', true) = 'on' THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' THEN
		PERFORM service_search_refresh(array(SELECT DISTINCT service_id FROM new_rows));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM service_search_refresh(array(SELECT DISTINCT service_id FROM old_rows));
	ELSE
		PERFORM service_search_refresh(array(
			SELECT service_id FROM new_rows UNION SELECT service_id FROM old_rows));
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "service_search_schedules_insert" AFTER INSERT ON "schedules"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_schedules_update" AFTER UPDATE ON "schedules"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_schedules_delete" AFTER DELETE ON "schedules"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_places_insert" AFTER INSERT ON "service_at_locations"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_places_update" AFTER UPDATE ON "service_at_locations"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_places_delete" AFTER DELETE ON "service_at_locations"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_areas_insert" AFTER INSERT ON "service_areas"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_areas_update" AFTER UPDATE ON "service_areas"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
CREATE TRIGGER "service_search_areas_delete" AFTER DELETE ON "service_areas"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_service_rows();
--> statement-breakpoint
-- A location moved (coordinates, neighbourhood): its services.
CREATE FUNCTION "service_search_on_locations"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	-- A bulk writer (import, benchmark generator) defers and refreshes its services once at the end.
	IF current_setting('convive.search_deferred', true) = 'on' THEN
		RETURN NULL;
	END IF;
	PERFORM service_search_refresh(array(
		SELECT DISTINCT sal.service_id FROM service_at_locations sal
		WHERE sal.location_id IN (
			SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
			WHERE (n.latitude, n.longitude, n.neighbourhood_id) IS DISTINCT FROM (o.latitude, o.longitude, o.neighbourhood_id))));
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "service_search_locations_update" AFTER UPDATE ON "locations"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_locations();
--> statement-breakpoint
-- An organisation verified, refused or suspended: its services appear or go.
CREATE FUNCTION "service_search_on_organisations"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	-- A bulk writer (import, benchmark generator) defers and refreshes its services once at the end.
	IF current_setting('convive.search_deferred', true) = 'on' THEN
		RETURN NULL;
	END IF;
	PERFORM service_search_refresh(array(
		SELECT s.id FROM services s
		WHERE s.organisation_id IN (
			SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
			WHERE n.verification IS DISTINCT FROM o.verification)));
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "service_search_organisations_update" AFTER UPDATE ON "organisations"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_search_on_organisations();
--> statement-breakpoint
SELECT service_search_refresh(array(SELECT id FROM services));
