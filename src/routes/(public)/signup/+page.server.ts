import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { signUp } from '#lib/server/auth/accounts.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '#lib/server/auth/passwords.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { fields, readForm } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { AFTER_SIGN_IN } from '#lib/server/http/redirect.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import type { Actions, PageServerLoad } from './$types';

const schema = z.strictObject({
	display_name: fields.text(80),
	email: fields.optionalEmail(),
	password: z
		.string()
		.min(PASSWORD_MIN, { error: 'auth_password_too_short' })
		.max(PASSWORD_MAX, { error: 'auth_password_too_long' }),
	kind: z.enum(['newcomer', 'resident', '']).optional()
});

export const load: PageServerLoad = ({ locals }) => {
	if (locals.session) redirect(303, AFTER_SIGN_IN);
	return { passwordMin: PASSWORD_MIN };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, schema);
		if (!form.ok) return formFailure(form);
		const d = form.data;
		const result = await signUp(
			await ctxFrom(event),
			{ displayName: d.display_name, email: d.email, password: d.password, kind: d.kind || null },
			event.request.headers.get('user-agent')
		);
		if (!result.ok) return failure(result, form.values);
		if (result.withEmail) return { sent: true as const, email: d.email };
		setSessionCookie(event, result.session);
		return { created: { username: result.username, recoveryCode: result.recoveryCode } };
	}
};
