/**
 * Volunteer guardians of unaccompanied children (issue 4,
 * docs/decisions/016-support-folder.md).
 *
 * At most three children per guardian, enforced by the database: an active
 * guardianship takes a slot 1–3, unique per guardian while not ended, and a
 * child has at most one active guardianship. Two simultaneous assignments
 * that pick the same slot collide on the unique index; a fourth fails the
 * check. No count in application code.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { neighbourhoods } from './places.ts';
import { people } from './support.ts';

export const guardianStatuses = ['applicant', 'vetting', 'active', 'suspended', 'withdrawn'] as const;
export type GuardianStatus = (typeof guardianStatuses)[number];

export const vettingSteps = ['identity', 'criminal_record', 'training'] as const;
export type VettingStep = (typeof vettingSteps)[number];

export const guardians = pgTable(
	'guardians',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: guardianStatuses }).notNull().default('applicant'),
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
		statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('guardians_user_key').on(t.userId)]
);

/** One row per step; re-verifying replaces it (the audit log keeps the history). */
export const guardianVetting = pgTable(
	'guardian_vetting',
	{
		guardianId: uuid('guardian_id')
			.notNull()
			.references(() => guardians.id, { onDelete: 'cascade' }),
		step: text('step', { enum: vettingSteps }).notNull(),
		verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }),
		verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
		/** The criminal-record certificate's expiry (null for the other steps). */
		expiresOn: date('expires_on'),
		reference: text('reference')
	},
	(t) => [uniqueIndex('guardian_vetting_step_key').on(t.guardianId, t.step)]
);

export const guardianships = pgTable(
	'guardianships',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		guardianId: uuid('guardian_id')
			.notNull()
			.references(() => guardians.id, { onDelete: 'cascade' }),
		childId: uuid('child_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		slot: smallint('slot').notNull(),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		endedReason: text('ended_reason'),
		assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		check('guardianships_slot_range', sql`${t.slot} between 1 and 3`),
		uniqueIndex('guardianships_guardian_slot_key').on(t.guardianId, t.slot).where(sql`${t.endedAt} is null`),
		uniqueIndex('guardianships_child_key').on(t.childId).where(sql`${t.endedAt} is null`),
		index('guardianships_guardian_idx').on(t.guardianId)
	]
);

export const visitKinds = ['visit', 'report'] as const;
export type VisitKind = (typeof visitKinds)[number];

export const guardianVisits = pgTable(
	'guardian_visits',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		guardianshipId: uuid('guardianship_id')
			.notNull()
			.references(() => guardianships.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: visitKinds }).notNull().default('visit'),
		visitedOn: date('visited_on').notNull(),
		summary: text('summary').notNull(),
		concern: boolean('concern').notNull().default(false),
		recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('guardian_visits_guardianship_idx').on(t.guardianshipId, t.visitedOn)]
);

/** The plan for a child's 18th birthday (leaving care). */
export const transitionPlans = pgTable('transition_plans', {
	childId: uuid('child_id')
		.primaryKey()
		.references(() => people.id, { onDelete: 'cascade' }),
	summary: text('summary').notNull(),
	agreedOn: date('agreed_on').notNull(),
	recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
	recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
});
