/**
 * The buddy-programme pages over real HTTP and without JavaScript (issue 6,
 * decision 020): the public list and a programme (a closed or forged id is
 * the 404 page, Arabic is right to left), applying (signed out goes to
 * sign-in, twice is refused in words, hostile input is refused and changes
 * nothing), a coordinator running and confirming a matching, answering a
 * check-in (an outsider gets the 404 page, twice is refused), the
 * coordinator's low-wellbeing flag, and ending a pair.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { buddyApplications, buddyCheckIns, buddyPairs, buddyProgrammes, neighbourhoods, organisations } from '../../src/lib/server/db/schema/index.ts';
import { cityToday } from '../../src/lib/server/guardianship/age.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgId: string;
let programmeId: string;
let closedId: string;
let amina: TestUser;
let giulia: TestUser;
let outsider: TestUser;
let coordinator: TestUser;
let member: TestUser;
let nbId: string;
const FORGED = '00000000-0000-4000-8000-000000000000';

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const anon = (locale = 'en') => app.client({ locale });
const ws = () => `/app/organisations/${orgId}/buddies/${programmeId}`;

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const [org] = await db.insert(organisations).values({ slug: 'bp-a', name: 'Casa Kompis', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	orgId = org.id;
	const [nb] = await db.insert(neighbourhoods).values({ slug: 'borgo', name: 'Borgo Vecchio' }).returning({ id: neighbourhoods.id });
	nbId = nb.id;
	const rows = await db
		.insert(buddyProgrammes)
		.values([
			{ organisationId: orgId, kind: 'buddy', name: 'Kompis Porto', description: 'Meet every week.', criteria: 'Adults new to the city.', translations: { ar: { name: 'رفقاء الميناء', description: 'لقاء كل أسبوع.' } } },
			{ organisationId: orgId, kind: 'mentoring_work', name: 'Closed mentoring', status: 'closed' }
		])
		.returning({ id: buddyProgrammes.id });
	[programmeId, closedId] = rows.map((r) => r.id);
	amina = await createUser(db, { displayName: 'Amina', kind: 'newcomer' });
	giulia = await createUser(db, { displayName: 'Giulia', kind: 'resident' });
	outsider = await createUser(db, { displayName: 'Otto', kind: 'resident' });
	coordinator = await createUser(db, { displayName: 'Chiara', totp: true, secondFactor: true });
	await addMember(db, orgId, coordinator.id, 'coordinator');
	member = await createUser(db, { displayName: 'Mario' });
	await addMember(db, orgId, member.id, 'member');
});
afterAll(() => app?.stop());

describe('the public pages', () => {
	it('lists open programmes only, and the home page links to them', async () => {
		const page = await anon().get('/buddies');
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Kompis Porto');
		expect(t).toContain('Run by Casa Kompis');
		expect(t).not.toContain('Closed mentoring');
		expect((await anon().get('/')).html).toContain('href="/buddies"');
	});

	it('shows a programme in Arabic, right to left, with its translation; closed and forged ids are 404 pages', async () => {
		const page = await anon('ar').get(`/buddies/${programmeId}`);
		expect(page.status).toBe(200);
		expect(page.html).toMatch(/<html[^>]*dir="rtl"/);
		expect(page.html).toContain('رفقاء الميناء');
		expect(text(page.html)).toContain('سجّل الدخول لتقديم طلب');
		for (const id of [closedId, FORGED, "1'%20or%201=1--"]) expect((await anon().get(`/buddies/${id}`)).status).toBe(404);
	});
});

describe('applying without JavaScript', () => {
	it('needs signing in; refuses bad input in words and keeps nothing; refuses applying twice', async () => {
		const signedOut = await anon().post(`/buddies/${programmeId}?/apply`, { languages: 'ar' });
		expect(signedOut.status).toBe(303);
		expect(signedOut.location).toMatch(/^\/signin\?next=/);

		const c = as(amina);
		const form = await c.get(`/buddies/${programmeId}`);
		expect(form.html).not.toMatch(/name="(residence|permit|status)[^"]*"/);
		const none = await c.post(`/buddies/${programmeId}?/apply`, { preferredGender: 'woman' });
		expect(none.status).toBe(400);
		expect(text(none.html)).toContain('Choose at least one language you speak.');
		const hostile = await c.post(`/buddies/${programmeId}?/apply`, { languages: ['ar', '<script>'], availability: ['99'], gender: 'robot', neighbourhoodId: FORGED });
		expect(hostile.status).toBe(400);
		const huge = await c.post(`/buddies/${programmeId}?/apply`, { languages: 'ar', note: 'x'.repeat(30_000) });
		expect([400, 413]).toContain(huge.status);
		expect(await db.select().from(buddyApplications)).toHaveLength(0);

		const ok = await c.post(`/buddies/${programmeId}?/apply`, { side: 'newcomer', languages: ['ar', 'it'], interests: 'food', gender: 'woman', preferredGender: 'woman', neighbourhoodId: nbId, availability: ['0', '1'], note: '<b>hi</b>' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('Thank you: your application was received.');
		const again = await c.post(`/buddies/${programmeId}?/apply`, { languages: 'ar' });
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('You have already applied to this programme.');
		const [row] = await db.select().from(buddyApplications);
		expect(row.note).toBe('<b>hi</b>');
		expect(row.side).toBe('newcomer');

		const g = await as(giulia).post(`/buddies/${programmeId}?/apply`, { side: 'resident', languages: ['it', 'ar'], gender: 'woman', preferredGender: 'any', availability: ['0'] });
		expect(g.status).toBe(200);
		const o = await as(outsider).post(`/buddies/${programmeId}?/apply`, { side: 'resident', languages: ['it', 'ar'], gender: 'man', preferredGender: 'any' });
		expect(o.status).toBe(200);
	});
});

describe('the coordinator runs and confirms a matching', () => {
	it('is refused to a plain member; the coordinator sees explained proposals that keep the gender preference', async () => {
		expect((await as(member).get(ws())).status).toBe(403);
		expect((await as(coordinator).get(`/app/organisations/${orgId}/buddies/${FORGED}`)).status).toBe(404);
		const c = as(coordinator);
		const list = await c.get(`/app/organisations/${orgId}/buddies`);
		expect(list.status).toBe(200);
		expect(text(list.html)).toContain('Kompis Porto');
		const run = await c.post(`${ws()}?/run`, {});
		expect(run.status).toBe(200);
		expect(text(run.html)).toContain('1 pairs proposed for 1 newcomers and 2 residents.');
		const page = await c.get(ws());
		const t = text(page.html);
		expect(t).toContain('Confirm Amina with Giulia');
		expect(t).not.toContain('Confirm Amina with Otto');
		expect(t).toMatch(/languages? in common|Arabic/i);
	});

	it('translates the programme into Italian; a bad language is refused in words', async () => {
		const c = as(coordinator);
		const bad = await c.post(`${ws()}?/translate`, { locale: 'xx', trName: 'Nome' });
		expect(bad.status).toBe(400);
		const ok = await c.post(`${ws()}?/translate`, { locale: 'it', trName: 'Kompis Porto (italiano)', trDescription: 'Ci si incontra ogni settimana.' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('The translation was saved.');
		expect(text((await anon('it').get(`/buddies/${programmeId}`)).html)).toContain('Kompis Porto (italiano)');
	});

	it('refuses a forged proposal in words and confirms the real one', async () => {
		const c = as(coordinator);
		const forged = await c.post(`${ws()}?/confirm`, { confirm: FORGED });
		expect(forged.status).toBe(409);
		expect(text(forged.html)).toContain('A proposal you chose is no longer open.');
		const [p] = await db.select().from(buddyPairs).where(eq(buddyPairs.status, 'proposed'));
		const ok = await c.post(`${ws()}?/confirm`, { confirm: p.id });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('1 pairs confirmed; both sides were e-mailed.');
		const replay = await c.post(`${ws()}?/confirm`, { confirm: p.id });
		expect(replay.status).toBe(409);
	});
});

describe('check-ins and ending, without JavaScript', () => {
	it('lets Amina answer her due check-in once; an outsider gets the 404 page', async () => {
		const [pair] = await db.select().from(buddyPairs).where(eq(buddyPairs.status, 'active'));
		const [first] = await db.select().from(buddyCheckIns).where(eq(buddyCheckIns.pairId, pair.id)).orderBy(buddyCheckIns.dueOn).limit(1);
		await db.update(buddyCheckIns).set({ dueOn: cityToday() }).where(eq(buddyCheckIns.id, first.id));
		const c = as(amina);
		const me = await c.get('/buddies/me');
		expect(text(me.html)).toContain('Kompis Porto: your buddy is Giulia');
		expect(text(me.html)).toContain('How is it going with your buddy?');
		expect((await as(outsider).post('/buddies/me?/checkin', { checkInId: first.id, wellbeing: '5' })).status).toBe(404);
		const missing = await c.post('/buddies/me?/checkin', { checkInId: first.id });
		expect(missing.status).toBe(400);
		expect(text(missing.html)).toContain('Choose how it is going.');
		const ok = await c.post('/buddies/me?/checkin', { checkInId: first.id, wellbeing: '2', note: 'We could not meet.' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('Thank you for your answer.');
		expect(text(ok.html)).toContain('Your answer: 😞 Bad');
		const twice = await c.post('/buddies/me?/checkin', { checkInId: first.id, wellbeing: '4' });
		expect(twice.status).toBe(409);
		expect(text(twice.html)).toContain('You have already answered this check-in.');
		// The coordinator sees the flag; Giulia never sees Amina's answer.
		expect(text((await as(coordinator).get(ws())).html)).toContain('Low wellbeing: get in touch');
		const hers = text((await as(giulia).get('/buddies/me')).html);
		expect(hers).toContain('your buddy is Amina');
		expect(hers).not.toContain('Your answer');
		expect(hers).not.toContain('We could not meet.');
	});

	it('ends the pair with feedback; ending twice is refused', async () => {
		const [pair] = await db.select().from(buddyPairs).where(eq(buddyPairs.status, 'active'));
		const c = as(amina);
		expect((await as(outsider).post('/buddies/me?/end', { pairId: pair.id, reason: 'other', rating: '3' })).status).toBe(404);
		const ok = await c.post('/buddies/me?/end', { pairId: pair.id, reason: 'no_time', rating: '4', comment: 'Thank you!' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('The pair has ended. Thank you for your feedback.');
		const twice = await c.post('/buddies/me?/end', { pairId: pair.id, reason: 'no_time', rating: '4' });
		expect(twice.status).toBe(409);
		expect(text(twice.html)).toContain('This pair has already ended.');
		const [row] = await db.select().from(buddyPairs).where(and(eq(buddyPairs.id, pair.id)));
		expect(row.endReason).toBe('no_time');
	});
});
