import { z } from 'zod';
import { PASSWORD_MAX } from '#lib/server/auth/passwords.ts';
import {
	cancelTotpSetup,
	confirmTotp,
	disableTotp,
	getSecurity,
	regenerateRecoveryCodes,
	startTotpSetup
} from '#lib/server/auth/secondfactor.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { readForm, translate } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { needsSecondFactor } from '#lib/server/policy/index.ts';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

async function guard(event: RequestEvent) {
	const actor = requireUser(event);
	await authorize(event, 'account.security', { type: 'account', userId: actor.userId });
	return actor;
}

export const load: PageServerLoad = async (event) => {
	const actor = await guard(event);
	const security = await getSecurity(await ctxFrom(event));
	const left = Number(event.url.searchParams.get('left'));
	return {
		security,
		required: needsSecondFactor(actor) && !security.enabled,
		requiredAsked: event.url.searchParams.get('required') === '1',
		usedRecoveryCode: event.url.searchParams.get('used') === '1',
		recoveryCodesLeft: Number.isInteger(left) ? left : security.recoveryCodesLeft
	};
};

const codeSchema = z.strictObject({
	code: z
		.string()
		.transform((s) => s.trim())
		.pipe(z.string().min(1).max(40))
});
const disableSchema = z.strictObject({
	code: z.string().max(40).optional(),
	password: z.string().max(PASSWORD_MAX).optional()
});
const passwordSchema = z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX) });
const empty = z.strictObject({});

export const actions: Actions = {
	start: async (event) => {
		await guard(event);
		const form = await readForm(event.request, empty);
		if (!form.ok) return formFailure(form, 'start');
		const result = await startTotpSetup(await ctxFrom(event));
		if (!result.ok) return failure(result, {}, 'start');
		return { started: true as const };
	},
	cancel: async (event) => {
		await guard(event);
		const form = await readForm(event.request, empty);
		if (!form.ok) return formFailure(form, 'cancel');
		await cancelTotpSetup(await ctxFrom(event));
		return { cancelled: true as const };
	},
	confirm: async (event) => {
		await guard(event);
		const form = await readForm(event.request, codeSchema);
		if (!form.ok) return formFailure(form, 'confirm');
		const result = await confirmTotp(await ctxFrom(event), event.locals.session!.sessionId, form.data.code);
		if (!result.ok) return failure(result, form.values, 'confirm');
		setSessionCookie(event, result.session);
		return { recoveryCodes: result.recoveryCodes, notice: translate('auth_totp_enabled') };
	},
	disable: async (event) => {
		await guard(event);
		const form = await readForm(event.request, disableSchema);
		if (!form.ok) return formFailure(form, 'disable');
		const code = form.data.code?.trim() || undefined;
		const password = form.data.password || undefined;
		if (!code && !password) return failure({ ok: false, status: 400, message: 'auth_disable_needs_proof' }, form.values, 'disable');
		const result = await disableTotp(await ctxFrom(event), event.locals.session!.sessionId, { code, password });
		if (!result.ok) return failure(result, form.values, 'disable');
		setSessionCookie(event, result.session);
		return { disabled: true as const, notice: translate('auth_totp_disabled') };
	},
	codes: async (event) => {
		await guard(event);
		const form = await readForm(event.request, passwordSchema);
		if (!form.ok) return formFailure(form, 'codes');
		const result = await regenerateRecoveryCodes(await ctxFrom(event), form.data.password);
		if (!result.ok) return failure(result, form.values, 'codes');
		return { recoveryCodes: result.recoveryCodes, notice: translate('auth_codes_renewed') };
	}
};
