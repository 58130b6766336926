/**
 * Closed-loop referrals (issue 4, docs/decisions/016-support-folder.md).
 *
 * A referral carries only the fields the sender chose (minimum by default)
 * under the `share` consent that covers them. Its state moves through the
 * transitions table in src/lib/server/referrals; each change names the
 * version it saw, so a replayed or out-of-order change is refused, and is
 * written to `referral_events`.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { services } from './directory.ts';
import { consents, people } from './support.ts';

export const referralStates = ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'closed'] as const;
export type ReferralState = (typeof referralStates)[number];

/** Fields of the person a referral may carry; `preferred_name`, `languages` and the message always travel. */
export const referralFields = ['preferred_name', 'languages', 'birth_year', 'contact', 'neighbourhood', 'needs', 'plan'] as const;
export type ReferralField = (typeof referralFields)[number];

export const referrals = pgTable(
	'referrals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		personId: uuid('person_id')
			.notNull()
			.references(() => people.id, { onDelete: 'cascade' }),
		fromOrganisationId: uuid('from_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		fromUserId: uuid('from_user_id').references(() => users.id, { onDelete: 'set null' }),
		serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
		/** The service's name when sent (the service may change or go). */
		serviceName: text('service_name').notNull(),
		toOrganisationId: uuid('to_organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		consentId: uuid('consent_id').references(() => consents.id, { onDelete: 'set null' }),
		sharedFields: text('shared_fields', { enum: referralFields }).array().notNull().default(sql`'{preferred_name,languages}'::text[]`),
		message: text('message').notNull().default(''),
		state: text('state', { enum: referralStates }).notNull().default('sent'),
		/** Accept or decline by then (the response-time target, in working days). */
		respondBy: timestamp('respond_by', { withTimezone: true }).notNull(),
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		escalatedAt: timestamp('escalated_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		respondedAt: timestamp('responded_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		index('referrals_inbox_idx').on(t.toOrganisationId, t.state, t.createdAt),
		index('referrals_person_idx').on(t.personId, t.createdAt),
		index('referrals_service_idx').on(t.serviceId),
		index('referrals_due_idx').on(t.respondBy).where(sql`${t.state} = 'sent'`)
	]
);

export const referralEvents = pgTable(
	'referral_events',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		referralId: uuid('referral_id')
			.notNull()
			.references(() => referrals.id, { onDelete: 'cascade' }),
		fromState: text('from_state', { enum: referralStates }),
		toState: text('to_state', { enum: referralStates }).notNull(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		/** Why declined or closed, or the outcome when completed. */
		reason: text('reason'),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('referral_events_referral_idx').on(t.referralId, t.at), check('referral_events_states_differ', sql`${t.fromState} is distinct from ${t.toState}`)]
);
