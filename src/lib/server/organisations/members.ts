/**
 * Members of an organisation: list (audited: it shows people's names and
 * e-mail addresses), change role, remove, leave. An organisation always
 * keeps at least one owner.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { memberships, users } from '../db/schema/index.ts';
import type { MemberRole } from '../db/schema/index.ts';
import { can, type Action } from '../policy/index.ts';
import { Refusal, forbidden, isUuid, notFound } from './errors.ts';
import { audit, findOrganisation, permissionsFor } from './organisations.ts';

async function orgFor(ctx: Ctx, organisationId: string, action: Action) {
	const org = await findOrganisation(ctx.db, organisationId);
	if (!org || !permissionsFor(ctx, org).view) throw notFound();
	if (can(ctx.actor, action, { type: 'organisation', id: org.id, verification: org.verification }) !== 'allowed') throw forbidden();
	return org;
}

export async function listMembers(ctx: Ctx, organisationId: string) {
	const org = await orgFor(ctx, organisationId, 'organisation.members.view');
	return ctx.db.transaction(async (tx) => {
		const rows = await tx
			.select({ userId: users.id, displayName: users.displayName, email: users.email, role: memberships.role, since: memberships.createdAt })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.organisationId, org.id))
			.orderBy(asc(memberships.createdAt), asc(users.id));
		await audit(ctx, tx, {
			action: 'organisation.members.view',
			resourceType: 'organisation',
			resourceId: org.id,
			details: { count: rows.length }
		});
		return rows;
	});
}

/** Serialises changes to one organisation's members, so two requests cannot both remove "another" owner. */
async function lockOrganisation(tx: Tx, id: string): Promise<void> {
	await tx.execute(sql`select id from organisations where id = ${id} for update`);
}

async function ownerCount(tx: Tx, organisationId: string): Promise<number> {
	const [{ n }] = await tx
		.select({ n: count() })
		.from(memberships)
		.where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'owner')));
	return Number(n);
}

async function currentRole(tx: Tx, organisationId: string, userId: string): Promise<MemberRole | null> {
	const [m] = await tx
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
		.limit(1);
	return m?.role ?? null;
}

export async function changeRole(ctx: Ctx, organisationId: string, userId: string, role: MemberRole): Promise<void> {
	const org = await orgFor(ctx, organisationId, 'organisation.members.manage');
	if (!isUuid(userId)) throw new Refusal(404, 'org_member_not_found');
	await ctx.db.transaction(async (tx) => {
		await lockOrganisation(tx, org.id);
		const from = await currentRole(tx, org.id, userId);
		if (!from) throw new Refusal(404, 'org_member_not_found');
		if (from === role) return;
		if (from === 'owner' && (await ownerCount(tx, org.id)) <= 1) throw new Refusal(409, 'org_last_owner');
		await tx
			.update(memberships)
			.set({ role })
			.where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, userId)));
		await audit(ctx, tx, {
			action: 'organisation.members.role',
			resourceType: 'organisation',
			resourceId: org.id,
			details: { userId, from, to: role }
		});
	});
}

export async function removeMember(ctx: Ctx, organisationId: string, userId: string): Promise<void> {
	const org = await orgFor(ctx, organisationId, 'organisation.members.manage');
	if (!isUuid(userId)) throw new Refusal(404, 'org_member_not_found');
	await ctx.db.transaction(async (tx) => {
		await lockOrganisation(tx, org.id);
		const from = await currentRole(tx, org.id, userId);
		if (!from) throw new Refusal(404, 'org_member_not_found');
		if (from === 'owner' && (await ownerCount(tx, org.id)) <= 1) throw new Refusal(409, 'org_last_owner');
		await tx.delete(memberships).where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, userId)));
		await audit(ctx, tx, {
			action: 'organisation.members.remove',
			resourceType: 'organisation',
			resourceId: org.id,
			details: { userId, role: from }
		});
	});
}

export async function leaveOrganisation(ctx: Ctx, organisationId: string): Promise<void> {
	if (ctx.actor.kind !== 'user') throw forbidden();
	const userId = ctx.actor.userId;
	const org = await orgFor(ctx, organisationId, 'organisation.leave');
	await ctx.db.transaction(async (tx) => {
		await lockOrganisation(tx, org.id);
		const from = await currentRole(tx, org.id, userId);
		if (!from) throw new Refusal(404, 'org_member_not_found');
		if (from === 'owner' && (await ownerCount(tx, org.id)) <= 1) throw new Refusal(409, 'org_last_owner_leave');
		await tx.delete(memberships).where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, userId)));
		await audit(ctx, tx, {
			action: 'organisation.leave',
			resourceType: 'organisation',
			resourceId: org.id,
			details: { role: from }
		});
	});
}

/** Owners of an organisation with an e-mail address, for notices. */
export async function ownersOf(tx: Tx, organisationId: string) {
	return tx
		.select({ email: users.email, locale: users.locale })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'owner')));
}

