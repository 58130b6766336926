/**
 * An organisation's volunteering workspace in a real browser, with
 * JavaScript in English and without it in Arabic (right to left): a
 * volunteer coordinator creates an opportunity and a weekly series of
 * shifts, screens and accepts an applicant, and confirms their hours; every
 * page is accessible (axe) and screenshots are kept.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { organisations, organisationScreeningSteps, volunteerApplications, volunteerProfiles } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import type { SignedInActor } from '../../src/lib/server/policy/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { apply } from '../../src/lib/server/engagement/volunteers.ts';
import { logHours } from '../../src/lib/server/engagement/hours.ts';
import { hoursForm } from '../../src/lib/server/engagement/schemas.ts';
import { browserTestApp, type Tab } from './helpers.ts';

const people: Record<string, { orgId: string; coordinator: TestUser; volunteer: TestUser; candidate: TestUser }> = {};

const env = browserTestApp({
	name: 'volunteering-workspace',
	setup: async (app) => {
		const db = app.database.db;
		for (const locale of ['en', 'ar']) {
			const [org] = await db
				.insert(organisations)
				.values({ slug: `vw-browser-${locale}`, name: locale === 'ar' ? 'بيت الشعوب' : 'Casa dei Popoli', type: 'ngo', verification: 'verified' })
				.returning({ id: organisations.id });
			await db.insert(organisationScreeningSteps).values({ organisationId: org.id, step: 'conversation' });
			const coordinator = await createUser(db, { displayName: locale === 'ar' ? 'كارلا' : 'Carla', totp: true, secondFactor: true });
			await addMember(db, org.id, coordinator.id, 'volunteer_coordinator');
			const volunteer = await createUser(db, { displayName: locale === 'ar' ? 'أمل' : 'Amal', kind: 'newcomer' });
			// Free on Tuesday mornings, like the opportunity the coordinator creates: the engine proposes them.
			const candidate = await createUser(db, { displayName: locale === 'ar' ? 'داويت' : 'Dawit', kind: 'newcomer' });
			await db.insert(volunteerProfiles).values({ userId: candidate.id, languages: ['ar', 'it'], availability: 1 << 3 });
			people[locale] = { orgId: org.id, coordinator, volunteer, candidate };
		}
	}
});

function volunteerCtx(u: TestUser): Ctx {
	const actor: SignedInActor = {
		kind: 'user',
		userId: u.id,
		personKind: 'newcomer',
		platformRole: null,
		memberships: new Map(),
		emailVerified: true,
		secondFactor: false,
		totpEnabled: false
	};
	return { db: env.app.database.db, actor, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' };
}

async function open(user: TestUser, js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale, viewport: { width: 1024, height: 900 } });
	await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

async function submit(t: Tab, action: string) {
	await t.clickAndCheck(t.page.locator(`form[action="${action}"] button[type="submit"]`).first());
}

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic' }
])('volunteering workspace ($mode)', ({ js, locale }) => {
	let opportunityPath = '';

	it('creates an opportunity and a weekly series of shifts', async () => {
		const { orgId, coordinator } = people[locale];
		const t = await open(coordinator, js, locale);
		await t.visit(`/app/organisations/${orgId}`);
		await t.clickAndCheck(t.page.locator(`a[href="/app/organisations/${orgId}/volunteering"]`).first());
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });

		// Forgot the title: the summary names it, nothing is lost.
		await t.page.locator('#description').fill(locale === 'ar' ? 'مساعدة الأطفال في الواجبات المدرسية.' : 'Help children with their homework.');
		await submit(t, '?/create');
		await expect.poll(() => t.page.locator('#title[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);

		await t.page.locator('#title').fill(locale === 'ar' ? 'نادي الواجبات' : 'Homework club');
		await t.page.locator('#kind-recurring').check();
		await t.page.locator('#skills').check();
		await t.page.locator('#availability-3').check();
		await t.page.locator('#availability-4').check();
		await t.page.locator('#open').check();
		console.log(`screenshot: ${await t.screenshot(`volunteering-new-${locale}`)}`);
		await submit(t, '?/create');
		await t.page.waitForURL(/\/volunteering\/[0-9a-f-]{36}\?created$/, { timeout: 15_000 });
		opportunityPath = new URL(t.page.url()).pathname;

		await t.page.locator('#date').fill(addDays(cityToday(), 2));
		await t.page.locator('#start').fill('09:00');
		await t.page.locator('#end').fill('12:00');
		await t.page.locator('#capacity').fill('2');
		await t.page.locator('#weeks').fill('3');
		await submit(t, '?/shifts');
		await expect.poll(() => t.page.locator('section[aria-labelledby="shifts-heading"] tbody tr').count(), { timeout: 15_000 }).toBe(3);
		console.log(`screenshot: ${await t.screenshot(`volunteering-opportunity-${locale}`)}`);

		await t.clickAndCheck(t.page.locator('section[aria-labelledby="shifts-heading"] tbody a').first());
		console.log(`screenshot: ${await t.screenshot(`volunteering-roster-${locale}`)}`);
	});

	it('screens and accepts an applicant', async () => {
		const { orgId, coordinator, volunteer } = people[locale];
		const opportunityId = opportunityPath.split('/').pop()!;
		await apply(volunteerCtx(volunteer), opportunityId, locale === 'ar' ? 'أتكلم العربية والإيطالية.' : 'I speak Arabic and Italian.');
		const t = await open(coordinator, js, locale);
		await t.visit(`/app/organisations/${orgId}/volunteering/volunteers`);
		await expect(t.page.locator('table tbody').innerText()).resolves.toContain(locale === 'ar' ? 'أمل' : 'Amal');

		// Accepting before the conversation is recorded is refused, in words.
		await t.page.locator('#applicationId').selectOption({ index: 1 });
		await t.page.locator('#decision-accepted').check();
		await submit(t, '?/decide');
		await expect.poll(() => t.page.locator('form[action="?/decide"] [role="alert"], form[action="?/decide"] .alert').count(), { timeout: 15_000 }).toBeGreaterThan(0);

		await t.page.locator('#userId').selectOption({ index: 1 });
		await t.page.locator('#step').selectOption('conversation');
		await submit(t, '?/screen');
		await t.page.locator('#applicationId').selectOption({ index: 1 });
		await t.page.locator('#decision-accepted').check();
		await submit(t, '?/decide');
		const accepted = locale === 'ar' ? 'مقبول' : 'Accepted';
		await expect.poll(() => t.page.locator('table tbody').innerText(), { timeout: 15_000 }).toContain(accepted);
		console.log(`screenshot: ${await t.screenshot(`volunteering-volunteers-${locale}`)}`);
	});

	it('confirms the hours the volunteer logged', async () => {
		const { orgId, coordinator, volunteer } = people[locale];
		const opportunityId = opportunityPath.split('/').pop()!;
		await logHours(volunteerCtx(volunteer), hoursForm.parse({ opportunityId, workedOn: addDays(cityToday(), -1), minutes: '90', tasks: locale === 'ar' ? 'واجبات الرياضيات' : 'Maths homework' }));
		const t = await open(coordinator, js, locale);
		await t.visit(`/app/organisations/${orgId}/volunteering/hours`);
		console.log(`screenshot: ${await t.screenshot(`volunteering-hours-${locale}`)}`);
		await t.clickAndCheck(t.page.locator('form[action="?/review"] button[value="confirmed"]').first());
		await expect.poll(() => t.page.locator('table').count(), { timeout: 15_000 }).toBe(0);
		console.log(`screenshot: ${await t.screenshot(`volunteering-hours-done-${locale}`)}`);
	});

	it('runs the matching, rules a pair out and back in, and invites the proposed volunteer', async () => {
		const { orgId, coordinator } = people[locale];
		const candidates = { en: people.en.candidate, ar: people.ar.candidate };
		const opportunityId = opportunityPath.split('/').pop()!;
		const t = await open(coordinator, js, locale);
		await t.visit(`/app/organisations/${orgId}/volunteering`);
		await t.clickAndCheck(t.page.locator(`a[href="/app/organisations/${orgId}/volunteering/matching"]`).first());
		// Dawit of either test organisation may get the one place: both are free then.
		const value = (await t.page.locator('input[name="invite"]').first().getAttribute('value'))!;
		expect([`${candidates.en.id}:${opportunityId}`, `${candidates.ar.id}:${opportunityId}`]).toContain(value);
		const invitee = value.split(':')[0];
		console.log(`screenshot: ${await t.screenshot(`volunteering-matching-${locale}`)}`);

		await t.clickAndCheck(t.page.locator(`button[name="forbid"][value="${value}"]`));
		await expect.poll(() => t.page.locator(`input[name="forbidden"][value="${value}"]`).count(), { timeout: 15_000 }).toBe(1);
		await expect(t.page.locator(`input[name="invite"][value="${value}"]`).count()).resolves.toBe(0);
		await t.clickAndCheck(t.page.locator(`button[name="unforbid"][value="${value}"]`));
		await expect.poll(() => t.page.locator(`input[name="invite"][value="${value}"]`).count(), { timeout: 15_000 }).toBe(1);

		await t.page.locator(`input[name="invite"][value="${value}"]`).check();
		await t.clickAndCheck(t.page.locator('form[action="?/invite"] button[type="submit"]:not([formaction])').first());
		const status = async () =>
			(
				await env.app.database.db
					.select({ status: volunteerApplications.status })
					.from(volunteerApplications)
					.where(and(eq(volunteerApplications.userId, invitee), eq(volunteerApplications.opportunityId, opportunityId)))
			)[0]?.status;
		await expect.poll(status, { timeout: 15_000 }).toBe('invited');
		console.log(`screenshot: ${await t.screenshot(`volunteering-matching-invited-${locale}`)}`);
	});
});
