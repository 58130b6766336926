/**
 * Organisations: create, read, update, list. Every function takes a Ctx and
 * asks the policy itself; routes ask first too (for the right redirect).
 */
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
import { memberships, neighbourhoods, organisations } from '../db/schema/index.ts';
import type { MemberRole, OrganisationType } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { can, type Action } from '../policy/index.ts';
import { Refusal, forbidden, isUuid, notFound } from './errors.ts';
import { slugCandidates } from './slug.ts';
import type { OrganisationInput } from './schemas.ts';

export type Organisation = typeof organisations.$inferSelect;
export const PAGE_SIZE = 20;

export function audit(ctx: Ctx, tx: Tx, entry: Omit<Parameters<typeof record>[1], 'actorId' | 'ip' | 'requestId' | 'outcome'> & { outcome?: 'done' | 'denied' }) {
	return record(tx, { actorId: actorId(ctx), ip: ctx.ip, requestId: ctx.requestId, outcome: 'done', ...entry });
}

/** What the actor may do with this organisation, for the page to show or hide controls. */
export function permissionsFor(ctx: Ctx, org: Pick<Organisation, 'id' | 'verification'>) {
	const r = { type: 'organisation' as const, id: org.id, verification: org.verification };
	const ok = (a: Action) => can(ctx.actor, a, r) === 'allowed';
	const allowedOrFactor = (a: Action) => {
		const d = can(ctx.actor, a, r);
		return d === 'allowed' || d === 'second_factor_required';
	};
	return {
		view: ok('organisation.view'),
		update: ok('organisation.update'),
		verify: ok('organisation.verify'),
		/** Shown as links even when a second factor is still owed: the page asks for it. */
		members: allowedOrFactor('organisation.members.view'),
		manage: allowedOrFactor('organisation.members.manage'),
		invite: allowedOrFactor('organisation.invite'),
		leave: ok('organisation.leave'),
		/** Edit the organisation's services and locations (the directory). */
		directory: ok('directory.manage'),
		import: ok('directory.import'),
		export: ok('directory.export'),
		/** The volunteering workspace (opportunities; volunteers and hours ask for the second factor themselves). */
		volunteering: ok('volunteering.opportunity.manage'),
		volunteers: allowedOrFactor('volunteering.volunteers.manage'),
		/** Buddy programmes (the pages ask for the second factor themselves). */
		buddies: allowedOrFactor('buddies.manage')
	};
}

async function checkNeighbourhood(tx: Tx, id: string): Promise<string | null> {
	if (!id) return null;
	const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id)).limit(1);
	if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhood');
	return n.id;
}

export async function createOrganisation(ctx: Ctx, input: OrganisationInput): Promise<{ id: string; slug: string }> {
	if (ctx.actor.kind !== 'user' || can(ctx.actor, 'organisation.create') !== 'allowed') throw forbidden();
	const userId = ctx.actor.userId;
	return ctx.db.transaction(async (tx) => {
		const neighbourhoodId = await checkNeighbourhood(tx, input.neighbourhood);
		let created: { id: string; slug: string } | undefined;
		let tries = 0;
		for (const slug of slugCandidates(input.name)) {
			if (++tries > 30) break;
			const [row] = await tx
				.insert(organisations)
				.values({
					slug,
					name: input.name,
					type: input.type,
					description: input.description,
					website: input.website || null,
					email: input.email || null,
					phone: input.phone || null,
					neighbourhoodId,
					createdBy: userId
				})
				.onConflictDoNothing({ target: organisations.slug })
				.returning({ id: organisations.id, slug: organisations.slug });
			if (row) {
				created = row;
				break;
			}
		}
		if (!created) throw new Error('could not find a free slug');
		await tx.insert(memberships).values({ organisationId: created.id, userId, role: 'owner' });
		await audit(ctx, tx, {
			action: 'organisation.create',
			resourceType: 'organisation',
			resourceId: created.id,
			details: { type: input.type }
		});
		return created;
	});
}

export async function findOrganisation(db: Tx, id: string): Promise<Organisation | null> {
	if (!isUuid(id)) return null;
	const [org] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
	return org ?? null;
}

