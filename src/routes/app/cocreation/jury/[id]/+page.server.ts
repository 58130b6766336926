import { m } from '#lib/paraglide/messages.js';
import { requireUser } from '#lib/server/http/guard.ts';
import { declareConflict, juryGate, juryPage, scoreIdea } from '#lib/server/cocreation/jury.ts';
import { localisedCall } from '#lib/server/cocreation/common.ts';
import { conflictForm, scoreEntries, scoreForm } from '#lib/server/cocreation/schemas.ts';
import { acceptsScores } from '#lib/server/cocreation/phase.ts';
import { formUseCase, loadUseCase } from '#lib/server/http/use-case.ts';
import type { Actions, PageServerLoad } from './$types';

/** A juror's page: every idea of the call, their own scores on each criterion, and conflicts of interest. The policy (the call's jury) is asked in the use case. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return loadUseCase(event, async (ctx) => {
		const p = await juryPage(ctx, event.params.id);
		return {
			call: { id: p.call.id, title: localisedCall(p.call, ctx.locale).title, phase: p.call.phase, open: acceptsScores(p.call.phase) },
			criteria: p.criteria.map((c) => ({ id: c.id, name: c.name, description: c.description, weight: c.weight })),
			ideas: p.ideas
		};
	});
};

export const actions: Actions = {
	score: async (event) => {
		requireUser(event);
		// The jury first: someone else learns nothing about the form.
		await loadUseCase(event, (ctx) => juryGate(ctx, event.params.id));
		return formUseCase(event, 'score', scoreForm, (ctx, d) => scoreIdea(ctx, event.params.id, d.ideaId, scoreEntries(d), d.note), () => m.cocreation_scores_saved());
	},
	conflict: async (event) => {
		requireUser(event);
		await loadUseCase(event, (ctx) => juryGate(ctx, event.params.id));
		return formUseCase(event, 'conflict', conflictForm, (ctx, d) => declareConflict(ctx, event.params.id, d.ideaId, d.reason), () => m.cocreation_conflict_saved());
	}
};
