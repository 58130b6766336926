/**
 * Buddy and mentoring programmes (issue 6, docs/decisions/020-buddy-programmes.md):
 * an organisation runs a programme (buddies, a language café, mentoring into
 * work, co-housing); newcomers and residents apply; the matching engine
 * proposes pairs that a coordinator confirms; pairs check in on a schedule
 * and end with feedback from both sides.
 *
 * - An application never holds a residence status; its side (newcomer or
 *   resident) defaults to the account's own `kind`, which the person chose.
 *   Gender is optional and self-described from a short list.
 * - One application per person and programme (unique key); a newcomer is in
 *   at most one proposed or active pair (partial unique index); a resident in
 *   at most as many as they said they can take (1 or 2, checked under a row
 *   lock of the programme when confirming).
 * - Proposals are stored (status `proposed`): a run replaces the programme's
 *   open proposals; the coordinator confirms them (`active`) or rules them
 *   out (`ruled_out`, never proposed again).
 * - A pair that ended is never proposed again (the engine forbids it).
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { neighbourhoods } from './places.ts';
import { matchingProgrammes } from './matching.ts';

export const buddyProgrammeKinds = ['buddy', 'language_cafe', 'mentoring_work', 'co_housing'] as const;
export type BuddyProgrammeKind = (typeof buddyProgrammeKinds)[number];

export const buddyProgrammeStatuses = ['open', 'closed'] as const;
export type BuddyProgrammeStatus = (typeof buddyProgrammeStatuses)[number];

export const buddySides = ['newcomer', 'resident'] as const;
export type BuddySide = (typeof buddySides)[number];

/** Self-described; "prefer not to say" is stored as null. */
export const buddyGenders = ['woman', 'man', 'non_binary'] as const;
export type BuddyGender = (typeof buddyGenders)[number];

export const buddyGenderPreferences = ['any', 'woman', 'man'] as const;
export type BuddyGenderPreference = (typeof buddyGenderPreferences)[number];

export const ageBands = ['18_25', '26_35', '36_50', '51_65', '66_plus'] as const;
export type AgeBand = (typeof ageBands)[number];

/** Whether someone is paired is read from the pairs; a withdrawn application is out of the pool. */
export const buddyApplicationStatuses = ['active', 'withdrawn'] as const;
export type BuddyApplicationStatus = (typeof buddyApplicationStatuses)[number];

export const buddyPairStatuses = ['proposed', 'active', 'ended', 'ruled_out'] as const;
export type BuddyPairStatus = (typeof buddyPairStatuses)[number];

export const buddyEndReasons = ['completed', 'not_a_fit', 'moved_away', 'no_time', 'other'] as const;
export type BuddyEndReason = (typeof buddyEndReasons)[number];

/** Name and description in other languages, by locale. */
export type BuddyTranslations = Record<string, { name: string; description: string }>;

export const buddyProgrammes = pgTable(
	'buddy_programmes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: buddyProgrammeKinds }).notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		language: text('language').notNull().default('en'),
		translations: jsonb('translations').$type<BuddyTranslations>().notNull().default(sql`'{}'::jsonb`),
		/** Who the programme is for, in the organisation's words. */
		criteria: text('criteria').notNull().default(''),
		durationWeeks: smallint('duration_weeks').notNull().default(26),
		checkInDays: smallint('check_in_days').notNull().default(14),
		status: text('status', { enum: buddyProgrammeStatuses }).notNull().default('open'),
		/** The hard rules and weights (a matching_programmes row of kind 'buddy'). */
		matchingProgrammeId: uuid('matching_programme_id').references(() => matchingProgrammes.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('buddy_programmes_kind', sql`${t.kind} in ('buddy', 'language_cafe', 'mentoring_work', 'co_housing')`),
		check('buddy_programmes_status', sql`${t.status} in ('open', 'closed')`),
		check('buddy_programmes_duration', sql`${t.durationWeeks} between 1 and 260`),
		check('buddy_programmes_check_in', sql`${t.checkInDays} between 1 and 90`),
		index('buddy_programmes_org_idx').on(t.organisationId, t.status)
	]
);

