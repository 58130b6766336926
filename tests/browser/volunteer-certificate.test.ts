/**
 * The volunteering certificate in a real browser, without JavaScript (public
 * pages send none): a newcomer reading Arabic makes her certificate from the
 * form and downloads the PDF, and an employer checks its code on the public
 * page in Italian; a mistyped code says so. axe-core on every page.
 */
import { describe, expect, it } from 'vitest';
import { organisations, volunteerApplications, volunteerHours, volunteerOpportunities } from '../../src/lib/server/db/schema/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { createUser, type TestUser } from '../helpers/users.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let newcomer: TestUser;

const env = browserTestApp({
	name: 'volunteer-certificate',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db.insert(organisations).values({ slug: 'cert-b-org', name: 'Orti Condivisi', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		const [opp] = await db
			.insert(volunteerOpportunities)
			.values({ organisationId: org.id, title: 'Community garden', description: 'Growing vegetables together.', kind: 'ongoing', status: 'open' })
			.returning({ id: volunteerOpportunities.id });
		newcomer = await createUser(db, { displayName: 'Samira Haddad', kind: 'newcomer' });
		await db.insert(volunteerApplications).values({ opportunityId: opp.id, userId: newcomer.id, status: 'accepted' });
		await db.insert(volunteerHours).values([
			{ userId: newcomer.id, opportunityId: opp.id, workedOn: addDays(cityToday(), -10), minutes: 120, tasks: 'زراعة الطماطم', skills: ['gardening'], status: 'confirmed' },
			{ userId: newcomer.id, opportunityId: opp.id, workedOn: addDays(cityToday(), -3), minutes: 90, tasks: 'Watering', skills: ['gardening'], status: 'confirmed' }
		]);
	}
});

async function open(locale: string, user?: TestUser): Promise<Tab> {
	const t = await env.tab({ js: false, locale, viewport: { width: 412, height: 900 } });
	if (user) await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe('the volunteering certificate', () => {
	let code = '';

	it('a newcomer in Arabic makes her certificate and downloads the PDF', async () => {
		const t = await open('ar', newcomer);
		await t.visit('/volunteer/certificate');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		console.log(`screenshot: ${await t.screenshot('volunteer-certificate-ar')}`);
		const download = t.page.waitForEvent('download');
		await t.page.locator('main form button[type="submit"]').click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^convive-volunteering-certificate-[0-9A-Z]{10}\.pdf$/);
		code = file.suggestedFilename().replace(/^.*-([0-9A-Z]{10})\.pdf$/, '$1');
		// Back on the page, the certificate is listed for downloading again.
		await t.visit('/volunteer/certificate');
		await expect(t.page.locator('main').innerText()).resolves.toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
	});

	it('an employer checks the code in Italian; a mistyped code is not found', async () => {
		const t = await open('it');
		await t.visit('/certificates');
		await t.page.locator('#code').fill(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase());
		await t.clickAndCheck(t.page.locator('main form button[type="submit"]'));
		const text = await t.page.locator('main').innerText();
		expect(text).toContain('Samira Haddad');
		expect(text).toContain('Orti Condivisi');
		console.log(`screenshot: ${await t.screenshot('certificate-check-it')}`);
		await t.page.locator('#code').fill('ZZZZ-ZZZZ-ZZ');
		await t.clickAndCheck(t.page.locator('main form button[type="submit"]'));
		expect(await t.page.locator('main').innerText()).not.toContain('Samira');
		console.log(`screenshot: ${await t.screenshot('certificate-check-invalid-it')}`);
	});
});
