/**
 * Organisations over real HTTP: create, edit, members, invitations with a
 * real SMTP server, verification, and what each person may not do.
 */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { auditLog, invitations, memberships, organisations } from '../../src/lib/server/db/schema/index.ts';

let app: TestApp;
let db: TestApp['database']['db'];
beforeAll(async () => {
	app = await startTestApp();
	db = app.database.db;
});
afterAll(() => app.stop());

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const orgCount = async () => Number((await db.select({ n: count() }).from(organisations))[0].n);
const invitationCount = async () => Number((await db.select({ n: count() }).from(invitations))[0].n);

async function createOrg(owner: TestUser, name: string): Promise<{ id: string; slug: string }> {
	const res = await as(owner).post('/app/organisations/new', { name, type: 'migrant_association', description: 'We meet on Fridays.' });
	expect(res.status).toBe(303);
	const id = /\/app\/organisations\/([0-9a-f-]{36})\?created=1$/.exec(res.location ?? '')![1];
	const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
	return { id, slug: org.slug };
}

describe('creating and showing organisations', () => {
	it('lets a signed-in person add an organisation; the public does not see it until it is verified', async () => {
		const owner = await createUser(db, { displayName: 'Amina' });
		const c = as(owner);
		const form = await c.get('/app/organisations/new');
		expect(form.status).toBe(200);
		expect(text(form.html)).toContain('A group started and run by migrants or refugees.');
		const { id, slug } = await createOrg(owner, 'Donne in Cammino');
		const page = await c.follow({ status: 303, location: `/app/organisations/${id}?created=1`, headers: new Headers(), html: '' });
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Donne in Cammino');
		expect(text(page.html)).toContain('Not checked yet');

		expect((await app.client().get(`/organisations/${slug}`)).status).toBe(404);
		expect((await as(await createUser(db)).get(`/organisations/${slug}`)).status).toBe(404);
		expect((await c.get(`/organisations/${slug}`)).status).toBe(200);
		expect(text((await app.client().get('/organisations?q=Donne')).html)).toContain('0 organisations');

		const dash = await c.get('/app');
		expect(text(dash.html)).toContain('Donne in Cammino');
		expect(text(dash.html)).toContain('Your role: Owner');
	});

	it('sends people who are signed out to sign in', async () => {
		const res = await app.client().get('/app/organisations/new');
		expect(res.status).toBe(303);
		expect(res.location).toBe('/signin?next=%2Fapp%2Forganisations%2Fnew');
		const post = await app.client().post('/app/organisations/new', { name: 'Ghost', type: 'ngo' });
		expect(post.status).toBe(303);
		expect(post.location).toMatch(/^\/signin/);
	});

	it('keeps the input and explains the problem when the form is wrong', async () => {
		const u = await createUser(db);
		const before = await orgCount();
		const res = await as(u).post('/app/organisations/new', { name: 'Good Name', type: 'ngo', website: 'javascript:alert(1)', phone: 'call me' });
		expect(res.status).toBe(400);
		const t = text(res.html);
		expect(t).toContain('Please enter a web address like https://example.org.');
		expect(t).toContain('Please enter a phone number with digits only');
		expect(res.html).toContain('value="Good Name"');
		expect(await orgCount()).toBe(before);
	});

	it('lists verified organisations with a type filter, search and pages', async () => {
		const owner = await createUser(db);
		const officer = await createUser(db, { platformRole: 'integration_officer', totp: true, secondFactor: true });
		for (let i = 0; i < 21; i++) {
			const { id } = await createOrg(owner, `Lingua ${String(i).padStart(2, '0')}`);
			const v = await as(officer).post('/app/admin?/verify', { organisationId: id });
			expect(v.status).toBe(200);
		}
		const p1 = await app.client().get('/organisations?q=lingua&type=migrant_association');
		expect(p1.status).toBe(200);
		expect(text(p1.html)).toContain('21 organisations');
		expect(text(p1.html)).toContain('Lingua 19');
		expect(text(p1.html)).not.toContain('Lingua 20');
		const p2 = await app.client().get('/organisations?q=lingua&type=migrant_association&page=2');
		expect(text(p2.html)).toContain('Lingua 20');
		expect(text((await app.client().get('/organisations?q=lingua&type=business')).html)).toContain('0 organisations');
		// Garbage parameters are ignored, not errors.
		expect((await app.client().get('/organisations?page=-1&type=%00&q=%25')).status).toBe(200);
		const profile = await app.client({ locale: 'ar' }).get(`/organisations/lingua-00`);
		expect(profile.status).toBe(200);
		expect(profile.html).toMatch(/<html lang="ar" dir="rtl">/);
	});
});

