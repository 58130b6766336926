/**
 * Assemblies and meetings at the use-case level (issue 7): officers create
 * assemblies and name a chair and a secretary among the members; people join
 * (or ask and are accepted), leave; the chair schedules meetings (members are
 * e-mailed), members answer and ask for interpreters, the chair sees them per
 * language; afterwards the secretary records attendance, minutes and
 * decisions tracked to done; overdue decisions show across assemblies. Bad
 * input and forged ids (another assembly's meeting or decision, random and
 * non-uuids) change nothing. The iCalendar files are parsed with ical.js.
 * With TEST_DATABASE_URL the double join runs on two connections.
 */
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/lib/server/db/index.ts';
import { assemblies, assemblyDecisions, assemblyMeetings, assemblyMembers, auditLog, emailOutbox, neighbourhoods } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { zonedInstant } from '../../src/lib/directory/hours.ts';
import { answerRequest, createAssembly, getAssembly, joinAssembly, leaveAssembly, listAssemblies, members, setRoles, translateAssembly } from '../../src/lib/server/assemblies/assemblies.ts';
import { attendanceOf, cancelMeeting, getMeeting, meetingReplies, meetingsOf, recordAttendance, replyToMeeting, scheduleMeeting, writeMinutes } from '../../src/lib/server/assemblies/meetings.ts';
import { addDecision, decisionsAcross, decisionsOf, setDecisionStatus } from '../../src/lib/server/assemblies/decisions.ts';
import { assemblyFeed, meetingIcs } from '../../src/lib/server/assemblies/calendar.ts';
import { assemblyForm, attendanceForm, decisionForm, meetingForm, minutesForm, replyForm } from '../../src/lib/server/assemblies/schemas.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { createUser } from '../helpers/users.ts';

let main: TestDatabase;
let handles: Database[] = [];
let nbId: string;
let officer: SignedInActor;
let chair: SignedInActor;
let secretary: SignedInActor;
let amina: SignedInActor;
let outsider: SignedInActor;
let open: string;
let byRequest: string;
const FORGED = '00000000-0000-4000-8000-000000000000';
const anon = { kind: 'anonymous' } as const;

function actor(userId: string, platformRole: SignedInActor['platformRole'] = null): SignedInActor {
	return { kind: 'user', userId, personKind: 'resident', platformRole, memberships: new Map(), emailVerified: true, secondFactor: true, totpEnabled: platformRole !== null };
}
function ctx(a: SignedInActor | typeof anon, i = 0): Ctx {
	return { db: handles[i % handles.length].db, actor: a, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' };
}
async function person(name: string, email?: string): Promise<SignedInActor> {
	const u = await createUser(main.db, { displayName: name, email });
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
const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) => {
	const r = schema.safeParse(v);
	return r.success ? 'ok' : r.error!.issues.map((i) => i.message).join(',');
};
const inDays = (n: number) => addDays(cityToday(), n);
const meeting = (over: Record<string, unknown> = {}) =>
	meetingForm.parse({ date: inDays(6), start: '18:30', end: '20:00', placeName: 'Centro Ciudadano', address: 'Calle Mármoles 3', agendaTitle: ['Street cleaning', 'Summer festival'], agendaDescription: ['Report from the council', ''], ...over });
/** A meeting that took place two days ago, inserted directly (the use case refuses the past). */
async function pastMeeting(assemblyId: string): Promise<string> {
	const startsAt = zonedInstant(inDays(-2), 18 * 60);
	const [row] = await main.db
		.insert(assemblyMeetings)
		.values({ assemblyId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), placeName: 'Centro Ciudadano' })
		.returning({ id: assemblyMeetings.id });
	return row.id;
}
const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

