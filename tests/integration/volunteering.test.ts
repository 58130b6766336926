/**
 * Volunteering end to end at the use-case level (issue 6): an organisation
 * posts an opportunity with a weekly series of shifts, a newcomer makes a
 * profile and applies, is screened and accepted, signs up, logs hours and a
 * coordinator confirms them. With every refusal the issue names: capacity
 * under concurrent sign-ups, the waiting list, overlapping shifts, expired
 * safeguarding, forged and replayed hours. Runs on PGlite and, with
 * TEST_DATABASE_URL, on PostgreSQL with one connection per concurrent caller.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/lib/server/db/index.ts';
import { auditLog, emailOutbox, organisations, shiftSignups, volunteerApplications } from '../../src/lib/server/db/schema/index.ts';
import type { MemberRole } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { localMoment } from '../../src/lib/directory/hours.ts';
import { addShifts, createOpportunity, getOpportunity, listOpenOpportunities, occurrences, setScreeningSteps, setTranslation, updateOpportunity } from '../../src/lib/server/engagement/opportunities.ts';
import { applicants, apply, decide, myApplications, myProfile, recordScreening, saveProfile, withdraw } from '../../src/lib/server/engagement/volunteers.ts';
import { cancelSignup, myShifts, sendShiftReminders, signUp } from '../../src/lib/server/engagement/shifts.ts';
import { logHours, myHours, reviewHours } from '../../src/lib/server/engagement/hours.ts';
import { opportunityForm, profileForm, shiftForm, type OpportunityInput } from '../../src/lib/server/engagement/schemas.ts';
import { certificatePdf, checkCertificate, issueCertificate, normaliseCode, ownCertificate, showCode } from '../../src/lib/server/engagement/certificates.ts';
import { milestoneCrossed, retention, sendMissYouNotes } from '../../src/lib/server/engagement/retention.ts';
import { inviteVolunteers, runVolunteerMatching, weekBit } from '../../src/lib/server/engagement/matching.ts';
import { volunteerProfiles, volunteerScreening as volunteerScreeningTable } from '../../src/lib/server/db/schema/index.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { addMember, createUser } from '../helpers/users.ts';
import { readPdf } from '../helpers/pdf.ts';

let main: TestDatabase;
let handles: Database[] = [];
let orgId: string;
let coordinator: SignedInActor;
let member: SignedInActor;
/** An opportunity of the first organisation (a forged pair names it under another organisation). */
let opp0: string;

function actor(userId: string, role?: MemberRole, kind: 'newcomer' | 'resident' = 'resident'): SignedInActor {
	return {
		kind: 'user',
		userId,
		personKind: kind,
		platformRole: null,
		memberships: role ? new Map([[orgId, role]]) : new Map(),
		emailVerified: true,
		secondFactor: true,
		totpEnabled: role !== undefined
	};
}