describe('who may change an organisation', () => {
	it('refuses a non-member (403 on a verified organisation, 404 on one they cannot see) and forged ids, changing nothing', async () => {
		const owner = await createUser(db);
		const officer = await createUser(db, { platformRole: 'integration_officer' });
		const stranger = await createUser(db);
		const { id } = await createOrg(owner, 'Not Yours');
		const edit = { name: 'Taken over', type: 'business' };

		expect((await as(stranger).post(`/app/organisations/${id}?/update`, edit)).status).toBe(404);
		expect((await as(stranger).get(`/app/organisations/${id}`)).status).toBe(404);
		expect((await as(officer).post('/app/admin?/verify', { organisationId: id })).status).toBe(200);
		const res = await as(stranger).post(`/app/organisations/${id}?/update`, edit);
		expect(res.status).toBe(403);
		expect(text(res.html)).toContain('You cannot open this page');

		const member = await createUser(db);
		await addMember(db, id, member.id, 'member');
		expect((await as(member).post(`/app/organisations/${id}?/update`, edit)).status).toBe(403);

		for (const forged of [randomUUID(), 'not-a-uuid', "1'%20or%20'1'='1", '..%2F..%2Fadmin']) {
			const r = await as(owner).post(`/app/organisations/${forged}?/update`, edit);
			expect([400, 404]).toContain(r.status);
		}
		const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
		expect(org.name).toBe('Not Yours');
		expect(org.type).toBe('migrant_association');
		const denied = await db.select().from(auditLog).where(eq(auditLog.outcome, 'denied'));
		expect(denied.some((d) => d.actorId === stranger.id && d.action === 'organisation.update')).toBe(true);

		expect((await as(owner).post(`/app/organisations/${id}?/update`, { ...edit, name: 'Still Ours' })).status).toBe(200);
		expect((await db.select().from(organisations).where(eq(organisations.id, id)))[0].name).toBe('Still Ours');
	});

	it('never lets the last owner be removed or leave', async () => {
		const owner = await createUser(db, { totp: true, secondFactor: true });
		const { id } = await createOrg(owner, 'Only One Owner');
		const members = await as(owner).get(`/app/organisations/${id}/members`);
		expect(members.status).toBe(200);
		expect(text(members.html)).toContain('What the roles mean');
		const remove = await as(owner).post(`/app/organisations/${id}/members?/remove`, { userId: owner.id });
		expect(remove.status).toBe(409);
		expect(text(remove.html)).toContain('Every organisation needs at least one owner');
		const demote = await as(owner).post(`/app/organisations/${id}/members?/role`, { userId: owner.id, role: 'member' });
		expect(demote.status).toBe(409);
		const leave = await as(owner).post(`/app/organisations/${id}?/leave`, {});
		expect(leave.status).toBe(409);
		const rows = await db.select().from(memberships).where(eq(memberships.organisationId, id));
		expect(rows).toEqual([expect.objectContaining({ userId: owner.id, role: 'owner' })]);
	});

	it('asks an owner without a second factor to set one up before showing members', async () => {
		const owner = await createUser(db);
		const { id } = await createOrg(owner, 'Needs Two Steps');
		const res = await as(owner).get(`/app/organisations/${id}/members`);
		expect(res.status).toBe(303);
		expect(res.location).toBe('/account/security?required=1');
	});
});