beforeAll(async () => {
	main = await testDatabase();
	handles = [main];
	if (process.env.TEST_DATABASE_URL) {
		const [{ name }] = ((await main.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }).rows;
		const url = new URL(process.env.TEST_DATABASE_URL);
		url.pathname = `/${name}`;
		handles = [];
		for (let i = 0; i < 4; i++) handles.push(await openPostgres(url.toString(), 1));
	}
	const [nb] = await main.db.insert(neighbourhoods).values({ slug: 'trinidad', name: 'La Trinidad' }).returning({ id: neighbourhoods.id });
	nbId = nb.id;
	const o = await createUser(main.db, { displayName: 'Olga Officer', platformRole: 'integration_officer', totp: true, secondFactor: true });
	officer = actor(o.id, 'integration_officer');
	chair = await person('Carmen', 'carmen@example.org');
	secretary = await person('Samir', 'samir@example.org');
	amina = await person('Amina', 'amina@example.org');
	outsider = await person('Otto');
});

afterAll(async () => {
	for (const h of handles) if (h !== main) await h.close();
	await main?.dispose();
});

describe('the forms', () => {
	it('refuses an end before the start, an http link, no place, a bad date, an agenda item without title', () => {
		const base = { date: inDays(6), start: '18:30', end: '20:00', placeName: 'Here' };
		expect(issues(meetingForm, base)).toBe('ok');
		expect(issues(meetingForm, { ...base, end: '17:00' })).toBe('assemblies_ends_before_starts');
		expect(issues(meetingForm, { ...base, placeName: '', onlineUrl: 'http://meet.example.org/x' })).toContain('activities_online_https');
		expect(issues(meetingForm, { ...base, placeName: '', onlineUrl: 'javascript:alert(1)' })).toContain('activities_online_https');
		expect(issues(meetingForm, { ...base, placeName: '', onlineUrl: 'https://meet.example.org/a' })).toBe('ok');
		expect(issues(meetingForm, { ...base, placeName: '' })).toBe('assemblies_place_or_link');
		expect(issues(meetingForm, { ...base, date: '2026-02-30' })).toBe('assemblies_date_invalid');
		expect(issues(meetingForm, { ...base, start: '25:00' })).toContain('assemblies_time_invalid');
		expect(issues(meetingForm, { ...base, agendaTitle: ['', 'B'], agendaDescription: ['only details', ''] })).toBe('assemblies_agenda_title_required');
		expect(issues(meetingForm, { ...base, agendaTitle: Array.from({ length: 21 }, (_, i) => `T${i}`) })).toBe('assemblies_agenda_too_long');
		expect(meetingForm.parse({ ...base, agendaTitle: ['A', '', 'C'], agendaDescription: ['', '', 'c'] }).agenda).toEqual([
			{ title: 'A', description: '' },
			{ title: 'C', description: 'c' }
		]);
	});

	it('refuses minutes of 100 KB, a decision with two owners or none, unknown choices', () => {
		expect(issues(minutesForm, { minutes: 'x'.repeat(100_000) })).toBe('assemblies_minutes_too_long');
		expect(issues(minutesForm, { minutes: '   ' })).toBe('field_required');
		expect(issues(decisionForm, { text: 'Fix the lights', ownerUserId: FORGED, ownerOrganisation: 'Council', dueOn: inDays(10) })).toBe('assemblies_owner_one');
		expect(issues(decisionForm, { text: 'Fix the lights', dueOn: inDays(10) })).toBe('assemblies_owner_one');
		expect(issues(decisionForm, { text: 'Fix the lights', ownerUserId: 'not-a-uuid', dueOn: inDays(10) })).toContain('assemblies_not_a_member');
		expect(issues(decisionForm, { text: 'Fix the lights', ownerOrganisation: 'Council', dueOn: 'tomorrow' })).toBe('assemblies_due_invalid');
		expect(issues(replyForm, { coming: 'maybe' })).toBe('assemblies_coming_required');
		expect(issues(replyForm, { coming: 'yes', interpreter: 'klingon' })).toBe('field_invalid_choice');
		expect(issues(attendanceForm, { guests: '-1' })).toBe('assemblies_guests_invalid');
		expect(issues(attendanceForm, { guests: '2', [`p_${FORGED}`]: 'asleep' })).toBe('field_invalid_choice');
		// The form reader adds empty lists for the multi fields: they are ignored.
		expect([...attendanceForm.parse({ guests: '', languages: [], agendaTitle: [], [`p_${FORGED}`]: 'present' }).marks]).toEqual([[FORGED, 'present']]);
		expect(issues(assemblyForm, { kind: 'neighbourhood', name: 'X' })).toBe('assemblies_neighbourhood_required');
		expect(issues(assemblyForm, { kind: 'thematic', name: 'X' })).toBe('assemblies_theme_required');
		expect(issues(assemblyForm, { kind: 'party', name: 'X' })).toContain('field_invalid_choice');
	});
});

