import { m } from '#lib/paraglide/messages.js';
import { requireUser } from '#lib/server/http/guard.ts';
import { members } from '#lib/server/assemblies/assemblies.ts';
import { gate, localised, meetingHead } from '#lib/server/assemblies/common.ts';
import { addDecision, decisionsOf } from '#lib/server/assemblies/decisions.ts';
import { attendanceOf, cancelMeeting, meetingReplies, recordAttendance, writeMinutes } from '#lib/server/assemblies/meetings.ts';
import { assembliesLoad, assemblyForm, dayName, when } from '#lib/server/assemblies/route.ts';
import { attendanceForm, cancelForm, decisionForm, minutesForm } from '#lib/server/assemblies/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** Running one meeting: answers and interpreter requests, cancelling; afterwards attendance, minutes, decisions. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return assembliesLoad(event, async (ctx) => {
		const { head } = await gate(ctx, 'assemblies.run', event.params.id);
		const mt = await meetingHead(ctx.db, head.id, event.params.meetingId);
		const [replies, people, marks, decisions] = await Promise.all([meetingReplies(ctx, head.id, mt.id), members(ctx, head.id), attendanceOf(ctx, head.id, mt.id), decisionsOf(ctx, head.id)]);
		return {
			assembly: { id: head.id, name: localised(head, ctx.locale).name },
			meeting: {
				id: mt.id,
				when: when(mt.startsAt, mt.endsAt, ctx.locale),
				status: mt.status,
				started: mt.startsAt.getTime() <= Date.now(),
				cancelReason: mt.cancelReason,
				minutes: mt.minutes ?? '',
				guests: mt.guests,
				attendanceAt: mt.attendanceAt !== null
			},
			replies,
			members: people.members.map((p) => ({ userId: p.userId, name: p.name, presence: marks.get(p.userId) ?? null })),
			decisions: decisions.filter((d) => d.meetingId === mt.id).map((d) => ({ ...d, dueOn: dayName(d.dueOn, ctx.locale) }))
		};
	});
};

export const actions: Actions = {
	cancel: (event) =>
		assemblyForm(event, 'cancel', 'assemblies.run', cancelForm, (ctx, d) => cancelMeeting(ctx, event.params.id, event.params.meetingId, d.reason), (n) => m.assemblies_cancelled_told({ count: String(n) })),
	attendance: (event) =>
		assemblyForm(event, 'attendance', 'assemblies.run', attendanceForm, (ctx, d) => recordAttendance(ctx, event.params.id, event.params.meetingId, d), () => m.assemblies_saved()),
	minutes: (event) => assemblyForm(event, 'minutes', 'assemblies.run', minutesForm, (ctx, d) => writeMinutes(ctx, event.params.id, event.params.meetingId, d.minutes), () => m.assemblies_minutes_saved()),
	decide: (event) => assemblyForm(event, 'decide', 'assemblies.run', decisionForm, (ctx, d) => addDecision(ctx, event.params.id, event.params.meetingId, d), () => m.assemblies_decision_saved())
};
