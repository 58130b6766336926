/**
 * The shapes of the volunteering forms (issue 6), shared by routes and tests.
 * Errors are names of messages in messages/engagement (or the generic field
 * messages), translated by readForm. Checkbox groups (skills, languages,
 * availability) are read with `multi`.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { opportunityKinds, opportunityModes, screeningSteps } from '../db/schema/index.ts';
import { spokenLanguages } from '../../directory/taxonomy.ts';
import { parseTime } from '../../directory/hours.ts';
import { INTERESTS, SKILLS } from '../../engagement/lists.ts';
import { AVAILABILITY_BITS } from '../matching/scoring.ts';
import { isYmd } from '../guardianship/age.ts';

/** Fields read as lists (checkbox groups). */
export const MULTI = ['skills', 'interests', 'languages', 'availability'];

const codes = (known: readonly string[], error = 'field_invalid_choice') =>
	z
		.array(z.string(), { error })
		.optional()
		.transform((a) => [...new Set(a ?? [])])
		.refine((a) => a.length <= known.length && a.every((c) => known.includes(c)), { error });

const languageCodes = Object.keys(spokenLanguages);

/** The weekly grid: checkbox values are bit numbers 0–20 (see scoring.ts); the mask is their sum. */
const availability = z
	.array(z.string(), { error: 'field_invalid_choice' })
	.optional()
	.transform((a) => a ?? [])
	.refine((a) => a.length <= AVAILABILITY_BITS && a.every((b) => /^\d{1,2}$/.test(b) && Number(b) < AVAILABILITY_BITS), { error: 'field_invalid_choice' })
	.transform((a) => a.reduce((mask, b) => mask | (1 << Number(b)), 0));

const optionalNeighbourhood = fields.blankOrNull(z.uuid({ error: 'field_invalid_choice' }));

/** A calendar date as a date field posts it. */
const calendarDate = (error = 'engagement_date_invalid') =>
	z
		.string({ error })
		.transform((s) => s.trim())
		.refine(isYmd, { error });

/** 'HH:MM' → minutes after midnight. */
const clockTime = (error = 'engagement_time_invalid') =>
	z
		.string({ error })
		.transform((s) => parseTime(s))
		.refine((n): n is number => n !== null && n < 1440, { error })
		.transform((n) => n as number);

const wholeNumber = (min: number, max: number, error: string) =>
	z
		.string({ error })
		.trim()
		.regex(/^\d{1,6}$/, { error })
		.transform(Number)
		.refine((n) => n >= min && n <= max, { error });

export const opportunityForm = z.object({
	title: fields.text(150),
	description: fields.text(5000),
	language: z.enum(languageCodes as [string, ...string[]], { error: 'field_invalid_choice' }).default('en'),
	kind: z.enum(opportunityKinds, { error: 'field_invalid_choice' }),
	mode: z.enum(opportunityModes, { error: 'field_invalid_choice' }),
	neighbourhoodId: optionalNeighbourhood,
	address: fields.optionalText(300),
	skills: codes(SKILLS),
	languages: codes(languageCodes),
	availability,
	involvesVulnerable: fields.checkbox(),
	open: fields.checkbox()
});
export type OpportunityInput = z.infer<typeof opportunityForm>;

/**
 * A shift, or a weekly series of them: the date of the first, local start and
 * end times (an end before the start ends the next morning), how many
 * volunteers it takes, how many weeks it repeats (1: once).
 */
export const shiftForm = z
	.object({
		date: calendarDate(),
		start: clockTime(),
		end: clockTime(),
		capacity: wholeNumber(1, 500, 'engagement_capacity_invalid'),
		weeks: wholeNumber(1, 52, 'engagement_weeks_invalid').optional().default(1)
	})
	.refine((s) => s.start !== s.end, { error: 'engagement_time_invalid', path: ['end'] });
export type ShiftInput = z.infer<typeof shiftForm>;

export const profileForm = z.object({
	skills: codes(SKILLS),
	interests: codes(INTERESTS),
	otherSkills: fields.optionalText(500),
	languages: codes(languageCodes),
	availability,
	neighbourhoodId: optionalNeighbourhood,
	travelKm: wholeNumber(0, 200, 'engagement_travel_invalid').optional().default(5),
	remote: fields.checkbox(),
	reminders: fields.checkbox(),
	missYou: fields.checkbox()
});
export type ProfileInput = z.infer<typeof profileForm>;

export const applyForm = z.object({ message: fields.optionalText(2000) });

export const decisionForm = z.object({
	applicationId: z.uuid({ error: 'engagement_application_not_found' }),
	decision: z.enum(['screening', 'accepted', 'declined'], { error: 'field_invalid_choice' }),
	reason: fields.optionalText(500)
});
export type DecisionInput = z.infer<typeof decisionForm>;

export const screeningForm = z
	.object({
		userId: z.uuid({ error: 'engagement_volunteer_not_found' }),
		step: z.enum(screeningSteps, { error: 'field_invalid_choice' }),
		reference: fields.optionalText(200),
		expiresOn: fields.blankOrNull(z.string().refine(isYmd, { error: 'engagement_date_invalid' }))
	})
	.refine((v) => v.step !== 'criminal_record' || v.expiresOn !== null, { error: 'engagement_expiry_required', path: ['expiresOn'] })
	.transform((v) => ({ ...v, expiresOn: v.step === 'criminal_record' ? v.expiresOn : null }));
export type ScreeningInput = z.infer<typeof screeningForm>;

/** The steps an organisation asks for. */
export const screeningStepsForm = z.object({ steps: codes(screeningSteps) });

export const shiftRef = z.object({ shiftId: z.uuid({ error: 'engagement_shift_not_found' }) });

export const hoursForm = z.object({
	opportunityId: z.uuid({ error: 'engagement_opportunity_not_found' }),
	shiftId: fields.blankOrNull(z.uuid({ error: 'engagement_shift_not_found' })),
	workedOn: calendarDate(),
	minutes: wholeNumber(1, 1440, 'engagement_minutes_invalid'),
	tasks: fields.optionalText(1000),
	skills: codes(SKILLS)
});
export type HoursInput = z.infer<typeof hoursForm>;

export const reviewHoursForm = z.object({
	hoursId: z.uuid({ error: 'engagement_hours_not_found' }),
	decision: z.enum(['confirmed', 'rejected'], { error: 'field_invalid_choice' })
});

/** The city revokes a certificate: its code as printed (dashes and case do not matter) and why. */
export const revokeForm = z.object({
	code: fields.text(40),
	/** The audit log keeps 200 characters of a detail: all of it. */
	reason: fields.text(200)
});