describe('invitations', () => {
	it('sends a real e-mail; accepting makes a member with the role and replaces the session', async () => {
		const owner = await createUser(db, { totp: true, secondFactor: true });
		const { id } = await createOrg(owner, 'Buddy Network');
		const sent = await as(owner).post(`/app/organisations/${id}/invitations?/invite`, { email: 'New.Person@Example.org', role: 'coordinator' });
		expect(sent.status).toBe(200);
		expect(text(sent.html)).toContain('Invitation sent to new.person@example.org.');
		const mail = await app.smtp!.waitFor('new.person@example.org', /Buddy Network/);
		const link = /(http:\/\/[^\s]+\/invitations\/[A-Za-z0-9_-]+)/.exec(mail.text)![1];
		const path = new URL(link).pathname;

		const anon = await app.client().get(path);
		expect(anon.status).toBe(200);
		expect(text(anon.html)).toContain('You are invited to join Buddy Network as: Coordinator.');
		expect(anon.html).toContain(`/signin?next=${encodeURIComponent(path)}`);
		expect(anon.html).toContain('<meta name="referrer" content="same-origin"');

		// Someone else opens the link (a bearer token): it works, and who accepted is recorded.
		const guest = await createUser(db, { email: 'someone.else@example.org' });
		const c = as(guest);
		const oldToken = guest.token;
		const accepted = await c.post(path + '?/accept', {});
		expect(accepted.status).toBe(303);
		expect(accepted.location).toBe(`/app/organisations/${id}?joined=1`);
		const setCookie = accepted.headers.getSetCookie().find((s) => s.startsWith('convive_session='))!;
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		expect(setCookie).toMatch(/Path=\//);
		expect(c.cookies.get('convive_session')).not.toBe(oldToken);
		const welcome = await c.follow(accepted);
		expect(welcome.status).toBe(200);
		expect(text(welcome.html)).toContain('You are now a member of Buddy Network');

		const stale = app.client();
		stale.cookies.set('convive_session', oldToken);
		const staleRes = await stale.get('/app');
		expect(staleRes.status).toBe(303);
		expect(staleRes.location).toMatch(/^\/signin/);

		const [m] = await db.select().from(memberships).where(eq(memberships.userId, guest.id));
		expect(m).toMatchObject({ organisationId: id, role: 'coordinator' });
		const [inv] = await db.select().from(invitations).where(eq(invitations.organisationId, id));
		expect(inv.acceptedBy).toBe(guest.id);

		// Replayed by a third person: refused, nothing changes.
		const third = await createUser(db);
		const replay = await as(third).post(path + '?/accept', {});
		expect(replay.status).toBe(410);
		expect(text(replay.html)).toContain('This invitation was already used.');
		expect(await db.select().from(memberships).where(eq(memberships.userId, third.id))).toHaveLength(0);
		expect((await app.client().get(path)).status).toBe(410);
	});

	it('refuses an expired or forged invitation with a clear message and no change', async () => {
		const owner = await createUser(db, { totp: true, secondFactor: true });
		const { id } = await createOrg(owner, 'Old Invites');
		await as(owner).post(`/app/organisations/${id}/invitations?/invite`, { email: 'late@example.org', role: 'member' });
		const mail = await app.smtp!.waitFor('late@example.org', /Old Invites/);
		const path = new URL(/(http:\/\/[^\s]+\/invitations\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]).pathname;
		await db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.organisationId, id));

		const guest = await createUser(db);
		const c = as(guest);
		const res = await c.post(path + '?/accept', {});
		expect(res.status).toBe(410);
		expect(text(res.html)).toContain('This invitation is too old.');
		expect(c.cookies.get('convive_session')).toBe(guest.token);
		expect(await db.select().from(memberships).where(eq(memberships.userId, guest.id))).toHaveLength(0);

		for (const forged of ['/invitations/' + 'A'.repeat(43), '/invitations/short', '/invitations/%3Cscript%3E']) {
			const g = await c.get(forged);
			expect(g.status).toBe(404);
			expect(text(g.html)).toContain('This invitation link does not work.');
			expect((await c.post(forged + '?/accept', {})).status).toBe(404);
		}
		expect(await db.select().from(memberships).where(eq(memberships.userId, guest.id))).toHaveLength(0);
	});

	it('lists, re-sends and revokes open invitations; non-owners cannot invite', async () => {
		const owner = await createUser(db, { totp: true, secondFactor: true });
		const { id } = await createOrg(owner, 'Resend Club');
		await as(owner).post(`/app/organisations/${id}/invitations?/invite`, { email: 'r@example.org', role: 'member' });
		const [inv] = await db.select().from(invitations).where(eq(invitations.organisationId, id));
		const list = await as(owner).get(`/app/organisations/${id}/invitations`);
		expect(text(list.html)).toContain('r@example.org');
		expect((await as(owner).post(`/app/organisations/${id}/invitations?/resend`, { invitationId: inv.id })).status).toBe(200);
		expect((await as(owner).post(`/app/organisations/${id}/invitations?/revoke`, { invitationId: inv.id })).status).toBe(200);
		expect((await as(owner).post(`/app/organisations/${id}/invitations?/revoke`, { invitationId: inv.id })).status).toBe(409);
		expect((await as(owner).post(`/app/organisations/${id}/invitations?/revoke`, { invitationId: randomUUID() })).status).toBe(404);

		const member = await createUser(db);
		await addMember(db, id, member.id, 'member');
		const before = await invitationCount();
		expect((await as(member).post(`/app/organisations/${id}/invitations?/invite`, { email: 'x@example.org', role: 'owner' })).status).toBe(403);
		expect(await invitationCount()).toBe(before);
	});
});

