import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { answerRequest, getAssembly, joinAssembly, leaveAssembly, members, myMembership } from '#lib/server/assemblies/assemblies.ts';
import { assemblyResource, may } from '#lib/server/assemblies/common.ts';
import { decisionsOf } from '#lib/server/assemblies/decisions.ts';
import { meetingsOf } from '#lib/server/assemblies/meetings.ts';
import { assembliesLoad, assemblyForm, dayName, when } from '#lib/server/assemblies/route.ts';
import { emptyForm, requestForm } from '#lib/server/assemblies/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** One assembly: public facts, meetings, minutes and decisions; members for members and staff. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'assemblies.view');
	return assembliesLoad(event, async (ctx) => {
		const a = await getAssembly(ctx, event.params.id);
		const resource = await assemblyResource(ctx.db, a);
		const canMembers = may(ctx, 'assemblies.members', resource);
		const canRun = may(ctx, 'assemblies.run', resource);
		const [meetings, decisions, mine, people] = await Promise.all([meetingsOf(ctx, a.id), decisionsOf(ctx, a.id), myMembership(ctx, a.id), canMembers ? members(ctx, a.id) : null]);
		const shape = (mt: (typeof meetings.upcoming)[number]) => ({
			id: mt.id,
			when: when(mt.startsAt, mt.endsAt, ctx.locale),
			status: mt.status,
			place: [mt.placeName, mt.address].filter(Boolean).join(', '),
			online: mt.onlineUrl !== null,
			agenda: mt.agenda.map((i) => i.title),
			cancelReason: mt.cancelReason,
			minutes: mt.minutes,
			present: mt.present,
			attendanceTaken: mt.attendanceTaken,
			guests: mt.guests
		});
		return {
			signedIn: ctx.actor.kind === 'user',
			next: encodeURIComponent(event.url.pathname),
			assembly: {
				id: a.id,
				kind: a.kind,
				name: a.name,
				description: a.description,
				translated: a.translated,
				place: a.neighbourhoodName ?? a.theme,
				languages: a.languages,
				joinRule: a.joinRule,
				members: a.members
			},
			mine,
			canRun,
			upcoming: meetings.upcoming.map(shape),
			past: meetings.past.map(shape),
			decisions: decisions.map((d) => ({ ...d, dueOn: dayName(d.dueOn, ctx.locale), doneOn: d.doneOn && dayName(d.doneOn, ctx.locale), meetingWhen: when(d.meetingStartsAt, d.meetingStartsAt, ctx.locale).replace(/–.*$/, '') })),
			people: people && {
				members: people.members.map((p) => ({ name: p.name, role: p.role })),
				requests: people.requests.map((p) => ({ memberId: p.memberId, name: p.name }))
			}
		};
	});
};

export const actions: Actions = {
	join: (event) =>
		assemblyForm(event, 'join', 'assemblies.join', emptyForm, (ctx) => joinAssembly(ctx, event.params.id), (s) => (s === 'active' ? m.assemblies_joined() : m.assemblies_requested())),
	leave: (event) => assemblyForm(event, 'join', 'assemblies.join', emptyForm, (ctx) => leaveAssembly(ctx, event.params.id), () => m.assemblies_left()),
	answer: (event) =>
		assemblyForm(event, 'requests', 'assemblies.run', requestForm, (ctx, d) => answerRequest(ctx, event.params.id, d.memberId, d.answer), () => m.assemblies_saved())
};
