import { pageOf, taxonomyObject } from '#lib/server/directory/hsds.ts';
import { endpoint, paging, preflight, searchParam } from '../api.ts';

export const GET = endpoint(async ({ url, vocabulary }) => {
	const p = paging(url);
	const search = searchParam(url)?.toLowerCase();
	const all = (await vocabulary()).taxonomies.filter((t) => !search || `${t.name} ${t.description}`.toLowerCase().includes(search));
	return pageOf(all.length, p, all.slice((p.page - 1) * p.perPage, p.page * p.perPage).map(taxonomyObject));
});
export const OPTIONS = preflight;
