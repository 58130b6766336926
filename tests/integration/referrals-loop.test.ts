/**
 * Closed-loop referrals over real HTTP and without JavaScript: a case worker
 * refers a person from the folder to another organisation's service with the
 * minimum of information; the receiving organisation sees only what was
 * shared (never the folder), accepts, starts and completes; the sender sees
 * every change and gets an e-mail each time. Replayed and out-of-order
 * changes, forged ids and a third organisation are refused, changing
 * nothing, and audited. Reminders and escalation go once; withdrawing the
 * consent closes the referral and removes the receiver's access at once;
 * statistics suppress small cells; a transfer moves the case and keeps its
 * history.
 */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import {
	auditLog,
	caseTeam,
	caseTransfers,
	caseWorkers,
	consents,
	emailOutbox,
	organisations,
	people,
	referralEvents,
	referrals,
	services
} from '../../src/lib/server/db/schema/index.ts';
import { addWorkingDays } from '../../src/lib/server/referrals/workdays.ts';
import { sendReferralReminders } from '../../src/lib/server/referrals/reminders.ts';
import { runHousekeeping } from '../../src/lib/server/auth/housekeeping.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let orgC: string;
let orgD: string;
let serviceB: string;
let serviceB2: string;
let workerA: TestUser;
let workerB: TestUser;
let coordB: TestUser;
let workerC: TestUser;
let workerD: TestUser;
let personId: string;
let shareB: string;
let first: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const folder = () => `/app/folders/${personId}`;
const FORGED = '00000000-0000-4000-8000-000000000000';
const referralRow = async (id: string) => (await db.select().from(referrals).where(eq(referrals.id, id)))[0];
const eventsOf = (id: string) => db.select().from(referralEvents).where(eq(referralEvents.referralId, id)).orderBy(asc(referralEvents.at));
const mails = (template: string, to?: string) =>
	db
		.select()
		.from(emailOutbox)
		.where(to ? and(eq(emailOutbox.template, template), eq(emailOutbox.toAddress, to)) : eq(emailOutbox.template, template))
		.orderBy(asc(emailOutbox.createdAt));
const denied = (actorId: string) =>
	db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.actorId, actorId), eq(auditLog.outcome, 'denied')));
const counts = async () => ({
	referrals: (await db.select({ n: count() }).from(referrals))[0].n,
	events: (await db.select({ n: count() }).from(referralEvents))[0].n,
	transfers: (await db.select({ n: count() }).from(caseTransfers))[0].n
});

