import { z } from 'zod';
import { recoverAccount } from '#lib/server/auth/accounts.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '#lib/server/auth/passwords.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { readForm } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';
import type { Actions, PageServerLoad } from './$types';

const schema = z.strictObject({
	username: z
		.string()
		.transform((s) => s.trim())
		.pipe(z.string().min(1).max(60)),
	code: z
		.string()
		.transform((s) => s.trim())
		.pipe(z.string().min(1).max(40)),
	password: z
		.string()
		.min(PASSWORD_MIN, { error: 'auth_password_too_short' })
		.max(PASSWORD_MAX, { error: 'auth_password_too_long' })
});

export const load: PageServerLoad = () => ({ passwordMin: PASSWORD_MIN });

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, schema);
		if (!form.ok) return formFailure(form);
		const result = await recoverAccount(await ctxFrom(event), form.data);
		if (!result.ok) return failure(result, form.values);
		clearSessionCookie(event);
		return { recovered: { username: result.username, recoveryCode: result.recoveryCode } };
	}
};
