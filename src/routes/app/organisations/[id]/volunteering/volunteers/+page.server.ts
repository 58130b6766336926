import { m } from '#lib/paraglide/messages.js';
import { screeningStepsOf } from '#lib/server/engagement/opportunities.ts';
import { decisionForm, screeningForm } from '#lib/server/engagement/schemas.ts';
import { applicants, decide, recordScreening } from '#lib/server/engagement/volunteers.ts';
import { workspaceForm, workspaceGate, workspaceLoad } from '#lib/server/engagement/workspace.ts';
import type { Actions, PageServerLoad } from './$types';

const MANAGE = 'volunteering.volunteers.manage';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await workspaceGate(event, MANAGE);
	return workspaceLoad(event, async () => ({
		org: { id: org.id, name: org.name },
		permissions,
		applicants: await applicants(ctx, org.id),
		asked: (await screeningStepsOf(ctx.db, [org.id])).get(org.id) ?? []
	}));
};

export const actions: Actions = {
	screen: (event) => workspaceForm(event, 'screen', MANAGE, screeningForm, (ctx, data, orgId) => recordScreening(ctx, orgId, data), m.volunteering_screening_saved),
	decide: (event) => workspaceForm(event, 'decide', MANAGE, decisionForm, (ctx, data) => decide(ctx, data), m.volunteering_decision_saved)
};
