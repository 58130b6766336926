/**
 * The demo city: the generator is deterministic and sound, seeding works on
 * PGlite and PostgreSQL and never lands on top of real data, the printed
 * passwords work, and demo:reset refuses real data and a busy database.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { organisationTypes } from '../../src/lib/server/db/schema/index.ts';
import { auditLog, memberships, organisations, users } from '../../src/lib/server/db/schema/index.ts';
import { verifyPassword } from '../../src/lib/server/auth/passwords.ts';
import { verifyChain } from '../../src/lib/server/audit/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import {
	DEMO_BASE_DATE,
	DEMO_CITY,
	DEMO_PASSWORDS,
	generateDemoCity,
	type DemoCity
} from '../../scripts/demo/generate.ts';
import { seedDemo, seedDemoIfEmpty } from '../../scripts/demo/seed.ts';
import { resetDemo } from '../../scripts/demo/reset.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';

const EMAIL = /^[a-z0-9._+-]+@([a-z0-9-]+\.)+example$/;
const FORBIDDEN_KEY = /nation|citizen|residen|legal|status|country|origin|ethnic|religio|birth|passport|permit|asylum/i;

/** Invariants every generated city must keep, whatever the seed. */
function checkInvariants(city: DemoCity) {
	const orgIds = new Set(city.organisations.map((o) => o.id));
	const userIds = new Set(city.users.map((u) => u.id));
	const nbIds = new Set(city.neighbourhoods.map((n) => n.id));
	expect(orgIds.size).toBe(city.organisations.length);
	expect(userIds.size).toBe(city.users.length);

	// Every organisation has exactly one owner, and memberships point at real rows, once each.
	const owners = new Map<string, number>();
	const pairs = new Set<string>();
	for (const m of city.memberships) {
		expect(orgIds.has(m.organisationId)).toBe(true);
		expect(userIds.has(m.userId)).toBe(true);
		const key = `${m.organisationId}/${m.userId}`;
		expect(pairs.has(key)).toBe(false);
		pairs.add(key);
		if (m.role === 'owner') owners.set(m.organisationId, (owners.get(m.organisationId) ?? 0) + 1);
	}
	for (const o of city.organisations) {
		expect(owners.get(o.id), o.name).toBe(1);
		expect(nbIds.has(o.neighbourhoodId)).toBe(true);
		expect(userIds.has(o.createdBy)).toBe(true);
		if (o.verification === 'unverified') expect(o.verifiedAt).toBeNull();
		else expect(o.verifiedBy && userIds.has(o.verifiedBy)).toBe(true);
	}

	// Only reserved domains and the unassigned +999 calling code: nothing reaches a real person.
	const emails = [...city.users.map((u) => u.email), ...city.organisations.map((o) => o.email)].filter(
		(e): e is string => e !== null
	);
	for (const e of emails) expect(e).toMatch(EMAIL);
	const userEmails = city.users.map((u) => u.email?.toLowerCase()).filter(Boolean);
	expect(new Set(userEmails).size).toBe(userEmails.length);
	for (const o of city.organisations) {
		if (o.website) expect(new URL(o.website).hostname).toMatch(/\.example$/);
		if (o.phone) expect(o.phone).toMatch(/^\+999 [\d ]+$/);
		expect(o.description).toMatch(/fictional/i);
	}
	expect(new Set(city.organisations.map((o) => o.slug)).size).toBe(city.organisations.length);

	// Nothing in the future of the demo's "now"; nothing verified before it existed.
	for (const o of city.organisations) {
		expect(o.createdAt <= DEMO_BASE_DATE).toBe(true);
		if (o.verifiedAt) expect(o.verifiedAt >= o.createdAt).toBe(true);
	}
	for (const u of city.users) expect(u.createdAt <= DEMO_BASE_DATE).toBe(true);
}

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
	if (Array.isArray(value)) for (const v of value) keysOf(v, out);
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			out.add(k);
			keysOf(v, out);
		}
	}
	return out;
}

