/**
 * Neighbourhood activities at the use-case level (issue 6): organisations
 * publish, residents propose and the house reviews, people RSVP up to the
 * capacity and wait in line, cancelling promotes the first waiting, reminders
 * go once, cancelling tells attendees; the iCalendar feeds are parsed with
 * ical.js. With TEST_DATABASE_URL the concurrent RSVPs each use their own
 * PostgreSQL connection.
 */
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/lib/server/db/index.ts';
import { activities, activityRsvps, auditLog, emailOutbox, neighbourhoodHouses, neighbourhoods, organisations, volunteerProfiles } from '../../src/lib/server/db/schema/index.ts';
import type { MemberRole } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { zonedInstant } from '../../src/lib/directory/hours.ts';
import {
	cancelActivity,
	createActivity,
	getActivity,
	listActivities,
	MAX_PENDING_PROPOSALS,
	myProposals,
	proposalsToReview,
	proposeActivity,
	reviewProposal,
	upcomingVolunteerEvents,
	updateActivity
} from '../../src/lib/server/activities/activities.ts';
import { attendees, cancelRsvp, myRsvps, rsvp, sendActivityReminders } from '../../src/lib/server/activities/rsvp.ts';
import { neighbourhoodFeed, personalFeed, resetFeedToken, toIcs } from '../../src/lib/server/activities/calendar.ts';
import { activityForm, proposalForm, type ActivityInput } from '../../src/lib/server/activities/schemas.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { addMember, createUser } from '../helpers/users.ts';

let main: TestDatabase;
let handles: Database[] = [];
let orgId: string;
let houseOrgId: string;
let nbId: string;
let otherNbId: string;
let staff: SignedInActor;
let houseCoordinator: SignedInActor;
let member: SignedInActor;

function actor(userId: string, memberships: [string, MemberRole][] = []): SignedInActor {
	return { kind: 'user', userId, personKind: 'resident', platformRole: null, memberships: new Map(memberships), emailVerified: true, secondFactor: true, totpEnabled: memberships.length > 0 };
}
function ctx(a: SignedInActor | { kind: 'anonymous' }, i = 0): Ctx {
	return { db: handles[i % handles.length].db, actor: a, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' };
}
async function person(name: string): Promise<SignedInActor> {
	const u = await createUser(main.db, { displayName: name });
	return actor(u.id);
}
const refused = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (e) {
		if (e instanceof Refusal) return e.key;
		if (e instanceof PolicyDenied) return `policy:${e.decision}`;
		throw e;
	}
	return 'no refusal';
};
const inDays = (days: number) => addDays(cityToday(), days);

function form(over: Record<string, string | string[]> = {}): ActivityInput {
	return activityForm.parse({
		title: 'Cooking together',
		description: 'Bring a recipe from home.',
		kind: 'activity',
		neighbourhoodId: nbId,
		date: inDays(5),
		start: '18:00',
		end: '20:00',
		placeName: 'Casa del Quartiere',
		address: 'Via del Porto 12',
		capacity: '3',
		languages: ['it', 'ar'],
		childFriendly: 'on',
		accessibility: ['step_free', 'quiet_space'],
		...over
	});
}
const parse = (schema: typeof activityForm | typeof proposalForm, v: Record<string, unknown>) => {
	const r = schema.safeParse(v);
	return r.success ? 'ok' : r.error.issues.map((i) => i.message).join(',');
};

