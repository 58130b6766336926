/**
 * Co-creation at the use-case level (issue 7): calls with phases, ideas,
 * supports (once, also concurrently), threads of comments and official
 * answers, the jury (criteria, scores, conflicts of interest, forged scores,
 * one's own idea), results with reasons, pilots, moderation and
 * notifications. With TEST_DATABASE_URL the concurrent supports each use
 * their own PostgreSQL connection.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/lib/server/db/index.ts';
import { auditLog, calls, emailOutbox, ideas, ideaSupports, neighbourhoods, notifications, organisations } from '../../src/lib/server/db/schema/index.ts';
import type { MemberRole, PlatformRole } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { addCriterion, addJuror, callAdmin, createCall, listCalls, publishCall, translateCall, updateCall } from '../../src/lib/server/cocreation/calls.ts';
import { addComment, callPage, ideaPage, submitIdea, supportIdea, withdrawIdea, withdrawSupport } from '../../src/lib/server/cocreation/ideas.ts';
import { declareConflict, juryPage, ranking, scoreIdea } from '../../src/lib/server/cocreation/jury.ts';
import { createPilot, decideIdea, pilotPage, publishResults, updatePilot } from '../../src/lib/server/cocreation/results.ts';
import { callForm, commentForm, ideaForm, scoreEntries, type CallForm } from '../../src/lib/server/cocreation/schemas.ts';
import { moderate, moderationQueue, report } from '../../src/lib/server/moderation/moderation.ts';
import { markRead, myNotifications, savePreferences, sendDigests } from '../../src/lib/server/notifications/index.ts';
import { callCriteria } from '../../src/lib/server/db/schema/index.ts';
import type { Phase } from '../../src/lib/server/cocreation/phase.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { addMember, createUser } from '../helpers/users.ts';

let main: TestDatabase;
let handles: Database[] = [];
let nbId: string;
let orgId: string;
let officer: SignedInActor;
let moderatorOnly: SignedInActor;

function actor(userId: string, opts: { memberships?: [string, MemberRole][]; platformRole?: PlatformRole } = {}): SignedInActor {
	return { kind: 'user', userId, personKind: 'resident', platformRole: opts.platformRole ?? null, memberships: new Map(opts.memberships ?? []), emailVerified: true, secondFactor: true, totpEnabled: true };
}
function ctx(a: SignedInActor | { kind: 'anonymous' }, i = 0): Ctx {
	return { db: handles[i % handles.length].db, actor: a, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' };
}
const anon = { kind: 'anonymous' as const };
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
const day = (n: number) => addDays(cityToday(), n);

function callInput(over: Partial<Record<keyof CallForm, string>> = {}): CallForm {
	return callForm.parse({
		title: 'A warmer welcome in Porto Vecchio',
		question: 'How could newcomers and neighbours meet more often?',
		rules: 'One idea per form. Plain words are welcome.',
		language: 'en',
		audience: 'anyone',
		neighbourhoodId: '',
		opens: day(-1),
		review: day(20),
		selection: day(30),
		results: day(40),
		followUp: day(60),
		...over
	});
}

/** Moves a call's dates so that now falls in `phase`. */
async function setPhase(callId: string, phase: Phase) {
	const H = 3600_000;
	const now = Date.now();
	const order: Phase[] = ['upcoming', 'ideas', 'review', 'selection', 'results', 'follow_up'];
	const k = order.indexOf(phase);
	// Phase i starts at now + (i - k) days - 1 hour, so phase k started an hour ago.
	const at = (i: number) => new Date(now + (i - k) * 24 * H - H);
	await main.db.update(calls).set({ opensAt: at(1), reviewAt: at(2), selectionAt: at(3), resultsAt: at(4), followUpAt: at(5) }).where(eq(calls.id, callId));
}

