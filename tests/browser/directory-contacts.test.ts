/**
 * The contacts and areas sections of the service edit page in a real
 * browser: the page with both filled is accessible (axe) in English with
 * JavaScript and in Arabic without, and the contact and area forms answer in
 * place with use:enhance, the same as a plain POST.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inputValue } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { neighbourhoods, organisations } from '../../src/lib/server/db/schema/index.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let member: TestUser;
let path: string;

const env = browserTestApp({
	name: 'contacts',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db.insert(organisations).values({ slug: 'bc-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		await db.insert(neighbourhoods).values([
			{ slug: 'bc-porto', name: 'Porto' },
			{ slug: 'bc-centro', name: 'Centro' }
		]);
		member = await createUser(db, { displayName: 'Marta' });
		await addMember(db, org.id, member.id, 'member');
		const c = signIn(app.client(), member);
		const base = `/app/organisations/${org.id}/services`;
		const page = await c.get(`${base}/new`);
		const created = await c.post(`${base}/new?/create`, { formId: inputValue(page.html, 'formId')!, locales: ['en', 'ar'], name_en: 'Food bank', name_ar: 'بنك الطعام', status: 'active' });
		path = created.location!.replace(/\?created=1$/, '');
		expect((await c.post(`${path}?/addContact`, { name: 'أمينة', title: 'Mediatrice', email: 'amina@casa.example.org', phone: '+39 055 123 4567' })).status).toBe(200);
		expect((await c.post(`${path}?/addArea`, { name: 'The whole city' })).status).toBe(200);
	}
});

async function open(js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale });
	await t.context.addCookies([{ name: 'convive_session', value: member.token, url: env.app.url }]);
	return t;
}

/** The submit button of the form posting to `action`. */
const submit = (page: Page, action: string) => page.locator(`main form[action="${action}"] button`);
const items = (page: Page, heading: string) => page.locator(`section[aria-labelledby="${heading}"] ul.items`).innerText();

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic' }
])('contacts and areas on the service edit page ($mode)', ({ js, locale }) => {
	it('is accessible, and adding a contact and an area answers in place', async () => {
		const t = await open(js, locale);
		await t.visit(path);
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		await expect(items(t.page, 'contacts-heading')).resolves.toContain('amina@casa.example.org');

		// A broken address: the field says why, nothing is added.
		await t.page.locator('#contact-name').fill('Bob');
		await t.page.locator('#contact-email').fill('bob at example');
		await submit(t.page, '?/addContact').click();
		await expect.poll(() => t.page.locator('#contact-email[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		await expect(t.page.locator('#contact-name').inputValue()).resolves.toBe('Bob');

		const email = `bob.${locale}@casa.example.org`;
		await t.page.locator('#contact-email').fill(email);
		await submit(t.page, '?/addContact').click();
		await expect.poll(() => items(t.page, 'contacts-heading'), { timeout: 15_000 }).toContain(email);
		await t.check();

		await t.page.locator('#area-neighbourhood').selectOption({ label: locale === 'ar' ? 'Centro' : 'Porto' });
		await submit(t.page, '?/addArea').click();
		await expect.poll(() => items(t.page, 'areas-heading'), { timeout: 15_000 }).toContain(locale === 'ar' ? 'Centro' : 'Porto');
		await t.check();
		expect(new URL(t.page.url()).pathname).toBe(path);
	}, 90_000);
});
