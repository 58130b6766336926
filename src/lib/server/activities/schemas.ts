/**
 * The shapes of the activities forms (issue 6), shared by routes and tests.
 * Errors are names of messages in messages/activities (or the generic field
 * messages), translated by readForm. Times are local times in the city's
 * zone on one date; an end not after the start is refused.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { accessibilityFeatures, activityAudiences, activityKinds } from '../db/schema/index.ts';
import { spokenLanguages } from '../../directory/taxonomy.ts';
import { parseTime } from '../../directory/hours.ts';
import { isYmd } from '../guardianship/age.ts';

/** Fields read as lists (checkbox groups). */
export const ACTIVITY_MULTI = ['languages', 'accessibility'];

export const languageCodes = Object.keys(spokenLanguages);

const codes = (known: readonly string[], error = 'field_invalid_choice') =>
	z
		.array(z.string(), { error })
		.optional()
		.transform((a) => [...new Set(a ?? [])])
		.refine((a) => a.length <= known.length && a.every((c) => known.includes(c)), { error });

const clockTime = (error = 'activities_time_invalid') =>
	z
		.string({ error })
		.transform((s) => parseTime(s))
		.refine((n): n is number => n !== null && n < 1440, { error })
		.transform((n) => n as number);

/** An https address with a host; no credentials. Blank is null. */
function isHttps(s: string): boolean {
	if (s.length > 500) return false;
	try {
		const u = new URL(s);
		return u.protocol === 'https:' && u.hostname.includes('.') && !u.username && !u.password;
	} catch {
		return false;
	}
}
export const onlineUrl = z
	.string()
	.optional()
	.transform((s) => (s ?? '').trim())
	.refine((s) => s === '' || isHttps(s), { error: 'activities_online_https' })
	.transform((s) => (s === '' ? null : s));

/** Blank: no limit. */
const capacity = z
	.string()
	.optional()
	.transform((s) => (s ?? '').trim())
	.refine((s) => s === '' || (/^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 5000), { error: 'activities_capacity_invalid' })
	.transform((s) => (s === '' ? null : Number(s)));

const base = {
	title: fields.text(150),
	description: fields.optionalText(5000),
	language: z.enum(languageCodes as [string, ...string[]], { error: 'field_invalid_choice' }).default('en'),
	neighbourhoodId: fields.blankOrNull(z.uuid({ error: 'field_invalid_choice' })),
	date: z
		.string({ error: 'activities_date_invalid' })
		.transform((s) => s.trim())
		.refine(isYmd, { error: 'activities_date_invalid' }),
	start: clockTime(),
	end: clockTime(),
	placeName: fields.optionalText(200),
	address: fields.optionalText(300),
	onlineUrl,
	capacity,
	languages: codes(languageCodes),
	childFriendly: fields.checkbox(),
	accessibility: codes(accessibilityFeatures)
};

type Shape = { end: number; start: number; placeName: string; address: string; onlineUrl: string | null };
const checks = <T extends z.ZodType<Shape>>(s: T) =>
	s
		.refine((a) => a.end > a.start, { error: 'activities_ends_before_starts', path: ['end'] })
		.refine((a) => a.placeName !== '' || a.address !== '' || a.onlineUrl !== null, { error: 'activities_place_or_link', path: ['placeName'] });

/** What organisation staff fill in. */
export const activityForm = checks(
	z.object({
		...base,
		kind: z.enum(activityKinds, { error: 'field_invalid_choice' }),
		audience: z.enum(activityAudiences, { error: 'field_invalid_choice' }).default('everyone')
	})
);
export type ActivityInput = z.infer<typeof activityForm>;

/** What a resident proposes: an activity or event for everyone. */
export const proposalForm = checks(
	z.object({
		...base,
		neighbourhoodId: z.uuid({ error: 'activities_neighbourhood_required' }),
		kind: z.enum(['activity', 'event'], { error: 'field_invalid_choice' }).default('activity')
	})
);
export type ProposalInput = z.infer<typeof proposalForm>;

export const reviewForm = z
	.object({
		activityId: z.uuid({ error: 'activities_not_found' }),
		decision: z.enum(['publish', 'reject'], { error: 'field_invalid_choice' }),
		reason: fields.optionalText(500)
	})
	.refine((r) => r.decision === 'publish' || r.reason !== '', { error: 'activities_reason_required', path: ['reason'] });
export type ReviewInput = z.infer<typeof reviewForm>;

export const cancelForm = z.object({ reason: fields.optionalText(500) });
export const emptyForm = z.object({});

/** The public list's filters, from the query string; anything odd is ignored. */
export const listQuery = z.object({
	neighbourhood: z.string().max(80).optional().catch(undefined),
	from: z.string().refine(isYmd).optional().catch(undefined),
	to: z.string().refine(isYmd).optional().catch(undefined),
	child: z.literal('1').optional().catch(undefined),
	language: z.enum(languageCodes as [string, ...string[]]).optional().catch(undefined),
	kind: z.enum(activityKinds).optional().catch(undefined),
	week: z.literal('1').optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined)
});
export type ListQuery = z.infer<typeof listQuery>;
