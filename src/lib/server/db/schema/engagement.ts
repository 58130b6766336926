/**
 * Volunteering (issue 6, docs/decisions/019-volunteering.md): opportunities
 * that organisations post, their shifts, volunteers' profiles, applications,
 * each organisation's screening, shift sign-ups with a waiting list, logged
 * hours and the certificates that list them.
 *
 * - A volunteer profile never holds a residence status; whether someone is a
 *   newcomer is their account's `kind`, which they chose.
 * - Screening belongs to the organisation and the volunteer, not to one
 *   application: a criminal-record check done once covers every opportunity
 *   of that organisation until it expires.
 * - A shift holds at most `capacity` confirmed sign-ups: the sign-up use case
 *   locks the shift row, counts and inserts in one transaction, so concurrent
 *   requests queue and exactly the capacity gets in; the others wait in line.
 * - One sign-up per person and shift while not cancelled (partial unique index).
 * - Times are UTC; a recurring series is stored as its occurrences, computed
 *   in the city's time zone, so a 9:00 shift stays at 9:00 across a
 *   daylight-saving change.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { neighbourhoods } from './places.ts';

export const opportunityKinds = ['one_off', 'recurring', 'ongoing'] as const;
export type OpportunityKind = (typeof opportunityKinds)[number];

export const opportunityModes = ['in_person', 'remote'] as const;
export type OpportunityMode = (typeof opportunityModes)[number];

export const opportunityStatuses = ['draft', 'open', 'closed'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];

/** `invited`: a coordinator proposed the opportunity (matching); the volunteer accepts by applying. */
export const applicationStatuses = ['invited', 'applied', 'screening', 'accepted', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const screeningSteps = ['conversation', 'identity', 'criminal_record', 'training'] as const;
export type ScreeningStep = (typeof screeningSteps)[number];

export const signupStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

export const hoursStatuses = ['logged', 'confirmed', 'rejected'] as const;
export type HoursStatus = (typeof hoursStatuses)[number];

/** Title and description in other languages, by locale. */
export type OpportunityTranslations = Record<string, { title: string; description: string }>;

export const volunteerOpportunities = pgTable(
	'volunteer_opportunities',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** The language the title and description are written in. */
		language: text('language').notNull().default('en'),
		translations: jsonb('translations').$type<OpportunityTranslations>().notNull().default(sql`'{}'::jsonb`),
		kind: text('kind', { enum: opportunityKinds }).notNull(),
		mode: text('mode', { enum: opportunityModes }).notNull().default('in_person'),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		address: text('address'),
		/** Keys of the shared skills list (src/lib/engagement/lists.ts). */
		skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
		/** ISO 639-1 codes. */
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		/** When help is needed, as a weekly mask like a profile's; 0: from the shifts. */
		availability: integer('availability').notNull().default(0),
		/** Children or vulnerable adults: a valid criminal-record check is a hard rule. */
		involvesVulnerable: boolean('involves_vulnerable').notNull().default(false),
		status: text('status', { enum: opportunityStatuses }).notNull().default('open'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('volunteer_opportunities_kind', sql`${t.kind} in ('one_off', 'recurring', 'ongoing')`),
		check('volunteer_opportunities_mode', sql`${t.mode} in ('in_person', 'remote')`),
		check('volunteer_opportunities_status', sql`${t.status} in ('draft', 'open', 'closed')`),
		index('volunteer_opportunities_org_idx').on(t.organisationId, t.status),
		index('volunteer_opportunities_status_idx').on(t.status, t.createdAt)
	]
);

export const volunteerShifts = pgTable(
	'volunteer_shifts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		opportunityId: uuid('opportunity_id')
			.notNull()
			.references(() => volunteerOpportunities.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		capacity: smallint('capacity').notNull(),
		/** The shifts of one recurring series share it. */
		seriesId: uuid('series_id'),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('volunteer_shifts_times', sql`${t.endsAt} > ${t.startsAt}`),
		check('volunteer_shifts_capacity', sql`${t.capacity} between 1 and 500`),
		index('volunteer_shifts_opportunity_idx').on(t.opportunityId, t.startsAt),
		index('volunteer_shifts_starts_idx').on(t.startsAt)
	]
);

export const volunteerProfiles = pgTable('volunteer_profiles', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** Keys of the shared skills list. */
	skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
	/** Keys of the shared interests list. */
	interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
	/** Anything the lists lack, in the volunteer's words. */
	otherSkills: text('other_skills').notNull().default(''),
	languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
	/** Weekly availability: the scoring model's 21-bit mask (bit day × 3 + part; Monday morning is bit 0). */
	availability: integer('availability').notNull().default(0),
	neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
	/** How far they will travel, in km. */
	travelKm: smallint('travel_km').notNull().default(5),
	remote: boolean('remote').notNull().default(false),
	/** Shift reminders by e-mail. */
	reminders: boolean('reminders').notNull().default(true),
	/** The "we miss you" note after three months without activity (they can opt out). */
	missYou: boolean('miss_you').notNull().default(true),
	missYouSentAt: timestamp('miss_you_sent_at', { withTimezone: true }),
	lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const volunteerApplications = pgTable(
	'volunteer_applications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		opportunityId: uuid('opportunity_id')
			.notNull()
			.references(() => volunteerOpportunities.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: applicationStatuses }).notNull().default('applied'),
		message: text('message').notNull().default(''),
		/** Why it was declined, shown to the volunteer. */
		reason: text('reason'),
		decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('volunteer_applications_status', sql`${t.status} in ('invited', 'applied', 'screening', 'accepted', 'declined', 'withdrawn')`),
		uniqueIndex('volunteer_applications_key').on(t.opportunityId, t.userId),
		index('volunteer_applications_user_idx').on(t.userId)
	]
);

