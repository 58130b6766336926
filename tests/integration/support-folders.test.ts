/**
 * Support folders over real HTTP and without JavaScript: a case worker opens
 * a folder with the person's consent, shares it with a second organisation
 * by a `share` consent, and withdraws it again; the second organisation's
 * access ends at its next request; a third organisation finds nothing at any
 * folder address; replayed and forged forms change nothing; every open and
 * every write is in the audit log.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { auditLog, caseTeam, caseWorkers, consents, organisations, people } from '../../src/lib/server/db/schema/index.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let orgC: string;
let workerA: TestUser;
let workerB: TestUser;
let workerC: TestUser;
let personId: string;
let shareId: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const url = () => `/app/folders/${personId}`;
const audits = (action: string, outcome: 'done' | 'denied' = 'done') =>
	db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, personId), eq(auditLog.outcome, outcome)));
const rowCount = async () => ({
	people: (await db.select({ n: count() }).from(people))[0].n,
	consents: (await db.select({ n: count() }).from(consents))[0].n,
	team: (await db.select({ n: count() }).from(caseTeam))[0].n,
	workers: (await db.select({ n: count() }).from(caseWorkers))[0].n
});
const activeConsents = () => db.select().from(consents).where(eq(consents.personId, personId));

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const orgs = await db
		.insert(organisations)
		.values([
			{ slug: 'sf-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'sf-b', name: 'Sportello Diritti', type: 'ngo', verification: 'verified' },
			{ slug: 'sf-c', name: 'Terza Associazione', type: 'migrant_association', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	[orgA, orgB, orgC] = orgs.map((o) => o.id);
	workerA = await createUser(db, { displayName: 'Anna', totp: true, secondFactor: true });
	workerB = await createUser(db, { displayName: 'Bilal', totp: true, secondFactor: true });
	workerC = await createUser(db, { displayName: 'Chiara', totp: true, secondFactor: true });
	await addMember(db, orgA, workerA.id, 'case_worker');
	await addMember(db, orgB, workerB.id, 'case_worker');
	await addMember(db, orgC, workerC.id, 'case_worker');
});
afterAll(() => app?.stop());

describe('the way in', () => {
	it('shows case workers a link to the support folders on their dashboard, and plain members none', async () => {
		const dash = await as(workerA).get('/app');
		expect(dash.status).toBe(200);
		expect(dash.html).toContain('href="/app/folders"');
		const plain = await createUser(db, { displayName: 'Paolo' });
		await addMember(db, orgA, plain.id, 'member');
		const theirs = await as(plain).get('/app');
		expect(theirs.status).toBe(200);
		expect(theirs.html).not.toContain('href="/app/folders"');
	});
});

describe('a folder, its consents and its team', () => {
	it('creates a folder with the coordination consent, the team and the lead worker; the same form twice makes one', async () => {
		const c = as(workerA);
		const page = await c.get('/app/folders/new');
		expect(page.status).toBe(200);
		// One organisation: nothing to choose.
		expect(page.html).not.toContain('name="organisationId"');
		const form = { formId: inputValue(page.html, 'formId')!, preferredName: 'Amina', birthYear: '1994', languages: 'ar, fr', method: 'written' };
		const res = await c.post('/app/folders/new?/create', form);
		expect(res.status).toBe(303);
		personId = /\/app\/folders\/([0-9a-f-]{36})\?created=1$/.exec(res.location ?? '')![1];
		const replay = await c.post('/app/folders/new?/create', form);
		expect(replay.location).toBe(res.location);
		expect(await db.select({ n: count() }).from(people)).toEqual([{ n: 1 }]);

		const folder = text((await c.follow(res)).html);
		expect(folder).toContain('The folder was created.');
		expect(folder).toContain('Amina');
		expect(folder).toContain('Coordinating my support');
		expect(folder).toMatch(/Anna \(Casa dei Popoli\) · lead worker/);
		expect(await activeConsents()).toMatchObject([{ purpose: 'coordination', method: 'written', recordedByOrganisationId: orgA, withdrawnAt: null }]);
		expect(await audits('support.folder.created')).toHaveLength(1);
	});

	it('refuses bad input with a translated message and creates nothing', async () => {
		const before = await rowCount();
		const c = as(workerA, 'it');
		const page = await c.get('/app/folders/new');
		const res = await c.post('/app/folders/new?/create', { formId: inputValue(page.html, 'formId')!, preferredName: ' ', birthYear: '3000', languages: 'klingon', method: 'telepathy' });
		expect(res.status).toBe(400);
		const t = text(res.html);
		expect(t).toContain("Scrivi un anno tra il 1900 e quest'anno");
		expect(t).toContain('Usa codici di lingua come ar, fr, ti');
		expect(t).toContain('Scegli come la persona ha dato il consenso.');
		expect(await rowCount()).toEqual(before);
		// A worker of an organisation cannot open a folder for another one.
		const forged = await c.post('/app/folders/new?/create', { formId: crypto.randomUUID(), organisationId: orgB, preferredName: 'X', method: 'written' });
		expect(forged.status).toBe(403);
		expect(await rowCount()).toEqual(before);
	});

	it('keeps the folder from the second organisation until it is on the team and named by a share consent', async () => {
		expect((await as(workerB).get(url())).status).toBe(403);
		const a = as(workerA);
		// Not named by a consent yet: the team refuses it.
		const early = await a.post(`${url()}?/addTeam`, { organisationId: orgB });
		expect(early.status).toBe(400);
		expect(text(early.html)).toContain('Add only an organisation the person agreed to share with.');

		const res = await a.post(`${url()}?/recordConsent`, { purpose: 'share', organisationId: orgB, method: 'oral_interpreter' });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('Saved.');
		shareId = (await activeConsents()).find((c) => c.purpose === 'share')!.id;
		// Named, but not on the team: still nothing.
		expect((await as(workerB).get(url())).status).toBe(403);

		// The same consent posted again is refused; nothing new is stored.
		const again = await a.post(`${url()}?/recordConsent`, { purpose: 'share', organisationId: orgB, method: 'written' });
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('This consent is already active.');
		expect(await activeConsents()).toHaveLength(2);

		expect((await a.post(`${url()}?/addTeam`, { organisationId: orgB })).status).toBe(200);
		expect((await a.post(`${url()}?/addTeam`, { organisationId: orgB })).status).toBe(409);

		const b = as(workerB);
		const page = await b.get(url());
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Amina');
		expect(text(page.html)).toContain('Sharing with Sportello Diritti');
		expect(text((await b.get('/app/folders')).html)).toContain('Amina');
		// B's case worker is not the lead: the team is not theirs to change.
		const self = await b.post(`${url()}?/addWorker`, { userId: workerB.id });
		expect(self.status).toBe(403);
		expect(await db.select().from(caseWorkers).where(eq(caseWorkers.personId, personId))).toHaveLength(1);
		// The lead worker adds B's worker to the folder; A's lead stays.
		expect((await a.post(`${url()}?/addWorker`, { userId: workerB.id })).status).toBe(200);
		expect(await db.select().from(caseWorkers).where(eq(caseWorkers.personId, personId))).toHaveLength(2);
	});

	it('moves the lead worker, one lead at a time', async () => {
		const a = as(workerA);
		expect((await a.post(`${url()}?/setLead`, { userId: workerB.id })).status).toBe(200);
		const leads = await db.select().from(caseWorkers).where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.lead, true)));
		expect(leads.map((l) => l.userId)).toEqual([workerB.id]);
		// A is a case worker without the lead now: the team is no longer A's to change.
		expect((await a.post(`${url()}?/setLead`, { userId: workerA.id })).status).toBe(403);
		const b = as(workerB);
		expect((await b.post(`${url()}?/setLead`, { userId: workerB.id })).status).toBe(409);
		expect((await b.post(`${url()}?/setLead`, { userId: workerC.id })).status).toBe(400);
		expect((await b.post(`${url()}?/setLead`, { userId: workerA.id })).status).toBe(200);
	});

	it('ends the second organisation’s access at its next request when the share consent is withdrawn', async () => {
		const a = as(workerA);
		const b = as(workerB);
		expect((await b.get(url())).status).toBe(200);
		const noReason = await a.post(`${url()}?/withdrawConsent`, { consentId: shareId, reason: '' });
		expect(noReason.status).toBe(400);
		expect((await activeConsents()).find((c) => c.id === shareId)!.withdrawnAt).toBeNull();

		const res = await a.post(`${url()}?/withdrawConsent`, { consentId: shareId, reason: 'The person asked to stop sharing' });
		expect(res.status).toBe(200);
		const withdrawn = (await activeConsents()).find((c) => c.id === shareId)!;
		expect(withdrawn).toMatchObject({ withdrawnBy: workerA.id, withdrawalReason: 'The person asked to stop sharing' });
		expect(text(res.html)).toContain('no consent covers this organisation');

		// The tab B still has open: the next request shows nothing of the folder.
		const after = await b.get(url());
		expect(after.status).toBe(403);
		expect(text(after.html)).not.toContain('Amina');
		expect(text((await b.get('/app/folders')).html)).not.toContain('Amina');
		const before = await rowCount();
		const late = await b.post(`${url()}?/recordConsent`, { purpose: 'share', organisationId: orgB, method: 'written' });
		expect(late.status).toBe(403);
		expect(await rowCount()).toEqual(before);

		// Withdrawing it again (a replayed form) changes nothing.
		const replay = await a.post(`${url()}?/withdrawConsent`, { consentId: shareId, reason: 'again' });
		expect(replay.status).toBe(409);
		expect((await activeConsents()).find((c) => c.id === shareId)!.withdrawalReason).toBe('The person asked to stop sharing');
	});

	it('shows a third organisation nothing at any folder address, forged or real', async () => {
		const c = as(workerC);
		const before = await rowCount();
		for (const path of [url(), '/app/folders/00000000-0000-4000-8000-000000000000', "/app/folders/1'%20or%201=1--"]) {
			const page = await c.get(path);
			expect(page.status, path).toBe(403);
			expect(text(page.html)).not.toContain('Amina');
		}
		for (const action of ['recordConsent', 'withdrawConsent', 'addTeam', 'addWorker', 'setLead']) {
			const res = await c.post(`${url()}?/${action}`, { purpose: 'share', organisationId: orgC, method: 'written', consentId: shareId, reason: 'x', userId: workerC.id });
			expect(res.status, action).toBe(403);
		}
		expect(text((await c.get('/app/folders')).html)).not.toContain('Amina');
		expect(await rowCount()).toEqual(before);
		expect((await audits('folder.view', 'denied')).some((r) => r.actorId === workerC.id)).toBe(true);
	});

	it('refuses forged ids inside the forms and changes nothing', async () => {
		const a = as(workerA);
		const before = await rowCount();
		const otherConsent = await a.post(`${url()}?/withdrawConsent`, { consentId: '00000000-0000-4000-8000-000000000000', reason: 'forged' });
		expect(otherConsent.status).toBe(404);
		expect(text(otherConsent.html)).toContain('We cannot find this consent.');
		expect((await a.post(`${url()}?/recordConsent`, { purpose: 'share', organisationId: '00000000-0000-4000-8000-000000000000', method: 'written' })).status).toBe(400);
		expect((await a.post(`${url()}?/recordConsent`, { purpose: 'coordination', organisationId: orgC, method: 'written' })).status).toBe(400);
		expect((await a.post(`${url()}?/addWorker`, { userId: workerC.id })).status).toBe(400);
		expect((await a.post(`${url()}?/addTeam`, { organisationId: orgC })).status).toBe(400);
		// A cross-site post is stopped before it reaches the folder.
		expect((await a.post(`${url()}?/addTeam`, { organisationId: orgB }, { origin: 'https://evil.example' })).status).toBe(403);
		expect(await rowCount()).toEqual(before);
	});

	it('leaves an audit entry, with the person, for every open and every write', async () => {
		expect((await audits('support.folder.opened')).length).toBeGreaterThanOrEqual(5);
		const opened = await audits('support.folder.opened');
		expect(new Set(opened.map((r) => r.actorId))).toEqual(new Set([workerA.id, workerB.id]));
		for (const action of ['support.folder.created', 'support.consent.recorded', 'support.team.added', 'support.worker.added', 'support.lead.changed', 'support.consent.withdrawn']) {
			expect((await audits(action)).length, action).toBeGreaterThanOrEqual(1);
		}
		expect((await audits('folder.view', 'denied')).some((r) => r.actorId === workerB.id)).toBe(true);
	});
});
