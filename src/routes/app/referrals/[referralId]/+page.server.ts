import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/http/form.ts';
import type { ReferralState } from '#lib/server/db/schema/index.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import { referralAction } from '#lib/server/referrals/route.ts';
import { changeReferral, checkReferral, openReferral } from '#lib/server/referrals/referrals.ts';
import { transitionTo, declineReasons } from '#lib/server/referrals/transitions.ts';
import { acceptForm, closeForm, completeForm, declineForm, startForm } from '#lib/server/referrals/schemas.ts';
import { stateName } from '#lib/referrals/labels.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => ({ referral: await openReferral(ctx, event.params.referralId), declineReasons: [...declineReasons] }));

type Data = { version: number; declineReason?: (typeof declineReasons)[number]; text?: string };

/**
 * One change of state: the policy first (an outsider learns nothing, not even
 * that the form was empty), then the form, then the use case, which checks
 * the version the form saw and the transitions table.
 */
async function move<S extends z.ZodType<Data>>(event: RequestEvent, to: ReferralState, schema: S) {
	const referralId = event.params.referralId ?? '';
	const section = to;
	const action = transitionTo(to)!.action;
	const gate = await referralAction(event, section, {}, (ctx) => checkReferral(ctx, action, referralId));
	if (gate) return gate;
	const form = await readForm(event.request, schema);
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	const data = form.data as Data;
	const failed = await referralAction(event, section, form.values, (ctx) =>
		changeReferral(ctx, referralId, { to, version: data.version, declineReason: data.declineReason ?? null, text: data.text ?? null })
	);
	return failed ?? { section, success: m.referrals_changed({ state: stateName(to) }) };
}

export const actions: Actions = {
	accept: (event) => move(event, 'accepted', acceptForm),
	decline: (event) => move(event, 'declined', declineForm),
	start: (event) => move(event, 'in_progress', startForm),
	complete: (event) => move(event, 'completed', completeForm),
	close: (event) => move(event, 'closed', closeForm)
};
