/**
 * Buddy and mentoring programmes at the use-case level (issue 6, decision
 * 020): a coordinator creates a programme, newcomers and residents apply, the
 * engine proposes pairs, the coordinator confirms them (both sides e-mailed,
 * check-ins scheduled), each side answers its check-ins, a pair ends with
 * feedback and its two people are matched with others. With the refusals a
 * user would meet: forged ids, applying twice, a check-in answered by an
 * outsider or twice, ending twice, confirming a proposal that now breaks a
 * hard rule, hostile strings; and the engine never proposes someone against
 * a gender preference.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, buddyApplications, buddyCheckIns, buddyPairs, emailOutbox, organisations } from '../../src/lib/server/db/schema/index.ts';
import type { MemberRole } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { createProgramme, getProgramme, openProgrammes, organisationProgrammes, translateProgramme, updateProgramme } from '../../src/lib/server/buddies/programmes.ts';
import { apply, editApplication, myApplications, programmeApplicants, withdraw } from '../../src/lib/server/buddies/applications.ts';
import { buddySettings, ConfirmRefused, confirmProposals, proposals, ruleOut, runBuddyMatching, saveBuddySettings } from '../../src/lib/server/buddies/matching.ts';
import { answerCheckIn, endPair, endPairAsStaff, giveFeedback, myPairs, programmePairs, sendCheckInReminders } from '../../src/lib/server/buddies/pairs.ts';
import { applicationForm, programmeForm, type ApplicationInput } from '../../src/lib/server/buddies/schemas.ts';
import { settingsForm } from '../../src/lib/server/matching/programmes.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { addMember, createUser } from '../helpers/users.ts';

let main: TestDatabase;
let orgId: string;
let otherOrgId: string;
let coordinator: SignedInActor;
let member: SignedInActor;
let programmeId: string;

const FORGED = '00000000-0000-4000-8000-000000000000';

function actor(userId: string, role?: MemberRole, kind: 'newcomer' | 'resident' = 'resident', org = () => orgId): SignedInActor {
	return {
		kind: 'user',
		userId,
		personKind: kind,
		platformRole: null,
		memberships: role ? new Map([[org(), role]]) : new Map(),
		emailVerified: true,
		secondFactor: true,
		totpEnabled: role !== undefined
	};
}

const ctx = (a: SignedInActor): Ctx => ({ db: main.db, actor: a, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' });

async function person(name: string, kind: 'newcomer' | 'resident'): Promise<SignedInActor> {
	const u = await createUser(main.db, { displayName: name, kind });
	return actor(u.id, undefined, kind);
}

const refused = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (e) {
		if (e instanceof ConfirmRefused) return `${e.key}:${e.rule}`;
		if (e instanceof Refusal) return e.key;
		if (e instanceof PolicyDenied) return `policy:${e.decision}`;
		throw e;
	}
	return 'no refusal';
};

const application = (over: Record<string, string | string[]> = {}): ApplicationInput =>
	applicationForm.parse({ languages: ['ar', 'it'], interests: ['food', 'culture'], ageBand: '26_35', gender: '', preferredGender: 'any', availability: ['0', '1', '16'], note: '', ...over });

const programme = (over: Record<string, string> = {}) =>
	programmeForm.parse({ kind: 'buddy', name: 'Kompis Porto', description: 'Meet a neighbour every week for six months.', criteria: 'Adults new to the city, and residents.', durationWeeks: '26', checkInDays: '14', open: 'on', ...over });

/** Newcomer application id → resident application id, of the open proposals. */
async function proposed() {
	const ps = await proposals(ctx(coordinator), orgId, programmeId);
	return ps;
}

let amina: SignedInActor, karim: SignedInActor, fatima: SignedInActor, giulia: SignedInActor, marco: SignedInActor, luca: SignedInActor;
const app: Record<string, string> = {};

