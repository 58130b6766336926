/**
 * The activities pages and feeds over real HTTP and without JavaScript: the
 * public list and its filters, one activity (a proposal and a forged id are
 * 404 pages), RSVP and cancel by plain form posts, a resident's proposal with
 * bad input, the personal feed link, and the .ics answers (text/calendar,
 * parsed with ical.js).
 */
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { activities, activityRsvps, neighbourhoodHouses, neighbourhoods, organisations } from '../../src/lib/server/db/schema/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let db: TestApp['database']['db'];
let sam: TestUser;
let owner: TestUser;
let orgId: string;
let nbId: string;
const ids = { cooking: '', full: '', proposal: '' };
const FORGED = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const anon = (locale = 'en') => app.client({ locale });
const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const [org] = await db.insert(organisations).values({ slug: 'ap-org', name: 'Casa Aperta', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	owner = await createUser(db, { displayName: 'Owner', totp: true, secondFactor: true });
	await addMember(db, org.id, owner.id, 'owner');
	orgId = org.id;
	const [nb] = await db.insert(neighbourhoods).values({ slug: 'borgo', name: 'Borgo Vecchio' }).returning({ id: neighbourhoods.id });
	nbId = nb.id;
	await db.insert(neighbourhoodHouses).values({ neighbourhoodId: nb.id, organisationId: org.id, name: 'Casa del Borgo' });
	const now = Date.now();
	const rows = await db
		.insert(activities)
		.values([
			{ organisationId: org.id, neighbourhoodId: nb.id, title: 'Cooking, together; "everyone"', description: 'Bring a recipe.', startsAt: new Date(now + 48 * HOUR), endsAt: new Date(now + 50 * HOUR), placeName: 'Casa del Borgo', capacity: 10, childFriendly: true, accessibility: ['step_free'], languages: ['it', 'ar'], translations: { ar: { title: 'الطبخ معاً', description: 'أحضر وصفة.' } } },
			{ organisationId: org.id, neighbourhoodId: nb.id, title: 'Tiny workshop', startsAt: new Date(now + 72 * HOUR), endsAt: new Date(now + 73 * HOUR), onlineUrl: 'https://meet.example.org/tiny', capacity: 1 },
			{ organisationId: org.id, proposedBy: owner.id, neighbourhoodId: nb.id, title: 'Secret proposal', status: 'proposed', startsAt: new Date(now + 96 * HOUR), endsAt: new Date(now + 97 * HOUR), placeName: 'Park' }
		])
		.returning({ id: activities.id });
	[ids.cooking, ids.full, ids.proposal] = rows.map((r) => r.id);
	sam = await createUser(db, { displayName: 'Samira', kind: 'newcomer' });
	// The first render compiles and warms the server: not part of any test's time.
	await app.client({ locale: 'en' }).get('/activities');
}, 180_000);
afterAll(() => app?.stop());

describe('the public pages', () => {
	it('lists published activities with filters; a proposal is not listed; junk filters are ignored', async () => {
		const page = await anon().get('/activities');
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Cooking, together; "everyone"');
		expect(t).toContain('Good for children');
		expect(t).toContain('No steps (wheelchair access)');
		expect(t).not.toContain('Secret proposal');
		expect(text((await anon().get('/activities?child=1')).html)).not.toContain('Tiny workshop');
		const junk = await anon().get(`/activities?kind=%3Cscript%3E&language=xx&from=2026-13-45&neighbourhood=${'x'.repeat(300)}&page=abc`);
		expect(junk.status).toBe(200);
		expect(junk.html).not.toContain('<script>');
		expect((await anon().get('/')).html).toContain('href="/activities"');
	});

	it('shows the Arabic translation, in RTL', async () => {
		const page = await anon('ar').get(`/activities/${ids.cooking}`);
		expect(page.status).toBe(200);
		expect(page.html).toContain('الطبخ معاً');
		expect(page.html).toMatch(/<html[^>]*dir="rtl"/);
	});

	it('a proposal, a forged id and garbage are the 404 page', async () => {
		for (const id of [ids.proposal, FORGED, 'not-an-id']) expect((await as(sam).get(`/activities/${id}`)).status).toBe(404);
	});
});

describe('RSVP without JavaScript', () => {
	it('needs signing in, then says going; the full one puts you on the waiting list; cancel works', async () => {
		const out = await anon().post(`/activities/${ids.cooking}?/rsvp`, {});
		expect(out.status).toBe(303);
		expect(out.location).toMatch(/^\/signin\?next=/);
		const c = as(sam);
		const ok = await c.post(`/activities/${ids.cooking}?/rsvp`, {});
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('You are going. See you there!');
		const again = await c.post(`/activities/${ids.cooking}?/rsvp`, {});
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('You are already signed up.');
		const other = await createUser(db, { displayName: 'Luca' });
		await as(other).post(`/activities/${ids.full}?/rsvp`, {});
		const wait = await c.post(`/activities/${ids.full}?/rsvp`, {});
		expect(text(wait.html)).toContain('You are on the waiting list');
		const me = text((await c.get('/activities/me')).html);
		expect(me).toContain('(number 1 in line)');
		const cancel = await c.post('/activities/me?/cancel', { activityId: ids.full });
		expect(text(cancel.html)).toContain('Done: you are no longer signed up.');
		expect((await c.post('/activities/me?/cancel', { activityId: FORGED })).status).toBe(404);
		const rows = await db.select().from(activityRsvps).where(eq(activityRsvps.userId, sam.id));
		expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'going']);
	});
});

