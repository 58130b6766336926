/**
 * Ideas sent to a call, their supports and their threads of comments
 * (issue 7). Every write checks the policy first, then the call's phase and
 * audience, then the posting limit, in one transaction: a refusal changes
 * nothing.
 */
import { and, asc, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { ideaComments, ideaImages, ideas, ideaSupports, memberships, neighbourhoods, organisations, pilots, users } from '../db/schema/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { can } from '../policy/index.ts';
import { notify } from '../notifications/index.ts';
import { flagTerms } from '../moderation/terms.ts';
import { audit, ideaHead, ideaNotFound, ideaVisible, isManager, isModerator, me, postingAllowed, requirePolicy, visibleCall, type CallHead } from './common.ts';
import { acceptsComments, acceptsIdeas, acceptsSupport, type Phase } from './phase.ts';
import type { IdeaForm } from './schemas.ts';

const ideaLink = (callId: string, ideaId: string) => `/calls/${callId}/ideas/${ideaId}`;

/** A person sends an idea while the call is open for ideas, as its audience allows. */
export async function submitIdea(ctx: Ctx, callId: string, d: IdeaForm): Promise<string> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'call', id: null });
	const userId = me(ctx);
	return ctx.db.transaction(async (tx) => {
		const c = await visibleCall(ctx, callId, tx);
		if (!acceptsIdeas(c.phase)) throw new Refusal(409, 'cocreation_ideas_closed');
		if (c.audience === 'organisations' && !d.organisationId) throw new Refusal(400, 'cocreation_only_organisations', 'organisationId');
		if (c.audience === 'residents' && d.organisationId) throw new Refusal(400, 'cocreation_only_residents', 'organisationId');
		if (d.organisationId) {
			const [mine] = await tx
				.select({ one: sql<number>`1` })
				.from(memberships)
				.where(and(eq(memberships.organisationId, d.organisationId), eq(memberships.userId, userId)));
			if (!mine) throw new Refusal(400, 'cocreation_not_your_organisation', 'organisationId');
		}
		if (d.neighbourhoodId) {
			const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, d.neighbourhoodId));
			if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
		}
		await postingAllowed(tx, 'idea', userId);
		const [row] = await tx
			.insert(ideas)
			.values({
				callId: c.id,
				title: d.title,
				description: d.description,
				language: d.language,
				neighbourhoodId: d.neighbourhoodId,
				authorId: userId,
				organisationId: d.organisationId,
				anonymous: d.anonymous,
				flaggedTerms: flagTerms(`${d.title}\n${d.description}`, d.language)
			})
			.returning({ id: ideas.id });
		await audit(ctx, tx, 'cocreation.idea.submit', 'idea', row.id, 'done', { callId: c.id, anonymous: d.anonymous });
		return row.id;
	});
}

/** The author withdraws their idea while ideas are still being sent. */
export async function withdrawIdea(ctx: Ctx, callId: string, ideaId: string): Promise<void> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'idea', id: null });
	const userId = me(ctx);
	await ctx.db.transaction(async (tx) => {
		const c = await visibleCall(ctx, callId, tx);
		const i = await ideaHead(tx, c.id, ideaId, true);
		if (i.authorId !== userId) throw ideaNotFound();
		if (i.status === 'withdrawn') throw new Refusal(409, 'cocreation_idea_withdrawn');
		if (!acceptsIdeas(c.phase)) throw new Refusal(409, 'cocreation_ideas_closed');
		await tx.update(ideas).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(ideas.id, i.id));
		await audit(ctx, tx, 'cocreation.idea.withdraw', 'idea', i.id);
	});
}

/** One support per account, while the call is open; twice (also at once) is refused and counts once. */
export async function supportIdea(ctx: Ctx, callId: string, ideaId: string): Promise<number> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'idea_support', id: null });
	const userId = me(ctx);
	return ctx.db.transaction(async (tx) => {
		const c = await visibleCall(ctx, callId, tx);
		const i = await ideaHead(tx, c.id, ideaId);
		if (i.hiddenAt || i.status === 'withdrawn') throw ideaNotFound();
		if (!acceptsSupport(c.phase)) throw new Refusal(409, 'cocreation_support_closed');
		const added = await tx.insert(ideaSupports).values({ ideaId: i.id, userId }).onConflictDoNothing().returning({ ideaId: ideaSupports.ideaId });
		if (added.length === 0) throw new Refusal(409, 'cocreation_already_supported');
		const [u] = await tx
			.update(ideas)
			.set({ supportCount: sql`${ideas.supportCount} + 1` })
			.where(eq(ideas.id, i.id))
			.returning({ n: ideas.supportCount });
		await audit(ctx, tx, 'cocreation.idea.support', 'idea_support', i.id);
		return u.n;
	});
}

