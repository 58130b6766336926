import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/http/form.ts';
import type { Ctx } from '#lib/server/context.ts';
import type { Action } from '#lib/server/policy/index.ts';
import {
	addTeamOrganisation,
	addWorker,
	checkFolder,
	eligibleWorkers,
	openFolder,
	recordConsent,
	setLead,
	shareableOrganisations,
	withdrawConsent
} from '#lib/server/support/folders.ts';
import { folderAction, folderLoad } from '#lib/server/support/route.ts';
import { addTeamForm, addWorkerForm, recordConsentForm, setLeadForm, withdrawConsentForm } from '#lib/server/support/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const folder = await openFolder(ctx, event.params.personId);
		const onTeam = new Set(folder.team.map((t) => t.organisationId));
		const activeShares = folder.consents.filter((c) => c.purpose === 'share' && !c.withdrawnAt && c.organisationId);
		return {
			person: folder.person,
			consents: folder.consents,
			team: folder.team,
			workers: folder.workers,
			shareable: await shareableOrganisations(ctx.db),
			/** Organisations named by an active share consent and not on the team yet. */
			joinable: activeShares.filter((c) => !onTeam.has(c.organisationId!)).map((c) => ({ id: c.organisationId!, name: c.organisationName ?? '' })),
			eligible: await eligibleWorkers(ctx.db, folder),
			created: event.url.searchParams.has('created')
		};
	});

/**
 * One small form of the page: the policy first (an outsider learns nothing,
 * not even that the form was empty), then the input, then the use case.
 */
async function sub<S extends z.ZodType>(
	event: RequestEvent,
	section: string,
	action: Action,
	schema: S,
	run: (ctx: Ctx, personId: string, data: z.infer<S>) => Promise<unknown>
) {
	const personId = event.params.personId ?? '';
	const gate = await folderAction(event, section, {}, (ctx) => checkFolder(ctx, action, personId));
	if (gate) return gate;
	const form = await readForm(event.request, schema);
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	const failed = await folderAction(event, section, form.values, (ctx) => run(ctx, personId, form.data));
	return failed ?? { section, success: m.support_saved() };
}

export const actions: Actions = {
	recordConsent: (event) => sub(event, 'consent', 'folder.consent.manage', recordConsentForm, (ctx, id, data) => recordConsent(ctx, id, data)),
	withdrawConsent: (event) => sub(event, 'withdraw', 'folder.consent.manage', withdrawConsentForm, (ctx, id, data) => withdrawConsent(ctx, id, data)),
	addTeam: (event) => sub(event, 'team', 'folder.team.manage', addTeamForm, (ctx, id, data) => addTeamOrganisation(ctx, id, data.organisationId)),
	addWorker: (event) => sub(event, 'worker', 'folder.team.manage', addWorkerForm, (ctx, id, data) => addWorker(ctx, id, data)),
	setLead: (event) => sub(event, 'lead', 'folder.team.manage', setLeadForm, (ctx, id, data) => setLead(ctx, id, data.userId))
};
