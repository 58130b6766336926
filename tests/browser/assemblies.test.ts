/**
 * Assemblies in a real browser without JavaScript: a newcomer reading Arabic
 * (right to left) finds her neighbourhood's assembly, joins it, and answers
 * the next meeting asking for an Arabic interpreter; then the secretary, in
 * English, records the minutes of the last meeting and a decision with an
 * owner and a due date, which the public page shows. Every page is checked
 * with axe-core and screenshotted.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/users.ts';
import { assemblies, assemblyDecisions, assemblyMeetings, assemblyMembers, assemblyReplies, neighbourhoods } from '../../src/lib/server/db/schema/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { browserTestApp, type Tab } from './helpers.ts';

const HOUR = 3_600_000;
let newcomer: TestUser;
let secretary: TestUser;
let officer: TestUser;
const ids = { assembly: '', next: '', past: '' };

const env = browserTestApp({
	name: 'assemblies',
	setup: async (app) => {
		const db = app.database.db;
		const [nb] = await db.insert(neighbourhoods).values({ slug: 'trinidad', name: 'La Trinidad' }).returning({ id: neighbourhoods.id });
		newcomer = await createUser(db, { displayName: 'سميرة', kind: 'newcomer' });
		secretary = await createUser(db, { displayName: 'Samir Secretary' });
		officer = await createUser(db, { displayName: 'Olga Officer', platformRole: 'integration_officer', totp: true, secondFactor: true });
		const chair = await createUser(db, { displayName: 'Carmen Chair' });
		const [a] = await db
			.insert(assemblies)
			.values({
				kind: 'neighbourhood',
				neighbourhoodId: nb.id,
				name: 'Trinidad neighbourhood assembly',
				description: 'Every month neighbours meet to decide together.',
				translations: { ar: { name: 'جمعية حي ترينيداد', description: 'يجتمع الجيران كل شهر ليقرروا معاً.' } },
				languages: ['es', 'ar'],
				chairId: chair.id,
				secretaryId: secretary.id
			})
			.returning({ id: assemblies.id });
		ids.assembly = a.id;
		await db.insert(assemblyMembers).values([
			{ assemblyId: a.id, userId: chair.id, status: 'active', joinedAt: new Date() },
			{ assemblyId: a.id, userId: secretary.id, status: 'active', joinedAt: new Date() }
		]);
		const now = Date.now();
		const [next, past] = await db
			.insert(assemblyMeetings)
			.values([
				{ assemblyId: a.id, startsAt: new Date(now + 50 * HOUR), endsAt: new Date(now + 52 * HOUR), placeName: 'Centro Ciudadano', address: 'Calle Mármoles 3', agenda: [{ title: 'Street cleaning', description: 'Report from the district' }, { title: 'Summer festival', description: '' }] },
				{ assemblyId: a.id, startsAt: new Date(now - 50 * HOUR), endsAt: new Date(now - 48 * HOUR), placeName: 'Centro Ciudadano', agenda: [{ title: 'Bins in the square', description: '' }] }
			])
			.returning({ id: assemblyMeetings.id });
		ids.next = next.id;
		ids.past = past.id;
	}
});

async function open(locale: string, user?: TestUser): Promise<Tab> {
	const t = await env.tab({ js: false, locale, viewport: { width: 412, height: 900 } });
	if (user) await t.context.addCookies([{ name: 'convive_session', value: user.token, url: env.app.url }]);
	return t;
}

describe('the assemblies pages', () => {
	it('a newcomer in Arabic joins an assembly without JavaScript and asks for an interpreter', async () => {
		const db = env.app.database.db;
		const t = await open('ar', newcomer);
		await t.visit('/assemblies');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		console.log(`screenshot: ${await t.screenshot('assemblies-list-ar')}`);
		await t.clickAndCheck(t.page.locator('main a', { hasText: 'جمعية حي ترينيداد' }));
		await t.clickAndCheck(t.page.locator('form[action="?/join"] button'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('أهلاً بك! أنت الآن عضو.');
		console.log(`screenshot: ${await t.screenshot('assemblies-joined-ar')}`);

		await t.clickAndCheck(t.page.locator(`main a[href="/assemblies/${ids.assembly}/meetings/${ids.next}"]`).first());
		await t.page.locator('#coming').check();
		await t.page.locator('#interpreter').selectOption('ar');
		await t.clickAndCheck(t.page.locator('form[action="?/reply"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('شكراً، تم حفظ ردك.');
		console.log(`screenshot: ${await t.screenshot('assemblies-reply-ar')}`);
		const [r] = await db.select().from(assemblyReplies).where(and(eq(assemblyReplies.meetingId, ids.next), eq(assemblyReplies.userId, newcomer.id)));
		expect([r.coming, r.interpreter]).toEqual(['yes', 'ar']);
		await t.close();
	});

	it('the secretary records the minutes and a decision, and the public page shows them', async () => {
		const db = env.app.database.db;
		const t = await open('en', secretary);
		await t.visit(`/app/assemblies/${ids.assembly}/meetings/${ids.next}`);
		await expect(t.page.locator('main').innerText()).resolves.toMatch(/العربية\s*: asked by 1 — سميرة/);
		console.log(`screenshot: ${await t.screenshot('assemblies-interpreters-en')}`);

		await t.visit(`/app/assemblies/${ids.assembly}/meetings/${ids.past}`);
		await t.page.locator(`input[name="p_${secretary.id}"][value="present"]`).check();
		await t.page.locator('#guests').fill('4');
		await t.clickAndCheck(t.page.locator('form[action="?/attendance"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('Saved.');
		await t.page.locator('#minutes').fill('We agreed to ask for more bins.\nNext time: the summer festival.');
		await t.clickAndCheck(t.page.locator('form[action="?/minutes"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('The minutes are saved and published.');

		await t.page.locator('#text').fill('Ask the district office for two more bins');
		await t.page.locator('#ownerUserId').selectOption({ label: 'Samir Secretary' });
		await t.page.locator('#dueOn').fill(addDays(cityToday(), 14));
		await t.clickAndCheck(t.page.locator('form[action="?/decide"] button[type="submit"]'));
		await expect(t.page.locator('main').innerText()).resolves.toContain('The decision is recorded.');
		console.log(`screenshot: ${await t.screenshot('assemblies-minutes-decision-en')}`);
		const [d] = await db.select().from(assemblyDecisions).where(eq(assemblyDecisions.meetingId, ids.past));
		expect([d.text, d.ownerUserId, d.status]).toEqual(['Ask the district office for two more bins', secretary.id, 'open']);

		await t.visit(`/assemblies/${ids.assembly}`);
		const main = await t.page.locator('main').innerText();
		expect(main).toContain('Ask the district office for two more bins');
		expect(main).toContain('Who does it: Samir Secretary');
		expect(main).toContain('1 members came, and 4 guests.');
		console.log(`screenshot: ${await t.screenshot('assemblies-public-en')}`);
		await t.close();
	});

	it('the officer\'s workspace pages (list, new assembly, running one, decisions across) pass axe, in English and Arabic', async () => {
		for (const locale of ['en', 'ar']) {
			const t = await open(locale, officer);
			await t.visit('/app/assemblies');
			console.log(`screenshot: ${await t.screenshot(`assemblies-workspace-${locale}`)}`);
			await t.visit(`/app/assemblies/${ids.assembly}`);
			console.log(`screenshot: ${await t.screenshot(`assemblies-run-${locale}`)}`);
			await t.visit('/app/assemblies/decisions?status=open');
			await t.visit(`/app/assemblies/${ids.assembly}/meetings/${ids.past}`);
			await t.close();
		}
	});
});
