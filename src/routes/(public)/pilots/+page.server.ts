import { authorize } from '#lib/server/http/guard.ts';
import { listPilots } from '#lib/server/cocreation/results.ts';
import { loadUseCase } from '#lib/server/http/use-case.ts';
import { cityDate } from '#lib/server/city-time.ts';
import type { PageServerLoad } from './$types';

/** Every pilot that came out of a call for ideas, with its status. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'cocreation.view');
	return loadUseCase(event, async (ctx) => ({ pilots: (await listPilots(ctx)).map((p) => ({ ...p, updatedAt: cityDate(p.updatedAt, ctx.locale) })) }));
};
