import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { getAssembly, myMembership } from '#lib/server/assemblies/assemblies.ts';
import { assemblyResource, may } from '#lib/server/assemblies/common.ts';
import { decisionsOf } from '#lib/server/assemblies/decisions.ts';
import { getMeeting, myReply, replyToMeeting } from '#lib/server/assemblies/meetings.ts';
import { assembliesLoad, assemblyForm, dayName, when } from '#lib/server/assemblies/route.ts';
import { replyForm } from '#lib/server/assemblies/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** One meeting: agenda, place, minutes and decisions (public); members answer and ask for an interpreter. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'assemblies.view');
	return assembliesLoad(event, async (ctx) => {
		const a = await getAssembly(ctx, event.params.id);
		const mt = await getMeeting(ctx, a.id, event.params.meetingId);
		const resource = await assemblyResource(ctx.db, a);
		const [mine, reply, decisions] = await Promise.all([myMembership(ctx, a.id), myReply(ctx, mt.id), decisionsOf(ctx, a.id)]);
		return {
			signedIn: ctx.actor.kind === 'user',
			next: encodeURIComponent(event.url.pathname),
			assembly: { id: a.id, name: a.name, translated: a.translated, languages: a.languages },
			meeting: {
				id: mt.id,
				when: when(mt.startsAt, mt.endsAt, ctx.locale),
				status: mt.status,
				open: mt.status === 'scheduled' && mt.startsAt.getTime() > Date.now(),
				placeName: mt.placeName,
				address: mt.address,
				onlineUrl: mt.onlineUrl,
				agenda: mt.agenda,
				cancelReason: mt.cancelReason,
				minutes: mt.minutes,
				present: mt.present,
				attendanceTaken: mt.attendanceTaken,
				guests: mt.guests
			},
			member: mine === 'active',
			reply,
			canRun: may(ctx, 'assemblies.run', resource),
			decisions: decisions.filter((d) => d.meetingId === mt.id).map((d) => ({ ...d, dueOn: dayName(d.dueOn, ctx.locale) }))
		};
	});
};

export const actions: Actions = {
	reply: (event) =>
		assemblyForm(event, 'reply', 'assemblies.join', replyForm, (ctx, d) => replyToMeeting(ctx, event.params.id, event.params.meetingId, d), () => m.assemblies_reply_saved())
};