describe('the demo city generator', () => {
	const city = generateDemoCity();

	it('gives the same city on every call and every machine', () => {
		expect(generateDemoCity()).toEqual(city);
		expect(generateDemoCity(20261123)).toEqual(city);
		const hash = createHash('sha256').update(JSON.stringify(city)).digest('hex');
		// If this changes, the demo city changed: update it on purpose, never by accident.
		expect(hash).toMatchInlineSnapshot(`"019d9df8b969755c67f1b14b9e0b20ff5cf05dda0d2c73e1ae23bfb555b41cda"`);
		expect(generateDemoCity(7).organisations[5]).not.toEqual(city.organisations[5]);
	});

	it('is big and varied enough to show real behaviour', () => {
		expect(city.neighbourhoods.length).toBeGreaterThanOrEqual(12);
		expect(city.organisations.length).toBeGreaterThanOrEqual(200);
		for (const type of organisationTypes) {
			expect(city.organisations.filter((o) => o.type === type).length, type).toBeGreaterThanOrEqual(10);
		}
		const byState = (s: string) => city.organisations.filter((o) => o.verification === s).length;
		expect(byState('verified')).toBeGreaterThan(city.organisations.length * 0.8);
		expect(byState('unverified')).toBeGreaterThan(0);
		expect(byState('rejected')).toBeGreaterThanOrEqual(2);
		expect(byState('rejected')).toBeLessThanOrEqual(5);

		const publicUsers = city.users.filter((u) => u.platformRole === null && !city.memberships.some((m) => m.userId === u.id));
		expect(publicUsers.length).toBeGreaterThanOrEqual(200);
		expect(city.users.filter((u) => u.kind === 'newcomer').length).toBeGreaterThanOrEqual(200);
		expect(city.users.filter((u) => u.email === null).length).toBeGreaterThan(20);
		expect(new Set(city.users.map((u) => u.locale)).size).toBeGreaterThanOrEqual(10);
		expect(new Set(city.users.map((u) => u.displayName)).size).toBeGreaterThan(500);
	});

	it('keeps its invariants: one owner each, reserved domains only, consistent dates', () => {
		checkInvariants(city);
	});

	it('gives NGOs and public bodies case workers and volunteer coordinators', () => {
		for (const o of city.organisations.filter((x) => x.type === 'ngo' || x.type === 'public_body')) {
			const roles = new Set(city.memberships.filter((m) => m.organisationId === o.id).map((m) => m.role));
			expect(roles.has('case_worker'), o.name).toBe(true);
			expect(roles.has('volunteer_coordinator'), o.name).toBe(true);
		}
		const guardianship = city.organisations.find((o) => o.name === 'Portavera Guardianship Office');
		expect(guardianship?.type).toBe('public_body');
		expect(city.organisations.find((o) => o.name === 'Portavera City Social Services')?.type).toBe('public_body');
	});

	it('has the staff accounts the city needs', () => {
		const role = (r: string) => city.users.filter((u) => u.platformRole === r);
		expect(role('admin').map((u) => u.email)).toEqual(['admin@portavera.example']);
		expect(role('integration_officer')).toHaveLength(2);
		expect(role('evaluator')).toHaveLength(1);
		const accountsByEmail = new Map(city.accounts.map((a) => [a.email, a]));
		for (const email of ['admin@portavera.example', 'officer@portavera.example', 'evaluator@portavera.example', 'newcomer@portavera.example', 'resident@portavera.example']) {
			expect(accountsByEmail.has(email), email).toBe(true);
		}
		const roleOf = (userId: string) => city.memberships.filter((m) => m.userId === userId).map((m) => m.role);
		const ngoOwner = city.accounts.find((a) => a.label.startsWith('NGO owner'))!;
		expect(roleOf(ngoOwner.userId)).toEqual(['owner']);
		expect(roleOf(city.accounts.find((a) => a.label.startsWith('Case worker'))!.userId)).toEqual(['case_worker']);
		expect(roleOf(city.accounts.find((a) => a.label.startsWith('Volunteer coordinator'))!.userId)).toEqual([
			'volunteer_coordinator'
		]);
		// Every printed password is the one of that account's role.
		for (const a of city.accounts) {
			const u = city.users.find((x) => x.id === a.userId)!;
			expect(a.password).toBe(DEMO_PASSWORDS[u.password]);
		}
	});

	it('asks nobody for nationality or residence status: no such field anywhere', () => {
		const keys = [...keysOf(city)];
		expect(keys.length).toBeGreaterThan(10);
		expect(keys.filter((k) => FORBIDDEN_KEY.test(k))).toEqual([]);
	});

	it('is a clearly fictional place near its own made-up centre', () => {
		expect(city.city.description).toMatch(/fictional/i);
		for (const n of city.neighbourhoods) {
			expect(Math.abs(n.latitude - DEMO_CITY.latitude)).toBeLessThan(0.05);
			expect(Math.abs(n.longitude - DEMO_CITY.longitude)).toBeLessThan(0.05);
		}
	});

	it('keeps its invariants for any seed', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
				checkInvariants(generateDemoCity(seed));
			}),
			{ numRuns: 15 }
		);
	});
});