export const buddyApplications = pgTable(
	'buddy_applications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => buddyProgrammes.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		side: text('side', { enum: buddySides }).notNull(),
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		/** Keys of the shared interests list (src/lib/engagement/lists.ts). */
		interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
		ageBand: text('age_band', { enum: ageBands }),
		/** null: prefer not to say. */
		gender: text('gender', { enum: buddyGenders }),
		preferredGender: text('preferred_gender', { enum: buddyGenderPreferences }).notNull().default('any'),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		/** Weekly availability: the scoring model's 21-bit mask. */
		availability: integer('availability').notNull().default(0),
		/** A resident may take up to two newcomers. */
		capacity: smallint('capacity').notNull().default(1),
		note: text('note').notNull().default(''),
		status: text('status', { enum: buddyApplicationStatuses }).notNull().default('active'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('buddy_applications_side', sql`${t.side} in ('newcomer', 'resident')`),
		check('buddy_applications_status', sql`${t.status} in ('active', 'withdrawn')`),
		check('buddy_applications_capacity', sql`${t.capacity} between 1 and 2`),
		uniqueIndex('buddy_applications_key').on(t.programmeId, t.userId),
		index('buddy_applications_user_idx').on(t.userId)
	]
);

export const buddyPairs = pgTable(
	'buddy_pairs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => buddyProgrammes.id, { onDelete: 'cascade' }),
		newcomerApplicationId: uuid('newcomer_application_id')
			.notNull()
			.references(() => buddyApplications.id, { onDelete: 'cascade' }),
		residentApplicationId: uuid('resident_application_id')
			.notNull()
			.references(() => buddyApplications.id, { onDelete: 'cascade' }),
		status: text('status', { enum: buddyPairStatuses }).notNull().default('active'),
		/** The engine's score and explanation when it was proposed. */
		score: real('score'),
		criteria: jsonb('criteria').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
		confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
		startedOn: date('started_on'),
		endsOn: date('ends_on'),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		endReason: text('end_reason', { enum: buddyEndReasons }),
		endedBy: uuid('ended_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('buddy_pairs_status', sql`${t.status} in ('proposed', 'active', 'ended', 'ruled_out')`),
		check('buddy_pairs_end_reason', sql`${t.endReason} is null or ${t.endReason} in ('completed', 'not_a_fit', 'moved_away', 'no_time', 'other')`),
		/** One live pair of the same two people. */
		uniqueIndex('buddy_pairs_live_key').on(t.newcomerApplicationId, t.residentApplicationId).where(sql`${t.status} in ('proposed', 'active')`),
		/** A newcomer is in at most one live pair per programme. */
		uniqueIndex('buddy_pairs_newcomer_live_key').on(t.newcomerApplicationId).where(sql`${t.status} in ('proposed', 'active')`),
		index('buddy_pairs_programme_idx').on(t.programmeId, t.status),
		index('buddy_pairs_resident_idx').on(t.residentApplicationId)
	]
);

export const buddyCheckIns = pgTable(
	'buddy_check_ins',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pairId: uuid('pair_id')
			.notNull()
			.references(() => buddyPairs.id, { onDelete: 'cascade' }),
		dueOn: date('due_on').notNull(),
		/** 1 (very bad) – 5 (very good); null until answered. */
		newcomerWellbeing: smallint('newcomer_wellbeing'),
		newcomerNote: text('newcomer_note'),
		newcomerAnsweredAt: timestamp('newcomer_answered_at', { withTimezone: true }),
		residentWellbeing: smallint('resident_wellbeing'),
		residentNote: text('resident_note'),
		residentAnsweredAt: timestamp('resident_answered_at', { withTimezone: true }),
		remindedAt: timestamp('reminded_at', { withTimezone: true })
	},
	(t) => [
		check('buddy_check_ins_newcomer', sql`${t.newcomerWellbeing} is null or ${t.newcomerWellbeing} between 1 and 5`),
		check('buddy_check_ins_resident', sql`${t.residentWellbeing} is null or ${t.residentWellbeing} between 1 and 5`),
		uniqueIndex('buddy_check_ins_key').on(t.pairId, t.dueOn),
		index('buddy_check_ins_due_idx').on(t.dueOn)
	]
);

/** Feedback when a pair ends, one per side. */
export const buddyFeedback = pgTable(
	'buddy_feedback',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pairId: uuid('pair_id')
			.notNull()
			.references(() => buddyPairs.id, { onDelete: 'cascade' }),
		side: text('side', { enum: buddySides }).notNull(),
		/** 1–5, like a check-in. */
		rating: smallint('rating').notNull(),
		comment: text('comment').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('buddy_feedback_side', sql`${t.side} in ('newcomer', 'resident')`),
		check('buddy_feedback_rating', sql`${t.rating} between 1 and 5`),
		uniqueIndex('buddy_feedback_key').on(t.pairId, t.side)
	]
);