async function openCall(over: Partial<Record<keyof CallForm, string>> = {}) {
	const id = await createCall(ctx(officer), callInput(over));
	await publishCall(ctx(officer), id);
	return id;
}
const idea = (over: Record<string, string> = {}) => ideaForm.parse({ title: 'Saturday homework club', description: 'At the library, for children who arrived this year.', language: 'en', ...over });

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
	const [n] = await main.db.insert(neighbourhoods).values({ slug: 'porto-vecchio', name: 'Porto Vecchio' }).returning({ id: neighbourhoods.id });
	nbId = n.id;
	const [o] = await main.db.insert(organisations).values({ slug: 'amal', name: 'Amal Women’s Association', type: 'migrant_association', verification: 'unverified' }).returning({ id: organisations.id });
	orgId = o.id;
	const off = await createUser(main.db, { displayName: 'Olga Officer', platformRole: 'integration_officer', totp: true, secondFactor: true });
	officer = actor(off.id, { platformRole: 'integration_officer' });
	const adm = await createUser(main.db, { displayName: 'Ada Admin', platformRole: 'admin', totp: true, secondFactor: true });
	moderatorOnly = actor(adm.id, { platformRole: 'admin' });
});

afterAll(async () => {
	for (const h of handles) if (h !== main) await h.close();
	await main?.dispose();
});

describe('the forms', () => {
	it('refuses phases out of order, unknown audiences and bad dates', () => {
		const base = { title: 'T', question: 'Q?', audience: 'anyone', opens: day(1), review: day(10), selection: day(11), results: day(12), followUp: day(13) };
		expect(callForm.safeParse(base).success).toBe(true);
		expect(callForm.safeParse({ ...base, review: day(0) }).error?.issues[0].message).toBe('cocreation_phases_order');
		expect(callForm.safeParse({ ...base, audience: 'everyone-else' }).success).toBe(false);
		expect(callForm.safeParse({ ...base, opens: '2026-02-30' }).error?.issues[0].message).toBe('cocreation_date_invalid');
	});
	it('keeps a comment under 2,000 characters and reads scores only as whole numbers 0–10', () => {
		expect(commentForm.safeParse({ body: 'x'.repeat(2001) }).success).toBe(false);
		expect(commentForm.safeParse({ body: '   ' }).success).toBe(false);
		const c = '00000000-0000-4000-8000-000000000001';
		expect(scoreEntries({ [`score_${c}`]: '10' })).toEqual([{ criterionId: c, score: 10 }]);
		expect(scoreEntries({ [`score_${c}`]: '11' })).toBeNull();
		expect(scoreEntries({ [`score_${c}`]: '-1' })).toBeNull();
		expect(scoreEntries({ [`score_${c}`]: '7.5' })).toBeNull();
		expect(scoreEntries({ 'score_not-a-uuid': '5' })).toBeNull();
	});
});

describe('calls', () => {
	it('keeps a draft from the public, publishes it, and lists it in the reader’s language', async () => {
		const id = await createCall(ctx(officer), callInput({ title: 'Draft call' }));
		expect(await refused(callPage(ctx(anon), id, { sort: 'support', page: 1 }))).toBe('cocreation_call_not_found');
		expect((await listCalls(ctx(anon))).some((c) => c.id === id)).toBe(false);
		await translateCall(ctx(officer), id, { locale: 'it', title: 'Bozza', question: 'Come?', rules: '' });
		await publishCall(ctx(officer), id);
		expect(await refused(publishCall(ctx(officer), id))).toBe('cocreation_call_already_published');
		const it = await listCalls({ ...ctx(anon), locale: 'it' });
		expect(it.find((c) => c.id === id)?.title).toBe('Bozza');
		expect((await listCalls(ctx(anon))).find((c) => c.id === id)?.title).toBe('Draft call');
	});
	it('lets only city staff create calls', async () => {
		const r = await person('Rita');
		expect(await refused(createCall(ctx(r), callInput()))).toBe('policy:denied');
		expect(await refused(createCall(ctx(anon), callInput()))).toBe('policy:sign_in_required');
	});
	it('keeps who may send ideas once ideas came in', async () => {
		const id = await openCall();
		await submitIdea(ctx(await person('Ivo')), id, idea());
		expect(await refused(updateCall(ctx(officer), id, callInput({ audience: 'organisations' })))).toBe('cocreation_audience_locked');
		await updateCall(ctx(officer), id, callInput({ title: 'Renamed' }));
	});
});

