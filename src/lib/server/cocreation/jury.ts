/**
 * The jury (issue 7): each juror scores each idea of their call on the
 * call's criteria (0–10), with a note, during the review and the selection.
 * A juror never scores an idea they wrote or sent for their organisation,
 * nor one they declared a conflict of interest with; the ranking is the
 * weighted mean of the scores given.
 */
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { callCriteria, callJurors, calls, ideas, ideaScores, juryConflicts, memberships } from '../db/schema/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, callHead, callResource, ideaHead, me, requirePolicy, type CallHead } from './common.ts';
import { acceptsScores, phaseOf } from './phase.ts';

/** The policy gate of a call's jury: signed in, and on this call's jury (a forged call is a 404). */
export async function juryGate(ctx: Ctx, callId: string): Promise<CallHead> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'call', id: null });
	const c = await callHead(ctx.db, callId);
	await requirePolicy(ctx, 'cocreation.jury', callResource(c), { type: 'call', id: c.id });
	return c;
}

/** Ideas this juror may not score: their own, their organisations', and declared conflicts. */
async function ownIdeaIds(tx: Tx, callId: string, userId: string): Promise<Set<string>> {
	const rows = await tx
		.select({ id: ideas.id })
		.from(ideas)
		.where(
			and(
				eq(ideas.callId, callId),
				sql`(${ideas.authorId} = ${userId} or ${ideas.organisationId} in (select ${memberships.organisationId} from ${memberships} where ${memberships.userId} = ${userId}))`
			)
		);
	return new Set(rows.map((r) => r.id));
}

/** The juror's page: criteria, every idea with their own scores, and what they may not score. */
export async function juryPage(ctx: Ctx, callId: string) {
	const c = await juryGate(ctx, callId);
	const userId = me(ctx);
	const [criteria, list, mine, conflicts, own] = await Promise.all([
		ctx.db.select().from(callCriteria).where(eq(callCriteria.callId, c.id)).orderBy(asc(callCriteria.position), asc(callCriteria.id)),
		ctx.db
			.select({ id: ideas.id, title: ideas.title, description: ideas.description, language: ideas.language, supportCount: ideas.supportCount })
			.from(ideas)
			.where(and(eq(ideas.callId, c.id), isNull(ideas.hiddenAt), ne(ideas.status, 'withdrawn')))
			.orderBy(desc(ideas.supportCount), asc(ideas.id))
			.limit(1000),
		ctx.db.select().from(ideaScores).innerJoin(ideas, eq(ideas.id, ideaScores.ideaId)).where(and(eq(ideaScores.jurorId, userId), eq(ideas.callId, c.id))),
		ctx.db.select({ ideaId: juryConflicts.ideaId, reason: juryConflicts.reason }).from(juryConflicts).innerJoin(ideas, eq(ideas.id, juryConflicts.ideaId)).where(and(eq(juryConflicts.jurorId, userId), eq(ideas.callId, c.id))),
		ownIdeaIds(ctx.db, c.id, userId)
	]);
	const scores = new Map<string, { scores: Record<string, number>; note: string }>();
	for (const { idea_scores: s } of mine) {
		const e = scores.get(s.ideaId) ?? { scores: {}, note: s.note };
		e.scores[s.criterionId] = s.score;
		scores.set(s.ideaId, e);
	}
	const conflict = new Map(conflicts.map((x) => [x.ideaId, x.reason]));
	await audit(ctx, ctx.db, 'cocreation.jury.view', 'call', c.id);
	return {
		call: { ...c, phase: phaseOf(c) },
		criteria,
		ideas: list.map((i) => ({ ...i, mine: scores.get(i.id) ?? null, conflict: conflict.get(i.id) ?? null, own: own.has(i.id) }))
	};
}

/**
 * Saves this juror's scores of one idea: every criterion of the call, each
 * 0–10. A criterion of another call, a missing one, a score out of range, an
 * idea of another call, one's own idea or a declared conflict is refused.
 */
