import { ctxFrom } from '#lib/server/context.ts';
import { authorize } from '#lib/server/http/guard.ts';
import { supportStats } from '#lib/server/support/stats.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'support.stats.view');
	return { stats: await supportStats(await ctxFrom(event)) };
};