describe('ideas and supports', () => {
	it('takes ideas only while the call is open for ideas, from the audience it names', async () => {
		const id = await openCall();
		const p = await person('Petro');
		const ideaId = await submitIdea(ctx(p), id, idea({ language: 'uk', title: 'Клуб домашніх завдань', neighbourhoodId: nbId }));
		expect((await ideaPage(ctx(anon), id, ideaId)).idea.title).toBe('Клуб домашніх завдань');
		expect(await refused(submitIdea(ctx(p), id, idea({ organisationId: orgId })))).toBe('cocreation_not_your_organisation');
		expect(await refused(submitIdea(ctx(p), id, idea({ neighbourhoodId: '00000000-0000-4000-8000-000000000009' })))).toBe('field_invalid_choice');
		await setPhase(id, 'review');
		expect(await refused(submitIdea(ctx(p), id, idea()))).toBe('cocreation_ideas_closed');
		await setPhase(id, 'upcoming');
		expect(await refused(submitIdea(ctx(p), id, idea()))).toBe('cocreation_ideas_closed');

		const orgsOnly = await openCall({ audience: 'organisations' });
		expect(await refused(submitIdea(ctx(p), orgsOnly, idea()))).toBe('cocreation_only_organisations');
		const amalMember = await person('Amina');
		await addMember(main.db, orgId, amalMember.userId, 'member');
		const withOrg = actor(amalMember.userId, { memberships: [[orgId, 'member']] });
		const ok = await submitIdea(ctx(withOrg), orgsOnly, idea({ organisationId: orgId }));
		expect((await ideaPage(ctx(anon), orgsOnly, ok)).idea.organisation).toBe('Amal Women’s Association');
		const residentsOnly = await openCall({ audience: 'residents' });
		expect(await refused(submitIdea(ctx(withOrg), residentsOnly, idea({ organisationId: orgId })))).toBe('cocreation_only_residents');
		const before = await main.db.select({ n: sql<number>`count(*)::int` }).from(ideas);
		expect(await refused(submitIdea(ctx(anon), id, idea()))).toBe('policy:sign_in_required');
		expect(await main.db.select({ n: sql<number>`count(*)::int` }).from(ideas)).toEqual(before);
	});

	it('counts one support per account, also when the same person sends it many times at once', async () => {
		const id = await openCall();
		const author = await person('Alia');
		const ideaId = await submitIdea(ctx(author), id, idea());
		const fan = await person('Fatima');
		const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => supportIdea(ctx(fan, i), id, ideaId)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Refusal).key] : []));
		expect(new Set(reasons)).toEqual(new Set(['cocreation_already_supported']));
		const [row] = await main.db.select({ n: ideas.supportCount }).from(ideas).where(eq(ideas.id, ideaId));
		expect(row.n).toBe(1);
		expect(await refused(supportIdea(ctx(fan), id, ideaId))).toBe('cocreation_already_supported');
		expect((await ideaPage(ctx(fan), id, ideaId)).supported).toBe(true);
		expect(await withdrawSupport(ctx(fan), id, ideaId)).toBe(0);
		expect(await refused(withdrawSupport(ctx(fan), id, ideaId))).toBe('cocreation_not_supported');
		expect(await supportIdea(ctx(fan), id, ideaId)).toBe(1);
		await setPhase(id, 'review');
		const late = await person('Late');
		expect(await refused(supportIdea(ctx(late), id, ideaId))).toBe('cocreation_support_closed');
		const [after] = await main.db.select({ n: ideas.supportCount }).from(ideas).where(eq(ideas.id, ideaId));
		expect(after.n).toBe(1);
	});

	it('refuses an idea of another call, and forged ids, as not found', async () => {
		const a = await openCall();
		const b = await openCall();
		const ideaId = await submitIdea(ctx(await person('Bo')), a, idea());
		const p = await person('Pia');
		expect(await refused(supportIdea(ctx(p), b, ideaId))).toBe('cocreation_idea_not_found');
		expect(await refused(supportIdea(ctx(p), a, 'not-a-uuid'))).toBe('cocreation_idea_not_found');
		expect(await refused(supportIdea(ctx(p), 'x', ideaId))).toBe('cocreation_call_not_found');
		expect(await refused(ideaPage(ctx(p), b, ideaId))).toBe('cocreation_idea_not_found');
	});

	it('sorts a call’s ideas by support and by recent', async () => {
		const id = await openCall();
		const first = await submitIdea(ctx(await person('One')), id, idea({ title: 'First' }));
		const second = await submitIdea(ctx(await person('Two')), id, idea({ title: 'Second' }));
		await supportIdea(ctx(await person('S1')), id, first);
		const bySupport = await callPage(ctx(anon), id, { sort: 'support', page: 1 });
		expect(bySupport.ideas.items.map((i) => i.title)).toEqual(['First', 'Second']);
		expect(bySupport.ideas.total).toBe(2);
		const recent = await callPage(ctx(anon), id, { sort: 'recent', page: 1 });
		expect(recent.ideas.items[0].id).toBe(second);
	});

	it('shows an anonymous idea’s author to nobody but moderators and staff, and audits their look', async () => {
		const id = await openCall();
		const shy = await person('Shy Person');
		const ideaId = await submitIdea(ctx(shy), id, idea({ anonymous: 'on' }));
		expect((await ideaPage(ctx(anon), id, ideaId)).idea.author).toBeNull();
		expect((await callPage(ctx(anon), id, { sort: 'recent', page: 1 })).ideas.items[0].author).toBeNull();
		expect((await ideaPage(ctx(shy), id, ideaId)).idea.author).toBe('Shy Person');
		expect((await ideaPage(ctx(officer), id, ideaId)).idea.author).toBe('Shy Person');
		const seen = await main.db.select().from(auditLog).where(and(eq(auditLog.action, 'cocreation.idea.author.view'), eq(auditLog.resourceId, ideaId)));
		expect(seen).toHaveLength(1);
	});

	it('lets the author withdraw while ideas are open', async () => {
		const id = await openCall();
		const a = await person('Wanda');
		const ideaId = await submitIdea(ctx(a), id, idea());
		expect(await refused(withdrawIdea(ctx(await person('Other')), id, ideaId))).toBe('cocreation_idea_not_found');
		await withdrawIdea(ctx(a), id, ideaId);
		expect(await refused(ideaPage(ctx(anon), id, ideaId))).toBe('cocreation_idea_not_found');
		expect(await refused(withdrawIdea(ctx(a), id, ideaId))).toBe('cocreation_idea_withdrawn');
	});

	it('limits how many ideas one person sends in an hour', async () => {
		const id = await openCall();
		const busy = await person('Busy');
		for (let i = 0; i < 5; i++) await submitIdea(ctx(busy), id, idea({ title: `Idea ${i}` }));
		expect(await refused(submitIdea(ctx(busy), id, idea({ title: 'One too many' })))).toBe('cocreation_too_many_posts');
		const [n] = await main.db.select({ n: sql<number>`count(*)::int` }).from(ideas).where(eq(ideas.title, 'One too many'));
		expect(n.n).toBe(0);
	});
});

