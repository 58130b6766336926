/**
 * Route-side helpers of an organisation's volunteering workspace
 * (/app/organisations/[id]/volunteering): the organisation gate first (signed
 * in, the organisation exists, the policy for the page), then the form, then
 * the use case. A PolicyDenied goes to sign-in, the second factor or a 403;
 * a forged id (any "not found") is a 404 page; any other Refusal is a failure
 * of the form it came from, the input kept and the message translated.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { locales } from '#lib/paraglide/runtime.js';
import type { Ctx } from '../context.ts';
import { fields, readForm, translate, type FormValues } from '../http/form.ts';
import { orgGate } from '../http/org-route.ts';
import { refusalError } from '../http/refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { PolicyDenied, type Action } from '../policy/index.ts';
import { stepUp } from '../support/route.ts';
import { spokenLanguages } from '../../directory/taxonomy.ts';
import { config } from '../config.ts';
import { opportunityHead } from './common.ts';
import { shiftHead } from './opportunities.ts';
import { MULTI, opportunityForm } from './schemas.ts';

const spokenLanguageCodes = Object.keys(spokenLanguages);

/** Refusals about the page (a forged or stale id), not about the form. */
const pageRefusal = (key: string) => key === 'org_not_found' || key === 'org_forbidden' || key.endsWith('_not_found');

/** The organisation and the actor's context, after the policy allowed `action` on it. */
export const workspaceGate = orgGate;

/** For loads: runs `fn`; refusals become redirects or error pages. */
export async function workspaceLoad<T>(event: RequestEvent, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: event.request.method === 'POST' });
	}
}

/** Runs a use case for form `section`; a refusal about the input is that form's failure. */
export async function workspaceRun(event: RequestEvent, section: string, values: FormValues, fn: () => Promise<unknown>) {
	try {
		await fn();
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		if (!(err instanceof Refusal)) throw err;
		if (pageRefusal(err.key)) refusalError(err, { explain: true });
		const message = translate(err.key);
		return fail(err.status, { section, values, errors: err.field ? { [err.field]: message } : {}, message });
	}
	return null;
}

/**
 * One form of a workspace page: the gate (`action` on the organisation),
 * then the form (checkbox groups read as lists), then `run`; on success a
 * reply naming the section and a translated message.
 */
export async function workspaceForm<S extends z.ZodType>(
	event: RequestEvent,
	section: string,
	action: Action,
	schema: S,
	run: (ctx: Ctx, data: z.infer<S>, orgId: string) => Promise<unknown>,
	success: () => string = m.volunteering_saved
) {
	const { ctx, org } = await workspaceGate(event, action);
	const form = await readForm(event.request, schema, { multi: [...MULTI, 'steps'] });
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	const failed = await workspaceRun(event, section, form.values, () => run(ctx, form.data, org.id));
	return failed ?? { section, success: success() };
}

/** The edit form: an opportunity's fields and "closed". */
export const opportunityEditForm = opportunityForm.extend({ closed: fields.checkbox() });

/** A translation of an opportunity's title and description (an empty title removes it). */
export const translationForm = z.object({
	locale: z.enum(locales as unknown as [string, ...string[]], { error: 'field_invalid_choice' }),
	trTitle: fields.optionalText(150),
	trDescription: fields.optionalText(5000)
});

/** The languages an opportunity may be written in or ask for, by their own names. */
export const languageOptions = () => spokenLanguageCodes.map((code) => ({ value: code, label: spokenLanguages[code] }));

/** The interface's languages, into which an opportunity may be translated. */
export const localeOptions = () => locales.map((code) => ({ value: code, label: spokenLanguages[code] ?? code }));

/** The opportunity, if it is this organisation's; else the same 404 as a forged id. */
export async function ownOpportunity(ctx: Ctx, organisationId: string, opportunityId: string) {
	const head = await opportunityHead(ctx.db, opportunityId);
	if (head.organisationId !== organisationId) throw new Refusal(404, 'engagement_opportunity_not_found');
	return head;
}

/** The shift, if it belongs to this opportunity; else the same 404 as a forged id. */
export async function ownShift(ctx: Ctx, opportunityId: string, shiftId: string) {
	const s = await shiftHead(ctx.db, shiftId);
	if (s.opportunityId !== opportunityId) throw new Refusal(404, 'engagement_shift_not_found');
	return s;
}

/** A shift's start and end in the city's time zone, in the reader's language. */
export function formatShift(startsAt: Date, endsAt: Date, locale: string, timeZone = config().CITY_TIME_ZONE) {
	const fmt = (opts: Intl.DateTimeFormatOptions) => {
		try {
			return new Intl.DateTimeFormat(locale, { ...opts, timeZone });
		} catch {
			return new Intl.DateTimeFormat('en', { ...opts, timeZone });
		}
	};
	const day = fmt({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
	const time = fmt({ timeStyle: 'short' });
	const sameDay = day.format(startsAt) === day.format(endsAt);
	return {
		day: day.format(startsAt),
		start: time.format(startsAt),
		end: sameDay ? time.format(endsAt) : `${time.format(endsAt)} (${day.format(endsAt)})`
	};
}
