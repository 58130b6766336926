/**
 * The volunteer's pages in a real browser (public pages send no JavaScript):
 * a newcomer reading Arabic (right to left) fills the volunteer profile,
 * applies, is accepted by the organisation (set up here), signs up for a
 * shift and logs hours; the list and an opportunity are also seen in
 * English. Every page is checked with axe-core and screenshotted.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { neighbourhoods, organisations, shiftSignups, volunteerApplications, volunteerHours, volunteerOpportunities, volunteerProfiles, volunteerShifts } from '../../src/lib/server/db/schema/index.ts';
import { cityToday } from '../../src/lib/server/guardianship/age.ts';
import { browserTestApp, SCREENSHOT_DIR, type Tab } from './helpers.ts';

const HOUR = 3_600_000;
let newcomer: TestUser;
let opportunityId: string;
let nextShiftId: string;
let pastShiftId: string;
let pastShiftStart: Date;

const env = browserTestApp({
	name: 'volunteer',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db.insert(organisations).values({ slug: 'vb-org', name: 'Cucina Comune', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		const [nb] = await db.insert(neighbourhoods).values({ slug: 'borgo', name: 'Borgo Vecchio' }).returning({ id: neighbourhoods.id });
		const rows = await db
			.insert(volunteerOpportunities)
			.values([
				{
					organisationId: org.id,
					title: 'Cooking at the language café',
					description: 'Cook with us on Mondays and talk in Italian.',
					kind: 'recurring',
					neighbourhoodId: nb.id,
					address: 'Via Roma 1',
					skills: ['cooking', 'language_support'],
					languages: ['it', 'ar'],
					translations: { ar: { title: 'الطبخ في مقهى اللغة', description: 'اطبخ معنا أيام الاثنين وتحدث بالإيطالية.' } }
				},
				{ organisationId: org.id, title: 'Homework club', description: 'Help children with homework.', kind: 'recurring', neighbourhoodId: nb.id, involvesVulnerable: true, skills: ['homework_help'] },
				{ organisationId: org.id, title: 'Phone buddy', kind: 'ongoing', mode: 'remote', skills: ['listening'] }
			])
			.returning({ id: volunteerOpportunities.id });
		opportunityId = rows[0].id;
		const now = Date.now();
		const shifts = await db
			.insert(volunteerShifts)
			.values([
				{ opportunityId, startsAt: new Date(now + 50 * HOUR), endsAt: new Date(now + 53 * HOUR), capacity: 8 },
				{ opportunityId, startsAt: new Date(now + 98 * HOUR), endsAt: new Date(now + 101 * HOUR), capacity: 1 },
				{ opportunityId, startsAt: (pastShiftStart = new Date(now - 5 * HOUR)), endsAt: new Date(now - 2 * HOUR), capacity: 5 }
			])
			.returning({ id: volunteerShifts.id });
		[nextShiftId, , pastShiftId] = shifts.map((s) => s.id);
		// The second shift is full: someone else has its one place.
		const other = await createUser(db, { displayName: 'Luca' });
		await db.insert(volunteerApplications).values({ opportunityId, userId: other.id, status: 'accepted' });
		await db.insert(shiftSignups).values({ shiftId: shifts[1].id, userId: other.id, status: 'confirmed' });
		newcomer = await createUser(db, { displayName: 'سميرة', kind: 'newcomer' });
	}
});

async function open(locale: string, user?: TestUser): Promise<Tab> {
	const t = await env.tab({ js: false, locale, viewport: { width: 412, height: 900 } });
	if (user) await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe('the volunteer pages', () => {
	it('the list and an opportunity, signed out, in English', async () => {
		const t = await open('en');
		await t.visit('/volunteer');
		expect(await t.htmlAttrs()).toEqual({ lang: 'en', dir: 'ltr' });
		await expect(t.page.locator('main').innerText()).resolves.toContain('Newcomers are welcome as volunteers.');
		console.log(`screenshot: ${await t.screenshot('volunteer-list-en')}`);
		await t.page.locator('#mode').selectOption('remote');
		await t.clickAndCheck(t.page.locator('form[role="search"] button[type="submit"]'));
		await expect(t.page.locator('.results').innerText()).resolves.toContain('Phone buddy');
		await t.visit(`/volunteer/${opportunityId}`);
		await expect(t.page.locator('main').innerText()).resolves.toContain('Sign in to apply');
		console.log(`screenshot: ${await t.screenshot('volunteer-detail-en')}`);
	});

	it('a newcomer in Arabic fills the profile, applies, signs up for a shift and logs hours', async () => {
		const db = env.app.database.db;
		const t = await open('ar', newcomer);
		await t.visit('/volunteer');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		await expect(t.page.locator('.results').innerText()).resolves.toContain('الطبخ في مقهى اللغة');
		console.log(`screenshot: ${await t.screenshot('volunteer-list-ar')}`);

		await t.visit('/volunteer/profile');
		await t.page.locator('input[name="skills"][value="cooking"]').check();
		await t.page.locator('input[name="interests"][value="food"]').check();
		await t.page.locator('input[name="languages"][value="ar"]').check();
		await t.page.locator('#otherSkills').fill('خياطة');
		await t.page.locator('input[name="availability"][value="0"]').check();
		await t.page.locator('input[name="availability"][value="17"]').check();
		await t.page.locator('#neighbourhoodId').selectOption({ label: 'Borgo Vecchio' });
		await t.page.locator('#travelKm').fill('300');
		// Too far: the field says so, nothing is saved.
		await t.clickAndCheck(t.page.locator('form[action="?/save"] button[type="submit"]'));
		await expect(t.page.locator('#travelKm[aria-invalid="true"]').count()).resolves.toBe(1);
		expect(await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, newcomer.id))).toHaveLength(0);
		console.log(`screenshot: ${await t.screenshot('volunteer-profile-error-ar')}`);
		await t.page.locator('#travelKm').fill('10');
		await t.clickAndCheck(t.page.locator('form[action="?/save"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('حُفظ ملفك.');
		const [p] = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, newcomer.id));
		expect(p).toMatchObject({ skills: ['cooking'], interests: ['food'], languages: ['ar'], otherSkills: 'خياطة', availability: 1 | (1 << 17), travelKm: 10 });
		await expect(t.page.locator('input[name="availability"][value="17"]').isChecked()).resolves.toBe(true);
		console.log(`screenshot: ${await t.screenshot('volunteer-profile-ar')}`);
		await t.page.locator('fieldset.availability').screenshot({ path: `${SCREENSHOT_DIR}/volunteer-availability-ar.png` });

		await t.visit(`/volunteer/${opportunityId}`);
		await t.page.locator('#message').fill('أحب الطبخ وأتكلم العربية.');
		await t.clickAndCheck(t.page.locator('form[action="?/apply"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('أُرسل طلبك.');
		console.log(`screenshot: ${await t.screenshot('volunteer-applied-ar')}`);

		// The organisation accepts her (its own pages are someone else's work).
		await db.update(volunteerApplications).set({ status: 'accepted' }).where(eq(volunteerApplications.userId, newcomer.id));
		await t.visit(`/volunteer/${opportunityId}`);
		const full = t.page.locator('.shifts li').nth(1);
		await expect(full.innerText()).resolves.toContain('ممتلئة — انضم إلى قائمة الانتظار');
		await t.clickAndCheck(t.page.locator(`form[action="?/signup"]:has(input[value="${nextShiftId}"]) button`));
		await expect(t.page.locator('main').innerText()).resolves.toContain('أنت مسجّل في هذه النوبة.');
		await expect(t.page.locator('.shifts li').first().innerText()).resolves.toContain('لديك مكان');
		console.log(`screenshot: ${await t.screenshot('volunteer-signed-up-ar')}`);

		// She worked a shift earlier today.
		await db.insert(shiftSignups).values({ shiftId: pastShiftId, userId: newcomer.id, status: 'confirmed' });
		await t.visit('/volunteer/me');
		await t.page.locator('#shiftId').selectOption(pastShiftId);
		// The date of another day than the shift's is refused, in Arabic; the shift's day is taken.
		await t.page.locator('#workedOn').fill(cityToday(new Date(pastShiftStart.getTime() - 24 * HOUR)));
		await t.page.locator('#hours').fill('2');
		await t.page.locator('#minutes').fill('30');
		await t.page.locator('#tasks').fill('طبخنا الأرز.');
		await t.page.locator('form[action="?/hours"] input[name="skills"][value="cooking"]').check();
		await t.clickAndCheck(t.page.locator('form[action="?/hours"] button[type="submit"]'));
		await expect(t.page.locator('#workedOn[aria-invalid="true"]').count()).resolves.toBe(1);
		await expect(t.page.locator('#hours').inputValue()).resolves.toBe('2');
		console.log(`screenshot: ${await t.screenshot('volunteer-hours-error-ar')}`);
		await t.page.locator('#workedOn').fill(cityToday(pastShiftStart));
		await t.clickAndCheck(t.page.locator('form[action="?/hours"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('سُجّلت ساعاتك.');
		const [h] = await db.select().from(volunteerHours).where(eq(volunteerHours.userId, newcomer.id));
		expect(h).toMatchObject({ minutes: 150, shiftId: pastShiftId, status: 'logged', skills: ['cooking'] });
		await expect(t.page.locator('section[aria-labelledby="hours-heading"] table').innerText()).resolves.toContain('بانتظار التأكيد');
		await t.page.locator('section[aria-labelledby="hours-heading"]').screenshot({ path: `${SCREENSHOT_DIR}/volunteer-me-hours-ar.png` });
		console.log(`screenshot: ${await t.screenshot('volunteer-me-ar')}`);
	});
});
