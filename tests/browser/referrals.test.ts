/**
 * Closed-loop referrals in a real browser: a case worker creates a folder,
 * records the person's consent to share with a service's organisation and
 * refers them to that service (JavaScript on, English); the receiving
 * organisation accepts, starts and completes the referral from its inbox
 * (JavaScript off, Arabic, right to left); the sender sees the outcome; a
 * worker of a third organisation gets 403 on every address of that folder
 * and referral. Every page on the way passes axe-core.
 */
import { describe, expect, it } from 'vitest';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { organisations, referrals, services } from '../../src/lib/server/db/schema/index.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let workerA: TestUser;
let workerB: TestUser;
let coordB: TestUser;
let workerC: TestUser;
let personId = '';
let referralId = '';

const env = browserTestApp({
	name: 'referrals',
	setup: async (app) => {
		const db = app.database.db;
		const orgs = await db
			.insert(organisations)
			.values([
				{ slug: 'br-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
				{ slug: 'br-b', name: 'Rifugio Aurora', type: 'ngo', verification: 'verified' },
				{ slug: 'br-c', name: 'Terza Associazione', type: 'migrant_association', verification: 'verified' }
			])
			.returning({ id: organisations.id });
		await db.insert(services).values({ organisationId: orgs[1].id, name: { en: 'Night shelter', ar: 'مأوى ليلي' }, needs: ['housing'] });
		workerA = await createUser(db, { displayName: 'Marta', totp: true, secondFactor: true });
		workerB = await createUser(db, { displayName: 'Bruno', totp: true, secondFactor: true });
		coordB = await createUser(db, { displayName: 'Bea', totp: true, secondFactor: true });
		workerC = await createUser(db, { displayName: 'Chiara', totp: true, secondFactor: true });
		await addMember(db, orgs[0].id, workerA.id, 'case_worker');
		await addMember(db, orgs[1].id, workerB.id, 'case_worker');
		await addMember(db, orgs[1].id, coordB.id, 'coordinator');
		await addMember(db, orgs[2].id, workerC.id, 'case_worker');
	}
});

async function open(user: TestUser, js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale });
	await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

const stateTag = (t: Tab) => t.page.locator('main .tag').first().innerText();

