/**
 * Invitations: a link valid 7 days, sent by e-mail, that makes whoever opens
 * it while signed in a member with the given role. The link is a bearer
 * token (only its SHA-256 is stored); who accepted is recorded.
 */
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/index.ts';
import { invitations, memberships, organisations, users } from '../db/schema/index.ts';
import type { MemberRole } from '../db/schema/index.ts';
import { hashToken, newToken, rotateSession, type NewSession } from '../auth/session.ts';
import { sendEmail } from '../email/index.ts';
import { can } from '../policy/index.ts';
import { m } from '#lib/paraglide/messages.js';
import { Refusal, forbidden, isUuid, notFound } from './errors.ts';
import { audit, findOrganisation, permissionsFor } from './organisations.ts';
import { mailLocale } from './mail.ts';
import type { InviteInput } from './schemas.ts';

export const INVITATION_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;
/** More open invitations than this for one organisation is a mistake or abuse. */
export const MAX_PENDING = 100;

async function orgForInviting(ctx: Ctx, organisationId: string) {
	const org = await findOrganisation(ctx.db, organisationId);
	if (!org || !permissionsFor(ctx, org).view) throw notFound();
	if (can(ctx.actor, 'organisation.invite', { type: 'organisation', id: org.id, verification: org.verification }) !== 'allowed') {
		throw forbidden();
	}
	return org;
}

/** Only those who may manage members (owners, administrators) may hand out ownership. */
function mayGrant(ctx: Ctx, organisationId: string, role: MemberRole): boolean {
	if (role !== 'owner') return true;
	return can(ctx.actor, 'organisation.members.manage', { type: 'organisation', id: organisationId }) === 'allowed';
}

async function sendInvitation(db: Db, ctx: Ctx, to: string, orgName: string, role: MemberRole, token: string) {
	// The invitee may have no account yet; if they have one, write in their language.
	const [known] = await db.select({ locale: users.locale }).from(users).where(sql`lower(${users.email}) = ${to}`).limit(1);
	const locale = mailLocale(known?.locale);
	const link = `${ctx.origin}/invitations/${token}`;
	await sendEmail(db, {
		to,
		template: 'invitation',
		subject: m.org_invite_email_subject({ organisation: orgName }, { locale }),
		text: m.org_invite_email_body(
			{ organisation: orgName, role: roleName(role, locale), link, days: String(INVITATION_DAYS) },
			{ locale }
		)
	});
}

export function roleName(role: MemberRole, locale?: ReturnType<typeof mailLocale>): string {
	const o = locale ? { locale } : undefined;
	switch (role) {
		case 'owner':
			return m.org_role_owner({}, o);
		case 'coordinator':
			return m.org_role_coordinator({}, o);
		case 'case_worker':
			return m.org_role_case_worker({}, o);
		case 'volunteer_coordinator':
			return m.org_role_volunteer_coordinator({}, o);
		default:
			return m.org_role_member({}, o);
	}
}

export async function createInvitation(ctx: Ctx, organisationId: string, input: InviteInput): Promise<{ id: string }> {
	const org = await orgForInviting(ctx, organisationId);
	if (!mayGrant(ctx, org.id, input.role)) throw new Refusal(403, 'org_invite_owner_forbidden', 'role');
	const token = newToken();
	const id = await ctx.db.transaction(async (tx) => {
		await tx.execute(sql`select id from organisations where id = ${org.id} for update`);
		const [member] = await tx
			.select({ userId: memberships.userId })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.organisationId, org.id), sql`lower(${users.email}) = ${input.email}`))
			.limit(1);
		if (member) throw new Refusal(409, 'org_invite_already_member', 'email');
		const pending = and(
			eq(invitations.organisationId, org.id),
			isNull(invitations.acceptedAt),
			isNull(invitations.revokedAt),
			gt(invitations.expiresAt, new Date())
		);
		const [dupe] = await tx
			.select({ id: invitations.id })
			.from(invitations)
			.where(and(pending, eq(invitations.email, input.email)))
			.limit(1);
		if (dupe) throw new Refusal(409, 'org_invite_exists', 'email');
		const [{ n }] = await tx.select({ n: count() }).from(invitations).where(pending);
		if (Number(n) >= MAX_PENDING) throw new Refusal(409, 'org_invite_too_many');
		const [row] = await tx
			.insert(invitations)
			.values({
				organisationId: org.id,
				email: input.email,
				role: input.role,
				tokenHash: hashToken(token),
				invitedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
				expiresAt: new Date(Date.now() + INVITATION_DAYS * DAY)
			})
			.returning({ id: invitations.id });
		await audit(ctx, tx, {
			action: 'organisation.invite',
			resourceType: 'invitation',
			resourceId: row.id,
			details: { organisationId: org.id, role: input.role }
		});
		return row.id;
	});
	// Sent after the commit: a slow mail server never holds the transaction open.
	await sendInvitation(ctx.db, ctx, input.email, org.name, input.role, token);
	return { id };
}

