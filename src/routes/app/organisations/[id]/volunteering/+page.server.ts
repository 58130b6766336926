import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { createOpportunity, organisationOpportunities, screeningStepsOf, setScreeningSteps } from '#lib/server/engagement/opportunities.ts';
import { opportunityForm, screeningStepsForm } from '#lib/server/engagement/schemas.ts';
import { languageOptions, workspaceForm, workspaceGate, workspaceLoad } from '#lib/server/engagement/workspace.ts';
import { listNeighbourhoods } from '#lib/server/organisations/organisations.ts';
import type { ScreeningStep } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await workspaceGate(event, 'volunteering.opportunity.manage');
	return workspaceLoad(event, async () => ({
		org: { id: org.id, name: org.name },
		permissions,
		opportunities: await organisationOpportunities(ctx, org.id),
		steps: (await screeningStepsOf(ctx.db, [org.id])).get(org.id) ?? [],
		neighbourhoods: await listNeighbourhoods(ctx.db),
		languages: languageOptions()
	}));
};

export const actions: Actions = {
	create: async (event) => {
		let id = '';
		const reply = await workspaceForm(event, 'create', 'volunteering.opportunity.manage', opportunityForm, async (ctx, data, orgId) => {
			id = await createOpportunity(ctx, orgId, data);
		});
		if (id) redirect(303, `/app/organisations/${event.params.id}/volunteering/${id}?created`);
		return reply;
	},
	steps: (event) =>
		workspaceForm(event, 'steps', 'volunteering.opportunity.manage', screeningStepsForm, (ctx, data, orgId) => setScreeningSteps(ctx, orgId, data.steps as ScreeningStep[]), m.volunteering_steps_saved)
};
