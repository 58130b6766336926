import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { neighbourhoodsWithHouse, proposeActivity } from '#lib/server/activities/activities.ts';
import { activitiesForm, activitiesLoad } from '#lib/server/activities/route.ts';
import { proposalForm } from '#lib/server/activities/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** A resident proposes an activity; signed in (the page says so first). */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'activities.self');
	return activitiesLoad(event, async (ctx) => ({ neighbourhoods: await neighbourhoodsWithHouse(ctx) }));
};

export const actions: Actions = {
	default: async (event) => {
		let done = false;
		const reply = await activitiesForm(event, 'propose', proposalForm, async (ctx, d) => {
			await proposeActivity(ctx, d);
			done = true;
		}, () => m.activities_proposed());
		if (done) redirect(303, '/activities/me?proposed');
		return reply;
	}
};