beforeAll(async () => {
	main = await testDatabase();
	const [org] = await main.db.insert(organisations).values({ slug: 'buddy-org', name: 'Casa Kompis', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	orgId = org.id;
	const [other] = await main.db.insert(organisations).values({ slug: 'buddy-other', name: 'Other NGO', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	otherOrgId = other.id;
	const c = await createUser(main.db, { displayName: 'Chiara', totp: true, secondFactor: true });
	await addMember(main.db, orgId, c.id, 'coordinator');
	coordinator = actor(c.id, 'coordinator');
	const mem = await createUser(main.db, { displayName: 'Mario' });
	await addMember(main.db, orgId, mem.id, 'member');
	member = actor(mem.id, 'member');
	amina = await person('Amina', 'newcomer');
	karim = await person('Karim', 'newcomer');
	fatima = await person('Fatima', 'newcomer');
	giulia = await person('Giulia', 'resident');
	marco = await person('Marco', 'resident');
	luca = await person('Luca', 'resident');
});

afterAll(async () => {
	await main?.close();
});

describe('programmes', () => {
	it('a coordinator creates one; a plain member, another organisation and a forged organisation cannot', async () => {
		expect(await refused(createProgramme(ctx(member), orgId, programme()))).toBe('policy:denied');
		expect(await refused(createProgramme(ctx(coordinator), otherOrgId, programme()))).toBe('policy:denied');
		expect(await refused(createProgramme(ctx(coordinator), 'not-a-uuid', programme()))).toBe('org_not_found');
		const p = await createProgramme(ctx(coordinator), orgId, programme());
		programmeId = p.id;
		const closed = await createProgramme(ctx(coordinator), orgId, programme({ name: 'Mentoring (closed)', kind: 'mentoring_work', open: '' }));
		const list = await openProgrammes(ctx(amina));
		expect(list.map((x) => x.name)).toEqual(['Kompis Porto']);
		expect(await refused(getProgramme(ctx(amina), closed.id))).toBe('buddies_programme_not_found');
		expect(await refused(getProgramme(ctx(amina), "1' or 1=1--"))).toBe('buddies_programme_not_found');
		expect(await refused(updateProgramme(ctx(coordinator), otherOrgId, p.id, programme()))).toBe('policy:denied');
		const mine = await organisationProgrammes(ctx(coordinator), orgId);
		expect(mine.map((x) => x.status).sort()).toEqual(['closed', 'open']);
	});

	it('shows a translation to readers of that language; an empty name removes it; only the organisation translates', async () => {
		expect(await refused(translateProgramme(ctx(member), orgId, programmeId, { locale: 'ar', trName: 'x', trDescription: '' }))).toBe('policy:denied');
		expect(await refused(translateProgramme(ctx(coordinator), orgId, FORGED, { locale: 'ar', trName: 'x', trDescription: '' }))).toBe('buddies_programme_not_found');
		await translateProgramme(ctx(coordinator), orgId, programmeId, { locale: 'ar', trName: 'رفقاء الميناء', trDescription: 'لقاء كل أسبوع.' });
		const ar = { ...ctx(amina), locale: 'ar' };
		const p = await getProgramme(ar, programmeId);
		expect(p).toMatchObject({ name: 'رفقاء الميناء', language: 'ar', translated: true });
		expect((await getProgramme(ctx(amina), programmeId)).name).toBe('Kompis Porto');
		await translateProgramme(ctx(coordinator), orgId, programmeId, { locale: 'ar', trName: '', trDescription: '' });
		expect((await getProgramme(ar, programmeId)).name).toBe('Kompis Porto');
	});

	it('saves the rules and weights; gender preferences stay a hard rule whatever is posted', async () => {
		const form = settingsForm.parse({ requireSharedLanguage: 'on', maxDistanceKm: '', weightLanguages: '50', weightDistance: '10', weightInterests: '20', weightSkills: '0', weightAvailability: '20', objective: 'count-then-score' });
		expect(await refused(saveBuddySettings(ctx(member), orgId, programmeId, form))).toBe('policy:denied');
		expect(await refused(saveBuddySettings(ctx(coordinator), otherOrgId, programmeId, form))).toBe('policy:denied');
		const saved = await saveBuddySettings(ctx(coordinator), orgId, programmeId, { ...form, respectGenderPreference: false });
		expect(saved.rules.respectGenderPreference).toBe(true);
		expect(saved.rules.requireSafeguarding).toBe(false);
		expect((await buddySettings(ctx(coordinator), orgId, programmeId)).weights.languages).toBe(50);
		expect(settingsForm.safeParse({ ...form, weightLanguages: '150' }).success).toBe(false);
	});

	it('refuses bad durations with a named message', () => {
		const r = programmeForm.safeParse({ kind: 'buddy', name: 'x', durationWeeks: '0', checkInDays: '999' });
		expect(r.success).toBe(false);
		const keys = r.success ? [] : r.error.issues.map((i) => i.message);
		expect(keys).toContain('buddies_duration_invalid');
		expect(keys).toContain('buddies_check_in_days_invalid');
	});
});

describe('applying', () => {
	it('takes the side from the account, never asks residence status, and refuses applying twice', async () => {
		const hostile = `<script>alert(1)</script> '; drop table users; -- \u202e`;
		app.amina = (await apply(ctx(amina), programmeId, application({ gender: 'woman', preferredGender: 'woman', note: hostile.replace('\u202e', '') }))).id;
		app.karim = (await apply(ctx(karim), programmeId, application({ gender: 'man' }))).id;
		app.fatima = (await apply(ctx(fatima), programmeId, application({ languages: ['ti'], gender: 'prefer_not' }))).id;
		app.giulia = (await apply(ctx(giulia), programmeId, application({ gender: 'woman' }))).id;
		app.marco = (await apply(ctx(marco), programmeId, application({ gender: 'man', capacity: '2' }))).id;
		expect(await refused(apply(ctx(amina), programmeId, application()))).toBe('buddies_already_applied');
		expect(await refused(apply(ctx(amina), FORGED, application()))).toBe('buddies_programme_not_found');
		expect(await refused(apply(ctx(amina), programmeId, application({ neighbourhoodId: FORGED })))).toBe('field_invalid_choice');
		const mine = await myApplications(ctx(amina));
		expect(mine).toHaveLength(1);
		expect(mine[0].side).toBe('newcomer');
		expect(mine[0].note).toContain('<script>');
		expect(Object.keys(mine[0])).not.toContain('residenceStatus');
		const [g] = await myApplications(ctx(giulia));
		expect(g.side).toBe('resident');
		expect((await myApplications(ctx(marco)))[0].capacity).toBe(2);
		expect(applicationForm.safeParse({ languages: [] }).success).toBe(false);
		expect(applicationForm.safeParse({ languages: ['ar'], gender: 'robot' }).success).toBe(false);
		expect(applicationForm.safeParse({ languages: ['ar'], availability: ['99'] }).success).toBe(false);
	});

	it("lets only the coordinators read the applicants, and audits it", async () => {
		expect(await refused(programmeApplicants(ctx(member), orgId, programmeId))).toBe('policy:denied');
		expect(await refused(programmeApplicants(ctx(amina), orgId, programmeId))).toBe('policy:denied');
		expect(await refused(programmeApplicants(ctx(coordinator), orgId, FORGED))).toBe('buddies_programme_not_found');
		const list = await programmeApplicants(ctx(coordinator), orgId, programmeId);
		expect(list).toHaveLength(5);
		const [entry] = await main.db.select().from(auditLog).where(and(eq(auditLog.action, 'buddies.applicants.view'), eq(auditLog.resourceId, programmeId)));
		expect(entry.actorId).toBe(coordinator.userId);
	});
});

describe('matching, confirming, check-ins, ending, re-matching', () => {
	it('proposes pairs that keep the gender preference and the shared language, with explanations', async () => {
		const run = await runBuddyMatching(ctx(coordinator), orgId, programmeId);
		expect(run.newcomers).toBe(3);
		const ps = await proposed();
		const byNewcomer = new Map(ps.map((p) => [p.newcomer.applicationId, p.resident.applicationId]));
		// Amina asked for a woman: only Giulia.
		expect(byNewcomer.get(app.amina)).toBe(app.giulia);
		// Fatima speaks only Tigrinya: nobody shares it.
		expect(byNewcomer.has(app.fatima)).toBe(false);
		expect(byNewcomer.get(app.karim)).toBe(app.marco);
		const explained = ps.find((p) => p.newcomer.applicationId === app.amina)!;
		expect(explained.criteria.map((c) => c.criterion)).toContain('languages');
		expect(explained.score).toBeGreaterThan(0);
		// A second run replaces the proposals, it does not add to them.
		await runBuddyMatching(ctx(coordinator), orgId, programmeId);
		expect(await proposed()).toHaveLength(2);
	});

	it('refuses forged ids and a proposal that now breaks a hard rule, and then confirms nothing', async () => {
		const ps = await proposed();
		expect(await refused(confirmProposals(ctx(coordinator), orgId, programmeId, [FORGED]))).toBe('buddies_proposal_invalid');
		expect(await refused(confirmProposals(ctx(coordinator), orgId, programmeId, ['x']))).toBe('buddies_proposal_invalid');
		expect(await refused(confirmProposals(ctx(coordinator), orgId, programmeId, []))).toBe('buddies_proposal_none');
		expect(await refused(confirmProposals(ctx(member), orgId, programmeId, ps.map((p) => p.pairId)))).toBe('policy:denied');
		// Karim now asks for a woman buddy (changed behind the proposal's back): Marco breaks it.
		await main.db.update(buddyApplications).set({ preferredGender: 'woman' }).where(eq(buddyApplications.id, app.karim));
		expect(await refused(confirmProposals(ctx(coordinator), orgId, programmeId, ps.map((p) => p.pairId)))).toBe('buddies_confirm_refused:gender-preference');
		const live = await main.db.select().from(buddyPairs).where(eq(buddyPairs.status, 'active'));
		expect(live).toHaveLength(0);
		await main.db.update(buddyApplications).set({ preferredGender: 'any' }).where(eq(buddyApplications.id, app.karim));
	});

	it('confirms: active pairs, both sides e-mailed, check-ins scheduled', async () => {
		const ps = await proposed();
		const before = (await main.db.select().from(emailOutbox)).length;
		const r = await confirmProposals(ctx(coordinator), orgId, programmeId, ps.map((p) => p.pairId));
		expect(r.confirmed).toBe(2);
		const mails = (await main.db.select().from(emailOutbox)).slice(before);
		expect(mails.filter((m) => m.template === 'buddy_paired')).toHaveLength(4);
		const pairs = await myPairs(ctx(amina));
		expect(pairs).toHaveLength(1);
		expect(pairs[0].buddyName).toBe('Giulia');
		expect(pairs[0].endsOn).toBe(addDays(cityToday(), 26 * 7));
		expect(pairs[0].checkIns).toHaveLength(13);
		expect(pairs[0].checkIns[0].dueOn).toBe(addDays(cityToday(), 14));
		// Confirming the same proposals again: they are no longer open.
		expect(await refused(confirmProposals(ctx(coordinator), orgId, programmeId, ps.map((p) => p.pairId)))).toBe('buddies_proposal_invalid');
		expect(await refused(withdraw(ctx(amina), app.amina))).toBe('buddies_withdraw_paired');
	});

	it('lets each side answer its own check-in once, from its due day; an outsider gets nothing', async () => {
		const [pair] = await myPairs(ctx(amina));
		const first = pair.checkIns[0];
		const later = new Date(Date.now() + 15 * 86_400_000);
		expect(await refused(answerCheckIn(ctx(amina), { checkInId: first.id, wellbeing: 4, note: '' }))).toBe('buddies_check_in_not_due');
		expect(await refused(answerCheckIn(ctx(karim), { checkInId: first.id, wellbeing: 5, note: '' }, { now: later }))).toBe('buddies_check_in_not_found');
		expect(await refused(answerCheckIn(ctx(coordinator), { checkInId: first.id, wellbeing: 5, note: '' }, { now: later }))).toBe('buddies_check_in_not_found');
		expect(await refused(answerCheckIn(ctx(amina), { checkInId: FORGED, wellbeing: 5, note: '' }, { now: later }))).toBe('buddies_check_in_not_found');
		await answerCheckIn(ctx(amina), { checkInId: first.id, wellbeing: 2, note: 'We could not meet.' }, { now: later });
		expect(await refused(answerCheckIn(ctx(amina), { checkInId: first.id, wellbeing: 5, note: '' }, { now: later }))).toBe('buddies_check_in_answered');
		const [row] = await main.db.select().from(buddyCheckIns).where(eq(buddyCheckIns.id, first.id));
		expect(row.newcomerWellbeing).toBe(2);
		expect(row.residentWellbeing).toBeNull();
		// Giulia sees her own (empty) answer, never Amina's.
		const [hers] = await myPairs(ctx(giulia), { now: later });
		expect(hers.checkIns[0].wellbeing).toBeNull();
		expect(hers.checkIns[0].due).toBe(true);
		// The coordinator sees the low answer flagged.
		const staff = await programmePairs(ctx(coordinator), orgId, programmeId, { now: later });
		const flagged = staff.find((p) => p.newcomerName === 'Amina')!;
		expect(flagged.low).toBe(true);
		expect(flagged.lastNewcomer).toBe(2);
		expect(staff.find((p) => p.newcomerName === 'Karim')!.low).toBe(false);
	});

	it('reminds the sides that have not answered a due check-in, once', async () => {
		const later = new Date(Date.now() + 15 * 86_400_000);
		const sent = await sendCheckInReminders(main.db, later);
		// Giulia for Amina's pair; Karim and Marco for theirs.
		expect(sent).toBe(3);
		expect(await sendCheckInReminders(main.db, later)).toBe(0);
		const mails = await main.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'buddy_check_in'));
		expect(mails).toHaveLength(3);
	});

	it('ends a pair with feedback; ending twice is refused; the other side gives feedback once', async () => {
		const [pair] = await myPairs(ctx(karim));
		expect(await refused(endPair(ctx(amina), { pairId: pair.id, reason: 'no_time', rating: 3, comment: '' }))).toBe('buddies_pair_not_found');
		expect(await refused(giveFeedback(ctx(marco), { pairId: pair.id, rating: 4, comment: '' }))).toBe('buddies_pair_not_ended');
		await endPair(ctx(karim), { pairId: pair.id, reason: 'not_a_fit', rating: 2, comment: 'Different schedules.' });
		expect(await refused(endPair(ctx(karim), { pairId: pair.id, reason: 'not_a_fit', rating: 2, comment: '' }))).toBe('buddies_pair_ended');
		expect(await refused(endPairAsStaff(ctx(coordinator), orgId, programmeId, { pairId: pair.id, reason: 'other' }))).toBe('buddies_pair_ended');
		await giveFeedback(ctx(marco), { pairId: pair.id, rating: 4, comment: 'Nice person.' });
		expect(await refused(giveFeedback(ctx(marco), { pairId: pair.id, rating: 4, comment: '' }))).toBe('buddies_feedback_given');
		const [ended] = await myPairs(ctx(karim));
		expect(ended.status).toBe('ended');
		expect(ended.endReason).toBe('not_a_fit');
		expect(ended.feedbackGiven).toBe(true);
		// Only the check-ins already due remain.
		expect(ended.checkIns.every((c) => c.due)).toBe(true);
	});

	it('re-matches: both go back to the pool, never with each other again; the actively paired stay out', async () => {
		app.luca = (await apply(ctx(luca), programmeId, application({ gender: 'man' }))).id;
		await runBuddyMatching(ctx(coordinator), orgId, programmeId);
		const ps = await proposed();
		const pairs = ps.map((p) => [p.newcomer.applicationId, p.resident.applicationId]);
		expect(pairs).not.toContainEqual([app.karim, app.marco]);
		expect(pairs.some(([n]) => n === app.amina)).toBe(false);
		expect(pairs).toContainEqual([app.karim, app.luca]);
		// Rule it out: never proposed again; Karim has nobody else.
		const p = ps.find((x) => x.newcomer.applicationId === app.karim)!;
		expect(await refused(ruleOut(ctx(coordinator), orgId, programmeId, FORGED))).toBe('buddies_pair_not_found');
		await ruleOut(ctx(coordinator), orgId, programmeId, p.pairId);
		await runBuddyMatching(ctx(coordinator), orgId, programmeId);
		expect((await proposed()).some((x) => x.newcomer.applicationId === app.karim)).toBe(false);
	});

	it('withdrawing drops open proposals; editing an application drops them too', async () => {
		expect(await refused(withdraw(ctx(karim), app.amina))).toBe('buddies_application_not_found');
		await editApplication(ctx(fatima), app.fatima, application({ languages: ['ti', 'it'] }));
		await runBuddyMatching(ctx(coordinator), orgId, programmeId);
		expect((await proposed()).some((x) => x.newcomer.applicationId === app.fatima)).toBe(true);
		await withdraw(ctx(fatima), app.fatima);
		expect((await proposed()).some((x) => x.newcomer.applicationId === app.fatima)).toBe(false);
		expect(await refused(withdraw(ctx(fatima), app.fatima))).toBe('buddies_application_withdrawn');
		// Applying again takes the application up again.
		await apply(ctx(fatima), programmeId, application({ languages: ['ti'] }));
		expect((await myApplications(ctx(fatima)))[0].status).toBe('active');
	});
});

describe('the engine and gender preferences', () => {
	it('never proposes someone against their preference or the other side’s, over many random pools', async () => {
		const genders = ['woman', 'man', 'non_binary', ''];
		const prefs = ['any', 'woman', 'man'];
		let seed = 7;
		const rnd = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const p = await createProgramme(ctx(coordinator), orgId, programme({ name: 'Random pool' }));
		const ids: { id: string; side: 'newcomer' | 'resident'; gender: string | null; pref: string }[] = [];
		for (let i = 0; i < 40; i++) {
			const side = i % 2 ? 'resident' : 'newcomer';
			const who = await person(`P${i}`, side);
			const gender = genders[rnd(4)];
			const pref = prefs[rnd(3)];
			const a = await apply(ctx(who), p.id, application({ gender, preferredGender: pref, capacity: rnd(2) ? '2' : '1' }));
			ids.push({ id: a.id, side, gender: gender || null, pref });
		}
		await runBuddyMatching(ctx(coordinator), orgId, p.id);
		const ps = await proposals(ctx(coordinator), orgId, p.id);
		expect(ps.length).toBeGreaterThan(3);
		const of = new Map(ids.map((x) => [x.id, x]));
		for (const pr of ps) {
			const n = of.get(pr.newcomer.applicationId)!;
			const r = of.get(pr.resident.applicationId)!;
			if (n.pref !== 'any') expect(r.gender).toBe(n.pref);
			if (r.pref !== 'any') expect(n.gender).toBe(r.pref);
		}
		const rows = await main.db.select({ n: buddyPairs.newcomerApplicationId }).from(buddyPairs).where(and(eq(buddyPairs.programmeId, p.id), inArray(buddyPairs.status, ['proposed'])));
		expect(new Set(rows.map((r) => r.n)).size).toBe(rows.length);
	});
});
