/**
 * Route-side helpers of the support folder pages: sign-in first, then the use
 * case; a PolicyDenied (sign-in, second factor) goes where `authorize` sends
 * it, a 404/403 Refusal becomes the error page (a folder's existence is
 * private), any other Refusal a form failure naming the form it came from.
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom, type Ctx } from '../context.ts';
import { requireUser } from '../http/guard.ts';
import { translate, type FormValues } from '../http/form.ts';
import { refusalError } from '../http/refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { PolicyDenied } from '../policy/index.ts';

/** Where a PolicyDenied sends the browser: sign-in, the second factor, or a 403 page (also used by the guardianship pages). */
export function stepUp(event: RequestEvent, err: PolicyDenied): never {
	const next = encodeURIComponent(event.url.pathname + event.url.search);
	if (err.decision === 'sign_in_required') redirect(303, `/signin?next=${next}`);
	if (err.decision === 'second_factor_required') {
		const actor = event.locals.actor;
		redirect(303, actor.kind === 'user' && actor.totpEnabled ? `/signin/verify?next=${next}` : '/account/security?required=1');
	}
	error(403, m.error_forbidden_title());
}

/** For loads: runs `fn` for a signed-in actor; refusals become redirects or error pages. */
export async function folderLoad<T>(event: RequestEvent, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
	requireUser(event);
	const ctx = await ctxFrom(event);
	try {
		return await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: event.request.method === 'POST' });
	}
}

/** For form actions: like folderLoad, but a refusal about the input is a failure of form `section`, the input kept. */
export async function folderAction(event: RequestEvent, section: string, values: FormValues, fn: (ctx: Ctx) => Promise<unknown>) {
	requireUser(event);
	const ctx = await ctxFrom(event);
	try {
		await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		if (!(err instanceof Refusal)) throw err;
		if (err.key === 'support_folder_not_found') refusalError(err);
		const message = translate(err.key);
		return fail(err.status, { section, values, errors: err.field ? { [err.field]: message } : {}, message });
	}
	return null;
}
