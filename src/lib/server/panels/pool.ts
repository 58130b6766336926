/**
 * The opt-in pool and a person's own panels (issue 7): opting in with what
 * panels are composed by, after reading who sees it and why; withdrawing
 * deletes the profile (and pending invitations); answering an invitation
 * (accepting records the consent to take part, with its time).
 */
import { and, asc, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { panelDrafts, panelMembers, panelPool, panels, type PanelAgeBand, type PanelGender, type PanelMemberStatus } from '../db/schema/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { audit, me, requirePolicy } from './common.ts';
import type { JoinInput } from './schemas.ts';

const self = { type: 'platform' } as const;

export interface PoolProfile {
	languages: string[];
	ageBand: PanelAgeBand;
	gender: PanelGender | null;
	genderSelf: string | null;
	services: string[];
	consentedAt: Date;
}

export async function myPoolProfile(ctx: Ctx): Promise<PoolProfile | null> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'panels.join', self, { type: 'panel_pool', id: userId });
	const [row] = await ctx.db
		.select({ languages: panelPool.languages, ageBand: panelPool.ageBand, gender: panelPool.gender, genderSelf: panelPool.genderSelf, services: panelPool.services, consentedAt: panelPool.consentedAt })
		.from(panelPool)
		.where(eq(panelPool.userId, userId));
	return row ?? null;
}

/** Opts in (or updates one's profile); the consent's time is that of the latest save. */
export async function joinPool(ctx: Ctx, input: JoinInput, now = new Date()): Promise<void> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'panels.join', self, { type: 'panel_pool', id: userId });
	if (!input.consent) throw new Refusal(400, 'panels_consent_required', 'consent');
	const values = {
		languages: input.languages,
		ageBand: input.ageBand,
		gender: input.gender,
		genderSelf: input.gender === 'self_described' ? input.genderSelf : null,
		services: input.services,
		consentedAt: now,
		updatedAt: now
	};
	await ctx.db.transaction(async (tx) => {
		const done = await tx.insert(panelPool).values({ userId, ...values }).onConflictDoUpdate({ target: panelPool.userId, set: values }).returning({ userId: panelPool.userId });
		await audit(ctx, tx, 'panels.pool.join', 'panel_pool', done[0].userId);
	});
}

/** Leaves the pool: the profile is deleted, pending invitations go with it. Panels already accepted are kept (leave them from /panels/me). */
export async function withdrawFromPool(ctx: Ctx): Promise<{ deleted: boolean }> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'panels.join', self, { type: 'panel_pool', id: userId });
	return ctx.db.transaction(async (tx) => {
		const gone = await tx.delete(panelPool).where(eq(panelPool.userId, userId)).returning({ userId: panelPool.userId });
		const pending = await tx.delete(panelMembers).where(and(eq(panelMembers.userId, userId), eq(panelMembers.status, 'invited'))).returning({ id: panelMembers.id });
		await audit(ctx, tx, 'panels.pool.withdraw', 'panel_pool', userId, 'done', { deleted: gone.length > 0, invitationsDropped: pending.length });
		return { deleted: gone.length > 0 };
	});
}

export interface MyPanel {
	memberId: string;
	panelId: string;
	name: string;
	purpose: string;
	status: PanelMemberStatus;
	invitedAt: Date;
	respondedAt: Date | null;
	drafts: { id: string; title: string; status: 'preparing' | 'open' | 'closed'; summaryPublished: boolean }[];
}

/** My invitations and panels, with the shared drafts of those I accepted. */
export async function myPanels(ctx: Ctx): Promise<MyPanel[]> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'panels.join', self, { type: 'panel_member', id: null });
	const rows = await ctx.db
		.select({ memberId: panelMembers.id, panelId: panels.id, name: panels.name, purpose: panels.purpose, status: panelMembers.status, invitedAt: panelMembers.invitedAt, respondedAt: panelMembers.respondedAt })
		.from(panelMembers)
		.innerJoin(panels, eq(panels.id, panelMembers.panelId))
		.where(eq(panelMembers.userId, userId))
		.orderBy(desc(panelMembers.invitedAt));
	const accepted = rows.filter((r) => r.status === 'accepted').map((r) => r.panelId);
	const drafts = accepted.length
		? await ctx.db
				.select({ id: panelDrafts.id, panelId: panelDrafts.panelId, title: panelDrafts.title, status: panelDrafts.status, publishedAt: panelDrafts.summaryPublishedAt })
				.from(panelDrafts)
				.where(and(inArray(panelDrafts.panelId, accepted), ne(panelDrafts.status, 'preparing'), isNotNull(panelDrafts.sharedAt)))
				.orderBy(asc(panelDrafts.createdAt))
		: [];
	return rows.map((r) => ({
		...r,
		drafts: r.status === 'accepted' ? drafts.filter((d) => d.panelId === r.panelId).map((d) => ({ id: d.id, title: d.title, status: d.status, summaryPublished: d.publishedAt !== null })) : []
	}));
}

/**
 * Accepts (the consent to take part, with its time) or declines one's own
 * invitation; an accepted member may later decline (leave). Anyone else's
 * member id is the same 404 as a forged one.
 */
export async function respond(ctx: Ctx, memberId: string, decision: 'accept' | 'decline', consent: boolean, now = new Date()): Promise<PanelMemberStatus> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'panels.join', self, { type: 'panel_member', id: isUuid(memberId) ? memberId : null });
	if (!isUuid(memberId)) throw new Refusal(404, 'panels_member_not_found');
	if (decision === 'accept' && !consent) throw new Refusal(400, 'panels_consent_required', 'consent');
	return ctx.db.transaction(async (tx) => {
		const [m] = await tx.select({ status: panelMembers.status }).from(panelMembers).where(and(eq(panelMembers.id, memberId), eq(panelMembers.userId, userId))).for('update');
		if (!m) throw new Refusal(404, 'panels_member_not_found');
		const status: PanelMemberStatus = decision === 'accept' ? 'accepted' : 'declined';
		if (m.status === status) throw new Refusal(409, decision === 'accept' ? 'panels_already_accepted' : 'panels_already_declined');
		if (m.status === 'declined') throw new Refusal(409, 'panels_already_declined');
		await tx.update(panelMembers).set({ status, respondedAt: now }).where(eq(panelMembers.id, memberId));
		await audit(ctx, tx, `panels.member.${decision}`, 'panel_member', memberId);
		return status;
	});
}
