/**
 * Directory search: the public portal's search page and the benchmark both
 * go through here.
 *
 * One SQL statement (built by `searchSql`) finds, filters, ranks, counts and
 * pages the services; the use case only parses the query and shapes the rows.
 *
 * - Text matches across every locale: the stored `search_vector` holds each
 *   locale's words stemmed with that language's configuration, so a query is
 *   turned into one tsquery OR-ing `simple` (unstemmed words in any script),
 *   the reader's configuration and those of the stored languages written in
 *   the query's script. Queries go through websearch_to_tsquery as
 *   parameters, so no input can break the SQL. Ranked by ts_rank (names
 *   weigh more than descriptions).
 * - Filters, ranking and counting read the narrow `service_search` table
 *   (see migration 0004), which triggers keep in step with the directory.
 * - Typo tolerance: when full text finds fewer than TYPO_FALLBACK_BELOW
 *   services, names are also matched by trigram word similarity (pg_trgm,
 *   GIN index on `search_names`).
 * - Only services of verified organisations that are active or temporarily
 *   closed are ever returned.
 * - "Open now" is judged in the city's time zone from the weekly hours and
 *   the exceptions (holidays close a service, special days override hours).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CITY_TIME_ZONE, formatMinutes, localMoment as zonedMoment } from '../../directory/hours.ts';
import { features as featureTerms, needs as needTerms } from '../../directory/taxonomy.ts';
import { isDirectoryLocale, searchConfig, type LocalText } from '../../directory/text.ts';
import type { Tx } from '../db/index.ts';

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 50;
/** Page numbers beyond this are refused (ignored): nobody pages that far, and OFFSET grows linearly. */
export const MAX_PAGE = 500;
/** Trigram (typo) matching joins in when full text finds fewer services than this. */
export const TYPO_FALLBACK_BELOW = 5;
/** word_similarity above which a name counts as a typo match ("langauge" ~ "language" is 0.55). */
export const TYPO_THRESHOLD = 0.4;
/** Typo matching is for a word or two, and keeps the first TYPO_LIMIT names it finds. */
export const TYPO_MAX_LENGTH = 40;
export const TYPO_MAX_WORDS = 3;
export const TYPO_LIMIT = 200;
/**
 * Counting stops here: past it a page says "more than 1,000" (and offers filters) instead of
 * counting 90,000 services a person will never page through. Pages stop there too.
 */
export const TOTAL_CAP = 1000;

const needCodes = needTerms.map((t) => t.code) as [string, ...string[]];
const featureCodes = featureTerms.map((t) => t.code) as [string, ...string[]];

/** Control characters, bidi overrides, lone surrogates: dropped before anything else sees the text. */
const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Trimmed free text, cut (not refused) at MAX_QUERY_LENGTH characters, never splitting a character. */
export function cleanQueryText(input: string): string {
	const wellFormed = input.toWellFormed().replace(/\ufffd/g, ' ');
	const flat = wellFormed.replace(UNWANTED, ' ').replace(/\s+/g, ' ').trim();
	return Array.from(flat).slice(0, MAX_QUERY_LENGTH).join('').trim();
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const list = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);
const flag = (v: unknown) => {
	const x = one(v);
	return x === '1' || x === 'on' || x === 'true' || x === true;
};

const number = (min: number, max: number) =>
	z.preprocess(
		(v) => {
			const x = one(v);
			if (x === undefined || x === null || x === '') return undefined;
			if (typeof x === 'number') return x;
			return typeof x === 'string' && /^\s*-?\d{1,3}(\.\d{1,12})?\s*$/.test(x) ? Number(x) : Number.NaN;
		},
		z.number().min(min).max(max).optional()
	);

const integer = (min: number, max: number) =>
	z.preprocess((v) => {
		const x = one(v);
		if (x === undefined || x === null || x === '') return undefined;
		if (typeof x === 'number') return x;
		return typeof x === 'string' && /^\s*\d{1,9}\s*$/.test(x) ? Number(x) : Number.NaN;
	}, z.number().int().min(min).max(max).optional());

/**
 * The search query, from URL parameters (`string | string[]` per key) or a
 * plain object. Invalid values fail here; `parseSearchQuery` drops them
 * instead of failing, which is what a public page wants.
 */