async function count(db: Db, table: 'users' | 'organisations' | 'memberships' | 'neighbourhoods'): Promise<number> {
	const r = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
	return Number(r.rows[0].n);
}

describe('seeding the demo city', () => {
	let d: TestDatabase;
	let printed = '';
	const savedFlag = process.env.CONVIVE_DEMO;

	beforeAll(async () => {
		d = await testDatabase();
	});
	afterAll(async () => {
		if (savedFlag === undefined) delete process.env.CONVIVE_DEMO;
		else process.env.CONVIVE_DEMO = savedFlag;
		await d.dispose();
	});

	it(`loads an empty database once (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
		process.env.CONVIVE_DEMO = '1';
		const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
		let result;
		try {
			result = await seedDemoIfEmpty();
			printed = spy.mock.calls.map((c) => c.join(' ')).join('\n');
		} finally {
			spy.mockRestore();
		}
		expect(result).not.toBeNull();
		console.log(`demo seed on ${d.kind}: ${result!.ms} ms for ${result!.users} users, ${result!.organisations} organisations`);
		const city = generateDemoCity();
		expect(await count(d.db, 'users')).toBe(city.users.length);
		expect(await count(d.db, 'organisations')).toBe(city.organisations.length);
		expect(await count(d.db, 'memberships')).toBe(city.memberships.length);
		expect(await count(d.db, 'neighbourhoods')).toBe(city.neighbourhoods.length);

		// A second start finds data and leaves it alone.
		expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
		expect(await count(d.db, 'users')).toBe(city.users.length);
	});

	it('prints the demo accounts, and the printed admin password signs in', async () => {
		expect(printed).toContain('fictional');
		expect(printed).toMatch(/second factor \(TOTP\)/);
		const line = printed.split('\n').find((l) => l.includes('admin@portavera.example'));
		expect(line).toBeDefined();
		const password = line!.trim().split(/\s+/).find((w) => w.startsWith('demo-'))!;
		expect(password).toBe(DEMO_PASSWORDS.admin);
		const [admin] = await d.db.select().from(users).where(eq(users.email, 'admin@portavera.example'));
		expect(admin.platformRole).toBe('admin');
		expect(await verifyPassword(admin.passwordHash, password)).toBe(true);
		expect(await verifyPassword(admin.passwordHash, 'demo-admin-2025')).toBe(false);
		for (const email of ['caseworker@open-harbour-portavera.example', 'newcomer@portavera.example']) {
			expect(printed).toContain(email);
		}
	});

	it('records the seeding in the audit log, and the chain still verifies', async () => {
		const entries = await d.db.select().from(auditLog).where(eq(auditLog.action, 'demo.seeded'));
		expect(entries).toHaveLength(1);
		expect(entries[0].details).toMatchObject({ organisations: generateDemoCity().organisations.length });
		expect((await verifyChain(d.db)).ok).toBe(true);
	});

	it('resets a demo-only database, keeping the audit log', async () => {
		// Some activity in the demo: a changed name that the reset must undo.
		await d.db.update(organisations).set({ name: 'Renamed in the demo' }).where(eq(organisations.slug, 'open-harbour-portavera'));
		const outcome = await resetDemo(d, { force: false, quiet: true });
		expect('result' in outcome).toBe(true);
		const [org] = await d.db.select().from(organisations).where(eq(organisations.slug, 'open-harbour-portavera'));
		expect(org.name).toBe('Open Harbour Portavera');
		expect(await count(d.db, 'users')).toBe(generateDemoCity().users.length);
		const actions = (await d.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
		expect(actions).toEqual(['demo.seeded', 'demo.reset', 'demo.seeded']);
		expect((await verifyChain(d.db)).ok).toBe(true);
	});

	it('refuses to reset real data unless forced', async () => {
		const [clerk] = await d.db
			.insert(users)
			.values({ displayName: 'Real clerk', email: 'clerk@municipality.invalid', passwordHash: 'x' })
			.returning();
		const before = await count(d.db, 'users');
		const refused = await resetDemo(d, { force: false, quiet: true });
		expect(refused).toMatchObject({ refused: { demoOnly: false, foreignUsers: 1 } });
		expect(await count(d.db, 'users')).toBe(before);

		const forced = await resetDemo(d, { force: true, quiet: true });
		expect('result' in forced).toBe(true);
		expect(await d.db.select().from(users).where(eq(users.id, clerk.id))).toEqual([]);
		const [last] = await d.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'demo.reset'))
			.orderBy(sql`${auditLog.seq} desc`)
			.limit(1);
		expect(last.details).toMatchObject({ forced: true, removedForeignUsers: 1 });
	});

	it('does not seed on top of real data, nor when switched off', async () => {
		const other = await testDatabase();
		try {
			process.env.CONVIVE_DEMO = '1';
			await other.db.insert(users).values({ displayName: 'First real user', email: 'first@city.invalid', passwordHash: 'x' });
			expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
			expect(await count(other.db, 'users')).toBe(1);
			expect(await count(other.db, 'organisations')).toBe(0);

			// An organisation alone also counts as real data.
			await other.db.delete(users);
			await other.db.insert(organisations).values({ slug: 'real-org', name: 'Real org', type: 'ngo' });
			expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
			expect(await count(other.db, 'users')).toBe(0);

			await other.db.delete(organisations);
			process.env.CONVIVE_DEMO = '0';
			expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
			expect(await count(other.db, 'users')).toBe(0);

			if (other.kind === 'postgres') {
				// On a PostgreSQL server the demo is loaded only when asked for.
				delete process.env.CONVIVE_DEMO;
				expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
				expect(await count(other.db, 'users')).toBe(0);
			}
		} finally {
			await other.dispose();
			// other.dispose() uninstalled the process-wide database; put the first one back.
			const { setDatabase } = await import('../../src/lib/server/db/index.ts');
			setDatabase(d);
		}
	});

	it('seedDemo refuses to run twice into the same database (unique keys)', async () => {
		await expect(seedDemo(d.db, { quiet: true })).rejects.toThrow();
		expect(await count(d.db, 'organisations')).toBe(generateDemoCity().organisations.length);
		const ms = await d.db.select().from(memberships).where(eq(memberships.role, 'owner'));
		expect(ms).toHaveLength(generateDemoCity().organisations.length);
	});
});

/** Runs `npm run demo:reset` as an operator would, on an embedded database in `dataDir`. */
function runReset(dataDir: string, args: string[] = []): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve, reject) => {
		const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
		delete env.DATABASE_URL;
		delete env.VITEST;
		const child = spawn(process.execPath, ['scripts/demo/reset.ts', ...args], { env });
		let out = '';
		let err = '';
		child.stdout.on('data', (b) => (out += b));
		child.stderr.on('data', (b) => (err += b));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out, err }));
	});
}

describe('npm run demo:reset', () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'convive-demo-'));
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it('refuses bad arguments with exit code 2', async () => {
		const r = await runReset(dataDir, ['--forse']);
		expect(r.code).toBe(2);
		expect(r.err).toContain('Unknown argument: --forse');
	});

	it('loads the demo into a fresh embedded database, and again on a second run', async () => {
		const first = await runReset(dataDir);
		expect(first.err).toBe('');
		expect(first.code).toBe(0);
		expect(first.out).toContain('admin@portavera.example');
		const second = await runReset(dataDir);
		expect(second.code).toBe(0);
		expect(second.out).toContain('the audit log was kept');
	}, 120_000);

	it('says "stop the server first" while another process has the embedded database open', async () => {
		const holder = spawn(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`import { PGlite } from '@electric-sql/pglite';
				 const c = new PGlite(process.argv[1]); await c.waitReady; await c.query('select 1');
				 console.log('ready'); setTimeout(() => c.close(), 60000);`,
				path.join(dataDir, 'pglite')
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		try {
			await new Promise<void>((resolve, reject) => {
				holder.stdout.on('data', (b) => String(b).includes('ready') && resolve());
				holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
			});
			const r = await runReset(dataDir);
			expect(r.code).toBe(1);
			expect(r.err).toContain('stop the server first');
			expect(r.err).toContain(String(holder.pid));
		} finally {
			holder.kill('SIGTERM');
			await new Promise((resolve) => (holder.exitCode !== null ? resolve(null) : holder.on('exit', resolve)));
		}
	}, 120_000);
});
