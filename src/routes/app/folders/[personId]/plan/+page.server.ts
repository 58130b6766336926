import { actionDoneForm, actionForm, goalForm, goalStatusForm } from '#lib/server/support/care-schemas.ts';
import { careAction } from '#lib/server/support/care-route.ts';
import { addAction, addGoal, findServices, loadPlan, setActionDone, setGoalStatus } from '#lib/server/support/plan.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const plan = await loadPlan(ctx, event.params.personId);
		const q = (event.url.searchParams.get('service') ?? '').slice(0, 100);
		return {
			...plan,
			serviceQuery: q,
			services: q.trim() ? await findServices(ctx, q) : [],
			goalFormId: crypto.randomUUID(),
			actionFormId: crypto.randomUUID()
		};
	});

export const actions: Actions = {
	addGoal: (event) => careAction(event, 'goal', goalForm, (ctx, id, data) => addGoal(ctx, id, data)),
	goalStatus: (event) => careAction(event, (v) => `status-${v.goalId}`, goalStatusForm, (ctx, id, data) => setGoalStatus(ctx, id, data)),
	addAction: (event) => careAction(event, 'action', actionForm, (ctx, id, data) => addAction(ctx, id, data)),
	actionDone: (event) => careAction(event, (v) => `done-${v.actionId}`, actionDoneForm, (ctx, id, data) => setActionDone(ctx, id, data))
};
