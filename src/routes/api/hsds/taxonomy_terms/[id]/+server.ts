import { termObject } from '#lib/server/directory/hsds.ts';
import { endpoint, idParam, notFound, preflight } from '../../api.ts';

export const GET = endpoint(async (c) => {
	const id = idParam(c, 'taxonomy_term');
	const v = await c.vocabulary();
	const t = v.termById.get(id);
	if (!t) throw notFound('taxonomy_term');
	return termObject(v, t, c.locale);
});
export const OPTIONS = preflight;
