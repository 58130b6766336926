/**
 * Validation panels (issue 7, docs/decisions/024-validation-panels.md):
 * service users who opted in check a design (Palermo's validation groups).
 *
 * - `panel_pool`: one row per person who opted in, with what a panel is
 *   composed by (languages, age band, gender, services they know). Withdrawing
 *   deletes the row; nothing else keeps those facts.
 * - `panels`: a city officer's panel, its languages and target criteria.
 * - `panel_members`: invited → accepted (consent timestamp) or declined.
 * - `panel_compensations`: vouchers, in integer cents with a currency.
 * - `panel_drafts`, `panel_questions`, `panel_images`, `panel_answers`: a
 *   draft shared with the panel, 1–5 questions (free text or picture choices),
 *   one answer per member and question, in the language it was written in.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { bytea } from './support.ts';
import { panelAgeBands, panelGenders, panelMemberStatuses, questionKinds as panelQuestionKinds } from '../../../panels/lists.ts';

export { panelAgeBands, panelGenders, panelMemberStatuses, panelQuestionKinds };
export type PanelAgeBand = (typeof panelAgeBands)[number];
export type PanelGender = (typeof panelGenders)[number];
export type PanelMemberStatus = (typeof panelMemberStatuses)[number];
export type PanelQuestionKind = (typeof panelQuestionKinds)[number];

/** Text by locale ("en" → "…"). */
/** Text per locale. */
export type PanelText = Record<string, string>;
/** What a panel should cover: at least `min` members with `value` on `dimension`. */
export interface PanelTarget {
	dimension: 'language' | 'ageBand' | 'gender' | 'service';
	value: string;
	min: number;
}
export interface PanelChoice {
	key: string;
	/** A built-in pictogram (need-icons.ts), or an uploaded picture, or neither. */
	pictogram: string | null;
	imageId: string | null;
	label: PanelText;
}

export const panelPool = pgTable(
	'panel_pool',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		languages: text('languages').array().notNull(),
		ageBand: text('age_band', { enum: panelAgeBands }).notNull(),
		gender: text('gender', { enum: panelGenders }),
		genderSelf: text('gender_self'),
		services: text('services').array().notNull().default(sql`'{}'::text[]`),
		consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('panel_pool_age_band', sql`${t.ageBand} in ('18_24', '25_34', '35_49', '50_64', '65_plus')`), check('panel_pool_languages', sql`cardinality(${t.languages}) between 1 and 30`)]
);

export const panels = pgTable('panels', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	purpose: text('purpose').notNull().default(''),
	/** Interface locales the panel's questions are written in. */
	languages: text('languages').array().notNull(),
	targets: jsonb('targets').$type<PanelTarget[]>().notNull().default(sql`'[]'::jsonb`),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const panelMembers = pgTable(
	'panel_members',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		panelId: uuid('panel_id')
			.notNull()
			.references(() => panels.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: panelMemberStatuses }).notNull().default('invited'),
		invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
		/** When the person accepted (their consent to take part) or declined. */
		respondedAt: timestamp('responded_at', { withTimezone: true }),
		invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		check('panel_members_status', sql`${t.status} in ('invited', 'accepted', 'declined')`),
		check('panel_members_consent', sql`${t.status} = 'invited' or ${t.respondedAt} is not null`),
		uniqueIndex('panel_members_key').on(t.panelId, t.userId),
		index('panel_members_user_idx').on(t.userId)
	]
);

export const panelCompensations = pgTable(
	'panel_compensations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		panelId: uuid('panel_id')
			.notNull()
			.references(() => panels.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => panelMembers.id, { onDelete: 'cascade' }),
		amountCents: integer('amount_cents').notNull(),
		currency: text('currency').notNull(),
		givenOn: date('given_on').notNull(),
		note: text('note').notNull().default(''),
		recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('panel_compensations_amount', sql`${t.amountCents} between 1 and 100000000`),
		check('panel_compensations_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
		index('panel_compensations_panel_idx').on(t.panelId)
	]
);

export const panelDrafts = pgTable(
	'panel_drafts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		panelId: uuid('panel_id')
			.notNull()
			.references(() => panels.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		/** The language the title and text are written in. */
		language: text('language').notNull().default('en'),
		/** preparing (staff only, questions can be added) → open (members answer) → closed (summary published). */
		status: text('status', { enum: ['preparing', 'open', 'closed'] }).notNull().default('preparing'),
		sharedAt: timestamp('shared_at', { withTimezone: true }),
		summary: text('summary'),
		summaryPublishedAt: timestamp('summary_published_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [check('panel_drafts_status', sql`${t.status} in ('preparing', 'open', 'closed')`), index('panel_drafts_panel_idx').on(t.panelId)]
);

/** Pictures of a panel (a draft's illustrations, choice pictures): checked by their bytes, served only to its members and staff. */
export const panelImages = pgTable(
	'panel_images',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		panelId: uuid('panel_id')
			.notNull()
			.references(() => panels.id, { onDelete: 'cascade' }),
		/** A draft's illustration (null for a choice's picture). */
		draftId: uuid('draft_id').references(() => panelDrafts.id, { onDelete: 'cascade' }),
		mediaType: text('media_type').notNull(),
		size: integer('size').notNull(),
		width: integer('width'),
		height: integer('height'),
		/** A short description for people who cannot see it. */
		alt: text('alt').notNull().default(''),
		bytes: bytea('bytes').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('panel_images_type', sql`${t.mediaType} in ('image/jpeg', 'image/png', 'image/webp')`), index('panel_images_panel_idx').on(t.panelId)]
);

export const panelQuestions = pgTable(
	'panel_questions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		draftId: uuid('draft_id')
			.notNull()
			.references(() => panelDrafts.id, { onDelete: 'cascade' }),
		position: smallint('position').notNull(),
		kind: text('kind', { enum: panelQuestionKinds }).notNull(),
		/** The question in each of the panel's languages. */
		text: jsonb('text').$type<PanelText>().notNull(),
		choices: jsonb('choices').$type<PanelChoice[]>().notNull().default(sql`'[]'::jsonb`)
	},
	(t) => [check('panel_questions_kind', sql`${t.kind} in ('text', 'choice')`), check('panel_questions_position', sql`${t.position} between 1 and 5`), uniqueIndex('panel_questions_key').on(t.draftId, t.position)]
);

export const panelAnswers = pgTable(
	'panel_answers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		questionId: uuid('question_id')
			.notNull()
			.references(() => panelQuestions.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => panelMembers.id, { onDelete: 'cascade' }),
		/** The language the answer was given in (the page's locale). */
		language: text('language').notNull(),
		text: text('text'),
		choice: text('choice'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('panel_answers_one', sql`(${t.text} is null) <> (${t.choice} is null)`), uniqueIndex('panel_answers_key').on(t.questionId, t.memberId), index('panel_answers_member_idx').on(t.memberId)]
);
