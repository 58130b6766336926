import { taxonomyObject } from '#lib/server/directory/hsds.ts';
import { endpoint, idParam, notFound, preflight } from '../../api.ts';

export const GET = endpoint(async (c) => {
	const id = idParam(c, 'taxonomy');
	const t = (await c.vocabulary()).taxonomyById.get(id);
	if (!t) throw notFound('taxonomy');
	return taxonomyObject(t);
});
export const OPTIONS = preflight;
