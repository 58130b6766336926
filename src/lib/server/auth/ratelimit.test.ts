import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { rateLimits } from '../db/schema/index.ts';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { clear, hit, isLimited, limitKey } from './ratelimit.ts';

let d: TestDatabase;
beforeAll(async () => {
	d = await testDatabase({ install: false });
});
afterAll(() => d.dispose());

const limit = { max: 3, windowMs: 60_000 };

describe('fixed-window rate limiter', () => {
	it('allows max hits per window, then refuses until the window ends', async () => {
		const t0 = new Date('2030-01-01T10:00:00Z');
		const key = 'test:a';
		const counts = [];
		for (let i = 0; i < 5; i++) counts.push(await hit(d.db, key, limit, new Date(t0.getTime() + i * 1000)));
		expect(counts.map((c) => c.count)).toEqual([1, 2, 3, 4, 5]);
		expect(counts.map((c) => c.allowed)).toEqual([true, true, true, false, false]);
		expect(counts[4].resetAt.toISOString()).toBe('2030-01-01T10:01:00.000Z');
		expect(await isLimited(d.db, key, limit, new Date(t0.getTime() + 59_000))).toBe(true);
		// The next window starts again at 1.
		expect(await isLimited(d.db, key, limit, new Date(t0.getTime() + 60_000))).toBe(false);
		const next = await hit(d.db, key, limit, new Date(t0.getTime() + 61_000));
		expect(next).toMatchObject({ count: 1, allowed: true });
	});

	it('counts keys separately and forgets a cleared key', async () => {
		const now = new Date();
		await hit(d.db, 'test:b', limit, now);
		await hit(d.db, 'test:b', limit, now);
		expect((await hit(d.db, 'test:c', limit, now)).count).toBe(1);
		await clear(d.db, 'test:b');
		expect((await hit(d.db, 'test:b', limit, now)).count).toBe(1);
	});

	it('is atomic under concurrent hits', async () => {
		const now = new Date();
		const results = await Promise.all(Array.from({ length: 20 }, () => hit(d.db, 'test:race', { max: 5, windowMs: 60_000 }, now)));
		expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(results.filter((r) => r.allowed)).toHaveLength(5);
		const [row] = await d.db.select().from(rateLimits).where(eq(rateLimits.key, 'test:race'));
		expect(row.count).toBe(20);
	});

	it('hides what it counts', () => {
		const k = limitKey('signin', 'Amal@Example.org');
		expect(k).not.toContain('amal');
		expect(k).toBe(limitKey('signin', 'amal@example.org'));
	});
});
