/**
 * Neighbourhood and thematic assemblies (issue 7, docs/decisions/023-assemblies.md):
 * Malaga's monthly neighbourhood assemblies. An assembly has members (who
 * join, or ask to join and are accepted by the chair), a chair and a
 * secretary among them, meetings with an agenda, replies (coming or not, an
 * interpreter asked for), attendance, minutes and decisions tracked to done.
 *
 * - Times are UTC; a place (name, address) or an https link, at least one.
 * - One live membership per person and assembly (partial unique index), so a
 *   double join is refused by the database, not only by the use case.
 * - A decision belongs to the meeting that took it (and so to its assembly);
 *   its owner is a member or an organisation named in free text.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { neighbourhoods } from './places.ts';

export const assemblyKinds = ['neighbourhood', 'thematic'] as const;
export type AssemblyKind = (typeof assemblyKinds)[number];
export const assemblyJoinRules = ['open', 'request'] as const;
export type AssemblyJoinRule = (typeof assemblyJoinRules)[number];
export const membershipStatuses = ['requested', 'active', 'left', 'declined'] as const;
export type AssemblyMembershipStatus = (typeof membershipStatuses)[number];
export const meetingStatuses = ['scheduled', 'cancelled', 'held'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const presences = ['present', 'excused', 'absent'] as const;
export type Presence = (typeof presences)[number];
export const decisionStatuses = ['open', 'in_progress', 'done'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/** Name and description in other languages, by locale. */
export type AssemblyTranslations = Record<string, { name: string; description: string }>;
/** An agenda item, in order. */
export interface AgendaItem {
	title: string;
	description: string;
}

export const assemblies = pgTable(
	'assemblies',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: assemblyKinds }).notNull(),
		/** For a neighbourhood assembly: its neighbourhood in the directory. */
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'restrict' }),
		/** For a thematic assembly: its theme, in English (translated with the name). */
		theme: text('theme'),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		translations: jsonb('translations').$type<AssemblyTranslations>().notNull().default(sql`'{}'::jsonb`),
		/** ISO 639-1 codes of the languages spoken at its meetings. */
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		joinRule: text('join_rule', { enum: assemblyJoinRules }).notNull().default('open'),
		chairId: uuid('chair_id').references(() => users.id, { onDelete: 'set null' }),
		secretaryId: uuid('secretary_id').references(() => users.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('assemblies_kind', sql`${t.kind} in ('neighbourhood', 'thematic')`),
		check('assemblies_join_rule', sql`${t.joinRule} in ('open', 'request')`),
		check('assemblies_kind_facts', sql`(${t.kind} = 'neighbourhood' and ${t.neighbourhoodId} is not null) or (${t.kind} = 'thematic' and ${t.theme} is not null)`),
		index('assemblies_neighbourhood_idx').on(t.neighbourhoodId)
	]
);

export const assemblyMembers = pgTable(
	'assembly_members',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		assemblyId: uuid('assembly_id')
			.notNull()
			.references(() => assemblies.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: membershipStatuses }).notNull(),
		requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
		joinedAt: timestamp('joined_at', { withTimezone: true }),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(t) => [
		check('assembly_members_status', sql`${t.status} in ('requested', 'active', 'left', 'declined')`),
		uniqueIndex('assembly_members_live_key').on(t.assemblyId, t.userId).where(sql`${t.status} in ('requested', 'active')`),
		index('assembly_members_assembly_idx').on(t.assemblyId, t.status),
		index('assembly_members_user_idx').on(t.userId)
	]
);

export const assemblyMeetings = pgTable(
	'assembly_meetings',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		assemblyId: uuid('assembly_id')
			.notNull()
			.references(() => assemblies.id, { onDelete: 'cascade' }),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		placeName: text('place_name'),
		address: text('address'),
		onlineUrl: text('online_url'),
		agenda: jsonb('agenda').$type<AgendaItem[]>().notNull().default(sql`'[]'::jsonb`),
		status: text('status', { enum: meetingStatuses }).notNull().default('scheduled'),
		cancelReason: text('cancel_reason'),
		/** Plain text; published once written. */
		minutes: text('minutes'),
		minutesAt: timestamp('minutes_at', { withTimezone: true }),
		/** People who came without being members. */
		guests: smallint('guests').notNull().default(0),
		attendanceAt: timestamp('attendance_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('assembly_meetings_times', sql`${t.endsAt} > ${t.startsAt}`),
		check('assembly_meetings_status', sql`${t.status} in ('scheduled', 'cancelled', 'held')`),
		check('assembly_meetings_online_https', sql`${t.onlineUrl} is null or ${t.onlineUrl} like 'https://%'`),
		check('assembly_meetings_place', sql`${t.placeName} is not null or ${t.address} is not null or ${t.onlineUrl} is not null`),
		check('assembly_meetings_guests', sql`${t.guests} between 0 and 5000`),
		check('assembly_meetings_minutes', sql`${t.minutes} is null or length(${t.minutes}) <= 20000`),
		index('assembly_meetings_assembly_idx').on(t.assemblyId, t.startsAt)
	]
);

/** A member's answer for a meeting: coming or not, and an interpreter asked for. */
export const assemblyReplies = pgTable(
	'assembly_replies',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => assemblyMeetings.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		coming: text('coming', { enum: ['yes', 'no'] }).notNull(),
		/** ISO 639-1 code of the language an interpreter is asked for; null: none. */
		interpreter: text('interpreter'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] }), check('assembly_replies_coming', sql`${t.coming} in ('yes', 'no')`)]
);

export const assemblyAttendance = pgTable(
	'assembly_attendance',
	{
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => assemblyMeetings.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		presence: text('presence', { enum: presences }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] }), check('assembly_attendance_presence', sql`${t.presence} in ('present', 'excused', 'absent')`)]
);

export const assemblyDecisions = pgTable(
	'assembly_decisions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		assemblyId: uuid('assembly_id')
			.notNull()
			.references(() => assemblies.id, { onDelete: 'cascade' }),
		meetingId: uuid('meeting_id')
			.notNull()
			.references(() => assemblyMeetings.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		/** A member who owns it, or an organisation named in free text (one of the two). */
		ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
		ownerOrganisation: text('owner_organisation'),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		status: text('status', { enum: decisionStatuses }).notNull().default('open'),
		doneOn: date('done_on', { mode: 'string' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('assembly_decisions_status', sql`${t.status} in ('open', 'in_progress', 'done')`),
		check('assembly_decisions_done', sql`(${t.status} = 'done') = (${t.doneOn} is not null)`),
		index('assembly_decisions_assembly_idx').on(t.assemblyId, t.status, t.dueOn),
		index('assembly_decisions_meeting_idx').on(t.meetingId),
		index('assembly_decisions_due_idx').on(t.status, t.dueOn)
	]
);
