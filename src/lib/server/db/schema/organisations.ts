import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { neighbourhoods } from './places.ts';

export const organisationTypes = [
	'public_body',
	'ngo',
	'migrant_association',
	'social_enterprise',
	'business',
	'informal_group'
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const verificationStates = ['unverified', 'verified', 'rejected'] as const;
export type VerificationState = (typeof verificationStates)[number];

export const memberRoles = [
	'owner',
	'coordinator',
	'case_worker',
	'volunteer_coordinator',
	'member'
] as const;
export type MemberRole = (typeof memberRoles)[number];

export const organisations = pgTable(
	'organisations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		type: text('type', { enum: organisationTypes }).notNull(),
		description: text('description').notNull().default(''),
		website: text('website'),
		email: text('email'),
		phone: text('phone'),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id),
		verification: text('verification', { enum: verificationStates }).notNull().default('unverified'),
		verifiedAt: timestamp('verified_at', { withTimezone: true }),
		verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }),
		/** Why city staff did not verify the organisation; shown to its members. */
		rejectionReason: text('rejection_reason'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('organisations_slug_key').on(t.slug)]
);

export const memberships = pgTable(
	'memberships',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: memberRoles }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('memberships_user_idx').on(t.userId)]
);

export const invitations = pgTable(
	'invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		role: text('role', { enum: memberRoles }).notNull(),
		tokenHash: text('token_hash').notNull(),
		invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('invitations_token_key').on(t.tokenHash),
		index('invitations_org_idx').on(t.organisationId)
	]
);