/** Sends a referral through the folder's form; returns its id. */
async function refer(c: Client, form: Record<string, string | string[]> = {}): Promise<string> {
	const page = await c.get(`${folder()}/referrals`);
	expect(page.status).toBe(200);
	const res = await c.post(`${folder()}/referrals?/create`, {
		formId: inputValue(page.html, 'formId')!,
		serviceId: serviceB,
		consentId: shareB,
		message: 'Needs a bed from tonight; speaks Arabic and some French.',
		...form
	});
	expect(res.status, text(res.html).slice(0, 300)).toBe(303);
	return /sent=([0-9a-f-]{36})/.exec(res.location ?? '')![1];
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const orgs = await db
		.insert(organisations)
		.values([
			{ slug: 'rl-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'rl-b', name: 'Rifugio Aurora', type: 'ngo', verification: 'verified' },
			{ slug: 'rl-c', name: 'Terza Associazione', type: 'migrant_association', verification: 'verified' },
			{ slug: 'rl-d', name: 'Centro Delfino', type: 'public_body', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	[orgA, orgB, orgC, orgD] = orgs.map((o) => o.id);
	const svc = await db
		.insert(services)
		.values([
			{ organisationId: orgB, name: { en: 'Night shelter', it: 'Dormitorio' }, needs: ['housing'] },
			{ organisationId: orgB, name: { en: 'Legal desk' }, needs: ['legal'] },
			{ organisationId: orgC, name: { en: 'Third help desk' }, needs: ['legal'] }
		])
		.returning({ id: services.id });
	[serviceB, serviceB2] = svc.map((s) => s.id);
	workerA = await createUser(db, { displayName: 'Anna', email: 'anna@casa.example', totp: true, secondFactor: true });
	workerB = await createUser(db, { displayName: 'Bruno', email: 'bruno@aurora.example', totp: true, secondFactor: true });
	coordB = await createUser(db, { displayName: 'Bea', email: 'bea@aurora.example', totp: true, secondFactor: true });
	workerC = await createUser(db, { displayName: 'Chiara', email: 'chiara@terza.example', totp: true, secondFactor: true });
	workerD = await createUser(db, { displayName: 'Dario', email: 'dario@delfino.example', totp: true, secondFactor: true });
	await addMember(db, orgA, workerA.id, 'case_worker');
	await addMember(db, orgB, workerB.id, 'case_worker');
	await addMember(db, orgB, coordB.id, 'coordinator');
	await addMember(db, orgC, workerC.id, 'case_worker');
	await addMember(db, orgD, workerD.id, 'case_worker');

	// The folder, made the way a case worker makes it; the person agrees to share with B.
	const a = as(workerA);
	const page = await a.get('/app/folders/new');
	const res = await a.post('/app/folders/new?/create', {
		formId: inputValue(page.html, 'formId')!,
		preferredName: 'Amina',
		birthYear: '1994',
		languages: 'ar, fr',
		contact: 'amina.private@example.org',
		method: 'written'
	});
	personId = /\/app\/folders\/([0-9a-f-]{36})/.exec(res.location ?? '')![1];
	expect((await a.post(`${folder()}?/recordConsent`, { purpose: 'share', organisationId: orgB, method: 'oral_interpreter' })).status).toBe(200);
	shareB = (await db.select().from(consents).where(and(eq(consents.personId, personId), eq(consents.organisationId, orgB))))[0].id;
}, 180_000);
afterAll(() => app?.stop());

describe('referring with the minimum', () => {
	it('offers the services of organisations the person agreed to share with, and the consent that covers them', async () => {
		const page = await as(workerA).get(`${folder()}/referrals`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Night shelter · Rifugio Aurora');
		expect(t).toContain('Sharing with Rifugio Aurora');
		// C's service: no consent names C, so it is not offered.
		expect(t).not.toContain('Third help desk');
		expect(t).toContain('Always shared: Preferred name, Languages and your message.');
	});

	it('sends a referral with the minimum, due in 3 working days; the same form twice sends one', async () => {
		const a = as(workerA);
		const page = await a.get(`${folder()}/referrals`);
		const form = { formId: inputValue(page.html, 'formId')!, serviceId: serviceB, consentId: shareB, message: 'Needs a bed from tonight.' };
		const res = await a.post(`${folder()}/referrals?/create`, form);
		expect(res.status).toBe(303);
		first = /sent=([0-9a-f-]{36})/.exec(res.location ?? '')![1];
		const replay = await a.post(`${folder()}/referrals?/create`, form);
		expect(replay.location).toBe(res.location);
		expect((await db.select().from(referrals)).length).toBe(1);

		const row = await referralRow(first);
		expect(row).toMatchObject({ state: 'sent', version: 1, sharedFields: ['preferred_name', 'languages'], toOrganisationId: orgB, fromOrganisationId: orgA, consentId: shareB });
		expect(row.respondBy.toISOString()).toBe(addWorkingDays(row.createdAt, 3, 'Europe/Rome').toISOString());
		expect((await eventsOf(first)).map((e) => [e.fromState, e.toState])).toEqual([[null, 'sent']]);
		// The receiving organisation's people are told, with no personal detail in the mail.
		const received = await mails('referral_received');
		expect(received.map((m) => m.toAddress).sort()).toEqual(['bea@aurora.example', 'bruno@aurora.example']);
		expect(received[0].textBody).not.toContain('Amina');
		expect(received[0].textBody).toContain(`/app/referrals/${first}`);

		const list = text((await a.follow(res)).html);
		expect(list).toContain('The referral was sent.');
		expect(list).toContain('Night shelter (Rifugio Aurora)');
		expect(list).toContain('Shared Preferred name, Languages and the message');
	});

	it('refuses bad input with a clear message and sends nothing', async () => {
		const a = as(workerA);
		const before = await counts();
		const page = await a.get(`${folder()}/referrals`);
		const formId = inputValue(page.html, 'formId')!;
		const empty = await a.post(`${folder()}/referrals?/create`, { formId, serviceId: '', consentId: '', message: ' ' });
		expect(empty.status).toBe(400);
		expect(text(empty.html)).toContain('Choose a service.');
		expect(text(empty.html)).toContain('Choose the consent that covers this referral.');
		expect(text(empty.html)).toContain('Write a message to the service.');
		// An extra field from outside the fixed list.
		const odd = await a.post(`${folder()}/referrals?/create`, { formId, serviceId: serviceB, consentId: shareB, message: 'x', fields: ['nationality'] });
		expect(odd.status).toBe(400);
		expect(text(odd.html)).toContain('Choose only from the fields listed.');
		// A share consent with C does not cover B's service.
		await a.post(`${folder()}?/recordConsent`, { purpose: 'share', organisationId: orgC, method: 'written' });
		const shareC = (await db.select().from(consents).where(and(eq(consents.personId, personId), eq(consents.organisationId, orgC))))[0].id;
		const wrong = await a.post(`${folder()}/referrals?/create`, { formId, serviceId: serviceB, consentId: shareC, message: 'x' });
		expect(wrong.status).toBe(400);
		expect(text(wrong.html)).toContain("This consent does not cover the service's organisation.");
		const forged = await a.post(`${folder()}/referrals?/create`, { formId, serviceId: FORGED, consentId: shareB, message: 'x' });
		expect(forged.status).toBe(400);
		expect(text(forged.html)).toContain('This service cannot receive referrals');
		await a.post(`${folder()}?/withdrawConsent`, { consentId: shareC, reason: 'Only for the test' });
		expect(await counts()).toEqual(before);
	});
});

describe('the receiving organisation', () => {
	it('sees the referral in its inbox with only the shared fields, and never the folder', async () => {
		const b = as(workerB);
		const inbox = await b.get('/app/referrals');
		expect(inbox.status).toBe(200);
		const t = text(inbox.html);
		expect(t).toContain('Amina');
		expect(t).toContain('Night shelter');
		expect(t).toContain('Casa dei Popoli');
		expect(t).toContain('All (1)');

		const page = await b.get(`/app/referrals/${first}`);
		expect(page.status).toBe(200);
		const d = text(page.html);
		expect(d).toContain('Amina');
		expect(d).toContain('ar, fr');
		expect(d).toContain('Needs a bed from tonight.');
		expect(d).toContain('You see only what the person agreed to share');
		// Not shared: year of birth, contact; no way into the folder.
		expect(d).not.toContain('1994');
		expect(page.html).not.toContain('amina.private@example.org');
		expect(page.html).not.toContain(personId);
		expect((await b.get(folder())).status).toBe(403);
		expect((await b.get(`${folder()}/referrals`)).status).toBe(403);
		const viewed = await db.select().from(auditLog).where(and(eq(auditLog.action, 'referral.viewed'), eq(auditLog.actorId, workerB.id)));
		expect(viewed[0]).toMatchObject({ resourceId: personId, outcome: 'done' });
	});

	it('accepts, starts and completes; a replayed change is refused, changes nothing and is audited', async () => {
		const b = as(workerB);
		const accepted = await b.post(`/app/referrals/${first}?/accept`, { version: '1' });
		expect(accepted.status).toBe(200);
		expect(text(accepted.html)).toContain('Done. New state: Accepted.');
		// The same form posted again (a replay): the referral moved on.
		const replay = await b.post(`/app/referrals/${first}?/accept`, { version: '1' });
		expect(replay.status).toBe(409);
		expect(text(replay.html)).toContain('This referral changed since you opened the page. Nothing was changed');
		expect(await referralRow(first)).toMatchObject({ state: 'accepted', version: 2 });
		expect((await denied(workerB.id)).some((r) => r.action === 'referral.changed' && (r.details as { reason?: string }).reason === 'stale')).toBe(true);

		expect((await b.post(`/app/referrals/${first}?/start`, { version: '2' })).status).toBe(200);
		const noOutcome = await b.post(`/app/referrals/${first}?/complete`, { version: '3', text: '  ' });
		expect(noOutcome.status).toBe(400);
		expect(text(noOutcome.html)).toContain('Write the outcome.');
		expect((await referralRow(first)).state).toBe('in_progress');
		const done = await b.post(`/app/referrals/${first}?/complete`, { version: '3', text: 'Housed at the night shelter; a bed for 30 nights.' });
		expect(done.status).toBe(200);
		expect(await referralRow(first)).toMatchObject({ state: 'completed', version: 4 });
		expect((await eventsOf(first)).map((e) => e.toState)).toEqual(['sent', 'accepted', 'in_progress', 'completed']);
		expect(text(done.html)).toContain('State: Completed. There is nothing more to do.');
	});

	it('lets the sender see every change and the outcome, with an e-mail for each', async () => {
		const changed = await mails('referral_changed', 'anna@casa.example');
		expect(changed.map((m) => m.subject)).toEqual([
			'Your referral to Night shelter: Accepted',
			'Your referral to Night shelter: In progress',
			'Your referral to Night shelter: Completed'
		]);
		expect(changed.every((m) => !m.textBody.includes('Housed'))).toBe(true);
		const a = as(workerA);
		const list = text((await a.get(`${folder()}/referrals`)).html);
		expect(list).toContain('Completed');
		expect(list).toContain('Outcome: “Housed at the night shelter; a bed for 30 nights.”'.replace(/[“”]/g, ''));
		expect(list).toMatch(/Accepted · by Bruno \(Rifugio Aurora\)/);
		const detail = await a.get(`/app/referrals/${first}`);
		expect(detail.status).toBe(200);
		expect(detail.html).toContain(`href="/app/folders/${personId}/referrals"`);
	});
});

describe('changes out of order and by the wrong side', () => {
	it('refuses completing a declined referral, and a decline without a reason', async () => {
		const id = await refer(as(workerA));
		const b = as(workerB);
		const noReason = await b.post(`/app/referrals/${id}?/decline`, { version: '1', declineReason: '' });
		expect(noReason.status).toBe(400);
		expect(text(noReason.html)).toContain('Choose why you decline.');
		const other = await b.post(`/app/referrals/${id}?/decline`, { version: '1', declineReason: 'other', text: '' });
		expect(other.status).toBe(400);
		expect(text(other.html)).toContain('Say in a few words why you decline.');
		expect((await referralRow(id)).state).toBe('sent');

		expect((await b.post(`/app/referrals/${id}?/decline`, { version: '1', declineReason: 'no_capacity', text: 'Full until March' })).status).toBe(200);
		const before = await counts();
		const late = await b.post(`/app/referrals/${id}?/complete`, { version: '2', text: 'Housed' });
		expect(late.status).toBe(409);
		expect(text(late.html)).toContain('This change is not possible in the referral');
		expect(await referralRow(id)).toMatchObject({ state: 'declined', version: 2 });
		expect(await counts()).toEqual(before);
		expect((await denied(workerB.id)).some((r) => (r.details as { reason?: string; to?: string }).reason === 'transition' && (r.details as { to?: string }).to === 'completed')).toBe(true);

		const sender = text((await as(workerA).get(`${folder()}/referrals`)).html);
		expect(sender).toContain('Reason: No places or capacity at the moment · Full until March');
	});

	it('lets only the receiver respond; either side may close, with a reason', async () => {
		const id = await refer(as(workerA));
		const a = as(workerA);
		const before = await counts();
		const accept = await a.post(`/app/referrals/${id}?/accept`, { version: '1' });
		expect(accept.status).toBe(403);
		expect(text(accept.html)).toContain('This change is not yours to make. Nothing was changed.');
		expect(await counts()).toEqual(before);
		expect((await denied(workerA.id)).some((r) => r.action === 'referral.respond')).toBe(true);
		const noReason = await a.post(`/app/referrals/${id}?/close`, { version: '1', text: '' });
		expect(noReason.status).toBe(400);
		expect(text(noReason.html)).toContain('Write why the referral is closed.');
		const closed = await a.post(`/app/referrals/${id}?/close`, { version: '1', text: 'The person found a place with family.' });
		expect(closed.status).toBe(200);
		expect(await referralRow(id)).toMatchObject({ state: 'closed' });
		// The receiver hears that the sending side closed it.
		expect((await mails('referral_closed', 'bruno@aurora.example')).length).toBe(1);
	});
});

describe('forged ids and a third organisation', () => {
	it('answers 403 to forged referral ids, for every side, and changes nothing', async () => {
		const before = await counts();
		for (const u of [workerA, workerB, workerC]) {
			const c = as(u);
			for (const id of [FORGED, 'not-a-uuid', "1'%20or%201=1--"]) {
				expect((await c.get(`/app/referrals/${id}`)).status, `${id}`).toBe(403);
				expect((await c.post(`/app/referrals/${id}?/accept`, { version: '1' })).status).toBe(403);
			}
		}
		expect(await counts()).toEqual(before);
		expect((await denied(workerB.id)).some((r) => (r.details as { reason?: string }).reason === 'not_found')).toBe(true);
	});

	it('gives a worker of a third organisation 403 on every URL of the folder and its referrals', async () => {
		const c = as(workerC);
		const before = await counts();
		for (const path of [folder(), `${folder()}/referrals`, `${folder()}/transfer`, `/app/referrals/${first}`]) {
			const page = await c.get(path);
			expect(page.status, path).toBe(403);
			expect(text(page.html)).not.toContain('Amina');
		}
		for (const a of ['accept', 'decline', 'start', 'complete', 'close']) {
			expect((await c.post(`/app/referrals/${first}?/${a}`, { version: '4', declineReason: 'other', text: 'x' })).status, a).toBe(403);
		}
		expect((await c.post(`${folder()}/referrals?/create`, { formId: crypto.randomUUID(), serviceId: serviceB, consentId: shareB, message: 'x' })).status).toBe(403);
		expect((await c.post(`${folder()}/transfer?/transfer`, { consentId: shareB, leadUserId: workerC.id, reason: 'x' })).status).toBe(403);
		// C's own inbox is empty; B's inbox and B's statistics are not C's to open.
		const own = await c.get('/app/referrals');
		expect(own.status).toBe(200);
		expect(text(own.html)).not.toContain('Amina');
		expect((await c.get(`/app/referrals?organisation=${orgB}`)).status).toBe(403);
		expect((await c.get(`/app/referrals/stats?organisation=${orgB}`)).status).toBe(403);
		expect(await counts()).toEqual(before);
		expect((await denied(workerC.id)).length).toBeGreaterThanOrEqual(8);
	});
});

describe('response-time targets', () => {
	it('reminds the receiver and escalates to the lead worker once each, from the hourly housekeeping', async () => {
		const id = await refer(as(workerA));
		const due = (await referralRow(id)).respondBy;
		// Before the due time: nothing.
		expect(await sendReferralReminders(db, new Date(due.getTime() - 60_000))).toEqual({ referrals: 0, reminders: 0, escalations: 0 });
		await db.update(referrals).set({ respondBy: new Date(Date.now() - 3600_000) }).where(eq(referrals.id, id));
		await runHousekeeping(db);
		expect((await mails('referral_reminder')).map((m) => m.toAddress).sort()).toEqual(['bea@aurora.example', 'bruno@aurora.example']);
		const escalation = await mails('referral_escalation');
		expect(escalation.map((m) => m.toAddress)).toEqual(['anna@casa.example']);
		expect(escalation[0].subject).toBe('No answer yet to a referral: Night shelter');
		expect(escalation[0].textBody).not.toContain('Amina');
		// Once each: the next runs send nothing more.
		await runHousekeeping(db);
		expect(await sendReferralReminders(db, new Date(Date.now() + 30 * 86400_000))).toEqual({ referrals: 0, reminders: 0, escalations: 0 });
		expect((await mails('referral_reminder')).length).toBe(2);
		expect((await mails('referral_escalation')).length).toBe(1);
		// The inbox marks it overdue.
		expect(text((await as(workerB).get('/app/referrals?state=overdue')).html)).toContain('Answer overdue');
		// Answered after all: it leaves the overdue list.
		expect((await as(workerB).post(`/app/referrals/${id}?/accept`, { version: '1' })).status).toBe(200);
	});
});

describe('withdrawing the consent', () => {
	it('closes the open referrals it covered and removes the receiver’s access at once', async () => {
		const open = (await db.select().from(referrals).where(inArray(referrals.state, ['sent', 'accepted', 'in_progress']))).map((r) => r.id);
		expect(open.length).toBeGreaterThanOrEqual(1);
		const b = as(workerB);
		expect((await b.get(`/app/referrals/${open[0]}`)).status).toBe(200);
		const res = await as(workerA).post(`${folder()}?/withdrawConsent`, { consentId: shareB, reason: 'The person asked to stop sharing' });
		expect(res.status).toBe(200);
		for (const id of open) {
			expect((await referralRow(id)).state).toBe('closed');
			expect((await eventsOf(id)).at(-1)).toMatchObject({ toState: 'closed', reason: 'consent_withdrawn' });
		}
		// The tab the receiver still has open: nothing at its next request, for the closed and the finished ones alike.
		for (const id of [open[0], first]) {
			const page = await b.get(`/app/referrals/${id}`);
			expect(page.status).toBe(403);
			expect(text(page.html)).not.toContain('Amina');
		}
		expect((await b.post(`/app/referrals/${open[0]}?/close`, { version: '9', text: 'x' })).status).toBe(403);
		const inbox = text((await b.get('/app/referrals')).html);
		expect(inbox).not.toContain('Amina');
		expect(inbox).toContain('Name not shared');
		expect((await mails('referral_closed')).some((m) => m.textBody.includes('withdrew the consent'))).toBe(true);
		// The sender still sees why, without the withdrawal's own words.
		const sender = text((await as(workerA).get(`${folder()}/referrals`)).html);
		expect(sender).toContain('Closed because the person withdrew the consent to share.');
		expect(sender).not.toContain('The person asked to stop sharing');
	});
});

describe('the inbox, page by page', () => {
	it('pages newest first across states, filters by state, and counts each state', async () => {
		// Another person, who agreed to share with B, with 40 referrals in every state.
		const [p] = await db.insert(people).values({ preferredName: 'Yonas', languages: ['ti'] }).returning({ id: people.id });
		const [share] = await db.insert(consents).values({ personId: p.id, purpose: 'share', organisationId: orgB, method: 'written' }).returning({ id: consents.id });
		const states = ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'closed'] as const;
		const made = await db
			.insert(referrals)
			.values(
				Array.from({ length: 40 }, (_, i) => ({
					personId: p.id,
					fromOrganisationId: orgA,
					serviceId: serviceB,
					serviceName: 'Night shelter',
					toOrganisationId: orgB,
					consentId: share.id,
					state: states[i % 6],
					respondBy: new Date(Date.now() + 86400_000),
					createdAt: new Date(Date.now() + (i + 1) * 60_000)
				}))
			)
			.returning({ id: referrals.id, state: referrals.state, createdAt: referrals.createdAt });
		const newestFirst = [...made].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime()).map((r) => r.id);
		const all = await db.select({ state: referrals.state }).from(referrals).where(eq(referrals.toOrganisationId, orgB));
		const linksOf = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/app\/referrals\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

		const b = as(workerB);
		const one = await b.get('/app/referrals');
		expect(linksOf(one.html)).toEqual(newestFirst.slice(0, 25));
		const t = text(one.html);
		expect(t).toContain(`All (${all.length})`);
		expect(t).toContain(`Accepted (${all.filter((r) => r.state === 'accepted').length})`);
		expect(t).toContain(`Referrals 1 to 25 of ${all.length}, newest first`);
		const two = await b.get('/app/referrals?page=2');
		expect(linksOf(two.html).slice(0, 15)).toEqual(newestFirst.slice(25, 40));
		const accepted = await b.get('/app/referrals?state=accepted');
		const acceptedIds = made.filter((r) => r.state === 'accepted').map((r) => r.id);
		expect(linksOf(accepted.html).filter((id) => acceptedIds.includes(id))).toEqual(newestFirst.filter((id) => acceptedIds.includes(id)));
		expect(linksOf(accepted.html)).toHaveLength(all.filter((r) => r.state === 'accepted').length);
		// A page past the end shows the last one; a state that does not exist is ignored.
		expect(linksOf((await b.get('/app/referrals?page=999')).html)).toEqual(linksOf(two.html));
		expect((await b.get('/app/referrals?state=lost&page=-3')).status).toBe(200);
		await db.delete(referrals).where(eq(referrals.personId, p.id));
	});
});

describe('statistics', () => {
	it('shows per-service figures to the receiving organisation’s coordinator, with cells under 5 suppressed', async () => {
		// Six more referrals to the legal desk, five accepted after 1–5 days and completed, one declined.
		const base = new Date('2025-01-06T09:00:00Z');
		for (let i = 0; i < 6; i++) {
			const createdAt = new Date(base.getTime() + i * 86400_000);
			const [r] = await db
				.insert(referrals)
				.values({ personId, fromOrganisationId: orgA, fromUserId: workerA.id, serviceId: serviceB2, serviceName: 'Legal desk', toOrganisationId: orgB, consentId: shareB, state: i < 5 ? 'completed' : 'declined', respondBy: createdAt, createdAt })
				.returning({ id: referrals.id });
			const at = (days: number) => new Date(createdAt.getTime() + days * 86400_000);
			await db.insert(referralEvents).values(
				i < 5
					? [
							{ referralId: r.id, fromState: null, toState: 'sent', at: createdAt },
							{ referralId: r.id, fromState: 'sent', toState: 'accepted', at: at(i + 1) },
							{ referralId: r.id, fromState: 'accepted', toState: 'in_progress', at: at(i + 1.5) },
							{ referralId: r.id, fromState: 'in_progress', toState: 'completed', at: at(i + 2) }
						]
					: [
							{ referralId: r.id, fromState: null, toState: 'sent', at: createdAt },
							{ referralId: r.id, fromState: 'sent', toState: 'declined', reason: 'no_capacity', at: at(1) }
						]
			);
		}
		expect((await as(workerB).get('/app/referrals/stats')).status).toBe(403);
		const page = await as(coordB).get('/app/referrals/stats');
		expect(page.status).toBe(200);
		const t = text(page.html);
		// Legal desk: 6 referrals, 5 accepted after a median of 3 days, 5 of 6 ended completed (83%); 1 declined is suppressed.
		expect(t).toMatch(/Legal desk 6 5 3 days 6 5 83% fewer than 5/);
		// Night shelter: fewer than 5 referrals, so nothing about it shows.
		expect(t).toMatch(/Night shelter fewer than 5 fewer than 5 not shown fewer than 5 fewer than 5 not shown fewer than 5/);
		// All services: 10 − 6 would give the night shelter's 4 away, so those sums are not shown either.
		expect(t).toMatch(/All services not shown not shown not shown not shown not shown not shown fewer than 5/);
		// Reasons: 2 declines for "no capacity" in all, each cell under 5.
		expect(t).toContain('Legal desk No places or capacity at the moment fewer than 5');
		expect(t).not.toContain('Amina');
	});
});

describe('transferring the case', () => {
	it('moves the case to another organisation with consent, and keeps the history', async () => {
		const a = as(workerA);
		expect((await a.post(`${folder()}?/recordConsent`, { purpose: 'share', organisationId: orgD, method: 'written' })).status).toBe(200);
		const shareD = (await db.select().from(consents).where(and(eq(consents.personId, personId), eq(consents.organisationId, orgD))))[0].id;
		const page = await a.get(`${folder()}/transfer`);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Dario (Centro Delfino)');
		expect((await as(workerB).get(`${folder()}/transfer`)).status).toBe(403);

		const before = await counts();
		const noReason = await a.post(`${folder()}/transfer?/transfer`, { consentId: shareD, leadUserId: workerD.id, reason: '' });
		expect(noReason.status).toBe(400);
		expect(text(noReason.html)).toContain('Write why the case moves.');
		const wrongWorker = await a.post(`${folder()}/transfer?/transfer`, { consentId: shareD, leadUserId: workerC.id, reason: 'Moving' });
		expect(wrongWorker.status).toBe(400);
		expect(text(wrongWorker.html)).toContain('Choose a worker of the organisation the case moves to.');
		const withdrawn = await a.post(`${folder()}/transfer?/transfer`, { consentId: shareB, leadUserId: workerB.id, reason: 'Moving' });
		expect(withdrawn.status).toBe(400);
		expect(await counts()).toEqual(before);

		const res = await a.post(`${folder()}/transfer?/transfer`, { consentId: shareD, leadUserId: workerD.id, reason: 'The person moved to the Delfino district.' });
		expect(res.status).toBe(303);
		expect(res.location).toBe('/app/folders?transferred=1');
		expect(text((await a.follow(res)).html)).toContain('The case was transferred.');

		expect(await db.select().from(caseTransfers).where(eq(caseTransfers.personId, personId))).toMatchObject([
			{ fromOrganisationId: orgA, toOrganisationId: orgD, consentId: shareD, transferredBy: workerA.id, reason: 'The person moved to the Delfino district.' }
		]);
		const team = await db.select().from(caseTeam).where(eq(caseTeam.personId, personId));
		expect(team.find((t) => t.organisationId === orgD)?.removedAt).toBeNull();
		expect(team.find((t) => t.organisationId === orgA)?.removedAt).toBeInstanceOf(Date);
		const leads = await db.select().from(caseWorkers).where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.lead, true)));
		expect(leads.map((l) => l.userId)).toEqual([workerD.id]);
		expect((await mails('case_transferred', 'dario@delfino.example')).length).toBe(1);

		// The old organisation no longer opens it; the new one does, with the whole history.
		expect((await a.get(folder())).status).toBe(403);
		const d = as(workerD);
		expect((await d.get(folder())).status).toBe(200);
		const history = text((await d.get(`${folder()}/referrals`)).html);
		expect(history).toContain('Night shelter (Rifugio Aurora)');
		expect(history).toContain('Housed at the night shelter');
		const transfers = text((await d.get(`${folder()}/transfer`)).html);
		expect(transfers).toContain('from Casa dei Popoli to Centro Delfino, by Anna');
		expect(await db.select({ n: count() }).from(referrals).where(eq(referrals.personId, personId))).toEqual([{ n: before.referrals }]);
	});
});