describe('comments, answers and notifications', () => {
	it('threads replies, tells the author (at once, or in a daily digest) and the person replied to', async () => {
		const id = await openCall();
		const author = await person('Author');
		const ideaId = await submitIdea(ctx(author), id, idea({ title: 'Bike repair café' }));
		const c1 = await person('Commenter');
		const top = await addComment(ctx(c1), id, ideaId, { body: 'I can help on Saturdays.', parentId: null });
		const r1 = await addComment(ctx(author), id, ideaId, { body: 'Wonderful, thank you!', parentId: top });
		// A reply to a reply joins the same thread.
		const r2 = await addComment(ctx(await person('Third')), id, ideaId, { body: '<script>alert(1)</script> me too', parentId: r1 });
		const page = await ideaPage(ctx(anon), id, ideaId);
		expect(page.threads).toHaveLength(1);
		expect(page.threads[0].replies.map((r) => r.id)).toEqual([r1, r2]);
		expect(page.threads[0].replies[1].body).toBe('<script>alert(1)</script> me too');
		// idea_comment is a daily digest by default: waiting, not yet e-mailed.
		const forAuthor = await main.db.select().from(notifications).where(eq(notifications.userId, author.userId));
		expect(forAuthor.map((n) => [n.kind, n.emailState])).toEqual([
			['idea_comment', 'pending'],
			['idea_comment', 'pending']
		]);
		// The commenter is told of the replies at once (comment_reply is immediate).
		const forC1 = await main.db.select().from(notifications).where(eq(notifications.userId, c1.userId));
		expect(forC1.map((n) => [n.kind, n.emailState])).toEqual([
			['comment_reply', 'sent'],
			['comment_reply', 'sent']
		]);
		expect(forC1[0].link).toBe(`/calls/${id}/ideas/${ideaId}#comment-${r1}`);
		// The digest goes once the oldest waited a day, as one e-mail, and only once.
		expect(await sendDigests(main.db, new Date())).toBe(0);
		expect(await sendDigests(main.db, new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
		expect(await sendDigests(main.db, new Date(Date.now() + 26 * 3600_000))).toBe(0);
		const [u] = await main.db.select({ email: sql<string>`email` }).from(sql`users`).where(sql`id = ${author.userId}`);
		const digests = await main.db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'notify_digest'), eq(emailOutbox.toAddress, u.email)));
		expect(digests).toHaveLength(1);
		expect(digests[0].textBody).toContain('Bike repair café');
		expect(digests[0].textBody).toContain('/account/notifications');
	});

	it('refuses a parent comment of another idea, and comments once the selection began; the city may still answer', async () => {
		const id = await openCall();
		const a = await submitIdea(ctx(await person('A')), id, idea({ title: 'A' }));
		const b = await submitIdea(ctx(await person('B')), id, idea({ title: 'B' }));
		const onA = await addComment(ctx(await person('C')), id, a, { body: 'On A', parentId: null });
		expect(await refused(addComment(ctx(await person('D')), id, b, { body: 'Sneaky', parentId: onA }))).toBe('cocreation_comment_not_found');
		await setPhase(id, 'selection');
		expect(await refused(addComment(ctx(await person('E')), id, a, { body: 'Late', parentId: null }))).toBe('cocreation_comments_closed');
		expect(await refused(addComment(ctx(await person('F')), id, a, { body: 'Pretend city', parentId: null }, true))).toBe('policy:denied');
		await addComment(ctx(officer), id, a, { body: 'We will look at this with the library.', parentId: null }, true);
		const page = await ideaPage(ctx(anon), id, a);
		expect(page.threads.at(-1)?.comment.official).toBe(true);
	});

	it('follows each person’s choice: off means nothing; in the app only means no e-mail', async () => {
		const id = await openCall();
		const author = await person('Quiet');
		await savePreferences(ctx(author), [
			{ kind: 'idea_comment', inApp: false, email: 'off' },
			{ kind: 'official_answer', inApp: true, email: 'off' }
		]);
		const ideaId = await submitIdea(ctx(author), id, idea());
		await addComment(ctx(await person('Chatty')), id, ideaId, { body: 'Nice', parentId: null });
		await addComment(ctx(officer), id, ideaId, { body: 'Official: yes', parentId: null }, true);
		const rows = await main.db.select().from(notifications).where(eq(notifications.userId, author.userId));
		expect(rows.map((r) => [r.kind, r.emailState])).toEqual([['official_answer', 'none']]);
		const mine = await myNotifications(ctx(author));
		expect(mine.unread).toBe(1);
		expect(await markRead(ctx(await person('Stranger')), [rows[0].id])).toBe(0);
		expect(await markRead(ctx(author), [])).toBe(1);
		expect((await myNotifications(ctx(author))).unread).toBe(0);
	});
});

