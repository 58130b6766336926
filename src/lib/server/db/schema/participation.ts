/**
 * What every participation space shares (issue 7, docs/decisions/026-moderation-and-notifications.md):
 * reports of abuse and the moderators' decisions on them, and notifications
 * in the app and by e-mail (at once or in a daily digest), each kind
 * switchable by the person.
 *
 * - A report names what it is about by type and id (an idea or a comment);
 *   the item itself carries `hidden_at`/`hidden_reason`, so hiding is one
 *   update and every list filters on it.
 * - Every hide and restore is a row of `moderation_decisions` (and an audit
 *   entry); the author is told why.
 * - A notification is written in the recipient's language when it is made.
 *   `email_state`: `none` (in the app only), `pending` (the next daily
 *   digest), `sent`.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

export const moderatedTypes = ['idea', 'comment'] as const;
export type ModeratedType = (typeof moderatedTypes)[number];

export const reportReasons = ['spam', 'hate', 'harassment', 'personal_data', 'off_topic', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

export const moderationReports = pgTable(
	'moderation_reports',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		subjectType: text('subject_type', { enum: moderatedTypes }).notNull(),
		subjectId: uuid('subject_id').notNull(),
		reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
		reason: text('reason', { enum: reportReasons }).notNull(),
		note: text('note').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** Set when a moderator decided on the item (hid it or kept it). */
		resolvedAt: timestamp('resolved_at', { withTimezone: true })
	},
	(t) => [
		index('moderation_reports_open_idx').on(t.resolvedAt, t.createdAt),
		index('moderation_reports_subject_idx').on(t.subjectType, t.subjectId),
		check('moderation_reports_type', sql`${t.subjectType} in ('idea', 'comment')`)
	]
);

export const moderationActions = ['hide', 'restore', 'keep'] as const;
export type ModerationAction = (typeof moderationActions)[number];

export const moderationDecisions = pgTable(
	'moderation_decisions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		subjectType: text('subject_type', { enum: moderatedTypes }).notNull(),
		subjectId: uuid('subject_id').notNull(),
		action: text('action', { enum: moderationActions }).notNull(),
		reason: text('reason').notNull(),
		moderatorId: uuid('moderator_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('moderation_decisions_subject_idx').on(t.subjectType, t.subjectId, t.createdAt)]
);

export const notificationKinds = [
	'idea_comment',
	'comment_reply',
	'official_answer',
	'content_hidden',
	'content_restored',
	'call_results',
	'jury_invitation',
	'pilot_update',
	'assembly_meeting',
	'assembly_join_request',
	'panel_invitation',
	'panel_news'
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const emailModes = ['off', 'immediate', 'daily'] as const;
export type EmailMode = (typeof emailModes)[number];

export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		/** One line, in the recipient's language. */
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		/** A path in the app, e.g. /calls/…/ideas/…. */
		link: text('link'),
		/** Shown in the app's list (the person may want some kinds by e-mail only). */
		inApp: boolean('in_app').notNull().default(true),
		emailState: text('email_state', { enum: ['none', 'pending', 'sent'] }).notNull().default('none'),
		readAt: timestamp('read_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('notifications_user_idx').on(t.userId, t.createdAt.desc()).where(sql`${t.inApp}`),
		index('notifications_digest_idx').on(t.emailState, t.userId).where(sql`${t.emailState} = 'pending'`),
		check('notifications_link_path', sql`${t.link} is null or ${t.link} like '/%'`)
	]
);

/** A person's choice for one kind; no row: in the app, and by e-mail at once. */
export const notificationPreferences = pgTable(
	'notification_preferences',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		inApp: boolean('in_app').notNull().default(true),
		email: text('email', { enum: emailModes }).notNull().default('immediate'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);
