/** Use cases against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { createUser, type TestUser } from '../../../../tests/helpers/users.ts';
import { validateSession } from '../auth/session.ts';
import type { Ctx } from '../context.ts';
import { verifyChain } from '../audit/index.ts';
import { auditLog, emailOutbox, invitations, memberships, neighbourhoods, organisations, sessions, users } from '../db/schema/index.ts';
import { anonymous } from '../policy/index.ts';
import { Refusal } from './errors.ts';
import { acceptInvitation, createInvitation, lookupInvitation, resendInvitation, revokeInvitation } from './invitations.ts';
import { changeRole, leaveOrganisation, listMembers, removeMember } from './members.ts';
import { createOrganisation, getPublicOrganisation, listPublicOrganisations, updateOrganisation } from './organisations.ts';
import { organisationForm } from './schemas.ts';
import { searchUsers, setPlatformRole } from '../platform/users.ts';
import { rejectOrganisation, verifyOrganisation } from '../platform/verification.ts';

let db: TestDatabase;
beforeAll(async () => {
	delete process.env.SMTP_URL;
	db = await testDatabase();
});
afterAll(() => db.dispose());

async function ctxOf(u: TestUser | null): Promise<Ctx> {
	const actor = u ? (await validateSession(db.db, u.token))!.actor : anonymous;
	return { db: db.db, actor, ip: '127.0.0.1', requestId: 'test', locale: 'en', origin: 'http://convive.test' };
}
const input = (name: string, extra: Record<string, string> = {}) => organisationForm.parse({ name, type: 'ngo', ...extra });

async function refused(p: Promise<unknown>, status: number, key?: string) {
	const err = await p.then(
		() => null,
		(e) => e
	);
	expect(err).toBeInstanceOf(Refusal);
	expect((err as Refusal).status).toBe(status);
	if (key) expect((err as Refusal).key).toBe(key);
}

const rows = async (t: typeof organisations | typeof memberships | typeof invitations | typeof emailOutbox) =>
	Number((await db.db.select({ n: count() }).from(t))[0].n);

describe('organisations', () => {
	it('creates an unverified organisation with a unique slug and its creator as owner', async () => {
		const u = await createUser(db.db);
		const a = await createOrganisation(await ctxOf(u), input('Casa Aperta'));
		const b = await createOrganisation(await ctxOf(u), input('Casa  Apertá!'));
		expect(a.slug).toBe('casa-aperta');
		expect(b.slug).toBe('casa-aperta-2');
		const [org] = await db.db.select().from(organisations).where(eq(organisations.id, a.id));
		expect(org.verification).toBe('unverified');
		const [m] = await db.db.select().from(memberships).where(eq(memberships.organisationId, a.id));
		expect(m).toMatchObject({ userId: u.id, role: 'owner' });
		const [entry] = await db.db.select().from(auditLog).where(eq(auditLog.resourceId, a.id));
		expect(entry).toMatchObject({ action: 'organisation.create', actorId: u.id });
	});

	it('refuses an unknown neighbourhood, and anonymous creation', async () => {
		const u = await createUser(db.db);
		const before = await rows(organisations);
		await refused(createOrganisation(await ctxOf(u), input('X Org', { neighbourhood: randomUUID() })), 400, 'field_invalid_choice');
		await refused(createOrganisation(await ctxOf(null), input('Y Org')), 403);
		expect(await rows(organisations)).toBe(before);
		const [n] = await db.db.insert(neighbourhoods).values({ slug: 'centro', name: 'Centro' }).returning();
		const ok = await createOrganisation(await ctxOf(u), input('Z Org', { neighbourhood: n.id }));
		expect((await getPublicOrganisation(await ctxOf(u), ok.slug)).neighbourhood).toBe('Centro');
	});

	it('hides unverified organisations from the public and from other people, not from members', async () => {
		const owner = await createUser(db.db);
		const stranger = await createUser(db.db);
		const { slug } = await createOrganisation(await ctxOf(owner), input('Hidden Helpers'));
		await refused(getPublicOrganisation(await ctxOf(null), slug), 404);
		await refused(getPublicOrganisation(await ctxOf(stranger), slug), 404);
		expect((await getPublicOrganisation(await ctxOf(owner), slug)).org.name).toBe('Hidden Helpers');
		const list = await listPublicOrganisations(db.db, { q: 'Hidden' });
		expect(list.total).toBe(0);
	});

	it('lets only owners, coordinators and city staff edit', async () => {
		const owner = await createUser(db.db);
		const member = await createUser(db.db);
		const officer = await createUser(db.db, { platformRole: 'integration_officer', secondFactor: true, totp: true });
		const { id } = await createOrganisation(await ctxOf(owner), input('Edit Me'));
		await db.db.insert(memberships).values({ organisationId: id, userId: member.id, role: 'member' });
		await refused(updateOrganisation(await ctxOf(member), id, input('Hacked')), 403);
		await updateOrganisation(await ctxOf(officer), id, input('Edited by the city'));
		const [org] = await db.db.select().from(organisations).where(eq(organisations.id, id));
		expect(org.name).toBe('Edited by the city');
		await refused(updateOrganisation(await ctxOf(owner), randomUUID(), input('Nope')), 404);
		await refused(updateOrganisation(await ctxOf(owner), "1' or '1'='1", input('Nope')), 404);
	});

	it('searches verified organisations by words (LIKE wildcards are literal) and type, 20 per page', async () => {
		const owner = await createUser(db.db);
		const staff = await createUser(db.db, { platformRole: 'integration_officer', secondFactor: true, totp: true });
		for (let i = 0; i < 23; i++) {
			const { id } = await createOrganisation(await ctxOf(owner), input(`Listed ${String(i).padStart(2, '0')}`, { description: 'language café' }));
			await verifyOrganisation(await ctxOf(staff), id);
		}
		const p1 = await listPublicOrganisations(db.db, { q: 'listed' });
		expect(p1).toMatchObject({ total: 23, pageCount: 2, page: 1 });
		expect(p1.items).toHaveLength(20);
		const p2 = await listPublicOrganisations(db.db, { q: 'listed', page: 99 });
		expect(p2.page).toBe(2);
		expect(p2.items.map((i) => i.name)).toEqual(['Listed 20', 'Listed 21', 'Listed 22']);
		expect((await listPublicOrganisations(db.db, { q: '%' })).total).toBe(0);
		expect((await listPublicOrganisations(db.db, { q: 'CAFÉ', type: 'ngo' })).total).toBe(23);
		expect((await listPublicOrganisations(db.db, { q: 'café', type: 'business' })).total).toBe(0);
	});
});

describe('members', () => {
	it('never removes or demotes the last owner, and audits reading the list', async () => {
		const owner = await createUser(db.db, { secondFactor: true, totp: true });
		const other = await createUser(db.db);
		const { id } = await createOrganisation(await ctxOf(owner), input('Owners Club'));
		await db.db.insert(memberships).values({ organisationId: id, userId: other.id, role: 'member' });
		const ctx = await ctxOf(owner);
		await refused(removeMember(ctx, id, owner.id), 409, 'org_last_owner');
		await refused(changeRole(ctx, id, owner.id, 'member'), 409, 'org_last_owner');
		await refused(leaveOrganisation(ctx, id), 409, 'org_last_owner_leave');
		await changeRole(ctx, id, other.id, 'owner');
		await changeRole(ctx, id, owner.id, 'coordinator');
		const list = await listMembers(await ctxOf(other), id).catch((e) => e);
		// `other` is now an owner without a second factor in this session: refused.
		expect(list).toBeInstanceOf(Refusal);
		const seen = await listMembers(await ctxOf(owner), id);
		expect(seen.map((m) => m.role).sort()).toEqual(['coordinator', 'owner']);
		const views = await db.db.select().from(auditLog).where(eq(auditLog.action, 'organisation.members.view'));
		expect(views.some((v) => v.resourceId === id && v.actorId === owner.id)).toBe(true);
		await refused(removeMember(await ctxOf(other), id, owner.id), 403);
	});
});

describe('invitations', () => {
	it('invites, refuses duplicates, and lets anyone holding the link accept once; the session is replaced', async () => {
		const owner = await createUser(db.db, { secondFactor: true, totp: true });
		const guest = await createUser(db.db);
		const { id } = await createOrganisation(await ctxOf(owner), input('Invite Club'));
		await createInvitation(await ctxOf(owner), id, { email: 'someone@example.org', role: 'coordinator' });
		await refused(createInvitation(await ctxOf(owner), id, { email: 'someone@example.org', role: 'member' }), 409, 'org_invite_exists');
		const [mail] = await db.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'someone@example.org'));
		expect(mail.subject).toContain('Invite Club');
		const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.textBody)![1];
		expect(await lookupInvitation(db.db, token)).toMatchObject({ organisation: 'Invite Club', role: 'coordinator', state: 'pending' });

		const info = (await validateSession(db.db, guest.token))!;
		const done = await acceptInvitation(await ctxOf(guest), { token }, info.sessionId);
		expect(done.organisationId).toBe(id);
		expect(await validateSession(db.db, guest.token)).toBeNull();
		expect((await validateSession(db.db, done.session.token))!.actor.memberships.get(id)).toBe('coordinator');
		const [inv] = await db.db.select().from(invitations).where(eq(invitations.organisationId, id));
		expect(inv.acceptedBy).toBe(guest.id);

		const third = await createUser(db.db);
		const before = await rows(memberships);
		await refused(acceptInvitation(await ctxOf(third), { token }, (await validateSession(db.db, third.token))!.sessionId), 410, 'org_invitation_used');
		await refused(acceptInvitation(await ctxOf(third), { token: 'x'.repeat(43) }, 'nope'), 404, 'org_invitation_invalid');
		expect(await rows(memberships)).toBe(before);
		expect(await validateSession(db.db, third.token)).not.toBeNull();
	});

	it('refuses expired and revoked invitations; a re-sent link replaces the old one', async () => {
		const owner = await createUser(db.db, { secondFactor: true, totp: true });
		const guest = await createUser(db.db);
		const { id } = await createOrganisation(await ctxOf(owner), input('Expiry Club'));
		const { id: invId } = await createInvitation(await ctxOf(owner), id, { email: 'late@example.org', role: 'member' });
		const firstMail = (await db.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'late@example.org')))[0];
		const oldToken = /\/invitations\/([A-Za-z0-9_-]+)/.exec(firstMail.textBody)![1];
		await resendInvitation(await ctxOf(owner), id, invId);
		const mails = await db.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'late@example.org'));
		expect(mails).toHaveLength(2);
		const newToken = mails.map((m) => /\/invitations\/([A-Za-z0-9_-]+)/.exec(m.textBody)![1]).find((t) => t !== oldToken)!;
		expect(await lookupInvitation(db.db, oldToken)).toBeNull();

		await db.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, invId));
		const sid = (await validateSession(db.db, guest.token))!.sessionId;
		await refused(acceptInvitation(await ctxOf(guest), { token: newToken }, sid), 410, 'org_invitation_expired');
		await db.db.update(invitations).set({ expiresAt: new Date(Date.now() + 86400_000) }).where(eq(invitations.id, invId));
		await revokeInvitation(await ctxOf(owner), id, invId);
		await refused(acceptInvitation(await ctxOf(guest), { token: newToken }, sid), 410, 'org_invitation_revoked');
		expect((await db.db.select().from(memberships).where(eq(memberships.userId, guest.id))).length).toBe(0);
	});

	it('lets only owners hand out ownership', async () => {
		const owner = await createUser(db.db, { secondFactor: true, totp: true });
		const coord = await createUser(db.db, { secondFactor: true, totp: true });
		const { id } = await createOrganisation(await ctxOf(owner), input('Ownership Club'));
		await db.db.insert(memberships).values({ organisationId: id, userId: coord.id, role: 'coordinator' });
		await refused(createInvitation(await ctxOf(coord), id, { email: 'x@example.org', role: 'owner' }), 403, 'org_invite_owner_forbidden');
		await createInvitation(await ctxOf(coord), id, { email: 'x@example.org', role: 'case_worker' });
	});
});

describe('city administration', () => {
	it('verifies and rejects with a reason, and e-mails the owners', async () => {
		const owner = await createUser(db.db, { email: 'owner-v@example.org' });
		const officer = await createUser(db.db, { platformRole: 'integration_officer', secondFactor: true, totp: true });
		const { id, slug } = await createOrganisation(await ctxOf(owner), input('Verify Me'));
		await refused(verifyOrganisation(await ctxOf(owner), id), 403);
		await refused(rejectOrganisation(await ctxOf(officer), id, '   '), 400, 'admin_reason_required');
		await verifyOrganisation(await ctxOf(officer), id);
		expect((await getPublicOrganisation(await ctxOf(null), slug)).org.verifiedBy).toBe(officer.id);
		await rejectOrganisation(await ctxOf(officer), id, 'Please add a description.');
		await refused(getPublicOrganisation(await ctxOf(null), slug), 404);
		const mails = await db.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'owner-v@example.org'));
		expect(mails.map((m) => m.template).sort()).toEqual(['organisation_rejected', 'organisation_verified']);
		expect(mails.find((m) => m.template === 'organisation_rejected')!.textBody).toContain('Please add a description.');
	});

	it('changes platform roles, signs the person out, and keeps the last administrator', async () => {
		await db.db.update(users).set({ platformRole: null }).where(eq(users.platformRole, 'admin'));
		const admin = await createUser(db.db, { platformRole: 'admin', secondFactor: true, totp: true });
		const person = await createUser(db.db);
		const ctx = await ctxOf(admin);
		expect(await setPlatformRole(ctx, person.id, 'evaluator')).toEqual({ changed: true });
		expect(await db.db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
		await refused(setPlatformRole(ctx, admin.id, null), 409, 'admin_last_admin');
		await refused(setPlatformRole(ctx, randomUUID(), 'admin'), 404);
		await refused(setPlatformRole(await ctxOf(await createUser(db.db, { platformRole: 'admin' })), person.id, null), 403);
		const found = await searchUsers(ctx, { q: person.email.slice(0, 12) });
		expect(found.rows.map((r) => r.id)).toContain(person.id);
		expect((await verifyChain(db.db)).ok).toBe(true);
	});
});

describe('staff powers and the second factor', () => {
	it('refuses verification to an integration officer whose session has not passed the second factor', async () => {
		const owner = await createUser(db.db);
		const officer = await createUser(db.db, { platformRole: 'integration_officer', totp: true });
		const { id } = await createOrganisation(await ctxOf(owner), input('Needs A Code'));
		await expect(verifyOrganisation(await ctxOf(officer), id)).rejects.toThrow();
		const [org] = await db.db.select().from(organisations).where(eq(organisations.id, id));
		expect(org.verification).toBe('unverified');
	});
});
