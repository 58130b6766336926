import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

/** How a person describes themself when they sign up; never a legal status. */
export const personKinds = ['newcomer', 'resident'] as const;
export type PersonKind = (typeof personKinds)[number];

/** Roles held across the whole platform, given only by an administrator. */
export const platformRoles = ['admin', 'integration_officer', 'evaluator', 'guardianship_office'] as const;
export type PlatformRole = (typeof platformRoles)[number];

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		displayName: text('display_name').notNull(),
		/** Lower-cased. Optional: a person may sign up without one and keep a recovery code. */
		email: text('email'),
		/** Short unique sign-in name (lower-case), for people who have no e-mail address. */
		username: text('username'),
		emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
		passwordHash: text('password_hash').notNull(),
		kind: text('kind', { enum: personKinds }).notNull().default('resident'),
		platformRole: text('platform_role', { enum: platformRoles }),
		locale: text('locale'),
		/** TOTP secret (base32), sealed with the application key. */
		totpSecret: text('totp_secret'),
		totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
		/** Last TOTP time step accepted, so a code is never accepted twice. */
		totpLastStep: integer('totp_last_step'),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
		uniqueIndex('users_username_key').on(t.username)
	]
);

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the cookie token: a database leak does not yield live sessions. */
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
		/** Set when the second factor was passed in this session. */
		secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
		/** The sign-in has passed the password but still owes a TOTP code. */
		pendingSecondFactor: boolean('pending_second_factor').notNull().default(false),
		userAgent: text('user_agent')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** What the code recovers: the account itself (no e-mail) or the second factor. */
		purpose: text('purpose', { enum: ['account', 'second_factor'] }).notNull(),
		codeHash: text('code_hash').notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('recovery_codes_user_idx').on(t.userId)]
);

export const tokenKinds = ['verify_email', 'reset_password'] as const;
export type TokenKind = (typeof tokenKinds)[number];

/** One-time links sent by e-mail. Only the hash is stored. */
export const oneTimeTokens = pgTable(
	'one_time_tokens',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: tokenKinds }).notNull(),
		tokenHash: text('token_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		email: text('email'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('one_time_tokens_hash_key').on(t.tokenHash)]
);

/** Fixed-window counters shared by every process (sign-in attempts and the like). */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});
