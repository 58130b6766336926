/**
 * Validation panels in a real browser without JavaScript: a panel member
 * reading Tigrinya answers a picture-choice question (large tiles, chosen
 * with the keyboard) and a free-text one; the officer then sees her answer
 * side by side, with its language; the pool's opt-in form in Arabic (right
 * to left). Every page is checked with axe-core and screenshotted.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { panelAnswers, panelDrafts, panelImages, panelMembers, panelPool, panelQuestions, panels } from '../../src/lib/server/db/schema/index.ts';
import { png } from '../fixtures/documents-files.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let member: TestUser;
let officer: TestUser;
let newcomer: TestUser;
let panelId: string;
let draftId: string;

const env = browserTestApp({
	name: 'panels',
	setup: async (app) => {
		const db = app.database.db;
		member = await createUser(db, { displayName: 'Selam Tesfay', kind: 'newcomer' });
		newcomer = await createUser(db, { displayName: 'سميرة', kind: 'newcomer' });
		officer = await createUser(db, { displayName: 'Officer Rossi', platformRole: 'integration_officer', totp: true, secondFactor: true });
		await db.insert(panelPool).values({ userId: member.id, languages: ['ti', 'en'], ageBand: '25_34', gender: 'woman', services: ['housing'], consentedAt: new Date() });
		const [p] = await db.insert(panels).values({ name: 'New welcome leaflet', purpose: 'Is the new leaflet clear?', languages: ['en', 'ti', 'ar'], targets: [{ dimension: 'language', value: 'ti', min: 1 }] }).returning({ id: panels.id });
		panelId = p.id;
		await db.insert(panelMembers).values({ panelId, userId: member.id, status: 'accepted', respondedAt: new Date() });
		const [d] = await db.insert(panelDrafts).values({ panelId, title: 'The new welcome leaflet', body: 'Page 1 says where to find help, in six languages.', status: 'open', sharedAt: new Date() }).returning({ id: panelDrafts.id });
		draftId = d.id;
		const picture = png(120, 90);
		const [img] = await db.insert(panelImages).values({ panelId, mediaType: 'image/png', size: picture.length, width: 120, height: 90, alt: 'Leaflet B', bytes: picture }).returning({ id: panelImages.id });
		await db.insert(panelQuestions).values([
			{
				draftId,
				position: 1,
				kind: 'choice',
				text: { en: 'Which front page is easier to understand?', ti: 'ኣየናይ ቀዳማይ ገጽ ንምርዳእ ይቐልል?', ar: 'أي صفحة أمامية أسهل للفهم؟' },
				choices: [
					{ key: 'c1', pictogram: 'document', imageId: null, label: { en: 'Leaflet A', ti: 'ወረቐት ሀ', ar: 'النشرة أ' } },
					{ key: 'c2', pictogram: null, imageId: img.id, label: { en: 'Leaflet B', ti: 'ወረቐት ለ', ar: 'النشرة ب' } },
					{ key: 'c3', pictogram: 'unsure', imageId: null, label: { en: 'Not sure', ti: 'ርግጸኛ ኣይኮንኩን', ar: 'لست متأكدًا' } }
				]
			},
			{ draftId, position: 2, kind: 'text', text: { en: 'What is missing?', ti: 'እንታይ ጎዲሉ?', ar: 'ما الذي ينقص؟' }, choices: [] }
		]);
	}
});

async function open(locale: string, user: TestUser): Promise<Tab> {
	const t = await env.tab({ js: false, locale, viewport: { width: 412, height: 900 } });
	await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe('validation panels', () => {
	it('a member answers a picture-choice question in Tigrinya without JavaScript, then the officer sees it side by side', async () => {
		const db = env.app.database.db;
		const t = await open('ti', member);
		await t.visit('/panels/me');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ti', dir: 'ltr' });
		await t.clickAndCheck(t.page.locator('main a', { hasText: 'The new welcome leaflet' }));
		await expect(t.page.locator('main').innerText()).resolves.toContain('ኣየናይ ቀዳማይ ገጽ ንምርዳእ ይቐልል?');
		// The uploaded picture of a choice loads for a member.
		const pic = t.page.locator('.tile img');
		await expect(pic.evaluate((el) => (el as HTMLImageElement).naturalWidth)).resolves.toBe(120);
		console.log(`screenshot: ${await t.screenshot('panels-draft-ti')}`);
		// With the keyboard: to the first tile, then the arrow key to the picture of leaflet B.
		await t.tabTo('input[type="radio"][value="c1"]');
		await t.page.keyboard.press('ArrowDown');
		expect(await t.focusedMatches('input[value="c2"]')).toBe(true);
		await expect(t.page.locator('input[value="c2"]').isChecked()).resolves.toBe(true);
		await t.page.locator('textarea').fill('ቁጽሪ ተሌፎን ይጎድል።');
		await t.clickAndCheck(t.page.locator('main form button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('መልስታትካ ተዓቂቦም');
		await expect(t.page.locator('input[value="c2"]').isChecked()).resolves.toBe(true);
		console.log(`screenshot: ${await t.screenshot('panels-answered-ti')}`);
		const rows = await db.select().from(panelAnswers).orderBy(panelAnswers.text);
		expect(rows.map((r) => [r.choice, r.text, r.language])).toEqual(
			expect.arrayContaining([
				['c2', null, 'ti'],
				[null, 'ቁጽሪ ተሌፎን ይጎድል።', 'ti']
			])
		);
		await t.close();

		const o = await open('en', officer);
		await o.visit(`/app/panels/${panelId}/drafts/${draftId}`);
		const main = await o.page.locator('main').innerText();
		expect(main).toContain('Selam Tesfay');
		expect(main).toContain('ትግርኛ');
		expect(main).toContain('Leaflet B');
		expect(main).toContain('ቁጽሪ ተሌፎን ይጎድል።');
		expect(main).toContain('1 chose this');
		console.log(`screenshot: ${await o.screenshot('panels-side-by-side-en')}`);
		await o.visit(`/app/panels/${panelId}`);
		await expect(o.page.locator('main').innerText()).resolves.toContain('Covered');
		console.log(`screenshot: ${await o.screenshot('panels-panel-en')}`);
		await o.close();
	});

	it('the same draft in Arabic reads right to left', async () => {
		const t = await open('ar', member);
		await t.visit(`/panels/${panelId}/drafts/${draftId}`);
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		await expect(t.page.locator('main').innerText()).resolves.toContain('أي صفحة أمامية أسهل للفهم؟');
		console.log(`screenshot: ${await t.screenshot('panels-draft-ar')}`);
		await t.close();
	});

	it('a newcomer opts in in Arabic; a child is refused in words', async () => {
		const db = env.app.database.db;
		const t = await open('ar', newcomer);
		await t.visit('/panels/join');
		console.log(`screenshot: ${await t.screenshot('panels-join-ar')}`);
		await t.page.locator('input[name="languages"][value="ar"]').check();
		await t.page.locator('input[name="ageBand"][value="under_18"]').check();
		await t.page.locator('input[name="consent"]').check();
		await t.clickAndCheck(t.page.locator('main form[action="?/join"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('المجموعات للأشخاص الذين أعمارهم 18 سنة فأكثر');
		console.log(`screenshot: ${await t.screenshot('panels-join-child-ar')}`);
		await t.page.locator('input[name="ageBand"][value="18_24"]').check();
		await t.page.locator('input[name="consent"]').check();
		await t.clickAndCheck(t.page.locator('main form[action="?/join"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('أنت الآن في القائمة');
		const [row] = await db.select().from(panelPool).where(eq(panelPool.userId, newcomer.id));
		expect(row).toMatchObject({ languages: ['ar'], ageBand: '18_24' });
		await t.close();
	});
});
