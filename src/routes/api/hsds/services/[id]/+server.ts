import { publicServices, serviceObject } from '#lib/server/directory/hsds.ts';
import { endpoint, idParam, notFound, preflight } from '../../api.ts';

export const GET = endpoint(async (c) => {
	const id = idParam(c, 'service');
	const [record] = await publicServices(c.db, [id]);
	if (!record) throw notFound('service');
	return serviceObject(await c.vocabulary(), record, c.locale);
});
export const OPTIONS = preflight;
