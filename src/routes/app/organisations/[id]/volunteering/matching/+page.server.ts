/**
 * Volunteer matching for one organisation: the engine proposes available
 * volunteers for its open opportunities; the coordinator keeps or rules out
 * pairs and runs again (the state travels in the form, so no JavaScript is
 * needed), then invites the selected volunteers by e-mail. Nobody is told
 * anything before that.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { parsePairs } from '#lib/server/guardianship/matching.ts';
import { readForm, translate } from '#lib/server/http/form.ts';
import { inviteVolunteers, runVolunteerMatching } from '#lib/server/engagement/matching.ts';
import { workspaceGate, workspaceLoad } from '#lib/server/engagement/workspace.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import { PolicyDenied } from '#lib/server/policy/index.ts';
import { stepUp } from '#lib/server/support/route.ts';
import type { PairRef } from '#lib/matching/types.ts';
import type { Actions, PageServerLoad } from './$types';

const MANAGE = 'volunteering.volunteers.manage';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await workspaceGate(event, MANAGE);
	return workspaceLoad(event, async () => ({
		org: { id: org.id, name: org.name },
		permissions,
		run: { ...(await runVolunteerMatching(ctx, org.id)), fixed: [] as PairRef[], forbidden: [] as PairRef[] }
	}));
};

const pairList = z.array(z.string().max(100)).max(1000);
const runForm = z.object({
	fixed: pairList,
	forbidden: pairList,
	invite: pairList,
	fix: z.string().max(100).optional(),
	forbid: z.string().max(100).optional(),
	unfix: z.string().max(100).optional(),
	unforbid: z.string().max(100).optional()
});
type RunForm = z.infer<typeof runForm>;

const key = (p: PairRef) => `${p.person}:${p.slot}`;
const minus = (xs: PairRef[], drop: PairRef[]) => xs.filter((x) => !drop.some((d) => key(d) === key(x)));

/** The kept and ruled-out pairs after the button pressed (a pair is never both). */
function state(f: RunForm): { fixed: PairRef[]; forbidden: PairRef[] } {
	const one = (v: string | undefined) => parsePairs(v ? [v] : []);
	let fixed = parsePairs(f.fixed);
	let forbidden = parsePairs(f.forbidden);
	fixed = minus(fixed, [...one(f.unfix), ...one(f.forbid)]).concat(minus(one(f.fix), fixed));
	forbidden = minus(forbidden, [...one(f.unforbid), ...one(f.fix)]).concat(minus(one(f.forbid), forbidden));
	return { fixed, forbidden };
}

/** The gate, the form, and a function that runs the engine with a given state. */
async function begin(event: RequestEvent) {
	const { ctx, org } = await workspaceGate(event, MANAGE);
	const form = await readForm(event.request, runForm, { multi: ['fixed', 'forbidden', 'invite'] });
	const rerun = async (s: { fixed: PairRef[]; forbidden: PairRef[] }) => {
		try {
			return { ...(await runVolunteerMatching(ctx, org.id, s)), ...s };
		} catch (err) {
			if (err instanceof PolicyDenied) stepUp(event, err);
			throw err;
		}
	};
	return { ctx, org, form, rerun };
}

export const actions: Actions = {
	run: async (event) => {
		const { form, rerun } = await begin(event);
		if (!form.ok) return fail(form.status, { section: 'run', message: form.message, errors: form.errors });
		return { section: 'run', run: await rerun(state(form.data)) };
	},

	invite: async (event) => {
		const { ctx, org, form, rerun } = await begin(event);
		if (!form.ok) return fail(form.status, { section: 'run', message: form.message, errors: form.errors });
		const s = state(form.data);
		const picked = form.data.invite;
		const pairs = parsePairs(picked);
		let message: string;
		let status = 400;
		try {
			if (picked.length === 0) throw new Refusal(400, 'volunteering_matching_pick');
			// A forged or malformed value is refused whole: nobody is invited.
			if (pairs.length !== picked.length) throw new Refusal(400, 'engagement_invite_invalid');
			const done = await inviteVolunteers(ctx, org.id, pairs);
			return {
				section: 'run',
				success: m.volunteering_matching_invited({ count: String(done.invited) }),
				run: await rerun({ fixed: minus(s.fixed, pairs), forbidden: s.forbidden })
			};
		} catch (err) {
			if (err instanceof PolicyDenied) stepUp(event, err);
			if (!(err instanceof Refusal)) throw err;
			status = err.status;
			message = translate(err.key);
		}
		return fail(status, { section: 'run', message, errors: { invite: message }, run: await rerun(s) });
	}
};
