/**
 * The volunteer's pages over real HTTP and without JavaScript: the public
 * list and its filters, an opportunity (a draft and a forged id are 404
 * pages), applying (twice is refused in words), the profile form against
 * hostile input, shift sign-up and its refusals, and the volunteer's own page
 * (withdrawing, logging hours, the certificate form).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import {
	activities,
	neighbourhoods,
	organisations,
	shiftSignups,
	volunteerApplications,
	volunteerHours,
	volunteerOpportunities,
	volunteerProfiles,
	volunteerShifts
} from '../../src/lib/server/db/schema/index.ts';
import { cityToday } from '../../src/lib/server/guardianship/age.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let vol: TestUser;
let other: TestUser;
let borgoId: string;
const ids = { cooking: '', phone: '', draft: '', homework: '', shiftA: '', shiftB: '', past: '' };
const FORGED = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const anon = () => app.client({ locale: 'en' });

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const [org] = await db.insert(organisations).values({ slug: 'vp-a', name: 'Cucina Comune', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	const owner = await createUser(db, { displayName: 'Owner' });
	await addMember(db, org.id, owner.id, 'owner');
	const [borgo] = await db.insert(neighbourhoods).values({ slug: 'borgo', name: 'Borgo Vecchio' }).returning({ id: neighbourhoods.id });
	await db.insert(neighbourhoods).values({ slug: 'porto', name: 'Porto' });
	borgoId = borgo.id;
	const rows = await db
		.insert(volunteerOpportunities)
		.values([
			{ organisationId: org.id, title: 'Cooking at the language café', description: 'Cook with us on Mondays.', kind: 'recurring', mode: 'in_person', neighbourhoodId: borgo.id, address: 'Via Roma 1', skills: ['cooking'], languages: ['it', 'ar'], translations: { ar: { title: 'الطبخ في مقهى اللغة', description: 'اطبخ معنا.' } } },
			{ organisationId: org.id, title: 'Phone buddy', kind: 'ongoing', mode: 'remote', skills: ['listening'] },
			{ organisationId: org.id, title: 'Secret draft', kind: 'one_off', status: 'draft' },
			{ organisationId: org.id, title: 'Homework club', kind: 'recurring', involvesVulnerable: true, neighbourhoodId: borgo.id }
		])
		.returning({ id: volunteerOpportunities.id });
	[ids.cooking, ids.phone, ids.draft, ids.homework] = rows.map((r) => r.id);
	const now = Date.now();
	const shifts = await db
		.insert(volunteerShifts)
		.values([
			{ opportunityId: ids.cooking, startsAt: new Date(now + 48 * HOUR), endsAt: new Date(now + 51 * HOUR), capacity: 1 },
			{ opportunityId: ids.cooking, startsAt: new Date(now + 96 * HOUR), endsAt: new Date(now + 99 * HOUR), capacity: 8 },
			{ opportunityId: ids.cooking, startsAt: new Date(now - 4 * HOUR), endsAt: new Date(now - 2 * HOUR), capacity: 5 }
		])
		.returning({ id: volunteerShifts.id });
	[ids.shiftA, ids.shiftB, ids.past] = shifts.map((s) => s.id);
	vol = await createUser(db, { displayName: 'Samira', kind: 'newcomer' });
	other = await createUser(db, { displayName: 'Luca' });
});
afterAll(() => app?.stop());

describe('the list of opportunities', () => {
	it('is public, welcomes newcomers and hides drafts', async () => {
		const page = await anon().get('/volunteer');
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Newcomers are welcome as volunteers.');
		expect(t).toContain('Cooking at the language café');
		expect(t).toContain('Phone buddy');
		expect(t).not.toContain('Secret draft');
		expect(t).toContain('Opportunities found: 3');
		expect(t).toContain('With children or vulnerable adults: a safeguarding check is needed.');
		expect(t).toContain('Next shift:');
		expect(page.html).toContain('href="/volunteer/profile"');
	});

	it('filters by words, neighbourhood, mode and skill; values not understood are ignored', async () => {
		const c = anon();
		const remote = text((await c.get('/volunteer?mode=remote')).html);
		expect(remote).toContain('Phone buddy');
		expect(remote).not.toContain('Cooking at the language café');
		const cooking = text((await c.get('/volunteer?skill=cooking')).html);
		expect(cooking).toContain('Opportunities found: 1');
		const nb = text((await c.get(`/volunteer?nb=${borgoId}`)).html);
		expect(nb).toContain('Homework club');
		expect(nb).not.toContain('Phone buddy');
		const q = text((await c.get('/volunteer?q=homework')).html);
		expect(q).toContain('Opportunities found: 1');
		const junk = await c.get(`/volunteer?mode=%3Cscript%3E&skill=hacking&nb=${FORGED}&page=abc&q=${'x'.repeat(500)}`);
		expect(junk.status).toBe(200);
		expect(junk.html).not.toContain('<script>');
		expect((await c.get('/volunteer?page=999')).status).toBe(200);
	});

	it('shows the translated title with its language', async () => {
		const page = await app.client({ locale: 'ar' }).get('/volunteer');
		expect(page.html).toContain('الطبخ في مقهى اللغة');
		expect(page.html).toMatch(/lang="en"[^>]*>Phone buddy/);
	});

	it('the home page links to it', async () => {
		expect((await anon().get('/')).html).toContain('href="/volunteer"');
	});
});

describe('one opportunity', () => {
	it('shows details and places; signed out, a sign-in link that comes back here', async () => {
		const page = await anon().get(`/volunteer/${ids.cooking}`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Cook with us on Mondays.');
		expect(t).toContain('Borgo Vecchio · Via Roma 1');
		expect(t).toContain('Cooking');
		expect(t).toContain('1 of 1 places left');
		expect(t).toContain('8 of 8 places left');
		expect(page.html).toContain(`href="/signin?next=${encodeURIComponent(`/volunteer/${ids.cooking}`)}"`);
	});

	it('a draft, a forged id and garbage are the 404 page', async () => {
		for (const id of [ids.draft, FORGED, 'not-an-id']) {
			const page = await as(vol).get(`/volunteer/${id}`);
			expect(page.status).toBe(404);
		}
	});

	it('applying needs signing in; applying twice is refused in words', async () => {
		const signedOut = await anon().post(`/volunteer/${ids.cooking}?/apply`, { message: 'hi' });
		expect(signedOut.status).toBe(303);
		expect(signedOut.location).toMatch(/^\/signin\?next=/);

		const c = as(vol);
		const ok = await c.post(`/volunteer/${ids.cooking}?/apply`, { message: 'I cook <b>well</b>' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('Your application was sent.');
		expect(text(ok.html)).toContain('Your application: Applied');
		const again = await c.post(`/volunteer/${ids.cooking}?/apply`, { message: 'again' });
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('You have already applied for this opportunity.');
		const apps = await db.select().from(volunteerApplications).where(eq(volunteerApplications.userId, vol.id));
		expect(apps).toHaveLength(1);
		expect(apps[0].message).toBe('I cook <b>well</b>');
		expect((await c.post(`/volunteer/${ids.draft}?/apply`, {})).status).toBe(404);
		expect((await c.post(`/volunteer/${FORGED}?/apply`, {})).status).toBe(404);
	});

	it('signing up: refused before acceptance, then a place, then the waiting list for the next person', async () => {
		const c = as(vol);
		const early = await c.post(`/volunteer/${ids.cooking}?/signup`, { shiftId: ids.shiftA });
		expect(early.status).toBe(403);
		expect(text(early.html)).toContain('You can do this once the organisation has accepted you for this opportunity.');
		await db.update(volunteerApplications).set({ status: 'accepted' }).where(eq(volunteerApplications.userId, vol.id));

		const page = await c.get(`/volunteer/${ids.cooking}`);
		expect(page.html).toContain('action="?/signup"');
		const ok = await c.post(`/volunteer/${ids.cooking}?/signup`, { shiftId: ids.shiftA });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('You are signed up for this shift.');
		expect(text(ok.html)).toContain('Full — join the waiting list');
		expect(text(ok.html)).toContain('You have a place');
		const twice = await c.post(`/volunteer/${ids.cooking}?/signup`, { shiftId: ids.shiftA });
		expect(twice.status).toBe(409);

		const forged = await c.post(`/volunteer/${ids.cooking}?/signup`, { shiftId: FORGED });
		expect(forged.status).toBe(404);
		const garbage = await c.post(`/volunteer/${ids.cooking}?/signup`, { shiftId: '<script>' });
		expect(garbage.status).toBe(400);
		expect(text(garbage.html)).toContain('This shift does not exist.');

		const l = as(other);
		await l.post(`/volunteer/${ids.cooking}?/apply`, {});
		await db.update(volunteerApplications).set({ status: 'accepted' }).where(eq(volunteerApplications.userId, other.id));
		const wait = await l.post(`/volunteer/${ids.cooking}?/signup`, { shiftId: ids.shiftA });
		expect(wait.status).toBe(200);
		expect(text(wait.html)).toContain('you are on the waiting list');
		expect(text(wait.html)).toContain('Number 1 on the waiting list');
	});
});

describe('the profile', () => {
	it('needs signing in', async () => {
		const page = await anon().get('/volunteer/profile');
		expect(page.status).toBe(303);
		expect(page.location).toMatch(/^\/signin\?next=%2Fvolunteer%2Fprofile/);
	});

	it('never asks about residence status or nationality', async () => {
		const html = (await as(vol).get('/volunteer/profile')).html;
		expect(html).not.toMatch(/name="(residence|nationality|status|permit)/i);
		expect(html).toContain('name="availability"');
		expect(html.match(/name="availability"/g)).toHaveLength(21);
	});

	it('refuses hostile input and changes nothing', async () => {
		const c = as(vol);
		const before = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, vol.id));
		const cases: [Record<string, string | string[]>, string][] = [
			[{ skills: ['cooking', 'hacking'] }, 'Please choose one of the options.'],
			[{ availability: ['0', '99'] }, 'Please choose one of the options.'],
			[{ availability: '-1' }, 'Please choose one of the options.'],
			[{ otherSkills: 'x'.repeat(100_000) }, 'This is too long'],
			[{ otherSkills: 'y'.repeat(600) }, 'This is too long'],
			[{ neighbourhoodId: FORGED }, 'Please choose one of the options.'],
			[{ travelKm: '9999' }, 'Enter how far you will travel in kilometres'],
			[{ languages: ['xx'] }, 'Please choose one of the options.']
		];
		for (const [form, message] of cases) {
			const r = await c.post('/volunteer/profile?/save', form);
			expect(r.status, JSON.stringify(form).slice(0, 80)).toBe(400);
			expect(text(r.html)).toContain(message);
		}
		expect(await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, vol.id))).toEqual(before);
	});

	it('saves, and shows script text as text', async () => {
		const c = as(vol);
		const r = await c.post('/volunteer/profile?/save', {
			skills: ['cooking', 'interpreting'],
			interests: ['food'],
			otherSkills: '<script>alert(1)</script> sewing',
			languages: ['ar', 'it'],
			availability: ['0', '20', '7'],
			neighbourhoodId: borgoId,
			travelKm: '12',
			remote: 'on',
			reminders: 'on'
		});
		expect(r.status).toBe(200);
		expect(text(r.html)).toContain('Your profile is saved.');
		const [p] = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, vol.id));
		expect(p).toMatchObject({ skills: ['cooking', 'interpreting'], interests: ['food'], languages: ['ar', 'it'], availability: 1 | (1 << 20) | (1 << 7), neighbourhoodId: borgoId, travelKm: 12, remote: true, reminders: true, missYou: false });
		const page = (await c.get('/volunteer/profile')).html;
		expect(page).not.toContain('<script>alert(1)</script>');
		expect(page).toContain('&lt;script>alert(1)&lt;/script> sewing');
		expect(page).toMatch(/<input[^>]*value="20"[^>]*checked|<input[^>]*checked[^>]*value="20"/);
	});
});

describe('my volunteering', () => {
	it('lists applications and shifts with the waiting-list position', async () => {
		const t = text((await as(other).get('/volunteer/me')).html);
		expect(t).toContain('Cooking at the language café — Accepted');
		expect(t).toContain('On the waiting list — Number 1 on the waiting list');
		const mine = await as(vol).get('/volunteer/me');
		expect(mine.html).toContain('action="/volunteer/certificate"');
		expect(text(mine.html)).toContain('Download my certificate (PDF)');
	});

	it('cancelling a place gives it to the waiting list', async () => {
		const r = await as(vol).post('/volunteer/me?/cancel', { shiftId: ids.shiftA });
		expect(r.status).toBe(200);
		expect(text(r.html)).toContain('Your place is cancelled.');
		const [s] = await db.select().from(shiftSignups).where(and(eq(shiftSignups.userId, other.id), eq(shiftSignups.shiftId, ids.shiftA)));
		expect(s.status).toBe('confirmed');
		expect((await as(vol).post('/volunteer/me?/cancel', { shiftId: FORGED })).status).toBe(404);
	});

	it('lists the coming trainings for volunteers, and not a cancelled one', async () => {
		const soon = new Date(Date.now() + 3 * 86_400_000);
		const later = new Date(soon.getTime() + 2 * 3_600_000);
		const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'vp-a'));
		await db.insert(activities).values([
			{ organisationId: org.id, kind: 'training', audience: 'volunteers', title: 'First aid for volunteers', startsAt: soon, endsAt: later, placeName: 'Casa del Quartiere' },
			{ organisationId: org.id, kind: 'training', audience: 'volunteers', title: 'Cancelled safeguarding course', startsAt: soon, endsAt: later, placeName: 'Casa del Quartiere', status: 'cancelled' }
		]);
		const t = text((await as(vol).get('/volunteer/me')).html);
		expect(t).toContain('Trainings and meetings for volunteers');
		expect(t).toContain('First aid for volunteers');
		expect(t).not.toContain('Cancelled safeguarding course');
	});

	it('logs hours as hours and minutes; bad and forged input is refused in words', async () => {
		const c = as(vol);
		await db.insert(shiftSignups).values({ shiftId: ids.past, userId: vol.id, status: 'confirmed' });
		const page = await c.get('/volunteer/me');
		expect(page.html).toContain(`value="${ids.past}"`);
		const base = { opportunityId: ids.cooking, workedOn: cityToday(), tasks: 'Chopped <i>onions</i>', skills: ['cooking'] };
		const none = await c.post('/volunteer/me?/hours', { ...base, hours: '', minutes: '' });
		expect(none.status).toBe(400);
		expect(text(none.html)).toContain('Enter the time you gave');
		const letters = await c.post('/volunteer/me?/hours', { ...base, hours: 'two', minutes: '' });
		expect(letters.status).toBe(400);
		const future = await c.post('/volunteer/me?/hours', { ...base, workedOn: '2999-01-01', hours: '1' });
		expect(future.status).toBe(400);
		expect(text(future.html)).toContain('You can log hours only for today or earlier.');
		const badSkill = await c.post('/volunteer/me?/hours', { ...base, hours: '1', skills: ['flying'] });
		expect(badSkill.status).toBe(400);
		expect((await c.post('/volunteer/me?/hours', { ...base, opportunityId: FORGED, hours: '1' })).status).toBe(404);
		const notAccepted = await c.post('/volunteer/me?/hours', { ...base, opportunityId: ids.phone, hours: '1' });
		expect(notAccepted.status).toBe(403);
		expect(text(notAccepted.html)).toContain('accepted you');
		expect(await db.select().from(volunteerHours)).toHaveLength(0);

		const ok = await c.post('/volunteer/me?/hours', { ...base, shiftId: ids.past, workedOn: cityToday(new Date(Date.now() - 4 * HOUR)), hours: '1', minutes: '30' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('Your hours are logged.');
		const [h] = await db.select().from(volunteerHours);
		expect(h).toMatchObject({ minutes: 90, shiftId: ids.past, tasks: 'Chopped <i>onions</i>', skills: ['cooking'], status: 'logged' });
		const twice = await c.post('/volunteer/me?/hours', { ...base, shiftId: ids.past, workedOn: cityToday(new Date(Date.now() - 4 * HOUR)), hours: '1' });
		expect(twice.status).toBe(409);

		await db.update(volunteerHours).set({ status: 'confirmed' });
		const after = await c.get('/volunteer/me');
		expect(text(after.html)).toContain('Confirmed by the organisations: 1 h 30 min');
		expect(after.html).toContain('Chopped &lt;i>onions&lt;/i>');
	});

	it('withdraws an application; a forged one is the 404 page', async () => {
		const c = as(vol);
		expect((await c.post('/volunteer/me?/withdraw', { applicationId: FORGED })).status).toBe(404);
		expect((await c.post('/volunteer/me?/withdraw', { applicationId: 'nope' })).status).toBe(404);
		const [mine] = await db.select().from(volunteerApplications).where(eq(volunteerApplications.userId, vol.id));
		// Someone else's application is not found either.
		expect((await as(other).post('/volunteer/me?/withdraw', { applicationId: mine.id })).status).toBe(404);
		const r = await c.post('/volunteer/me?/withdraw', { applicationId: mine.id });
		expect(r.status).toBe(200);
		expect(text(r.html)).toContain('Your application is withdrawn.');
		expect(text(r.html)).toContain('Withdrawn');
	});
});

describe('an invitation from the organisation', () => {
	it('shows the apply form to an invited volunteer, and applying accepts the invitation', async () => {
		const invited = await createUser(db, { displayName: 'Invited Ines' });
		await db.insert(volunteerApplications).values({ opportunityId: ids.phone, userId: invited.id, status: 'invited' });
		const c = as(invited);
		const page = await c.get(`/volunteer/${ids.phone}`);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Invited');
		expect(page.html).toContain('action="?/apply"');
		const ok = await c.post(`/volunteer/${ids.phone}?/apply`, { message: 'Happy to help' });
		expect(ok.status).toBe(200);
		const [a] = await db.select().from(volunteerApplications).where(and(eq(volunteerApplications.userId, invited.id), eq(volunteerApplications.opportunityId, ids.phone)));
		expect(a.status).toBe('applied');
		expect(a.message).toBe('Happy to help');
	});
});