describe('proposing', () => {
	it('refuses bad input in words and keeps it; a good proposal goes to review', async () => {
		const c = as(sam);
		const bad = await c.post('/activities/propose', { neighbourhoodId: nbId, title: '<b>Picnic</b>', date: addDays(cityToday(), 4), start: '14:00', end: '13:00', onlineUrl: 'http://insecure.example.org', placeName: '' });
		expect(bad.status).toBe(400);
		const t = text(bad.html);
		expect(t).toContain('The end must be after the start.');
		expect(t).toContain('The link must start with https://');
		expect(bad.html).toContain('value="&lt;b>Picnic&lt;/b>"');
		expect(bad.html).not.toContain('<b>Picnic');
		const huge = await c.post('/activities/propose', { neighbourhoodId: nbId, title: 'x'.repeat(30_000) });
		expect(huge.status).toBe(400);
		const good = await c.post('/activities/propose', { neighbourhoodId: nbId, title: 'Picnic', date: addDays(cityToday(), 4), start: '12:00', end: '15:00', placeName: 'Parco' });
		expect(good.status).toBe(303);
		expect(good.location).toBe('/activities/me?proposed');
		expect(text((await c.get('/activities/me')).html)).toContain('Waiting for review');
	});
});

describe('calendar feeds', () => {
	it('serves the neighbourhood feed and a single event as text/calendar; the personal feed by its secret', async () => {
		const feed = await anon().get('/activities/calendar/borgo.ics');
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
		expect(events(feed.html).map((e) => e.summary)).toContain('Cooking, together; "everyone"');
		expect(events(feed.html).map((e) => e.summary)).not.toContain('Secret proposal');
		const one = await anon().get(`/activities/${ids.cooking}.ics`);
		expect(one.headers.get('content-type')).toMatch(/^text\/calendar/);
		expect(events(one.html)).toHaveLength(1);
		expect((await anon().get(`/activities/${ids.proposal}.ics`)).status).toBe(404);
		expect((await anon().get('/activities/calendar/nowhere.ics')).status).toBe(404);

		const c = as(sam);
		const made = await c.post('/activities/me?/feed', {});
		const url = /https?:\/\/[^<\s]+\/activities\/feed\/[A-Za-z0-9_-]+\.ics/.exec(made.html)?.[0];
		expect(url).toBeTruthy();
		const path = new URL(url!).pathname;
		const mine = await anon().get(path);
		expect(mine.status).toBe(200);
		expect(events(mine.html).map((e) => e.summary)).toEqual(['Cooking, together; "everyone"']);
		await c.post('/activities/me?/feed', {});
		expect((await anon().get(path)).status).toBe(404);
	});
});

describe('the organisation workspace', () => {
	it('creates an activity by a plain form post, shows who is coming, reviews a proposal, and cancels', async () => {
		const c = as(owner);
		const base = `/app/organisations/${orgId}/activities`;
		expect((await c.get(base)).status).toBe(200);
		expect((await as(sam).get(base)).status).toBe(403);
		const bad = await c.post(`${base}?/create`, { kind: 'event', audience: 'everyone', title: 'Quiz night', date: addDays(cityToday(), 6), start: '20:00', end: '22:00', onlineUrl: 'javascript:alert(1)' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('The link must start with https://');
		const made = await c.post(`${base}?/create`, { kind: 'event', audience: 'everyone', neighbourhoodId: nbId, title: 'Quiz night', date: addDays(cityToday(), 6), start: '20:00', end: '22:00', placeName: 'Bar del Borgo', capacity: '20' });
		expect(made.status).toBe(303);
		const page = await c.get(made.location!);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Nobody yet.');
		const id = made.location!.split('/').pop()!.split('?')[0];
		await as(sam).post(`/activities/${id}?/rsvp`, {});
		expect(text((await c.get(`${base}/${id}`)).html)).toContain('Samira');
		// A resident's proposal in the house's neighbourhood: a rejection needs a reason.
		const noReason = await c.post(`${base}?/review`, { activityId: ids.proposal, decision: 'reject', reason: '' });
		expect(noReason.status).toBe(400);
		expect(text(noReason.html)).toContain('Write a reason.');
		expect((await c.post(`${base}?/review`, { activityId: ids.proposal, decision: 'reject', reason: 'The park is closed.' })).status).toBe(200);
		expect((await db.select().from(activities).where(eq(activities.id, ids.proposal)))[0].status).toBe('rejected');
		const cancelled = await c.post(`${base}/${id}?/cancel`, { reason: 'Snow' });
		expect(text(cancelled.html)).toContain('Cancelled. People told by e-mail: 1.');
		expect((await c.get(`${base}/${FORGED}`)).status).toBe(404);
	});
});
