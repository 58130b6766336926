/**
 * Co-creation (issue 7, docs/decisions/025-calls-for-ideas.md): calls for
 * ideas with phases, ideas with pictures, threaded comments and official
 * answers, one support per account, a jury with criteria, scores and
 * declared conflicts of interest, published results with reasons, and pilots
 * with a status page. Moderation and notifications are in moderation.ts and
 * notifications.ts.
 *
 * - A call's phase follows from its dates (opens → review → selection →
 *   results → follow-up); results are shown only once published.
 * - `ideas.support_count` is kept in the transaction that adds a support
 *   (the primary key of idea_supports makes a second support impossible), so
 *   a call page sorts thousands of ideas by support without counting.
 * - An idea is by a person (shown by name, or anonymously to the public while
 *   moderators know who) and, optionally, on behalf of an organisation.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { neighbourhoods } from './places.ts';
import { bytea } from './support.ts';


export const callAudiences = ['anyone', 'residents', 'organisations'] as const;
export type CallAudience = (typeof callAudiences)[number];

export const ideaStatuses = ['submitted', 'selected', 'not_selected', 'withdrawn'] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];

export const pilotStatuses = ['planned', 'running', 'paused', 'completed', 'stopped'] as const;
export type PilotStatus = (typeof pilotStatuses)[number];

/** Title, question and rules in other languages, by locale. */
export type CallTranslations = Record<string, { title: string; question: string; rules: string }>;

export const calls = pgTable(
	'calls',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		title: text('title').notNull(),
		/** The challenge, as a question. */
		question: text('question').notNull(),
		rules: text('rules').notNull().default(''),
		language: text('language').notNull().default('en'),
		translations: jsonb('translations').$type<CallTranslations>().notNull().default(sql`'{}'::jsonb`),
		audience: text('audience', { enum: callAudiences }).notNull().default('anyone'),
		/** Null: the whole city. */
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		/** Phase starts (UTC); each after the one before. */
		opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
		reviewAt: timestamp('review_at', { withTimezone: true }).notNull(),
		selectionAt: timestamp('selection_at', { withTimezone: true }).notNull(),
		resultsAt: timestamp('results_at', { withTimezone: true }).notNull(),
		followUpAt: timestamp('follow_up_at', { withTimezone: true }).notNull(),
		/** Null: a draft only staff see. */
		publishedAt: timestamp('published_at', { withTimezone: true }),
		/** Set when the results (selected ideas and the reasons) are made public. */
		resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('calls_phases', sql`${t.opensAt} < ${t.reviewAt} and ${t.reviewAt} <= ${t.selectionAt} and ${t.selectionAt} <= ${t.resultsAt} and ${t.resultsAt} <= ${t.followUpAt}`),
		check('calls_audience', sql`${t.audience} in ('anyone', 'residents', 'organisations')`),
		index('calls_list_idx').on(t.publishedAt, t.opensAt)
	]
);

/** How the jury judges: each criterion scored 0–10, weighted. */
export const callCriteria = pgTable(
	'call_criteria',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		callId: uuid('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		weight: smallint('weight').notNull().default(1),
		position: smallint('position').notNull().default(0)
	},
	(t) => [check('call_criteria_weight', sql`${t.weight} between 1 and 5`), index('call_criteria_call_idx').on(t.callId, t.position)]
);

