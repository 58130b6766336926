/**
 * Buddy matching in a real browser (issue 6, decision 020): a coordinator
 * opens a programme, runs the matching, reads why each pair was proposed and
 * confirms one — with JavaScript in English and without it in Arabic (right
 * to left); every page is accessible (axe) and screenshotted. The newcomer's
 * own page with the check-in to answer is checked too.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { buddyApplications, buddyCheckIns, buddyPairs, buddyProgrammes, organisations } from '../../src/lib/server/db/schema/index.ts';
import { cityToday } from '../../src/lib/server/guardianship/age.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let coordinator: TestUser;
let orgId = '';
const programmes: Record<string, string> = {};
const newcomers: Record<string, TestUser> = {};

const env = browserTestApp({
	name: 'buddies',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db.insert(organisations).values({ slug: 'bb-org', name: 'Casa Kompis', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		orgId = org.id;
		coordinator = await createUser(db, { displayName: 'Chiara', totp: true, secondFactor: true });
		await addMember(db, orgId, coordinator.id, 'coordinator');
		for (const locale of ['en', 'ar']) {
			const [p] = await db.insert(buddyProgrammes).values({ organisationId: orgId, kind: 'buddy', name: `Kompis ${locale}`, description: 'Meet every week.' }).returning({ id: buddyProgrammes.id });
			programmes[locale] = p.id;
			const amina = await createUser(db, { displayName: locale === 'ar' ? 'أمينة' : 'Amina', kind: 'newcomer' });
			newcomers[locale] = amina;
			const karim = await createUser(db, { displayName: 'Karim', kind: 'newcomer' });
			const giulia = await createUser(db, { displayName: 'Giulia' });
			const marco = await createUser(db, { displayName: 'Marco' });
			await db.insert(buddyApplications).values([
				{ programmeId: p.id, userId: amina.id, side: 'newcomer', languages: ['ar', 'it'], interests: ['food'], gender: 'woman', preferredGender: 'woman', availability: 3 },
				{ programmeId: p.id, userId: karim.id, side: 'newcomer', languages: ['ar'], gender: 'man', availability: 3 },
				{ programmeId: p.id, userId: giulia.id, side: 'resident', languages: ['it', 'ar'], interests: ['food'], gender: 'woman', availability: 1 },
				{ programmeId: p.id, userId: marco.id, side: 'resident', languages: ['it', 'ar'], gender: 'man', availability: 2 }
			]);
		}
	}
});

async function open(js: boolean, locale: string, user: TestUser): Promise<Tab> {
	const t = await env.tab({ js, locale, viewport: { width: 1024, height: 900 } });
	await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

const activePairs = async (programmeId: string) =>
	(await env.app.database.db.select().from(buddyPairs).where(and(eq(buddyPairs.programmeId, programmeId), eq(buddyPairs.status, 'active')))).length;

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English', proposed: '2 pairs proposed', confirmed: '1 pairs confirmed', why: 'Shared languages', me: 'your buddy is Giulia' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic', proposed: 'اقتُرح 2 ثنائيًا', confirmed: 'تم تأكيد 1 ثنائيًا', why: 'لغات مشتركة', me: 'رفيقك هو Giulia' }
])('buddy matching ($mode)', ({ js, locale, proposed, confirmed, why, me }) => {
	it('the coordinator runs the matching, reads the explanations and confirms a pair; the newcomer sees her buddy and a check-in', async () => {
		const id = programmes[locale];
		const t = await open(js, locale, coordinator);
		await t.visit(`/app/organisations/${orgId}/buddies/${id}`);
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		await t.clickAndCheck(t.page.locator('button[formaction="?/run"]'));
		await expect.poll(() => t.page.locator('section[aria-labelledby="matching-heading"] .alert').first().innerText(), { timeout: 15_000 }).toContain(proposed);
		const table = t.page.locator('section[aria-labelledby="matching-heading"] table').first();
		await expect.poll(() => table.innerText(), { timeout: 15_000 }).toContain(why);
		// Amina asked for a woman buddy: she is proposed with Giulia, never Marco.
		const [amina] = await env.app.database.db.select().from(buddyApplications).where(eq(buddyApplications.userId, newcomers[locale].id));
		const [pair] = await env.app.database.db.select().from(buddyPairs).where(and(eq(buddyPairs.newcomerApplicationId, amina.id), eq(buddyPairs.status, 'proposed')));
		expect(pair).toBeDefined();
		console.log(`screenshot: ${await t.screenshot(`buddies-matching-${locale}`)}`);

		await t.page.locator(`input[name="confirm"][value="${pair.id}"]`).check();
		await t.clickAndCheck(t.page.locator('section[aria-labelledby="matching-heading"] button[type="submit"]:not([formaction])'));
		await expect.poll(() => activePairs(id), { timeout: 15_000 }).toBe(1);
		await expect.poll(() => t.page.locator('section[aria-labelledby="matching-heading"] .alert').first().innerText(), { timeout: 15_000 }).toContain(confirmed);
		console.log(`screenshot: ${await t.screenshot(`buddies-confirmed-${locale}`)}`);
		await t.close();

		// The newcomer's page, with her first check-in due today (public pages: JavaScript off).
		const [first] = await env.app.database.db.select().from(buddyCheckIns).where(eq(buddyCheckIns.pairId, pair.id)).orderBy(buddyCheckIns.dueOn).limit(1);
		await env.app.database.db.update(buddyCheckIns).set({ dueOn: cityToday() }).where(eq(buddyCheckIns.id, first.id));
		const n = await open(false, locale, newcomers[locale]);
		await n.visit('/buddies/me');
		await expect(n.page.locator('main').innerText()).resolves.toContain(me);
		console.log(`screenshot: ${await n.screenshot(`buddies-me-${locale}`)}`);
		// The public list and the programme with her application to edit (the application form).
		await n.visit('/buddies');
		await n.visit(`/buddies/${id}`);
		await expect(n.page.locator('form[action="?/edit"] input[name="languages"]').count()).resolves.toBeGreaterThan(5);
		console.log(`screenshot: ${await n.screenshot(`buddies-programme-${locale}`)}`);
		await n.close();
	});
});