export const searchQuerySchema = z
	.object({
		q: z.preprocess((v) => cleanQueryText(String(one(v) ?? '')), z.string()),
		need: z.preprocess(list, z.array(z.enum(needCodes)).max(needCodes.length)),
		feature: z.preprocess(list, z.array(z.enum(featureCodes)).max(featureCodes.length)),
		lang: z.preprocess((v) => {
			const x = one(v);
			return x === undefined || x === null || x === '' ? undefined : String(x).trim().toLowerCase();
		}, z.string().regex(/^[a-z]{2}$/).optional()),
		open: z.preprocess(flag, z.boolean()),
		nb: z.preprocess((v) => {
			const x = one(v);
			return x === undefined || x === null || x === '' ? undefined : String(x).trim();
		}, z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional()),
		lat: number(-90, 90),
		lng: number(-180, 180),
		page: integer(1, MAX_PAGE),
		perPage: z.preprocess((v) => {
			const x = one(v);
			if (x === undefined || x === null || x === '') return undefined;
			const n = typeof x === 'number' ? x : /^\s*\d{1,9}\s*$/.test(String(x)) ? Number(x) : Number.NaN;
			// More than the maximum is cut to it, like a long text.
			return Number.isInteger(n) && n > MAX_PER_PAGE ? MAX_PER_PAGE : n;
		}, z.number().int().min(1).max(MAX_PER_PAGE).optional())
	})
	.transform((o) => {
		// A point needs both coordinates.
		const point = o.lat !== undefined && o.lng !== undefined ? { lat: o.lat, lng: o.lng } : null;
		return {
			q: o.q,
			need: [...new Set(o.need)],
			feature: [...new Set(o.feature)],
			lang: o.lang ?? null,
			open: o.open,
			nb: o.nb ?? null,
			point,
			page: o.page ?? 1,
			perPage: o.perPage ?? DEFAULT_PER_PAGE
		};
	});

export type SearchQuery = z.output<typeof searchQuerySchema>;
export type SearchField = 'q' | 'need' | 'feature' | 'lang' | 'open' | 'nb' | 'lat' | 'lng' | 'page' | 'perPage';

/** URL parameters as the schema takes them: repeated keys become lists. */
export function paramsToObject(sp: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(sp.keys())) {
		const all = sp.getAll(key);
		out[key] = all.length === 1 ? all[0] : all;
	}
	return out;
}

/**
 * Never fails: a value the schema refuses is dropped (one bad need code
 * among good ones drops only that code) and named in `ignored`, so a page
 * can say so gently and still search with the rest.
 */
export function parseSearchQuery(input: Record<string, unknown> | URLSearchParams): {
	query: SearchQuery;
	ignored: SearchField[];
} {
	const raw: Record<string, unknown> = input instanceof URLSearchParams ? paramsToObject(input) : { ...input };
	const ignored = new Set<SearchField>();
	for (let attempt = 0; attempt < 12; attempt++) {
		const r = searchQuerySchema.safeParse(raw);
		if (r.success) {
			// Half a point is no point: say so.
			if (!r.data.point && (raw.lat !== undefined || raw.lng !== undefined) && (raw.lat !== '' || raw.lng !== '')) {
				if (raw.lat !== undefined && raw.lat !== '') ignored.add('lat');
				if (raw.lng !== undefined && raw.lng !== '') ignored.add('lng');
			}
			return { query: r.data, ignored: [...ignored] };
		}
		const drops = new Map<string, Set<number> | 'all'>();
		for (const issue of r.error.issues) {
			const key = String(issue.path[0] ?? '');
			if (!key) continue;
			ignored.add(key as SearchField);
			const index = issue.path[1];
			const current = drops.get(key);
			if (typeof index === 'number' && current !== 'all') {
				drops.set(key, (current ?? new Set()).add(index));
			} else drops.set(key, 'all');
		}
		if (drops.size === 0) break;
		for (const [key, what] of drops) {
			if (what === 'all') delete raw[key];
			else raw[key] = list(raw[key]).filter((_, i) => !what.has(i));
		}
	}
	return { query: searchQuerySchema.parse({}), ignored: [...ignored] };
}

/** Weekday (1 = Monday … 7 = Sunday), date and 'HH:MM' of an instant in a time zone. */
export function localMoment(now: Date, timeZone: string): { weekday: number; date: string; time: string } {
	const m = zonedMoment(now, timeZone);
	return { weekday: m.weekday, date: m.date, time: formatMinutes(m.minutes) };
}

