/**
 * Route-side helpers of the survey pages: the policy gate first (before a
 * form is read), then the form, then the use case. A PolicyDenied goes to
 * sign-in or a 403; a 404 refusal not about a field (a forged or stale id)
 * is the 404 page; any other refusal is a failure of the form it came from,
 * the input kept and the reason translated.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ctxFrom, type Ctx } from '../context.ts';
import { config } from '../config.ts';
import { authorize, requireUser } from '../http/guard.ts';
import { readForm, translate } from '../http/form.ts';
import { refusalError } from '../http/refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { PolicyDenied, type Action } from '../policy/index.ts';
import { stepUp } from '../support/route.ts';
import { SURVEY_MULTI } from './schemas.ts';

/** For loads: refusals become redirects (sign-in) or error pages. */
export async function surveysLoad<T>(event: RequestEvent, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
	const ctx = await ctxFrom(event);
	try {
		return await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: event.request.method === 'POST' });
	}
}

/**
 * A form: `action` asked first when given (the workspace), then the form,
 * then `fn`; `fn` may answer with a redirect (thrown by Kit) on success.
 */
export async function surveysForm<S extends z.ZodType, R>(
	event: RequestEvent,
	section: string,
	action: Action | null,
	schema: S,
	fn: (ctx: Ctx, data: z.infer<S>) => Promise<R>,
	success: (r: R) => string
) {
	if (action) {
		requireUser(event);
		await authorize(event, action);
	}
	const ctx = await ctxFrom(event);
	const form = await readForm(event.request, schema, { multi: SURVEY_MULTI });
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	let result: R;
	try {
		result = await fn(ctx, form.data);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		if (!(err instanceof Refusal)) throw err;
		if (err.status === 404 && !err.field) refusalError(err, { explain: true });
		const message = translate(err.key);
		return fail(err.status, { section, values: form.values, errors: err.field ? { [err.field]: message } : {}, message });
	}
	return { section, success: success(result) };
}

function fmt(d: Date, locale: string, opts: Intl.DateTimeFormatOptions): string {
	const o = { ...opts, timeZone: config().CITY_TIME_ZONE };
	try {
		return new Intl.DateTimeFormat(locale, o).format(d);
	} catch {
		return new Intl.DateTimeFormat('en', o).format(d);
	}
}

/** "14 December 2026" in the city's zone and the reader's language. */
export function day(d: Date, locale: string): string {
	return fmt(d, locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** The last day a survey takes answers ('closes at' is the start of the next day). */
export function lastDay(closesAt: Date, locale: string): string {
	return day(new Date(closesAt.getTime() - 1000), locale);
}

/** A local date 'YYYY-MM-DD' of an instant, for a form. */
export function localYmd(d: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: config().CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** The cookies of the answering flow, each for one survey's pages only. */
export const DRAFT_COOKIE = 'convive_survey';
export const DONE_COOKIE = 'convive_survey_done';
export function cookieOpts(event: RequestEvent, id: string, maxAgeSeconds: number) {
	return { path: `/surveys/${id}`, httpOnly: true, sameSite: 'lax' as const, secure: event.url.protocol === 'https:', maxAge: maxAgeSeconds };
}