export type InvitationState = 'pending' | 'expired' | 'accepted' | 'revoked';

function stateOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
	if (i.acceptedAt) return 'accepted';
	if (i.revokedAt) return 'revoked';
	if (i.expiresAt <= now) return 'expired';
	return 'pending';
}

/** Open invitations of an organisation (e-mail addresses: audited). */
export async function listInvitations(ctx: Ctx, organisationId: string) {
	const org = await orgForInviting(ctx, organisationId);
	return ctx.db.transaction(async (tx) => {
		const rows = await tx
			.select({
				id: invitations.id,
				email: invitations.email,
				role: invitations.role,
				createdAt: invitations.createdAt,
				expiresAt: invitations.expiresAt,
				acceptedAt: invitations.acceptedAt,
				revokedAt: invitations.revokedAt,
				invitedBy: users.displayName
			})
			.from(invitations)
			.leftJoin(users, eq(users.id, invitations.invitedBy))
			.where(and(eq(invitations.organisationId, org.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
			.orderBy(desc(invitations.createdAt))
			.limit(MAX_PENDING * 2);
		await audit(ctx, tx, {
			action: 'organisation.invitations.view',
			resourceType: 'organisation',
			resourceId: org.id,
			details: { count: rows.length }
		});
		return { org, invitations: rows.map((r) => ({ ...r, state: stateOf(r) })) };
	});
}

async function openInvitation(ctx: Ctx, organisationId: string, invitationId: string) {
	const org = await orgForInviting(ctx, organisationId);
	if (!isUuid(invitationId)) throw new Refusal(404, 'org_invitation_not_found');
	const [inv] = await ctx.db
		.select()
		.from(invitations)
		.where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, org.id)))
		.limit(1);
	if (!inv) throw new Refusal(404, 'org_invitation_not_found');
	return { org, inv };
}

export async function revokeInvitation(ctx: Ctx, organisationId: string, invitationId: string): Promise<void> {
	const { org, inv } = await openInvitation(ctx, organisationId, invitationId);
	const state = stateOf(inv);
	if (state === 'accepted' || state === 'revoked') throw new Refusal(409, 'org_invitation_closed');
	await ctx.db.transaction(async (tx) => {
		const done = await tx
			.update(invitations)
			.set({ revokedAt: new Date() })
			.where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
			.returning({ id: invitations.id });
		if (done.length === 0) throw new Refusal(409, 'org_invitation_closed');
		await audit(ctx, tx, {
			action: 'organisation.invitation.revoke',
			resourceType: 'invitation',
			resourceId: inv.id,
			details: { organisationId: org.id }
		});
	});
}

/** Sends a fresh link (the old one stops working) valid another 7 days. */
export async function resendInvitation(ctx: Ctx, organisationId: string, invitationId: string): Promise<void> {
	const { org, inv } = await openInvitation(ctx, organisationId, invitationId);
	const state = stateOf(inv);
	if (state === 'accepted' || state === 'revoked') throw new Refusal(409, 'org_invitation_closed');
	if (!mayGrant(ctx, org.id, inv.role)) throw new Refusal(403, 'org_invite_owner_forbidden');
	const token = newToken();
	await ctx.db.transaction(async (tx) => {
		const done = await tx
			.update(invitations)
			.set({ tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_DAYS * DAY) })
			.where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
			.returning({ id: invitations.id });
		if (done.length === 0) throw new Refusal(409, 'org_invitation_closed');
		await audit(ctx, tx, {
			action: 'organisation.invitation.resend',
			resourceType: 'invitation',
			resourceId: inv.id,
			details: { organisationId: org.id }
		});
	});
	await sendInvitation(ctx.db, ctx, inv.email, org.name, inv.role, token);
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** What the invitation page shows. Null for a token that never existed. */
export async function lookupInvitation(db: Db, token: string) {
	if (!TOKEN.test(token)) return null;
	const [row] = await db
		.select({ inv: invitations, organisation: organisations.name })
		.from(invitations)
		.innerJoin(organisations, eq(organisations.id, invitations.organisationId))
		.where(eq(invitations.tokenHash, hashToken(token)))
		.limit(1);
	if (!row) return null;
	return { organisation: row.organisation, organisationId: row.inv.organisationId, role: row.inv.role, state: stateOf(row.inv) };
}