beforeAll(async () => {
	main = await testDatabase();
	handles = [main];
	if (process.env.TEST_DATABASE_URL) {
		const [{ name }] = ((await main.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }).rows;
		const url = new URL(process.env.TEST_DATABASE_URL);
		url.pathname = `/${name}`;
		handles = [];
		for (let i = 0; i < 6; i++) handles.push(await openPostgres(url.toString(), 1));
	}
	const [n1, n2] = await main.db.insert(neighbourhoods).values([{ slug: 'porto-vecchio', name: 'Porto Vecchio' }, { slug: 'collina', name: 'Collina' }]).returning({ id: neighbourhoods.id });
	nbId = n1.id;
	otherNbId = n2.id;
	const [org, house] = await main.db
		.insert(organisations)
		.values([
			{ slug: 'act-org', name: 'Open Harbour', type: 'ngo', verification: 'verified' },
			{ slug: 'act-house', name: 'Casa del Quartiere', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	orgId = org.id;
	houseOrgId = house.id;
	await main.db.insert(neighbourhoodHouses).values({ neighbourhoodId: nbId, organisationId: houseOrgId, name: 'Casa del Quartiere' });
	const s = await createUser(main.db, { displayName: 'Sara', totp: true, secondFactor: true });
	await addMember(main.db, orgId, s.id, 'coordinator');
	staff = actor(s.id, [[orgId, 'coordinator']]);
	const h = await createUser(main.db, { displayName: 'Hugo', totp: true, secondFactor: true });
	await addMember(main.db, houseOrgId, h.id, 'coordinator');
	houseCoordinator = actor(h.id, [[houseOrgId, 'coordinator']]);
	const mem = await createUser(main.db, { displayName: 'Mario' });
	await addMember(main.db, orgId, mem.id, 'member');
	member = actor(mem.id, [[orgId, 'member']]);
});

afterAll(async () => {
	for (const h of handles) if (h !== main) await h.close();
	await main?.dispose();
});

describe('the forms', () => {
	it('refuses an end before the start, an http or javascript link, no place, a bad capacity, unknown choices', () => {
		const base = { title: 'X', kind: 'event', date: inDays(3), start: '18:00', end: '20:00', placeName: 'Here' };
		expect(parse(activityForm, base)).toBe('ok');
		expect(parse(activityForm, { ...base, end: '17:00' })).toBe('activities_ends_before_starts');
		expect(parse(activityForm, { ...base, placeName: '', onlineUrl: 'http://meet.example.org/x' })).toContain('activities_online_https');
		expect(parse(activityForm, { ...base, placeName: '', onlineUrl: 'javascript:alert(1)' })).toContain('activities_online_https');
		expect(parse(activityForm, { ...base, placeName: '', onlineUrl: 'https://meet.example.org/abc' })).toBe('ok');
		expect(parse(activityForm, { ...base, placeName: '' })).toBe('activities_place_or_link');
		expect(parse(activityForm, { ...base, capacity: '0' })).toBe('activities_capacity_invalid');
		expect(parse(activityForm, { ...base, capacity: '-3' })).toBe('activities_capacity_invalid');
		expect(parse(activityForm, { ...base, kind: 'rave' })).toBe('field_invalid_choice');
		expect(parse(activityForm, { ...base, accessibility: ['teleporter'] })).toBe('field_invalid_choice');
		expect(parse(activityForm, { ...base, date: '2026-02-30' })).toBe('activities_date_invalid');
		expect(parse(proposalForm, { ...base, kind: 'training' })).not.toBe('ok');
	});
});

describe('organisation activities', () => {
	it('lets staff publish and refuses a plain member (audited) and a forged organisation', async () => {
		const id = await createActivity(ctx(staff), orgId, form());
		const a = await getActivity(ctx({ kind: 'anonymous' }), id);
		expect(a.title).toBe('Cooking together');
		expect(a.childFriendly).toBe(true);
		expect(a.startsAt.toISOString()).toBe(zonedInstant(inDays(5), 18 * 60).toISOString());
		expect(await refused(createActivity(ctx(member), orgId, form()))).toBe('policy:denied');
		const denied = await main.db.select().from(auditLog).where(and(eq(auditLog.actorId, member.userId), eq(auditLog.outcome, 'denied')));
		expect(denied.map((d) => d.action)).toContain('activities.manage');
		expect(await refused(createActivity(ctx(staff), 'nope', form()))).toBe('org_not_found');
		expect(await refused(getActivity(ctx(staff), 'not-a-uuid'))).toBe('activities_not_found');
		expect(await refused(getActivity(ctx(staff), '00000000-0000-4000-8000-000000000000'))).toBe('activities_not_found');
		expect(await refused(createActivity(ctx(staff), orgId, form({ date: addDays(cityToday(), -2) })))).toBe('activities_in_the_past');
	});

	it('lists with filters and hides volunteers-only events from people without a volunteer profile', async () => {
		await createActivity(ctx(staff), orgId, form({ title: 'Training: first aid', kind: 'training', audience: 'volunteers', childFriendly: '', languages: ['en'] }));
		await createActivity(ctx(staff), orgId, form({ title: 'Online chat', placeName: '', address: '', onlineUrl: 'https://meet.example.org/chat', neighbourhoodId: otherNbId, childFriendly: '', languages: ['fr'], date: inDays(20) }));
		const outsider = await person('Olek');
		const all = await listActivities(ctx(outsider));
		expect(all.items.map((i) => i.title)).not.toContain('Training: first aid');
		await main.db.insert(volunteerProfiles).values({ userId: outsider.userId });
		expect((await listActivities(ctx(outsider))).items.map((i) => i.title)).toContain('Training: first aid');
		expect((await listActivities(ctx(outsider), { child: '1' })).items.every((i) => i.childFriendly)).toBe(true);
		expect((await listActivities(ctx(outsider), { language: 'fr' })).items.map((i) => i.title)).toEqual(['Online chat']);
		expect((await listActivities(ctx(outsider), { neighbourhood: 'collina' })).items.map((i) => i.title)).toEqual(['Online chat']);
		expect((await listActivities(ctx(outsider), { kind: 'training' })).items.map((i) => i.title)).toEqual(['Training: first aid']);
		expect((await listActivities(ctx(outsider), { week: '1' })).items.map((i) => i.title)).not.toContain('Online chat');
		expect((await upcomingVolunteerEvents(ctx(outsider), 5)).map((e) => e.title)).toEqual(['Training: first aid']);
	});
});

describe('RSVPs', () => {
	it('lets exactly the capacity in under concurrent RSVPs, each on its own connection; the rest wait in order', async () => {
		const id = await createActivity(ctx(staff), orgId, form({ title: 'Concurrency', capacity: '3' }));
		const people = await Promise.all(Array.from({ length: 8 }, (_, i) => person(`P${i}`)));
		const results = await Promise.all(people.map((p, i) => rsvp(ctx(p, i), id)));
		expect(results.filter((r) => r.status === 'going')).toHaveLength(3);
		expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(5);
		expect(await refused(rsvp(ctx(people[0]), id))).toBe('activities_already_going');
		const list = await attendees(ctx(staff), id);
		expect(list.going).toHaveLength(3);
		expect(list.waiting).toHaveLength(5);
		expect(await refused(attendees(ctx(member), id))).toBe('policy:denied');
		// A goer cancels: the first in line gets the place and an e-mail.
		const goer = people[results.findIndex((r) => r.status === 'going')];
		const [first] = await main.db
			.select({ userId: activityRsvps.userId })
			.from(activityRsvps)
			.where(and(eq(activityRsvps.activityId, id), eq(activityRsvps.status, 'waitlisted')))
			.orderBy(activityRsvps.createdAt, activityRsvps.id)
			.limit(1);
		expect((await cancelRsvp(ctx(goer), id)).promoted).toBe(1);
		const promoted = people.find((p) => p.userId === first.userId)!;
		expect((await myRsvps(ctx(promoted))).find((r) => r.activityId === id)?.status).toBe('going');
		const mails = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'activity_place'));
		expect(mails).toHaveLength(1);
		expect(await refused(cancelRsvp(ctx(goer), id))).toBe('activities_rsvp_not_found');
		// Someone waiting sees their place in line.
		const waiting = (await Promise.all(people.map(async (p) => (await myRsvps(ctx(p))).find((r) => r.activityId === id)))).filter((r) => r?.status === 'waitlisted');
		expect(waiting.map((w) => w!.position).sort()).toEqual([1, 2, 3, 4]);
	});

	it('reminds people going once, the day before, and tells everyone when the activity is cancelled', async () => {
		const soon = new Date(Date.now() + 2 * 86_400_000);
		const id = await createActivity(ctx(staff), orgId, form({ title: 'Reminded', date: inDays(2), capacity: '' }));
		const p = await person('Rita');
		await rsvp(ctx(p), id);
		const dayBefore = new Date(soon.getTime() - 23 * 3_600_000);
		expect(await sendActivityReminders(main.db, new Date(Date.now() - 10 * 86_400_000))).toBe(0);
		const first = await sendActivityReminders(main.db, dayBefore, 48);
		expect(first).toBeGreaterThanOrEqual(1);
		expect(await sendActivityReminders(main.db, dayBefore, 48)).toBe(0);
		expect(await cancelActivity(ctx(staff), id, 'The hall is flooded')).toBe(1);
		const [mail] = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'activity_cancelled'));
		expect(mail.textBody).toContain('The hall is flooded');
		expect(await refused(rsvp(ctx(await person('Late')), id))).toBe('activities_cancelled');
		expect(await refused(cancelActivity(ctx(staff), id, ''))).toBe('activities_cancelled');
		expect(await refused(updateActivity(ctx(staff), id, form()))).toBe('activities_cancelled');
	});
});

