import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { ecosystemMap, parseMapFilters } from '#lib/server/directory/map.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'directory.map.view');
	const ctx = await ctxFrom(event);
	try {
		const table = await ecosystemMap(ctx, parseMapFilters(event.url.searchParams), ctx.locale);
		return { table };
	} catch (err) {
		refusalError(err);
	}
};
