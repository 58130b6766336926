import { findServiceIds, pageOf, publicServices, serviceListObject, serviceObject } from '#lib/server/directory/hsds.ts';
import { bool, endpoint, paging, preflight, serviceFilters } from '../api.ts';

export const GET = endpoint(async ({ db, url, locale, vocabulary }) => {
	const p = paging(url);
	const filters = serviceFilters(url);
	const minimal = bool(url, 'minimal');
	const full = bool(url, 'full');
	const v = await vocabulary();
	const { total, ids } = await findServiceIds(db, v, filters, p);
	if (minimal) return pageOf(total, p, ids.map((r) => ({ id: r.id, last_modified: new Date(r.updatedAt).toISOString() })));
	const records = await publicServices(db, ids.map((r) => r.id));
	return pageOf(total, p, records.map((r) => (full ? serviceObject(v, r, locale) : serviceListObject(r, locale))));
});
export const OPTIONS = preflight;
