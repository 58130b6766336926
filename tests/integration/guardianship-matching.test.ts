/**
 * Guardianship matching through the use cases (issue 5, decision 018): the
 * office runs the engine over children without a guardian × vetted guardians
 * with free places, reads the explained proposals, rules pairs out, changes
 * the weights, and confirms proposals through assignGuardian, which checks
 * everything again. On PGlite (or TEST_DATABASE_URL).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, guardians, guardianships, guardianVetting, matchingProgrammes, neighbourhoods, people } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { assignGuardian } from '../../src/lib/server/guardianship/assign.ts';
import { addDays, addMonths, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { ConfirmRefused, confirmGuardianProposals, parsePairs, runGuardianshipMatching, type MatchingRun } from '../../src/lib/server/guardianship/matching.ts';
import { guardianshipProgramme, saveGuardianshipSettings, settingsForm } from '../../src/lib/server/matching/programmes.ts';
import { NOT_RECORDED } from '../../src/lib/matching/index.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let office: SignedInActor;
const today = () => cityToday();
const ctx = (actor: SignedInActor = office): Ctx => ({ db: t.db, actor, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' });

const ids = { port: '', hill: '', gAr: '', gTi: '', gExpired: '', gApplicant: '', amira: '', bilal: '', senait: '', dawit: '', parisa: '' };

async function guardian(name: string, opts: { languages: string[]; neighbourhoodId: string; status?: 'active' | 'applicant'; expiresOn?: string }): Promise<string> {
	const u = await createUser(t.db, { displayName: name });
	const [g] = await t.db.insert(guardians).values({ userId: u.id, status: opts.status ?? 'active', languages: opts.languages, neighbourhoodId: opts.neighbourhoodId }).returning({ id: guardians.id });
	await t.db.insert(guardianVetting).values([
		{ guardianId: g.id, step: 'identity', verifiedBy: office.userId },
		{ guardianId: g.id, step: 'criminal_record', verifiedBy: office.userId, expiresOn: opts.expiresOn ?? addMonths(today(), 12) },
		{ guardianId: g.id, step: 'training', verifiedBy: office.userId }
	]);
	return g.id;
}

async function child(name: string, languages: string[], neighbourhoodId: string | null, years = 12): Promise<string> {
	const [c] = await t.db
		.insert(people)
		.values({ preferredName: name, birthDate: addMonths(today(), -12 * years - 1), unaccompanied: true, languages, neighbourhoodId })
		.returning({ id: people.id });
	return c.id;
}

const settings = (over: Record<string, string> = {}) =>
	settingsForm.parse({ weightLanguages: '60', weightDistance: '40', weightInterests: '0', weightSkills: '0', weightAvailability: '0', objective: 'count-then-score', maxDistanceKm: '', ...over });

const proposalOf = (run: MatchingRun, childId: string) => run.proposals.find((p) => p.child.id === childId);
const activeGuardianOf = async (childId: string) =>
	(await t.db.select({ g: guardianships.guardianId }).from(guardianships).where(and(eq(guardianships.childId, childId), isNull(guardianships.endedAt))))[0]?.g ?? null;

beforeAll(async () => {
	t = await testDatabase();
	const u = await createUser(t.db, { displayName: 'Ufficio Tutele', platformRole: 'guardianship_office', totp: true, secondFactor: true });
	office = { kind: 'user', userId: u.id, personKind: 'resident', platformRole: 'guardianship_office', memberships: new Map(), emailVerified: true, secondFactor: true, totpEnabled: true };
	const [port, hill] = await t.db
		.insert(neighbourhoods)
		.values([
			{ slug: 'porto-test', name: 'Porto', latitude: 41.9, longitude: 12.5 },
			{ slug: 'collina-test', name: 'Collina', latitude: 41.95, longitude: 12.5 }
		])
		.returning({ id: neighbourhoods.id });
	ids.port = port.id;
	ids.hill = hill.id;
	ids.gAr = await guardian('Hana Arabic', { languages: ['ar', 'fr'], neighbourhoodId: port.id });
	ids.gTi = await guardian('Tesfay Tigrinya', { languages: ['ti', 'it'], neighbourhoodId: hill.id });
	ids.gExpired = await guardian('Omar Expired', { languages: ['ar'], neighbourhoodId: port.id, expiresOn: addDays(today(), -1) });
	ids.gApplicant = await guardian('Anna Applicant', { languages: ['ar', 'ti', 'fa'], neighbourhoodId: port.id, status: 'applicant' });
	// Tesfay already has two children: one free place.
	for (const name of ['Old one', 'Old two']) {
		const c = await child(name, ['ti'], hill.id);
		await assignGuardian(ctx(), ids.gTi, c);
	}
	ids.amira = await child('Amira', ['ar'], port.id);
	ids.bilal = await child('Bilal', ['ar', 'fr'], hill.id);
	ids.senait = await child('Senait', ['ti'], hill.id);
	ids.dawit = await child('Dawit', ['ti'], port.id, 15);
	ids.parisa = await child('Parisa', ['fa'], null);
});

afterAll(async () => {
	await t?.dispose();
});

describe('running the guardianship matching', () => {
	it('proposes vetted guardians with free places only, each proposal explained, points adding up to its score', async () => {
		const run = await runGuardianshipMatching(ctx());
		expect(run.children).toBe(5);
		expect(run.guardians.map((g) => [g.name, g.free])).toEqual([
			['Hana Arabic', 3],
			['Tesfay Tigrinya', 1]
		]);
		// Four places for five children: four proposals (count first), one child left over.
		expect(run.proposals).toHaveLength(4);
		expect(run.unmatched).toHaveLength(1);
		expect(run.gap).toBe(0);
		for (const p of run.proposals) {
			expect([ids.gAr, ids.gTi]).toContain(p.guardian.id);
			expect(p.criteria.reduce((s, c) => s + c.points, 0)).toBeCloseTo(p.score, 6);
		}
		// Senait shares Tigrinya and the neighbourhood with Tesfay's last free place: full marks.
		const senait = proposalOf(run, ids.senait)!;
		expect(senait.guardian.id).toBe(ids.gTi);
		expect(senait.score).toBe(60);
		expect(senait.criteria).toEqual([
			{ criterion: 'languages', value: ['ti'], points: 20 },
			{ criterion: 'distance', value: 0, points: 40 }
		]);
		// Amira (Arabic, Porto) with Hana (Arabic, Porto).
		expect(proposalOf(run, ids.amira)!.guardian.id).toBe(ids.gAr);
		// Parisa (Persian, no neighbourhood) scores 0 with anyone: she is the one left over.
		expect(run.unmatched).toEqual([{ child: expect.objectContaining({ id: ids.parisa }), reason: 'slots-full', rule: null }]);
		// The fairness summary counts every child by first language.
		const byLanguage = run.fairness!.dimensions.find((d) => d.dimension === 'language')!;
		expect(byLanguage.groups.reduce((s, g) => s + g.people, 0)).toBe(5);
		// …and by neighbourhood, Parisa (none recorded, left over) under "not recorded", flagged.
		const byHood = run.fairness!.dimensions.find((d) => d.dimension === 'neighbourhood')!;
		expect(byHood.groups.find((g) => g.group === NOT_RECORDED)).toMatchObject({ people: 1, matched: 0, flagged: true });
		const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'guardianship.matching.run'));
		expect(entry.actorId).toBe(office.userId);
		expect(entry.details).toMatchObject({ children: 5, guardians: 2, proposals: 4 });
	});

	it('a shared-language rule leaves a child with no shared language unmatched, and says why', async () => {
		await saveGuardianshipSettings(ctx(), settings({ requireSharedLanguage: 'on' }));
		const run = await runGuardianshipMatching(ctx());
		expect(proposalOf(run, ids.parisa)).toBeUndefined();
		expect(run.unmatched.find((u) => u.child.id === ids.parisa)).toMatchObject({ reason: 'no-allowed-slot', rule: { rule: 'shared-language', guardians: 2 } });
		const stored = await guardianshipProgramme(ctx());
		expect(stored.settings.rules.requireSharedLanguage).toBe(true);
		expect(stored.settings.rules.requireSafeguarding).toBe(true);
		expect(stored.updatedByName).toBe('Ufficio Tutele');
		expect(stored.updatedOn).toBe(today());
		const rows = await t.db.select().from(matchingProgrammes);
		expect(rows).toHaveLength(1);
	});

	it('a weight of 0 for languages makes distance decide, and a maximum distance excludes the far pairs', async () => {
		await saveGuardianshipSettings(ctx(), settings({ weightLanguages: '0', maxDistanceKm: '2' }));
		const run = await runGuardianshipMatching(ctx());
		for (const p of run.proposals) expect(p.criteria.map((c) => c.criterion)).toEqual(['distance']);
		// Bilal and Senait live on the hill, 5.6 km from Hana: only Tesfay's one place is near enough, for one of them.
		const hill = [ids.bilal, ids.senait].map((id) => proposalOf(run, id)).filter((p) => p !== undefined);
		expect(hill.map((p) => p.guardian.id)).toEqual([ids.gTi]);
		const other = run.unmatched.find((u) => u.child.id === ids.bilal || u.child.id === ids.senait);
		expect(other?.reason).toBe('slots-full');
		expect(run.unmatched.find((u) => u.child.id === ids.parisa)?.rule?.rule).toBe('max-distance');
		await saveGuardianshipSettings(ctx(), settings());
	});

	it('keeps and forbids the pairs the office chose, and reports a kept pair a rule excludes', async () => {
		const base = await runGuardianshipMatching(ctx());
		const amiraWith = proposalOf(base, ids.amira)!.guardian.id;
		const run = await runGuardianshipMatching(ctx(), {
			forbidden: [{ person: ids.amira, slot: amiraWith }],
			fixed: [
				{ person: ids.dawit, slot: ids.gTi },
				{ person: ids.dawit, slot: ids.gExpired }
			]
		});
		expect(proposalOf(run, ids.amira)?.guardian.id).not.toBe(amiraWith);
		expect(proposalOf(run, ids.dawit)).toMatchObject({ fixed: true, guardian: { id: ids.gTi } });
		expect(run.rejectedFixed).toEqual([{ child: ids.dawit, guardian: ids.gExpired, rule: 'unknown' }]);
		// Two children kept with Tesfay's one free place: the engine refuses, the run goes on without the kept pairs.
		const over = await runGuardianshipMatching(ctx(), { fixed: [{ person: ids.dawit, slot: ids.gTi }, { person: ids.senait, slot: ids.gTi }] });
		expect(over.problem).not.toBeNull();
		expect(over.proposals.length).toBe(4);
	});

	it('drops forged and malformed pairs from a form', () => {
		expect(parsePairs([`${ids.amira}:${ids.gAr}`, `${ids.amira}:${ids.gAr}`, "x' or 1=1:y", `${ids.amira}:${ids.gAr}:extra`, 'nothing'])).toEqual([{ person: ids.amira, slot: ids.gAr }]);
	});

	it('refuses anyone but the office and administrators, before reading a child', async () => {
		const u = await createUser(t.db, { displayName: 'Resident' });
		const resident: SignedInActor = { ...office, userId: u.id, platformRole: null };
		await expect(runGuardianshipMatching(ctx(resident))).rejects.toBeInstanceOf(PolicyDenied);
		await expect(saveGuardianshipSettings(ctx(resident), settings())).rejects.toBeInstanceOf(PolicyDenied);
		await expect(confirmGuardianProposals(ctx(resident), [{ person: ids.amira, slot: ids.gAr }])).rejects.toBeInstanceOf(PolicyDenied);
		expect(await activeGuardianOf(ids.amira)).toBeNull();
	});
});

describe('confirming proposals', () => {
	it('assigns the confirmed proposal through the assignment use case; the child leaves the next run', async () => {
		const run = await runGuardianshipMatching(ctx());
		const p = proposalOf(run, ids.amira)!;
		expect(await confirmGuardianProposals(ctx(), [{ person: ids.amira, slot: p.guardian.id }])).toEqual({ assigned: 1 });
		expect(await activeGuardianOf(ids.amira)).toBe(p.guardian.id);
		const after = await runGuardianshipMatching(ctx());
		expect(after.children).toBe(4);
		expect(after.guardians.find((g) => g.id === p.guardian.id)?.free ?? 0).toBe(2);
		const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'guardianship.matching.confirmed'));
		expect(entry.details).toMatchObject({ assigned: 1 });
	});

	it('a guardian who became full in between: a clear refusal naming the pair, and nothing of the batch is assigned', async () => {
		const run = await runGuardianshipMatching(ctx());
		expect(proposalOf(run, ids.senait)?.guardian.id).toBe(ids.gTi);
		// Meanwhile someone gives Tesfay's last place to Dawit.
		await assignGuardian(ctx(), ids.gTi, ids.dawit);
		const batch = [
			{ person: ids.bilal, slot: ids.gAr },
			{ person: ids.senait, slot: ids.gTi }
		];
		const err = await confirmGuardianProposals(ctx(), batch).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ConfirmRefused);
		expect((err as ConfirmRefused).reason).toBe('guardianship_guardian_full');
		expect((err as ConfirmRefused).names).toEqual({ child: 'Senait', guardian: 'Tesfay Tigrinya' });
		expect((err as ConfirmRefused).status).toBe(409);
		// Bilal's assignment, made first in the batch, was rolled back with it.
		expect(await activeGuardianOf(ids.bilal)).toBeNull();
		expect(await activeGuardianOf(ids.senait)).toBeNull();
		const refused = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'guardianship.matching.confirmed'), eq(auditLog.outcome, 'denied')));
		expect(refused.map((r) => [r.resourceId, r.details])).toEqual([[ids.senait, { guardianId: ids.gTi, reason: 'guardianship_guardian_full', selected: 2 }]]);
		// The next run no longer offers Tesfay.
		expect((await runGuardianshipMatching(ctx())).guardians.map((g) => g.id)).toEqual([ids.gAr]);
	});

	it('refuses an empty selection, a child twice, and an id that is not a child, changing nothing', async () => {
		await expect(confirmGuardianProposals(ctx(), [])).rejects.toMatchObject({ key: 'matching_nothing_selected' });
		await expect(
			confirmGuardianProposals(ctx(), [
				{ person: ids.bilal, slot: ids.gAr },
				{ person: ids.bilal, slot: ids.gTi }
			])
		).rejects.toMatchObject({ key: 'matching_child_twice' });
		const forged = '00000000-0000-4000-8000-000000000001';
		const err = await confirmGuardianProposals(ctx(), [
			{ person: ids.bilal, slot: ids.gAr },
			{ person: forged, slot: ids.gAr }
		]).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(Refusal);
		expect((err as ConfirmRefused).reason).toBe('guardianship_not_a_child');
		expect((err as ConfirmRefused).names).toBeNull();
		expect(await activeGuardianOf(ids.bilal)).toBeNull();
	});
});
