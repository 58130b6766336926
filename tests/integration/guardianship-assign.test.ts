/**
 * At most three children per guardian, enforced by the database (decision
 * 016): assignments made at the same moment never make a fourth. Runs on
 * PGlite, and on PostgreSQL (TEST_DATABASE_URL) where every concurrent call
 * has its own connection, so the calls really race inside the server.
 */
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/lib/server/db/index.ts';
import { guardians, guardianships, guardianVetting, people } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import type { SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { assignGuardian, endGuardianship, pgError } from '../../src/lib/server/guardianship/assign.ts';
import { addDays, addMonths, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { createUser } from '../helpers/users.ts';

let main: TestDatabase;
/** One database handle per concurrent caller: separate connections on PostgreSQL, the one PGlite otherwise. */
let handles: Database[] = [];
let office: SignedInActor;

const CALLERS = 6;
const today = () => cityToday();

function ctx(i = 0): Ctx {
	return { db: handles[i % handles.length].db, actor: office, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' };
}

/** An active guardian with complete, unexpired vetting. */
async function activeGuardian(name: string): Promise<string> {
	const u = await createUser(main.db, { displayName: name });
	const [g] = await main.db.insert(guardians).values({ userId: u.id, status: 'active' }).returning({ id: guardians.id });
	await main.db.insert(guardianVetting).values([
		{ guardianId: g.id, step: 'identity', verifiedBy: office.userId },
		{ guardianId: g.id, step: 'criminal_record', verifiedBy: office.userId, expiresOn: addMonths(today(), 12) },
		{ guardianId: g.id, step: 'training', verifiedBy: office.userId }
	]);
	return g.id;
}

/** Unaccompanied children, 10 years old. */
async function children(n: number, prefix: string): Promise<string[]> {
	const rows = await main.db
		.insert(people)
		.values(Array.from({ length: n }, (_, i) => ({ preferredName: `${prefix} ${i + 1}`, birthDate: addMonths(today(), -120 - i), unaccompanied: true })))
		.returning({ id: people.id });
	return rows.map((r) => r.id);
}

async function activeSlots(guardianId: string): Promise<number[]> {
	const rows = await main.db
		.select({ slot: guardianships.slot })
		.from(guardianships)
		.where(and(eq(guardianships.guardianId, guardianId), isNull(guardianships.endedAt)));
	return rows.map((r) => r.slot).sort();
}

const refusalKey = (r: PromiseSettledResult<unknown>) =>
	r.status === 'rejected' ? (r.reason instanceof Refusal ? r.reason.key : `unexpected: ${String(r.reason)}`) : null;

beforeAll(async () => {
	main = await testDatabase();
	handles = [main];
	if (process.env.TEST_DATABASE_URL) {
		const [{ name }] = ((await main.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }).rows;
		const url = new URL(process.env.TEST_DATABASE_URL);
		url.pathname = `/${name}`;
		handles = [];
		for (let i = 0; i < CALLERS; i++) handles.push(await openPostgres(url.toString(), 1));
	}
	const u = await createUser(main.db, { displayName: 'Ufficio Tutele', platformRole: 'guardianship_office', totp: true, secondFactor: true });
	office = {
		kind: 'user',
		userId: u.id,
		personKind: 'resident',
		platformRole: 'guardianship_office',
		memberships: new Map(),
		emailVerified: true,
		secondFactor: true,
		totpEnabled: true
	};
});

afterAll(async () => {
	for (const h of handles) if (h !== main) await h.close();
	await main?.dispose();
});

describe(`assigning children at the same moment (${process.env.TEST_DATABASE_URL ? 'PostgreSQL, one connection per caller' : 'PGlite'})`, () => {
	it(`${CALLERS} assignments at once to a guardian with no child never make a fourth`, async () => {
		const g = await activeGuardian('Giulia');
		const kids = await children(CALLERS + 2, 'Parallel');
		const results = await Promise.allSettled(kids.slice(0, CALLERS).map((c, i) => assignGuardian(ctx(i), g, c)));

		const taken = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.slot] : []));
		expect(taken.length).toBeGreaterThanOrEqual(1);
		expect(taken.length).toBeLessThanOrEqual(3);
		expect(new Set(taken).size).toBe(taken.length);
		// Every refusal explains itself: the guardian is full, or another assignment won the same slot.
		for (const r of results.filter((x) => x.status === 'rejected')) {
			expect(['guardianship_guardian_full', 'guardianship_assign_busy']).toContain(refusalKey(r));
		}
		expect(await activeSlots(g)).toEqual([...taken].sort());

		// Trying again one by one fills the free slots, and then refuses.
		const left = kids.filter((_, i) => i >= CALLERS || results[i].status === 'rejected');
		for (const c of left) {
			const done = await assignGuardian(ctx(), g, c).then(
				() => null,
				(e: unknown) => (e instanceof Refusal ? e.key : String(e))
			);
			if ((await activeSlots(g)).length < 3) expect(done).toBeNull();
		}
		expect(await activeSlots(g)).toEqual([1, 2, 3]);
		const [extra] = await children(1, 'Extra');
		await expect(assignGuardian(ctx(), g, extra)).rejects.toMatchObject({ status: 409, key: 'guardianship_guardian_full' });
		expect(await activeSlots(g)).toEqual([1, 2, 3]);
	});

	it('two assignments at once to a guardian with two children: one takes slot 3, the other is told the guardian is full', async () => {
		const g = await activeGuardian('Marco');
		const [a, b, c, d] = await children(4, 'Two');
		await assignGuardian(ctx(), g, a);
		await assignGuardian(ctx(), g, b);
		const results = await Promise.allSettled([assignGuardian(ctx(0), g, c), assignGuardian(ctx(1), g, d)]);
		expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ slot: number }>).value.slot)).toEqual([3]);
		expect(results.map(refusalKey).filter(Boolean)).toEqual(['guardianship_guardian_full']);
		expect(await activeSlots(g)).toEqual([1, 2, 3]);
	});

	it('repeats the race many times over: never a fourth child', async () => {
		for (let round = 0; round < 5; round++) {
			const g = await activeGuardian(`Round ${round}`);
			const kids = await children(CALLERS, `Round ${round}`);
			await Promise.allSettled(kids.map((c, i) => assignGuardian(ctx(i), g, c)));
			const slots = await activeSlots(g);
			expect(slots.length).toBeLessThanOrEqual(3);
			expect(new Set(slots).size).toBe(slots.length);
		}
		const [{ n }] = await main.db
			.select({ n: count() })
			.from(guardianships)
			.where(isNull(guardianships.endedAt))
			.groupBy(guardianships.guardianId)
			.orderBy(sql`count(*) desc`)
			.limit(1);
		expect(n).toBeLessThanOrEqual(3);
	});

	it('one child given to two guardians at once gets exactly one', async () => {
		const g1 = await activeGuardian('Anna');
		const g2 = await activeGuardian('Bruno');
		const [child] = await children(1, 'Contested');
		const results = await Promise.allSettled([assignGuardian(ctx(0), g1, child), assignGuardian(ctx(1), g2, child)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.map(refusalKey).filter(Boolean)).toEqual(['guardianship_child_has_guardian']);
		const [{ n }] = await main.db.select({ n: count() }).from(guardianships).where(and(eq(guardianships.childId, child), isNull(guardianships.endedAt)));
		expect(n).toBe(1);
	});

	it('an assignment waiting on another that holds the same slot computes it again and takes the next one', async () => {
		const g = await activeGuardian('Carla');
		const [held, waiting] = await children(2, 'Held');
		let release!: () => void;
		const released = new Promise<void>((r) => (release = r));
		let inserted!: () => void;
		const hasInserted = new Promise<void>((r) => (inserted = r));
		// Another session takes slot 1 and keeps its transaction open.
		const holder = handles[0].db.transaction(async (tx) => {
			await tx.insert(guardianships).values({ guardianId: g, childId: held, slot: 1 });
			inserted();
			await released;
		});
		await hasInserted;
		const assigning = assignGuardian(ctx(1), g, waiting);
		// Long enough for the assignment to reach the index and wait on the holder (PostgreSQL) or on the connection (PGlite).
		await new Promise((r) => setTimeout(r, 300));
		release();
		await holder;
		await expect(assigning).resolves.toMatchObject({ slot: 2 });
		expect(await activeSlots(g)).toEqual([1, 2]);
	});

	it('an ended guardianship frees its slot for the next child', async () => {
		const g = await activeGuardian('Dario');
		const [a, b, c, d] = await children(4, 'Freed');
		const first = await assignGuardian(ctx(), g, a);
		await assignGuardian(ctx(), g, b);
		await assignGuardian(ctx(), g, c);
		await endGuardianship(ctx(), g, { guardianshipId: first.guardianshipId, reason: 'Moved to another city' });
		expect(await activeSlots(g)).toEqual([2, 3]);
		await expect(assignGuardian(ctx(), g, d)).resolves.toMatchObject({ slot: 1 });
		await expect(endGuardianship(ctx(), g, { guardianshipId: first.guardianshipId, reason: 'again' })).rejects.toMatchObject({ key: 'guardianship_not_found' });
	});
});