describe('residents propose, the house reviews', () => {
	it('needs a neighbourhood with a house, limits pending proposals, and lets only that house review', async () => {
		const resident = await person('Amina');
		const input = proposalForm.parse({ title: 'Football in the park', neighbourhoodId: nbId, date: inDays(9), start: '10:00', end: '12:00', placeName: 'Parco Nord' });
		expect(await refused(proposeActivity(ctx(resident), { ...input, neighbourhoodId: otherNbId }))).toBe('activities_no_house');
		const ids: string[] = [];
		for (let i = 0; i < MAX_PENDING_PROPOSALS; i++) ids.push(await proposeActivity(ctx(resident), { ...input, title: `Idea ${i}` }));
		expect(await refused(proposeActivity(ctx(resident), input))).toBe('activities_too_many_pending');
		// Not public while proposed.
		expect(await refused(getActivity(ctx(await person('Nosy')), ids[0]))).toBe('activities_not_found');
		expect((await getActivity(ctx(resident), ids[0])).status).toBe('proposed');
		// Only the house's coordinators review; another organisation's coordinator may not.
		expect(await refused(reviewProposal(ctx(staff), ids[0], 'publish', ''))).toBe('policy:denied');
		expect(await refused(proposalsToReview(ctx(staff), houseOrgId))).toBe('policy:denied');
		expect((await proposalsToReview(ctx(houseCoordinator), houseOrgId)).map((p) => p.title)).toContain('Idea 0');
		expect(await refused(reviewProposal(ctx(houseCoordinator), ids[1], 'reject', ''))).toBe('activities_reason_required');
		await reviewProposal(ctx(houseCoordinator), ids[0], 'publish', '');
		await reviewProposal(ctx(houseCoordinator), ids[1], 'reject', 'The park is closed that day');
		expect(await refused(reviewProposal(ctx(houseCoordinator), ids[1], 'publish', ''))).toBe('activities_already_reviewed');
		expect((await getActivity(ctx(await person('Pub')), ids[0])).status).toBe('published');
		const mine = await myProposals(ctx(resident));
		expect(mine.find((p) => p.id === ids[1])).toMatchObject({ status: 'rejected', reason: 'The park is closed that day' });
		const mails = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'activity_rejected'));
		expect(mails[0].textBody).toContain('The park is closed that day');
		// A place freed: one more may be proposed.
		await proposeActivity(ctx(resident), input);
	});
});