describe('a referral, from the folder to the service and back', () => {
	it('a case worker creates a folder, records consent and refers to a service (JavaScript on, English)', async () => {
		const t = await open(workerA, true, 'en');
		await t.visit('/app');
		await expect(t.page.locator('a[href="/app/referrals"]').count()).resolves.toBe(1);
		await t.visit('/app/folders/new');
		await t.page.locator('#preferredName').fill('Amina');
		await t.page.locator('#languages').fill('ar, fr');
		await t.page.locator('#method').selectOption('written');
		await t.page.locator('main form button[type="submit"]').click();
		await t.page.waitForURL(/\/app\/folders\/[0-9a-f-]{36}\?created=1$/, { timeout: 15_000 });
		await t.check();
		personId = /folders\/([0-9a-f-]{36})/.exec(t.page.url())![1];

		await t.page.locator('#consent-purpose').selectOption('share');
		await t.page.locator('#consent-organisation').selectOption({ label: 'Rifugio Aurora' });
		await t.page.locator('#consent-method').selectOption('oral_interpreter');
		await t.page.locator('form[action="?/recordConsent"] button').click();
		await expect
			.poll(() => t.page.locator('section[aria-labelledby="consents-heading"] h3').allInnerTexts(), { timeout: 15_000 })
			.toEqual(expect.arrayContaining([expect.stringContaining('Rifugio Aurora')]));

		await t.page.locator('nav.folder-nav a[href$="/referrals"]').click();
		await t.page.waitForURL(/\/referrals$/, { timeout: 15_000 });
		await t.check();
		// Forgot the message: said at the field, nothing sent.
		await t.page.locator('#serviceId').selectOption({ label: 'Night shelter · Rifugio Aurora' });
		await t.page.locator('#consentId').selectOption({ label: 'Sharing with Rifugio Aurora' });
		await t.page.locator('form[action="?/create"] button[type="submit"]').click();
		await expect.poll(() => t.page.locator('#message[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		expect(await env.app.database.db.select().from(referrals)).toHaveLength(0);

		await t.page.locator('#message').fill('Needs a bed from tonight.');
		await t.page.locator('form[action="?/create"] button[type="submit"]').click();
		await t.page.waitForURL(/\/referrals\?sent=/, { timeout: 15_000 });
		await t.check();
		await expect(t.page.locator('main').innerText()).resolves.toContain('The referral was sent.');
		referralId = /sent=([0-9a-f-]{36})/.exec(t.page.url())![1];
		await expect(stateTag(t)).resolves.toBe('Sent');
		console.log(`screenshot: ${await t.screenshot('referrals-folder-en')}`);
	});

	it('the receiving organisation accepts, starts and completes it (JavaScript off, Arabic)', async () => {
		const t = await open(workerB, false, 'ar');
		await t.visit('/app/referrals');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		await expect(t.page.locator('main table').innerText()).resolves.toContain('Amina');
		console.log(`screenshot: ${await t.screenshot('referrals-inbox-ar')}`);
		await t.clickAndCheck(t.page.locator(`main table a[href="/app/referrals/${referralId}"]`));
		const shared = await t.page.locator('main').innerText();
		expect(shared).toContain('Needs a bed from tonight.');
		expect(shared).toContain('مأوى ليلي');
		// Only the shared fields: no address of the folder anywhere on the page.
		expect(await t.page.content()).not.toContain(personId);

		await t.clickAndCheck(t.page.locator('form[action="?/accept"] button'));
		await expect(stateTag(t)).resolves.toBe('مقبولة');
		await t.clickAndCheck(t.page.locator('form[action="?/start"] button'));
		await expect(stateTag(t)).resolves.toBe('قيد التنفيذ');
		// Completing without an outcome: the field says why, nothing changes.
		await t.clickAndCheck(t.page.locator('form[action="?/complete"] button'));
		await expect(t.page.locator('#complete-text').getAttribute('aria-invalid')).resolves.toBe('true');
		await expect(stateTag(t)).resolves.toBe('قيد التنفيذ');
		await t.page.locator('#complete-text').fill('وجدت سريرًا لثلاثين ليلة.');
		await t.clickAndCheck(t.page.locator('form[action="?/complete"] button'));
		await expect(stateTag(t)).resolves.toBe('مكتملة');
		console.log(`screenshot: ${await t.screenshot('referrals-detail-ar')}`);
	});

	it('the sender sees the outcome and every change (JavaScript on, English)', async () => {
		const t = await open(workerA, true, 'en');
		await t.visit(`/app/folders/${personId}/referrals`);
		const list = await t.page.locator('main').innerText();
		expect(list).toContain('Completed');
		expect(list).toContain('وجدت سريرًا لثلاثين ليلة.');
		expect(list).toMatch(/Accepted\s*·\s*by Bruno \(Rifugio Aurora\)/);
		await t.clickAndCheck(t.page.locator(`main a[href="/app/referrals/${referralId}"]`));
		await expect(stateTag(t)).resolves.toBe('Completed');
		console.log(`screenshot: ${await t.screenshot('referrals-detail-en')}`);
		await t.visit(`/app/folders/${personId}/transfer`);
		console.log(`screenshot: ${await t.screenshot('referrals-transfer-en')}`);
	});

	it('the receiving organisation’s coordinator reads the statistics, small cells suppressed (Arabic)', async () => {
		const t = await open(coordB, true, 'ar');
		await t.visit('/app/referrals/stats');
		await expect(t.page.locator('main table').first().innerText()).resolves.toContain('أقل من 5');
		console.log(`screenshot: ${await t.screenshot('referrals-stats-ar')}`);
		const en = await open(workerB, true, 'en');
		await en.visit('/app/referrals');
		console.log(`screenshot: ${await en.screenshot('referrals-inbox-en')}`);
	});

	it('a worker of a third organisation gets 403 on every address of that folder and referral', async () => {
		const t = await open(workerC, true, 'en');
		for (const path of [
			`/app/folders/${personId}`,
			`/app/folders/${personId}/referrals`,
			`/app/folders/${personId}/transfer`,
			`/app/referrals/${referralId}`,
			`/app/referrals/00000000-0000-4000-8000-000000000000`
		]) {
			await t.visit(path, { status: 403 });
			expect(await t.page.locator('main').innerText(), path).not.toContain('Amina');
		}
	});
});
