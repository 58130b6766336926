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
import { boolean, check, customType, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { services } from './directory.ts';
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

/**
 * Raw bytes (documents, sealed fields). Drizzle has no bytea column of its
 * own; node-postgres and PGlite both hand back a Uint8Array/Buffer.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (v) => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBufferLike))
});

/**
 * Nationality and residence status, only when the person asks for them to
 * be recorded: one sealed JSON value (AES-256-GCM, docs/decisions/016),
 * tied to an active consent of purpose `protected_fields`.
 */
export const personProtected = pgTable('person_protected', {
	personId: uuid('person_id')
		.primaryKey()
		.references(() => people.id, { onDelete: 'cascade' }),
	consentId: uuid('consent_id')
		.notNull()
		.references(() => consents.id, { onDelete: 'cascade' }),
	keyId: text('key_id').notNull(),
	iv: bytea('iv').notNull(),
	/** Ciphertext followed by the 16-byte GCM tag. */
	sealed: bytea('sealed').notNull(),
	updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const lifeDomains = [
	'housing',
	'income',
	'work',
	'language',
	'education',
	'health',
	'mental_health',
	'legal_procedure',
	'family',
	'social_network',
	'daily_life'
] as const;
export type LifeDomain = (typeof lifeDomains)[number];

/** One needs assessment: a moment, by a worker of an organisation on the team. */
export const assessments = pgTable(
	'assessments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
		takenBy: uuid('taken_by').references(() => users.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		comment: text('comment')
	},
	(t) => [index('assessments_person_idx').on(t.personId, t.takenAt)]
);

/** A domain's score in one assessment: 1 crisis, 2 vulnerable, 3 stable, 4 safe, 5 thriving. */
export const assessmentScores = pgTable(
	'assessment_scores',
	{
		assessmentId: uuid('assessment_id')
			.notNull()
			.references(() => assessments.id, { onDelete: 'cascade' }),
		domain: text('domain', { enum: lifeDomains }).notNull(),
		score: smallint('score').notNull()
	},
	(t) => [primaryKey({ columns: [t.assessmentId, t.domain] }), check('assessment_scores_score_range', sql`${t.score} between 1 and 5`)]
);

export const goalStatuses = ['open', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

/** A goal of the support plan, in the worker's words and in the person's own. */
export const planGoals = pgTable(
	'plan_goals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		domain: text('domain', { enum: lifeDomains }),
		text: text('text').notNull(),
		ownWords: text('own_words'),
		status: text('status', { enum: goalStatuses }).notNull().default('open'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [index('plan_goals_person_idx').on(t.personId)]
);

/** An action towards a goal: an owner, a due date, optionally a service of the directory. */
export const planActions = pgTable(
	'plan_actions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => planGoals.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
		dueOn: date('due_on'),
		serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
		doneAt: timestamp('done_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('plan_actions_goal_idx').on(t.goalId), index('plan_actions_person_idx').on(t.personId)]
);

/**
 * Who may read a note (or a document): `team` everyone who may open the
 * folder; `organisation` the note's organisation; `author` the author alone
 * (the policy's `folder.note.read`).
 */
export const sensitivities = ['team', 'organisation', 'author'] as const;
export type Sensitivity = (typeof sensitivities)[number];

export const noteKinds = ['note', 'measure'] as const;
export type NoteKind = (typeof noteKinds)[number];

export const notes = pgTable(
	'notes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: noteKinds }).notNull().default('note'),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		sensitivity: text('sensitivity', { enum: sensitivities }).notNull().default('team'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('notes_person_idx').on(t.personId, t.createdAt)]
);

export const tasks = pgTable(
	'tasks',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		dueAt: timestamp('due_at', { withTimezone: true }),
		assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
		reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true })
	},
	(t) => [index('tasks_person_idx').on(t.personId), index('tasks_due_idx').on(t.dueAt).where(sql`${t.doneAt} is null`)]
);

/**
 * An uploaded document, sealed with AES-256-GCM under CONVIVE_DATA_KEY.
 * Served only at /app/folders/<person>/documents/<id> after the policy.
 */
export const documents = pgTable(
	'documents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** As recognised from the bytes, never from the name. */
		mediaType: text('media_type').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		keyId: text('key_id').notNull(),
		iv: bytea('iv').notNull(),
		/** Ciphertext followed by the 16-byte GCM tag. */
		sealed: bytea('sealed').notNull(),
		sensitivity: text('sensitivity', { enum: sensitivities }).notNull().default('team'),
		uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('documents_person_idx').on(t.personId, t.createdAt), check('documents_size_limit', sql`${t.size} between 1 and 10485760`)]
);

/** Emergency access by someone outside the team: a reason, a time limit, alerts. */
export const breakGlass = pgTable(
	'break_glass',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		reason: text('reason').notNull(),
		grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		/** Ended early by the person who opened it. */
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(t) => [index('break_glass_person_idx').on(t.personId, t.userId), check('break_glass_expires_after', sql`${t.expiresAt} > ${t.grantedAt}`)]
);

/** The whole case moved to another organisation, with consent; history is kept. */
export const caseTransfers = pgTable(
	'case_transfers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		fromOrganisationId: uuid('from_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		toOrganisationId: uuid('to_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		consentId: uuid('consent_id').references(() => consents.id, { onDelete: 'set null' }),
		reason: text('reason'),
		transferredBy: uuid('transferred_by').references(() => users.id, { onDelete: 'set null' }),
		transferredAt: timestamp('transferred_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('case_transfers_person_idx').on(t.personId)]
);