describe('city staff', () => {
	it('lets an integration officer verify; the owners get an e-mail; the organisation becomes public', async () => {
		const owner = await createUser(db, { email: 'owner-verify@example.org' });
		const officer = await createUser(db, { platformRole: 'integration_officer' });
		const { id, slug } = await createOrg(owner, 'Verify Through HTTP');
		const queue = await as(officer).get('/app/admin');
		expect(queue.status).toBe(200);
		expect(text(queue.html)).toContain('Verify Through HTTP');
		expect((await as(owner).post('/app/admin?/verify', { organisationId: id })).status).toBe(403);
		const reject = await as(officer).post('/app/admin?/reject', { organisationId: id, reason: '' });
		expect(reject.status).toBe(400);
		const res = await as(officer).post('/app/admin?/verify', { organisationId: id });
		expect(res.status).toBe(200);
		const mail = await app.smtp!.waitFor('owner-verify@example.org', /Verify Through HTTP/);
		expect(mail.text).toContain(`/app/organisations/${id}`);
		expect((await app.client().get(`/organisations/${slug}`)).status).toBe(200);
		const [org] = await db.select().from(organisations).where(eq(organisations.id, id));
		expect(org.verifiedBy).toBe(officer.id);
		expect(org.verifiedAt).not.toBeNull();
		expect((await as(officer).post('/app/admin?/verify', { organisationId: randomUUID() })).status).toBe(404);
	});

	it('shows the outbox only to an administrator who passed the second factor', async () => {
		const officer = await createUser(db, { platformRole: 'integration_officer', totp: true, secondFactor: true });
		const resident = await createUser(db);
		const admin = await createUser(db, { platformRole: 'admin', totp: true });
		const admin2f = await createUser(db, { platformRole: 'admin', totp: true, secondFactor: true });
		expect((await as(officer).get('/app/admin/outbox')).status).toBe(403);
		expect((await as(resident).get('/app/admin/outbox')).status).toBe(403);
		expect((await app.client().get('/app/admin/outbox')).status).toBe(303);
		const owed = await as(admin).get('/app/admin/outbox');
		expect(owed.status).toBe(303);
		expect(owed.location).toMatch(/^\/signin\/verify/);
		const ok = await as(admin2f).get('/app/admin/outbox');
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('Invitation to join');
		const reads = await db.select().from(auditLog).where(eq(auditLog.action, 'platform.outbox.view'));
		expect(reads.some((r) => r.actorId === admin2f.id)).toBe(true);

		expect((await as(officer).get('/app/admin/users')).status).toBe(403);
		expect((await as(officer).get('/app/admin/audit')).status).toBe(403);
		const audit = await as(admin2f).get('/app/admin/audit?action=organisation.create');
		expect(audit.status).toBe(200);
		const chain = await as(admin2f).post('/app/admin/audit?/verify', {});
		expect(chain.status).toBe(200);
		expect(text(chain.html)).toMatch(/The record is complete: \d+ entries checked/);
	});

	it('lets an administrator change a role, which signs that person out', async () => {
		const admin = await createUser(db, { platformRole: 'admin', totp: true, secondFactor: true });
		const person = await createUser(db, { displayName: 'Future Officer' });
		const users = await as(admin).get('/app/admin/users?q=Future');
		expect(text(users.html)).toContain('Future Officer');
		const res = await as(admin).post('/app/admin/users?/role', { userId: person.id, role: 'integration_officer' });
		expect(res.status).toBe(200);
		expect((await as(person).get('/app')).status).toBe(303);
		const bad = await as(admin).post('/app/admin/users?/role', { userId: person.id, role: 'superuser' });
		expect(bad.status).toBe(400);
	});
});

