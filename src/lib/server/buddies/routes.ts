/**
 * Route-side helpers of the buddy pages: the portal's (/buddies, signed in
 * for one's own records) and the workspace's
 * (/app/organisations/[id]/buddies). The policy gate comes first (before a
 * form is read), then the form, then the use case. A PolicyDenied goes to
 * sign-in, the second factor or a 403; a forged or stale id (a 404 refusal
 * not about a field) is the 404 page; any other refusal is a failure of the
 * form it came from, with the input kept and the reason translated.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ctxFrom, type Ctx } from '../context.ts';
import { authorize, requireUser } from '../http/guard.ts';
import { readForm, translate } from '../http/form.ts';
import { orgGate } from '../http/org-route.ts';
import { refusalError } from '../http/refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { PolicyDenied } from '../policy/index.ts';
import { stepUp } from '../support/route.ts';
import { ConfirmRefused } from './matching.ts';
import { MULTI } from './schemas.ts';
import { ruleText } from '../../programmes/explain.ts';

/** For loads: refusals become redirects (sign-in, second factor) or error pages. */
export async function buddiesLoad<T>(event: RequestEvent, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
	const ctx = await ctxFrom(event);
	try {
		return await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: event.request.method === 'POST' });
	}
}

/** A refusal as the message a person reads (a refused confirmation names the pair and the rule). */
export function refusalText(err: Refusal): string {
	if (err instanceof ConfirmRefused) {
		const reason = err.rule === 'capacity' ? translate('buddies_rule_capacity') : err.rule === 'paired' ? translate('buddies_rule_paired') : ruleText(err.rule);
		return translate('buddies_confirm_refused', { newcomer: err.names?.newcomer ?? '—', resident: err.names?.resident ?? '—', reason });
	}
	return translate(err.key);
}

async function run<S extends z.ZodType, R>(event: RequestEvent, section: string, schema: S, ctx: Ctx, fn: (data: z.infer<S>) => Promise<R>, success: (r: R) => string) {
	const form = await readForm(event.request, schema, { multi: MULTI });
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	let result: R;
	try {
		result = await fn(form.data);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		if (!(err instanceof Refusal)) throw err;
		if (err.status === 404 && !err.field) refusalError(err, { explain: true });
		const message = refusalText(err);
		return fail(err.status, { section, values: form.values, errors: err.field ? { [err.field]: message } : {}, message });
	}
	return { section, success: success(result) };
}

/** One form of a portal page: signed in and `buddies.self`, then the form, then the use case. */
export async function portalForm<S extends z.ZodType, R>(event: RequestEvent, section: string, schema: S, fn: (ctx: Ctx, data: z.infer<S>) => Promise<R>, success: (r: R) => string) {
	requireUser(event);
	await authorize(event, 'buddies.self');
	const ctx = await ctxFrom(event);
	return run(event, section, schema, ctx, (d) => fn(ctx, d), success);
}

/** One form of a workspace page: the organisation gate with `buddies.manage`, then the form, then the use case. */
export async function workspaceForm<S extends z.ZodType, R>(
	event: RequestEvent,
	section: string,
	schema: S,
	fn: (ctx: Ctx, data: z.infer<S>, orgId: string) => Promise<R>,
	success: (r: R) => string
) {
	const { ctx, org } = await orgGate(event, 'buddies.manage');
	return run(event, section, schema, ctx, (d) => fn(ctx, d, org.id), success);
}