describe('the jury', () => {
	async function reviewedCall() {
		const id = await openCall();
		await addCriterion(ctx(officer), id, { name: 'Impact', description: '', weight: 3 });
		await addCriterion(ctx(officer), id, { name: 'Feasibility', description: '', weight: 1 });
		const juror = await createUser(main.db, { displayName: 'Judge Jo' });
		await addJuror(ctx(officer), id, juror.email);
		const criteria = await main.db.select().from(callCriteria).where(eq(callCriteria.callId, id));
		const impact = criteria.find((c) => c.name === 'Impact')!.id;
		const feas = criteria.find((c) => c.name === 'Feasibility')!.id;
		return { id, juror: actor(juror.id), impact, feas };
	}

	it('scores during the review, weighted; refuses forged criteria, out-of-range scores, the wrong phase and non-jurors', async () => {
		const { id, juror, impact, feas } = await reviewedCall();
		const ideaId = await submitIdea(ctx(await person('Ideator')), id, idea());
		// The juror was told.
		const told = await main.db.select().from(notifications).where(and(eq(notifications.userId, juror.userId), eq(notifications.kind, 'jury_invitation')));
		expect(told).toHaveLength(1);
		expect(await refused(scoreIdea(ctx(juror), id, ideaId, [{ criterionId: impact, score: 8 }, { criterionId: feas, score: 4 }], ''))).toBe('cocreation_scoring_closed');
		await setPhase(id, 'review');
		expect(await refused(scoreIdea(ctx(await person('Not a juror')), id, ideaId, [{ criterionId: impact, score: 10 }, { criterionId: feas, score: 10 }], ''))).toBe('policy:denied');
		expect(await refused(scoreIdea(ctx(juror), id, ideaId, [{ criterionId: impact, score: 8 }], ''))).toBe('cocreation_score_invalid');
		const other = await reviewedCall();
		expect(await refused(scoreIdea(ctx(juror), id, ideaId, [{ criterionId: impact, score: 8 }, { criterionId: other.feas, score: 4 }], ''))).toBe('cocreation_score_invalid');
		expect(await refused(scoreIdea(ctx(juror), id, ideaId, [{ criterionId: impact, score: 8 }, { criterionId: impact, score: 4 }], ''))).toBe('cocreation_score_invalid');
		expect(await refused(scoreIdea(ctx(juror), id, ideaId, null, ''))).toBe('cocreation_score_invalid');
		await scoreIdea(ctx(juror), id, ideaId, [{ criterionId: impact, score: 8 }, { criterionId: feas, score: 4 }], 'Strong');
		// (8×3 + 4×1) / 4 = 7.0
		expect((await ranking(ctx(officer), id)).get(ideaId)?.score).toBe(7);
		await scoreIdea(ctx(juror), id, ideaId, [{ criterionId: impact, score: 10 }, { criterionId: feas, score: 6 }], 'Even better');
		expect((await ranking(ctx(officer), id)).get(ideaId)).toMatchObject({ score: 9, jurors: 1 });
		const page = await juryPage(ctx(juror), id);
		expect(page.ideas.find((i) => i.id === ideaId)?.mine?.scores[impact]).toBe(10);
	});

	it('never lets a juror score their own idea or their organisation’s, nor one they declared a conflict with', async () => {
		const { id, juror, impact, feas } = await reviewedCall();
		const own = await submitIdea(ctx(juror), id, idea({ title: 'My own' }));
		const orgJuror = await person('Org Juror');
		await addMember(main.db, orgId, orgJuror.userId, 'member');
		const orgMate = await person('Org mate');
		await addMember(main.db, orgId, orgMate.userId, 'member');
		const orgIdea = await submitIdea(ctx(actor(orgMate.userId, { memberships: [[orgId, 'member']] })), id, idea({ title: 'Org idea', organisationId: orgId }));
		const [u] = await main.db.select({ email: sql<string>`email` }).from(sql`users`).where(sql`id = ${orgJuror.userId}`);
		await addJuror(ctx(officer), id, u.email);
		const someone = await submitIdea(ctx(await person('Cousin')), id, idea({ title: 'My cousin’s' }));
		await setPhase(id, 'review');
		const scores = [{ criterionId: impact, score: 9 }, { criterionId: feas, score: 9 }];
		expect(await refused(scoreIdea(ctx(juror), id, own, scores, ''))).toBe('cocreation_own_idea');
		expect(await refused(scoreIdea(ctx(actor(orgJuror.userId, { memberships: [[orgId, 'member']] })), id, orgIdea, scores, ''))).toBe('cocreation_own_idea');
		await scoreIdea(ctx(juror), id, someone, scores, '');
		await declareConflict(ctx(juror), id, someone, 'It is my cousin’s idea');
		expect(await refused(scoreIdea(ctx(juror), id, someone, scores, ''))).toBe('cocreation_conflict_declared');
		// Declaring removed the scores given before.
		expect((await ranking(ctx(officer), id)).get(someone)).toMatchObject({ score: null, conflicts: 1 });
	});
});