describe('assemblies and members', () => {
	it('lets officers create assemblies; refuses residents (audited) and a forged neighbourhood', async () => {
		open = await createAssembly(ctx(officer), assemblyForm.parse({ kind: 'neighbourhood', neighbourhoodId: nbId, name: 'Trinidad neighbourhood assembly', description: 'Monthly, <script>alert(1)</script>', languages: ['es', 'ar'], joinRule: 'open' }));
		byRequest = await createAssembly(ctx(officer), assemblyForm.parse({ kind: 'thematic', theme: 'Housing', name: 'Housing assembly', joinRule: 'request' }));
		expect(await refused(createAssembly(ctx(chair), assemblyForm.parse({ kind: 'thematic', theme: 'X', name: 'Mine' })))).toBe('policy:denied');
		const denied = await main.db.select().from(auditLog).where(and(eq(auditLog.actorId, chair.userId), eq(auditLog.outcome, 'denied')));
		expect(denied.map((d) => d.action)).toContain('assemblies.manage');
		expect(await refused(createAssembly(ctx(officer), assemblyForm.parse({ kind: 'neighbourhood', neighbourhoodId: FORGED, name: 'Ghost' })))).toBe('field_invalid_choice');
		expect(await refused(getAssembly(ctx(anon), 'not-a-uuid'))).toBe('assemblies_not_found');
		expect(await refused(getAssembly(ctx(anon), FORGED))).toBe('assemblies_not_found');
		const a = await getAssembly(ctx(anon), open);
		expect(a.description).toBe('Monthly, <script>alert(1)</script>');
		expect(a.neighbourhoodName).toBe('La Trinidad');
		await translateAssembly(ctx(officer), open, { locale: 'ar', name: 'جمعية حي ترينيداد', description: 'شهرياً' });
		expect((await getAssembly({ ...ctx(anon), locale: 'ar' }, open)).name).toBe('جمعية حي ترينيداد');
		expect((await getAssembly({ ...ctx(anon), locale: 'fr' }, open)).name).toBe('Trinidad neighbourhood assembly');
	});

	it('a double join at the same instant makes one membership; leaving and joining again works', async () => {
		const results = await Promise.allSettled([joinAssembly(ctx(chair, 0), open), joinAssembly(ctx(chair, 1), open)]);
		expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<string>).value)).toEqual(['active']);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((rejected.reason as Refusal).key).toBe('assemblies_already_member');
		const rows = await main.db.select().from(assemblyMembers).where(and(eq(assemblyMembers.assemblyId, open), eq(assemblyMembers.userId, chair.userId)));
		expect(rows).toHaveLength(1);
		await joinAssembly(ctx(secretary), open);
		await joinAssembly(ctx(amina), open);
		await leaveAssembly(ctx(amina), open);
		expect(await refused(leaveAssembly(ctx(amina), open))).toBe('assemblies_not_a_member');
		expect(await joinAssembly(ctx(amina), open)).toBe('active');
		expect((await getAssembly(ctx(anon), open)).members).toBe(3);
		expect(await refused(joinAssembly(ctx(anon), open))).toBe('policy:sign_in_required');
	});

	it('names a chair and a secretary among members only', async () => {
		expect(await refused(setRoles(ctx(officer), open, { chairId: outsider.userId, secretaryId: null }))).toBe('assemblies_not_a_member');
		expect(await refused(setRoles(ctx(chair), open, { chairId: chair.userId, secretaryId: null }))).toBe('policy:denied');
		await setRoles(ctx(officer), open, { chairId: chair.userId, secretaryId: secretary.userId });
		await setRoles(ctx(officer), byRequest, { chairId: null, secretaryId: null });
	});

	it('shows the member list to members and staff only (an audited read), the count to everyone', async () => {
		const list = await members(ctx(amina), open);
		expect(list.members.map((p) => [p.name, p.role])).toEqual([
			['Amina', null],
			['Carmen', 'chair'],
			['Samir', 'secretary']
		]);
		expect(list.requests).toEqual([]);
		expect(await refused(members(ctx(outsider), open))).toBe('policy:denied');
		expect(await refused(members(ctx(anon), open))).toBe('policy:sign_in_required');
		expect((await members(ctx(officer), open)).members).toHaveLength(3);
		const reads = await main.db.select().from(auditLog).where(and(eq(auditLog.action, 'assemblies.members.view'), eq(auditLog.resourceId, open)));
		expect(reads.length).toBeGreaterThanOrEqual(2);
		expect((await listAssemblies(ctx(anon))).find((a) => a.id === open)?.members).toBe(3);
	});

	it('by request: the chair of THAT assembly accepts; a forged or foreign request is not found', async () => {
		expect(await joinAssembly(ctx(amina), byRequest)).toBe('requested');
		await joinAssembly(ctx(chair), byRequest);
		await setRoles(ctx(officer), byRequest, { chairId: null, secretaryId: null });
		const [req] = await main.db.select().from(assemblyMembers).where(and(eq(assemblyMembers.assemblyId, byRequest), eq(assemblyMembers.userId, amina.userId)));
		// Carmen chairs the open assembly, not this one.
		expect(await refused(answerRequest(ctx(chair), byRequest, req.id, 'accept'))).toBe('policy:denied');
		// The open assembly's chair cannot accept this request through her own assembly.
		expect(await refused(answerRequest(ctx(chair), open, req.id, 'accept'))).toBe('assemblies_request_not_found');
		expect(await refused(answerRequest(ctx(officer), byRequest, FORGED, 'accept'))).toBe('assemblies_request_not_found');
		const [carmenReq] = await main.db.select().from(assemblyMembers).where(and(eq(assemblyMembers.assemblyId, byRequest), eq(assemblyMembers.userId, chair.userId)));
		await answerRequest(ctx(officer), byRequest, carmenReq.id, 'accept');
		await setRoles(ctx(officer), byRequest, { chairId: chair.userId, secretaryId: null });
		const waiting = await members(ctx(chair), byRequest);
		expect(waiting.requests.map((r) => r.name)).toEqual(['Amina']);
		// Amina asked before the assembly had a chair: nobody was e-mailed. Now one more asks, and the chair hears of it.
		expect(await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'assembly_join_request'))).toHaveLength(0);
		expect(await joinAssembly(ctx(outsider), byRequest)).toBe('requested');
		const told = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'assembly_join_request'));
		expect(told.map((e) => [e.toAddress, e.subject])).toEqual([['carmen@example.org', 'Request to join: Housing assembly']]);
		expect(told[0].textBody).toContain(`Otto asks to join Housing assembly.`);
		await leaveAssembly(ctx(outsider), byRequest);
		await answerRequest(ctx(chair), byRequest, req.id, 'accept');
		expect(await refused(answerRequest(ctx(chair), byRequest, req.id, 'accept'))).toBe('assemblies_request_not_found');
		expect((await members(ctx(chair), byRequest)).members.map((p) => p.name)).toEqual(['Amina', 'Carmen']);
	});
});

