/**
 * Surveys in a real browser without JavaScript: a newcomer reading Arabic
 * (right to left) answers a survey one question per screen, with the
 * progress shown in words and as a bar, goes back and changes an answer,
 * checks and sends; the officer then reads the results (charts and tables,
 * small counts hidden). Every screen is checked with axe-core and
 * screenshotted.
 */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { surveyChoices, surveyQuestions, surveyResponses, surveys } from '../../src/lib/server/db/schema/index.ts';
import { recordResponse } from '../../src/lib/server/surveys/respond.ts';
import { loadSurvey } from '../../src/lib/server/surveys/common.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let officer: TestUser;
let surveyId: string;
const q: string[] = [];
const c: Record<string, string> = {};

const env = browserTestApp({
	name: 'surveys',
	setup: async (app) => {
		const db = app.database.db;
		const [s] = await db
			.insert(surveys)
			.values({
				title: { en: 'Life in the neighbourhood', ar: 'الحياة في الحي' },
				intro: { en: 'Three short questions.', ar: 'ثلاثة أسئلة قصيرة.' },
				status: 'published',
				opensAt: new Date(Date.now() - 86_400_000),
				closesAt: new Date(Date.now() + 20 * 86_400_000)
			})
			.returning({ id: surveys.id });
		surveyId = s.id;
		const qs = await db
			.insert(surveyQuestions)
			.values([
				{ surveyId, position: 1, kind: 'single', prompt: { en: 'Do you feel safe at home?', ar: 'هل تشعر بالأمان في بيتك؟' } },
				{ surveyId, position: 2, kind: 'multiple', prompt: { en: 'What would help you?', ar: 'ما الذي سيساعدك؟' } },
				{ surveyId, position: 3, kind: 'scale', prompt: { en: 'How are the buses?', ar: 'كيف هي الحافلات؟' } }
			])
			.returning({ id: surveyQuestions.id });
		q.push(...qs.map((x) => x.id));
		const cs = await db
			.insert(surveyChoices)
			.values([
				{ questionId: q[0], position: 1, label: { en: 'Yes', ar: 'نعم' }, icon: 'yes' },
				{ questionId: q[0], position: 2, label: { en: 'No', ar: 'لا' }, icon: 'no' },
				{ questionId: q[0], position: 3, label: { en: 'I do not know', ar: 'لا أعرف' }, icon: 'dont_know' },
				{ questionId: q[1], position: 1, label: { en: 'A home', ar: 'مسكن' }, icon: 'house' },
				{ questionId: q[1], position: 2, label: { en: 'Work', ar: 'عمل' }, icon: 'work' },
				{ questionId: q[1], position: 3, label: { en: 'Language lessons', ar: 'دروس لغة' }, icon: 'language' }
			])
			.returning({ id: surveyChoices.id });
		[c.yes, c.no, c.unsure, c.home, c.work, c.language] = cs.map((x) => x.id);
		// Earlier responses, so the results show shown and hidden counts: Yes ×8, No ×2.
		const full = await loadSurvey(db, surveyId);
		for (let i = 0; i < 10; i++) {
			await db.transaction((tx) =>
				recordResponse(tx, full, { [q[0]]: { choices: [i < 8 ? c.yes : c.no] }, [q[1]]: { choices: i < 7 ? [c.work, c.home] : [c.language] }, [q[2]]: { scale: i < 6 ? 4 : 2 } }, { locale: 'en', respondentId: null, day: '2026-12-01' })
			);
		}
		officer = await createUser(db, { displayName: 'Olga', platformRole: 'integration_officer' });
	}
});

