import { m } from '#lib/paraglide/messages.js';
import { addShifts, cancelShift, getOpportunity, setTranslation, updateOpportunity } from '#lib/server/engagement/opportunities.ts';
import { shiftForm, shiftRef } from '#lib/server/engagement/schemas.ts';
import {
	formatShift,
	languageOptions,
	localeOptions,
	opportunityEditForm,
	ownOpportunity,
	ownShift,
	translationForm,
	workspaceForm,
	workspaceGate,
	workspaceLoad
} from '#lib/server/engagement/workspace.ts';
import { listNeighbourhoods } from '#lib/server/organisations/organisations.ts';
import type { Actions, PageServerLoad } from './$types';

const MANAGE = 'volunteering.opportunity.manage';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await workspaceGate(event, MANAGE);
	return workspaceLoad(event, async () => {
		await ownOpportunity(ctx, org.id, event.params.opportunityId);
		const o = await getOpportunity(ctx, event.params.opportunityId);
		return {
			org: { id: org.id, name: org.name },
			permissions,
			opportunity: {
				id: o.id,
				title: o.original.title,
				description: o.original.description,
				language: o.original.language,
				kind: o.kind,
				mode: o.mode,
				status: o.status,
				neighbourhoodId: o.neighbourhoodId,
				address: o.address,
				skills: o.skills,
				languages: o.languages,
				availability: o.availability,
				involvesVulnerable: o.involvesVulnerable
			},
			translations: Object.entries(o.translations ?? {}).map(([locale, t]) => ({ locale, title: t.title })),
			shifts: o.shifts.map((s) => ({ ...s, ...formatShift(s.startsAt, s.endsAt, ctx.locale) })),
			neighbourhoods: await listNeighbourhoods(ctx.db),
			languages: languageOptions(),
			locales: localeOptions(),
			created: event.url.searchParams.has('created')
		};
	});
};

export const actions: Actions = {
	update: (event) =>
		workspaceForm(event, 'update', MANAGE, opportunityEditForm, async (ctx, data, orgId) => {
			await ownOpportunity(ctx, orgId, event.params.opportunityId);
			await updateOpportunity(ctx, event.params.opportunityId, data);
		}),
	translate: (event) =>
		workspaceForm(
			event,
			'translate',
			MANAGE,
			translationForm,
			async (ctx, data, orgId) => {
				await ownOpportunity(ctx, orgId, event.params.opportunityId);
				await setTranslation(ctx, event.params.opportunityId, data.locale, { title: data.trTitle, description: data.trDescription });
			},
			m.volunteering_translation_saved
		),
	shifts: (event) =>
		workspaceForm(
			event,
			'shifts',
			MANAGE,
			shiftForm,
			async (ctx, data, orgId) => {
				await ownOpportunity(ctx, orgId, event.params.opportunityId);
				await addShifts(ctx, event.params.opportunityId, data);
			},
			m.volunteering_shifts_added
		),
	cancel: (event) =>
		workspaceForm(
			event,
			'cancel',
			MANAGE,
			shiftRef,
			async (ctx, data, orgId) => {
				await ownOpportunity(ctx, orgId, event.params.opportunityId);
				await ownShift(ctx, event.params.opportunityId, data.shiftId);
				await cancelShift(ctx, data.shiftId);
			},
			m.volunteering_shift_cancelled
		)
};
