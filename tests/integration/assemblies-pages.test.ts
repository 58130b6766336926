/**
 * The assemblies pages and calendars over real HTTP and without JavaScript:
 * the public list and page (a count for everyone, names only for members and
 * staff), Arabic right to left, forged and foreign ids as 404 pages, joining
 * and answering with an interpreter request by plain form posts, the chair's
 * view of interpreter requests, the secretary's minutes and decisions with bad
 * input refused and nothing changed, the officers' decisions list, and the
 * .ics answers (text/calendar, parsed with ical.js).
 */
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { createUser, signIn, type TestUser } from '../helpers/users.ts';
import { assemblies, assemblyAttendance, assemblyDecisions, assemblyMeetings, assemblyMembers, assemblyReplies, emailOutbox, neighbourhoods } from '../../src/lib/server/db/schema/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let db: TestApp['database']['db'];
let officer: TestUser;
let chair: TestUser;
let secretary: TestUser;
let amina: TestUser;
let outsider: TestUser;
const ids = { open: '', other: '', next: '', past: '', otherMeeting: '' };
const FORGED = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const anon = (locale = 'en') => app.client({ locale });
const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	officer = await createUser(db, { displayName: 'Olga Officer', platformRole: 'integration_officer', totp: true, secondFactor: true });
	chair = await createUser(db, { displayName: 'Carmen Chair' });
	secretary = await createUser(db, { displayName: 'Samir Secretary' });
	amina = await createUser(db, { displayName: 'Amina Newcomer', kind: 'newcomer' });
	outsider = await createUser(db, { displayName: 'Otto Outsider' });
	const [nb] = await db.insert(neighbourhoods).values({ slug: 'trinidad', name: 'La Trinidad' }).returning({ id: neighbourhoods.id });
	const [a, b] = await db
		.insert(assemblies)
		.values([
			{ kind: 'neighbourhood', neighbourhoodId: nb.id, name: 'Trinidad assembly', description: 'Monthly <b>meetings</b>', translations: { ar: { name: 'جمعية حي ترينيداد', description: 'اجتماعات شهرية' } }, languages: ['es', 'ar'], chairId: chair.id, secretaryId: secretary.id },
			{ kind: 'thematic', theme: 'Housing', name: 'Housing assembly', joinRule: 'request' }
		])
		.returning({ id: assemblies.id });
	ids.open = a.id;
	ids.other = b.id;
	await db.insert(assemblyMembers).values([
		{ assemblyId: a.id, userId: chair.id, status: 'active', joinedAt: new Date() },
		{ assemblyId: a.id, userId: secretary.id, status: 'active', joinedAt: new Date() }
	]);
	const now = Date.now();
	const [next, past, other] = await db
		.insert(assemblyMeetings)
		.values([
			{ assemblyId: a.id, startsAt: new Date(now + 72 * HOUR), endsAt: new Date(now + 74 * HOUR), placeName: 'Centro Ciudadano', address: 'Calle Mármoles 3', agenda: [{ title: 'Street cleaning', description: 'Report' }, { title: 'Festival, "summer"; plans', description: '' }] },
			{ assemblyId: a.id, startsAt: new Date(now - 48 * HOUR), endsAt: new Date(now - 46 * HOUR), placeName: 'Centro Ciudadano' },
			{ assemblyId: b.id, startsAt: new Date(now + 96 * HOUR), endsAt: new Date(now + 97 * HOUR), onlineUrl: 'https://meet.example.org/housing' }
		])
		.returning({ id: assemblyMeetings.id });
	ids.next = next.id;
	ids.past = past.id;
	ids.otherMeeting = other.id;
	// The first render compiles and warms the server: not part of any test's time.
	await anon().get('/assemblies');
}, 180_000);
afterAll(() => app?.stop());