function ctx(a: SignedInActor, i = 0): Ctx {
	return { db: handles[i % handles.length].db, actor: a, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' };
}

async function volunteer(name: string, kind: 'newcomer' | 'resident' = 'newcomer'): Promise<SignedInActor> {
	const u = await createUser(main.db, { displayName: name, kind });
	return actor(u.id, undefined, kind);
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

function opportunity(over: Partial<Record<string, string | string[]>> = {}): OpportunityInput {
	return opportunityForm.parse({
		title: 'Homework club helpers',
		description: 'Help children aged 8–12 with homework, Tuesdays after school.',
		kind: 'recurring',
		mode: 'in_person',
		address: 'Via del Porto 12',
		skills: ['homework_help', 'teaching'],
		languages: ['it', 'ar'],
		involvesVulnerable: 'on',
		open: 'on',
		...over
	});
}

/** A future local date (YYYY-MM-DD) `days` from today. */
const inDays = (days: number) => addDays(cityToday(), days);

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
	const [org] = await main.db.insert(organisations).values({ slug: 'vol-org', name: 'Casa del Quartiere', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	orgId = org.id;
	const c = await createUser(main.db, { displayName: 'Chiara', totp: true, secondFactor: true });
	await addMember(main.db, orgId, c.id, 'volunteer_coordinator');
	coordinator = actor(c.id, 'volunteer_coordinator');
	const mem = await createUser(main.db, { displayName: 'Mario' });
	await addMember(main.db, orgId, mem.id, 'member');
	member = actor(mem.id, 'member');
});

afterAll(async () => {
	for (const h of handles) if (h !== main) await h.close();
	await main?.dispose();
});

describe('opportunities and shifts', () => {
	it('lets a volunteer coordinator post an opportunity, and refuses a plain member (audited)', async () => {
		const id = await createOpportunity(ctx(coordinator), orgId, opportunity());
		opp0 = id;
		const o = await getOpportunity(ctx(await volunteer('Ayaan')), id);
		expect(o.title).toBe('Homework club helpers');
		expect(o.organisationName).toBe('Casa del Quartiere');
		expect(await refused(createOpportunity(ctx(member), orgId, opportunity()))).toBe('policy:denied');
		const denied = await main.db.select().from(auditLog).where(and(eq(auditLog.actorId, member.userId), eq(auditLog.outcome, 'denied')));
		expect(denied.map((d) => d.action)).toContain('volunteering.opportunity.manage');
	});

	it('hides a draft from everyone but its managers, and lists only open ones', async () => {
		const draft = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Secret draft', open: '' }));
		const outsider = await volunteer('Olek');
		expect(await refused(getOpportunity(ctx(outsider), draft))).toBe('engagement_opportunity_not_found');
		expect((await getOpportunity(ctx(coordinator), draft)).manage).toBe(true);
		const { items } = await listOpenOpportunities(ctx(outsider), { q: 'draft' });
		expect(items).toHaveLength(0);
		expect(await refused(apply(ctx(outsider), draft, ''))).toBe('engagement_opportunity_not_found');
		expect(await refused(getOpportunity(ctx(outsider), 'not-a-uuid'))).toBe('engagement_opportunity_not_found');
	});

	it('keeps a weekly shift at the same local time across the change to summer time', () => {
		// Europe/Rome moves its clocks on the last Sunday of March 2027 (the 28th).
		const input = shiftForm.parse({ date: '2027-03-21', start: '09:00', end: '12:30', capacity: '4', weeks: '3' });
		const times = occurrences(input, 'Europe/Rome');
		expect(times.map((t) => t.startsAt.toISOString())).toEqual(['2027-03-21T08:00:00.000Z', '2027-03-28T07:00:00.000Z', '2027-04-04T07:00:00.000Z']);
		for (const t of times) {
			expect(localMoment(t.startsAt, 'Europe/Rome').minutes).toBe(9 * 60);
			expect(localMoment(t.endsAt, 'Europe/Rome').minutes).toBe(12 * 60 + 30);
		}
		// An end before the start ends the next morning.
		const night = occurrences(shiftForm.parse({ date: '2027-01-10', start: '22:00', end: '02:00', capacity: '2' }), 'Europe/Rome');
		expect((night[0].endsAt.getTime() - night[0].startsAt.getTime()) / 3_600_000).toBe(4);
	});

	it('shows the volunteer their applications, shifts and hours under the title in their language', async () => {
		const id = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Sorting clothes', involvesVulnerable: '' }));
		await setTranslation(ctx(coordinator), id, 'ar', { title: 'فرز الملابس', description: 'فرز الملابس المتبرع بها.' });
		const v = await volunteer('Rania');
		await apply(ctx(v), id, '');
		const inArabic = { ...ctx(v), locale: 'ar' };
		expect((await myApplications(inArabic)).find((a) => a.opportunityId === id)?.title).toBe('فرز الملابس');
		// No Ukrainian translation: the title as written.
		expect((await myApplications({ ...ctx(v), locale: 'uk' })).find((a) => a.opportunityId === id)?.title).toBe('Sorting clothes');
	});

	it('refuses shifts in the past and bad shift forms with a named field', async () => {
		const id = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Bike repair café' }));
		expect(await refused(addShifts(ctx(coordinator), id, shiftForm.parse({ date: inDays(-1), start: '10:00', end: '12:00', capacity: '3' })))).toBe('engagement_shift_in_past');
		for (const bad of [
			{ date: '2027-02-30', start: '10:00', end: '12:00', capacity: '3' },
			{ date: '2027-02-01', start: '25:00', end: '12:00', capacity: '3' },
			{ date: '2027-02-01', start: '10:00', end: '10:00', capacity: '3' },
			{ date: '2027-02-01', start: '10:00', end: '12:00', capacity: '0' },
			{ date: '2027-02-01', start: '10:00', end: '12:00', capacity: '9999' },
			{ date: '2027-02-01', start: '10:00', end: '12:00', capacity: '3', weeks: '53' }
		])
			expect(shiftForm.safeParse(bad).success).toBe(false);
	});
});

describe('a newcomer volunteers: profile, application, screening, shifts, hours', () => {
	let opp: string;
	let shifts: string[];
	let amal: SignedInActor;
	let application: string;

	beforeAll(async () => {
		opp = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Language café hosts' }));
		shifts = await addShifts(ctx(coordinator), opp, shiftForm.parse({ date: inDays(7), start: '17:00', end: '19:00', capacity: '2', weeks: '2' }));
		await setScreeningSteps(ctx(coordinator), orgId, ['conversation', 'criminal_record']);
		amal = await volunteer('Amal');
	});

	it('saves a profile that asks nothing about residence', async () => {
		const form = profileForm.parse({ skills: ['cooking', 'interpreting'], interests: ['food'], languages: ['ar', 'it'], availability: ['0', '1', '14'], travelKm: '8', remote: 'on', reminders: 'on' });
		await saveProfile(ctx(amal), form);
		const p = await myProfile(ctx(amal));
		expect(p).toMatchObject({ skills: ['cooking', 'interpreting'], languages: ['ar', 'it'], availability: 1 | 2 | (1 << 14), travelKm: 8, remote: true, missYou: false });
		expect(Object.keys(p!).some((k) => /status|residence|nationality|permit/i.test(k))).toBe(false);
		expect(profileForm.safeParse({ skills: ['hacking'] }).success).toBe(false);
		expect(profileForm.safeParse({ availability: ['21'] }).success).toBe(false);
	});

	it('applies once; a second application is refused, a withdrawn one can be made again', async () => {
		application = await apply(ctx(amal), opp, 'I speak Arabic and Italian.');
		expect(await refused(apply(ctx(amal), opp, 'again'))).toBe('engagement_already_applied');
		await withdraw(ctx(amal), application);
		expect(await apply(ctx(amal), opp, 'Back again')).toBe(application);
	});

	it('accepts only after the screening steps, and never with an expired criminal-record check', async () => {
		const accept = () => decide(ctx(coordinator), { applicationId: application, decision: 'accepted', reason: '' });
		expect(await refused(accept())).toBe('engagement_screening_incomplete');
		await recordScreening(ctx(coordinator), orgId, { userId: amal.userId, step: 'conversation', reference: '', expiresOn: null });
		await recordScreening(ctx(coordinator), orgId, { userId: amal.userId, step: 'criminal_record', reference: 'CR-2026-18', expiresOn: inDays(-1) });
		expect(await refused(accept())).toBe('engagement_clearance_expired');
		await recordScreening(ctx(coordinator), orgId, { userId: amal.userId, step: 'criminal_record', reference: 'CR-2026-19', expiresOn: inDays(365) });
		await accept();
		const [a] = await main.db.select().from(volunteerApplications).where(eq(volunteerApplications.id, application));
		expect(a.status).toBe('accepted');
		// A stranger who never applied cannot be given screening records.
		const stranger = await volunteer('Stan');
		expect(await refused(recordScreening(ctx(coordinator), orgId, { userId: stranger.userId, step: 'conversation', reference: '', expiresOn: null }))).toBe('engagement_volunteer_not_found');
		// Declining needs a reason the volunteer can read.
		expect(await refused(decide(ctx(coordinator), { applicationId: application, decision: 'declined', reason: '' }))).toBe('engagement_reason_required');
	});

	it('shows the coordinator the applicants with their clearance, and audits the read', async () => {
		const list = await applicants(ctx(coordinator), orgId);
		const mine = list.find((a) => a.userId === amal.userId)!;
		expect(mine.clearance).toMatchObject({ missing: [], cleared: true });
		const reads = await main.db.select().from(auditLog).where(and(eq(auditLog.actorId, coordinator.userId), eq(auditLog.action, 'volunteering.applicants.view')));
		expect(reads.length).toBeGreaterThan(0);
		expect(await refused(applicants(ctx(member), orgId))).toBe('policy:denied');
	});

	it('signs up, refuses a second sign-up and a volunteer not accepted', async () => {
		expect(await signUp(ctx(amal), shifts[0])).toMatchObject({ status: 'confirmed' });
		expect(await refused(signUp(ctx(amal), shifts[0]))).toBe('engagement_already_signed_up');
		const notYet = await volunteer('Nadia');
		await apply(ctx(notYet), opp, '');
		expect(await refused(signUp(ctx(notYet), shifts[0]))).toBe('engagement_not_accepted');
		expect(await refused(signUp(ctx(amal), 'b7d1f1a2-0000-4000-8000-000000000000'))).toBe('engagement_shift_not_found');
	});

	it('refuses an overlapping shift of another opportunity', async () => {
		const other = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Food bank', involvesVulnerable: '' }));
		const [overlapping] = await addShifts(ctx(coordinator), other, shiftForm.parse({ date: inDays(7), start: '18:00', end: '20:00', capacity: '5' }));
		const app = await apply(ctx(amal), other, '');
		await decide(ctx(coordinator), { applicationId: app, decision: 'accepted', reason: '' });
		expect(await refused(signUp(ctx(amal), overlapping))).toBe('engagement_shift_overlaps');
	});

	it('refuses a shift after the criminal-record check expires', async () => {
		await recordScreening(ctx(coordinator), orgId, { userId: amal.userId, step: 'criminal_record', reference: 'CR-short', expiresOn: inDays(10) });
		const [late] = await addShifts(ctx(coordinator), opp, shiftForm.parse({ date: inDays(30), start: '10:00', end: '11:00', capacity: '3' }));
		expect(await refused(signUp(ctx(amal), late))).toBe('engagement_clearance_expired');
		await recordScreening(ctx(coordinator), orgId, { userId: amal.userId, step: 'criminal_record', reference: 'CR-long', expiresOn: inDays(400) });
		expect(await signUp(ctx(amal), late)).toMatchObject({ status: 'confirmed' });
	});

	it('logs hours only for a place held, on its day, within its length, once; a coordinator confirms once', async () => {
		// Hours for the future or for a shift not yet worked are refused.
		const base = { opportunityId: opp, shiftId: null, minutes: 90, tasks: 'Hosted a table', skills: ['language_support'] };
		expect(await refused(logHours(ctx(amal), { ...base, workedOn: inDays(1) }))).toBe('engagement_hours_future');
		expect(await refused(logHours(ctx(amal), { ...base, workedOn: inDays(-400) }))).toBe('engagement_hours_too_old');
		// A shift worked: pretend "today" is the shift's day.
		const [shift] = await myShifts(ctx(amal));
		const day = localMoment(shift.startsAt).date;
		expect(await refused(logHours(ctx(amal), { ...base, shiftId: shift.shiftId, workedOn: addDays(day, -1) }, day))).toBe('engagement_hours_wrong_day');
		expect(await refused(logHours(ctx(amal), { ...base, shiftId: shift.shiftId, workedOn: day, minutes: 121 }, day))).toBe('engagement_hours_longer_than_shift');
		const id = await logHours(ctx(amal), { ...base, shiftId: shift.shiftId, workedOn: day, minutes: 120 }, day);
		expect(await refused(logHours(ctx(amal), { ...base, shiftId: shift.shiftId, workedOn: day, minutes: 60 }, day))).toBe('engagement_hours_already_logged');
		// Someone without a place cannot log hours for that shift.
		const bob = await volunteer('Bob');
		const app = await apply(ctx(bob), opp, '');
		await recordScreening(ctx(coordinator), orgId, { userId: bob.userId, step: 'conversation', reference: '', expiresOn: null });
		await recordScreening(ctx(coordinator), orgId, { userId: bob.userId, step: 'criminal_record', reference: 'CR-b', expiresOn: inDays(300) });
		await decide(ctx(coordinator), { applicationId: app, decision: 'accepted', reason: '' });
		expect(await refused(logHours(ctx(bob), { ...base, shiftId: shift.shiftId, workedOn: day }, day))).toBe('engagement_hours_no_place');
		// Review: once, and never one's own.
		expect(await refused(reviewHours(ctx(member), id, 'confirmed'))).toBe('policy:denied');
		await reviewHours(ctx(coordinator), id, 'confirmed');
		expect(await refused(reviewHours(ctx(coordinator), id, 'rejected'))).toBe('engagement_hours_already_reviewed');
		expect((await myHours(ctx(amal))).confirmedMinutes).toBe(120);
	});
});

describe('capacity and the waiting list', () => {
	// These opportunities involve no children, and the organisation now asks for no screening.
	beforeAll(() => setScreeningSteps(ctx(coordinator), orgId, []));

	it('confirms exactly the capacity of simultaneous sign-ups, queues the rest, and promotes in order on a cancellation', async () => {
		const opp = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Festival stewards', involvesVulnerable: '' }));
		const [shift] = await addShifts(ctx(coordinator), opp, shiftForm.parse({ date: inDays(14), start: '10:00', end: '14:00', capacity: '3' }));
		const people: SignedInActor[] = [];
		for (let i = 0; i < 8; i++) {
			const v = await volunteer(`Steward ${i + 1}`);
			const a = await apply(ctx(v), opp, '');
			await decide(ctx(coordinator), { applicationId: a, decision: 'accepted', reason: '' });
			people.push(v);
		}
		const results = await Promise.allSettled(people.map((v, i) => signUp(ctx(v, i), shift)));
		const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : `rejected: ${String(r.reason)}`));
		expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(3);
		expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(5);
		const rows = await main.db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shift), eq(shiftSignups.status, 'confirmed')));
		expect(rows).toHaveLength(3);
		// What the opportunity page shows: full, five waiting.
		const shown = (await getOpportunity(ctx(coordinator), opp)).shifts.find((s) => s.id === shift)!;
		expect(shown).toMatchObject({ capacity: 3, confirmed: 3, waitlisted: 5 });

		// The first in line learns their position, and gets the place (and an e-mail) when someone cancels.
		const waiting = (await Promise.all(people.map(async (v) => ({ v, s: (await myShifts(ctx(v))).find((x) => x.shiftId === shift)! })))).filter((x) => x.s.status === 'waitlisted');
		const first = waiting.find((x) => x.s.position === 1)!;
		expect(waiting.map((x) => x.s.position).sort()).toEqual([1, 2, 3, 4, 5]);
		const leaver = people[statuses.indexOf('confirmed')];
		expect(await cancelSignup(ctx(leaver), shift)).toEqual({ promoted: true });
		expect((await myShifts(ctx(first.v))).find((x) => x.shiftId === shift)!.status).toBe('confirmed');
		const mails = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'volunteer_shift_place'));
		expect(mails.map((m) => m.textBody).join('\n')).toContain('Festival stewards');
		expect(await refused(cancelSignup(ctx(leaver), shift))).toBe('engagement_signup_not_found');
	});

	it('reminds confirmed volunteers once, the day before', async () => {
		const opp = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Morning market', involvesVulnerable: '' }));
		const [shift] = await addShifts(ctx(coordinator), opp, shiftForm.parse({ date: inDays(2), start: '08:00', end: '10:00', capacity: '3' }));
		const v = await volunteer('Rita');
		await decide(ctx(coordinator), { applicationId: await apply(ctx(v), opp, ''), decision: 'accepted', reason: '' });
		await signUp(ctx(v), shift);
		const { startsAt } = (await myShifts(ctx(v))).find((s) => s.shiftId === shift)!;
		const dayBefore = new Date(startsAt.getTime() - 20 * 3_600_000);
		const first = await sendShiftReminders(main.db, dayBefore);
		expect(first).toBeGreaterThanOrEqual(1);
		const again = await sendShiftReminders(main.db, dayBefore);
		expect(again).toBe(0);
		const mails = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'volunteer_shift_reminder'));
		expect(mails.some((m) => m.textBody.includes('Morning market'))).toBe(true);
	});

	it('closes an opportunity to new sign-ups', async () => {
		const opp = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Closing soon', involvesVulnerable: '' }));
		const [shift] = await addShifts(ctx(coordinator), opp, shiftForm.parse({ date: inDays(5), start: '08:00', end: '10:00', capacity: '3' }));
		const v = await volunteer('Lina');
		await decide(ctx(coordinator), { applicationId: await apply(ctx(v), opp, ''), decision: 'accepted', reason: '' });
		await updateOpportunity(ctx(coordinator), opp, { ...opportunity({ title: 'Closing soon', involvesVulnerable: '' }), closed: true });
		expect(await refused(signUp(ctx(v), shift))).toBe('engagement_opportunity_closed');
	});
});

