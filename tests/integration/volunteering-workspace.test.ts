/**
 * An organisation's volunteering workspace over real HTTP and without
 * JavaScript: a volunteer coordinator creates an opportunity (bad input is
 * refused with a translated message and creates nothing), adds a weekly
 * series of shifts and cancels one, reads a shift's roster; a volunteer
 * applies (through the use case) and is screened and accepted through the
 * page, every refusal shown translated; hours are confirmed once and a
 * replayed confirmation is refused. A member of the organisation and a
 * coordinator of another one get 403; a forged id is a 404.
 */
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { emailOutbox, neighbourhoods, organisations, volunteerApplications, volunteerHours, volunteerOpportunities, volunteerScreening, volunteerShifts } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import type { SignedInActor } from '../../src/lib/server/policy/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { apply, saveProfile } from '../../src/lib/server/engagement/volunteers.ts';
import { logHours } from '../../src/lib/server/engagement/hours.ts';
import { createOpportunity } from '../../src/lib/server/engagement/opportunities.ts';
import { hoursForm, opportunityForm, profileForm } from '../../src/lib/server/engagement/schemas.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgId: string;
let otherOrgId: string;
let coordinator: TestUser;
let coordinatorNo2fa: TestUser;
let member: TestUser;
let otherCoordinator: TestUser;
let amal: TestUser;
let bruno: TestUser;
let neighbourhoodId: string;
let opportunityId: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const base = () => `/app/organisations/${orgId}/volunteering`;
const opportunities = async () => (await db.select({ n: count() }).from(volunteerOpportunities))[0].n;