describe('the database itself, without the use case', () => {
	it('refuses a second active guardianship in the same slot and a slot outside 1–3', async () => {
		const g = await activeGuardian('Elena');
		const [a, b, c] = await children(3, 'Raw');
		await main.db.insert(guardianships).values({ guardianId: g, childId: a, slot: 1 });
		const dup = await main.db.insert(guardianships).values({ guardianId: g, childId: b, slot: 1 }).then(() => null, (e: unknown) => pgError(e));
		expect(dup).toMatchObject({ code: '23505', constraint: 'guardianships_guardian_slot_key' });
		const fourth = await main.db.insert(guardianships).values({ guardianId: g, childId: c, slot: 4 }).then(() => null, (e: unknown) => pgError(e));
		expect(fourth).toMatchObject({ code: '23514', constraint: 'guardianships_slot_range' });
		const again = await main.db.insert(guardianships).values({ guardianId: g, childId: a, slot: 2 }).then(() => null, (e: unknown) => pgError(e));
		expect(again).toMatchObject({ code: '23505', constraint: 'guardianships_child_key' });
	});
});

describe('who may be given a child', () => {
	it('refuses a guardian whose certificate has expired, one not active, and a person who is not an unaccompanied child', async () => {
		const g = await activeGuardian('Fabio');
		const [child] = await children(1, 'Check');
		await main.db.update(guardianVetting).set({ expiresOn: addDays(today(), -1) }).where(and(eq(guardianVetting.guardianId, g), eq(guardianVetting.step, 'criminal_record')));
		await expect(assignGuardian(ctx(), g, child)).rejects.toMatchObject({ key: 'guardianship_vetting_expired' });
		await main.db.update(guardianVetting).set({ expiresOn: today() }).where(and(eq(guardianVetting.guardianId, g), eq(guardianVetting.step, 'criminal_record')));
		await main.db.update(guardians).set({ status: 'suspended' }).where(eq(guardians.id, g));
		await expect(assignGuardian(ctx(), g, child)).rejects.toMatchObject({ key: 'guardianship_guardian_not_active' });
		await main.db.update(guardians).set({ status: 'active' }).where(eq(guardians.id, g));
		// Valid through its expiry day.
		const [adult] = await main.db.insert(people).values({ preferredName: 'Adult', birthDate: addMonths(today(), -12 * 18), unaccompanied: true }).returning({ id: people.id });
		await expect(assignGuardian(ctx(), g, adult.id)).rejects.toMatchObject({ key: 'guardianship_not_a_child' });
		const [accompanied] = await main.db.insert(people).values({ preferredName: 'With family', birthDate: addMonths(today(), -60) }).returning({ id: people.id });
		await expect(assignGuardian(ctx(), g, accompanied.id)).rejects.toMatchObject({ key: 'guardianship_not_a_child' });
		await expect(assignGuardian(ctx(), g, child)).resolves.toMatchObject({ slot: 1 });
		await expect(assignGuardian(ctx(), '00000000-0000-4000-8000-000000000000', child)).rejects.toMatchObject({ status: 404 });
	});
});
