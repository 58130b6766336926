import { pageOf, termObject } from '#lib/server/directory/hsds.ts';
import { bool, endpoint, paging, preflight, searchParam, uuidParam } from '../api.ts';

export const GET = endpoint(async ({ url, locale, vocabulary }) => {
	const p = paging(url);
	const search = searchParam(url)?.toLowerCase();
	const taxonomyId = uuidParam(url, 'taxonomy_id');
	const parentId = uuidParam(url, 'parent_id');
	const topOnly = bool(url, 'top_only');
	const v = await vocabulary();
	const all = v.terms.filter(
		(t) =>
			(!taxonomyId || t.taxonomyId === taxonomyId) &&
			(!parentId || t.parentId === parentId) &&
			(!topOnly || t.parentId === null) &&
			(!search || [t.code, ...Object.values(t.name)].join(' ').toLowerCase().includes(search))
	);
	return pageOf(all.length, p, all.slice((p.page - 1) * p.perPage, p.page * p.perPage).map((t) => termObject(v, t, locale)));
});
export const OPTIONS = preflight;
