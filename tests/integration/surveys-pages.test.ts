/**
 * The survey pages over real HTTP, as a browser without JavaScript: the
 * public list in the reader's language, answering one question per screen by
 * plain form posts (progress shown, back and next, review, send), bad input
 * refused with a translated message and nothing changed, a replayed send
 * counted once; the workspace (create, add questions and choices, publish)
 * and the results page with its CSV and XLSX exports.
 */
import { count, eq } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { createUser, signIn, type TestUser } from '../helpers/users.ts';
import { surveyChoices, surveyQuestions, surveyResponses, surveys } from '../../src/lib/server/db/schema/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { zonedInstant } from '../../src/lib/directory/hours.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let officer: TestUser;
let evaluator: TestUser;
let resident: TestUser;
let surveyId: string;
const q: string[] = [];
const c: Record<string, string> = {};
const FORGED = '00000000-0000-4000-8000-000000000000';

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const anon = (locale = 'en') => app.client({ locale });
const responses = async (id: string) => (await db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, id)))[0].n;

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	officer = await createUser(db, { displayName: 'Olga', platformRole: 'integration_officer' });
	evaluator = await createUser(db, { displayName: 'Eva', platformRole: 'evaluator' });
	resident = await createUser(db, { displayName: 'Rami' });
	const [s] = await db
		.insert(surveys)
		.values({
			title: { en: 'Your neighbourhood', ar: 'حيّك' },
			intro: { en: 'Three questions about where you live.', ar: 'ثلاثة أسئلة عن مكان سكنك.' },
			status: 'published',
			opensAt: zonedInstant(addDays(cityToday(), -1), 0),
			closesAt: zonedInstant(addDays(cityToday(), 20), 0)
		})
		.returning({ id: surveys.id });
	surveyId = s.id;
	const qs = await db
		.insert(surveyQuestions)
		.values([
			{ surveyId, position: 1, kind: 'single', prompt: { en: 'Do you feel safe at home?', ar: 'هل تشعر بالأمان في بيتك؟' } },
			{ surveyId, position: 2, kind: 'scale', prompt: { en: 'How are the buses?', ar: 'كيف هي الحافلات؟' } },
			{ surveyId, position: 3, kind: 'text', prompt: { en: 'What would you change?', ar: 'ماذا تغيّر؟' } }
		])
		.returning({ id: surveyQuestions.id });
	q.push(...qs.map((x) => x.id));
	const cs = await db
		.insert(surveyChoices)
		.values([
			{ questionId: q[0], position: 1, label: { en: 'Yes', ar: 'نعم' }, icon: 'yes' },
			{ questionId: q[0], position: 2, label: { en: 'No', ar: 'لا' }, icon: 'no' }
		])
		.returning({ id: surveyChoices.id });
	[c.yes, c.no] = cs.map((x) => x.id);
	await anon().get('/surveys');
}, 180_000);
afterAll(() => app?.stop());

