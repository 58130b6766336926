import { m } from '#lib/paraglide/messages.js';
import { hoursToReview, reviewHours } from '#lib/server/engagement/hours.ts';
import { reviewHoursForm } from '#lib/server/engagement/schemas.ts';
import { formatShift, workspaceForm, workspaceGate, workspaceLoad } from '#lib/server/engagement/workspace.ts';
import type { Actions, PageServerLoad } from './$types';

const MANAGE = 'volunteering.volunteers.manage';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await workspaceGate(event, MANAGE);
	return workspaceLoad(event, async () => ({
		org: { id: org.id, name: org.name },
		permissions,
		hours: (await hoursToReview(ctx, org.id)).map(({ shiftStartsAt, ...h }) => ({
			...h,
			shift: shiftStartsAt ? formatShift(shiftStartsAt, shiftStartsAt, ctx.locale).start : null
		}))
	}));
};

export const actions: Actions = {
	review: (event) =>
		workspaceForm(event, 'review', MANAGE, reviewHoursForm, (ctx, data) => reviewHours(ctx, data.hoursId, data.decision), m.volunteering_hours_reviewed)
};
