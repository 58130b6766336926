import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { visibleCall, localisedCall } from '#lib/server/cocreation/common.ts';
import { submitIdea } from '#lib/server/cocreation/ideas.ts';
import { ideaForm, languageCodes } from '#lib/server/cocreation/schemas.ts';
import { formUseCase, loadUseCase } from '#lib/server/http/use-case.ts';
import { listNeighbourhoods } from '#lib/server/directory/locations.ts';
import { myOrganisations } from '#lib/server/organisations/organisations.ts';
import type { Actions, PageServerLoad } from './$types';

/** Send an idea: signed in (the sign-in page comes first), while the call is open for ideas. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'cocreation.participate');
	return loadUseCase(event, async (ctx) => {
		const c = await visibleCall(ctx, event.params.id);
		const [neighbourhoods, organisations] = await Promise.all([listNeighbourhoods(ctx.db), myOrganisations(ctx)]);
		return {
			call: { id: c.id, title: localisedCall(c, ctx.locale).title, phase: c.phase, audience: c.audience },
			neighbourhoods,
			organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
			languages: languageCodes
		};
	});
};

export const actions: Actions = {
	default: async (event) => {
		requireUser(event);
		await authorize(event, 'cocreation.participate');
		let ideaId = '';
		const reply = await formUseCase(event, 'propose', ideaForm, async (ctx, d) => {
			ideaId = await submitIdea(ctx, event.params.id, d);
		}, () => m.cocreation_idea_sent());
		if (ideaId) redirect(303, `/calls/${event.params.id}/ideas/${ideaId}?sent`);
		return reply;
	}
};