describe('meetings', () => {
	let upcoming: string;
	let otherMeeting: string;

	it('the chair schedules; members are e-mailed; a member cannot; the past and forged assemblies are refused', async () => {
		const before = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'assembly_meeting_scheduled'));
		upcoming = await scheduleMeeting(ctx(chair), open, meeting({ agendaTitle: ['Street cleaning', '<script>alert(1)</script>; a, b\\c'] }));
		const after = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'assembly_meeting_scheduled'));
		const sent = after.filter((e) => !before.some((b) => b.id === e.id));
		expect(sent.map((e) => e.toAddress).sort()).toEqual(['amina@example.org', 'carmen@example.org', 'samir@example.org']);
		expect(sent[0].textBody).toContain('1. Street cleaning');
		expect(sent[0].textBody).toContain(`/assemblies/${open}/meetings/${upcoming}`);
		expect(await refused(scheduleMeeting(ctx(amina), open, meeting()))).toBe('policy:denied');
		expect(await refused(scheduleMeeting(ctx(chair), open, meeting({ date: inDays(-1) })))).toBe('assemblies_in_the_past');
		expect(await refused(scheduleMeeting(ctx(chair), FORGED, meeting()))).toBe('assemblies_not_found');
		otherMeeting = await scheduleMeeting(ctx(chair), byRequest, meeting({ placeName: '', address: '', onlineUrl: 'https://meet.example.org/housing' }));
		const mt = await getMeeting(ctx(anon), open, upcoming);
		expect(mt.startsAt.toISOString()).toBe(zonedInstant(inDays(6), 18 * 60 + 30).toISOString());
		expect(mt.agenda.map((i) => i.title)).toEqual(['Street cleaning', '<script>alert(1)</script>; a, b\\c']);
		expect(await refused(getMeeting(ctx(anon), open, otherMeeting))).toBe('assemblies_meeting_not_found');
		expect(await refused(getMeeting(ctx(anon), open, 'x'))).toBe('assemblies_meeting_not_found');
	});

	it('members answer and ask for interpreters; the chair sees them per language; others may not', async () => {
		await replyToMeeting(ctx(amina), open, upcoming, { coming: 'yes', interpreter: 'ar' });
		await replyToMeeting(ctx(secretary), open, upcoming, { coming: 'yes', interpreter: 'ar' });
		await replyToMeeting(ctx(secretary), open, upcoming, { coming: 'yes', interpreter: 'fr' });
		await replyToMeeting(ctx(chair), open, upcoming, { coming: 'no', interpreter: 'uk' });
		expect(await refused(replyToMeeting(ctx(outsider), open, upcoming, { coming: 'yes', interpreter: null }))).toBe('assemblies_members_only');
		expect(await refused(replyToMeeting(ctx(amina), open, otherMeeting, { coming: 'yes', interpreter: null }))).toBe('assemblies_meeting_not_found');
		const r = await meetingReplies(ctx(chair), open, upcoming);
		expect(r.interpreters).toEqual([
			{ language: 'ar', names: ['Amina'] },
			{ language: 'fr', names: ['Samir'] }
		]);
		expect(r.coming.sort()).toEqual(['Amina', 'Samir']);
		expect(r.notComing).toEqual(['Carmen']);
		expect(await refused(meetingReplies(ctx(amina), open, upcoming))).toBe('policy:denied');
		expect(await refused(meetingReplies(ctx(chair), open, otherMeeting))).toBe('assemblies_meeting_not_found');
	});

	it('before it starts: no attendance, minutes or decisions', async () => {
		expect(await refused(writeMinutes(ctx(secretary), open, upcoming, 'Early'))).toBe('assemblies_not_yet');
		expect(await refused(recordAttendance(ctx(secretary), open, upcoming, { guests: 0, marks: new Map() }))).toBe('assemblies_not_yet');
		expect(await refused(addDecision(ctx(secretary), open, upcoming, { text: 'x', ownerUserId: null, ownerOrganisation: 'Council', dueOn: inDays(3) }))).toBe('assemblies_not_yet');
	});

	it('cancelling tells members by e-mail; the meeting stays in the feed as cancelled; answers close', async () => {
		const extra = await scheduleMeeting(ctx(secretary), open, meeting({ date: inDays(13) }));
		expect(await cancelMeeting(ctx(chair), open, extra, 'The hall is flooded')).toBe(3);
		const mails = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'assembly_meeting_cancelled'));
		expect(mails).toHaveLength(3);
		expect(mails[0].textBody).toContain('The hall is flooded');
		expect(await refused(cancelMeeting(ctx(chair), open, extra, ''))).toBe('assemblies_meeting_not_scheduled');
		expect(await refused(cancelMeeting(ctx(chair), open, otherMeeting, ''))).toBe('assemblies_meeting_not_found');
		expect(await refused(replyToMeeting(ctx(amina), open, extra, { coming: 'yes', interpreter: null }))).toBe('assemblies_reply_closed');
		const feed = events(await assemblyFeed(ctx(anon), open));
		expect(feed.map((e) => e.uid).sort()).toEqual([`assembly-meeting-${extra}@localhost`, `assembly-meeting-${upcoming}@localhost`].sort());
		expect(feed.find((e) => e.uid.includes(extra))!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
		const one = events(await meetingIcs(ctx(anon), open, upcoming));
		expect(one).toHaveLength(1);
		expect(one[0].summary).toBe('Trinidad neighbourhood assembly');
		expect(one[0].location).toBe('Centro Ciudadano, Calle Mármoles 3');
		expect(one[0].description).toContain('<script>alert(1)</script>; a, b\\c');
		expect(one[0].startDate.toJSDate().toISOString()).toBe(zonedInstant(inDays(6), 18 * 60 + 30).toISOString());
		expect(await refused(meetingIcs(ctx(anon), open, otherMeeting))).toBe('assemblies_meeting_not_found');
		expect(await refused(assemblyFeed(ctx(anon), 'nope'))).toBe('assemblies_not_found');
	});
});

