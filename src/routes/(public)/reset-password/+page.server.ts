import { z } from 'zod';
import { checkResetToken, resetPassword } from '#lib/server/auth/accounts.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '#lib/server/auth/passwords.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { readForm } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';
import type { Actions, PageServerLoad } from './$types';

const schema = z.strictObject({
	password: z
		.string()
		.min(PASSWORD_MIN, { error: 'auth_password_too_short' })
		.max(PASSWORD_MAX, { error: 'auth_password_too_long' })
});

/** The token stays in the address (?token=…); the form posts back to it. */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store' });
	const valid = await checkResetToken(await ctxFrom(event), event.url.searchParams.get('token') ?? '');
	return { valid, passwordMin: PASSWORD_MIN };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, schema);
		if (!form.ok) return formFailure(form);
		const result = await resetPassword(await ctxFrom(event), {
			token: event.url.searchParams.get('token') ?? '',
			password: form.data.password
		});
		if (!result.ok) return failure(result, form.values);
		clearSessionCookie(event);
		return { done: true as const };
	}
};
