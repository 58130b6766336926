import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { can } from '#lib/server/policy/index.ts';
import { createActivity, organisationActivities, proposalsToReview, reviewProposal, runsHouse } from '#lib/server/activities/activities.ts';
import { activitiesLoad, activitiesOrgForm, when } from '#lib/server/activities/route.ts';
import { activityForm, reviewForm } from '#lib/server/activities/schemas.ts';
import { orgGate } from '#lib/server/http/org-route.ts';
import { listNeighbourhoods } from '#lib/server/organisations/organisations.ts';
import type { Actions, PageServerLoad } from './$types';

/** An organisation's activities: list, create; for a neighbourhood house, residents' proposals to review. */
export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'activities.manage');
	return activitiesLoad(event, async () => {
		const house = await runsHouse(ctx, org.id);
		const canReview = house && can(ctx.actor, 'activities.review', { type: 'organisation', id: org.id }) === 'allowed';
		return {
			org: { id: org.id, name: org.name },
			permissions,
			activities: (await organisationActivities(ctx, org.id)).map((a) => ({ ...a, startsAt: undefined, endsAt: undefined, when: when(a.startsAt, a.endsAt, ctx.locale) })),
			house,
			canReview,
			proposals: canReview
				? (await proposalsToReview(ctx, org.id)).map((p) => ({ ...p, startsAt: undefined, endsAt: undefined, when: when(p.startsAt, p.endsAt, ctx.locale) }))
				: [],
			neighbourhoods: await listNeighbourhoods(ctx.db)
		};
	});
};

export const actions: Actions = {
	create: async (event) => {
		let id = '';
		const reply = await activitiesOrgForm(event, 'create', 'activities.manage', activityForm, async (ctx, data, orgId) => {
			id = await createActivity(ctx, orgId, data);
		});
		if (id) redirect(303, `/app/organisations/${event.params.id}/activities/${id}?created`);
		return reply;
	},
	review: (event) =>
		activitiesOrgForm(event, 'review', 'activities.review', reviewForm, (ctx, d) => reviewProposal(ctx, d.activityId, d.decision, d.reason), () => m.activities_reviewed())
};