export const callJurors = pgTable(
	'call_jurors',
	{
		callId: uuid('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.callId, t.userId] }), index('call_jurors_user_idx').on(t.userId)]
);

export const ideas = pgTable(
	'ideas',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		callId: uuid('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull(),
		/** The language it is written in. */
		language: text('language').notNull(),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		/** Who sent it; null once their account is deleted. */
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** Sent on behalf of an organisation (its members may send for it). */
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		/** Shown as "anonymous" to the public and the jury; moderators and officers know the author. */
		anonymous: boolean('anonymous').notNull().default(false),
		status: text('status', { enum: ideaStatuses }).notNull().default('submitted'),
		/** Why it was or was not selected, published with the results. */
		resultReason: text('result_reason'),
		supportCount: integer('support_count').notNull().default(0),
		commentCount: integer('comment_count').notNull().default(0),
		/** Words from the locale's list found in it: a moderator looks; nothing is hidden for it. */
		flaggedTerms: text('flagged_terms').array().notNull().default(sql`'{}'::text[]`),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenReason: text('hidden_reason'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('ideas_status', sql`${t.status} in ('submitted', 'selected', 'not_selected', 'withdrawn')`),
		check('ideas_support_count', sql`${t.supportCount} >= 0`),
		// In the order the call page asks for (desc is nulls first in a query), so a page is read from the index.
		index('ideas_call_support_idx').on(t.callId, t.supportCount.desc().nullsFirst(), t.id.desc().nullsFirst()),
		index('ideas_call_recent_idx').on(t.callId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
		index('ideas_author_idx').on(t.authorId, t.createdAt)
	]
);

/** Pictures of an idea, stripped of metadata (place, camera) before they are kept. */
export const ideaImages = pgTable(
	'idea_images',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ideaId: uuid('idea_id')
			.notNull()
			.references(() => ideas.id, { onDelete: 'cascade' }),
		mediaType: text('media_type').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		/** A short description for people who cannot see it. */
		alt: text('alt').notNull().default(''),
		bytes: bytea('bytes').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('idea_images_idea_idx').on(t.ideaId, t.createdAt)]
);

export const ideaSupports = pgTable(
	'idea_supports',
	{
		ideaId: uuid('idea_id')
			.notNull()
			.references(() => ideas.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index('idea_supports_user_idx').on(t.userId)]
);

/**
 * A comment, or a reply in its thread (`parent_id`, one level: a reply to a
 * reply joins the same thread). An official answer is written by the city.
 */
export const ideaComments = pgTable(
	'idea_comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ideaId: uuid('idea_id')
			.notNull()
			.references(() => ideas.id, { onDelete: 'cascade' }),
		parentId: uuid('parent_id'),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		language: text('language').notNull().default('en'),
		official: boolean('official').notNull().default(false),
		flaggedTerms: text('flagged_terms').array().notNull().default(sql`'{}'::text[]`),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		hiddenReason: text('hidden_reason'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('idea_comments_idea_idx').on(t.ideaId, t.createdAt), index('idea_comments_author_idx').on(t.authorId, t.createdAt)]
);

/** A juror's score of an idea on one criterion (0–10). */
export const ideaScores = pgTable(
	'idea_scores',
	{
		ideaId: uuid('idea_id')
			.notNull()
			.references(() => ideas.id, { onDelete: 'cascade' }),
		criterionId: uuid('criterion_id')
			.notNull()
			.references(() => callCriteria.id, { onDelete: 'cascade' }),
		jurorId: uuid('juror_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		score: smallint('score').notNull(),
		note: text('note').notNull().default(''),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.ideaId, t.criterionId, t.jurorId] }), check('idea_scores_range', sql`${t.score} between 0 and 10`), index('idea_scores_juror_idx').on(t.jurorId)]
);

/** A juror's declared conflict of interest: they do not score that idea. */
export const juryConflicts = pgTable(
	'jury_conflicts',
	{
		ideaId: uuid('idea_id')
			.notNull()
			.references(() => ideas.id, { onDelete: 'cascade' }),
		jurorId: uuid('juror_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.ideaId, t.jurorId] })]
);

/** A selected idea carried out as a pilot, with a public status page. */
export const pilots = pgTable(
	'pilots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		ideaId: uuid('idea_id')
			.notNull()
			.references(() => ideas.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		/** The organisation carrying it out, if any. */
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		status: text('status', { enum: pilotStatuses }).notNull().default('planned'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('pilots_idea_key').on(t.ideaId), check('pilots_status', sql`${t.status} in ('planned', 'running', 'paused', 'completed', 'stopped')`)]
);

export const pilotUpdates = pgTable(
	'pilot_updates',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pilotId: uuid('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		status: text('status', { enum: pilotStatuses }).notNull(),
		body: text('body').notNull(),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('pilot_updates_pilot_idx').on(t.pilotId, t.createdAt)]
);