describe('after a meeting: attendance, minutes, decisions', () => {
	let held: string;
	let foreignDecision: string;

	it('the secretary records attendance; a forged member is refused and nothing changes; non-members and members cannot', async () => {
		held = await pastMeeting(open);
		const marks = new Map([
			[amina.userId, 'present'],
			[chair.userId, 'present'],
			[secretary.userId, 'excused']
		] as const);
		expect(await refused(recordAttendance(ctx(secretary), open, held, { guests: 4, marks: new Map([...marks, [outsider.userId, 'present']]) }))).toBe('assemblies_not_a_member');
		expect((await attendanceOf(ctx(secretary), open, held)).size).toBe(0);
		expect(await refused(recordAttendance(ctx(amina), open, held, { guests: 4, marks: new Map(marks) }))).toBe('policy:denied');
		expect(await refused(recordAttendance(ctx(outsider), open, held, { guests: 4, marks: new Map(marks) }))).toBe('policy:denied');
		expect(await recordAttendance(ctx(secretary), open, held, { guests: 4, marks: new Map(marks) })).toBe(3);
		const mt = await getMeeting(ctx(anon), open, held);
		expect([mt.status, mt.present, mt.guests]).toEqual(['held', 2, 4]);
		expect((await attendanceOf(ctx(chair), open, held)).get(secretary.userId)).toBe('excused');
	});

	it('minutes: the secretary writes them (public at once); outsiders, 100 KB and a cancelled or foreign meeting are refused', async () => {
		expect(await refused(writeMinutes(ctx(outsider), open, held, 'Hacked'))).toBe('policy:denied');
		expect(await refused(writeMinutes(ctx(amina), open, held, 'Hacked'))).toBe('policy:denied');
		expect(await refused(writeMinutes(ctx(secretary), open, held, 'x'.repeat(100_000)))).toBe('assemblies_minutes_too_long');
		const otherHeld = await pastMeeting(byRequest);
		expect(await refused(writeMinutes(ctx(secretary), open, otherHeld, 'Wrong place'))).toBe('assemblies_meeting_not_found');
		await writeMinutes(ctx(secretary), open, held, 'We agreed on <script>alert(1)</script> cleaning days.\nNext time: the festival.');
		const { past } = await meetingsOf(ctx(anon), open);
		expect(past.find((p) => p.id === held)?.minutes).toContain('<script>alert(1)</script>');
		const [row] = await main.db.select().from(assemblyMeetings).where(eq(assemblyMeetings.id, otherHeld));
		expect(row.minutes).toBeNull();
		foreignDecision = await addDecision(ctx(chair), byRequest, otherHeld, { text: 'Housing fair', ownerUserId: null, ownerOrganisation: 'Casa Abierta', dueOn: inDays(30) });
	});

	it('decisions: owner a member or an organisation; forged owners, meetings and decisions are refused; status to done and back', async () => {
		expect(await refused(addDecision(ctx(secretary), open, held, { text: 'x', ownerUserId: outsider.userId, ownerOrganisation: '', dueOn: inDays(3) }))).toBe('assemblies_not_a_member');
		expect(await refused(addDecision(ctx(amina), open, held, { text: 'x', ownerUserId: null, ownerOrganisation: 'Council', dueOn: inDays(3) }))).toBe('policy:denied');
		const late = await addDecision(ctx(secretary), open, held, { text: 'Ask the council for bins', ownerUserId: amina.userId, ownerOrganisation: '', dueOn: inDays(-1) });
		const soon = await addDecision(ctx(secretary), open, held, { text: 'Book the square', ownerUserId: null, ownerOrganisation: 'Distrito Centro', dueOn: inDays(20) });
		// Another assembly's decision through this one: not found, and unchanged.
		expect(await refused(setDecisionStatus(ctx(chair), open, foreignDecision, 'done'))).toBe('assemblies_decision_not_found');
		expect(await refused(setDecisionStatus(ctx(chair), open, 'junk', 'done'))).toBe('assemblies_decision_not_found');
		const [still] = await main.db.select().from(assemblyDecisions).where(eq(assemblyDecisions.id, foreignDecision));
		expect(still.status).toBe('open');
		const list = await decisionsOf(ctx(anon), open);
		expect(list.map((d) => [d.text, d.owner, d.overdue])).toEqual([
			['Ask the council for bins', 'Amina', true],
			['Book the square', 'Distrito Centro', false]
		]);
		await setDecisionStatus(ctx(secretary), open, soon, 'in_progress');
		await setDecisionStatus(ctx(secretary), open, soon, 'done');
		const done = (await decisionsOf(ctx(anon), open)).find((d) => d.id === soon)!;
		expect([done.status, done.doneOn]).toEqual(['done', cityToday()]);
		await setDecisionStatus(ctx(secretary), open, soon, 'open');
		expect((await decisionsOf(ctx(anon), open)).find((d) => d.id === soon)!.doneOn).toBeNull();
		expect(late).toBeTruthy();
	});

	it('overdue decisions across assemblies for officers only', async () => {
		const overdue = await decisionsAcross(ctx(officer), { status: 'overdue' });
		expect(overdue.map((d) => [d.text, d.assemblyName])).toEqual([['Ask the council for bins', 'Trinidad neighbourhood assembly']]);
		expect((await decisionsAcross(ctx(officer))).length).toBe(3);
		expect(await refused(decisionsAcross(ctx(chair)))).toBe('policy:denied');
	});

	it('a chair who leaves gives up the role and can no longer run the assembly', async () => {
		await leaveAssembly(ctx(chair), byRequest);
		const [a] = await main.db.select({ chairId: assemblies.chairId }).from(assemblies).where(eq(assemblies.id, byRequest));
		expect(a.chairId).toBeNull();
		expect(await refused(members(ctx(chair), byRequest))).toBe('policy:denied');
	});
});
