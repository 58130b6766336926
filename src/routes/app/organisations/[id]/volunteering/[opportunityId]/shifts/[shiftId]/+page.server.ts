import { shiftRoster } from '#lib/server/engagement/shifts.ts';
import { formatShift, ownOpportunity, ownShift, workspaceGate, workspaceLoad } from '#lib/server/engagement/workspace.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await workspaceGate(event, 'volunteering.volunteers.manage');
	return workspaceLoad(event, async () => {
		const o = await ownOpportunity(ctx, org.id, event.params.opportunityId);
		await ownShift(ctx, o.id, event.params.shiftId);
		const { shift, rows } = await shiftRoster(ctx, event.params.shiftId);
		return {
			org: { id: org.id, name: org.name },
			permissions,
			opportunity: { id: o.id, title: o.title },
			shift: { capacity: shift.capacity, cancelled: shift.cancelledAt !== null, ...formatShift(shift.startsAt, shift.endsAt, ctx.locale) },
			confirmed: rows.filter((r) => r.status === 'confirmed').map((r) => ({ userId: r.userId, name: r.name })),
			waiting: rows.filter((r) => r.status === 'waitlisted').map((r) => ({ userId: r.userId, name: r.name }))
		};
	});
};