describe('results and pilots', () => {
	it('selects with reasons, publishes once, tells every author, and turns a selected idea into a pilot', async () => {
		const id = await openCall();
		const winner = await person('Winner');
		const other = await person('Other');
		const fan = await person('Fan');
		const w = await submitIdea(ctx(winner), id, idea({ title: 'Language café' }));
		const o = await submitIdea(ctx(other), id, idea({ title: 'Night market' }));
		await supportIdea(ctx(fan), id, w);
		expect(await refused(decideIdea(ctx(officer), id, { ideaId: w, status: 'selected', reason: 'x' }))).toBe('cocreation_decisions_closed');
		await setPhase(id, 'review');
		await decideIdea(ctx(officer), id, { ideaId: w, status: 'selected', reason: 'Many supports and a ready venue.' });
		// Before publishing, the public sees no decision.
		expect((await ideaPage(ctx(anon), id, w)).idea.status).toBe('submitted');
		expect(await refused(publishResults(ctx(officer), id, 'Not this time.'))).toBe('cocreation_results_too_early');
		expect(await refused(createPilot(ctx(officer), id, { ideaId: w, title: 'Pilot', summary: '', organisationId: null }))).toBe('cocreation_pilot_needs_selected');
		await setPhase(id, 'selection');
		expect(await refused(publishResults(ctx(await person('Sneaky')), id, 'x'))).toBe('policy:denied');
		expect(await publishResults(ctx(officer), id, 'Not this time: many good ideas came in.')).toBe(1);
		expect(await refused(publishResults(ctx(officer), id, 'again'))).toBe('cocreation_results_already_published');
		expect(await refused(decideIdea(ctx(officer), id, { ideaId: o, status: 'selected', reason: 'late' }))).toBe('cocreation_results_already_published');
		const page = await callPage(ctx(anon), id, { sort: 'support', page: 1 });
		expect(page.selected.map((s) => s.id)).toEqual([w]);
		expect((await ideaPage(ctx(anon), id, o)).idea).toMatchObject({ status: 'not_selected', resultReason: 'Not this time: many good ideas came in.' });
		const told = await main.db.select({ userId: notifications.userId, title: notifications.title }).from(notifications).where(eq(notifications.kind, 'call_results'));
		expect(told.find((t) => t.userId === winner.userId)?.title).toContain('was selected');
		expect(told.find((t) => t.userId === other.userId)?.title).toContain('not selected');
		expect(await refused(createPilot(ctx(officer), id, { ideaId: o, title: 'No', summary: '', organisationId: null }))).toBe('cocreation_pilot_needs_selected');
		const pilotId = await createPilot(ctx(officer), id, { ideaId: w, title: 'Language café at Casa del Quartiere', summary: 'Every Thursday.', organisationId: orgId });
		expect(await refused(createPilot(ctx(officer), id, { ideaId: w, title: 'Again', summary: '', organisationId: null }))).toBe('cocreation_pilot_exists');
		await updatePilot(ctx(officer), id, pilotId, { status: 'running', body: 'First session: 23 people came.' });
		const p = await pilotPage(ctx(anon), pilotId);
		expect(p.pilot.status).toBe('running');
		expect(p.updates.map((u) => u.body)).toEqual(['First session: 23 people came.']);
		// Author and supporter follow it.
		const news = await main.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'pilot_update'));
		expect(new Set(news.map((n) => n.userId))).toEqual(new Set([winner.userId, fan.userId]));
		expect(await refused(pilotPage(ctx(anon), 'nope'))).toBe('cocreation_pilot_not_found');
	});
});

