import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { resendVerification } from '#lib/server/auth/accounts.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '#lib/server/auth/passwords.ts';
import { changeDisplayName, changeLocale, changePassword, getAccount, requestEmailChange } from '#lib/server/auth/profile.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { fields, readForm } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { setLocaleCookie, setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { locales } from '#lib/paraglide/runtime.js';
import { translate } from '#lib/server/http/form.ts';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

async function guard(event: RequestEvent, action: 'account.view' | 'account.update') {
	const actor = requireUser(event);
	await authorize(event, action, { type: 'account', userId: actor.userId });
	return actor;
}

export const load: PageServerLoad = async (event) => {
	await guard(event, 'account.view');
	const account = await getAccount(await ctxFrom(event));
	return { account, locales: [...locales], passwordMin: PASSWORD_MIN };
};

const nameSchema = z.strictObject({ display_name: fields.text(80) });
const emailSchema = z.strictObject({ email: fields.email(), current_password: z.string().min(1).max(PASSWORD_MAX) });
const localeSchema = z.strictObject({ locale: z.enum(locales) });
const passwordSchema = z.strictObject({
	current_password: z.string().min(1).max(PASSWORD_MAX),
	password: z
		.string()
		.min(PASSWORD_MIN, { error: 'auth_password_too_short' })
		.max(PASSWORD_MAX, { error: 'auth_password_too_long' })
});

export const actions: Actions = {
	name: async (event) => {
		await guard(event, 'account.update');
		const form = await readForm(event.request, nameSchema);
		if (!form.ok) return formFailure(form, 'name');
		await changeDisplayName(await ctxFrom(event), form.data.display_name);
		return { done: 'name' as const, notice: translate('auth_saved') };
	},
	email: async (event) => {
		await guard(event, 'account.update');
		const form = await readForm(event.request, emailSchema);
		if (!form.ok) return formFailure(form, 'email');
		const result = await requestEmailChange(await ctxFrom(event), { email: form.data.email, password: form.data.current_password });
		if (!result.ok) return failure(result, form.values, 'email');
		return { done: 'email' as const, notice: translate('auth_email_change_sent', { email: form.data.email }) };
	},
	locale: async (event) => {
		await guard(event, 'account.update');
		const form = await readForm(event.request, localeSchema);
		if (!form.ok) return formFailure(form, 'locale');
		const result = await changeLocale(await ctxFrom(event), form.data.locale);
		if (!result.ok) return failure(result, form.values, 'locale');
		setLocaleCookie(event, form.data.locale);
		// Reload so the whole page speaks the new language.
		redirect(303, '/account?saved=locale');
	},
	password: async (event) => {
		await guard(event, 'account.update');
		const form = await readForm(event.request, passwordSchema);
		if (!form.ok) return formFailure(form, 'password');
		const result = await changePassword(await ctxFrom(event), event.locals.session!.sessionId, {
			currentPassword: form.data.current_password,
			password: form.data.password
		});
		if (!result.ok) return failure(result, form.values, 'password');
		setSessionCookie(event, result.session);
		return { done: 'password' as const, notice: translate('auth_password_changed') };
	},
	resend: async (event) => {
		const actor = await guard(event, 'account.update');
		const form = await readForm(event.request, z.strictObject({}));
		if (!form.ok) return formFailure(form, 'resend');
		const result = await resendVerification(await ctxFrom(event), actor.userId);
		if (!result.ok) return failure(result, {}, 'resend');
		return { done: 'resend' as const, notice: translate('auth_verification_resent') };
	}
};
