/**
 * Composing a panel (issue 7), by city staff past the second factor: name,
 * purpose, languages and targets; filtering the pool; inviting (by e-mail)
 * and removing members; the coverage table; a greedy suggestion; vouchers.
 * Every read of the pool or of members is audited.
 */
import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { actorId } from '../context.ts';
import { panelCompensations, panelDrafts, panelMembers, panelPool, panels, users, type PanelMemberStatus, type PanelTarget } from '../db/schema/index.ts';
import { notify } from '../notifications/index.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { coverage, suggest, type CoverageRow, type Profile } from '../../panels/coverage.ts';
import { audit, panelHead, requireManager } from './common.ts';
import type { CompensationInput, PanelInput, PoolQuery } from './schemas.ts';

export async function createPanel(ctx: Ctx, input: PanelInput): Promise<{ id: string }> {
	await requireManager(ctx);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.insert(panels).values({ name: input.name, purpose: input.purpose, languages: input.languages, targets: input.targets, createdBy: actorId(ctx) }).returning({ id: panels.id });
		await audit(ctx, tx, 'panels.create', 'panel', row.id, 'done', { targets: input.targets.length });
		return { id: row.id };
	});
}

export async function listPanels(ctx: Ctx) {
	await requireManager(ctx);
	const accepted = sql<number>`(select count(*) from ${panelMembers} pm where pm.panel_id = ${panels.id} and pm.status = 'accepted')`.mapWith(Number);
	const invited = sql<number>`(select count(*) from ${panelMembers} pm where pm.panel_id = ${panels.id} and pm.status = 'invited')`.mapWith(Number);
	return ctx.db.select({ id: panels.id, name: panels.name, purpose: panels.purpose, languages: panels.languages, createdAt: panels.createdAt, accepted, invited }).from(panels).orderBy(desc(panels.createdAt));
}

export interface MemberRow extends Profile {
	memberId: string;
	displayName: string;
	status: PanelMemberStatus;
	invitedAt: Date;
	respondedAt: Date | null;
	/** Still in the pool (else the profile was withdrawn and criteria are unknown). */
	inPool: boolean;
	genderSelf: string | null;
}

export interface PanelView {
	id: string;
	name: string;
	purpose: string;
	languages: string[];
	targets: PanelTarget[];
	members: MemberRow[];
	/** Counted over members who accepted or are still invited (declined ones do not count). */
	coverage: CoverageRow[];
	/** Coverage by accepted members only. */
	coverageAccepted: CoverageRow[];
	compensations: { id: string; memberId: string; displayName: string; amountCents: number; currency: string; givenOn: string; note: string }[];
	/** Total per currency. */
	totals: { currency: string; amountCents: number; count: number }[];
	drafts: { id: string; title: string; status: 'preparing' | 'open' | 'closed'; createdAt: Date; summaryPublished: boolean }[];
}

async function memberRows(ctx: Ctx, panelId: string): Promise<MemberRow[]> {
	const rows = await ctx.db
		.select({
			memberId: panelMembers.id,
			userId: panelMembers.userId,
			displayName: users.displayName,
			status: panelMembers.status,
			invitedAt: panelMembers.invitedAt,
			respondedAt: panelMembers.respondedAt,
			languages: panelPool.languages,
			ageBand: panelPool.ageBand,
			gender: panelPool.gender,
			genderSelf: panelPool.genderSelf,
			services: panelPool.services
		})
		.from(panelMembers)
		.innerJoin(users, eq(users.id, panelMembers.userId))
		.leftJoin(panelPool, eq(panelPool.userId, panelMembers.userId))
		.where(eq(panelMembers.panelId, panelId))
		.orderBy(asc(users.displayName), asc(panelMembers.id));
	return rows.map((r) => ({ ...r, inPool: r.ageBand !== null, languages: r.languages ?? [], ageBand: r.ageBand ?? '', services: r.services ?? [] }));
}