/** Takes one's support back while the call is open. */
export async function withdrawSupport(ctx: Ctx, callId: string, ideaId: string): Promise<number> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'idea_support', id: null });
	const userId = me(ctx);
	return ctx.db.transaction(async (tx) => {
		const c = await visibleCall(ctx, callId, tx);
		const i = await ideaHead(tx, c.id, ideaId);
		if (!acceptsSupport(c.phase)) throw new Refusal(409, 'cocreation_support_closed');
		const gone = await tx
			.delete(ideaSupports)
			.where(and(eq(ideaSupports.ideaId, i.id), eq(ideaSupports.userId, userId)))
			.returning({ ideaId: ideaSupports.ideaId });
		if (gone.length === 0) throw new Refusal(409, 'cocreation_not_supported');
		const [u] = await tx
			.update(ideas)
			.set({ supportCount: sql`greatest(${ideas.supportCount} - 1, 0)` })
			.where(eq(ideas.id, i.id))
			.returning({ n: ideas.supportCount });
		await audit(ctx, tx, 'cocreation.idea.unsupport', 'idea_support', i.id);
		return u.n;
	});
}

/**
 * A comment, or a reply in a thread (a reply to a reply joins the same
 * thread). With `official`, the city's answer (cocreation.answer). The idea's
 * author, and the author of the comment replied to, are notified.
 */
export async function addComment(ctx: Ctx, callId: string, ideaId: string, d: { body: string; parentId: string | null }, official = false): Promise<string> {
	await requirePolicy(ctx, official ? 'cocreation.answer' : 'cocreation.participate', { type: 'platform' }, { type: 'idea_comment', id: null });
	const userId = me(ctx);
	return ctx.db.transaction(async (tx) => {
		const c = await visibleCall(ctx, callId, tx);
		const i = await ideaHead(tx, c.id, ideaId);
		if (!ideaVisible(ctx, i) || i.status === 'withdrawn') throw ideaNotFound();
		if (i.hiddenAt) throw new Refusal(409, 'cocreation_idea_hidden');
		// The city may answer at any phase; conversation closes with the selection.
		if (!official && !acceptsComments(c.phase)) throw new Refusal(409, 'cocreation_comments_closed');
		/** The thread it joins (a reply to a reply joins the same thread) and who should hear of it. */
		let parent: { id: string; authorIds: (string | null)[] } | null = null;
		if (d.parentId) {
			const [p] = await tx
				.select({ id: ideaComments.id, parentId: ideaComments.parentId, authorId: ideaComments.authorId, topAuthorId: sql<string | null>`(select t.author_id from idea_comments t where t.id = ${sql.raw('"idea_comments"."parent_id"')})` })
				.from(ideaComments)
				.where(and(eq(ideaComments.id, d.parentId), eq(ideaComments.ideaId, i.id)));
			if (!p) throw new Refusal(400, 'cocreation_comment_not_found', 'body');
			parent = { id: p.parentId ?? p.id, authorIds: [p.authorId, p.topAuthorId] };
		}
		await postingAllowed(tx, 'comment', userId);
		const language = ctx.locale;
		const [row] = await tx
			.insert(ideaComments)
			.values({ ideaId: i.id, parentId: parent?.id ?? null, authorId: userId, body: d.body, language, official, flaggedTerms: flagTerms(d.body, language) })
			.returning({ id: ideaComments.id });
		await tx.update(ideas).set({ commentCount: sql`${ideas.commentCount} + 1` }).where(eq(ideas.id, i.id));
		await audit(ctx, tx, official ? 'cocreation.idea.answer' : 'cocreation.comment.add', 'idea_comment', row.id, 'done', { ideaId: i.id });
		const link = `${ideaLink(c.id, i.id)}#comment-${row.id}`;
		const title = i.title;
		if (i.authorId && i.authorId !== userId) {
			await notify(
				tx,
				official
					? { userId: i.authorId, kind: 'official_answer', title: (locale) => m.notify_official_answer({ title }, { locale }), link }
					: { userId: i.authorId, kind: 'idea_comment', title: (locale) => m.notify_idea_comment({ title }, { locale }), link },
				ctx.origin
			);
		}
		// The person replied to and the thread's first author hear of a reply (the idea's author already did).
		for (const to of new Set(parent?.authorIds ?? [])) {
			if (!to || to === userId || to === i.authorId) continue;
			await notify(tx, { userId: to, kind: 'comment_reply', title: (locale) => m.notify_comment_reply({ title }, { locale }), link }, ctx.origin);
		}
		return row.id;
	});
}