/** A use-case context for a signed-in volunteer (no organisation role). */
function volunteerCtx(u: TestUser): Ctx {
	const actor: SignedInActor = {
		kind: 'user',
		userId: u.id,
		personKind: 'newcomer',
		platformRole: null,
		memberships: new Map(),
		emailVerified: true,
		secondFactor: false,
		totpEnabled: false
	};
	return { db, actor, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' };
}

function opportunityFields(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
	return {
		title: 'Homework club helpers',
		description: 'Help children aged 8 to 12 with homework after school.',
		language: 'en',
		kind: 'recurring',
		mode: 'in_person',
		neighbourhoodId,
		address: 'Via del Porto 12',
		skills: ['homework_help', 'teaching'],
		languages: ['it', 'ar'],
		availability: ['3', '4', '7'],
		involvesVulnerable: 'on',
		open: 'on',
		...over
	};
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const [a, b] = await db
		.insert(organisations)
		.values([
			{ slug: 'vw-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'vw-b', name: 'Sportello Diritti', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	orgId = a.id;
	otherOrgId = b.id;
	[{ id: neighbourhoodId }] = await db.insert(neighbourhoods).values({ slug: 'porto-vw', name: 'Porto', latitude: 41.9, longitude: 12.5 }).returning({ id: neighbourhoods.id });
	coordinator = await createUser(db, { displayName: 'Carla', totp: true, secondFactor: true });
	await addMember(db, orgId, coordinator.id, 'volunteer_coordinator');
	coordinatorNo2fa = await createUser(db, { displayName: 'Cesare', totp: true, secondFactor: false });
	await addMember(db, orgId, coordinatorNo2fa.id, 'coordinator');
	member = await createUser(db, { displayName: 'Marta' });
	await addMember(db, orgId, member.id, 'member');
	otherCoordinator = await createUser(db, { displayName: 'Bilal', totp: true, secondFactor: true });
	await addMember(db, otherOrgId, otherCoordinator.id, 'volunteer_coordinator');
	amal = await createUser(db, { displayName: 'Amal', kind: 'newcomer' });
	bruno = await createUser(db, { displayName: 'Bruno', kind: 'newcomer' });
});
afterAll(() => app?.stop());

describe('the organisation creates an opportunity', () => {
	it('shows the Volunteering link to a coordinator and not to a plain member', async () => {
		const page = await as(coordinator).get(`/app/organisations/${orgId}`);
		expect(page.html).toContain(`href="${base()}"`);
		const plain = await as(member).get(`/app/organisations/${orgId}`);
		expect(plain.status).toBe(200);
		expect(plain.html).not.toContain(`href="${base()}"`);
	});

	it('refuses bad input with translated messages and creates nothing', async () => {
		const c = as(coordinator);
		const page = await c.get(base());
		expect(page.status).toBe(200);
		expect(page.html).toContain('name="availability"');

		const missing = await c.post(`${base()}?/create`, opportunityFields({ title: '  ' }));
		expect(missing.status).toBe(400);
		expect(text(missing.html)).toContain('Please fill in this field.');
		// What was typed is kept.
		expect(missing.html).toContain('Help children aged 8 to 12 with homework after school.');

		const huge = await c.post(`${base()}?/create`, opportunityFields({ description: 'x'.repeat(100_000) }));
		expect(huge.status).toBe(400);
		expect(text(huge.html)).toContain('This is too long');

		const skill = await c.post(`${base()}?/create`, opportunityFields({ skills: ['homework_help', 'juggling'] }));
		expect(skill.status).toBe(400);
		expect(text(skill.html)).toContain('Please choose one of the options.');

		const bit = await c.post(`${base()}?/create`, opportunityFields({ availability: ['3', '99'] }));
		expect(bit.status).toBe(400);
		expect(text(bit.html)).toContain('Please choose one of the options.');

		const place = await c.post(`${base()}?/create`, opportunityFields({ neighbourhoodId: '00000000-0000-4000-8000-000000000000' }));
		expect(place.status).toBe(400);
		expect(text(place.html)).toContain('Please choose one of the options.');

		expect(await opportunities()).toBe(0);
	});

	it('creates it, with the availability grid and skills as posted', async () => {
		const c = as(coordinator);
		const res = await c.post(`${base()}?/create`, opportunityFields());
		expect(res.status).toBe(303);
		const [o] = await db.select().from(volunteerOpportunities);
		expect(o).toMatchObject({ organisationId: orgId, title: 'Homework club helpers', status: 'open', availability: (1 << 3) | (1 << 4) | (1 << 7), involvesVulnerable: true });
		expect(o.skills.sort()).toEqual(['homework_help', 'teaching']);
		opportunityId = o.id;
		expect(res.location).toBe(`${base()}/${o.id}?created`);
		const page = await c.follow(res);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('The opportunity was created.');
		const list = await c.get(base());
		expect(text(list.html)).toContain('Homework club helpers');
		expect(text(list.html)).toContain('Published');
	});

	it('edits it, adds a translation, and refuses an unknown locale', async () => {
		const c = as(coordinator);
		const edited = await c.post(`${base()}/${opportunityId}?/update`, opportunityFields({ title: 'Homework club', open: [] as string[] }));
		expect(edited.status).toBe(200);
		const [o] = await db.select().from(volunteerOpportunities).where(eq(volunteerOpportunities.id, opportunityId));
		expect(o).toMatchObject({ title: 'Homework club', status: 'draft' });
		await c.post(`${base()}/${opportunityId}?/update`, opportunityFields({ title: 'Homework club' }));

		const bad = await c.post(`${base()}/${opportunityId}?/translate`, { locale: 'xx', trTitle: 'Club', trDescription: '' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Please choose one of the options.');
		const ok = await c.post(`${base()}/${opportunityId}?/translate`, { locale: 'ar', trTitle: 'نادي الواجبات', trDescription: 'مساعدة الأطفال' });
		expect(ok.status).toBe(200);
		const [t] = await db.select({ t: volunteerOpportunities.translations }).from(volunteerOpportunities).where(eq(volunteerOpportunities.id, opportunityId));
		expect(t.t.ar).toEqual({ title: 'نادي الواجبات', description: 'مساعدة الأطفال' });
	});
});

describe('shifts', () => {
	it('refuses a shift in the past and a shift that ends when it starts', async () => {
		const c = as(coordinator);
		const past = await c.post(`${base()}/${opportunityId}?/shifts`, { date: addDays(cityToday(), -3), start: '09:00', end: '12:00', capacity: '2', weeks: '1' });
		expect(past.status).toBe(400);
		expect(text(past.html)).toContain('The first shift must start in the future.');
		const same = await c.post(`${base()}/${opportunityId}?/shifts`, { date: addDays(cityToday(), 3), start: '09:00', end: '09:00', capacity: '2', weeks: '1' });
		expect(same.status).toBe(400);
		expect(text(same.html)).toContain('Enter a time, for example 09:30.');
		const capacity = await c.post(`${base()}/${opportunityId}?/shifts`, { date: addDays(cityToday(), 3), start: '09:00', end: '12:00', capacity: '0', weeks: '1' });
		expect(capacity.status).toBe(400);
		expect((await db.select({ n: count() }).from(volunteerShifts))[0].n).toBe(0);
	});

	it('adds a weekly series, cancels one shift, and shows the roster', async () => {
		const c = as(coordinator);
		const res = await c.post(`${base()}/${opportunityId}?/shifts`, { date: addDays(cityToday(), 2), start: '15:00', end: '18:00', capacity: '2', weeks: '4' });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('The shifts were added.');
		const shifts = await db.select().from(volunteerShifts).where(eq(volunteerShifts.opportunityId, opportunityId)).orderBy(volunteerShifts.startsAt);
		expect(shifts).toHaveLength(4);
		expect(new Set(shifts.map((s) => s.seriesId)).size).toBe(1);
		const page = await c.get(`${base()}/${opportunityId}`);
		expect(text(page.html)).toContain('0 of 2 taken');

		const cancelled = await c.post(`${base()}/${opportunityId}?/cancel`, { shiftId: shifts[1].id });
		expect(cancelled.status).toBe(200);
		expect(text(cancelled.html)).toContain('The shift was cancelled.');
		const gone = await db.select().from(volunteerShifts).where(and(eq(volunteerShifts.opportunityId, opportunityId), isNotNull(volunteerShifts.cancelledAt)));
		expect(gone.map((s) => s.id)).toEqual([shifts[1].id]);

		const roster = await c.get(`${base()}/${opportunityId}/shifts/${shifts[0].id}`);
		expect(roster.status).toBe(200);
		expect(text(roster.html)).toContain('Confirmed: 0 of 2');

		// A forged shift id: the 404 page; a shift of this opportunity under another's address: the same.
		const forged = await c.post(`${base()}/${opportunityId}?/cancel`, { shiftId: '00000000-0000-4000-8000-000000000000' });
		expect(forged.status).toBe(404);
		expect((await c.get(`${base()}/${opportunityId}/shifts/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
	});
});

describe('screening and deciding', () => {
	let amalApplication: string;
	let brunoApplication: string;

	it('lists applicants and refuses to accept before the screening is complete', async () => {
		const c = as(coordinator);
		const steps = await c.post(`${base()}?/steps`, { steps: ['conversation', 'criminal_record'] });
		expect(steps.status).toBe(200);
		const bad = await c.post(`${base()}?/steps`, { steps: ['conversation', 'palm_reading'] });
		expect(bad.status).toBe(400);

		amalApplication = await apply(volunteerCtx(amal), opportunityId, 'I speak Arabic and Italian.');
		brunoApplication = await apply(volunteerCtx(bruno), opportunityId, 'I can help on Tuesdays.');
		const page = await c.get(`${base()}/volunteers`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Amal');
		expect(t).toContain('I speak Arabic and Italian.');
		expect(t).toContain('Missing: Conversation');

		const early = await c.post(`${base()}/volunteers?/decide`, { applicationId: amalApplication, decision: 'accepted', reason: '' });
		expect(early.status).toBe(409);
		expect(text(early.html)).toContain('Some screening steps your organisation asks for are not recorded yet');
	});

	it('records the steps, refuses an expired check, then accepts', async () => {
		const c = as(coordinator);
		const noExpiry = await c.post(`${base()}/volunteers?/screen`, { userId: amal.id, step: 'criminal_record', reference: 'CR-1', expiresOn: '' });
		expect(noExpiry.status).toBe(400);
		expect(text(noExpiry.html)).toContain('Enter the date the criminal-record certificate expires.');
		expect(await c.post(`${base()}/volunteers?/screen`, { userId: amal.id, step: 'conversation', reference: '', expiresOn: '' })).toMatchObject({ status: 200 });
		const old = await c.post(`${base()}/volunteers?/screen`, { userId: amal.id, step: 'criminal_record', reference: 'CR-1', expiresOn: addDays(cityToday(), -1) });
		expect(old.status).toBe(200);
		expect(text((await c.get(`${base()}/volunteers`)).html)).toContain('Expired: the criminal-record check ended on');
		const expired = await c.post(`${base()}/volunteers?/decide`, { applicationId: amalApplication, decision: 'accepted', reason: '' });
		expect(expired.status).toBe(409);
		expect(text(expired.html)).toContain('The criminal-record check has expired');

		await c.post(`${base()}/volunteers?/screen`, { userId: amal.id, step: 'criminal_record', reference: 'CR-2', expiresOn: addDays(cityToday(), 365) });
		const ok = await c.post(`${base()}/volunteers?/decide`, { applicationId: amalApplication, decision: 'accepted', reason: '' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('The decision was saved.');
		const [a] = await db.select().from(volunteerApplications).where(eq(volunteerApplications.id, amalApplication));
		expect(a.status).toBe('accepted');
		expect(await db.select({ n: count() }).from(volunteerScreening)).toEqual([{ n: 2 }]);
	});

	it('asks for a reason to decline, and refuses a stranger to screen', async () => {
		const c = as(coordinator);
		const noReason = await c.post(`${base()}/volunteers?/decide`, { applicationId: brunoApplication, decision: 'declined', reason: '' });
		expect(noReason.status).toBe(400);
		expect(text(noReason.html)).toContain('Say why, so the volunteer understands.');
		const declined = await c.post(`${base()}/volunteers?/decide`, { applicationId: brunoApplication, decision: 'declined', reason: 'We need someone on Mondays.' });
		expect(declined.status).toBe(200);
		const [b] = await db.select().from(volunteerApplications).where(eq(volunteerApplications.id, brunoApplication));
		expect(b).toMatchObject({ status: 'declined', reason: 'We need someone on Mondays.' });
		// Someone who never applied here: the 404 page, nothing recorded.
		const stranger = await c.post(`${base()}/volunteers?/screen`, { userId: member.id, step: 'conversation', reference: '', expiresOn: '' });
		expect(stranger.status).toBe(404);
		const forged = await c.post(`${base()}/volunteers?/decide`, { applicationId: 'not-a-uuid', decision: 'accepted', reason: '' });
		expect(forged.status).toBe(400);
	});
});

describe('hours', () => {
	it('confirms hours once; a replayed form is told they were already reviewed', async () => {
		const hoursId = await logHours(volunteerCtx(amal), hoursForm.parse({ opportunityId, workedOn: addDays(cityToday(), -1), minutes: '150', tasks: 'Maths homework' }));
		const c = as(coordinator);
		const page = await c.get(`${base()}/hours`);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Maths homework');
		expect(text(page.html)).toContain('2 h 30 min');
		const ok = await c.post(`${base()}/hours?/review`, { hoursId, decision: 'confirmed' });
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('Done: the hours were reviewed.');
		const replay = await c.post(`${base()}/hours?/review`, { hoursId, decision: 'rejected' });
		expect(replay.status).toBe(409);
		expect(text(replay.html)).toContain('These hours were already confirmed or rejected.');
		const [h] = await db.select().from(volunteerHours).where(eq(volunteerHours.id, hoursId));
		expect(h.status).toBe('confirmed');
		const bad = await c.post(`${base()}/hours?/review`, { hoursId, decision: 'maybe' });
		expect(bad.status).toBe(400);
	});
});

describe('volunteer matching', () => {
	let dawit: TestUser;
	let elena: TestUser;
	let gardenId: string;
	const orgCtx = () => ({ ...volunteerCtx(coordinator), actor: { ...volunteerCtx(coordinator).actor, memberships: new Map([[orgId, 'volunteer_coordinator']]), secondFactor: true } as SignedInActor });
	const pair = (u: TestUser, o: string) => `${u.id}:${o}`;

	beforeAll(async () => {
		gardenId = await createOpportunity(
			orgCtx(),
			orgId,
			opportunityForm.parse({ title: 'Community garden', description: 'Weeding and watering on Saturdays.', kind: 'ongoing', mode: 'in_person', neighbourhoodId, languages: ['it', 'ti'], availability: ['15', '16'], open: 'on' })
		);
		dawit = await createUser(db, { displayName: 'Dawit', kind: 'newcomer' });
		elena = await createUser(db, { displayName: 'Elena' });
		await saveProfile(volunteerCtx(dawit), profileForm.parse({ languages: ['ti', 'it'], neighbourhoodId, skills: ['gardening'], availability: ['15'] }));
		await saveProfile(volunteerCtx(elena), profileForm.parse({ languages: ['it', 'ar'], neighbourhoodId, availability: ['3', '4', '7', '15'] }));
	});

	it('proposes, explained, only cleared volunteers for children; invites the selected ones by e-mail', async () => {
		const c = as(coordinator);
		const page = await c.get(`${base()}/matching`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Community garden');
		expect(page.html).toContain(`value="${pair(dawit, gardenId)}"`);
		// Elena has no criminal-record check with the organisation: never proposed for the homework club.
		expect(page.html).not.toContain(`value="${pair(elena, opportunityId)}"`);
		expect(t).toMatch(/Why this pair/);

		const before = (await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.template, 'volunteer_invitation')))[0].n;
		const res = await c.post(`${base()}/matching?/invite`, { invite: [pair(dawit, gardenId)] });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('1 volunteers invited by e-mail.');
		const [app1] = await db.select().from(volunteerApplications).where(and(eq(volunteerApplications.userId, dawit.id), eq(volunteerApplications.opportunityId, gardenId)));
		expect(app1.status).toBe('invited');
		const after = (await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.template, 'volunteer_invitation')))[0].n;
		expect(after).toBe(before + 1);
		// Invited once: the next run does not propose the pair again.
		expect((await c.get(`${base()}/matching`)).html).not.toContain(`value="${pair(dawit, gardenId)}"`);
		// Once her check is recorded, valid today, Elena can be proposed for the homework club.
		await db.insert(volunteerScreening).values({ organisationId: orgId, userId: elena.id, step: 'criminal_record', verifiedBy: coordinator.id, expiresOn: addDays(cityToday(), 100) });
		expect((await c.get(`${base()}/matching`)).html).toContain(`value="${pair(elena, opportunityId)}"`);
	});

	it('keeps and rules out pairs without JavaScript, the state carried in the form', async () => {
		const c = as(coordinator);
		const ruled = await c.post(`${base()}/matching?/run`, { forbid: pair(elena, gardenId) });
		expect(ruled.status).toBe(200);
		expect(ruled.html).toContain(`name="forbidden" value="${pair(elena, gardenId)}"`);
		expect(ruled.html).not.toContain(`name="invite" value="${pair(elena, gardenId)}"`);
		const back = await c.post(`${base()}/matching?/run`, { forbidden: [pair(elena, gardenId)], unforbid: pair(elena, gardenId) });
		expect(back.html).not.toContain(`name="forbidden" value="${pair(elena, gardenId)}"`);
	});

	it('refuses an empty choice, a forged pair and a foreign opportunity, inviting nobody', async () => {
		const c = as(coordinator, 'it');
		const count0 = (await db.select({ n: count() }).from(volunteerApplications))[0].n;
		const empty = await c.post(`${base()}/matching?/invite`, {});
		expect(empty.status).toBe(400);
		expect(text(empty.html)).toContain('Selezionate almeno una proposta da invitare.');
		const forged = await c.post(`${base()}/matching?/invite`, { invite: [pair(elena, gardenId), 'x:<script>'] });
		expect(forged.status).toBe(400);
		expect(forged.html).not.toContain('<script>');
		const foreign = await c.post(`${base()}/matching?/invite`, { invite: [`${elena.id}:00000000-0000-4000-8000-000000000000`] });
		expect(foreign.status).toBe(400);
		expect((await db.select({ n: count() }).from(volunteerApplications))[0].n).toBe(count0);
	});
});

describe('who may open the workspace', () => {
	const pages = () => [base(), `${base()}/${opportunityId}`, `${base()}/volunteers`, `${base()}/matching`, `${base()}/hours`];

	it('refuses a plain member and a coordinator of another organisation (403), also on posts', async () => {
		for (const [label, u] of [['member', member] as const, ['other organisation', otherCoordinator] as const]) {
			const c = as(u);
			for (const p of pages()) expect((await c.get(p)).status, `${label} ${p}`).toBe(403);
			const post = await c.post(`${base()}?/create`, opportunityFields({ title: 'Sneaky' }));
			expect(post.status).toBe(403);
		}
		expect(await db.select({ n: count() }).from(volunteerOpportunities).where(eq(volunteerOpportunities.title, 'Sneaky'))).toEqual([{ n: 0 }]);
	});

	it('gives a forged or foreign opportunity id the 404 page', async () => {
		const c = as(coordinator);
		expect((await c.get(`${base()}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
		expect((await c.get(`${base()}/not-a-uuid`)).status).toBe(404);
		const foreign = await createOpportunity(
			{ ...volunteerCtx(otherCoordinator), actor: { ...volunteerCtx(otherCoordinator).actor, memberships: new Map([[otherOrgId, 'volunteer_coordinator']]) } as SignedInActor },
			otherOrgId,
			opportunityForm.parse({ title: 'Other', description: 'Other', kind: 'one_off', mode: 'remote' })
		);
		expect((await c.get(`${base()}/${foreign}`)).status).toBe(404);
		const post = await c.post(`${base()}/${foreign}?/update`, opportunityFields({ title: 'Taken over' }));
		expect(post.status).toBe(404);
	});

	it('asks for the second factor before volunteers and hours, not before opportunities', async () => {
		const c = as(coordinatorNo2fa);
		expect((await c.get(base())).status).toBe(200);
		for (const p of [`${base()}/volunteers`, `${base()}/matching`, `${base()}/hours`]) {
			const res = await c.get(p);
			expect(res.status).toBe(303);
			expect(res.location).toContain('/signin/verify');
		}
	});

	it('is right to left in Arabic', async () => {
		const page = await as(coordinator, 'ar').get(`${base()}/${opportunityId}`);
		expect(page.status).toBe(200);
		expect(page.html).toMatch(/<html[^>]*dir="rtl"/);
	});
});
