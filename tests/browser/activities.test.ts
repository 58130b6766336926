/**
 * Neighbourhood activities in a real browser without JavaScript: a newcomer
 * reading Arabic (right to left) finds a child-friendly activity, says she is
 * coming, sees it on her page and makes her calendar link; the proposal form
 * is checked too. Every page is checked with axe-core and screenshotted.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { activities, activityRsvps, neighbourhoodHouses, neighbourhoods, organisations } from '../../src/lib/server/db/schema/index.ts';
import { browserTestApp, type Tab } from './helpers.ts';

const HOUR = 3_600_000;
let newcomer: TestUser;
let activityId: string;

const env = browserTestApp({
	name: 'activities',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db.insert(organisations).values({ slug: 'ab-org', name: 'Casa Aperta', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		const [nb] = await db.insert(neighbourhoods).values({ slug: 'borgo', name: 'Borgo Vecchio' }).returning({ id: neighbourhoods.id });
		await db.insert(neighbourhoodHouses).values({ neighbourhoodId: nb.id, organisationId: org.id, name: 'Casa del Borgo' });
		const now = Date.now();
		const rows = await db
			.insert(activities)
			.values([
				{
					organisationId: org.id,
					neighbourhoodId: nb.id,
					title: 'Story time for children',
					description: 'Stories in many languages.',
					startsAt: new Date(now + 30 * HOUR),
					endsAt: new Date(now + 31 * HOUR),
					placeName: 'Casa del Borgo',
					address: 'Via Roma 1',
					capacity: 12,
					childFriendly: true,
					accessibility: ['step_free', 'quiet_space'],
					languages: ['it', 'ar'],
					translations: { ar: { title: 'وقت الحكايات للأطفال', description: 'حكايات بلغات كثيرة.' } }
				},
				{ organisationId: org.id, neighbourhoodId: nb.id, title: 'Music evening', startsAt: new Date(now + 50 * HOUR), endsAt: new Date(now + 52 * HOUR), placeName: 'Cortile' }
			])
			.returning({ id: activities.id });
		activityId = rows[0].id;
		newcomer = await createUser(db, { displayName: 'سميرة', kind: 'newcomer' });
	}
});

async function open(locale: string, user?: TestUser): Promise<Tab> {
	const t = await env.tab({ js: false, locale, viewport: { width: 412, height: 900 } });
	if (user) await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe('the activities pages', () => {
	it('a newcomer in Arabic finds a child-friendly activity without JavaScript and says she is coming', async () => {
		const db = env.app.database.db;
		const t = await open('ar', newcomer);
		await t.visit('/activities');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		console.log(`screenshot: ${await t.screenshot('activities-list-ar')}`);
		await t.page.locator('#child').check();
		await t.clickAndCheck(t.page.locator('form[role="search"] button[type="submit"]'));
		const results = await t.page.locator('.results').innerText();
		expect(results).toContain('وقت الحكايات للأطفال');
		expect(results).toContain('مناسب للأطفال');
		expect(results).toContain('بدون درج');
		expect(results).not.toContain('Music evening');

		await t.clickAndCheck(t.page.locator('.results a', { hasText: 'وقت الحكايات للأطفال' }));
		console.log(`screenshot: ${await t.screenshot('activities-detail-ar')}`);
		await t.clickAndCheck(t.page.locator('form[action="?/rsvp"] button'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('أنت مسجَّل. نراك هناك!');
		const [r] = await db.select().from(activityRsvps).where(and(eq(activityRsvps.activityId, activityId), eq(activityRsvps.userId, newcomer.id)));
		expect(r.status).toBe('going');
		console.log(`screenshot: ${await t.screenshot('activities-going-ar')}`);

		await t.visit('/activities/me');
		await expect(t.page.locator('main').innerText()).resolves.toContain('وقت الحكايات للأطفال');
		await t.clickAndCheck(t.page.locator('form[action="?/feed"] button'));
		await expect(t.page.locator('.feed code').innerText()).resolves.toMatch(/\/activities\/feed\/[A-Za-z0-9_-]+\.ics$/);
		console.log(`screenshot: ${await t.screenshot('activities-me-ar')}`);
		await t.close();
	});

	it('the proposal form, in Arabic, refuses an end before the start in words', async () => {
		const t = await open('ar', newcomer);
		await t.visit('/activities/propose');
		await t.page.locator('#neighbourhoodId').selectOption({ index: 1 });
		await t.page.locator('#title').fill('نزهة في الحديقة');
		await t.page.locator('#date').fill(new Date(Date.now() + 5 * 24 * HOUR).toISOString().slice(0, 10));
		await t.page.locator('#start').fill('14:00');
		await t.page.locator('#end').fill('13:00');
		await t.page.locator('#placeName').fill('الحديقة');
		await t.clickAndCheck(t.page.locator('main form button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('يجب أن تكون النهاية بعد البداية.');
		console.log(`screenshot: ${await t.screenshot('activities-propose-error-ar')}`);
		await t.close();
	});
});