export type IdeaSort = 'support' | 'recent';
export const IDEAS_PER_PAGE = 20;

export interface IdeaCard {
	id: string;
	title: string;
	excerpt: string;
	language: string;
	neighbourhood: string | null;
	author: string | null;
	organisation: string | null;
	anonymous: boolean;
	status: string;
	supportCount: number;
	commentCount: number;
	createdAt: Date;
	hasPilot: boolean;
	resultReason: string | null;
}

/** Published, not hidden, not withdrawn. */
const listed = (callId: string) => and(eq(ideas.callId, callId), isNull(ideas.hiddenAt), ne(ideas.status, 'withdrawn'));

/**
 * A page of a call's ideas, by support (most first) or newest first, in a
 * neighbourhood or all; the public sees an anonymous idea's author as
 * "anonymous". `selectedOnly` lists the results.
 */
export async function listIdeas(
	tx: Tx,
	c: Pick<CallHead, 'id' | 'resultsPublishedAt'>,
	opts: { sort: IdeaSort; page: number; neighbourhoodId?: string | null; selectedOnly?: boolean }
): Promise<{ total: number; items: IdeaCard[] }> {
	const where = and(
		listed(c.id),
		opts.neighbourhoodId ? eq(ideas.neighbourhoodId, opts.neighbourhoodId) : undefined,
		opts.selectedOnly ? eq(ideas.status, 'selected') : undefined
	);
	const order = opts.sort === 'recent' ? [desc(ideas.createdAt), desc(ideas.id)] : [desc(ideas.supportCount), desc(ideas.id)];
	const page = Math.max(1, Math.min(opts.page, 10_000));
	const [rows, [total]] = await Promise.all([
		tx
			.select({
				id: ideas.id,
				title: ideas.title,
				excerpt: sql<string>`left(${ideas.description}, 240)`,
				language: ideas.language,
				neighbourhood: neighbourhoods.name,
				author: users.displayName,
				organisation: organisations.name,
				anonymous: ideas.anonymous,
				status: ideas.status,
				supportCount: ideas.supportCount,
				commentCount: ideas.commentCount,
				createdAt: ideas.createdAt,
				resultReason: ideas.resultReason,
				pilotId: pilots.id
			})
			.from(ideas)
			.leftJoin(neighbourhoods, eq(neighbourhoods.id, ideas.neighbourhoodId))
			.leftJoin(users, eq(users.id, ideas.authorId))
			.leftJoin(organisations, eq(organisations.id, ideas.organisationId))
			.leftJoin(pilots, eq(pilots.ideaId, ideas.id))
			.where(where)
			.orderBy(...order)
			.limit(IDEAS_PER_PAGE)
			.offset((page - 1) * IDEAS_PER_PAGE),
		tx.select({ n: count() }).from(ideas).where(where)
	]);
	const published = c.resultsPublishedAt !== null;
	return {
		total: Number(total?.n ?? 0),
		items: rows.map(({ pilotId, ...r }) => ({
			...r,
			author: r.anonymous ? null : r.author,
			// Until the results are out, every idea is simply "submitted" to the public.
			status: published ? r.status : 'submitted',
			resultReason: published ? r.resultReason : null,
			hasPilot: pilotId !== null
		}))
	};
}

/** The call page: the call, its phase, and a page of ideas. */
export async function callPage(ctx: Ctx, callId: string, opts: { sort: IdeaSort; page: number; neighbourhoodId?: string | null }) {
	await requirePolicy(ctx, 'cocreation.view', { type: 'platform' }, { type: 'call', id: callId });
	const c = await visibleCall(ctx, callId);
	const [list, selected] = await Promise.all([
		listIdeas(ctx.db, c, opts),
		c.resultsPublishedAt ? listIdeas(ctx.db, c, { sort: 'support', page: 1, selectedOnly: true }) : null
	]);
	return { call: c, ideas: list, selected: selected?.items ?? [], manager: isManager(ctx) };
}

export interface CommentView {
	id: string;
	parentId: string | null;
	author: string | null;
	mine: boolean;
	body: string | null;
	language: string;
	official: boolean;
	hiddenReason: string | null;
	createdAt: Date;
	flagged: boolean;
}