describe('answering without JavaScript', () => {
	it('lists the open survey in Arabic, right to left, and links it from the home page', async () => {
		const page = await anon('ar').get('/surveys');
		expect(page.status).toBe(200);
		expect(page.html).toMatch(/<html[^>]*dir="rtl"/);
		expect(text(page.html)).toContain('حيّك');
		expect((await anon().get('/')).html).toContain('href="/surveys"');
	});

	it('goes one question per screen with progress, back and next, review and send; a replay counts once', async () => {
		const b = anon('ar');
		const intro = await b.get(`/surveys/${surveyId}`);
		expect(text(intro.html)).toContain('ثلاثة أسئلة عن مكان سكنك.');
		expect(intro.html).toContain('action="?/start"');
		// Without a draft a question screen sends back to the start.
		expect((await b.get(`/surveys/${surveyId}?q=2`)).location).toBe(`/surveys/${surveyId}`);

		const start = await b.post(`/surveys/${surveyId}?/start`, {});
		expect(start.status).toBe(303);
		expect(start.location).toBe(`/surveys/${surveyId}?q=1`);
		expect([...b.cookies.keys()]).toContain('convive_survey');
		const one = await b.follow(start);
		expect(text(one.html)).toContain('السؤال 1 من 3');
		expect(one.html).toMatch(/<progress[^>]*max="4"[^>]*value="1"/);
		expect(text(one.html)).toContain('هل تشعر بالأمان في بيتك؟');
		expect(one.html).toContain(`value="${c.yes}"`);
		expect(one.html).not.toContain('كيف هي الحافلات؟');

		const next = await b.post(`/surveys/${surveyId}?q=1&/answer`, { questionId: q[0], choice: c.yes, go: 'next' });
		expect(next.location).toBe(`/surveys/${surveyId}?q=2`);
		const two = await b.follow(next);
		expect(text(two.html)).toContain('السؤال 2 من 3');
		expect(two.html).toContain('name="scale"');
		// Back shows the first answer kept.
		const back = await b.get(`/surveys/${surveyId}?q=1`);
		expect(back.html).toMatch(new RegExp(`value="${c.yes}"[^>]*checked|checked[^>]*value="${c.yes}"`));
		await b.post(`/surveys/${surveyId}?q=2&/answer`, { questionId: q[1], scale: '4', go: 'next' });
		const toReview = await b.post(`/surveys/${surveyId}?q=3&/answer`, { questionId: q[2], text: '<script>alert(1)</script> بنش أكثر', go: 'next' });
		expect(toReview.location).toBe(`/surveys/${surveyId}?q=review`);
		const review = await b.follow(toReview);
		expect(review.html).not.toContain('<script>alert(1)</script>');
		expect(review.html).toContain('&lt;script>alert(1)&lt;/script> بنش أكثر');
		expect(text(review.html)).toContain('نعم');

		const sent = await b.post(`/surveys/${surveyId}?q=review&/submit`, {});
		expect(sent.status).toBe(303);
		const thanks = await b.follow(sent);
		expect(text(thanks.html)).toContain('شكراً! تم إرسال إجاباتك.');
		expect(await responses(surveyId)).toBe(1);

		const replay = await b.post(`/surveys/${surveyId}?q=review&/submit`, {});
		expect(replay.status).toBe(409);
		expect(text(replay.html)).toContain('تم إرسال هذه الإجابات من قبل');
		expect(await responses(surveyId)).toBe(1);
		// The browser now knows it answered: starting again is refused.
		const again = await b.post(`/surveys/${surveyId}?/start`, {});
		expect(again.status).toBe(409);
		expect(await responses(surveyId)).toBe(1);
	});

	it('refuses bad answers with a clear message and keeps the draft as it was', async () => {
		const b = anon();
		await b.post(`/surveys/${surveyId}?/start`, {});
		const cases: [Record<string, string | string[]>, number, string][] = [
			[{ questionId: FORGED, choice: c.yes }, 400, 'That question is not part of this survey.'],
			[{ questionId: 'not-a-uuid', choice: c.yes }, 400, 'That question is not part of this survey.'],
			[{ questionId: q[0], choice: FORGED }, 400, 'That answer is not one of this question’s choices.'],
			[{ questionId: q[0], choice: [c.yes, c.no] }, 400, 'Please choose only one answer.'],
			[{ questionId: q[1], scale: '9' }, 400, 'Please choose one of the five faces.'],
			[{ questionId: q[1], text: 'hello' }, 400, 'That kind of answer does not fit this question.'],
			[{ questionId: q[2], text: 'x'.repeat(100 * 1024) }, 400, 'This is too long'],
			[{ questionId: q[2], text: 'x'.repeat(1001) }, 400, 'This is too long']
		];
		for (const [form, status, message] of cases) {
			const r = await b.post(`/surveys/${surveyId}?q=1&/answer`, form);
			expect(r.status, JSON.stringify(form).slice(0, 60)).toBe(status);
			expect(text(r.html)).toContain(message);
		}
		const review = await b.get(`/surveys/${surveyId}?q=review`);
		expect((text(review.html).match(/Skipped/g) ?? []).length).toBe(3);
		// Without a draft (expired, or never started): refused, and the start page says why.
		const stale = await anon().post(`/surveys/${surveyId}?q=2&/answer`, { questionId: q[1], scale: '3' });
		expect(stale.status).toBe(409);
		expect(text(stale.html)).toContain('Your answers in progress have expired');
		// A post from another site is refused by the framework.
		expect((await b.post(`/surveys/${surveyId}?q=1&/answer`, { questionId: q[0], choice: c.yes }, { origin: 'https://evil.example' })).status).toBe(403);
		expect(await responses(surveyId)).toBe(1);
	});

	it('shows a forged survey and a draft as the 404 page, and a closed one as closed', async () => {
		expect((await anon().get(`/surveys/${FORGED}`)).status).toBe(404);
		expect((await anon().get(`/surveys/1'%20or%201=1--`)).status).toBe(404);
		const [draft] = await db.insert(surveys).values({ title: { en: 'Secret draft' }, opensAt: new Date(), closesAt: new Date(Date.now() + 86_400_000) }).returning({ id: surveys.id });
		expect((await anon().get(`/surveys/${draft.id}`)).status).toBe(404);
		expect(text((await anon().get('/surveys')).html)).not.toContain('Secret draft');
		const [closed] = await db.insert(surveys).values({ title: { en: 'Old survey' }, status: 'closed', opensAt: new Date(Date.now() - 9e8), closesAt: new Date(Date.now() - 1e8) }).returning({ id: surveys.id });
		const page = await anon().get(`/surveys/${closed.id}`);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('This survey is closed.');
		expect((await anon().post(`/surveys/${closed.id}?/start`, {})).status).toBe(409);
	});

	it('a signed-in person answers once', async () => {
		const b = as(resident);
		await b.post(`/surveys/${surveyId}?/start`, {});
		await b.post(`/surveys/${surveyId}?q=1&/answer`, { questionId: q[0], choice: c.no });
		expect((await b.post(`/surveys/${surveyId}?q=review&/submit`, {})).status).toBe(303);
		// Even from a fresh browser (no cookies but the session).
		const fresh = as(resident);
		expect(text((await fresh.get(`/surveys/${surveyId}`)).html)).toContain('You have already answered this survey.');
		expect((await fresh.post(`/surveys/${surveyId}?/start`, {})).status).toBe(409);
		expect(await responses(surveyId)).toBe(2);
	});
});