export interface SearchSqlOptions {
	/** The instant "open now" is judged at. */
	now?: Date;
	/** The city's time zone. */
	timeZone?: string;
	/**
	 * With a point and no text, more candidates than this are found by walking the nearest
	 * locations instead of measuring each (default TOTAL_CAP). Tests set 0 to compare the walk
	 * with plain measuring.
	 */
	walkAbove?: number;
}

/** Stemmed text-search configurations by the script their languages are written in. */
const STEMMED_BY_SCRIPT: [RegExp, string[]][] = [
	[/\p{Script=Latin}/u, ['english', 'italian', 'spanish', 'french', 'german', 'romanian']],
	[/\p{Script=Greek}/u, ['greek']],
	[/\p{Script=Arabic}/u, ['arabic']]
];

/** The configurations a query is parsed with: unstemmed, the reader's, and its script's languages. */
export function queryConfigs(q: string, readerConfig: string): string[] {
	const configs = new Set(['simple', readerConfig]);
	for (const [script, list] of STEMMED_BY_SCRIPT) if (script.test(q)) for (const c of list) configs.add(c);
	return [...configs];
}

/** Metres per degree of latitude (a great circle of the mean Earth radius, 6,371 km). */
const METRES_PER_DEGREE = (6_371_000 * Math.PI) / 180;

/**
 * Metres from a point to a column pair, on the plane tangent at the point
 * (equirectangular): within a city the error is under a metre in a
 * kilometre, and it is plain arithmetic where earth_distance calls
 * trigonometry twice per row. The nearest-first walk still uses the
 * spatial index (ll_to_earth <->), whose order agrees with this one.
 */
export function metresFrom(point: { lat: number; lng: number }, lat: SQL, lng: SQL): SQL {
	const perLng = METRES_PER_DEGREE * Math.cos((point.lat * Math.PI) / 180);
	return sql`sqrt(power((${lat} - ${point.lat}::float8) * ${METRES_PER_DEGREE}::float8, 2) + power((${lng} - ${point.lng}::float8) * ${perLng}::float8, 2))`;
}

const textArray = (values: readonly string[]) =>
	sql`array[${sql.join(
		values.map((v) => sql`${v}`),
		sql`, `
	)}]::text[]`;

/**
 * The whole search as one statement. Rows: one per result in rank order,
 * each carrying `total`; when nothing matches, a single row with a null id
 * and the total (0, or the count when the page is past the end).
 *
 * It reads the narrow `service_search` table (migration 0004: one row per
 * service the public may see, kept by triggers) and touches `services` only
 * for the page's rows and for typo matching.
 */