export async function getPanel(ctx: Ctx, panelId: string): Promise<PanelView> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	const head = await panelHead(ctx.db, panelId);
	const [p] = await ctx.db.select({ targets: panels.targets }).from(panels).where(eq(panels.id, panelId));
	const members = await memberRows(ctx, panelId);
	const comp = await ctx.db
		.select({ id: panelCompensations.id, memberId: panelCompensations.memberId, displayName: users.displayName, amountCents: panelCompensations.amountCents, currency: panelCompensations.currency, givenOn: panelCompensations.givenOn, note: panelCompensations.note })
		.from(panelCompensations)
		.innerJoin(panelMembers, eq(panelMembers.id, panelCompensations.memberId))
		.innerJoin(users, eq(users.id, panelMembers.userId))
		.where(eq(panelCompensations.panelId, panelId))
		.orderBy(asc(panelCompensations.givenOn), asc(panelCompensations.createdAt));
	const totals = new Map<string, { currency: string; amountCents: number; count: number }>();
	for (const c of comp) {
		const t = totals.get(c.currency) ?? { currency: c.currency, amountCents: 0, count: 0 };
		t.amountCents += c.amountCents;
		t.count++;
		totals.set(c.currency, t);
	}
	const drafts = await ctx.db
		.select({ id: panelDrafts.id, title: panelDrafts.title, status: panelDrafts.status, createdAt: panelDrafts.createdAt, publishedAt: panelDrafts.summaryPublishedAt })
		.from(panelDrafts)
		.where(eq(panelDrafts.panelId, panelId))
		.orderBy(asc(panelDrafts.createdAt));
	await audit(ctx, ctx.db, 'panels.view', 'panel', panelId, 'done', { members: members.length });
	const counted = members.filter((x) => x.status !== 'declined' && x.inPool);
	return {
		...head,
		targets: p.targets,
		members,
		coverage: coverage(p.targets, counted),
		coverageAccepted: coverage(p.targets, counted.filter((x) => x.status === 'accepted')),
		compensations: comp,
		totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
		drafts: drafts.map((d) => ({ id: d.id, title: d.title, status: d.status, createdAt: d.createdAt, summaryPublished: d.publishedAt !== null }))
	};
}

export interface Candidate extends Profile {
	displayName: string;
	genderSelf: string | null;
}

/** People of the pool not on this panel, filtered; with `suggest`, the greedy cover of what is missing. Audited (it reads personal data). */
export async function searchPool(ctx: Ctx, panelId: string, q: PoolQuery, limit = 100): Promise<{ candidates: Candidate[]; suggested: Candidate[] }> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	await panelHead(ctx.db, panelId);
	const onPanel = ctx.db.select({ userId: panelMembers.userId }).from(panelMembers).where(eq(panelMembers.panelId, panelId));
	const where = [notInArray(panelPool.userId, onPanel)];
	if (q.language) where.push(sql`${q.language} = any(${panelPool.languages})`);
	if (q.ageBand) where.push(eq(panelPool.ageBand, q.ageBand));
	if (q.gender) where.push(eq(panelPool.gender, q.gender));
	if (q.service) where.push(sql`${q.service} = any(${panelPool.services})`);
	const select = {
		userId: panelPool.userId,
		displayName: users.displayName,
		languages: panelPool.languages,
		ageBand: panelPool.ageBand,
		gender: panelPool.gender,
		genderSelf: panelPool.genderSelf,
		services: panelPool.services
	};
	const candidates = await ctx.db.select(select).from(panelPool).innerJoin(users, eq(users.id, panelPool.userId)).where(and(...where)).orderBy(asc(users.displayName), asc(panelPool.userId)).limit(limit);
	let suggested: Candidate[] = [];
	if (q.suggest) {
		const [p] = await ctx.db.select({ targets: panels.targets }).from(panels).where(eq(panels.id, panelId));
		const members = (await memberRows(ctx, panelId)).filter((x) => x.status !== 'declined' && x.inPool);
		const everyone = await ctx.db.select(select).from(panelPool).innerJoin(users, eq(users.id, panelPool.userId)).where(notInArray(panelPool.userId, onPanel)).orderBy(asc(panelPool.consentedAt), asc(panelPool.userId)).limit(2000);
		suggested = suggest(p.targets, members, everyone) as Candidate[];
	}
	await audit(ctx, ctx.db, 'panels.pool.search', 'panel', panelId, 'done', { shown: candidates.length, suggested: suggested.length });
	return { candidates, suggested };
}

