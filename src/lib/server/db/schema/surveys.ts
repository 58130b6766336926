/**
 * Surveys (issue 7, docs/decisions/022-surveys.md): multilingual, one
 * question per screen, anonymous by default.
 *
 * - A survey's title, intro, prompts and choice labels are per locale
 *   (`{ en: '…', ar: '…' }`); English is required, the others fall back to it.
 * - Once published, questions and choices are only re-worded, never added,
 *   removed or changed in kind (answers already given keep their meaning).
 * - A response of an anonymous survey carries no person and only the day it
 *   was sent. Signed-in people's participation is a separate row, not linked
 *   to the answers: it stops a second response without saying which is theirs.
 * - Answers in progress live under a random token (stored as its SHA-256)
 *   for a day; a draft of an anonymous survey names nobody.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { questionKinds, surveyStatuses } from '../../../surveys/lists.ts';

export { questionKinds, surveyStatuses };
export type SurveyStatus = (typeof surveyStatuses)[number];
export type QuestionKind = (typeof questionKinds)[number];
/** Text by locale; `en` is always there. */
export type Localised = Record<string, string>;
/** Answers in progress, by question id. */
export type DraftAnswers = Record<string, { choices?: string[]; scale?: number; text?: string }>;

export const surveys = pgTable(
	'surveys',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		title: jsonb('title').$type<Localised>().notNull(),
		intro: jsonb('intro').$type<Localised>().notNull().default(sql`'{}'::jsonb`),
		status: text('status', { enum: surveyStatuses }).notNull().default('draft'),
		/** Anonymous (the default): responses name nobody. Named: a response is linked to its signed-in author. */
		anonymous: boolean('anonymous').notNull().default(true),
		opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
		closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('surveys_dates', sql`${t.closesAt} > ${t.opensAt}`), check('surveys_title_en', sql`${t.title} ? 'en'`), index('surveys_status_idx').on(t.status, t.closesAt)]
);

export const surveyQuestions = pgTable(
	'survey_questions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		surveyId: uuid('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		kind: text('kind', { enum: questionKinds }).notNull(),
		prompt: jsonb('prompt').$type<Localised>().notNull()
	},
	(t) => [index('survey_questions_survey_idx').on(t.surveyId, t.position)]
);

export const surveyChoices = pgTable(
	'survey_choices',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		questionId: uuid('question_id')
			.notNull()
			.references(() => surveyQuestions.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		label: jsonb('label').$type<Localised>().notNull(),
		icon: text('icon').notNull().default('none')
	},
	(t) => [index('survey_choices_question_idx').on(t.questionId, t.position)]
);

export const surveyResponses = pgTable(
	'survey_responses',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		surveyId: uuid('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		/** The language it was answered in. */
		locale: text('locale').notNull().default('en'),
		/** Only the day: a time of day could be matched with a participation or a log line. */
		submittedOn: date('submitted_on').notNull(),
		/** Named surveys only; always null for an anonymous one. */
		respondentId: uuid('respondent_id').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [index('survey_responses_survey_idx').on(t.surveyId)]
);

export const surveyAnswers = pgTable(
	'survey_answers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		responseId: uuid('response_id')
			.notNull()
			.references(() => surveyResponses.id, { onDelete: 'cascade' }),
		questionId: uuid('question_id')
			.notNull()
			.references(() => surveyQuestions.id, { onDelete: 'cascade' }),
		/** A single or multiple choice (one row per choice ticked). */
		choiceId: uuid('choice_id').references(() => surveyChoices.id, { onDelete: 'cascade' }),
		scale: smallint('scale'),
		text: text('text')
	},
	(t) => [
		index('survey_answers_question_idx').on(t.questionId),
		index('survey_answers_response_idx').on(t.responseId),
		check('survey_answers_scale', sql`${t.scale} is null or ${t.scale} between 1 and 5`),
		check('survey_answers_one_value', sql`num_nonnulls(${t.choiceId}, ${t.scale}, ${t.text}) = 1`)
	]
);

/** Answers in progress, under a random token kept in a cookie (only its hash here). */
export const surveyDrafts = pgTable(
	'survey_drafts',
	{
		tokenHash: text('token_hash').primaryKey(),
		surveyId: uuid('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		answers: jsonb('answers').$type<DraftAnswers>().notNull().default(sql`'{}'::jsonb`),
		/** Set when sent: a replayed submit finds it and counts nothing. */
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('survey_drafts_expires_idx').on(t.expiresAt)]
);

/** Who has answered a survey (signed-in people only), not linked to the answers. */
export const surveyParticipations = pgTable(
	'survey_participations',
	{
		surveyId: uuid('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Only the day, as for the response. */
		on: date('on').notNull()
	},
	(t) => [primaryKey({ columns: [t.surveyId, t.userId] })]
);
