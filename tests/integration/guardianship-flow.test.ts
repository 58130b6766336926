/**
 * Guardianship over real HTTP and without JavaScript: a case worker opens a
 * folder for an unaccompanied child; a person offers to become a volunteer
 * guardian; the office vets them (an expired certificate refuses an
 * assignment) and gives them the child; the guardian records a visit, and
 * another guardian cannot record one for a child not theirs; the office's
 * monitoring page lists each case; without the second factor the office
 * gets nothing.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { auditLog, guardians, guardianships, guardianVetting, guardianVisits, organisations, people, transitionPlans } from '../../src/lib/server/db/schema/index.ts';
import { addDays, addMonths, cityToday, eighteenthBirthday } from '../../src/lib/server/guardianship/age.ts';
import { formatDay } from '../../src/lib/guardianship/labels.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let office: TestUser;
let officeNo2fa: TestUser;
let worker: TestUser;
let giulia: TestUser;
let bruno: TestUser;
let outsider: TestUser;
let childId: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const today = () => cityToday();
const day = (d: string) => formatDay(d, 'en');
const guardianOf = async (userId: string) => (await db.select().from(guardians).where(eq(guardians.userId, userId)))[0];
/** The text of one section of a page, by its heading id. */
function section(html: string, headingId: string): string {
	const m = new RegExp(`<section aria-labelledby="${headingId}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
	return m ? text(m[1]) : '';
}
async function child(name: string, birthDate: string, unaccompanied = true): Promise<string> {
	const [p] = await db.insert(people).values({ preferredName: name, birthDate, unaccompanied }).returning({ id: people.id });
	return p.id;
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	office = await createUser(db, { displayName: 'Ufficio Tutele', platformRole: 'guardianship_office', totp: true, secondFactor: true });
	officeNo2fa = await createUser(db, { displayName: 'Ufficio Senza', platformRole: 'guardianship_office', totp: true, secondFactor: false });
	worker = await createUser(db, { displayName: 'Anna', totp: true, secondFactor: true });
	const [org] = await db.insert(organisations).values({ slug: 'gf-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	await addMember(db, org.id, worker.id, 'case_worker');
	giulia = await createUser(db, { displayName: 'Giulia' });
	bruno = await createUser(db, { displayName: 'Bruno' });
	outsider = await createUser(db, { displayName: 'Otto' });
});
afterAll(() => app?.stop());

describe('an unaccompanied child gets a folder', () => {
	it('asks for the date of birth of an unaccompanied child, refuses an adult, and keeps what was typed', async () => {
		const c = as(worker);
		const page = await c.get('/app/folders/new');
		expect(page.html).toContain('name="birthDate"');
		expect(page.html).toContain('name="unaccompanied"');
		const base = { formId: inputValue(page.html, 'formId')!, preferredName: 'Yonas', languages: 'ti', method: 'oral_interpreter', unaccompanied: 'on' };
		const missing = await c.post('/app/folders/new?/create', base);
		expect(missing.status).toBe(400);
		expect(text(missing.html)).toContain('Give the date of birth of an unaccompanied child.');
		expect(inputValue(missing.html, 'preferredName')).toBe('Yonas');
		const adult = await c.post('/app/folders/new?/create', { ...base, birthDate: addMonths(today(), -12 * 18) });
		expect(text(adult.html)).toContain('An unaccompanied child is under 18: check the date of birth.');
		const mismatch = await c.post('/app/folders/new?/create', { ...base, birthDate: addMonths(today(), -12 * 15), birthYear: '1990' });
		expect(text(mismatch.html)).toContain('The year of birth does not match the date of birth.');
		const notADate = await c.post('/app/folders/new?/create', { ...base, birthDate: '2011-02-30' });
		expect(text(notADate.html)).toContain('Write the date of birth as a date');
		expect(await db.select({ n: count() }).from(people)).toEqual([{ n: 0 }]);

		const birthDate = addMonths(today(), -12 * 15);
		const ok = await c.post('/app/folders/new?/create', { ...base, birthDate });
		expect(ok.status).toBe(303);
		const [p] = await db.select().from(people);
		expect(p).toMatchObject({ preferredName: 'Yonas', birthDate, birthYear: Number(birthDate.slice(0, 4)), unaccompanied: true });
		childId = p.id;
	});
});

describe('a volunteer guardian', () => {
	it('offers to become one: the agreement is needed, then the status shows', async () => {
		const c = as(giulia);
		const before = await c.get('/app/guardian');
		expect(before.status).toBe(200);
		expect(text(before.html)).toContain('Become a volunteer guardian');
		const dash = await c.get('/app');
		expect(dash.html).toContain('href="/app/guardian"');
		expect(dash.html).not.toContain('href="/app/guardianship"');

		const refused = await c.post('/app/guardian?/register', { languages: 'it, ar' });
		expect(refused.status).toBe(400);
		expect(text(refused.html)).toContain('Tick the box to say you agree to be checked.');
		expect(await guardianOf(giulia.id)).toBeUndefined();

		const done = await c.post('/app/guardian?/register', { languages: 'it, ar', agree: 'on' });
		expect(done.status).toBe(200);
		expect(text(done.html)).toContain('The guardianship office will contact you');
		expect(await guardianOf(giulia.id)).toMatchObject({ status: 'applicant', languages: ['it', 'ar'] });
		const again = await c.post('/app/guardian?/register', { agree: 'on' });
		expect(again.status).toBe(409);
		const page = text((await c.get('/app/guardian')).html);
		expect(page).toContain('Applicant');
		expect(page).toContain('Still to check: Identity checked, Criminal-record certificate, Training completed');
	});

	it('the office registers someone else by e-mail address', async () => {
		const c = as(office);
		const unknown = await c.post('/app/guardianship/guardians?/register', { email: 'nobody@example.org' });
		expect(unknown.status).toBe(400);
		expect(text(unknown.html)).toContain('Nobody with this e-mail address has an account.');
		const ok = await c.post('/app/guardianship/guardians?/register', { email: bruno.email.toUpperCase() });
		expect(ok.status).toBe(200);
		expect(await guardianOf(bruno.id)).toMatchObject({ status: 'applicant' });
		const list = text((await c.get('/app/guardianship/guardians')).html);
		expect(list).toMatch(/Bruno Applicant/);
		expect(list).toMatch(/Giulia Applicant/);
	});

	it('is vetted step by step, and only a complete, unexpired vetting makes them active', async () => {
		const g = await guardianOf(giulia.id);
		const c = as(office);
		const url = `/app/guardianship/guardians/${g.id}`;
		expect((await c.post(`${url}?/vetting`, { step: 'identity', reference: 'Carta d’identità CA12345' })).status).toBe(200);
		expect((await guardianOf(giulia.id)).status).toBe('vetting');
		const noExpiry = await c.post(`${url}?/vetting`, { step: 'criminal_record' });
		expect(noExpiry.status).toBe(400);
		expect(text(noExpiry.html)).toContain('Give the date the criminal-record certificate expires.');
		expect((await c.post(`${url}?/vetting`, { step: 'criminal_record', expiresOn: addMonths(today(), 12) })).status).toBe(200);
		const early = await c.post(`${url}?/status`, { status: 'active' });
		expect(early.status).toBe(409);
		expect(text(early.html)).toContain('The vetting is not complete');
		expect((await c.post(`${url}?/vetting`, { step: 'training', reference: 'Corso tutori 2026' })).status).toBe(200);
		expect((await c.post(`${url}?/status`, { status: 'active' })).status).toBe(200);
		expect((await guardianOf(giulia.id)).status).toBe('active');
		const page = text((await c.get(url)).html);
		expect(page).toContain('Identity checked By Ufficio Tutele');
		expect(page).toContain('Carta d’identità CA12345');
		expect(page).toContain(day(addMonths(today(), 12)));
	});

	it('an expired certificate refuses an assignment, and an activation', async () => {
		const b = await guardianOf(bruno.id);
		const c = as(office);
		const url = `/app/guardianship/guardians/${b.id}`;
		for (const step of ['identity', 'training']) await c.post(`${url}?/vetting`, { step });
		await c.post(`${url}?/vetting`, { step: 'criminal_record', expiresOn: addDays(today(), -1) });
		const activate = await c.post(`${url}?/status`, { status: 'active' });
		expect(activate.status).toBe(409);
		expect(text(activate.html)).toContain("The guardian's criminal-record certificate has expired.");
		// Renewed: active. Then it expires while active: no new child.
		await c.post(`${url}?/vetting`, { step: 'criminal_record', expiresOn: addMonths(today(), 6) });
		expect((await c.post(`${url}?/status`, { status: 'active' })).status).toBe(200);
		await db.update(guardianVetting).set({ expiresOn: addDays(today(), -1) }).where(and(eq(guardianVetting.guardianId, b.id), eq(guardianVetting.step, 'criminal_record')));
		const refused = await c.post(`${url}?/assign`, { childId });
		expect(refused.status).toBe(409);
		expect(text(refused.html)).toContain("The guardian's criminal-record certificate has expired.");
		expect(await db.select({ n: count() }).from(guardianships)).toEqual([{ n: 0 }]);
		expect(text((await c.get(url)).html)).toContain(`Expired on ${day(addDays(today(), -1))}`);
	});

	it('is given the child by the office', async () => {
		const g = await guardianOf(giulia.id);
		const c = as(office);
		const url = `/app/guardianship/guardians/${g.id}`;
		const page = await c.get(url);
		expect(page.html).toMatch(new RegExp(`<option value="${childId}"[^>]*>Yonas, 15</option>`));
		const res = await c.post(`${url}?/assign`, { childId });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('The child now has this guardian.');
		expect(section(res.html, 'children-heading')).toContain('Children (1 of 3) Yonas');
		const forged = await c.post(`${url}?/assign`, { childId: '00000000-0000-4000-8000-000000000000' });
		expect(forged.status).toBe(400);
		expect(text(forged.html)).toContain('Choose an unaccompanied child under 18.');
		const unknownGuardian = await c.post('/app/guardianship/guardians/00000000-0000-4000-8000-000000000000?/assign', { childId });
		expect(unknownGuardian.status).toBe(404);
		expect(await audit('guardianship.assigned', childId)).toHaveLength(1);
	});
});

const audit = (action: string, resourceId: string, outcome: 'done' | 'denied' = 'done') =>
	db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, resourceId), eq(auditLog.outcome, outcome)));

describe('visits', () => {
	it('the guardian records a visit with a concern for their own child; a date in the future is refused', async () => {
		const c = as(giulia);
		const page = await c.get('/app/guardian');
		expect(section(page.html, 'children-heading')).toContain('Yonas 15 years old');
		const [ship] = await db.select().from(guardianships).where(eq(guardianships.childId, childId));
		const future = await c.post('/app/guardian?/visit', { guardianshipId: ship.id, kind: 'visit', visitedOn: addDays(today(), 1), summary: 'Tomorrow' });
		expect(future.status).toBe(400);
		expect(text(future.html)).toContain('The date cannot be in the future.');
		const res = await c.post('/app/guardian?/visit', {
			guardianshipId: ship.id,
			kind: 'visit',
			visitedOn: today(),
			summary: 'Met at the community centre. Yonas sleeps badly and misses school.',
			concern: 'on'
		});
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('The visit is recorded.');
		expect(section(res.html, 'children-heading')).toContain(`Last visit: ${day(today())}`);
		expect(section(res.html, 'children-heading')).toContain('Yonas sleeps badly');
		expect(await db.select().from(guardianVisits)).toMatchObject([{ guardianshipId: ship.id, concern: true, recordedBy: giulia.id }]);
		expect(await audit('guardianship.visit.recorded', childId)).toHaveLength(1);
	});

	it('another guardian cannot record a visit for a child not theirs, and someone who is no guardian is refused before the form', async () => {
		const [ship] = await db.select().from(guardianships).where(eq(guardianships.childId, childId));
		const form = { guardianshipId: ship.id, kind: 'report', visitedOn: today(), summary: 'Not mine' };
		const other = await as(bruno).post('/app/guardian?/visit', form);
		expect(other.status).toBe(403);
		expect(text(other.html)).toContain('You can record visits only for the children you are guardian of.');
		const forged = await as(bruno).post('/app/guardian?/visit', { ...form, guardianshipId: '00000000-0000-4000-8000-000000000000' });
		expect(forged.status).toBe(403);
		expect(text(forged.html)).toContain('You can record visits only for the children you are guardian of.');
		expect((await as(outsider).post('/app/guardian?/visit', form)).status).toBe(403);
		expect(await db.select({ n: count() }).from(guardianVisits)).toEqual([{ n: 1 }]);
		expect(await audit('guardianship.visit.recorded', childId, 'denied')).toHaveLength(1);
		// Bruno's own page shows none of Giulia's children.
		expect(text((await as(bruno).get('/app/guardian')).html)).not.toContain('Yonas');
	});
});

describe('the monitoring office', () => {
	it('lists overdue visits, children without a guardian, expiring vetting, children turning 18 and concerns', async () => {
		const g = await guardianOf(giulia.id);
		// Overdue: Giulia's second child, given 40 days ago and never visited; a third, last visited 35 days ago.
		const neverVisited = await child('Samira', addMonths(today(), -12 * 12));
		await db.insert(guardianships).values({ guardianId: g.id, childId: neverVisited, slot: 2, startedAt: new Date(Date.now() - 40 * 86_400_000) });
		const longAgo = await child('Dawit', addMonths(today(), -12 * 14));
		const [ship3] = await db.insert(guardianships).values({ guardianId: g.id, childId: longAgo, slot: 3, startedAt: new Date(Date.now() - 90 * 86_400_000) }).returning({ id: guardianships.id });
		await db.insert(guardianVisits).values([
			{ guardianshipId: ship3.id, visitedOn: addDays(today(), -35), summary: 'Fine' },
			// A report is not a visit.
			{ guardianshipId: ship3.id, kind: 'report', visitedOn: addDays(today(), -2), summary: 'Phone call' }
		]);
		// Without a guardian: one child; an adult and an accompanied child are not listed.
		await child('Amir', addMonths(today(), -12 * 9));
		await child('Grown up', addMonths(today(), -12 * 19));
		await child('With family', addMonths(today(), -12 * 9), false);
		// Turning 18: in 3 months without a plan, in 5 months with one, in 8 months (not yet listed).
		const soonBirth = addMonths(addMonths(today(), 3), -12 * 18);
		const soon = await child('Hawa', soonBirth);
		const planned = await child('Kidane', addMonths(addMonths(today(), 5), -12 * 18));
		await db.insert(transitionPlans).values({ childId: planned, summary: 'Shared flat with a job placement', agreedOn: addDays(today(), -10) });
		await child('Later', addMonths(addMonths(today(), 8), -12 * 18));
		// Vetting: Bruno's certificate expired yesterday (set above); Carla's expires in 20 days; Dario's in 90 (not listed).
		for (const [name, days] of [['Carla', 20], ['Dario', 90]] as const) {
			const u = await createUser(db, { displayName: name });
			const [row] = await db.insert(guardians).values({ userId: u.id, status: 'active' }).returning({ id: guardians.id });
			await db.insert(guardianVetting).values({ guardianId: row.id, step: 'criminal_record', expiresOn: addDays(today(), days) });
		}

		const res = await as(office).get('/app/guardianship');
		expect(res.status).toBe(200);
		const overdue = section(res.html, 'overdue-heading');
		expect(overdue).toContain('Samira Giulia');
		expect(overdue).toMatch(/Samira Giulia No visit since .+ 4[01]\b/);
		expect(overdue).toContain(`Dawit Giulia ${day(addDays(today(), -35))} 35`);
		expect(overdue).not.toContain('Yonas');
		const unassigned = section(res.html, 'unassigned-heading');
		expect(unassigned).toContain('Amir');
		expect(unassigned).toContain('Hawa');
		for (const absent of ['Grown up', 'With family', 'Yonas', 'Samira']) expect(unassigned).not.toContain(absent);
		const vetting = section(res.html, 'vetting-heading');
		expect(vetting).toContain(`Bruno Active Expired on ${day(addDays(today(), -1))}`);
		expect(vetting).toContain(`Carla Active Expires on ${day(addDays(today(), 20))}`);
		expect(vetting).not.toContain('Dario');
		expect(vetting).not.toContain('Giulia');
		const turning = section(res.html, 'turning-heading');
		expect(turning).toContain(`Hawa ${day(eighteenthBirthday(soonBirth))} No guardian No transition plan yet`);
		expect(turning).toContain('Kidane');
		expect(turning).toContain('Shared flat with a job placement');
		expect(turning).not.toContain('Later');
		const concerns = section(res.html, 'concerns-heading');
		expect(concerns).toContain('Yonas');
		expect(concerns).toContain('Yonas sleeps badly and misses school.');
		expect(concerns).toContain('by Giulia');

		// The office records Hawa's plan from the same page.
		const plan = await as(office).post('/app/guardianship?/transitionPlan', { childId: soon, agreedOn: today(), summary: 'Stays with the foster family until the end of school' });
		expect(plan.status).toBe(200);
		expect(section(plan.html, 'turning-heading')).toContain(`Hawa ${day(eighteenthBirthday(soonBirth))} No guardian Plan agreed on ${day(today())}: Stays with the foster family`);
		const adultPlan = await as(office).post('/app/guardianship?/transitionPlan', { childId: longAgo, agreedOn: 'soon', summary: 'x' });
		expect(adultPlan.status).toBe(400);
		expect(text(adultPlan.html)).toContain('Write a date');
		const views = await db.select().from(auditLog).where(and(eq(auditLog.action, 'guardianship.monitoring.viewed'), eq(auditLog.actorId, office.id)));
		expect(views.length).toBeGreaterThanOrEqual(1);
	});

	it('refuses the office without the second factor, and everyone who is not the office', async () => {
		const page = await as(officeNo2fa).get('/app/guardianship');
		expect(page.status).toBe(303);
		expect(page.location).toMatch(/^\/signin\/verify\?next=/);
		const g = await guardianOf(giulia.id);
		const before = await db.select({ n: count() }).from(guardianships);
		const [spare] = await db.insert(people).values({ preferredName: 'Spare', birthDate: addMonths(today(), -60), unaccompanied: true }).returning({ id: people.id });
		const post = await as(officeNo2fa).post(`/app/guardianship/guardians/${g.id}?/end`, { guardianshipId: '00000000-0000-4000-8000-000000000000', reason: 'x' });
		expect(post.status).toBe(303);
		expect(post.location).toMatch(/^\/signin\/verify/);
		const assign = await as(officeNo2fa).post(`/app/guardianship/guardians/${(await guardianOf(bruno.id)).id}?/assign`, { childId: spare.id });
		expect(assign.location).toMatch(/^\/signin\/verify/);
		expect(await db.select({ n: count() }).from(guardianships)).toEqual(before);
		for (const u of [worker, giulia, outsider]) {
			expect((await as(u).get('/app/guardianship')).status).toBe(403);
			expect((await as(u).get(`/app/guardianship/guardians/${g.id}`)).status).toBe(403);
		}
		const dash = await as(office).get('/app');
		expect(dash.html).toContain('href="/app/guardianship"');
	});

	it('speaks the reader’s language: Arabic, right to left', async () => {
		const res = await as(office, 'ar').get('/app/guardianship');
		expect(res.html).toMatch(/<html lang="ar" dir="rtl">/);
		expect(text(res.html)).toContain('مكتب الوصاية');
		expect(text(res.html)).toContain('زيارات متأخرة');
	});
});