/**
 * Invites people of the pool; each gets an e-mail. An id that is not in the
 * pool (forged, withdrawn) refuses the whole invitation; people already on
 * the panel are left as they are.
 */
export async function invite(ctx: Ctx, panelId: string, userIds: readonly string[]): Promise<{ invited: number }> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	const head = await panelHead(ctx.db, panelId);
	if (userIds.length === 0 || userIds.length > 50) throw new Refusal(400, 'panels_choose_people', 'userIds');
	if (!userIds.every(isUuid)) throw new Refusal(400, 'panels_person_not_in_pool', 'userIds');
	return ctx.db.transaction(async (tx) => {
		const inPool = await tx.select({ userId: panelPool.userId, email: users.email, locale: users.locale }).from(panelPool).innerJoin(users, eq(users.id, panelPool.userId)).where(inArray(panelPool.userId, [...userIds]));
		if (inPool.length !== userIds.length) throw new Refusal(400, 'panels_person_not_in_pool', 'userIds');
		const added = await tx
			.insert(panelMembers)
			.values(inPool.map((p) => ({ panelId, userId: p.userId, invitedBy: actorId(ctx) })))
			.onConflictDoNothing()
			.returning({ id: panelMembers.id, userId: panelMembers.userId });
		for (const a of added) {
			await audit(ctx, tx, 'panels.member.invite', 'panel_member', a.id, 'done', { panelId });
			await notify(
				tx,
				{
					userId: a.userId,
					kind: 'panel_invitation',
					template: 'panel_invitation',
					title: (locale) => m.panels_mail_invite_subject({ name: head.name }, { locale }),
					body: (locale) => m.panels_mail_invite_body({ name: head.name, purpose: head.purpose, link: `${linkOrigin(ctx.origin)}/panels/me` }, { locale }),
					link: '/panels/me'
				},
				ctx.origin
			);
		}
		return { invited: added.length };
	});
}

/** Takes a member off the panel (their answers and vouchers go with them). A member of another panel is the same 404 as a forged id. */
export async function removeMember(ctx: Ctx, panelId: string, memberId: string): Promise<void> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	await panelHead(ctx.db, panelId);
	if (!isUuid(memberId)) throw new Refusal(404, 'panels_member_not_found');
	await ctx.db.transaction(async (tx) => {
		const gone = await tx.delete(panelMembers).where(and(eq(panelMembers.id, memberId), eq(panelMembers.panelId, panelId))).returning({ id: panelMembers.id });
		if (!gone.length) throw new Refusal(404, 'panels_member_not_found');
		await audit(ctx, tx, 'panels.member.remove', 'panel_member', memberId, 'done', { panelId });
	});
}

/** Records a voucher given to a member of this panel (invited, accepted or declined: they may have come once). */
export async function recordCompensation(ctx: Ctx, panelId: string, input: CompensationInput): Promise<{ id: string }> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	await panelHead(ctx.db, panelId);
	return ctx.db.transaction(async (tx) => {
		const [mem] = await tx.select({ id: panelMembers.id }).from(panelMembers).where(and(eq(panelMembers.id, input.memberId), eq(panelMembers.panelId, panelId)));
		if (!mem) throw new Refusal(400, 'panels_member_not_found', 'memberId');
		// A form sent twice (a reload, a double click) records one voucher.
		const [same] = await tx
			.select({ id: panelCompensations.id })
			.from(panelCompensations)
			.where(and(eq(panelCompensations.memberId, mem.id), eq(panelCompensations.amountCents, input.amount), eq(panelCompensations.currency, input.currency), eq(panelCompensations.givenOn, input.givenOn), eq(panelCompensations.note, input.note)));
		if (same) throw new Refusal(409, 'panels_voucher_duplicate');
		const [row] = await tx
			.insert(panelCompensations)
			.values({ panelId, memberId: mem.id, amountCents: input.amount, currency: input.currency, givenOn: input.givenOn, note: input.note, recordedBy: actorId(ctx) })
			.returning({ id: panelCompensations.id });
		await audit(ctx, tx, 'panels.compensation.record', 'panel_compensation', row.id, 'done', { panelId, memberId: mem.id, amountCents: input.amount, currency: input.currency });
		return { id: row.id };
	});
}

