import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { moderate, moderationQueue } from '#lib/server/moderation/moderation.ts';
import { moderationForm } from '#lib/server/cocreation/schemas.ts';
import { formUseCase, loadUseCase } from '#lib/server/http/use-case.ts';
import { cityMoment } from '#lib/server/city-time.ts';
import type { Actions, PageServerLoad } from './$types';

/** What waits for a moderator (reported, or flagged by the word lists), or what is hidden now; hide, keep or restore, each with a reason. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'moderation.review');
	const hidden = event.url.searchParams.get('show') === 'hidden';
	return loadUseCase(event, async (ctx) => ({
		hidden,
		items: (await moderationQueue(ctx, { hidden })).map((i) => ({ ...i, createdAt: cityMoment(i.createdAt, ctx.locale), reports: i.reports.map((r) => ({ ...r, createdAt: cityMoment(r.createdAt, ctx.locale) })) }))
	}));
};

export const actions: Actions = {
	decide: async (event) => {
		requireUser(event);
		await authorize(event, 'moderation.review');
		return formUseCase(event, 'decide', moderationForm, (ctx, d) => moderate(ctx, d), () => m.moderation_done());
	}
};
