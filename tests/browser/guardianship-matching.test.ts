/**
 * Guardianship matching in a real browser (issue 5): the office opens the
 * proposals, reads why each pair was proposed, rules a pair out and runs
 * again, and confirms one proposal — with JavaScript in English and without
 * it in Arabic (right to left); every page is accessible (axe).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { guardians, guardianships, guardianVetting, matchingProgrammes, neighbourhoods, people } from '../../src/lib/server/db/schema/index.ts';
import { addMonths, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let office: TestUser;
const ids = { hana: '', tesfay: '', amira: '', salma: '', senait: '' };

const env = browserTestApp({
	name: 'guardianship-matching',
	setup: async (app) => {
		const db = app.database.db;
		const today = cityToday();
		office = await createUser(db, { displayName: 'Ufficio Tutele', platformRole: 'guardianship_office', totp: true, secondFactor: true });
		const [port, hill] = await db
			.insert(neighbourhoods)
			.values([
				{ slug: 'porto-b', name: 'Porto', latitude: 41.9, longitude: 12.5 },
				{ slug: 'collina-b', name: 'Collina', latitude: 41.93, longitude: 12.5 }
			])
			.returning({ id: neighbourhoods.id });
		const guardian = async (name: string, languages: string[], neighbourhoodId: string) => {
			const u = await createUser(db, { displayName: name });
			const [g] = await db.insert(guardians).values({ userId: u.id, status: 'active', languages, neighbourhoodId }).returning({ id: guardians.id });
			await db.insert(guardianVetting).values([
				{ guardianId: g.id, step: 'identity', verifiedBy: office.id },
				{ guardianId: g.id, step: 'criminal_record', verifiedBy: office.id, expiresOn: addMonths(today, 12) },
				{ guardianId: g.id, step: 'training', verifiedBy: office.id }
			]);
			return g.id;
		};
		ids.hana = await guardian('Hana', ['ar', 'fr'], port.id);
		ids.tesfay = await guardian('Tesfay', ['ti'], hill.id);
		const kids = await db
			.insert(people)
			.values([
				{ preferredName: 'Amira', birthDate: addMonths(today, -12 * 12), unaccompanied: true, languages: ['ar'], neighbourhoodId: port.id },
				{ preferredName: 'سلمى', birthDate: addMonths(today, -12 * 14), unaccompanied: true, languages: ['ar', 'fr'], neighbourhoodId: hill.id },
				{ preferredName: 'Senait', birthDate: addMonths(today, -12 * 10), unaccompanied: true, languages: ['ti'], neighbourhoodId: hill.id }
			])
			.returning({ id: people.id });
		[ids.amira, ids.salma, ids.senait] = kids.map((k) => k.id);
	}
});

async function open(js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale, viewport: { width: 1024, height: 900 } });
	await t.context.addCookies([{ name: 'convive_session', value: office.token, url: env.app.url }]);
	return t;
}

const guardianOf = async (childId: string) =>
	(await env.app.database.db.select({ g: guardianships.guardianId }).from(guardianships).where(and(eq(guardianships.childId, childId), isNull(guardianships.endedAt))))[0]?.g ?? null;

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English', confirm: 'amira' as const, guardian: 'hana' as const, why: 'Shared languages (1): Arabic' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic', confirm: 'senait' as const, guardian: 'tesfay' as const, why: 'لغات مشتركة (1)' }
])('guardianship matching ($mode)', ({ js, locale, confirm, guardian, why }) => {
	it('the office reads the explained proposals, rules a pair out, runs again and confirms one proposal', async () => {
		const t = await open(js, locale);
		await t.visit('/app/guardianship/matching');
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		const table = t.page.locator('section[aria-labelledby="proposals-heading"] table').first();
		const text = await table.innerText();
		expect(text).toContain('Senait');
		expect(text).toContain(why);
		console.log(`screenshot: ${await t.screenshot(`matching-${locale}`)}`);

		// Rule out سلمى with Hana: she is listed under the pairs ruled out, and no longer proposed with Hana.
		const salmaHana = `${ids.salma}:${ids.hana}`;
		{
			await expect(t.page.locator(`button[name="forbid"][value="${salmaHana}"]`).count()).resolves.toBe(1);
			await t.clickAndCheck(t.page.locator(`button[name="forbid"][value="${salmaHana}"]`));
			await expect.poll(() => t.page.locator(`button[name="unforbid"][value="${salmaHana}"]`).count(), { timeout: 15_000 }).toBe(1);
			await expect(t.page.locator(`input[name="confirm"][value="${salmaHana}"]`).count()).resolves.toBe(0);
			// Allow the pair again for the other run.
			await t.clickAndCheck(t.page.locator(`button[name="unforbid"][value="${salmaHana}"]`));
			await expect.poll(() => t.page.locator(`button[name="unforbid"]`).count(), { timeout: 15_000 }).toBe(0);
		}

		// Confirm one proposal.
		const value = `${ids[confirm]}:${ids[guardian]}`;
		await t.page.locator(`input[name="confirm"][value="${value}"]`).check();
		await t.clickAndCheck(t.page.locator('section[aria-labelledby="proposals-heading"] button[type="submit"]:not([formaction])'));
		await expect.poll(() => guardianOf(ids[confirm]), { timeout: 15_000 }).toBe(ids[guardian]);
		await expect.poll(() => t.page.locator('.alert').first().innerText(), { timeout: 15_000 }).toContain(locale === 'ar' ? 'الأوصياء المُسندون: 1' : 'Guardians assigned: 1');
		// The child is no longer among the proposals.
		await expect(t.page.locator(`input[name="confirm"][value^="${ids[confirm]}:"]`).count()).resolves.toBe(0);
		console.log(`screenshot: ${await t.screenshot(`matching-confirmed-${locale}`)}`);
	});

	it('the office changes a weight; a weight out of range is refused in its language', async () => {
		const t = await open(js, locale);
		await t.visit('/app/guardianship/matching');
		await t.page.locator('#weightLanguages').fill('150');
		await t.clickAndCheck(t.page.locator('form[action="?/settings"] button[type="submit"]'));
		await expect
			.poll(() => t.page.locator('form[action="?/settings"] .error-summary').innerText(), { timeout: 15_000 })
			.toContain(locale === 'ar' ? 'أدخل وزنًا من 0 إلى 100.' : 'Enter a weight from 0 to 100.');
		await expect(t.page.locator('#weightLanguages').inputValue()).resolves.toBe('150');
		await t.page.locator('#weightLanguages').fill('70');
		await t.clickAndCheck(t.page.locator('form[action="?/settings"] button[type="submit"]'));
		await expect
			.poll(() => t.page.locator('form[action="?/settings"] .alert').innerText(), { timeout: 15_000 })
			.toContain(locale === 'ar' ? 'حُفظت القواعد والأوزان' : 'Rules and weights saved');
		const [row] = await env.app.database.db.select().from(matchingProgrammes);
		expect(row.settings).toMatchObject({ weights: { languages: 70 } });
	});

	it('nothing selected: a clear message, nothing assigned', async () => {
		const t = await open(js, locale);
		await t.visit('/app/guardianship/matching');
		const before = await t.page.locator('input[name="confirm"]').count();
		await t.clickAndCheck(t.page.locator('section[aria-labelledby="proposals-heading"] button[type="submit"]:not([formaction])'));
		await expect
			.poll(() => t.page.locator('.error-summary').first().innerText(), { timeout: 15_000 })
			.toContain(locale === 'ar' ? 'اختر اقتراحًا واحدًا على الأقل' : 'Select at least one proposal');
		expect(await t.page.locator('input[name="confirm"]').count()).toBe(before);
	});
});