/**
 * The organisation for the workspace. Not found, or not visible to this
 * actor (an unverified organisation they have nothing to do with): 404.
 */
export async function getOrganisation(ctx: Ctx, id: string) {
	const org = await findOrganisation(ctx.db, id);
	if (!org) throw notFound();
	const permissions = permissionsFor(ctx, org);
	if (!permissions.view) throw notFound();
	const neighbourhood = org.neighbourhoodId
		? ((await ctx.db.select({ name: neighbourhoods.name }).from(neighbourhoods).where(eq(neighbourhoods.id, org.neighbourhoodId)))[0]?.name ?? null)
		: null;
	const role: MemberRole | null = ctx.actor.kind === 'user' ? (ctx.actor.memberships.get(org.id) ?? null) : null;
	return { org, neighbourhood, role, permissions };
}

/** The public profile by slug: 404 unless verified, or the viewer is a member or city staff. */
export async function getPublicOrganisation(ctx: Ctx, slug: string) {
	if (!/^[a-z0-9-]{1,80}$/.test(slug)) throw notFound();
	const [org] = await ctx.db
		.select({ org: organisations, neighbourhood: neighbourhoods.name })
		.from(organisations)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, organisations.neighbourhoodId))
		.where(eq(organisations.slug, slug))
		.limit(1);
	if (!org) throw notFound();
	const permissions = permissionsFor(ctx, org.org);
	if (!permissions.view) throw notFound();
	return { org: org.org, neighbourhood: org.neighbourhood, permissions };
}

export async function updateOrganisation(ctx: Ctx, id: string, input: OrganisationInput): Promise<void> {
	const org = await findOrganisation(ctx.db, id);
	if (!org || !permissionsFor(ctx, org).view) throw notFound();
	if (can(ctx.actor, 'organisation.update', { type: 'organisation', id: org.id, verification: org.verification }) !== 'allowed') {
		throw forbidden();
	}
	await ctx.db.transaction(async (tx) => {
		const neighbourhoodId = await checkNeighbourhood(tx, input.neighbourhood);
		const next = {
			name: input.name,
			type: input.type,
			description: input.description,
			website: input.website || null,
			email: input.email || null,
			phone: input.phone || null,
			neighbourhoodId
		};
		const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => (org[k] ?? null) !== (next[k] ?? null));
		if (changed.length === 0) return;
		await tx.update(organisations).set({ ...next, updatedAt: new Date() }).where(eq(organisations.id, org.id));
		await audit(ctx, tx, {
			action: 'organisation.update',
			resourceType: 'organisation',
			resourceId: org.id,
			details: { fields: changed.join(',') }
		});
	});
}

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface PublicListQuery {
	type?: OrganisationType | null;
	q?: string | null;
	page?: number;
}

/** Verified organisations, for everyone. */
export async function listPublicOrganisations(db: Db, query: PublicListQuery) {
	const where: SQL[] = [eq(organisations.verification, 'verified')];
	if (query.type) where.push(eq(organisations.type, query.type));
	const q = query.q?.normalize('NFC').trim().slice(0, 100);
	if (q) {
		const pattern = `%${escapeLike(q)}%`;
		where.push(or(ilike(organisations.name, pattern), ilike(organisations.description, pattern))!);
	}
	const cond = and(...where);
	const [{ total }] = await db.select({ total: count().mapWith(Number) }).from(organisations).where(cond);
	const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
	const items = await db
		.select({
			id: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			type: organisations.type,
			description: organisations.description,
			neighbourhood: neighbourhoods.name
		})
		.from(organisations)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, organisations.neighbourhoodId))
		.where(cond)
		.orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE);
	return { items, total, page, pageCount };
}

/** The signed-in person's organisations with their role. */
export async function myOrganisations(ctx: Ctx) {
	if (ctx.actor.kind !== 'user') return [];
	return ctx.db
		.select({
			id: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			type: organisations.type,
			verification: organisations.verification,
			role: memberships.role
		})
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(eq(memberships.userId, ctx.actor.userId))
		.orderBy(asc(sql`lower(${organisations.name})`));
}

export async function listNeighbourhoods(db: Db) {
	return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
}

