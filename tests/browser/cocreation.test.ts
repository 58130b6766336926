/**
 * A call for ideas in a real browser (issue 7), end to end without
 * JavaScript: a newcomer writing Ukrainian sends an idea; a neighbour reading
 * Arabic (right to left) supports it; the call moves to its review and a juror
 * scores it on the call's criteria; the city selects it with a reason and
 * publishes the results, which the public then reads. Every page is checked
 * with axe-core and screenshotted.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { callCriteria, callJurors, calls, ideas, ideaScores, ideaSupports } from '../../src/lib/server/db/schema/index.ts';
import { browserTestApp, type Tab } from './helpers.ts';

const DAY = 86_400_000;
let callId = '';
let olena: TestUser;
let neighbour: TestUser;
let juror: TestUser;
let officer: TestUser;

const env = browserTestApp({
	name: 'cocreation',
	setup: async (app) => {
		const db = app.database.db;
		const now = Date.now();
		const [c] = await db
			.insert(calls)
			.values({ title: 'A warmer welcome', question: 'What would help newcomers and neighbours meet?', rules: 'Any language is welcome.', opensAt: new Date(now - DAY), reviewAt: new Date(now + 10 * DAY), selectionAt: new Date(now + 20 * DAY), resultsAt: new Date(now + 30 * DAY), followUpAt: new Date(now + 40 * DAY), publishedAt: new Date(), translations: { uk: { title: 'Тепліша зустріч', question: 'Що допоможе новоприбулим і сусідам зустрічатися?', rules: '' }, ar: { title: 'ترحيب أدفأ', question: 'ما الذي يساعد القادمين الجدد والجيران على اللقاء؟', rules: '' } } })
			.returning({ id: calls.id });
		callId = c.id;
		await db.insert(callCriteria).values([
			{ callId, name: 'Impact', weight: 3, position: 0 },
			{ callId, name: 'Feasibility', weight: 1, position: 1 }
		]);
		olena = await createUser(db, { displayName: 'Олена', kind: 'newcomer' });
		neighbour = await createUser(db, { displayName: 'سميرة' });
		juror = await createUser(db, { displayName: 'Juror Jo' });
		officer = await createUser(db, { displayName: 'Officer', platformRole: 'integration_officer', totp: true, secondFactor: true });
		await db.insert(callJurors).values({ callId, userId: juror.id });
	}
});

async function open(locale: string, user: TestUser): Promise<Tab> {
	const t = await env.tab({ js: false, locale, viewport: { width: 412, height: 900 } });
	await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

/** Moves the call's dates so that now falls in the given phase (1 review, 2 selection). */
async function phase(k: 1 | 2) {
	const now = Date.now();
	const at = (i: number) => new Date(now + (i - k) * DAY - 3_600_000);
	await env.app.database.db.update(calls).set({ opensAt: at(0), reviewAt: at(1), selectionAt: at(2), resultsAt: at(3), followUpAt: at(4) }).where(eq(calls.id, callId));
}

