import { authorize } from '#lib/server/http/guard.ts';
import { listCalls } from '#lib/server/cocreation/calls.ts';
import { loadUseCase } from '#lib/server/http/use-case.ts';
import { cityDate } from '#lib/server/city-time.ts';
import type { PageServerLoad } from './$types';

/** Every published call for ideas, open ones first, in the reader's language. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'cocreation.view');
	return loadUseCase(event, async (ctx) => ({
		calls: (await listCalls(ctx)).map((c) => ({ ...c, opens: cityDate(c.opensAt, ctx.locale), closes: cityDate(c.reviewAt, ctx.locale) }))
	}));
};
