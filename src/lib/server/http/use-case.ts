/**
 * The route side of a use case, for any capability: a load whose refusals
 * become redirects (sign-in, second factor) or error pages, and a form
 * action that reads the form with its zod schema, runs the use case, and
 * turns a refusal into the form's failure with the input kept and the reason
 * translated. A 404 refusal not about a field (a forged or stale id) is the
 * 404 page, with its sentence.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ctxFrom, type Ctx } from '../context.ts';
import { readForm, translate } from './form.ts';
import { refusalError } from './refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { PolicyDenied } from '../policy/index.ts';
import { stepUp } from '../support/route.ts';

export async function loadUseCase<T>(event: RequestEvent, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
	const ctx = await ctxFrom(event);
	try {
		return await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: event.request.method === 'POST' });
	}
}

export interface FormReply {
	section: string;
	success?: string;
	message?: string;
	values?: Record<string, string | string[]>;
	errors?: Record<string, string>;
}

/** Reads the form, runs `fn`, and answers `{ section, success }` or a failure of that section. */
export async function formUseCase<S extends z.ZodType, R>(
	event: RequestEvent,
	section: string,
	schema: S,
	fn: (ctx: Ctx, data: z.infer<S>) => Promise<R>,
	success: (r: R) => string,
	opts: { multi?: string[] } = {}
) {
	const form = await readForm(event.request, schema, opts);
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	return runUseCase(event, section, (ctx) => fn(ctx, form.data), success, form.values);
}

/** Runs `fn` for a form that was read another way (a file upload); refusals become that section's failure. */
export async function runUseCase<R>(event: RequestEvent, section: string, fn: (ctx: Ctx) => Promise<R>, success: (r: R) => string, values: Record<string, string | string[]> = {}) {
	const ctx = await ctxFrom(event);
	let result: R;
	try {
		result = await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		if (!(err instanceof Refusal)) throw err;
		if (err.status === 404 && !err.field) refusalError(err, { explain: true });
		const message = translate(err.key);
		return fail(err.status, { section, values, errors: err.field ? { [err.field]: message } : {}, message });
	}
	return { section, success: success(result) };
}