describe('a call for ideas without JavaScript', () => {
	let ideaId = '';

	it('a newcomer sends an idea in Ukrainian', async () => {
		const t = await open('uk', olena);
		await t.visit(`/calls/${callId}`);
		expect(await t.htmlAttrs()).toEqual({ lang: 'uk', dir: 'ltr' });
		await expect(t.page.locator('h1').innerText()).resolves.toBe('Тепліша зустріч');
		console.log(`screenshot: ${await t.screenshot('cocreation-call-uk')}`);
		await t.clickAndCheck(t.page.locator('main a.btn', { hasText: 'Надіслати ідею' }));
		await t.page.locator('#title').fill('Клуб домашніх завдань у бібліотеці');
		await t.page.locator('#description').fill('Щосуботи старші учні допомагають дітям, які щойно приїхали, з домашніми завданнями.');
		await expect(t.page.locator('#language').inputValue()).resolves.toBe('uk');
		console.log(`screenshot: ${await t.screenshot('cocreation-propose-uk')}`);
		await t.clickAndCheck(t.page.locator('main form button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('Клуб домашніх завдань у бібліотеці');
		const [row] = await env.app.database.db.select().from(ideas).where(eq(ideas.callId, callId));
		expect(row).toMatchObject({ language: 'uk', authorId: olena.id });
		ideaId = row.id;
		expect(t.page.url()).toContain(`/calls/${callId}/ideas/${ideaId}?sent`);
		console.log(`screenshot: ${await t.screenshot('cocreation-idea-sent-uk')}`);
		await t.close();
	});

	it('a neighbour reading Arabic supports it once, right to left', async () => {
		const t = await open('ar', neighbour);
		await t.visit(`/calls/${callId}/ideas/${ideaId}`);
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		// The idea keeps its own language and direction inside the Arabic page.
		await expect(t.page.locator('h1').getAttribute('lang')).resolves.toBe('uk');
		await t.clickAndCheck(t.page.locator('form[action="?/support"] button'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('أنت تؤيد هذه الفكرة.');
		const supports = await env.app.database.db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, ideaId));
		expect(supports.map((s) => s.userId)).toEqual([neighbour.id]);
		console.log(`screenshot: ${await t.screenshot('cocreation-supported-ar')}`);
		await t.close();
	});

	it('in the review, a juror scores it on the call’s criteria', async () => {
		await phase(1);
		const t = await open('en', juror);
		await t.visit(`/app/cocreation/jury/${callId}`);
		const form = t.page.locator('form[action="?/score"]');
		const selects = form.locator('select');
		expect(await selects.count()).toBe(2);
		await selects.nth(0).selectOption('9');
		await selects.nth(1).selectOption('5');
		await form.locator('textarea[name="note"]').fill('Ready to start with the library.');
		console.log(`screenshot: ${await t.screenshot('cocreation-jury-en')}`);
		await t.clickAndCheck(form.locator('button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('Your scores are saved.');
		const scores = await env.app.database.db.select().from(ideaScores).where(eq(ideaScores.ideaId, ideaId));
		expect(scores.map((s) => s.score).sort()).toEqual([5, 9]);
		await t.close();
	});

	it('the city selects it with a reason and publishes the results; the public reads them', async () => {
		await phase(2);
		const t = await open('en', officer);
		await t.visit(`/app/cocreation/calls/${callId}`);
		// (9×3 + 5×1) / 4 = 8.0
		await expect(t.page.locator('main').innerText()).resolves.toContain('8.0 from 1 jurors');
		await t.page.locator('details summary', { hasText: 'Decide' }).first().click();
		const decide = t.page.locator('form[action="?/decide"]').first();
		await decide.locator('input[value="selected"]').check();
		await decide.locator('textarea[name="reason"]').fill('Many supports and a library ready to host it.');
		await t.clickAndCheck(decide.locator('button[type="submit"]'));
		const publish = t.page.locator('form[action="?/publishResults"]');
		await publish.locator('textarea[name="reason"]').fill('Thank you for taking part.');
		await t.clickAndCheck(publish.locator('button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('Results published');
		console.log(`screenshot: ${await t.screenshot('cocreation-results-staff-en')}`);
		await t.close();

		const pub = await env.tab({ js: false, locale: 'uk', viewport: { width: 412, height: 900 } });
		await pub.visit(`/calls/${callId}`);
		const text = await pub.page.locator('main').innerText();
		expect(text).toContain('Клуб домашніх завдань у бібліотеці');
		expect(text).toContain('Many supports and a library ready to host it.');
		console.log(`screenshot: ${await pub.screenshot('cocreation-results-public-uk')}`);
		await pub.close();
		// The author was told, in the app.
		const mine = await open('uk', olena);
		await mine.visit('/account/notifications');
		await expect(mine.page.locator('main').innerText()).resolves.toContain('Клуб домашніх завдань у бібліотеці');
		console.log(`screenshot: ${await mine.screenshot('cocreation-notifications-uk')}`);
		await mine.close();
	});
});