describe('certificates and keeping volunteers', () => {
	let opp: string;
	let vera: SignedInActor;

	/** An accepted volunteer with `minutes` of confirmed hours (logged yesterday, no shift). */
	async function withHours(name: string, minutes: number): Promise<SignedInActor> {
		const v = await volunteer(name);
		await decide(ctx(coordinator), { applicationId: await apply(ctx(v), opp, ''), decision: 'accepted', reason: '' });
		const id = await logHours(ctx(v), { opportunityId: opp, shiftId: null, workedOn: inDays(-1), minutes, tasks: 'Served tea and talked', skills: ['cooking', 'listening'] });
		await reviewHours(ctx(coordinator), id, 'confirmed');
		return v;
	}

	beforeAll(async () => {
		await setScreeningSteps(ctx(coordinator), orgId, []);
		opp = await createOpportunity(ctx(coordinator), orgId, opportunity({ title: 'Tea afternoons', involvesVulnerable: '' }));
		vera = await withHours('Vera Kovalenko', 150);
	});

	it('issues a certificate of confirmed hours in the volunteer\'s language and the city\'s, with a code that checks', async () => {
		const cert = await issueCertificate(ctx(vera));
		expect(cert.content).toMatchObject({ name: 'Vera Kovalenko', totalMinutes: 150, locales: ['en', 'it'] });
		// The same hours again: the same certificate.
		expect((await issueCertificate(ctx(vera))).code).toBe(cert.code);
		const { pages, text } = await readPdf(await certificatePdf(cert, 'http://localhost:3000'));
		expect(pages).toBe(2);
		expect(text).toContain('Vera Kovalenko');
		expect(text).toContain('Tea afternoons');
		expect(text).toContain('Casa del Quartiere');
		expect(text).toContain(showCode(cert.code));
		expect(text).toMatch(/Volunteering certificate/);
		expect(text).toMatch(/Certificato di volontariato|volontariato/i);
		// The public check takes the code as people type it.
		const typed = showCode(cert.code).toLowerCase().replace('-', ' ');
		expect((await checkCertificate(ctx(await volunteer('Checker')), typed))?.content.totalMinutes).toBe(150);
	});

	it('finds nothing for a tampered, invented or malformed code, and only its owner downloads it again', async () => {
		const cert = await issueCertificate(ctx(vera));
		const last = cert.code.at(-1)!;
		const tampered = cert.code.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
		const anyone = ctx(await volunteer('Curious'));
		const audited = async () => (await main.db.select().from(auditLog).where(eq(auditLog.action, 'volunteering.certificate.check'))).length;
		const before = await audited();
		expect(await checkCertificate(anyone, tampered)).toBeNull();
		// A well-formed code is a lookup of someone's certificate: audited, found or not.
		expect(await audited()).toBe(before + 1);
		expect(await checkCertificate(anyone, '<script>alert(1)</script>')).toBeNull();
		expect(await checkCertificate(anyone, 'x'.repeat(100_000))).toBeNull();
		expect(normaliseCode('ab')).toBeNull();
		expect(await refused(ownCertificate(anyone, cert.code))).toBe('engagement_certificate_not_found');
		expect((await ownCertificate(ctx(vera), cert.code)).code).toBe(cert.code);
	});

	it('refuses a certificate without confirmed hours', async () => {
		expect(await refused(issueCertificate(ctx(await volunteer('Nobody Yet'))))).toBe('engagement_certificate_no_hours');
	});

	it('thanks a volunteer once when confirmed hours pass 10 hours', async () => {
		expect(milestoneCrossed(590, 600)).toBe(10);
		expect(milestoneCrossed(600, 700)).toBeNull();
		expect(milestoneCrossed(0, 3000)).toBe(50);
		const v = await withHours('Milo', 540);
		const before = (await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'volunteer_milestone'))).length;
		const id = await logHours(ctx(v), { opportunityId: opp, shiftId: null, workedOn: inDays(-2), minutes: 90, tasks: '', skills: [] });
		await reviewHours(ctx(coordinator), id, 'confirmed');
		const after = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'volunteer_milestone'));
		expect(after.length).toBe(before + 1);
		expect(after.at(-1)!.subject).toContain('10');
	});

	it('sends "we miss you" once after three quiet months, never to someone who turned it off', async () => {
		const quiet = await withHours('Quinn', 60);
		const optedOut = await withHours('Otto', 60);
		await main.db.update(volunteerProfiles).set({ missYou: true }).where(eq(volunteerProfiles.userId, quiet.userId));
		await main.db.update(volunteerProfiles).set({ missYou: false }).where(eq(volunteerProfiles.userId, optedOut.userId));
		const later = new Date(Date.now() + 100 * 86_400_000);
		const mailsTo = async (userId: string) => {
			const [u] = await main.db.execute(sql`select email from users where id = ${userId}`).then((r) => (r as unknown as { rows: { email: string }[] }).rows);
			return (await main.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'volunteer_miss_you'), eq(emailOutbox.toAddress, u.email)))).length;
		};
		await sendMissYouNotes(main.db, later);
		await sendMissYouNotes(main.db, later);
		expect(await mailsTo(quiet.userId)).toBe(1);
		expect(await mailsTo(optedOut.userId)).toBe(0);
	});

	it('gives a coordinator retention counts without names, and refuses a member', async () => {
		const r = await retention(ctx(coordinator), orgId);
		expect(r.accepted).toBeGreaterThanOrEqual(4);
		expect(r.newcomers).toBeGreaterThanOrEqual(4);
		expect(r.confirmedMinutesLastYear).toBeGreaterThanOrEqual(150 + 540 + 90 + 60 + 60);
		expect(Object.values(r).every((x) => typeof x === 'number')).toBe(true);
		expect(await refused(retention(ctx(member), orgId))).toBe('policy:denied');
	});
});

