/**
 * The folder's privacy pages in a real browser, with JavaScript in English
 * and without it in Arabic: a worker of another organisation is refused a
 * folder, follows the offer of emergency access, gives a reason and gets in
 * under a banner, then ends it; the lead worker reads who opened the folder
 * and sees the export and erase pages; city staff see the statistics. Every
 * page on the way is accessible (axe) and right to left in Arabic.
 */
import { describe, expect, it } from 'vitest';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { breakGlass, caseTeam, caseWorkers, consents, organisations, people } from '../../src/lib/server/db/schema/index.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let lead: TestUser;
let outsider: TestUser;
let officer: TestUser;
let personId: string;

const env = browserTestApp({
	name: 'privacy',
	setup: async (app) => {
		const db = app.database.db;
		const [a, c] = await db
			.insert(organisations)
			.values([
				{ slug: 'bp-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
				{ slug: 'bp-c', name: 'Pronto Soccorso Sociale', type: 'public_body', verification: 'verified' }
			])
			.returning({ id: organisations.id });
		lead = await createUser(db, { displayName: 'Anna', totp: true, secondFactor: true });
		outsider = await createUser(db, { displayName: 'Carlo', totp: true, secondFactor: true });
		officer = await createUser(db, { displayName: 'Olga', platformRole: 'integration_officer', totp: true, secondFactor: true });
		await addMember(db, a.id, lead.id, 'case_worker');
		await addMember(db, c.id, outsider.id, 'case_worker');
		const [p] = await db.insert(people).values({ preferredName: 'Amina', languages: ['ar'], createdByOrganisationId: a.id }).returning({ id: people.id });
		personId = p.id;
		await db.insert(consents).values({ personId, purpose: 'coordination', method: 'written', recordedBy: lead.id, recordedByOrganisationId: a.id });
		await db.insert(caseTeam).values({ personId, organisationId: a.id, addedBy: lead.id });
		await db.insert(caseWorkers).values({ personId, userId: lead.id, organisationId: a.id, lead: true, addedBy: lead.id });
	}
});

async function as(user: TestUser, js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale });
	await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English', banner: 'You are in this folder by emergency access until' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic', banner: 'أنت في هذا الملف بوصول طارئ حتى' }
])('privacy pages ($mode)', ({ js, locale, banner }) => {
	it('a worker of another organisation breaks the glass with a reason, works under the banner, and ends it', async () => {
		const t = await as(outsider, js, locale);
		await t.visit(`/app/folders/${personId}`, { status: 403 });
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		await expect(t.page.locator('body').innerText()).resolves.not.toContain('Amina');
		await t.clickAndCheck(t.page.locator(`a[href="/app/folders/break-glass?person=${personId}"]`));
		await expect(t.page.locator('#bg-person').inputValue()).resolves.toBe(personId);
		await t.screenshot(`privacy-break-glass-${locale}`);

		// Too short a reason: said at the field, nothing opened.
		await t.page.locator('#bg-reason').fill('urgent');
		await t.page.locator('main form button[type="submit"]').click();
		await expect.poll(() => t.page.locator('#bg-reason[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		expect(await env.app.database.db.select().from(breakGlass)).toHaveLength(locale === 'en' ? 0 : 1);

		await t.page.locator('#bg-reason').fill('Amina is in hospital and her worker is on leave');
		await t.page.locator('#bg-hours').selectOption('2');
		await t.page.locator('main form button[type="submit"]').click();
		await t.page.waitForURL(new RegExp(`/app/folders/${personId}\\?emergency=1$`), { timeout: 15_000 });
		await t.check();
		await expect(t.page.locator('h1').innerText()).resolves.toBe('Amina');
		await expect(t.page.locator('.emergency-banner').innerText()).resolves.toContain(banner);
		await t.screenshot(`privacy-banner-${locale}`);

		await t.page.locator('.emergency-banner button').click();
		await t.page.waitForURL(/\/app\/folders\/break-glass\?ended=1$/, { timeout: 15_000 });
		await t.check();
		await t.visit(`/app/folders/${personId}`, { status: 403 });
		await t.close();
	});

	it('the lead worker reads who opened the folder and sees the export and erase pages', async () => {
		const t = await as(lead, js, locale);
		await t.visit(`/app/folders/${personId}/access`);
		const table = await t.page.locator('table').innerText();
		expect(table).toContain('Carlo');
		await expect(t.page.locator('main').innerText()).resolves.toContain('Amina is in hospital and her worker is on leave');
		await t.screenshot(`privacy-access-${locale}`);

		await t.visit(`/app/folders/${personId}/export`);
		// The person's language is offered first.
		await expect(t.page.locator('#export-locale').inputValue()).resolves.toBe('ar');
		await t.screenshot(`privacy-export-${locale}`);

		await t.visit(`/app/folders/${personId}/erase`);
		await t.page.locator('#erase-confirm').fill('Someone else');
		await t.page.locator('#erase-reason').fill('In writing');
		await t.page.locator('main form button[type="submit"]').click();
		await expect.poll(() => t.page.locator('#erase-confirm[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		await t.screenshot(`privacy-erase-${locale}`);
		await t.close();
	});

	it('city staff read the statistics, small counts hidden', async () => {
		const t = await as(officer, js, locale);
		await t.visit('/app/support/stats');
		await t.screenshot(`privacy-stats-${locale}`);
		await t.close();
	});
});
