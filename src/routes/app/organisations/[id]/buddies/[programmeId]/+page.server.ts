import { m } from '#lib/paraglide/messages.js';
import { orgGate } from '#lib/server/http/org-route.ts';
import { languageOptions, localeOptions } from '#lib/server/engagement/workspace.ts';
import { organisationProgrammes, translateProgramme, updateProgramme } from '#lib/server/buddies/programmes.ts';
import { programmeApplicants } from '#lib/server/buddies/applications.ts';
import { buddySettings, confirmProposals, proposals, ruleOut, runBuddyMatching, saveBuddySettings } from '#lib/server/buddies/matching.ts';
import { settingsForm } from '#lib/server/matching/programmes.ts';
import { endPairAsStaff, programmePairs } from '#lib/server/buddies/pairs.ts';
import { confirmForm, pairRef, programmeForm, staffEndForm, translationForm } from '#lib/server/buddies/schemas.ts';
import { programmeNotFound } from '#lib/server/buddies/common.ts';
import { buddiesLoad, workspaceForm } from '#lib/server/buddies/routes.ts';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

/**
 * One programme in the workspace: its settings, applicants, the engine's
 * explained proposals to confirm or rule out, and the pairs with their
 * check-ins and low-wellbeing flags. Personal data: buddies.manage with the
 * second factor; every read is audited by the use cases.
 */
export const load: PageServerLoad = async (event) => {
	const { org, permissions } = await orgGate(event, 'buddies.manage');
	return buddiesLoad(event, async (ctx) => {
		const programme = (await organisationProgrammes(ctx, org.id)).find((p) => p.id === event.params.programmeId);
		if (!programme) throw programmeNotFound();
		return {
			org: { id: org.id, name: org.name },
			permissions,
			created: event.url.searchParams.has('created'),
			programme,
			languages: languageOptions(),
			locales: localeOptions(),
			applicants: await programmeApplicants(ctx, org.id, programme.id),
			proposals: await proposals(ctx, org.id, programme.id),
			settings: await buddySettings(ctx, org.id, programme.id),
			pairs: await programmePairs(ctx, org.id, programme.id)
		};
	});
};

const runForm = z.object({});

export const actions: Actions = {
	settings: (event) => workspaceForm(event, 'settings', settingsForm, (ctx, d, orgId) => saveBuddySettings(ctx, orgId, event.params.programmeId, d), () => m.matching_settings_saved()),
	translate: (event) => workspaceForm(event, 'translate', translationForm, (ctx, d, orgId) => translateProgramme(ctx, orgId, event.params.programmeId, d), () => m.buddies_translated()),
	update: (event) => workspaceForm(event, 'update', programmeForm, (ctx, d, orgId) => updateProgramme(ctx, orgId, event.params.programmeId, d), () => m.buddies_updated()),
	run: (event) =>
		workspaceForm(
			event,
			'matching',
			runForm,
			(ctx, _d, orgId) => runBuddyMatching(ctx, orgId, event.params.programmeId),
			(r) => m.buddies_run_done({ proposed: String(r.proposed), newcomers: String(r.newcomers), residents: String(r.residents) })
		),
	confirm: (event) =>
		workspaceForm(event, 'matching', confirmForm, (ctx, d, orgId) => confirmProposals(ctx, orgId, event.params.programmeId, d.confirm), (r) => m.buddies_confirmed({ count: String(r.confirmed) })),
	ruleout: (event) => workspaceForm(event, 'matching', pairRef, (ctx, d, orgId) => ruleOut(ctx, orgId, event.params.programmeId, d.pairId), () => m.buddies_ruled_out()),
	end: (event) => workspaceForm(event, 'pairs', staffEndForm, (ctx, d, orgId) => endPairAsStaff(ctx, orgId, event.params.programmeId, d), () => m.buddies_staff_ended())
};
