/**
 * The support folder in a real browser: a case worker creates a folder and
 * records a consent, with JavaScript in English and without it in Arabic;
 * every page on the way is accessible (axe) and right-to-left in Arabic.
 */
import { describe, expect, it } from 'vitest';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { consents, organisations } from '../../src/lib/server/db/schema/index.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let worker: TestUser;

const env = browserTestApp({
	name: 'support',
	setup: async (app) => {
		const db = app.database.db;
		const orgs = await db
			.insert(organisations)
			.values([
				{ slug: 'bs-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
				{ slug: 'bs-b', name: 'Sportello Diritti', type: 'ngo', verification: 'verified' }
			])
			.returning({ id: organisations.id });
		worker = await createUser(db, { displayName: 'Marta', totp: true, secondFactor: true });
		await addMember(db, orgs[0].id, worker.id, 'case_worker');
	}
});

async function open(js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale });
	await t.context.addCookies([{ name: 'convive_session', value: worker.token, url: env.app.url }]);
	return t;
}

describe.each([
	{ js: true, locale: 'en', name: 'Amina', mode: 'JavaScript on, English' },
	{ js: false, locale: 'ar', name: 'أمينة', mode: 'JavaScript off, Arabic' }
])('a case worker opens a folder ($mode)', ({ js, locale, name }) => {
	it('creates the folder, records a share consent, and every page is accessible', async () => {
		const t = await open(js, locale);
		await t.visit('/app/folders');
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		await t.visit('/app/folders/new');

		// Forgot how the person agreed: the field says so, what was typed stays.
		await t.page.locator('#preferredName').fill(name);
		await t.page.locator('#languages').fill('ar, fr');
		await t.page.locator('main form button[type="submit"]').click();
		await expect.poll(() => t.page.locator('#method[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		await expect(t.page.locator('#preferredName').inputValue()).resolves.toBe(name);

		await t.page.locator('#method').selectOption('oral_interpreter');
		await t.page.locator('main form button[type="submit"]').click();
		await t.page.waitForURL(/\/app\/folders\/[0-9a-f-]{36}\?created=1$/, { timeout: 15_000 });
		await t.check();
		await expect(t.page.locator('h1').innerText()).resolves.toBe(name);
		const personId = /folders\/([0-9a-f-]{36})/.exec(t.page.url())![1];

		await t.page.locator('#consent-purpose').selectOption('share');
		await t.page.locator('#consent-organisation').selectOption({ label: 'Sportello Diritti' });
		await t.page.locator('#consent-method').selectOption('written');
		await t.page.locator('form[action="?/recordConsent"] button').click();
		await expect
			.poll(() => t.page.locator('section[aria-labelledby="consents-heading"] h3').allInnerTexts(), { timeout: 15_000 })
			.toEqual(expect.arrayContaining([expect.stringContaining('Sportello Diritti')]));
		await t.check();
		const stored = (await env.app.database.db.select().from(consents)).filter((c) => c.personId === personId);
		expect(stored.map((c) => c.purpose).sort()).toEqual(['coordination', 'share']);
	});
});
