import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { PASSWORD_MAX } from '#lib/server/auth/passwords.ts';
import { deleteAccount } from '#lib/server/auth/profile.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { readForm, translate } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

async function guard(event: RequestEvent) {
	const actor = requireUser(event);
	await authorize(event, 'account.delete', { type: 'account', userId: actor.userId });
}

export const load: PageServerLoad = async (event) => {
	await guard(event);
	return {};
};

const schema = z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX) });

export const actions: Actions = {
	default: async (event) => {
		await guard(event);
		const form = await readForm(event.request, schema);
		if (!form.ok) return formFailure(form);
		const result = await deleteAccount(await ctxFrom(event), form.data.password);
		if (!result.ok) {
			if ('organisations' in result && result.organisations) {
				return fail(result.status, {
					values: {},
					errors: {},
					message: translate(result.message),
					organisations: result.organisations
				});
			}
			return failure(result);
		}
		clearSessionCookie(event);
		redirect(303, '/account-deleted');
	}
};
