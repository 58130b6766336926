import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { verifySecondFactor } from '#lib/server/auth/accounts.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { readForm } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { AFTER_SIGN_IN, safeNext } from '#lib/server/http/redirect.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const schema = z.strictObject({
	code: z
		.string()
		.transform((s) => s.trim())
		.pipe(z.string().min(1).max(40)),
	next: z.string().max(2000).optional()
});

/**
 * Who owes a second factor here: a sign-in that passed the password
 * (pending), or a signed-in person with an app set up who has not used it in
 * this session (a step-up before seeing personal data).
 */
function owing(event: RequestEvent) {
	const { pendingSession, session } = event.locals;
	if (pendingSession) return { session: pendingSession, stepUp: false };
	if (session && session.actor.totpEnabled && !session.actor.secondFactor) return { session, stepUp: true };
	return null;
}

export const load: PageServerLoad = (event) => {
	const next = safeNext(event.url.searchParams.get('next'), AFTER_SIGN_IN);
	const who = owing(event);
	if (!who) {
		if (event.locals.session) redirect(303, next);
		redirect(303, `/signin?next=${encodeURIComponent(next)}`);
	}
	return { next, stepUp: who.stepUp };
};

export const actions: Actions = {
	default: async (event) => {
		const who = owing(event);
		if (!who) redirect(303, '/signin');
		const form = await readForm(event.request, schema);
		if (!form.ok) return formFailure(form);
		const next = safeNext(form.data.next ?? event.url.searchParams.get('next'), AFTER_SIGN_IN);
		const result = await verifySecondFactor(await ctxFrom(event), {
			sessionId: who.session.sessionId,
			userId: who.session.actor.userId,
			code: form.data.code
		});
		if (!result.ok) return failure(result, form.values);
		setSessionCookie(event, result.session);
		if (result.usedRecoveryCode) redirect(303, `/account/security?used=1&left=${result.recoveryCodesLeft}`);
		redirect(303, next);
	}
};