export function searchSql(query: SearchQuery, locale: string, opts: SearchSqlOptions = {}): SQL {
	const loc = isDirectoryLocale(locale) ? locale : 'en';
	const cfg = searchConfig[loc];
	const q = query.q;
	const hasText = /[\p{L}\p{N}]/u.test(q);
	const point = query.point;
	const perPage = Math.min(Math.max(1, Math.trunc(query.perPage)), MAX_PER_PAGE);
	const offset = (Math.max(1, Math.trunc(query.page)) - 1) * perPage;

	const where: SQL[] = [];
	if (query.need.length) where.push(sql`x.needs && ${textArray(query.need)}`);
	if (query.feature.length) where.push(sql`x.features @> ${textArray(query.feature)}`);
	if (query.lang) where.push(sql`x.languages @> ${textArray([query.lang])}`);
	if (query.nb) {
		// In the neighbourhood: a location there or an area served there. An unknown slug matches nothing.
		where.push(sql`x.neighbourhood_ids @> array[(select n.id from neighbourhoods n where n.slug = ${query.nb})]::uuid[]`);
	}
	if (query.open) {
		const zoned = zonedMoment(opts.now ?? new Date(), opts.timeZone ?? CITY_TIME_ZONE);
		const m = { weekday: zoned.weekday, date: zoned.date, time: formatMinutes(zoned.minutes) };
		const minuteOfWeek = (m.weekday - 1) * 1440 + zoned.minutes;
		const today = sql`${m.date}::date`;
		const covers = (e: SQL) =>
			sql`${e}.kind = 'exception' and ${e}.valid_from <= ${today} and coalesce(${e}.valid_to, ${e}.valid_from) >= ${today}`;
		const e = sql.raw('e');
		const w = sql.raw('w');
		// Closed all day today everywhere (a holiday): closed. Plain weekly hours with no other
		// exception today: the minute of the week is in them. Otherwise (special hours today, a
		// holiday at one place, seasonal hours) the schedules decide: open by weekly hours unless
		// an exception covers today (for all places or this one), or open by an exception's own
		// hours today.
		where.push(sql`(case when x.closed_days @> ${today} then false
			when not x.irregular_hours and not (x.exception_days @> ${today})
			then x.week_open @> ${minuteOfWeek}::int
			else coalesce((
				select true from schedules w
				where w.service_id = x.service_id
				  and (
					(w.kind = 'weekly' and w.weekday = ${m.weekday}
					  and w.opens_at <= ${m.time} and w.closes_at > ${m.time}
					  and (w.valid_from is null or w.valid_from <= ${today})
					  and (w.valid_to is null or w.valid_to >= ${today})
					  and not exists (
						select 1 from schedules e
						where e.service_id = w.service_id and ${covers(e)}
						  and (e.location_id is null or e.location_id = w.location_id)
					  ))
					or (${covers(w)} and not w.closed and w.opens_at <= ${m.time} and w.closes_at > ${m.time})
				  )
				limit 1
			), false) end)`);
	}
	const filters = where.length ? sql.join(where, sql` and `) : sql`true`;

	const here = point ? sql`ll_to_earth(${point.lat}::float8, ${point.lng}::float8)` : null;
	const metres = (lat: SQL, lng: SQL) => (point ? metresFrom(point, lat, lng) : sql`null::float8`);
	// Metres from the point to the service's nearest location, from the coordinates on its row.
	// Most services have one or two places: measured inline, as a subquery per row costs more
	// than the arithmetic.
	const nth = (i: number) => metres(sql.raw(`x.latitudes[${i}]`), sql.raw(`x.longitudes[${i}]`));
	const distance = point
		? sql`(case cardinality(x.latitudes) when 0 then null when 1 then ${nth(1)} when 2 then least(${nth(1)}, ${nth(2)})
			else (select min(${metres(sql`u.lat`, sql`u.lng`)}) from unnest(x.latitudes, x.longitudes) u(lat, lng)) end)`
		: sql`null::float8`;
	// Services written in the reader's language come first among equals, then the most recently verified.
	const columns = (score: SQL) =>
		sql`x.service_id as id, ${score} as score, ${distance} as distance,
			x.locales @> ${textArray([loc])} as in_locale, x.last_verified_at`;

	const ctes: SQL[] = [];
	if (hasText) {
		// One tsquery: the words unstemmed (any script), stemmed the reader's way, and stemmed the
		// way of every stored language written in the query's script, so "job counselling" typed
		// on an Arabic page still meets the English "Job counselling". OR-ed inside one query,
		// the index is scanned once.
		// Languages that stem a word alike give the same branch; each kept once, since ts_rank's
		// cost grows with the query. Computed once for the statement (an InitPlan).
		const tq = sql`(select coalesce(string_agg(distinct '(' || t::text || ')', ' | ')::tsquery, ''::tsquery)
			from unnest(array[${sql.join(
				queryConfigs(q, cfg).map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${q})`),
				sql`, `
			)}]) t where numnode(t) > 0)`;
		// ts_rank weighs names (A) over descriptions (B); ts_rank_cd's cover density cost four
		// times as much on broad matches and ordered them no better.
		ctes.push(sql`fts as materialized (
			select ${columns(sql`ts_rank(x.search_vector, ${tq})`)}
			from service_search x
			where x.search_vector @@ ${tq}
			  and ${filters}
		)`);
		// Gated: the trigram scan runs only when full text found few services.
		// The threshold is set for this statement only, before the index scan starts.
		// Only short queries can be typos worth correcting ("langauge"); a sentence that full text
		// cannot match is not rescued by trigram similarity, and would cost a scan.
		const typoable = q.length <= TYPO_MAX_LENGTH && q.split(' ').length <= TYPO_MAX_WORDS;
		ctes.push(sql`typo as (
			select ${columns(sql`word_similarity(${q.toLowerCase()}, s.search_names) * 0.5`)}
			from services s join service_search x on x.service_id = s.id
			where ${typoable ? sql`true` : sql`false`}
			  and (select count(*) from fts) < ${TYPO_FALLBACK_BELOW}
			  and (select set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_THRESHOLD)}, true)) is not null
			  -- The text as an InitPlan: as a constant, the planner spent 6 ms estimating <% on it.
			  and (select ${q.toLowerCase()}::text) <% s.search_names
			  and ${filters}
			limit ${TYPO_LIMIT}
		)`);
		// Typo matching runs only when full text found next to nothing: add what it found besides.
		// Not materialized: both readers scan fts's rows where they are, without a second copy.
		ctes.push(sql`cand as not materialized (
			select * from fts union all select * from typo t where not exists (select 1 from fts where fts.id = t.id)
		)`);
	}

	// Distance alone orders when a place is given without text: then, for a broad search, the
	// nearest locations are found through the spatial index instead of measuring every candidate.
	// Broad means at most one filter (a need, "open now", a language…: 5 % of services or more)
	// and over a thousand candidates. Two filters together leave a few percent, which are
	// measured faster than the index walk would find twenty of them.
	const knnPath = here !== null && !hasText && where.length <= 1;
	if (!hasText) {
		// Materialized: read by the count and, when few services are near, by the ranking; rows are
		// produced as they are read, so the count stops at its cap.
		ctes.push(sql`cand as materialized (
			select ${columns(sql`0::float4`)} from service_search x where ${filters}
		)`);
	}
	// The total, counted up to the cap (past it a page says "more than 1,000").
	ctes.push(sql`counted as (select count(*)::int as total from (select 1 from cand limit ${TOTAL_CAP + 1}) x)`);
	if (!knnPath) {
		ctes.push(sql`ranked as (select * from cand)`);
	} else {
		// Walk the nearest locations (KNN on the GiST index) and keep the services among them that
		// pass the filters. Any candidate left out has all its locations farther than every one
		// kept, so when enough are kept to fill the page, the page is exact. A short walk first,
		// a longer one if it kept too few; after that (few candidates near, or a far page)
		// distances are measured for all candidates.
		const wanted = offset + perPage;
		const walks = [200 + 10 * wanted, 1000 + 20 * wanted];
		walks.forEach((k, i) => {
			ctes.push(sql`${sql.raw(`knn${i}`)} as (
				select l.id, l.latitude, l.longitude from locations l
				where l.latitude is not null and l.longitude is not null
				order by ll_to_earth(l.latitude, l.longitude) <-> ${here}
				limit ${k}
			)`);
			// Lateral (kept apart by OFFSET 0): one index probe per nearby location, not a scan of
			// every service's places.
			ctes.push(sql`${sql.raw(`near${i}`)} as materialized (
				select x.service_id as id, 0::float4 as score, n.distance,
				       x.locales @> ${textArray([loc])} as in_locale, x.last_verified_at
				from (
					select sal.service_id, min(${metres(sql`k.latitude`, sql`k.longitude`)}) as distance
					from ${sql.raw(`knn${i}`)} k cross join lateral (
						select a.service_id from service_at_locations a where a.location_id = k.id offset 0
					) sal
					group by sal.service_id
				) n join service_search x on x.service_id = n.service_id
				where ${filters}
			)`);
		});
		const enough = (i: number) => sql.raw(`(select count(*) from near${i}) >= ${wanted}`);
		const broad = sql`(select total from counted) > ${Math.min(opts.walkAbove ?? TOTAL_CAP, TOTAL_CAP)}`;
		// A thousand candidates or fewer are measured directly (cheaper than walking the index);
		// only a broad search walks. Branches whose condition fails never read their CTEs.
		ctes.push(sql`ranked as (
			select * from cand where not ${broad}
			union all
			select * from near0 where ${broad} and ${enough(0)}
			union all
			select * from near1 where ${broad} and not ${enough(0)} and ${enough(1)}
			union all
			select * from cand where ${broad} and not ${enough(0)} and not ${enough(1)}
		)`);
	}
	// With a place, relevance fades with distance (halved at 2 km); without text, distance alone orders.
	const rank = here && hasText ? sql`r.score / (1 + coalesce(r.distance, 1e7) / 2000.0)` : sql`r.score`;
	// No window function here: ORDER BY with LIMIT lets PostgreSQL keep only the top rows (a
	// bounded heap sort) instead of sorting every candidate.
	ctes.push(sql`page as (
		select r.id, r.distance, ${rank} as rank, r.in_locale, r.last_verified_at
		from ranked r
		order by 3 desc, 2 asc nulls last, 4 desc, 5 desc, 1
		limit ${perPage} offset ${offset}
	)`);

	const nearestOrder = here
		? sql`${metres(sql`l.latitude`, sql`l.longitude`)} asc nulls last, l.id`
		: sql`l.address_1 nulls last, l.id`;
	return sql`with ${sql.join(ctes, sql`, `)}
		select t.total, p.id, s.name, s.description, o.name as organisation_name,
		       s.needs, s.features, s.languages, s.last_verified_at, p.distance,
		       nl.address_1, nl.city, nl.neighbourhood_name
		from counted t
		left join page p on true
		left join services s on s.id = p.id
		left join organisations o on o.id = s.organisation_id
		left join lateral (
			select l.address_1, l.city, n.name as neighbourhood_name
			from service_at_locations sal
			join locations l on l.id = sal.location_id
			left join neighbourhoods n on n.id = l.neighbourhood_id
			where sal.service_id = p.id
			order by ${nearestOrder}
			limit 1
		) nl on p.id is not null
		order by p.rank desc, p.distance asc nulls last, p.in_locale desc, p.last_verified_at desc, p.id`;
}

export interface SearchResult {
	id: string;
	name: LocalText;
	description: LocalText;
	organisationName: string;
	needs: string[];
	features: string[];
	languages: string[];
	distanceMetres: number | null;
	lastVerifiedAt: Date;
	/** The nearest location (to the point given, else the first by address). */
	location: { address: string | null; neighbourhood: string | null } | null;
}

export interface SearchPage {
	/** Exact up to TOTAL_CAP; at TOTAL_CAP when `more` says there are more. */
	total: number;
	/** More matches than TOTAL_CAP exist. */
	more: boolean;
	page: number;
	perPage: number;
	pageCount: number;
	results: SearchResult[];
}

interface Row {
	total: number | string;
	id: string | null;
	name: LocalText;
	description: LocalText;
	organisation_name: string;
	needs: string[];
	features: string[];
	languages: string[];
	last_verified_at: Date | string;
	distance: number | string | null;
	address_1: string | null;
	city: string | null;
	neighbourhood_name: string | null;
}

export function rowsOf<T>(result: unknown): T[] {
	return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/**
 * Searches the public directory. `query` is anything the schema accepts
 * (URL parameters, an object) or an already parsed query.
 */
export async function searchServices(
	db: Tx,
	query: SearchQuery | Record<string, unknown>,
	opts: { locale?: string } & SearchSqlOptions = {}
): Promise<SearchPage> {
	const parsed = isParsed(query) ? query : parseSearchQuery(query).query;
	const rows = rowsOf<Row>(await db.execute(searchSql(parsed, opts.locale ?? 'en', opts)));
	const counted = Number(rows[0]?.total ?? 0);
	const total = Math.min(counted, TOTAL_CAP);
	const results: SearchResult[] = rows
		.filter((r) => r.id !== null)
		.map((r) => {
			const address = [r.address_1, r.city].filter(Boolean).join(', ');
			return {
				id: r.id as string,
				name: r.name ?? {},
				description: r.description ?? {},
				organisationName: r.organisation_name,
				needs: r.needs ?? [],
				features: r.features ?? [],
				languages: r.languages ?? [],
				distanceMetres: r.distance === null || r.distance === undefined ? null : Math.round(Number(r.distance)),
				lastVerifiedAt: new Date(r.last_verified_at),
				location:
					address || r.neighbourhood_name
						? { address: address || null, neighbourhood: r.neighbourhood_name ?? null }
						: null
			};
		});
	return {
		total,
		more: counted > TOTAL_CAP,
		page: parsed.page,
		perPage: parsed.perPage,
		pageCount: Math.max(1, Math.ceil(total / parsed.perPage)),
		results
	};
}

function isParsed(q: SearchQuery | Record<string, unknown>): q is SearchQuery {
	return (
		typeof q === 'object' &&
		q !== null &&
		typeof (q as SearchQuery).page === 'number' &&
		typeof (q as SearchQuery).perPage === 'number' &&
		Array.isArray((q as SearchQuery).need) &&
		'point' in q
	);
}
