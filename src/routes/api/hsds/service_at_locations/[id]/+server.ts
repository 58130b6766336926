import { findServiceAtLocation, serviceAtLocationObject, serviceObject } from '#lib/server/directory/hsds.ts';
import { endpoint, idParam, notFound, preflight } from '../../api.ts';

export const GET = endpoint(async (c) => {
	const id = idParam(c, 'service_at_location');
	const found = await findServiceAtLocation(c.db, id);
	if (!found) throw notFound('service_at_location');
	const v = await c.vocabulary();
	return { ...serviceAtLocationObject(found.record, found.at, c.locale), service: serviceObject(v, found.record, c.locale) };
});
export const OPTIONS = preflight;
