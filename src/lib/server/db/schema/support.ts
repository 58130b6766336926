/**
 * The support folder (issue 4, docs/decisions/016-support-folder.md), first
 * slice: the person, their consents and their case team.
 *
 * - A consent is never deleted: withdrawal is an update (withdrawn by/at and
 *   why). A partial unique index allows one active consent per (person,
 *   purpose, organisation); `coalesce` makes "no organisation" one value so
 *   that two active `coordination` consents cannot exist either.
 * - One lead worker per person, by a partial unique index.
 * - No nationality or residence status here (they are `person_protected`,
 *   a later slice).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { neighbourhoods } from './places.ts';

export const consentPurposes = ['coordination', 'share', 'statistics', 'protected_fields'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentMethods = ['written', 'oral_interpreter', 'online'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

export const people = pgTable(
	'people',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** A pseudonym is fine. */
		preferredName: text('preferred_name').notNull(),
		birthYear: smallint('birth_year'),
		/** Required for children (checked by the use case). */
		birthDate: date('birth_date'),
		/** ISO 639-1 codes. */
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		contact: text('contact'),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		unaccompanied: boolean('unaccompanied').notNull().default(false),
		createdByOrganisationId: uuid('created_by_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1),
		erasedAt: timestamp('erased_at', { withTimezone: true })
	},
	(t) => [check('people_birth_year_range', sql`${t.birthYear} is null or ${t.birthYear} between 1900 and 2100`)]
);

export const consents = pgTable(
	'consents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: consentPurposes }).notNull(),
		/** The organisation a `share` consent names (null for the other purposes). */
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
		method: text('method', { enum: consentMethods }).notNull(),
		recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		/** The organisation of the worker who recorded it (holds `coordination`). */
		recordedByOrganisationId: uuid('recorded_by_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
		withdrawnBy: uuid('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		withdrawalReason: text('withdrawal_reason')
	},
	(t) => [
		uniqueIndex('consents_one_active_key')
			.on(t.personId, t.purpose, sql`coalesce(${t.organisationId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
			.where(sql`${t.withdrawnAt} is null`),
		index('consents_person_idx').on(t.personId),
		check('consents_share_names_organisation', sql`(${t.purpose} = 'share') = (${t.organisationId} is not null)`),
		check('consents_withdrawal_has_reason', sql`${t.withdrawnAt} is null or ${t.withdrawalReason} is not null`)
	]
);

export const caseTeam = pgTable(
	'case_team',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
		removedAt: timestamp('removed_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.personId, t.organisationId] }), index('case_team_org_idx').on(t.organisationId)]
);

export const caseWorkers = pgTable(
	'case_workers',
	{
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		lead: boolean('lead').notNull().default(false),
		addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.personId, t.userId] }),
		uniqueIndex('case_workers_one_lead_key').on(t.personId).where(sql`${t.lead}`),
		index('case_workers_user_idx').on(t.userId)
	]
);
