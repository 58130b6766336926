/**
 * Accounts and sessions made directly in the database, for tests that need a
 * signed-in person without going through the sign-up pages.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/index.ts';
import { memberships, organisations, users } from '../../src/lib/server/db/schema/index.ts';
import type { MemberRole, PersonKind, PlatformRole } from '../../src/lib/server/db/schema/index.ts';
import { hashPassword } from '../../src/lib/server/auth/passwords.ts';
import { createSession } from '../../src/lib/server/auth/session.ts';
import type { Client } from './app.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

export interface TestUser {
	id: string;
	email: string;
	/** The session cookie value. */
	token: string;
}

export async function createUser(
	db: Db,
	opts: {
		email?: string;
		displayName?: string;
		platformRole?: PlatformRole | null;
		kind?: PersonKind;
		/** The account has TOTP turned on. */
		totp?: boolean;
		/** The session has passed the second factor. */
		secondFactor?: boolean;
		emailVerified?: boolean;
	} = {}
): Promise<TestUser> {
	cachedHash ??= hashPassword(TEST_PASSWORD);
	const email = (opts.email ?? `user-${randomBytes(5).toString('hex')}@example.org`).toLowerCase();
	const [row] = await db
		.insert(users)
		.values({
			email,
			displayName: opts.displayName ?? email.split('@')[0],
			passwordHash: await cachedHash,
			kind: opts.kind ?? 'resident',
			platformRole: opts.platformRole ?? null,
			emailVerifiedAt: opts.emailVerified === false ? null : new Date(),
			totpSecret: opts.totp ? 'JBSWY3DPEHPK3PXP' : null,
			totpEnabledAt: opts.totp ? new Date() : null
		})
		.returning({ id: users.id });
	const session = await createSession(db, row.id, { secondFactor: opts.secondFactor ?? false });
	return { id: row.id, email, token: session.token };
}

/** A new session for an existing user (for example after their sessions were deleted). */
export async function newSession(db: Db, userId: string, secondFactor = false): Promise<string> {
	return (await createSession(db, userId, { secondFactor })).token;
}

export function signIn(client: Client, user: { token: string }): Client {
	client.cookies.set('convive_session', user.token);
	return client;
}

export async function addMember(db: Db, organisationId: string, userId: string, role: MemberRole): Promise<void> {
	await db.insert(memberships).values({ organisationId, userId, role });
}

export async function userRow(db: Db, id: string) {
	const [u] = await db.select().from(users).where(eq(users.id, id));
	return u;
}

/**
 * Two verified organisations as the directory tests use them: A with a plain
 * member, B with an owner who has a second factor, and a signed-up outsider.
 */
export async function twoOrganisations(db: Db, slugPrefix: string) {
	const [a, b] = await db
		.insert(organisations)
		.values([
			{ slug: `${slugPrefix}-a`, name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: `${slugPrefix}-b`, name: 'Sportello Diritti', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	const member = await createUser(db, { displayName: 'Marta' });
	await addMember(db, a.id, member.id, 'member');
	const ownerB = await createUser(db, { displayName: 'Bilal', totp: true, secondFactor: true });
	await addMember(db, b.id, ownerB.id, 'owner');
	const outsider = await createUser(db, { displayName: 'Otto' });
	return { orgA: a.id, orgB: b.id, member, ownerB, outsider };
}