describe('iCalendar feeds', () => {
	const hostile = 'Tea, cake; and\nnewlines \\ "quotes" <script>alert(1)</script> END:VEVENT';

	function events(ics: string) {
		const comp = new ICAL.Component(ICAL.parse(ics));
		return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	}

	it('serialises hostile text so it round-trips, folds long lines, and keeps instants across a change of clocks', () => {
		// The last Sunday of March: clocks go forward in the city (Europe/Rome by default).
		const year = new Date().getUTCFullYear() + 1;
		const lastSunday = (() => {
			const d = new Date(Date.UTC(year, 2, 31));
			d.setUTCDate(31 - d.getUTCDay());
			return d.toISOString().slice(0, 10);
		})();
		const before = zonedInstant(addDays(lastSunday, -1), 10 * 60);
		const after = zonedInstant(lastSunday, 10 * 60);
		const ics = toIcs('Feed', [
			{ id: '11111111-1111-4111-8111-111111111111', title: hostile, description: 'x'.repeat(300), startsAt: before, endsAt: new Date(before.getTime() + 3_600_000), placeName: 'A, B; C', address: null, onlineUrl: null, status: 'published' },
			{ id: '22222222-2222-4222-8222-222222222222', title: 'After', description: '', startsAt: after, endsAt: new Date(after.getTime() + 3_600_000), placeName: null, address: null, onlineUrl: 'https://meet.example.org/x', status: 'cancelled' }
		]);
		expect(ics.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
		const [a, b] = events(ics);
		expect(a.summary).toBe(hostile);
		expect(a.location).toBe('A, B; C');
		expect(a.uid).toBe('activity-11111111-1111-4111-8111-111111111111@localhost');
		expect(a.startDate.toJSDate().toISOString()).toBe(before.toISOString());
		expect(b.startDate.toJSDate().toISOString()).toBe(after.toISOString());
		// 10:00 local on both days: one hour less in UTC after the change.
		expect(before.getUTCHours() - after.getUTCHours()).toBe(1);
		expect(b.component.getFirstPropertyValue('status')).toBe('CANCELLED');
	});

	it('publishes a neighbourhood feed of its public activities, and a personal feed behind a secret that can be reset', async () => {
		const id = await createActivity(ctx(staff), orgId, form({ title: hostile.replace(/\n/g, ' '), capacity: '' }));
		const feed = await neighbourhoodFeed(main.db, 'porto-vecchio');
		const titles = events(feed!).map((e) => e.summary);
		expect(titles).toContain(hostile.replace(/\n/g, ' '));
		expect(titles).not.toContain('Training: first aid');
		expect(titles).not.toContain('Online chat');
		expect(await neighbourhoodFeed(main.db, 'nowhere')).toBeNull();
		expect(await neighbourhoodFeed(main.db, '../etc')).toBeNull();

		const p = await person('Feeder');
		await rsvp(ctx(p), id);
		const token = await resetFeedToken(ctx(p));
		const mine = events((await personalFeed(main.db, token))!);
		expect(mine.map((e) => e.uid)).toEqual([`activity-${id}@localhost`]);
		const newer = await resetFeedToken(ctx(p));
		expect(await personalFeed(main.db, token)).toBeNull();
		expect(await personalFeed(main.db, newer)).not.toBeNull();
		expect(await personalFeed(main.db, 'forged-token-forged-token-0000')).toBeNull();
		expect(await personalFeed(main.db, '')).toBeNull();
		const reads = await main.db.select().from(auditLog).where(and(eq(auditLog.action, 'activities.feed.read'), eq(auditLog.resourceId, p.userId)));
		expect(reads.length).toBe(2);
	});
});
