/**
 * Neighbourhood activities (issue 6, docs/decisions/021-neighbourhood-activities.md):
 * activities and events by organisations, neighbourhood houses and residents,
 * trainings and networking events for volunteers, RSVPs with a waiting list
 * and a personal calendar feed.
 *
 * - A neighbourhood has at most one house, run by an organisation; that
 *   organisation's coordinators review residents' proposals for the neighbourhood.
 * - An activity belongs to an organisation, or was proposed by a resident
 *   (then `proposed_by` is set and it starts as `proposed`).
 * - An RSVP holds a place (`going`) or waits (`waitlisted`); the RSVP use case
 *   locks the activity row, so exactly `capacity` people are going. One active
 *   RSVP per person and activity (partial unique index).
 * - Times are UTC. A place (name, address) or an https link; never both required.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { neighbourhoods } from './places.ts';

import { accessibilityFeatures, activityAudiences, activityKinds } from '../../../activities/lists.ts';

export { accessibilityFeatures, activityAudiences, activityKinds };
export type ActivityKind = (typeof activityKinds)[number];

export type ActivityAudience = (typeof activityAudiences)[number];

export const activityStatuses = ['proposed', 'published', 'rejected', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

export type AccessibilityFeature = (typeof accessibilityFeatures)[number];

export const rsvpStatuses = ['going', 'waitlisted', 'cancelled'] as const;
export type RsvpStatus = (typeof rsvpStatuses)[number];

/** Title and description in other languages, by locale. */
export type ActivityTranslations = Record<string, { title: string; description: string }>;

export const neighbourhoodHouses = pgTable(
	'neighbourhood_houses',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		neighbourhoodId: uuid('neighbourhood_id')
			.notNull()
			.references(() => neighbourhoods.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		address: text('address'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('neighbourhood_houses_neighbourhood_key').on(t.neighbourhoodId), index('neighbourhood_houses_org_idx').on(t.organisationId)]
);

export const activities = pgTable(
	'activities',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The organisation running it; for a resident's proposal, the house's organisation. */
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
		/** The resident who proposed it (null when an organisation created it). */
		proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: activityKinds }).notNull().default('activity'),
		audience: text('audience', { enum: activityAudiences }).notNull().default('everyone'),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** The language the title and description are written in. */
		language: text('language').notNull().default('en'),
		translations: jsonb('translations').$type<ActivityTranslations>().notNull().default(sql`'{}'::jsonb`),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		placeName: text('place_name'),
		address: text('address'),
		/** An https address for an online activity. */
		onlineUrl: text('online_url'),
		/** Null: no limit. */
		capacity: smallint('capacity'),
		/** ISO 639-1 codes of the languages spoken there. */
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		childFriendly: boolean('child_friendly').notNull().default(false),
		accessibility: text('accessibility').array().notNull().default(sql`'{}'::text[]`),
		status: text('status', { enum: activityStatuses }).notNull().default('published'),
		/** Why a proposal was rejected or an activity cancelled, shown to the people concerned. */
		reviewReason: text('review_reason'),
		reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('activities_times', sql`${t.endsAt} > ${t.startsAt}`),
		check('activities_capacity', sql`${t.capacity} is null or ${t.capacity} between 1 and 5000`),
		check('activities_kind', sql`${t.kind} in ('activity', 'event', 'training', 'networking')`),
		check('activities_audience', sql`${t.audience} in ('everyone', 'volunteers')`),
		check('activities_status', sql`${t.status} in ('proposed', 'published', 'rejected', 'cancelled')`),
		check('activities_online_https', sql`${t.onlineUrl} is null or ${t.onlineUrl} like 'https://%'`),
		check('activities_owner', sql`${t.organisationId} is not null or ${t.proposedBy} is not null`),
		index('activities_list_idx').on(t.status, t.startsAt),
		index('activities_neighbourhood_idx').on(t.neighbourhoodId, t.status, t.startsAt),
		index('activities_org_idx').on(t.organisationId, t.startsAt),
		index('activities_proposer_idx').on(t.proposedBy)
	]
);

export const activityRsvps = pgTable(
	'activity_rsvps',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: rsvpStatuses }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		promotedAt: timestamp('promoted_at', { withTimezone: true }),
		cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
		remindedAt: timestamp('reminded_at', { withTimezone: true })
	},
	(t) => [
		check('activity_rsvps_status', sql`${t.status} in ('going', 'waitlisted', 'cancelled')`),
		uniqueIndex('activity_rsvps_active_key').on(t.activityId, t.userId).where(sql`${t.status} <> 'cancelled'`),
		index('activity_rsvps_activity_idx').on(t.activityId, t.status, t.createdAt),
		index('activity_rsvps_user_idx').on(t.userId)
	]
);

/** A person's calendar-feed secret: only its SHA-256 is kept; resetting replaces it. */
export const activityFeedTokens = pgTable(
	'activity_feed_tokens',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('activity_feed_tokens_hash_key').on(t.tokenHash)]
);
