/**
 * Route-side helpers of the activities pages: the policy gate first (before a
 * form is read), then the form, then the use case. A PolicyDenied goes to
 * sign-in, the second factor or a 403; a 404 refusal not about a field (a
 * forged or stale id) is the 404 page; any other refusal is a failure of the
 * form it came from, the input kept and the reason translated.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { config } from '../config.ts';
import { authorize, requireUser } from '../http/guard.ts';
import { orgGate } from '../http/org-route.ts';
import { formUseCase, loadUseCase } from '../http/use-case.ts';
import type { Action } from '../policy/index.ts';
import { ACTIVITY_MULTI } from './schemas.ts';

/** For loads: refusals become redirects (sign-in) or error pages. */
export const activitiesLoad = loadUseCase;

const run = <S extends z.ZodType, R>(event: RequestEvent, section: string, schema: S, fn: (ctx: Ctx, data: z.infer<S>) => Promise<R>, success: (r: R) => string) =>
	formUseCase(event, section, schema, fn, success, { multi: ACTIVITY_MULTI });

/** A form of a portal page: signed in and `activities.self`, then the form, then `fn`. */
export async function activitiesForm<S extends z.ZodType, R>(event: RequestEvent, section: string, schema: S, fn: (ctx: Ctx, data: z.infer<S>) => Promise<R>, success: (r: R) => string) {
	requireUser(event);
	await authorize(event, 'activities.self');
	return run(event, section, schema, fn, success);
}

/** A form of the organisation's activities workspace: the organisation gate for `action`, then the form, then `fn`. */
export async function activitiesOrgForm<S extends z.ZodType, R>(
	event: RequestEvent,
	section: string,
	action: Action,
	schema: S,
	fn: (ctx: Ctx, data: z.infer<S>, orgId: string) => Promise<R>,
	success: (r: R) => string = () => m.activities_saved()
) {
	const { org } = await orgGate(event, action);
	return run(event, section, schema, (c, d) => fn(c, d, org.id), success);
}

function fmt(d: Date, locale: string, opts: Intl.DateTimeFormatOptions): string {
	const o = { ...opts, timeZone: config().CITY_TIME_ZONE };
	try {
		return new Intl.DateTimeFormat(locale, o).format(d);
	} catch {
		return new Intl.DateTimeFormat('en', o).format(d);
	}
}

/** "Mon 14 Dec, 18:00–20:00" in the city's zone and the reader's language. */
export function when(start: Date, end: Date, locale: string): string {
	return `${fmt(start, locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}–${fmt(end, locale, { hour: '2-digit', minute: '2-digit' })}`;
}

/** A local date 'YYYY-MM-DD' and time 'HH:MM' of an instant, for a form. */
export function localFields(d: Date): { date: string; time: string } {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: config().CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
	const p: Record<string, string> = {};
	for (const x of parts) p[x.type] = x.value;
	return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}