describe('the public pages', () => {
	it('lists assemblies with their member count; the home page links them; nobody signed out sees a name', async () => {
		const list = text((await anon().get('/assemblies')).html);
		expect(list).toContain('Trinidad assembly');
		expect(list).toContain('2 members');
		expect(list).toContain('Ask to join: the chair accepts');
		expect((await anon().get('/')).html).toContain('href="/assemblies"');
		const page = await anon().get(`/assemblies/${ids.open}`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Street cleaning');
		expect(t).not.toContain('Carmen Chair');
		expect(page.html).not.toContain('<b>meetings</b>');
		expect(text((await as(outsider).get(`/assemblies/${ids.open}`)).html)).not.toContain('Carmen Chair');
		expect(text((await as(secretary).get(`/assemblies/${ids.open}`)).html)).toContain('Carmen Chair — Chair');
	});

	it('shows the Arabic name, right to left', async () => {
		const page = await anon('ar').get(`/assemblies/${ids.open}`);
		expect(page.html).toMatch(/<html[^>]*dir="rtl"/);
		expect(page.html).toContain('جمعية حي ترينيداد');
		expect(page.html).toContain('سجّل الدخول لتشارك');
	});

	it('a forged id, garbage, and a meeting of another assembly are 404 pages', async () => {
		for (const path of [`/assemblies/${FORGED}`, '/assemblies/not-an-id', `/assemblies/${ids.open}/meetings/${ids.otherMeeting}`, `/assemblies/${ids.open}/meetings/${ids.otherMeeting}.ics`, `/assemblies/${FORGED}.ics`]) {
			expect((await anon().get(path)).status, path).toBe(404);
		}
	});

	it('serves the meeting and the feed as text/calendar, parsed by ical.js', async () => {
		const one = await anon().get(`/assemblies/${ids.open}/meetings/${ids.next}.ics`);
		expect(one.headers.get('content-type')).toContain('text/calendar');
		const [e] = events(one.html);
		expect(e.summary).toBe('Trinidad assembly');
		expect(e.description).toContain('2. Festival, "summer"; plans');
		expect(e.location).toBe('Centro Ciudadano, Calle Mármoles 3');
		const feed = events((await anon().get(`/assemblies/${ids.open}.ics`)).html);
		const host = new URL(app.url).hostname;
		expect(feed.map((x) => x.uid).sort()).toEqual([`assembly-meeting-${ids.next}@${host}`, `assembly-meeting-${ids.past}@${host}`].sort());
	});
});

describe('taking part without JavaScript', () => {
	it('joining needs signing in, then works once; a second join is refused', async () => {
		const out = await anon().post(`/assemblies/${ids.open}?/join`, {});
		expect(out.status).toBe(303);
		expect(out.location).toMatch(/^\/signin\?next=/);
		const c = as(amina);
		const ok = await c.post(`/assemblies/${ids.open}?/join`, {});
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('Welcome! You are now a member.');
		const again = await c.post(`/assemblies/${ids.open}?/join`, {});
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('You are already a member, or you already asked to join.');
		const asked = await as(outsider).post(`/assemblies/${ids.other}?/join`, {});
		expect(text(asked.html)).toContain('Your request was sent. The chair will answer.');
	});

	it('a member answers in Arabic and asks for an interpreter; bad answers and outsiders change nothing', async () => {
		const c = as(amina, 'ar');
		const bad = await c.post(`/assemblies/${ids.open}/meetings/${ids.next}?/reply`, { coming: 'maybe', interpreter: '<script>' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('من فضلك قل إن كنت ستحضر.');
		expect(bad.html).not.toContain('<script>');
		const ok = await c.post(`/assemblies/${ids.open}/meetings/${ids.next}?/reply`, { coming: 'yes', interpreter: 'ar' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('شكراً، تم حفظ ردك.');
		const stranger = await as(outsider).post(`/assemblies/${ids.open}/meetings/${ids.next}?/reply`, { coming: 'yes', interpreter: '' });
		expect(stranger.status).toBe(403);
		expect(text(stranger.html)).toContain('Only members can answer.');
		const foreign = await c.post(`/assemblies/${ids.open}/meetings/${ids.otherMeeting}?/reply`, { coming: 'yes', interpreter: '' });
		expect(foreign.status).toBe(404);
		const rows = await db.select().from(assemblyReplies).where(eq(assemblyReplies.meetingId, ids.next));
		expect(rows.map((r) => [r.userId, r.coming, r.interpreter])).toEqual([[amina.id, 'yes', 'ar']]);
	});
});

describe('running an assembly', () => {
	it('the chair sees interpreter requests per language; a member and an outsider are refused', async () => {
		const page = await as(chair).get(`/app/assemblies/${ids.open}/meetings/${ids.next}`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Interpreters asked for');
		expect(t).toMatch(/العربية\s*: asked by 1 — Amina Newcomer/);
		expect((await as(amina).get(`/app/assemblies/${ids.open}/meetings/${ids.next}`)).status).toBe(403);
		expect((await as(outsider).get(`/app/assemblies/${ids.open}`)).status).toBe(403);
		expect((await as(chair).get(`/app/assemblies/${ids.open}/meetings/${ids.otherMeeting}`)).status).toBe(404);
	});

	it('scheduling refuses an http link and an end before the start with clear messages, keeping the input', async () => {
		const c = as(chair);
		const date = addDays(cityToday(), 9);
		const http = await c.post(`/app/assemblies/${ids.open}?/schedule`, { date, start: '18:00', end: '20:00', onlineUrl: 'http://meet.example.org/x', agendaTitle: ['Kept item', ''], agendaDescription: ['', ''] });
		expect(http.status).toBe(400);
		expect(text(http.html)).toContain('https://');
		expect(http.html).toContain('value="Kept item"');
		const backwards = await c.post(`/app/assemblies/${ids.open}?/schedule`, { date, start: '20:00', end: '18:00', placeName: 'Hall' });
		expect(text(backwards.html)).toContain('The end must be after the start.');
		const count = await db.select().from(assemblyMeetings).where(eq(assemblyMeetings.assemblyId, ids.open));
		expect(count).toHaveLength(2);
		const ok = await c.post(`/app/assemblies/${ids.open}?/schedule`, { date, start: '18:00', end: '20:00', placeName: 'Hall', agendaTitle: ['Budget', ''], agendaDescription: ['', ''] });
		expect(ok.status).toBe(303);
		expect(ok.location).toBe(`/app/assemblies/${ids.open}?scheduled`);
	});

	it('the secretary records minutes and a decision; 100 KB, <script>, forged owners and outsiders change nothing', async () => {
		const c = as(secretary);
		const base = `/app/assemblies/${ids.open}/meetings/${ids.past}`;
		const huge = await c.post(`${base}?/minutes`, { minutes: 'x'.repeat(100_000) });
		expect(huge.status).toBe(400);
		expect(text(huge.html)).toMatch(/too long/i);
		expect((await as(outsider).post(`${base}?/minutes`, { minutes: 'Hacked' })).status).toBe(403);
		expect((await as(amina).post(`${base}?/minutes`, { minutes: 'Hacked' })).status).toBe(403);
		const [before] = await db.select().from(assemblyMeetings).where(eq(assemblyMeetings.id, ids.past));
		expect(before.minutes).toBeNull();
		const ok = await c.post(`${base}?/minutes`, { minutes: 'We agreed <script>alert(1)</script> on cleaning days.' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('The minutes are saved and published.');
		const pub = await anon().get(`/assemblies/${ids.open}/meetings/${ids.past}`);
		expect(pub.html).not.toContain('<script>alert(1)</script>');
		expect(text(pub.html)).toContain('We agreed <script>alert(1)</script> on cleaning days.');
		const forged = await c.post(`${base}?/decide`, { text: 'Bins', ownerUserId: outsider.id, ownerOrganisation: '', dueOn: addDays(cityToday(), 10) });
		expect(forged.status).toBe(400);
		expect(text(forged.html)).toContain('This person is not a member of the assembly.');
		const both = await c.post(`${base}?/decide`, { text: 'Bins', ownerUserId: chair.id, ownerOrganisation: 'Council', dueOn: addDays(cityToday(), 10) });
		expect(text(both.html)).toContain('Choose a member or write an organisation (one of the two).');
		const late = await c.post(`${base}?/decide`, { text: 'Ask the council for bins', ownerUserId: chair.id, ownerOrganisation: '', dueOn: addDays(cityToday(), -1) });
		expect(text(late.html)).toContain('The decision is recorded.');
		const rows = await db.select().from(assemblyDecisions).where(eq(assemblyDecisions.assemblyId, ids.open));
		expect(rows.map((r) => r.text)).toEqual(['Ask the council for bins']);
		const page = text((await anon().get(`/assemblies/${ids.open}`)).html);
		expect(page).toContain('Decisions past their due date: 1');
		expect(page).toContain('Who does it: Carmen Chair');
	});

	it('a decision moves to done (the date kept); another assembly\'s decision is not found here', async () => {
		const [d] = await db.select().from(assemblyDecisions).where(eq(assemblyDecisions.assemblyId, ids.open));
		const done = await as(chair).post(`/app/assemblies/${ids.open}?/decisionStatus`, { decisionId: d.id, status: 'done' });
		expect(done.status).toBe(200);
		const [after] = await db.select().from(assemblyDecisions).where(eq(assemblyDecisions.id, d.id));
		expect([after.status, after.doneOn]).toEqual(['done', cityToday()]);
		expect((await as(chair).post(`/app/assemblies/${ids.other}?/decisionStatus`, { decisionId: d.id, status: 'open' })).status).toBe(403);
		expect((await as(officer).post(`/app/assemblies/${ids.other}?/decisionStatus`, { decisionId: d.id, status: 'open' })).status).toBe(404);
		const [still] = await db.select().from(assemblyDecisions).where(eq(assemblyDecisions.id, d.id));
		expect(still.status).toBe('done');
	});

	it('officers create assemblies and see decisions across them; residents may not', async () => {
		const o = as(officer);
		const bad = await o.post('/app/assemblies?/create', { kind: 'neighbourhood', name: 'No place', joinRule: 'open' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Choose the neighbourhood of a neighbourhood assembly.');
		const ok = await o.post('/app/assemblies?/create', { kind: 'thematic', theme: 'Work', name: 'Work assembly', joinRule: 'open', languages: ['ar', 'xx'] });
		expect(ok.status).toBe(400);
		const good = await o.post('/app/assemblies?/create', { kind: 'thematic', theme: 'Work', name: 'Work assembly', joinRule: 'open', languages: ['ar', 'ti'] });
		expect(good.status).toBe(303);
		const [made] = await db.select().from(assemblies).where(and(eq(assemblies.name, 'Work assembly')));
		expect(made.languages).toEqual(['ar', 'ti']);
		const list = await o.get('/app/assemblies/decisions?status=done');
		expect(text(list.html)).toContain('Ask the council for bins');
		expect((await as(chair).get('/app/assemblies/decisions')).status).toBe(403);
		expect((await as(chair).post('/app/assemblies?/create', { kind: 'thematic', theme: 'X', name: 'Mine' })).status).toBe(403);
		const dash = text((await as(chair).get('/app')).html);
		expect(dash).toContain('Run: Trinidad assembly');
	});
});

describe('requests, attendance and cancelling without JavaScript', () => {
	it('staff accept a request to join from the assembly page; a forged request and a plain member are refused', async () => {
		const [req] = await db.select().from(assemblyMembers).where(and(eq(assemblyMembers.assemblyId, ids.other), eq(assemblyMembers.userId, outsider.id)));
		expect(req.status).toBe('requested');
		const page = await as(officer).get(`/assemblies/${ids.other}`);
		expect(text(page.html)).toContain('Otto Outsider');
		expect(page.html).toContain(`value="${req.id}"`);
		expect((await as(amina).post(`/assemblies/${ids.other}?/answer`, { memberId: req.id, answer: 'accept' })).status).toBe(403);
		const forged = await as(officer).post(`/assemblies/${ids.other}?/answer`, { memberId: FORGED, answer: 'accept' });
		expect(forged.status).toBe(404);
		expect(text(forged.html)).toContain('We cannot find this request.');
		const ok = await as(officer).post(`/assemblies/${ids.other}?/answer`, { memberId: req.id, answer: 'accept' });
		expect(ok.status).toBe(200);
		const [after] = await db.select().from(assemblyMembers).where(eq(assemblyMembers.id, req.id));
		expect(after.status).toBe('active');
	});

	it('the secretary records who came; a forged member changes nothing; the public page shows the counts', async () => {
		const base = `/app/assemblies/${ids.open}/meetings/${ids.past}`;
		const forged = await as(secretary).post(`${base}?/attendance`, { [`p_${amina.id}`]: 'present', [`p_${outsider.id}`]: 'present', guests: '3' });
		expect(forged.status).toBe(400);
		expect(text(forged.html)).toContain('This person is not a member of the assembly.');
		expect(await db.select().from(assemblyAttendance).where(eq(assemblyAttendance.meetingId, ids.past))).toHaveLength(0);
		const junk = await as(secretary).post(`${base}?/attendance`, { [`p_${amina.id}`]: 'asleep', guests: 'many' });
		expect(junk.status).toBe(400);
		const ok = await as(secretary).post(`${base}?/attendance`, { [`p_${amina.id}`]: 'present', [`p_${chair.id}`]: 'excused', [`p_${secretary.id}`]: 'present', guests: '3' });
		expect(ok.status).toBe(200);
		expect(text((await anon().get(`/assemblies/${ids.open}/meetings/${ids.past}`)).html)).toContain('2 members came, and 3 guests.');
	});

	it('the chair cancels the next meeting with a reason; members are e-mailed; answering is closed', async () => {
		const ok = await as(chair).post(`/app/assemblies/${ids.open}/meetings/${ids.next}?/cancel`, { reason: 'The hall is flooded' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('The meeting is cancelled. 3 members were told.');
		const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'assembly_meeting_cancelled'));
		expect(mails).toHaveLength(3);
		expect(mails.every((m) => m.textBody.includes('The hall is flooded'))).toBe(true);
		const again = await as(chair).post(`/app/assemblies/${ids.open}/meetings/${ids.next}?/cancel`, { reason: '' });
		expect(again.status).toBe(409);
		const late = await as(amina).post(`/assemblies/${ids.open}/meetings/${ids.next}?/reply`, { coming: 'no' });
		expect(late.status).toBe(409);
		expect(text((await anon().get(`/assemblies/${ids.open}`)).html)).toContain('Cancelled — The hall is flooded');
	});
});

