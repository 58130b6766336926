import { authorize } from '#lib/server/http/guard.ts';
import { guardianCounts } from '#lib/server/guardianship/guardians.ts';
import { CONCERN_DAYS, monitoring, OVERDUE_DAYS, recordTransitionPlan, TRANSITION_MONTHS } from '#lib/server/guardianship/monitoring.ts';
import { EXPIRY_WARNING_DAYS } from '#lib/server/guardianship/guardians.ts';
import { guardianshipForm, guardianshipLoad } from '#lib/server/guardianship/route.ts';
import { transitionPlanForm } from '#lib/server/guardianship/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'guardianship.manage');
	return guardianshipLoad(event, async (ctx) => ({
		monitoring: await monitoring(ctx),
		counts: await guardianCounts(ctx),
		limits: { overdueDays: OVERDUE_DAYS, expiryDays: EXPIRY_WARNING_DAYS, transitionMonths: TRANSITION_MONTHS, concernDays: CONCERN_DAYS }
	}));
};

export const actions: Actions = {
	transitionPlan: (event) => guardianshipForm(event, 'plan', 'guardianship.manage', transitionPlanForm, (ctx, data) => recordTransitionPlan(ctx, data))
};