async function open(locale: string, user?: TestUser): Promise<Tab> {
	const t = await env.tab({ js: false, locale, viewport: { width: 412, height: 900 } });
	if (user) await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe('the survey pages', () => {
	it('a newcomer answers in Arabic without JavaScript, one question per screen, and sends once', async () => {
		const db = env.app.database.db;
		const t = await open('ar');
		await t.visit('/surveys');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		console.log(`screenshot: ${await t.screenshot('surveys-list-ar')}`);
		await t.clickAndCheck(t.page.locator('main a', { hasText: 'الحياة في الحي' }));
		await expect(t.page.locator('main').innerText()).resolves.toContain('ثلاثة أسئلة قصيرة.');
		console.log(`screenshot: ${await t.screenshot('surveys-intro-ar')}`);
		await t.clickAndCheck(t.page.locator('form[action="?/start"] button'));

		// Screen 1: one question, progress in words and as a bar, big labelled tiles.
		const main = () => t.page.locator('main').innerText();
		await expect(main()).resolves.toContain('السؤال 1 من 3');
		await expect(main()).resolves.not.toContain('ما الذي سيساعدك؟');
		expect(await t.page.locator('progress').getAttribute('value')).toBe('1');
		const tile = t.page.locator('label.tile', { hasText: 'لا أعرف' });
		const box = await tile.boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(44);
		// Keyboard: a tile's radio is reached with Tab and chosen with Space.
		await t.tabTo('input[name="choice"]');
		await t.page.keyboard.press('Space');
		expect(await t.page.locator('input[name="choice"]:checked').count()).toBe(1);
		await tile.click();
		console.log(`screenshot: ${await t.screenshot('surveys-question-1-ar')}`);
		await t.clickAndCheck(t.page.locator('main form button[name="go"]'));

		// Screen 2: several answers.
		await expect(main()).resolves.toContain('السؤال 2 من 3');
		await t.page.locator('label.tile', { hasText: 'عمل' }).click();
		await t.page.locator('label.tile', { hasText: 'دروس لغة' }).click();
		console.log(`screenshot: ${await t.screenshot('surveys-question-2-ar')}`);
		await t.clickAndCheck(t.page.locator('main form button[name="go"]'));

		// Screen 3: faces; then back to screen 2, whose answers were kept.
		await expect(main()).resolves.toContain('السؤال 3 من 3');
		await expect(main()).resolves.toContain('جيد جداً');
		console.log(`screenshot: ${await t.screenshot('surveys-question-3-ar')}`);
		await t.clickAndCheck(t.page.locator('main a', { hasText: 'رجوع' }));
		await expect(main()).resolves.toContain('السؤال 2 من 3');
		expect(await t.page.locator('input[name="choice"]:checked').count()).toBe(2);
		await t.clickAndCheck(t.page.locator('main form button[name="go"]'));
		await t.page.locator('label.tile', { hasText: 'جيد جداً' }).click();
		await t.clickAndCheck(t.page.locator('main form button[name="go"]'));

		// Review, change the first answer, send.
		await expect(main()).resolves.toContain('الخطوة الأخيرة: راجع وأرسل');
		await expect(t.page.locator('.review dd').nth(1).innerText()).resolves.toMatch(/عمل.+دروس لغة/);
		console.log(`screenshot: ${await t.screenshot('surveys-review-ar')}`);
		await t.clickAndCheck(t.page.locator('.review a').first());
		await t.page.locator('label.tile', { hasText: 'نعم' }).click();
		await t.clickAndCheck(t.page.locator('main form button[name="go"]'));
		await t.visit(`/surveys/${surveyId}?q=review`);
		await expect(main()).resolves.toContain('نعم');
		await t.clickAndCheck(t.page.locator('form[action="?q=review&/submit"] button'));
		await expect(main()).resolves.toContain('شكراً! تم إرسال إجاباتك.');
		console.log(`screenshot: ${await t.screenshot('surveys-thanks-ar')}`);
		expect((await db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)))[0].n).toBe(11);

		// The same browser cannot answer again.
		await t.visit(`/surveys/${surveyId}`);
		await expect(main()).resolves.toContain('شكراً! تم إرسال إجاباتك.');
		expect(await t.page.locator('form[action="?/start"]').count()).toBe(0);
		await t.close();
	});

	it('the officer reads the results as charts and tables, small counts hidden', async () => {
		const t = await open('en', officer);
		await t.visit('/app/surveys');
		await t.clickAndCheck(t.page.locator('main a', { hasText: 'Results' }).first());
		const main = await t.page.locator('main').innerText();
		expect(main).toContain('Responses: 11');
		// Yes 9, No 2, don't know 0: the two small counts are hidden; percentages only for the shown one.
		await expect(t.page.locator('table#t-1').innerText()).resolves.toMatch(/Yes\s+9\s+81\.8 %\s+No\s+fewer than 5\s+—\s+I do not know\s+fewer than 5\s+—/);
		expect(await t.page.locator('svg.bar').count()).toBeGreaterThan(5);
		// Screen readers get the table; the chart is drawn for the eyes only.
		for (const f of await t.page.locator('figure.chart').all()) expect(await f.getAttribute('aria-hidden')).toBe('true');
		await expect(t.page.locator('table#t-2').innerText()).resolves.toMatch(/Work\s+8\s+72\.7 %/);
		console.log(`screenshot: ${await t.screenshot('surveys-results-en')}`);
		// The editor of a published survey: re-wording only, every screen accessible.
		await t.visit(`/app/surveys/${surveyId}`);
		await expect(t.page.locator('main').innerText()).resolves.toContain('its questions and answers can only be re-worded');
		expect(await t.page.locator('form[action="?/addQuestion"]').count()).toBe(0);
		console.log(`screenshot: ${await t.screenshot('surveys-editor-en')}`);
		await t.close();
	});

	it('a screen in English with JavaScript on works the same', async () => {
		const t = await env.tab({ js: true, locale: 'en', viewport: { width: 412, height: 900 } });
		await t.visit(`/surveys/${surveyId}`);
		await t.clickAndCheck(t.page.locator('form[action="?/start"] button'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('Question 1 of 3');
		await t.page.locator('label.tile', { hasText: 'I do not know' }).click();
		console.log(`screenshot: ${await t.screenshot('surveys-question-1-en')}`);
		await t.clickAndCheck(t.page.locator('main form button[name="go"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('Question 2 of 3');
		await t.close();
	});
});