export async function scoreIdea(ctx: Ctx, callId: string, ideaId: string, entries: { criterionId: string; score: number }[] | null, note: string): Promise<void> {
	const c = await juryGate(ctx, callId);
	const userId = me(ctx);
	if (!acceptsScores(phaseOf(c))) throw new Refusal(409, 'cocreation_scoring_closed');
	if (entries === null) throw new Refusal(400, 'cocreation_score_invalid');
	await ctx.db.transaction(async (tx) => {
		const i = await ideaHead(tx, c.id, ideaId);
		if (i.hiddenAt || i.status === 'withdrawn') throw new Refusal(404, 'cocreation_idea_not_found');
		if ((await ownIdeaIds(tx, c.id, userId)).has(i.id)) throw new Refusal(403, 'cocreation_own_idea');
		const [conflict] = await tx.select({ one: sql<number>`1` }).from(juryConflicts).where(and(eq(juryConflicts.ideaId, i.id), eq(juryConflicts.jurorId, userId)));
		if (conflict) throw new Refusal(409, 'cocreation_conflict_declared');
		const criteria = await tx.select({ id: callCriteria.id }).from(callCriteria).where(eq(callCriteria.callId, c.id));
		const wanted = new Set(criteria.map((x) => x.id));
		const given = new Set(entries.map((e) => e.criterionId));
		if (criteria.length === 0) throw new Refusal(409, 'cocreation_no_criteria');
		if (given.size !== entries.length || given.size !== wanted.size || [...given].some((id) => !wanted.has(id))) throw new Refusal(400, 'cocreation_score_invalid');
		for (const e of entries) {
			await tx
				.insert(ideaScores)
				.values({ ideaId: i.id, criterionId: e.criterionId, jurorId: userId, score: e.score, note })
				.onConflictDoUpdate({ target: [ideaScores.ideaId, ideaScores.criterionId, ideaScores.jurorId], set: { score: e.score, note, updatedAt: new Date() } });
		}
		await audit(ctx, tx, 'cocreation.idea.score', 'idea_score', i.id, 'done', { callId: c.id });
	});
}

/** A juror declares a conflict of interest with an idea: their scores of it are removed and they score it no more. */
export async function declareConflict(ctx: Ctx, callId: string, ideaId: string, reason: string): Promise<void> {
	const c = await juryGate(ctx, callId);
	const userId = me(ctx);
	await ctx.db.transaction(async (tx) => {
		const i = await ideaHead(tx, c.id, ideaId);
		const added = await tx.insert(juryConflicts).values({ ideaId: i.id, jurorId: userId, reason }).onConflictDoNothing().returning({ ideaId: juryConflicts.ideaId });
		if (!added.length) throw new Refusal(409, 'cocreation_conflict_declared');
		await tx.delete(ideaScores).where(and(eq(ideaScores.ideaId, i.id), eq(ideaScores.jurorId, userId)));
		await audit(ctx, tx, 'cocreation.jury.conflict', 'idea', i.id, 'done', { callId: c.id });
	});
}

export interface Ranked {
	ideaId: string;
	/** Weighted mean of all scores given, 0–10, one decimal; null when nobody scored. */
	score: number | null;
	jurors: number;
	conflicts: number;
}

/** The jury's ranking of a call's ideas, for the staff deciding the results. */
export async function ranking(ctx: Ctx, callId: string): Promise<Map<string, Ranked>> {
	await requirePolicy(ctx, 'cocreation.manage', { type: 'platform' }, { type: 'call', id: isUuid(callId) ? callId : null });
	const c = await callHead(ctx.db, callId);
	return rankingOf(ctx.db, c.id);
}

/** The ranking itself, for a call already loaded behind the policy (the staff page of a call). */
export async function rankingOf(tx: Tx, callId: string): Promise<Map<string, Ranked>> {
	const rows = await tx
		.select({
			ideaId: ideas.id,
			score: sql<string | null>`round(sum(${ideaScores.score} * ${callCriteria.weight})::numeric / nullif(sum(${callCriteria.weight}), 0), 1)`,
			jurors: sql<number>`count(distinct ${ideaScores.jurorId})::int`,
			conflicts: sql<number>`(select count(*)::int from ${juryConflicts} where ${juryConflicts.ideaId} = ${ideas.id})`
		})
		.from(ideas)
		.leftJoin(ideaScores, eq(ideaScores.ideaId, ideas.id))
		.leftJoin(callCriteria, eq(callCriteria.id, ideaScores.criterionId))
		.where(eq(ideas.callId, callId))
		.groupBy(ideas.id);
	return new Map(rows.map((r) => [r.ideaId, { ideaId: r.ideaId, score: r.score === null ? null : Number(r.score), jurors: Number(r.jurors), conflicts: Number(r.conflicts) }]));
}

/** The calls whose jury the actor sits on. */
export async function myJuries(ctx: Ctx): Promise<{ id: string; title: string; phase: ReturnType<typeof phaseOf> }[]> {
	if (ctx.actor.kind !== 'user') return [];
	const rows = await ctx.db
		.select({ call: calls })
		.from(callJurors)
		.innerJoin(calls, eq(calls.id, callJurors.callId))
		.where(eq(callJurors.userId, ctx.actor.userId))
		.orderBy(desc(calls.opensAt))
		.limit(50);
	return rows.map(({ call }) => ({ id: call.id, title: call.title, phase: phaseOf(call) }));
}