describe('matching volunteers to opportunities', () => {
	it('proposes only cleared volunteers for a children\'s opportunity, explains each proposal, and invites on confirmation', async () => {
		const [org] = await main.db.insert(organisations).values({ slug: 'match-org', name: 'Scuola Aperta', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		const c = await createUser(main.db, { displayName: 'Giulia', totp: true, secondFactor: true });
		await addMember(main.db, org.id, c.id, 'volunteer_coordinator');
		const coord: SignedInActor = { ...actor(c.id), memberships: new Map([[org.id, 'volunteer_coordinator']]) };
		const kids = await createOpportunity(ctx(coord), org.id, opportunity({ title: 'Reading with children', skills: ['teaching'], languages: ['ar'] }));
		const garden = await createOpportunity(ctx(coord), org.id, opportunity({ title: 'School garden', involvesVulnerable: '', skills: ['gardening'], languages: ['ar'] }));
		await addShifts(ctx(coord), kids, shiftForm.parse({ date: inDays(9), start: '10:00', end: '12:00', capacity: '1' }));
		await addShifts(ctx(coord), garden, shiftForm.parse({ date: inDays(9), start: '10:00', end: '12:00', capacity: '1' }));
		const day = weekBit((await getOpportunity(ctx(coord), kids)).shifts[0].startsAt);
		const profile = (skills: string[]) => profileForm.parse({ skills, languages: ['ar'], availability: [String(Math.log2(day))] });
		// A teacher without a criminal-record check here, and a gardener with a valid one.
		const teacher = await volunteer('Teacher Without Check');
		await saveProfile(ctx(teacher), profile(['teaching']));
		const gardener = await volunteer('Gardener With Check');
		await saveProfile(ctx(gardener), profile(['gardening']));
		await main.db.insert(volunteerScreeningTable).values({ organisationId: org.id, userId: gardener.userId, step: 'criminal_record', expiresOn: inDays(200) });

		const run = await runVolunteerMatching(ctx(coord), org.id);
		expect(run.gap).toBe(0);
		const kidsProposals = run.proposals.filter((p) => p.opportunityId === kids);
		// Both get a place: the teacher the garden, the cleared gardener the children (the clearance is the volunteer's, not the opportunity's).
		expect(kidsProposals.map((p) => p.userId)).toEqual([gardener.userId]);
		expect(run.proposals.some((p) => p.userId === teacher.userId && p.opportunityId === kids)).toBe(false);
		const proposal = run.proposals.find((p) => p.userId === gardener.userId)!;
		expect(proposal.criteria.map((x) => x.criterion)).toContain('languages');
		expect(await refused(runVolunteerMatching(ctx(member), org.id))).toBe('policy:denied');

		// Confirming invites (an e-mail each); a forged pair is refused and nothing is done.
		expect(await refused(inviteVolunteers(ctx(coord), org.id, [{ person: gardener.userId, slot: opp0 }]))).toBe('engagement_invite_invalid');
		const { invited } = await inviteVolunteers(ctx(coord), org.id, [{ person: proposal.userId, slot: proposal.opportunityId }]);
		expect(invited).toBe(1);
		const mails = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'volunteer_invitation'));
		expect(mails.length).toBe(1);
		// Invited: not proposed again, and the volunteer accepts by applying.
		const again = await runVolunteerMatching(ctx(coord), org.id);
		expect(again.proposals.some((p) => p.userId === proposal.userId && p.opportunityId === proposal.opportunityId)).toBe(false);
		await apply(ctx(gardener), proposal.opportunityId, 'Yes, gladly');
		const [a] = await main.db.select().from(volunteerApplications).where(and(eq(volunteerApplications.userId, gardener.userId), eq(volunteerApplications.opportunityId, proposal.opportunityId)));
		expect(a.status).toBe('applied');
	});
});
