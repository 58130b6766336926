/**
 * The folder's care pages in a real browser: with JavaScript in English and
 * without it in Arabic, a case worker records an assessment, adds a goal with
 * an action and a note, and reads the timeline; every page is accessible
 * (axe), right-to-left in Arabic, and the chart mirrors there. Screenshots of
 * the main pages are saved (path printed) to be looked at.
 */
import { describe, expect, it } from 'vitest';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { assessments, assessmentScores, caseTeam, caseWorkers, consents, notes, organisations, people, planGoals, services, tasks } from '../../src/lib/server/db/schema/index.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let worker: TestUser;
const folders: Record<string, string> = {};

const env = browserTestApp({
	name: 'care',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db.insert(organisations).values({ slug: 'bc-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		await db.insert(services).values({ organisationId: org.id, name: { en: 'Portavera food bank', ar: 'بنك الطعام' }, needs: ['basic-needs'] });
		worker = await createUser(db, { displayName: 'Marta', totp: true, secondFactor: true });
		await addMember(db, org.id, worker.id, 'case_worker');
		for (const [locale, name] of [
			['en', 'Amina'],
			['ar', 'أمينة']
		] as const) {
			const [p] = await db.insert(people).values({ preferredName: name, createdByOrganisationId: org.id }).returning({ id: people.id });
			folders[locale] = p.id;
			await db.insert(consents).values({ personId: p.id, purpose: 'coordination', method: 'written', recordedBy: worker.id, recordedByOrganisationId: org.id });
			await db.insert(caseTeam).values({ personId: p.id, organisationId: org.id, addedBy: worker.id });
			await db.insert(caseWorkers).values({ personId: p.id, userId: worker.id, organisationId: org.id, lead: true, addedBy: worker.id });
			// An earlier assessment, so the one recorded below draws a line.
			const [a] = await db
				.insert(assessments)
				.values({ personId: p.id, takenAt: new Date(Date.now() - 90 * 86_400_000), takenBy: worker.id, organisationId: org.id })
				.returning({ id: assessments.id });
			await db.insert(assessmentScores).values([
				{ assessmentId: a.id, domain: 'housing', score: 1 },
				{ assessmentId: a.id, domain: 'income', score: 2 },
				{ assessmentId: a.id, domain: 'language', score: 2 }
			]);
			await db.insert(planGoals).values({ personId: p.id, text: locale === 'ar' ? 'إيجاد سكن مستقر' : 'Find stable housing', ownWords: locale === 'ar' ? 'غرفة لي قرب المدرسة' : 'A room of my own near the school', organisationId: org.id });
			await db.insert(tasks).values({ personId: p.id, title: locale === 'ar' ? 'الاتصال بالمدرسة' : 'Call the school', dueAt: new Date(Date.now() - 86_400_000), assigneeId: worker.id });
			await db.insert(notes).values({ personId: p.id, authorId: worker.id, organisationId: org.id, body: locale === 'ar' ? 'بدأت دروس اللغة الإيطالية' : 'Started Italian classes', sensitivity: 'team' });
		}
	}
});

async function open(js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale, viewport: { width: 390, height: 844 } });
	await t.context.addCookies([{ name: 'convive_session', value: worker.token, url: env.app.url }]);
	return t;
}

/** Submits the form that holds `selector` and waits for the page (or the enhanced update) to settle. */
async function submit(t: Tab, formSelector: string) {
	await t.page.locator(`${formSelector} button[type="submit"]`).last().click();
	await t.page.waitForLoadState('load');
	if (t.js) await t.page.waitForLoadState('networkidle');
}

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic' }
])('a case worker works on a folder ($mode)', ({ js, locale }) => {
	it('records an assessment, plans, notes and reads the timeline; every page accessible', async () => {
		const t = await open(js, locale);
		const base = `/app/folders/${folders[locale]}`;

		await t.visit(`${base}/assessment`);
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		// Housing: 3, language: 4; the rest not assessed.
		await t.page.locator('#score_housing-3').check();
		await t.page.locator('#score_language-4').check();
		await t.page.locator('#comment').fill(locale === 'ar' ? 'لقاء ثانٍ' : 'Second meeting');
		await submit(t, 'form[action="?/record"]');
		await expect.poll(() => t.page.locator('svg[role="img"][aria-labelledby^="chart-housing"] circle').count(), { timeout: 15_000 }).toBe(2);
		await t.check();
		const xs = await t.page.locator('svg[aria-labelledby^="chart-housing"] circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cx'))));
		expect(locale === 'ar' ? xs[0] > xs[1] : xs[0] < xs[1]).toBe(true);
		const shot = await t.screenshot(`care-assessment-${locale}`);
		console.log(`screenshot: ${shot}`);

		await t.visit(`${base}/plan?service=food`);
		await t.page.locator('#actionText').fill(locale === 'ar' ? 'زيارة بنك الطعام معًا' : 'Visit the food bank together');
		await t.page.locator('#ownerUserId').selectOption(worker.id);
		await t.page.locator('#dueOn').fill('2030-05-04');
		await submit(t, 'form[action$="/addAction"]');
		await expect.poll(() => t.page.locator('.action-list li').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		await expect(t.page.locator('.action-list').innerText()).resolves.toContain(locale === 'ar' ? 'بنك الطعام' : 'Portavera food bank');
		console.log(`screenshot: ${await t.screenshot(`care-plan-${locale}`)}`);

		await t.visit(`${base}/notes`);
		await t.page.locator('#body').fill(locale === 'ar' ? 'ملاحظة لي وحدي' : 'A note for me alone');
		await t.page.locator('#sensitivity-author').check();
		await submit(t, 'form[action="?/add"]');
		await expect.poll(() => t.page.locator('.note-list > li').count(), { timeout: 15_000 }).toBe(2);
		await t.check();

		// Bad input: a task without a title says so, the rest kept.
		await t.visit(`${base}/tasks`);
		await t.page.locator('#dueOn').fill('2030-01-01');
		await submit(t, 'form[action="?/add"]');
		await expect.poll(() => t.page.locator('#title[aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		// The error summary's link lands on the field.
		await expect(t.page.locator('.error-summary a[href="#title"]').count()).resolves.toBe(1);
		await expect(t.page.locator('#dueOn').inputValue()).resolves.toBe('2030-01-01');
		console.log(`screenshot: ${await t.screenshot(`care-tasks-${locale}`)}`);

		await t.visit(`${base}/timeline`);
		await expect(t.page.locator('.timeline > li').count()).resolves.toBeGreaterThanOrEqual(6);
		console.log(`screenshot: ${await t.screenshot(`care-timeline-${locale}`)}`);
	}, 240_000);
});
