/**
 * The guardianship matching page over real HTTP, without JavaScript (issue
 * 5): the kept and ruled-out pairs travel in the form, bad input (weights out
 * of range, forged pairs, a guardian who became full meanwhile) gets a clear
 * translated message and changes nothing, and the second factor is required.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { createUser, signIn, type TestUser } from '../helpers/users.ts';
import { guardians, guardianships, guardianVetting, matchingProgrammes, people } from '../../src/lib/server/db/schema/index.ts';
import { addMonths, cityToday } from '../../src/lib/server/guardianship/age.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let office: TestUser;
let officeNo2fa: TestUser;
const ids = { hana: '', tesfay: '', amira: '', senait: '', other: '' };
const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const PAGE = '/app/guardianship/matching';
const guardianOf = async (childId: string) =>
	(await db.select({ g: guardianships.guardianId }).from(guardianships).where(and(eq(guardianships.childId, childId), isNull(guardianships.endedAt))))[0]?.g ?? null;
const weights = { weightLanguages: '60', weightDistance: '40', weightInterests: '0', weightSkills: '0', weightAvailability: '0', objective: 'count-then-score', maxDistanceKm: '' };

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	office = await createUser(db, { displayName: 'Ufficio Tutele', platformRole: 'guardianship_office', totp: true, secondFactor: true });
	officeNo2fa = await createUser(db, { displayName: 'Ufficio Senza', platformRole: 'guardianship_office', totp: true, secondFactor: false });
	const today = cityToday();
	const guardian = async (name: string, languages: string[]) => {
		const u = await createUser(db, { displayName: name });
		const [g] = await db.insert(guardians).values({ userId: u.id, status: 'active', languages }).returning({ id: guardians.id });
		await db.insert(guardianVetting).values([
			{ guardianId: g.id, step: 'identity', verifiedBy: office.id },
			{ guardianId: g.id, step: 'criminal_record', verifiedBy: office.id, expiresOn: addMonths(today, 12) },
			{ guardianId: g.id, step: 'training', verifiedBy: office.id }
		]);
		return g.id;
	};
	ids.hana = await guardian('Hana', ['ar']);
	ids.tesfay = await guardian('Tesfay', ['ti']);
	const kids = await db
		.insert(people)
		.values(
			[
				['Amira', ['ar']],
				['Senait', ['ti']],
				['Other one', ['ti']],
				['Other two', ['ti']],
				['Other three', ['ti']]
			].map(([name, languages]) => ({ preferredName: name as string, birthDate: addMonths(today, -12 * 12), unaccompanied: true, languages: languages as string[] }))
		)
		.returning({ id: people.id });
	[ids.amira, ids.senait, ids.other] = kids.map((k) => k.id);
	// Tesfay has two children already: one free place.
	await db.insert(guardianships).values([
		{ guardianId: ids.tesfay, childId: kids[3].id, slot: 1 },
		{ guardianId: ids.tesfay, childId: kids[4].id, slot: 2 }
	]);
});
afterAll(() => app?.stop());

describe('the matching page without JavaScript', () => {
	it('shows the proposals with their reasons, in Arabic right to left', async () => {
		const page = await as(office, 'ar').get(PAGE);
		expect(page.status).toBe(200);
		expect(page.html).toMatch(/<html[^>]*dir="rtl"/);
		const words = text(page.html);
		expect(words).toContain('Senait');
		expect(words).toContain('لغات مشتركة (1)');
	});

	it('carries kept and ruled-out pairs in the form', async () => {
		const c = as(office);
		const forbid = await c.post(`${PAGE}?/run`, { forbid: `${ids.senait}:${ids.tesfay}` });
		expect(forbid.status).toBe(200);
		expect(forbid.html).toContain(`name="forbidden" value="${ids.senait}:${ids.tesfay}"`);
		expect(forbid.html).not.toContain(`name="confirm" value="${ids.senait}:${ids.tesfay}"`);
		// Allowing it again while keeping another pair: both changes in one post.
		const back = await c.post(`${PAGE}?/run`, { forbidden: `${ids.senait}:${ids.tesfay}`, unforbid: `${ids.senait}:${ids.tesfay}`, fix: `${ids.other}:${ids.tesfay}` });
		expect(back.status).toBe(200);
		expect(back.html).not.toContain(`name="forbidden"`);
		expect(back.html).toContain(`name="fixed" value="${ids.other}:${ids.tesfay}"`);
		expect(text(back.html)).toContain('Kept by you');
	});

	it('refuses weights out of range with a translated message and keeps the settings', async () => {
		const c = as(office, 'it');
		const bad = await c.post(`${PAGE}?/settings`, { ...weights, weightLanguages: '150', maxDistanceKm: '900' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Inserisci un peso da 0 a 100.');
		expect(text(bad.html)).toContain('Inserisci una distanza da 0 a 500 km');
		expect(await db.select().from(matchingProgrammes)).toHaveLength(0);
		const ok = await c.post(`${PAGE}?/settings`, { ...weights, requireSharedLanguage: 'on', maxDistanceKm: '12,5' });
		expect(ok.status).toBe(200);
		const [row] = await db.select().from(matchingProgrammes);
		expect(row.settings).toMatchObject({ rules: { requireSharedLanguage: true, maxDistanceKm: 12.5, requireSafeguarding: true } });
		await c.post(`${PAGE}?/settings`, weights);
	});

	it('refuses a forged pair, and a guardian who became full in between, assigning nothing', async () => {
		const c = as(office);
		const forged = await c.post(`${PAGE}?/confirm`, { confirm: [`${ids.amira}:${ids.hana}`, `${ids.amira}' or 1=1`] });
		expect(forged.status).toBe(400);
		expect(text(forged.html)).toContain('This proposal is not valid.');
		expect(await guardianOf(ids.amira)).toBeNull();

		// Tesfay's last place goes to another child meanwhile.
		await db.insert(guardianships).values({ guardianId: ids.tesfay, childId: ids.other, slot: 3 });
		const full = await c.post(`${PAGE}?/confirm`, { confirm: [`${ids.amira}:${ids.hana}`, `${ids.senait}:${ids.tesfay}`] });
		expect(full.status).toBe(409);
		expect(text(full.html)).toContain('Nothing was assigned. Senait could not be given Tesfay: This guardian already has 3 children');
		expect(await guardianOf(ids.amira)).toBeNull();
		expect(await guardianOf(ids.senait)).toBeNull();

		const done = await c.post(`${PAGE}?/confirm`, { confirm: `${ids.amira}:${ids.hana}` });
		expect(done.status).toBe(200);
		expect(text(done.html)).toContain('Guardians assigned: 1.');
		expect(await guardianOf(ids.amira)).toBe(ids.hana);
	});

	it('sends the office to the second factor before showing any child', async () => {
		const page = await as(officeNo2fa).get(PAGE);
		expect(page.status).toBe(303);
		expect(page.location).toMatch(/^\/signin\/verify/);
		const post = await as(officeNo2fa).post(`${PAGE}?/confirm`, { confirm: `${ids.senait}:${ids.hana}` });
		expect(post.status).toBe(303);
		expect(await guardianOf(ids.senait)).toBeNull();
	});
});
