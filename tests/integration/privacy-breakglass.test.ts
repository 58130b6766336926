/**
 * Break the glass, over real HTTP and without JavaScript: a case worker of
 * another organisation is refused a folder, is offered emergency access,
 * gives a reason and a duration, and gets in for that time only; the lead
 * worker and every administrator get an e-mail (in the outbox) with the
 * reason but not the person's name; every folder page shows a banner while
 * access is by break-glass; ending it or letting it expire closes the folder
 * again; refusals (bad input, forged ids, people who may not) change nothing
 * and are audited.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { auditLog, breakGlass, emailOutbox, organisations, users } from '../../src/lib/server/db/schema/index.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgC: string;
let lead: TestUser;
let outsider: TestUser;
let member: TestUser;
let admin: TestUser;
let personId: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const folder = () => `/app/folders/${personId}`;
const grants = () => db.select().from(breakGlass).where(eq(breakGlass.personId, personId));
const audits = (action: string, outcome: 'done' | 'denied' = 'done') =>
	db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, personId), eq(auditLog.outcome, outcome)));
const mails = () => db.select().from(emailOutbox).where(eq(emailOutbox.template, 'break_glass'));
const form = (extra: Record<string, string> = {}) => ({ person: personId, reason: 'Amina is in hospital and her worker is on leave', hours: '2', ...extra });

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	[{ id: orgA }, { id: orgC }] = await db
		.insert(organisations)
		.values([
			{ slug: 'bg-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'bg-c', name: 'Pronto Soccorso Sociale', type: 'public_body', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	lead = await createUser(db, { displayName: 'Anna', email: 'anna@bg.example', totp: true, secondFactor: true });
	outsider = await createUser(db, { displayName: 'Carlo', totp: true, secondFactor: true });
	member = await createUser(db, { displayName: 'Mario' });
	admin = await createUser(db, { displayName: 'Ada', email: 'ada@bg.example', platformRole: 'admin', totp: true, secondFactor: true });
	await db.update(users).set({ locale: 'it' }).where(eq(users.id, admin.id));
	await addMember(db, orgA, lead.id, 'case_worker');
	await addMember(db, orgC, outsider.id, 'case_worker');
	await addMember(db, orgC, member.id, 'member');
	const c = as(lead);
	const page = await c.get('/app/folders/new');
	const res = await c.post('/app/folders/new?/create', { formId: inputValue(page.html, 'formId')!, preferredName: 'Amina', birthYear: '1994', languages: 'ar', method: 'written' });
	personId = /\/app\/folders\/([0-9a-f-]{36})/.exec(res.location ?? '')![1];
});
afterAll(() => app?.stop());

describe('the way to emergency access', () => {
	it('refuses a worker of another organisation the folder and offers break-glass; a plain member is not offered it', async () => {
		const page = await as(outsider).get(folder());
		expect(page.status).toBe(403);
		expect(text(page.html)).not.toContain('Amina');
		expect(text(page.html)).toContain('In an emergency');
		expect(page.html).toContain(`href="/app/folders/break-glass?person=${personId}"`);

		const theirs = await as(member).get(folder());
		expect(theirs.status).toBe(403);
		expect(text(theirs.html)).not.toContain('In an emergency');
		expect((await as(member).get('/app/folders/break-glass')).status).toBe(403);
	});

	it('shows the form with the folder filled in, and sends the anonymous to sign in', async () => {
		const page = await as(outsider).get(`/app/folders/break-glass?person=${personId}`);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Emergency access to a folder');
		expect(inputValue(page.html, 'person')).toBe(personId);
		const anon = await app.client().get('/app/folders/break-glass');
		expect(anon.status).toBe(303);
		expect(anon.location).toMatch(/^\/signin/);
	});

	it('asks a worker without the second factor for it first', async () => {
		const noTotp = await createUser(db, { displayName: 'Nadia', totp: true, secondFactor: false });
		await addMember(db, orgC, noTotp.id, 'case_worker');
		const res = await as(noTotp).get('/app/folders/break-glass');
		expect(res.status).toBe(303);
		expect(res.location).toMatch(/^\/signin\/verify/);
		const post = await as(noTotp).post('/app/folders/break-glass?/open', form());
		expect(post.status).toBe(303);
		expect(await grants()).toHaveLength(0);
	});
});

describe('bad input changes nothing', () => {
	it('refuses a short reason, a long duration and a reference that is no folder, with translated messages', async () => {
		const c = as(outsider);
		const short = await c.post('/app/folders/break-glass?/open', form({ reason: 'urgent' }));
		expect(short.status).toBe(400);
		expect(text(short.html)).toContain('Say why, in at least 10 characters.');
		const long = await c.post('/app/folders/break-glass?/open', form({ hours: '5' }));
		expect(long.status).toBe(400);
		expect(text(long.html)).toContain('Choose between 1 and 4 hours.');
		const nonsense = await c.post('/app/folders/break-glass?/open', form({ person: "1' or 1=1--" }));
		expect(nonsense.status).toBe(400);
		expect(text(nonsense.html)).toContain("Give the folder's reference or its address.");

		const italian = await as(outsider, 'it').post('/app/folders/break-glass?/open', form({ hours: '0' }));
		expect(text(italian.html)).toContain('Scegli tra 1 e 4 ore.');

		const forged = await c.post('/app/folders/break-glass?/open', form({ person: '00000000-0000-4000-8000-000000000000' }));
		expect(forged.status).toBe(403);
		expect(text(forged.html)).toContain('No folder you may open in an emergency has this reference.');
		const denied = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'folder.break_glass'), eq(auditLog.outcome, 'denied'), eq(auditLog.resourceId, '00000000-0000-4000-8000-000000000000')));
		expect(denied).toHaveLength(1);
		expect(await grants()).toHaveLength(0);
		expect(await mails()).toHaveLength(0);
	});

	it('tells a member of the team that they need no emergency access', async () => {
		const res = await as(lead).post('/app/folders/break-glass?/open', form());
		expect(res.status).toBe(409);
		expect(text(res.html)).toContain('You can already open this folder as a member of its team');
		expect(await grants()).toHaveLength(0);
	});
});

describe('breaking the glass', () => {
	it('opens the folder for the chosen time, audits it and alerts the lead worker and the administrators', async () => {
		const c = as(outsider);
		const before = Date.now();
		const res = await c.post('/app/folders/break-glass?/open', form({ person: `http://localhost/app/folders/${personId}/notes` }));
		expect(res.status).toBe(303);
		expect(res.location).toBe(`${folder()}?emergency=1`);
		const [g] = await grants();
		expect(g).toMatchObject({ userId: outsider.id, organisationId: orgC, reason: 'Amina is in hospital and her worker is on leave', endedAt: null });
		const hours = (g.expiresAt.getTime() - before) / 3600_000;
		expect(hours).toBeGreaterThan(1.99);
		expect(hours).toBeLessThan(2.01);
		expect(await audits('support.break_glass.opened')).toHaveLength(1);

		const sent = await mails();
		expect(sent.map((s) => s.toAddress).sort()).toEqual(['ada@bg.example', 'anna@bg.example']);
		const toLead = sent.find((s) => s.toAddress === 'anna@bg.example')!;
		expect(toLead.subject).toBe('Emergency access to a support folder');
		expect(toLead.textBody).toContain('Carlo (Pronto Soccorso Sociale) has opened a folder you lead by emergency access.');
		expect(toLead.textBody).toContain('Amina is in hospital and her worker is on leave');
		expect(toLead.textBody).toContain(`/app/folders/${personId}/access`);
		const toAdmin = sent.find((s) => s.toAddress === 'ada@bg.example')!;
		// The administrator reads it in their own language.
		expect(toAdmin.subject).toBe('Accesso d’emergenza a una cartella sociale');
		// The reason travels (the worker wrote it), the person's record does not.
		for (const s of sent) expect(s.textBody.replace('Amina is in hospital', '')).not.toContain('Amina');

		const page = await c.follow(res);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Amina');
		expect(t).toContain('You are in this folder by emergency access until');
		expect(t).toContain('End emergency access now');
		expect(await audits('support.folder.opened')).not.toHaveLength(0);
	});

	it('shows no banner to the team, and lets break-glass view but never manage consents or the team', async () => {
		const mine = await as(lead).get(folder());
		expect(mine.status).toBe(200);
		expect(text(mine.html)).not.toContain('emergency access until');
		const c = as(outsider);
		const consent = await c.post(`${folder()}?/recordConsent`, { purpose: 'statistics', method: 'written' });
		expect(consent.status).toBe(403);
		const team = await c.post(`${folder()}?/addTeam`, { organisationId: orgC });
		expect(team.status).toBe(403);
	});

	it('refuses a second grant while the first holds', async () => {
		const again = await as(outsider).post('/app/folders/break-glass?/open', form());
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('You already have emergency access to this folder.');
		expect(await grants()).toHaveLength(1);
		expect(await mails()).toHaveLength(2);
	});

	it('ends at once when the worker ends it, and the folder is closed to them again', async () => {
		const c = as(outsider);
		const res = await c.post('/app/folders/break-glass?/end', { person: personId });
		expect(res.status).toBe(303);
		expect(text((await c.follow(res)).html)).toContain('Emergency access ended.');
		expect((await grants())[0].endedAt).not.toBeNull();
		expect(await audits('support.break_glass.ended')).toHaveLength(1);
		const page = await c.get(folder());
		expect(page.status).toBe(403);
		expect(text(page.html)).not.toContain('Amina');
		// Nothing left to end.
		const twice = await c.post('/app/folders/break-glass?/end', { person: personId });
		expect(twice.status).toBe(404);
	});

	it('ends by itself when the time is up', async () => {
		const c = as(outsider);
		expect((await c.post('/app/folders/break-glass?/open', form({ hours: '1' }))).status).toBe(303);
		expect((await c.get(folder())).status).toBe(200);
		const past = new Date(Date.now() - 2 * 3600_000);
		await db
			.update(breakGlass)
			.set({ grantedAt: past, expiresAt: new Date(past.getTime() + 3600_000) })
			.where(and(eq(breakGlass.personId, personId), eq(breakGlass.userId, outsider.id)));
		const after = await c.get(folder());
		expect(after.status).toBe(403);
		expect(text(after.html)).not.toContain('Amina');
		expect(text(after.html)).toContain('In an emergency');
		const [{ n }] = await db.select({ n: count() }).from(breakGlass);
		expect(n).toBe(2);
	});
});

describe('who opened this folder', () => {
	it('shows the lead worker every access with names and readable actions, the emergency ones included, and audits the reading', async () => {
		const c = as(lead);
		const page = await c.get(`${folder()}/access`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Who opened this folder');
		expect(t).toMatch(/Carlo Opened the folder Done/);
		expect(t).toMatch(/Carlo Opened emergency access Done/);
		expect(t).toMatch(/Anna Created the folder Done/);
		expect(t).toMatch(/Carlo Tried to open or change the folder and was refused Refused/);
		expect(t).toContain('Carlo (Pronto Soccorso Sociale) from');
		expect(t).toContain('Reason: Amina is in hospital and her worker is on leave');
		expect(await audits('support.access_log.viewed')).toHaveLength(1);
		// Its own reading shows on the next visit.
		expect(text((await c.get(`${folder()}/access`)).html)).toMatch(/Anna Read who opened the folder Done/);
	});

	it('is the lead organisation’s alone: a break-glass holder and other workers are refused, and the refusal is audited', async () => {
		const c = as(outsider);
		expect((await c.post('/app/folders/break-glass?/open', form({ hours: '1' }))).status).toBe(303);
		expect((await c.get(folder())).status).toBe(200);
		const res = await c.get(`${folder()}/access`);
		expect(res.status).toBe(403);
		expect(text(res.html)).not.toContain('Who opened this folder');
		expect(await audits('folder.access_log.view', 'denied')).toHaveLength(1);
		expect((await as(member).get(`${folder()}/access`)).status).toBe(403);
		await c.post('/app/folders/break-glass?/end', { person: personId });
	});

	it('pages through a long log', async () => {
		const c = as(lead);
		for (let i = 0; i < 55; i++) await c.get(folder());
		const first = await c.get(`${folder()}/access`);
		expect(first.html).toContain('href="?page=2"');
		const last = await c.get(`${folder()}/access?page=999`);
		expect(last.status).toBe(200);
		expect(text(last.html)).toContain('Created the folder');
		expect(text(first.html)).not.toContain('Created the folder');
	});
});
