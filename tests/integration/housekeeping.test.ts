/**
 * The server cleans up by itself: expired sessions and rate-limit windows
 * that closed long ago disappear, live ones stay; stop() ends the schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { resetConfig } from '../../src/lib/server/config.ts';
import { startServer, type RunningServer } from '../../scripts/server.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';

let database: TestDatabase;
let running: RunningServer;

const rows = async (q: SQL) => ((await database.db.execute(q)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
const sessionIds = async () => (await rows(sql`select id from sessions order by id`)).map((r) => r.id);
const limitKeys = async () => (await rows(sql`select key from rate_limits order by key`)).map((r) => r.key);

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('timed out waiting for housekeeping');
		await new Promise((r) => setTimeout(r, 25));
	}
}

beforeAll(async () => {
	delete process.env.ORIGIN;
	delete process.env.DATABASE_URL;
	resetConfig();
	database = await testDatabase();
	const [u] = await rows(sql`insert into users (display_name, password_hash) values ('Housekept', 'x') returning id`);
	await database.db.execute(sql`insert into sessions (id, user_id, expires_at) values
		('expired-1', ${u.id}, now() - interval '1 minute'),
		('live-1', ${u.id}, now() + interval '1 day')`);
	await database.db.execute(sql`insert into rate_limits (key, window_start, count) values
		('old-1', now() - interval '2 days', 3),
		('fresh-1', now(), 1)`);
	running = await startServer({ port: 0, host: '127.0.0.1', housekeepingEveryMs: 100 });
});
afterAll(async () => {
	await running?.stop(2000);
	await database?.dispose();
});

describe('housekeeping in the running server', () => {
	it('removes expired sessions and old rate limits at start, keeps live ones', async () => {
		await until(async () => (await sessionIds()).length === 1);
		expect(await sessionIds()).toEqual(['live-1']);
		await until(async () => (await limitKeys()).length === 1);
		expect(await limitKeys()).toEqual(['fresh-1']);
		expect(running.housekeeping.runs()).toBeGreaterThanOrEqual(1);
	});

	it('runs again on its interval', async () => {
		const [u] = await rows(sql`select user_id from sessions where id = 'live-1'`);
		await database.db.execute(sql`insert into sessions (id, user_id, expires_at) values ('expired-2', ${u.user_id}, now() - interval '1 second')`);
		await database.db.execute(sql`insert into rate_limits (key, window_start, count) values ('old-2', now() - interval '25 hours', 9)`);
		await until(async () => !(await sessionIds()).includes('expired-2') && !(await limitKeys()).includes('old-2'));
		expect(await sessionIds()).toEqual(['live-1']);
	});

	it('stops with the server: no run after stop()', async () => {
		await running.stop(2000);
		const runs = running.housekeeping.runs();
		await new Promise((r) => setTimeout(r, 350));
		expect(running.housekeeping.runs()).toBe(runs);
	});
});
