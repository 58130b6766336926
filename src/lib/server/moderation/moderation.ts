/**
 * Moderation (issue 7, docs/decisions/026-moderation-and-notifications.md):
 * anyone signed in reports an idea or a comment; moderators see what was
 * reported or flagged by the word lists, and hide, restore or keep it with a
 * reason. Every decision is a row and an audit entry, and the author is told
 * why. Nothing is ever deleted here.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { ideaComments, ideas, moderationDecisions, moderationReports, users, type ModeratedType, type ReportReason } from '../db/schema/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { notify } from '../notifications/index.ts';
import { audit, me, postingAllowed, requirePolicy } from '../cocreation/common.ts';

const notFound = () => new Refusal(404, 'moderation_item_not_found');

interface Subject {
	type: ModeratedType;
	id: string;
	callId: string;
	ideaId: string;
	authorId: string | null;
	title: string;
	hidden: boolean;
}

async function subject(tx: Tx, type: ModeratedType, id: string, lock = false): Promise<Subject> {
	if (type === 'idea') {
		const q = tx.select({ id: ideas.id, callId: ideas.callId, authorId: ideas.authorId, title: ideas.title, hiddenAt: ideas.hiddenAt, status: ideas.status }).from(ideas).where(eq(ideas.id, id));
		const [i] = lock ? await q.for('update') : await q;
		if (!i || i.status === 'withdrawn') throw notFound();
		return { type, id: i.id, callId: i.callId, ideaId: i.id, authorId: i.authorId, title: i.title, hidden: i.hiddenAt !== null };
	}
	const q = tx
		.select({ id: ideaComments.id, ideaId: ideaComments.ideaId, authorId: ideaComments.authorId, hiddenAt: ideaComments.hiddenAt, callId: ideas.callId, title: ideas.title })
		.from(ideaComments)
		.innerJoin(ideas, eq(ideas.id, ideaComments.ideaId))
		.where(eq(ideaComments.id, id));
	const [c] = lock ? await q.for('update', { of: ideaComments }) : await q;
	if (!c) throw notFound();
	return { type, id: c.id, callId: c.callId, ideaId: c.ideaId, authorId: c.authorId, title: c.title, hidden: c.hiddenAt !== null };
}

/** Someone reports an idea or comment; one open report per person and item. */
export async function report(ctx: Ctx, d: { subjectType: ModeratedType; subjectId: string; reason: ReportReason; note: string }): Promise<void> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'moderation', id: null });
	const userId = me(ctx);
	await ctx.db.transaction(async (tx) => {
		const s = await subject(tx, d.subjectType, d.subjectId);
		if (s.hidden) throw new Refusal(409, 'moderation_already_hidden');
		const [open] = await tx
			.select({ id: moderationReports.id })
			.from(moderationReports)
			.where(and(eq(moderationReports.subjectType, s.type), eq(moderationReports.subjectId, s.id), eq(moderationReports.reporterId, userId), isNull(moderationReports.resolvedAt)));
		if (open) throw new Refusal(409, 'moderation_already_reported');
		await postingAllowed(tx, 'report', userId);
		const [r] = await tx.insert(moderationReports).values({ subjectType: s.type, subjectId: s.id, reporterId: userId, reason: d.reason, note: d.note }).returning({ id: moderationReports.id });
		await audit(ctx, tx, 'moderation.report', 'moderation', r.id, 'done', { subjectType: s.type, subjectId: s.id });
	});
}

export interface QueueItem {
	type: ModeratedType;
	id: string;
	callId: string;
	ideaId: string;
	ideaTitle: string;
	text: string;
	author: string | null;
	hidden: boolean;
	hiddenReason: string | null;
	flaggedTerms: string[];
	reports: { reason: ReportReason; note: string; createdAt: Date }[];
	createdAt: Date;
}

/**
 * What waits for a moderator: items with open reports, and items flagged by
 * the word lists that nobody has decided on yet; with `hidden`, what is hidden now.
 */