describe('hostile input', () => {
	const hostile = fc.oneof(
		fc.string({ maxLength: 300, unit: 'binary' }),
		fc.constantFrom('', ' ', '\u0000', '\u202e', '<script>alert(1)</script>', "'; drop table organisations; --", 'x'.repeat(25_000), '\ud800')
	);

	it('the create-organisation form answers 4xx with a message and adds nothing', async () => {
		const u = await createUser(db);
		const c = as(u);
		const before = await orgCount();
		await fc.assert(
			fc.asyncProperty(
				fc.record({ name: hostile, type: fc.oneof(hostile, fc.constant('ngo')), website: hostile, email: hostile, phone: hostile, extra: fc.option(hostile) }),
				async (f) => {
					const body: Record<string, string> = { name: f.name, type: f.type, website: f.website, email: f.email, phone: f.phone };
					if (f.extra !== null) body.unexpected = f.extra;
					// Only inputs that are certainly invalid: an unknown field, or a bad type/website/email/phone.
					const res = await c.post('/app/organisations/new', { ...body, unexpected: f.extra ?? 'x', website: 'not a url' + f.website });
					expect(res.status).toBeGreaterThanOrEqual(400);
					expect(res.status).toBeLessThan(500);
					expect(text(res.html).length).toBeGreaterThan(0);
				}
			),
			{ numRuns: 30 }
		);
		expect(await orgCount()).toBe(before);
	});

	it('the invite form answers 4xx with a message and adds nothing', async () => {
		const owner = await createUser(db, { totp: true, secondFactor: true });
		const { id } = await createOrg(owner, 'Hostile Invites');
		const c = as(owner);
		const before = await invitationCount();
		await fc.assert(
			fc.asyncProperty(fc.record({ email: hostile, role: hostile }), async (f) => {
				const res = await c.post(`/app/organisations/${id}/invitations?/invite`, { email: f.email + ' @', role: f.role });
				expect(res.status).toBeGreaterThanOrEqual(400);
				expect(res.status).toBeLessThan(500);
				expect(text(res.html)).toMatch(/Please|could not/);
			}),
			{ numRuns: 30 }
		);
		expect(await invitationCount()).toBe(before);
	});
});
