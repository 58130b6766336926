/**
 * Route-side helpers of the guardianship pages: the policy gate first (before
 * a form is read), then the use case. A PolicyDenied goes to sign-in, to the
 * second factor or to a 403 page; an unknown guardian is a 404 page; any
 * other Refusal is a failure of the form it came from, the input kept.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom, type Ctx } from '../context.ts';
import { authorize, requireUser } from '../http/guard.ts';
import { readForm, translate, type FormValues } from '../http/form.ts';
import { refusalError } from '../http/refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { PolicyDenied, type Action } from '../policy/index.ts';
import { folderLoad, stepUp } from '../support/route.ts';

/** Refusals that are about the page, not the form: an error page, not a form failure. */
const pageRefusals = new Set(['guardianship_guardian_not_found']);

/** For loads: the support pages' folderLoad (sign-in first; refusals become redirects or error pages). */
export const guardianshipLoad = folderLoad;

/** Runs a use case for a form; a refusal about the input is a failure of form `section`. */
export async function guardianshipAction(event: RequestEvent, section: string, values: FormValues, fn: (ctx: Ctx) => Promise<unknown>) {
	requireUser(event);
	const ctx = await ctxFrom(event);
	try {
		await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		if (!(err instanceof Refusal)) throw err;
		if (pageRefusals.has(err.key)) refusalError(err, { explain: true });
		const message = translate(err.key);
		return fail(err.status, { section, values, errors: err.field ? { [err.field]: message } : {}, message });
	}
	return null;
}

/**
 * One form of a page: `gate` (the policy, and anything else to refuse before
 * the form is read), then the form, then the use case; on success a reply
 * naming the section and a translated "saved".
 */
export async function guardianshipForm<S extends z.ZodType>(
	event: RequestEvent,
	section: string,
	gate: Action | ((event: RequestEvent) => Promise<void>),
	schema: S,
	run: (ctx: Ctx, data: z.infer<S>) => Promise<unknown>,
	success: () => string = m.guardianship_saved
) {
	requireUser(event);
	if (typeof gate === 'string') await authorize(event, gate);
	else await gate(event);
	const form = await readForm(event.request, schema);
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	const failed = await guardianshipAction(event, section, form.values, (ctx) => run(ctx, form.data));
	return failed ?? { section, success: success() };
}