export async function moderationQueue(ctx: Ctx, opts: { hidden?: boolean } = {}): Promise<QueueItem[]> {
	await requirePolicy(ctx, 'moderation.review', { type: 'platform' }, { type: 'moderation', id: null });
	const open = await ctx.db
		.select({ type: moderationReports.subjectType, id: moderationReports.subjectId, reason: moderationReports.reason, note: moderationReports.note, createdAt: moderationReports.createdAt })
		.from(moderationReports)
		.where(isNull(moderationReports.resolvedAt))
		.orderBy(asc(moderationReports.createdAt))
		.limit(2000);
	/** Nobody decided on it yet (a kept or restored item is not flagged again). */
	const undecided = (id: AnyPgColumn) => sql`not exists (select 1 from ${moderationDecisions} d where d.subject_id = ${id})`;
	const reported = (type: ModeratedType) => [...new Set(open.filter((r) => r.type === type).map((r) => r.id))];
	/** What is hidden now; or what is reported, or flagged by the lists and still undecided and shown. */
	const waiting = (t: { id: AnyPgColumn; hiddenAt: AnyPgColumn; flaggedTerms: AnyPgColumn }, type: ModeratedType) =>
		opts.hidden === true ? isNotNull(t.hiddenAt) : or(inArray(t.id, reported(type)), and(sql`cardinality(${t.flaggedTerms}) > 0`, isNull(t.hiddenAt), undecided(t.id)));
	const ideaRows = await ctx.db
		.select({ id: ideas.id, callId: ideas.callId, title: ideas.title, text: ideas.description, author: users.displayName, hiddenAt: ideas.hiddenAt, hiddenReason: ideas.hiddenReason, flaggedTerms: ideas.flaggedTerms, createdAt: ideas.createdAt })
		.from(ideas)
		.leftJoin(users, eq(users.id, ideas.authorId))
		.where(waiting(ideas, 'idea'))
		.orderBy(desc(ideas.createdAt))
		.limit(500);
	const commentRows = await ctx.db
		.select({ id: ideaComments.id, ideaId: ideaComments.ideaId, callId: ideas.callId, title: ideas.title, text: ideaComments.body, author: users.displayName, hiddenAt: ideaComments.hiddenAt, hiddenReason: ideaComments.hiddenReason, flaggedTerms: ideaComments.flaggedTerms, createdAt: ideaComments.createdAt })
		.from(ideaComments)
		.innerJoin(ideas, eq(ideas.id, ideaComments.ideaId))
		.leftJoin(users, eq(users.id, ideaComments.authorId))
		.where(waiting(ideaComments, 'comment'))
		.orderBy(desc(ideaComments.createdAt))
		.limit(500);
	const reportsOf = (type: ModeratedType, id: string) => open.filter((r) => r.type === type && r.id === id).map(({ reason, note, createdAt }) => ({ reason, note, createdAt }));
	const items: QueueItem[] = [
		...ideaRows.map((i) => ({ type: 'idea' as const, id: i.id, callId: i.callId, ideaId: i.id, ideaTitle: i.title, text: i.text, author: i.author, hidden: i.hiddenAt !== null, hiddenReason: i.hiddenReason, flaggedTerms: i.flaggedTerms, reports: reportsOf('idea', i.id), createdAt: i.createdAt })),
		...commentRows.map((c) => ({ type: 'comment' as const, id: c.id, callId: c.callId, ideaId: c.ideaId, ideaTitle: c.title, text: c.text, author: c.author, hidden: c.hiddenAt !== null, hiddenReason: c.hiddenReason, flaggedTerms: c.flaggedTerms, reports: reportsOf('comment', c.id), createdAt: c.createdAt }))
	];
	items.sort((a, b) => b.reports.length - a.reports.length || b.createdAt.getTime() - a.createdAt.getTime());
	await audit(ctx, ctx.db, 'moderation.queue.view', 'moderation', null, 'done', { items: items.length });
	return items;
}

/**
 * Hide (with the reason the author is told), restore (also told), or keep
 * (the reports were unfounded). Open reports on the item are resolved.
 */
export async function moderate(ctx: Ctx, d: { subjectType: ModeratedType; subjectId: string; action: 'hide' | 'restore' | 'keep'; reason: string }): Promise<void> {
	await requirePolicy(ctx, 'moderation.review', { type: 'platform' }, { type: 'moderation', id: d.subjectId });
	const moderatorId = me(ctx);
	await ctx.db.transaction(async (tx) => {
		const s = await subject(tx, d.subjectType, d.subjectId, true);
		if (d.action === 'hide' && s.hidden) throw new Refusal(409, 'moderation_already_hidden');
		if (d.action === 'restore' && !s.hidden) throw new Refusal(409, 'moderation_not_hidden');
		if (d.action === 'keep' && s.hidden) throw new Refusal(409, 'moderation_already_hidden');
		if (d.action !== 'keep') {
			const set = d.action === 'hide' ? { hiddenAt: new Date(), hiddenReason: d.reason } : { hiddenAt: null, hiddenReason: null };
			if (s.type === 'idea') await tx.update(ideas).set(set).where(eq(ideas.id, s.id));
			else await tx.update(ideaComments).set(set).where(eq(ideaComments.id, s.id));
		}
		await tx.insert(moderationDecisions).values({ subjectType: s.type, subjectId: s.id, action: d.action, reason: d.reason, moderatorId });
		await tx
			.update(moderationReports)
			.set({ resolvedAt: new Date() })
			.where(and(eq(moderationReports.subjectType, s.type), eq(moderationReports.subjectId, s.id), isNull(moderationReports.resolvedAt)));
		await audit(ctx, tx, `moderation.${d.action}`, 'moderation', s.id, 'done', { subjectType: s.type });
		if (s.authorId && d.action !== 'keep') {
			const reason = d.reason;
			const title = s.title;
			const what = s.type;
			await notify(
				tx,
				{
					userId: s.authorId,
					kind: d.action === 'hide' ? 'content_hidden' : 'content_restored',
					title: (locale) =>
						d.action === 'hide'
							? what === 'idea'
								? m.notify_idea_hidden({ title }, { locale })
								: m.notify_comment_hidden({ title }, { locale })
							: m.notify_content_restored({ title }, { locale }),
					body: (locale) => (d.action === 'hide' ? m.notify_hidden_reason({ reason }, { locale }) : ''),
					link: s.type === 'idea' ? `/calls/${s.callId}/ideas/${s.id}` : `/calls/${s.callId}/ideas/${s.ideaId}#comment-${s.id}`
				},
				ctx.origin
			);
		}
	});
}

/** The decisions taken on one item, newest first (the moderation history). */
export async function decisionsOn(ctx: Ctx, type: ModeratedType, ids: string[]) {
	await requirePolicy(ctx, 'moderation.review', { type: 'platform' }, { type: 'moderation', id: null });
	if (!ids.length) return [];
	return ctx.db
		.select({ subjectId: moderationDecisions.subjectId, action: moderationDecisions.action, reason: moderationDecisions.reason, moderator: users.displayName, createdAt: moderationDecisions.createdAt })
		.from(moderationDecisions)
		.leftJoin(users, eq(users.id, moderationDecisions.moderatorId))
		.where(and(eq(moderationDecisions.subjectType, type), inArray(moderationDecisions.subjectId, ids)))
		.orderBy(desc(moderationDecisions.createdAt));
}