/** An idea with its pictures and comment threads, as the actor may see them. */
export async function ideaPage(ctx: Ctx, callId: string, ideaId: string) {
	await requirePolicy(ctx, 'cocreation.view', { type: 'platform' }, { type: 'idea', id: isUuid(ideaId) ? ideaId : null });
	const c = await visibleCall(ctx, callId);
	const head = await ideaHead(ctx.db, c.id, ideaId);
	if (!ideaVisible(ctx, head)) throw ideaNotFound();
	const moderator = isModerator(ctx);
	const manager = isManager(ctx);
	const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
	const [[idea], images, comments, supported, [pilot]] = await Promise.all([
		ctx.db
			.select({
				id: ideas.id,
				title: ideas.title,
				description: ideas.description,
				language: ideas.language,
				neighbourhood: neighbourhoods.name,
				author: users.displayName,
				organisation: organisations.name,
				anonymous: ideas.anonymous,
				status: ideas.status,
				resultReason: ideas.resultReason,
				supportCount: ideas.supportCount,
				hiddenAt: ideas.hiddenAt,
				hiddenReason: ideas.hiddenReason,
				flaggedTerms: ideas.flaggedTerms,
				createdAt: ideas.createdAt
			})
			.from(ideas)
			.leftJoin(neighbourhoods, eq(neighbourhoods.id, ideas.neighbourhoodId))
			.leftJoin(users, eq(users.id, ideas.authorId))
			.leftJoin(organisations, eq(organisations.id, ideas.organisationId))
			.where(eq(ideas.id, head.id)),
		ctx.db.select({ id: ideaImages.id, alt: ideaImages.alt, width: ideaImages.width, height: ideaImages.height }).from(ideaImages).where(eq(ideaImages.ideaId, head.id)).orderBy(asc(ideaImages.createdAt)),
		ctx.db
			.select({
				id: ideaComments.id,
				parentId: ideaComments.parentId,
				authorId: ideaComments.authorId,
				author: users.displayName,
				body: ideaComments.body,
				language: ideaComments.language,
				official: ideaComments.official,
				hiddenAt: ideaComments.hiddenAt,
				hiddenReason: ideaComments.hiddenReason,
				flaggedTerms: ideaComments.flaggedTerms,
				createdAt: ideaComments.createdAt
			})
			.from(ideaComments)
			.leftJoin(users, eq(users.id, ideaComments.authorId))
			.where(eq(ideaComments.ideaId, head.id))
			.orderBy(asc(ideaComments.createdAt), asc(ideaComments.id))
			.limit(1000),
		userId
			? ctx.db.select({ one: sql<number>`1` }).from(ideaSupports).where(and(eq(ideaSupports.ideaId, head.id), eq(ideaSupports.userId, userId)))
			: Promise.resolve([]),
		ctx.db.select({ id: pilots.id, status: pilots.status, title: pilots.title }).from(pilots).where(eq(pilots.ideaId, head.id))
	]);
	const mine = userId !== null && head.authorId === userId;
	// Who wrote an anonymous idea is known to moderators and the staff running calls (audited).
	if (idea.anonymous && (moderator || manager) && !mine) await audit(ctx, ctx.db, 'cocreation.idea.author.view', 'idea', head.id);
	const published = c.resultsPublishedAt !== null;
	const views: CommentView[] = comments.map((x) => {
		const hidden = x.hiddenAt !== null;
		const own = userId !== null && x.authorId === userId;
		return {
			id: x.id,
			parentId: x.parentId,
			author: x.author,
			mine: own,
			// A hidden comment keeps its place in the thread; its text is shown to moderators and its author only.
			body: hidden && !moderator && !own ? null : x.body,
			language: x.language,
			official: x.official,
			hiddenReason: hidden ? x.hiddenReason : null,
			createdAt: x.createdAt,
			flagged: moderator && x.flaggedTerms.length > 0
		};
	});
	return {
		call: c,
		idea: {
			...idea,
			author: idea.anonymous && !(moderator || manager || mine) ? null : idea.author,
			status: published || manager ? idea.status : idea.status === 'withdrawn' ? 'withdrawn' : 'submitted',
			resultReason: published || manager ? idea.resultReason : null,
			flaggedTerms: moderator ? idea.flaggedTerms : []
		},
		mine,
		images,
		threads: threads(views),
		supported: supported.length > 0,
		pilot: pilot ?? null,
		moderator,
		manager,
		canAnswer: can(ctx.actor, 'cocreation.answer') === 'allowed'
	};
}

/** Comments grouped in threads: each top comment followed by its replies, in order. */
function threads(all: CommentView[]): { comment: CommentView; replies: CommentView[] }[] {
	const tops = all.filter((c) => c.parentId === null);
	const byParent = new Map<string, CommentView[]>();
	for (const c of all) if (c.parentId) (byParent.get(c.parentId) ?? byParent.set(c.parentId, []).get(c.parentId)!).push(c);
	return tops.map((comment) => ({ comment, replies: byParent.get(comment.id) ?? [] }));
}

export type { Phase };
