import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { joinPool, myPoolProfile, withdrawFromPool } from '#lib/server/panels/pool.ts';
import { panelsForm, panelsLoad } from '#lib/server/panels/route.ts';
import { emptyForm, joinForm } from '#lib/server/panels/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** Opting in to the pool of people who check designs; updating or withdrawing. */
export const load: PageServerLoad = (event) =>
	panelsLoad(event, 'panels.join', async (ctx) => ({
		profile: await myPoolProfile(ctx),
		joined: event.url.searchParams.has('joined'),
		withdrawn: event.url.searchParams.has('withdrawn')
	}));

export const actions: Actions = {
	join: async (event) => {
		let done = false;
		const reply = await panelsForm(event, 'join', 'panels.join', joinForm, async (ctx, d) => {
			await joinPool(ctx, d);
			done = true;
		});
		if (done) redirect(303, '/panels/join?joined');
		return reply;
	},
	withdraw: async (event) => {
		let done = false;
		const reply = await panelsForm(event, 'withdraw', 'panels.join', emptyForm, async (ctx) => {
			await withdrawFromPool(ctx);
			done = true;
		}, () => m.panels_withdrawn());
		if (done) redirect(303, '/panels/join?withdrawn');
		return reply;
	}
};
