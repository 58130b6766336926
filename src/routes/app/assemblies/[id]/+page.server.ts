import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { requireUser } from '#lib/server/http/guard.ts';
import { getAssembly, members, setRoles, translateAssembly, updateAssembly } from '#lib/server/assemblies/assemblies.ts';
import { gate, may } from '#lib/server/assemblies/common.ts';
import { decisionsOf, setDecisionStatus } from '#lib/server/assemblies/decisions.ts';
import { meetingsOf, scheduleMeeting } from '#lib/server/assemblies/meetings.ts';
import { assembliesLoad, assemblyForm, dayName, when } from '#lib/server/assemblies/route.ts';
import { assemblyForm as assemblySchema, decisionStatusForm, meetingForm, rolesForm, translationForm } from '#lib/server/assemblies/schemas.ts';
import { listNeighbourhoods } from '#lib/server/organisations/organisations.ts';
import type { Actions, PageServerLoad } from './$types';

/** Running one assembly: its meetings and decisions (chair, secretary, staff); its details and roles (staff). */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return assembliesLoad(event, async (ctx) => {
		const { head, resource } = await gate(ctx, 'assemblies.run', event.params.id);
		const manage = may(ctx, 'assemblies.manage', resource);
		const [a, meetings, decisions, people] = await Promise.all([getAssembly(ctx, head.id), meetingsOf(ctx, head.id), decisionsOf(ctx, head.id), members(ctx, head.id)]);
		const shape = (mt: (typeof meetings.upcoming)[number]) => ({ id: mt.id, when: when(mt.startsAt, mt.endsAt, ctx.locale), status: mt.status, minutes: mt.minutes !== null });
		return {
			assembly: { id: a.id, name: a.name, kind: head.kind, neighbourhoodId: head.neighbourhoodId, theme: head.theme, englishName: head.name, description: head.description, languages: head.languages, joinRule: head.joinRule, chairId: head.chairId, secretaryId: head.secretaryId, translations: head.translations },
			manage,
			neighbourhoods: manage ? await listNeighbourhoods(ctx.db) : [],
			members: people.members.map((p) => ({ userId: p.userId, name: p.name })),
			upcoming: meetings.upcoming.map(shape),
			past: meetings.past.map(shape),
			decisions: decisions.map((d) => ({ id: d.id, text: d.text, owner: d.owner, dueOn: dayName(d.dueOn, ctx.locale), status: d.status, doneOn: d.doneOn && dayName(d.doneOn, ctx.locale), overdue: d.overdue }))
		};
	});
};

export const actions: Actions = {
	update: (event) => assemblyForm(event, 'update', 'assemblies.manage', assemblySchema, (ctx, d) => updateAssembly(ctx, event.params.id, d), () => m.assemblies_saved()),
	translate: (event) => assemblyForm(event, 'translate', 'assemblies.manage', translationForm, (ctx, d) => translateAssembly(ctx, event.params.id, d), () => m.assemblies_saved()),
	roles: (event) => assemblyForm(event, 'roles', 'assemblies.manage', rolesForm, (ctx, d) => setRoles(ctx, event.params.id, d), () => m.assemblies_saved()),
	schedule: async (event) => {
		const out = await assemblyForm(event, 'schedule', 'assemblies.run', meetingForm, (ctx, d) => scheduleMeeting(ctx, event.params.id, d), () => m.assemblies_scheduled());
		if ('status' in out) return out;
		redirect(303, `/app/assemblies/${event.params.id}?scheduled`);
	},
	decisionStatus: (event) =>
		assemblyForm(event, 'decisions', 'assemblies.run', decisionStatusForm, (ctx, d) => setDecisionStatus(ctx, event.params.id, d.decisionId, d.status), () => m.assemblies_saved())
};
