/**
 * Route-side helpers of the volunteer's pages (/volunteer): the policy gate
 * first (before a form is read), then the form, then the use case. A
 * PolicyDenied goes to sign-in (coming back here), the second factor or a 403
 * page; a 404 refusal not about a field (a forged or stale id) is the 404
 * page with its own sentence; any other refusal is a failure of the form it
 * came from, with the input kept and the reason translated.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ctxFrom, type Ctx } from '../context.ts';
import { config } from '../config.ts';
import { authorize, requireUser } from '../http/guard.ts';
import { readForm, translate } from '../http/form.ts';
import { refusalError } from '../http/refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { PolicyDenied } from '../policy/index.ts';
import { stepUp } from '../support/route.ts';
import { hoursForm, MULTI, type HoursInput } from './schemas.ts';

/** For loads: refusals become redirects (sign-in) or error pages. */
export async function portalLoad<T>(event: RequestEvent, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
	const ctx = await ctxFrom(event);
	try {
		return await fn(ctx);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: event.request.method === 'POST' });
	}
}

/**
 * One form of a volunteer page: signed in and `volunteering.self`, then the
 * form (`schema`, checkbox groups read as lists), then `run`. On success a
 * reply naming the section and `success()`.
 */
export async function portalForm<S extends z.ZodType, R>(
	event: RequestEvent,
	section: string,
	schema: S,
	run: (ctx: Ctx, data: z.infer<S>) => Promise<R>,
	success: (result: R) => string
) {
	requireUser(event);
	await authorize(event, 'volunteering.self');
	const form = await readForm(event.request, schema, { multi: MULTI });
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	const ctx = await ctxFrom(event);
	let result: R;
	try {
		result = await run(ctx, form.data);
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		if (!(err instanceof Refusal)) throw err;
		if (err.status === 404 && !err.field) refusalError(err, { explain: true });
		const message = translate(err.key);
		return fail(err.status, { section, values: form.values, errors: err.field ? { [err.field]: message } : {}, message });
	}
	return { section, success: success(result) };
}

/** A moment in the city's time zone, in the reader's language: "Mon 14 Dec 2026, 09:00". */
export function cityMoment(d: Date, locale: string): string {
	const opts: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: config().CITY_TIME_ZONE };
	try {
		return new Intl.DateTimeFormat(locale, opts).format(d);
	} catch {
		return new Intl.DateTimeFormat('en', opts).format(d);
	}
}

/** The end time of a shift (same day as its start, usually). */
export function cityTime(d: Date, locale: string): string {
	const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZone: config().CITY_TIME_ZONE };
	try {
		return new Intl.DateTimeFormat(locale, opts).format(d);
	} catch {
		return new Intl.DateTimeFormat('en', opts).format(d);
	}
}

/**
 * The hours form as the volunteer page posts it: time spent as hours and
 * minutes (either may be blank), summed into the use case's `minutes`.
 */
const partOfTime = (max: number) =>
	z
		.string()
		.optional()
		.transform((s) => (s ?? '').trim())
		.refine((s) => s === '' || (/^\d{1,4}$/.test(s) && Number(s) <= max), { error: 'engagement_minutes_invalid' })
		.transform((s) => (s === '' ? 0 : Number(s)));

export const hoursEntryForm = hoursForm
	.omit({ minutes: true })
	.extend({ hours: partOfTime(24), minutes: partOfTime(1440) })
	.transform(({ hours, minutes, ...rest }): HoursInput => ({ ...rest, minutes: hours * 60 + minutes }))
	.refine((v) => v.minutes >= 1 && v.minutes <= 1440, { error: 'engagement_minutes_invalid', path: ['minutes'] });

/** A reference to one's own application (any text: one that names nothing is the 404 page). */
export const applicationRef = z.object({ applicationId: z.string().max(100) });

