/**
 * What every /api/hsds endpoint shares: CORS for GET (any origin may read
 * public data; no credentials), a per-client-address rate limit, cache
 * headers, and errors as small JSON problems with a stable `code` (never an
 * HTML page or a 500 for bad input).
 */
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { getDb, type Db } from '#lib/server/db/index.ts';
import { hit, limitKey } from '#lib/server/auth/ratelimit.ts';
import { HsdsError, isUuid, loadVocabulary, type Paging, type ServiceFilters, type Vocabulary } from '#lib/server/directory/hsds.ts';
import { isDirectoryLocale } from '#lib/directory/text.ts';

/** Requests per client address per minute. */
export const HSDS_RATE_LIMIT = { max: 600, windowMs: 60_000 };
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 50;

const cors = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, OPTIONS',
	'access-control-allow-headers': 'Accept, Content-Type',
	'access-control-max-age': '86400'
};

function problem(status: number, code: string, message: string, extra: Record<string, string> = {}): Response {
	return new Response(JSON.stringify({ status, code, message }), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...cors, ...extra }
	});
}

export interface ApiContext {
	db: Db;
	url: URL;
	locale: string;
	vocabulary: () => Promise<Vocabulary>;
	params: Record<string, string>;
}

/** Wraps an endpoint: rate limit, parameters, errors, headers. */
export function endpoint(fn: (c: ApiContext) => Promise<unknown>): RequestHandler {
	return async (event: RequestEvent) => {
		const db = await getDb();
		const state = await hit(db, limitKey('hsds', event.locals.ip ?? 'unknown'), HSDS_RATE_LIMIT);
		if (!state.allowed) {
			const retry = Math.max(1, Math.ceil((state.resetAt.getTime() - Date.now()) / 1000));
			return problem(429, 'rate_limited', `Too many requests: at most ${HSDS_RATE_LIMIT.max} a minute. Try again in ${retry} s.`, {
				'retry-after': String(retry)
			});
		}
		try {
			const localeParam = event.url.searchParams.get('locale');
			if (localeParam !== null && !isDirectoryLocale(localeParam)) {
				throw new HsdsError(400, 'invalid_parameter', `locale must be one of en, it, es, fr, de, pl, el, ro, uk, ar, fa, ti.`);
			}
			const format = event.url.searchParams.get('format');
			if (format !== null && format !== 'json') throw new HsdsError(400, 'unsupported_format', 'format must be json (the only format this API returns).');
			let vocab: Promise<Vocabulary> | null = null;
			const body = await fn({
				db,
				url: event.url,
				locale: localeParam ?? 'en',
				vocabulary: () => (vocab ??= loadVocabulary(db)),
				params: event.params as Record<string, string>
			});
			return new Response(JSON.stringify(body), {
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'cache-control': 'public, max-age=60',
					...cors
				}
			});
		} catch (err) {
			if (err instanceof HsdsError) return problem(err.status, err.code, err.message);
			throw err;
		}
	};
}

/** The answer to a CORS preflight. */
export const preflight: RequestHandler = async () => new Response(null, { status: 204, headers: cors });

export function notFound(what: string): HsdsError {
	return new HsdsError(404, 'not_found', `No public ${what} with this id.`);
}

/** The path id, or a 404 when it is not a UUID (every id here is one). */
export function idParam(c: ApiContext, what: string): string {
	const id = c.params.id;
	if (!isUuid(id)) throw notFound(what);
	return id.toLowerCase();
}

function int(url: URL, name: string, def: number, min: number, max: number): number {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return def;
	if (!/^\d{1,9}$/.test(raw)) throw new HsdsError(400, 'invalid_parameter', `${name} must be a whole number from ${min} to ${max}.`);
	const n = Number(raw);
	if (n < min || n > max) throw new HsdsError(400, 'invalid_parameter', `${name} must be a whole number from ${min} to ${max}.`);
	return n;
}

export function paging(url: URL): Paging {
	return { page: int(url, 'page', 1, 1, 1_000_000), perPage: int(url, 'per_page', DEFAULT_PER_PAGE, 1, MAX_PER_PAGE) };
}

export function bool(url: URL, name: string): boolean {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return false;
	if (raw === 'true' || raw === '1') return true;
	if (raw === 'false' || raw === '0') return false;
	throw new HsdsError(400, 'invalid_parameter', `${name} must be true or false.`);
}

function uuidParam(url: URL, name: string): string | undefined {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return undefined;
	if (!isUuid(raw)) throw new HsdsError(400, 'invalid_parameter', `${name} must be a UUID.`);
	return raw.toLowerCase();
}

export function searchParam(url: URL): string | undefined {
	const raw = url.searchParams.get('search');
	if (raw === null || raw.trim() === '') return undefined;
	if (raw.length > 200) throw new HsdsError(400, 'invalid_parameter', 'search must be at most 200 characters.');
	return raw.trim();
}

export function serviceFilters(url: URL): ServiceFilters {
	const f: ServiceFilters = {
		search: searchParam(url),
		taxonomyTermId: uuidParam(url, 'taxonomy_term_id'),
		taxonomyId: uuidParam(url, 'taxonomy_id'),
		organizationId: uuidParam(url, 'organization_id')
	};
	const after = url.searchParams.get('modified_after');
	if (after !== null && after !== '') {
		const d = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(after) ? new Date(after) : null;
		if (!d || Number.isNaN(d.getTime())) {
			throw new HsdsError(400, 'invalid_parameter', 'modified_after must be a date or date-time such as 2025-01-31 or 2025-01-31T12:00:00Z.');
		}
		f.modifiedAfter = d;
	}
	return f;
}

export { uuidParam };
