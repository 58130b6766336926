/**
 * Guardianship in a real browser: the office's monitoring page and a
 * guardian's page, with JavaScript in English and without it in Arabic
 * (right to left); every page is accessible (axe), the office gives a child
 * a guardian and the guardian records a visit through the forms.
 */
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { guardians, guardianships, guardianVetting, guardianVisits, people } from '../../src/lib/server/db/schema/index.ts';
import { addDays, addMonths, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let office: TestUser;
let guardian: TestUser;
let newcomer: TestUser;
let guardianId: string;

const env = browserTestApp({
	name: 'guardianship',
	setup: async (app) => {
		const db = app.database.db;
		const today = cityToday();
		office = await createUser(db, { displayName: 'Ufficio Tutele', platformRole: 'guardianship_office', totp: true, secondFactor: true });
		guardian = await createUser(db, { displayName: 'Giulia' });
		newcomer = await createUser(db, { displayName: 'Nadia', kind: 'newcomer' });
		const [g] = await db.insert(guardians).values({ userId: guardian.id, status: 'active', languages: ['it', 'ar'] }).returning({ id: guardians.id });
		guardianId = g.id;
		await db.insert(guardianVetting).values([
			{ guardianId: g.id, step: 'identity', verifiedBy: office.id, reference: 'CA12345' },
			{ guardianId: g.id, step: 'criminal_record', verifiedBy: office.id, expiresOn: addDays(today, 30) },
			{ guardianId: g.id, step: 'training', verifiedBy: office.id }
		]);
		const kids = await db
			.insert(people)
			.values([
				{ preferredName: 'Yonas', birthDate: addMonths(addMonths(today, 4), -12 * 18), unaccompanied: true, languages: ['ti'] },
				{ preferredName: 'Amir', birthDate: addMonths(today, -12 * 9), unaccompanied: true },
				{ preferredName: 'سميرة', birthDate: addMonths(today, -12 * 11), unaccompanied: true }
			])
			.returning({ id: people.id });
		const [ship] = await db
			.insert(guardianships)
			.values({ guardianId: g.id, childId: kids[0].id, slot: 1, startedAt: new Date(Date.now() - 60 * 86_400_000) })
			.returning({ id: guardianships.id });
		// Another guardian's child, never visited since 50 days: overdue whatever the tests do.
		const marco = await createUser(db, { displayName: 'Marco' });
		const [g2] = await db.insert(guardians).values({ userId: marco.id, status: 'active' }).returning({ id: guardians.id });
		const [dawit] = await db.insert(people).values({ preferredName: 'Dawit', birthDate: addMonths(today, -12 * 13), unaccompanied: true }).returning({ id: people.id });
		await db.insert(guardianships).values({ guardianId: g2.id, childId: dawit.id, slot: 1, startedAt: new Date(Date.now() - 50 * 86_400_000) });
		await db.insert(guardianVisits).values({
			guardianshipId: ship.id,
			visitedOn: addDays(today, -45),
			summary: 'Met at school. Yonas is worried about the residence permit.',
			concern: true,
			recordedBy: guardian.id
		});
	}
});

async function open(user: TestUser, js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale, viewport: { width: 1024, height: 900 } });
	await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe.each([
	{ js: true, locale: 'en', child: 'Amir', mode: 'JavaScript on, English' },
	{ js: false, locale: 'ar', child: 'سميرة', mode: 'JavaScript off, Arabic' }
])('guardianship pages ($mode)', ({ js, locale, child }) => {
	it('the office sees what needs attention and gives a child a guardian', async () => {
		const t = await open(office, js, locale);
		await t.visit('/app/guardianship');
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		const overdue = await t.page.locator('section[aria-labelledby="overdue-heading"] tbody').innerText();
		expect(overdue).toContain('Dawit');
		await expect(t.page.locator('section[aria-labelledby="concerns-heading"]').innerText()).resolves.toContain('residence permit');
		await expect(t.page.locator('section[aria-labelledby="turning-heading"] tbody').innerText()).resolves.toContain('Yonas');
		console.log(`screenshot: ${await t.screenshot(`guardianship-office-${locale}`)}`);

		await t.visit('/app/guardianship/guardians');
		await t.page.locator(`a[href="/app/guardianship/guardians/${guardianId}"]`).first().click();
		await t.page.waitForURL(new RegExp(`/app/guardianship/guardians/${guardianId}$`));
		await t.check();
		await t.page.locator('#childId').selectOption({ label: locale === 'ar' ? `${child}، 11` : `${child}, 9` });
		await t.page.locator('form[action="?/assign"] button').click();
		await expect
			.poll(() => t.page.locator('section[aria-labelledby="children-heading"] .card h3').allInnerTexts(), { timeout: 15_000 })
			.toContain(child);
		await t.check();
		console.log(`screenshot: ${await t.screenshot(`guardianship-guardian-detail-${locale}`)}`);
	});

	it('the guardian records a visit for their child', async () => {
		const t = await open(guardian, js, locale);
		await t.visit('/app/guardian');
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		await expect(t.page.locator('section[aria-labelledby="children-heading"]').innerText()).resolves.toContain('Yonas');
		// Forgot the report: the field says so.
		await t.page.locator('#guardianshipId').selectOption({ label: 'Yonas' });
		await t.page.locator('form[action="?/visit"] button[type="submit"]').click();
		await expect.poll(() => t.page.locator('#summary[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		await t.page.locator('#guardianshipId').selectOption({ label: 'Yonas' });
		await t.page.locator('#summary').fill(locale === 'ar' ? 'التقينا في المركز. يونس بخير.' : 'Met at the centre. Yonas is doing better.');
		await t.page.locator('form[action="?/visit"] button[type="submit"]').click();
		await expect
			.poll(() => t.page.locator('section[aria-labelledby="children-heading"] .visits').innerText(), { timeout: 15_000 })
			.toContain(locale === 'ar' ? 'يونس بخير' : 'Yonas is doing better');
		await t.check();
		console.log(`screenshot: ${await t.screenshot(`guardianship-guardian-${locale}`)}`);
	});

	it('someone who is not a guardian yet finds the offer to become one', async () => {
		const t = await open(newcomer, js, locale);
		await t.visit('/app/guardian');
		await expect(t.page.locator('#agree').count()).resolves.toBe(1);
		console.log(`screenshot: ${await t.screenshot(`guardianship-become-${locale}`)}`);
	});
});
