/**
 * The shapes of the buddy-programme forms (issue 6), shared by routes and
 * tests. Errors are names of messages in messages/buddies (or the generic
 * field messages), translated by readForm. Checkbox groups are read with `multi`.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { ageBands, buddyEndReasons, buddyGenderPreferences, buddyGenders, buddyProgrammeKinds, buddySides } from '../db/schema/index.ts';
import { spokenLanguages } from '../../directory/taxonomy.ts';
import { INTERESTS } from '../../engagement/lists.ts';
import { AVAILABILITY_BITS } from '../matching/scoring.ts';

/** Fields read as lists (checkbox groups). */
export const MULTI = ['interests', 'languages', 'availability', 'confirm'];

const languageCodes = Object.keys(spokenLanguages);

const codes = (known: readonly string[], error = 'field_invalid_choice') =>
	z
		.array(z.string(), { error })
		.optional()
		.transform((a) => [...new Set(a ?? [])])
		.refine((a) => a.length <= known.length && a.every((c) => known.includes(c)), { error });

/** The weekly grid: checkbox values are bit numbers 0–20; the mask is their sum. */
const availability = z
	.array(z.string(), { error: 'field_invalid_choice' })
	.optional()
	.transform((a) => a ?? [])
	.refine((a) => a.length <= AVAILABILITY_BITS && a.every((b) => /^\d{1,2}$/.test(b) && Number(b) < AVAILABILITY_BITS), { error: 'field_invalid_choice' })
	.transform((a) => a.reduce((mask, b) => mask | (1 << Number(b)), 0));

const wholeNumber = (min: number, max: number, error: string) =>
	z
		.string({ error })
		.trim()
		.regex(/^\d{1,4}$/, { error })
		.transform(Number)
		.refine((n) => n >= min && n <= max, { error });

export const programmeForm = z.object({
	kind: z.enum(buddyProgrammeKinds, { error: 'field_invalid_choice' }),
	name: fields.text(150),
	description: fields.optionalText(5000),
	language: z.enum(languageCodes as [string, ...string[]], { error: 'field_invalid_choice' }).default('en'),
	criteria: fields.optionalText(2000),
	durationWeeks: wholeNumber(1, 260, 'buddies_duration_invalid'),
	checkInDays: wholeNumber(1, 90, 'buddies_check_in_days_invalid'),
	open: fields.checkbox()
});
export type ProgrammeInput = z.infer<typeof programmeForm>;

/** A gender field: "prefer not to say" (blank) is null. */
const gender = z
	.string()
	.optional()
	.transform((s) => (s ?? '').trim())
	.refine((s) => s === '' || s === 'prefer_not' || (buddyGenders as readonly string[]).includes(s), { error: 'field_invalid_choice' })
	.transform((s) => (s === '' || s === 'prefer_not' ? null : (s as (typeof buddyGenders)[number])));

export const applicationForm = z.object({
	side: z.enum(buddySides, { error: 'field_invalid_choice' }).optional(),
	languages: codes(languageCodes).refine((a) => a.length > 0, { error: 'buddies_languages_required' }),
	interests: codes(INTERESTS),
	ageBand: fields.blankOrNull(z.enum(ageBands, { error: 'field_invalid_choice' })),
	gender,
	preferredGender: z.enum(buddyGenderPreferences, { error: 'field_invalid_choice' }).optional().default('any'),
	neighbourhoodId: fields.blankOrNull(z.uuid({ error: 'field_invalid_choice' })),
	availability,
	capacity: z.enum(['1', '2'], { error: 'field_invalid_choice' }).optional().default('1').transform(Number),
	note: fields.optionalText(1000)
});
export type ApplicationInput = z.infer<typeof applicationForm>;

export const checkInForm = z.object({
	checkInId: z.string().max(100),
	wellbeing: z.enum(['1', '2', '3', '4', '5'], { error: 'buddies_wellbeing_required' }).transform(Number),
	note: fields.optionalText(1000)
});
export type CheckInInput = z.infer<typeof checkInForm>;

export const endForm = z.object({
	pairId: z.string().max(100),
	reason: z.enum(buddyEndReasons, { error: 'buddies_reason_required' }),
	rating: z.enum(['1', '2', '3', '4', '5'], { error: 'buddies_wellbeing_required' }).transform(Number),
	comment: fields.optionalText(2000)
});
export type EndInput = z.infer<typeof endForm>;

/** Ending a pair from the workspace: a reason, no rating (the coordinator is neither side). */
export const staffEndForm = z.object({
	pairId: z.string().max(100),
	reason: z.enum(buddyEndReasons, { error: 'buddies_reason_required' })
});

export const pairRef = z.object({ pairId: z.string().max(100) });
export const confirmForm = z.object({ confirm: z.array(z.string().max(100)).max(1000) });

/** A translation of a programme's name and description (an empty name removes it). */
export const translationForm = z.object({
	locale: z.enum(['en', 'it', 'es', 'fr', 'de', 'pl', 'el', 'ro', 'uk', 'ar', 'fa', 'ti'], { error: 'field_invalid_choice' }),
	trName: fields.optionalText(150),
	trDescription: fields.optionalText(5000)
});
