/**
 * Route-side helpers of the survey pages: the policy gate first (before a
 * form is read), then the form, then the use case. A PolicyDenied goes to
 * sign-in or a 403; a 404 refusal not about a field (a forged or stale id)
 * is the 404 page; any other refusal is a failure of the form it came from,
 * the input kept and the reason translated.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { cityDate, cityYmd } from '../city-time.ts';
import { authorize, requireUser } from '../http/guard.ts';
import { formUseCase, loadUseCase } from '../http/use-case.ts';
import type { Action } from '../policy/index.ts';
import { SURVEY_MULTI } from './schemas.ts';

/** For loads: refusals become redirects (sign-in) or error pages. */
export const surveysLoad = loadUseCase;

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
	return formUseCase(event, section, schema, fn, success, { multi: SURVEY_MULTI });
}

/** "14 December 2026" in the city's zone and the reader's language. */
export const day = cityDate;

/** The last day a survey takes answers ('closes at' is the start of the next day). */
export function lastDay(closesAt: Date, locale: string): string {
	return day(new Date(closesAt.getTime() - 1000), locale);
}

/** A local date 'YYYY-MM-DD' of an instant, for a form. */
export const localYmd = cityYmd;

/** The cookies of the answering flow, each for one survey's pages only. */
export const DRAFT_COOKIE = 'convive_survey';
export const DONE_COOKIE = 'convive_survey_done';
export function cookieOpts(event: RequestEvent, id: string, maxAgeSeconds: number) {
	return { path: `/surveys/${id}`, httpOnly: true, sameSite: 'lax' as const, secure: event.url.protocol === 'https:', maxAge: maxAgeSeconds };
}