const closedKey: Record<Exclude<InvitationState, 'pending'>, string> = {
	expired: 'org_invitation_expired',
	accepted: 'org_invitation_used',
	revoked: 'org_invitation_revoked'
};

/**
 * Accepts an invitation for the signed-in actor. Creates the membership,
 * marks the invitation accepted by them, and replaces their session (a
 * privilege change) — all in one transaction. Returns the new session.
 */
export async function acceptInvitation(
	ctx: Ctx,
	by: { token: string } | { invitationId: string },
	sessionId: string
): Promise<{ organisationId: string; session: NewSession }> {
	if (ctx.actor.kind !== 'user' || can(ctx.actor, 'invitation.accept') !== 'allowed') throw forbidden();
	const actor = ctx.actor;
	let where;
	if ('token' in by) {
		if (!TOKEN.test(by.token)) throw new Refusal(404, 'org_invitation_invalid');
		where = eq(invitations.tokenHash, hashToken(by.token));
	} else {
		// Without the link, only for an invitation to the person's own verified address.
		if (!isUuid(by.invitationId)) throw new Refusal(404, 'org_invitation_invalid');
		const [me] = await ctx.db.select({ email: users.email, verified: users.emailVerifiedAt }).from(users).where(eq(users.id, actor.userId));
		if (!me?.email || !me.verified) throw new Refusal(404, 'org_invitation_invalid');
		where = and(eq(invitations.id, by.invitationId), eq(invitations.email, me.email.toLowerCase()));
	}
	return ctx.db.transaction(async (tx) => {
		const [inv] = await tx.select().from(invitations).where(where).for('update').limit(1);
		if (!inv) throw new Refusal(404, 'org_invitation_invalid');
		const state = stateOf(inv);
		if (state !== 'pending') throw new Refusal(410, closedKey[state]);
		const [existing] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.organisationId, inv.organisationId), eq(memberships.userId, actor.userId)))
			.limit(1);
		if (existing) throw new Refusal(409, 'org_invitation_already_member');
		await tx.insert(memberships).values({ organisationId: inv.organisationId, userId: actor.userId, role: inv.role });
		await tx.update(invitations).set({ acceptedAt: new Date(), acceptedBy: actor.userId }).where(eq(invitations.id, inv.id));
		const [me] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).limit(1);
		const session = await rotateSession(tx, sessionId, actor.userId);
		await audit(ctx, tx, {
			action: 'invitation.accept',
			resourceType: 'invitation',
			resourceId: inv.id,
			details: {
				organisationId: inv.organisationId,
				role: inv.role,
				sameEmail: (me?.email ?? '').toLowerCase() === inv.email.toLowerCase()
			}
		});
		return { organisationId: inv.organisationId, session };
	});
}

/** Open invitations addressed to the signed-in person's e-mail (for the dashboard). */
export async function invitationsForMe(ctx: Ctx) {
	if (ctx.actor.kind !== 'user') return [];
	const [me] = await ctx.db.select({ email: users.email, verified: users.emailVerifiedAt }).from(users).where(eq(users.id, ctx.actor.userId));
	// Only a verified address: otherwise anyone could type someone else's address and see their invitations.
	if (!me?.email || !me.verified) return [];
	return ctx.db
		.select({ id: invitations.id, organisation: organisations.name, role: invitations.role, expiresAt: invitations.expiresAt })
		.from(invitations)
		.innerJoin(organisations, eq(organisations.id, invitations.organisationId))
		.where(
			and(
				eq(invitations.email, me.email.toLowerCase()),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, new Date())
			)
		)
		.orderBy(desc(invitations.createdAt));
}