describe('moderation', () => {
	it('flags listed words for a moderator without hiding anything', async () => {
		const id = await openCall();
		const ideaId = await submitIdea(ctx(await person('Angry')), id, idea({ title: 'Keep the parasites out', description: 'A bad idea.' }));
		expect((await ideaPage(ctx(anon), id, ideaId)).idea.title).toBe('Keep the parasites out');
		const q = await moderationQueue(ctx(officer));
		expect(q.find((i) => i.id === ideaId)?.flaggedTerms).toEqual(['parasites']);
	});

	it('takes reports once per person, hides with a reason the author is told, and restores', async () => {
		const id = await openCall();
		const author = await person('Writer');
		const ideaId = await submitIdea(ctx(author), id, idea({ title: 'Call me at +39 333 1234567' }));
		const reporter = await person('Reporter');
		await report(ctx(reporter), { subjectType: 'idea', subjectId: ideaId, reason: 'personal_data', note: 'Phone number' });
		expect(await refused(report(ctx(reporter), { subjectType: 'idea', subjectId: ideaId, reason: 'spam', note: '' }))).toBe('moderation_already_reported');
		expect(await refused(report(ctx(reporter), { subjectType: 'comment', subjectId: ideaId, reason: 'spam', note: '' }))).toBe('moderation_item_not_found');
		expect(await refused(moderate(ctx(reporter), { subjectType: 'idea', subjectId: ideaId, action: 'hide', reason: 'x' }))).toBe('policy:denied');
		expect((await moderationQueue(ctx(officer))).find((i) => i.id === ideaId)?.reports).toHaveLength(1);
		await moderate(ctx(moderatorOnly), { subjectType: 'idea', subjectId: ideaId, action: 'hide', reason: 'It shows a phone number; send it again without it.' });
		expect(await refused(moderate(ctx(officer), { subjectType: 'idea', subjectId: ideaId, action: 'hide', reason: 'twice' }))).toBe('moderation_already_hidden');
		// Gone for the public, not for its author, who sees why.
		expect(await refused(ideaPage(ctx(anon), id, ideaId))).toBe('cocreation_idea_not_found');
		expect((await callPage(ctx(anon), id, { sort: 'recent', page: 1 })).ideas.items.some((i) => i.id === ideaId)).toBe(false);
		expect((await ideaPage(ctx(author), id, ideaId)).idea.hiddenReason).toBe('It shows a phone number; send it again without it.');
		expect(await refused(supportIdea(ctx(reporter), id, ideaId))).toBe('cocreation_idea_not_found');
		const [told] = await main.db.select().from(notifications).where(and(eq(notifications.userId, author.userId), eq(notifications.kind, 'content_hidden')));
		expect(told.body).toContain('It shows a phone number');
		// The report is resolved: the queue no longer lists it.
		expect((await moderationQueue(ctx(officer))).some((i) => i.id === ideaId)).toBe(false);
		expect((await moderationQueue(ctx(officer), { hidden: true })).some((i) => i.id === ideaId)).toBe(true);
		await moderate(ctx(officer), { subjectType: 'idea', subjectId: ideaId, action: 'restore', reason: 'Number removed by the author.' });
		expect((await ideaPage(ctx(anon), id, ideaId)).idea.title).toContain('Call me');
		const audited = await main.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.resourceId, ideaId));
		expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['moderation.hide', 'moderation.restore']));
	});

	it('keeps a hidden comment’s place in its thread without its text', async () => {
		const id = await openCall();
		const ideaId = await submitIdea(ctx(await person('I')), id, idea());
		const rude = await person('Rude');
		const c = await addComment(ctx(rude), id, ideaId, { body: 'Go back where you came from', parentId: null });
		await moderate(ctx(officer), { subjectType: 'comment', subjectId: c, action: 'hide', reason: 'Hate speech is not allowed here.' });
		const page = await ideaPage(ctx(anon), id, ideaId);
		expect(page.threads[0].comment).toMatchObject({ body: null, hiddenReason: 'Hate speech is not allowed here.' });
		expect((await ideaPage(ctx(rude), id, ideaId)).threads[0].comment.body).toBe('Go back where you came from');
	});
});

describe('the staff view of a call', () => {
	it('lists every idea with its author known and is audited', async () => {
		const id = await openCall();
		await submitIdea(ctx(await person('Anon')), id, idea({ anonymous: 'on' }));
		const a = await callAdmin(ctx(officer), id);
		expect(a.ideas).toHaveLength(1);
		expect(await refused(callAdmin(ctx(await person('Nosy')), id))).toBe('policy:denied');
		const supports = await main.db.select().from(ideaSupports);
		expect(Array.isArray(supports)).toBe(true);
	});
});
