import { findOrganisations, organizationFullObject, organizationObject, pageOf } from '#lib/server/directory/hsds.ts';
import { bool, endpoint, paging, preflight, searchParam } from '../api.ts';

export const GET = endpoint(async ({ db, url, locale, vocabulary }) => {
	const p = paging(url);
	const search = searchParam(url);
	const full = bool(url, 'full');
	const fullService = bool(url, 'full_service');
	const { total, rows } = await findOrganisations(db, search, p);
	if (!full && !fullService) return pageOf(total, p, rows.map(organizationObject));
	const v = await vocabulary();
	const contents = [];
	for (const org of rows) contents.push(await organizationFullObject(db, v, org, locale, fullService));
	return pageOf(total, p, contents);
});
export const OPTIONS = preflight;