/** The screening steps an organisation asks of its volunteers. */
export const organisationScreeningSteps = pgTable(
	'organisation_screening_steps',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		step: text('step', { enum: screeningSteps }).notNull()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.step] })]
);

/** A step an organisation checked for a volunteer; re-checking replaces it (the audit log keeps the history). */
export const volunteerScreening = pgTable(
	'volunteer_screening',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		step: text('step', { enum: screeningSteps }).notNull(),
		verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }),
		verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
		/** The criminal-record certificate's expiry (null for the other steps). */
		expiresOn: date('expires_on'),
		/** What was checked: a document number or a course name, never a copy. */
		reference: text('reference')
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId, t.step] })]
);

export const shiftSignups = pgTable(
	'shift_signups',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		shiftId: uuid('shift_id')
			.notNull()
			.references(() => volunteerShifts.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: signupStatuses }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** When a waiting volunteer got a place. */
		promotedAt: timestamp('promoted_at', { withTimezone: true }),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		remindedAt: timestamp('reminded_at', { withTimezone: true })
	},
	(t) => [
		check('shift_signups_status', sql`${t.status} in ('confirmed', 'waitlisted', 'cancelled')`),
		uniqueIndex('shift_signups_active_key').on(t.shiftId, t.userId).where(sql`${t.status} <> 'cancelled'`),
		index('shift_signups_shift_idx').on(t.shiftId, t.status, t.createdAt),
		index('shift_signups_user_idx').on(t.userId)
	]
);

export const volunteerHours = pgTable(
	'volunteer_hours',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		opportunityId: uuid('opportunity_id')
			.notNull()
			.references(() => volunteerOpportunities.id, { onDelete: 'cascade' }),
		shiftId: uuid('shift_id').references(() => volunteerShifts.id, { onDelete: 'set null' }),
		workedOn: date('worked_on').notNull(),
		minutes: integer('minutes').notNull(),
		tasks: text('tasks').notNull().default(''),
		/** Skills practised: keys of the shared list. */
		skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
		status: text('status', { enum: hoursStatuses }).notNull().default('logged'),
		reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('volunteer_hours_minutes', sql`${t.minutes} between 1 and 1440`),
		check('volunteer_hours_status', sql`${t.status} in ('logged', 'confirmed', 'rejected')`),
		/** Hours for a shift are logged once. */
		uniqueIndex('volunteer_hours_shift_key').on(t.userId, t.shiftId).where(sql`${t.shiftId} is not null and ${t.status} <> 'rejected'`),
		index('volunteer_hours_user_idx').on(t.userId, t.workedOn),
		index('volunteer_hours_opportunity_idx').on(t.opportunityId, t.status)
	]
);

/**
 * An issued certificate: what it said, frozen, and the code that checks it.
 * The code is random (not derived from the content); the public page shows
 * the frozen content for a code that exists and was not revoked.
 */
export const volunteerCertificates = pgTable(
	'volunteer_certificates',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		locale: text('locale').notNull(),
		content: jsonb('content').$type<Record<string, unknown>>().notNull(),
		issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('volunteer_certificates_code_key').on(t.code), index('volunteer_certificates_user_idx').on(t.userId)]
);
