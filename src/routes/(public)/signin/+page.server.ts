import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { signIn } from '#lib/server/auth/accounts.ts';
import { PASSWORD_MAX } from '#lib/server/auth/passwords.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { readForm } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { AFTER_SIGN_IN, safeNext } from '#lib/server/http/redirect.ts';
import { setLocaleCookie, setSessionCookie } from '#lib/server/http/session-cookie.ts';
import type { Actions, PageServerLoad } from './$types';

const schema = z.strictObject({
	identifier: z
		.string()
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().min(1).max(254)),
	password: z.string().min(1).max(PASSWORD_MAX),
	next: z.string().max(2000).optional()
});

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), AFTER_SIGN_IN);
	if (locals.session) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, schema);
		if (!form.ok) return formFailure(form);
		const next = safeNext(form.data.next ?? event.url.searchParams.get('next'), AFTER_SIGN_IN);
		const result = await signIn(await ctxFrom(event), form.data, {
			previousSessionId: event.locals.session?.sessionId ?? event.locals.pendingSession?.sessionId ?? null,
			userAgent: event.request.headers.get('user-agent')
		});
		if (!result.ok) return failure(result, form.values);
		setSessionCookie(event, result.session);
		setLocaleCookie(event, result.locale);
		if (result.pendingSecondFactor) redirect(303, `/signin/verify?next=${encodeURIComponent(next)}`);
		redirect(303, next);
	}
};
