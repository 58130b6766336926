import { organizationFullObject, publicOrganisation } from '#lib/server/directory/hsds.ts';
import { bool, endpoint, idParam, notFound, preflight } from '../../api.ts';

export const GET = endpoint(async (c) => {
	const id = idParam(c, 'organization');
	const fullService = bool(c.url, 'full_service');
	const org = await publicOrganisation(c.db, id);
	if (!org) throw notFound('organization');
	return organizationFullObject(c.db, await c.vocabulary(), org, c.locale, fullService);
});
export const OPTIONS = preflight;
