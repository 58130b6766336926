import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { addCriterion, addJuror, callAdmin, publishCall, removeCriterion, removeJuror, translateCall, updateCall } from '#lib/server/cocreation/calls.ts';
import { createPilot, decideIdea, publishResults, updatePilot } from '#lib/server/cocreation/results.ts';
import { callForm, callTranslationForm, criterionForm, decisionForm, jurorForm, jurorRemoveForm, pilotForm, pilotUpdateWithId, removeForm, resultsForm } from '#lib/server/cocreation/schemas.ts';
import { acceptsDecisions, acceptsPublishing } from '#lib/server/cocreation/phase.ts';
import { formUseCase, loadUseCase } from '#lib/server/http/use-case.ts';
import { listNeighbourhoods } from '#lib/server/directory/locations.ts';
import { cityYmd } from '#lib/server/city-time.ts';
import { pilotStatuses } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Running one call: its text and dates, translations, criteria, jury, the ideas with the jury's scores, results and pilots. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'cocreation.manage');
	return loadUseCase(event, async (ctx) => {
		const [a, neighbourhoods] = await Promise.all([callAdmin(ctx, event.params.id), listNeighbourhoods(ctx.db)]);
		const rank = a.ranking;
		const c = a.call;
		return {
			call: {
				id: c.id,
				title: c.title,
				phase: c.phase,
				published: c.publishedAt !== null,
				resultsPublished: c.resultsPublishedAt !== null,
				translations: Object.keys(c.translations),
				form: { title: c.title, question: c.question, rules: c.rules, language: c.language, audience: c.audience, neighbourhoodId: c.neighbourhoodId ?? '', opens: cityYmd(c.opensAt), review: cityYmd(c.reviewAt), selection: cityYmd(c.selectionAt), results: cityYmd(c.resultsAt), followUp: cityYmd(c.followUpAt) }
			},
			criteria: a.criteria.map((x) => ({ id: x.id, name: x.name, description: x.description, weight: x.weight })),
			jurors: a.jurors,
			ideas: a.ideas.map((i) => ({ ...i, score: rank.get(i.id)?.score ?? null, jurorCount: rank.get(i.id)?.jurors ?? 0, conflicts: rank.get(i.id)?.conflicts ?? 0 })).sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || y.supportCount - x.supportCount),
			pilots: a.pilots,
			canDecide: acceptsDecisions(c.phase) && !c.resultsPublishedAt,
			canPublishResults: acceptsPublishing(c.phase) && !c.resultsPublishedAt,
			neighbourhoods,
			pilotStatuses,
			created: event.url.searchParams.has('created')
		};
	});
};

const empty = z.object({});
async function staff(event: RequestEvent) {
	requireUser(event);
	await authorize(event, 'cocreation.manage');
}
const saved = () => m.cocreation_saved();

export const actions: Actions = {
	update: async (e) => (await staff(e), formUseCase(e, 'update', callForm, (ctx, d) => updateCall(ctx, e.params.id, d), saved)),
	publish: async (e) => (await staff(e), formUseCase(e, 'publish', empty, (ctx) => publishCall(ctx, e.params.id), () => m.cocreation_call_published())),
	translate: async (e) => (await staff(e), formUseCase(e, 'translate', callTranslationForm, (ctx, d) => translateCall(ctx, e.params.id, d), saved)),
	addCriterion: async (e) => (await staff(e), formUseCase(e, 'criteria', criterionForm, (ctx, d) => addCriterion(ctx, e.params.id, d), saved)),
	removeCriterion: async (e) => (await staff(e), formUseCase(e, 'criteria', removeForm, (ctx, d) => removeCriterion(ctx, e.params.id, d.id), saved)),
	addJuror: async (e) => (await staff(e), formUseCase(e, 'jury', jurorForm, (ctx, d) => addJuror(ctx, e.params.id, d.email), () => m.cocreation_juror_added())),
	removeJuror: async (e) => (await staff(e), formUseCase(e, 'jury', jurorRemoveForm, (ctx, d) => removeJuror(ctx, e.params.id, d.userId), saved)),
	decide: async (e) => (await staff(e), formUseCase(e, 'decide', decisionForm, (ctx, d) => decideIdea(ctx, e.params.id, d), saved)),
	publishResults: async (e) => (await staff(e), formUseCase(e, 'results', resultsForm, (ctx, d) => publishResults(ctx, e.params.id, d.reason), (n) => m.cocreation_results_published({ count: String(n) }))),
	createPilot: async (e) => (await staff(e), formUseCase(e, 'pilots', pilotForm, (ctx, d) => createPilot(ctx, e.params.id, d), () => m.cocreation_pilot_created())),
	updatePilot: async (e) => (await staff(e), formUseCase(e, 'pilots', pilotUpdateWithId, (ctx, d) => updatePilot(ctx, e.params.id, d.pilotId, d), saved))
};