describe('the workspace', () => {
	it('is for city staff: a resident is refused, a visitor sent to sign in', async () => {
		expect((await as(resident).get('/app/surveys')).status).toBe(403);
		expect((await anon().get('/app/surveys')).location).toMatch(/^\/signin/);
		expect((await as(evaluator).get('/app/surveys')).status).toBe(200);
		expect((await as(evaluator).get(`/app/surveys/${surveyId}`)).status).toBe(403);
		expect((await as(resident).post('/app/surveys?/create', { title_en: 'x', opensOn: cityToday(), closesOn: cityToday() })).status).toBe(403);
		expect((await as(officer).get('/app')).html).toContain('href="/app/surveys"');
		expect((await as(resident).get('/app')).html).not.toContain('href="/app/surveys"');
	});

	it('creates a survey, adds questions and choices, publishes it; bad input changes nothing', async () => {
		const b = as(officer);
		const bad = await b.post('/app/surveys?/create', { title_en: '', title_ar: 'عنوان', opensOn: '2026-13-01', closesOn: cityToday() });
		expect(bad.status).toBe(400);
		const n = (await db.select({ n: count() }).from(surveys))[0].n;
		const made = await b.post('/app/surveys?/create', { title_en: 'Kids and school', title_fa: 'بچه‌ها و مدرسه', opensOn: cityToday(), closesOn: addDays(cityToday(), 10), identity: 'anonymous' });
		expect(made.status).toBe(303);
		const id = /\/app\/surveys\/([0-9a-f-]{36})/.exec(made.location ?? '')![1];
		expect((await db.select({ n: count() }).from(surveys))[0].n).toBe(n + 1);
		const added = await b.post(`/app/surveys/${id}?/addQuestion`, { kind: 'single', prompt_en: 'Does your child like school?' });
		expect(added.status).toBe(200);
		const [question] = await db.select({ id: surveyQuestions.id }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, id));
		expect((await b.post(`/app/surveys/${id}?/addChoice`, { questionId: question.id, label_en: 'Yes', icon: 'bomb' })).status).toBe(400);
		expect((await b.post(`/app/surveys/${id}?/addChoice`, { questionId: q[0], label_en: 'Yes', icon: 'yes' })).status).toBe(404);
		await b.post(`/app/surveys/${id}?/addChoice`, { questionId: question.id, label_en: 'Yes', icon: 'happy' });
		const early = await b.post(`/app/surveys/${id}?/publish`, {});
		expect(early.status).toBe(409);
		expect(text(early.html)).toContain('Every choice question needs at least two answers before publishing.');
		await b.post(`/app/surveys/${id}?/addChoice`, { questionId: question.id, label_en: 'No', icon: 'sad' });
		expect((await b.post(`/app/surveys/${id}?/publish`, {})).status).toBe(200);
		const page = await b.get(`/app/surveys/${id}`);
		expect(text(page.html)).toContain('Published');
		expect((await b.post(`/app/surveys/${id}?/addQuestion`, { kind: 'text', prompt_en: 'Late' })).status).toBe(409);
		expect(text((await anon('fa').get('/surveys')).html)).toContain('بچه‌ها و مدرسه');
		expect((await b.get(`/app/surveys/${FORGED}`)).status).toBe(404);
	});

	it('shows results with small counts hidden, and exports them as CSV and XLSX', async () => {
		// Eight more answers of "Yes" and "Very good": Yes 9, No 1; faces 4 ×1, 5 ×8.
		const full = await db.select().from(surveys).where(eq(surveys.id, surveyId));
		expect(full).toHaveLength(1);
		for (let i = 0; i < 8; i++) {
			const b = anon();
			await b.post(`/surveys/${surveyId}?/start`, {});
			await b.post(`/surveys/${surveyId}?q=1&/answer`, { questionId: q[0], choice: c.yes });
			await b.post(`/surveys/${surveyId}?q=2&/answer`, { questionId: q[1], scale: '5' });
			await b.post(`/surveys/${surveyId}?q=review&/submit`, {});
		}
		expect(await responses(surveyId)).toBe(10);
		const page = await as(officer).get(`/app/surveys/${surveyId}/results`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('fewer than 5');
		expect(page.html).toContain('<svg');
		expect(page.html).toContain('<table');
		expect((await as(resident).get(`/app/surveys/${surveyId}/results`)).status).toBe(403);
		expect((await as(officer).get(`/app/surveys/${FORGED}/results`)).status).toBe(404);

		const csv = await as(evaluator).get(`/app/surveys/${surveyId}/results.csv`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const rows: string[][] = parseCsv(csv.html, { bom: true });
		// "No" is 1, so hidden; "Yes" would give it away (10 − 9), so it is hidden too; the total shows.
		expect(rows.find((r) => r[2] === 'No')?.[3]).toBe('fewer than 5');
		expect(rows.find((r) => r[2] === 'Yes')?.[3]).toBe('fewer than 5');
		expect(rows.find((r) => r[0] === '1' && r[2] === 'Answered this question')?.[3]).toBe('10');
		expect(rows.find((r) => r[2] === '5 · Very good')?.slice(3)).toEqual(['8', '88.9']);
		expect(rows.find((r) => r[2] === '4 · Good')?.slice(3)).toEqual(['fewer than 5', '']);
		const res = await fetch(`${app.url}/app/surveys/${surveyId}/results.xlsx`, { headers: { cookie: `convive_session=${officer.token}` } });
		expect(res.headers.get('content-type')).toContain('spreadsheetml');
		const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
		expect(sheet.data.find((r) => r[2] === '5 · Very good')?.[3]).toBe(8);
		expect(sheet.data.find((r) => r[2] === 'Yes')?.[3]).toBe('fewer than 5');
		expect((await as(resident).get(`/app/surveys/${surveyId}/results.csv`)).status).toBe(403);
	});
});
