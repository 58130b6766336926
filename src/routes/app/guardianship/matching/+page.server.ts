import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { readForm, translate } from '#lib/server/http/form.ts';
import { guardianshipForm, guardianshipLoad } from '#lib/server/guardianship/route.ts';
import { ConfirmRefused, confirmGuardianProposals, parsePairs, runGuardianshipMatching, type MatchingRun } from '#lib/server/guardianship/matching.ts';
import { guardianshipResource, saveGuardianshipSettings, settingsForm } from '#lib/server/matching/programmes.ts';
import { Refusal, type RefusalStatus } from '#lib/server/organisations/errors.ts';
import { PolicyDenied } from '#lib/server/policy/index.ts';
import { stepUp } from '#lib/server/support/route.ts';
import type { PairRef } from '#lib/matching/types.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'matching.run', guardianshipResource);
	return guardianshipLoad(event, async (ctx) => ({ run: await runGuardianshipMatching(ctx) }));
};

/**
 * The state a run carries in the form (no JavaScript needed): the pairs kept
 * and ruled out so far, and at most one change from the button pressed.
 */
const pairList = z.array(z.string().max(100)).max(1000);
const runForm = z.object({
	fixed: pairList,
	forbidden: pairList,
	confirm: pairList,
	fix: z.string().max(100).optional(),
	forbid: z.string().max(100).optional(),
	unfix: z.string().max(100).optional(),
	unforbid: z.string().max(100).optional()
});
const multi = ['fixed', 'forbidden', 'confirm'];
type RunForm = z.infer<typeof runForm>;

const key = (p: PairRef) => `${p.person}:${p.slot}`;
const minus = (xs: PairRef[], drop: PairRef[]) => xs.filter((x) => !drop.some((d) => key(d) === key(x)));

/** The kept and ruled-out pairs after the button pressed (a pair is never both). */
function state(f: RunForm): { fixed: PairRef[]; forbidden: PairRef[] } {
	let fixed = parsePairs(f.fixed);
	let forbidden = parsePairs(f.forbidden);
	const one = (v: string | undefined) => parsePairs(v ? [v] : []);
	fixed = minus(fixed, [...one(f.unfix), ...one(f.forbid)]).concat(minus(one(f.fix), fixed));
	forbidden = minus(forbidden, [...one(f.unforbid), ...one(f.fix)]).concat(minus(one(f.forbid), forbidden));
	return { fixed, forbidden };
}

async function readRun(event: RequestEvent) {
	requireUser(event);
	await authorize(event, 'matching.run', guardianshipResource);
	return readForm(event.request, runForm, { multi });
}

/** A run after an action, its PolicyDenied sent to sign-in, the second factor or a 403. */
async function rerun(event: RequestEvent, s: { fixed: PairRef[]; forbidden: PairRef[] }): Promise<MatchingRun> {
	const ctx = await ctxFrom(event);
	try {
		return await runGuardianshipMatching(ctx, s);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		throw err;
	}
}

export const actions: Actions = {
	settings: (event) =>
		guardianshipForm(event, 'settings', (e) => authorize(e, 'matching.programme.edit', guardianshipResource), settingsForm, (ctx, data) => saveGuardianshipSettings(ctx, data), () => m.matching_settings_saved()),

	run: async (event) => {
		const form = await readRun(event);
		if (!form.ok) return fail(form.status, { section: 'run', message: form.message, errors: form.errors });
		return { section: 'run', run: await rerun(event, state(form.data)) };
	},

	confirm: async (event) => {
		const form = await readRun(event);
		if (!form.ok) return fail(form.status, { section: 'run', message: form.message, errors: form.errors });
		const s = state(form.data);
		const picked = form.data.confirm;
		const pairs = parsePairs(picked);
		const ctx = await ctxFrom(event);
		let message: string;
		let status: RefusalStatus = 400;
		try {
			// A forged or malformed value is refused whole: nothing is assigned.
			if (pairs.length !== picked.length) throw new Refusal(400, 'matching_pair_invalid', 'confirm');
			const done = await confirmGuardianProposals(ctx, pairs);
			return { section: 'run', success: m.matching_confirmed({ count: String(done.assigned) }), run: await rerun(event, { fixed: minus(s.fixed, pairs), forbidden: s.forbidden }) };
		} catch (err) {
			if (err instanceof PolicyDenied) stepUp(event, err);
			if (!(err instanceof Refusal)) throw err;
			status = err.status;
			message = err instanceof ConfirmRefused ? refusedMessage(err) : translate(err.key);
		}
		return fail(status, { section: 'run', message, errors: { confirm: message }, run: await rerun(event, s) });
	}
};

/** "Nothing was assigned: <child> could not be given <guardian>: <why>", with the names the office saw. */
function refusedMessage(err: ConfirmRefused): string {
	const reason = translate(err.reason);
	return err.names ? m.matching_confirm_refused({ ...err.names, reason }) : m.matching_confirm_refused_unnamed({ reason });
}
