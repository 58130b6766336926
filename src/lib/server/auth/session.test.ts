import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { createUser } from '../../../../tests/helpers/users.ts';
import { sessions } from '../db/schema/index.ts';
import { createSession, hashToken, rotateSession, validateSession } from './session.ts';

let d: TestDatabase;
beforeAll(async () => {
	d = await testDatabase();
});
afterAll(() => d.dispose());

describe('sessions', () => {
	it('stores only the hash of the token and finds the session by the token', async () => {
		const u = await createUser(d.db, { platformRole: 'admin', totp: true });
		const s = await createSession(d.db, u.id, { secondFactor: true });
		const [row] = await d.db.select().from(sessions).where(eq(sessions.id, hashToken(s.token)));
		expect(row).toBeTruthy();
		expect(JSON.stringify(row)).not.toContain(s.token);
		const info = await validateSession(d.db, s.token);
		expect(info?.actor).toMatchObject({ userId: u.id, platformRole: 'admin', secondFactor: true });
	});

	it('asks again for the second factor after 12 hours', async () => {
		const u = await createUser(d.db, { platformRole: 'admin', totp: true });
		const s = await createSession(d.db, u.id, { secondFactor: true });
		await d.db
			.update(sessions)
			.set({ secondFactorAt: sql`now() - interval '13 hours'` })
			.where(eq(sessions.id, hashToken(s.token)));
		const info = await validateSession(d.db, s.token);
		expect(info).not.toBeNull();
		expect(info?.actor.secondFactor).toBe(false);
	});

	it('refuses expired, unknown and oversized tokens', async () => {
		const u = await createUser(d.db);
		const s = await createSession(d.db, u.id);
		await d.db.update(sessions).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(sessions.id, hashToken(s.token)));
		expect(await validateSession(d.db, s.token)).toBeNull();
		expect(await validateSession(d.db, 'no-such-token')).toBeNull();
		expect(await validateSession(d.db, 'x'.repeat(10_000))).toBeNull();
	});

	it('rotation replaces the token and keeps the second factor', async () => {
		const u = await createUser(d.db, { platformRole: 'admin', totp: true });
		const s = await createSession(d.db, u.id, { secondFactor: true });
		const next = await rotateSession(d.db, hashToken(s.token), u.id);
		expect(await validateSession(d.db, s.token)).toBeNull();
		expect((await validateSession(d.db, next.token))?.actor.secondFactor).toBe(true);
	});
});
