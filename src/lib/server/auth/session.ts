/**
 * Server-side sessions. The cookie holds a random token; the database holds
 * only its SHA-256. Sessions expire after 30 days and slide forward when
 * used; for roles that see other people's personal data, the second factor
 * must have been passed within the last 12 hours (SECOND_FACTOR_MS).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/index.ts';
import { memberships, sessions, users } from '../db/schema/index.ts';
import type { MemberRole, PersonKind, PlatformRole } from '../db/schema/index.ts';
import type { SignedInActor } from '../policy/index.ts';

export const SESSION_COOKIE = 'convive_session';
export const SESSION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
/** How long a password-only sign-in waits for its second factor. */
export const PENDING_MS = 10 * 60 * 1000;
/**
 * A second factor passed in a session counts for 12 hours; after that, a
 * role that sees other people's personal data is asked for a fresh code.
 */
export const SECOND_FACTOR_MS = 12 * 60 * 60 * 1000;

export function newToken(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
	token: string;
	expiresAt: Date;
}

export async function createSession(
	tx: Tx,
	userId: string,
	opts: { pendingSecondFactor?: boolean; secondFactor?: boolean; userAgent?: string | null } = {}
): Promise<NewSession> {
	const token = newToken();
	// A sign-in that still owes its second factor lives only a few minutes.
	const expiresAt = new Date(Date.now() + (opts.pendingSecondFactor ? PENDING_MS : SESSION_DAYS * DAY));
	await tx.insert(sessions).values({
		id: hashToken(token),
		userId,
		expiresAt,
		pendingSecondFactor: opts.pendingSecondFactor ?? false,
		secondFactorAt: opts.secondFactor ? new Date() : null,
		userAgent: opts.userAgent?.slice(0, 200) ?? null
	});
	return { token, expiresAt };
}

export interface SessionInfo {
	sessionId: string;
	actor: SignedInActor;
	displayName: string;
	email: string | null;
	locale: string | null;
	pendingSecondFactor: boolean;
	expiresAt: Date;
}

/** Looks up a cookie token. Returns null for unknown, expired or disabled. */
export async function validateSession(db: Db, token: string | undefined): Promise<SessionInfo | null> {
	if (!token || token.length > 100) return null;
	const id = hashToken(token);
	const now = new Date();
	const [row] = await db
		.select({
			session: sessions,
			user: {
				id: users.id,
				displayName: users.displayName,
				email: users.email,
				emailVerifiedAt: users.emailVerifiedAt,
				kind: users.kind,
				platformRole: users.platformRole,
				locale: users.locale,
				totpEnabledAt: users.totpEnabledAt,
				disabledAt: users.disabledAt
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
		.limit(1);
	if (!row || row.user.disabledAt) return null;

	const roles = await db
		.select({ organisationId: memberships.organisationId, role: memberships.role })
		.from(memberships)
		.where(eq(memberships.userId, row.user.id));

	// Slide the expiry forward at most once a day (never for a pending sign-in).
	let expiresAt = row.session.expiresAt;
	if (!row.session.pendingSecondFactor && expiresAt.getTime() - now.getTime() < (SESSION_DAYS - 1) * DAY) {
		expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
		await db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, id));
	}

	const actor: SignedInActor = {
		kind: 'user',
		userId: row.user.id,
		personKind: row.user.kind as PersonKind,
		platformRole: (row.user.platformRole as PlatformRole | null) ?? null,
		memberships: new Map(roles.map((r) => [r.organisationId, r.role as MemberRole])),
		emailVerified: row.user.emailVerifiedAt !== null,
		secondFactor:
			row.session.secondFactorAt !== null &&
			!row.session.pendingSecondFactor &&
			now.getTime() - row.session.secondFactorAt.getTime() < SECOND_FACTOR_MS,
		totpEnabled: row.user.totpEnabledAt !== null
	};
	return {
		sessionId: id,
		actor,
		displayName: row.user.displayName,
		email: row.user.email,
		locale: row.user.locale,
		pendingSecondFactor: row.session.pendingSecondFactor,
		expiresAt
	};
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
	await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a person out everywhere (after a password reset or a role change). */
export async function deleteUserSessions(tx: Tx, userId: string): Promise<void> {
	await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * Rotation on privilege change: replaces the session with a new token,
 * keeping (or granting) its second-factor state. Returns the new token.
 */
export async function rotateSession(
	tx: Tx,
	sessionId: string,
	userId: string,
	opts: { secondFactor?: boolean; userAgent?: string | null } = {}
): Promise<NewSession> {
	const [old] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).limit(1);
	await deleteSession(tx, sessionId);
	return createSession(tx, userId, {
		secondFactor: opts.secondFactor ?? (old?.secondFactorAt != null && !old.pendingSecondFactor),
		userAgent: opts.userAgent ?? old?.userAgent
	});
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
	await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}
