/**
 * Calls for ideas (issue 7): city staff write a call with its question,
 * rules, audience and phase dates, its jury criteria and its jurors, and
 * publish it; everyone sees the published calls in their language.
 */
import { and, asc, count, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { callCriteria, callJurors, calls, ideas, neighbourhoods, pilots, users } from '../db/schema/index.ts';
import { zonedInstant } from '../../directory/hours.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { notify } from '../notifications/index.ts';
import { audit, callHead, localisedCall, me, requirePolicy } from './common.ts';
import { phaseOf } from './phase.ts';
import { rankingOf } from './jury.ts';
import type { CallForm } from './schemas.ts';

const manage = (ctx: Ctx, id: string | null) => requirePolicy(ctx, 'cocreation.manage', { type: 'platform' }, { type: 'call', id });

/** A phase begins at midnight of its local date in the city. */
function dates(d: CallForm) {
	return {
		opensAt: zonedInstant(d.opens, 0),
		reviewAt: zonedInstant(d.review, 0),
		selectionAt: zonedInstant(d.selection, 0),
		resultsAt: zonedInstant(d.results, 0),
		followUpAt: zonedInstant(d.followUp, 0)
	};
}

async function checkNeighbourhood(ctx: Ctx, id: string | null) {
	if (!id) return;
	const [n] = await ctx.db.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id));
	if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
}

export async function createCall(ctx: Ctx, d: CallForm): Promise<string> {
	await manage(ctx, null);
	await checkNeighbourhood(ctx, d.neighbourhoodId);
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(calls)
			.values({ title: d.title, question: d.question, rules: d.rules, language: d.language, audience: d.audience, neighbourhoodId: d.neighbourhoodId, ...dates(d), createdBy: me(ctx) })
			.returning({ id: calls.id });
		await audit(ctx, tx, 'cocreation.call.create', 'call', row.id);
		return row.id;
	});
}

/** Edits a call; its dates may move, but once ideas have come in the audience stays. */
export async function updateCall(ctx: Ctx, id: string, d: CallForm): Promise<void> {
	await manage(ctx, isUuid(id) ? id : null);
	await checkNeighbourhood(ctx, d.neighbourhoodId);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, id, true);
		if (d.audience !== c.audience) {
			const [n] = await tx.select({ n: count() }).from(ideas).where(eq(ideas.callId, c.id));
			if (Number(n.n) > 0) throw new Refusal(409, 'cocreation_audience_locked', 'audience');
		}
		await tx
			.update(calls)
			.set({ title: d.title, question: d.question, rules: d.rules, language: d.language, audience: d.audience, neighbourhoodId: d.neighbourhoodId, ...dates(d), updatedAt: new Date() })
			.where(eq(calls.id, c.id));
		await audit(ctx, tx, 'cocreation.call.update', 'call', c.id);
	});
}

export async function publishCall(ctx: Ctx, id: string): Promise<void> {
	await manage(ctx, isUuid(id) ? id : null);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, id, true);
		if (c.publishedAt) throw new Refusal(409, 'cocreation_call_already_published');
		await tx.update(calls).set({ publishedAt: new Date(), updatedAt: new Date() }).where(eq(calls.id, c.id));
		await audit(ctx, tx, 'cocreation.call.publish', 'call', c.id);
	});
}

/** Title, question and rules in another language; all blank removes the translation. */
export async function translateCall(ctx: Ctx, id: string, d: { locale: string; title: string; question: string; rules: string }): Promise<void> {
	await manage(ctx, isUuid(id) ? id : null);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, id, true);
		const t = { ...c.translations };
		if (!d.title && !d.question && !d.rules) delete t[d.locale];
		else {
			if (!d.title) throw new Refusal(400, 'field_required', 'title');
			t[d.locale] = { title: d.title, question: d.question, rules: d.rules };
		}
		await tx.update(calls).set({ translations: t, updatedAt: new Date() }).where(eq(calls.id, c.id));
		await audit(ctx, tx, 'cocreation.call.translate', 'call', c.id, 'done', { locale: d.locale });
	});
}

export async function addCriterion(ctx: Ctx, id: string, d: { name: string; description: string; weight: number }): Promise<void> {
	await manage(ctx, isUuid(id) ? id : null);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, id, true);
		if (phaseOf(c) !== 'upcoming' && phaseOf(c) !== 'ideas') throw new Refusal(409, 'cocreation_criteria_locked');
		const [n] = await tx.select({ n: count() }).from(callCriteria).where(eq(callCriteria.callId, c.id));
		if (Number(n.n) >= 10) throw new Refusal(409, 'cocreation_too_many_criteria');
		await tx.insert(callCriteria).values({ callId: c.id, name: d.name, description: d.description, weight: d.weight, position: Number(n.n) });
		await audit(ctx, tx, 'cocreation.criterion.add', 'call', c.id);
	});
}

export async function removeCriterion(ctx: Ctx, id: string, criterionId: string): Promise<void> {
	await manage(ctx, isUuid(id) ? id : null);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, id, true);
		if (phaseOf(c) !== 'upcoming' && phaseOf(c) !== 'ideas') throw new Refusal(409, 'cocreation_criteria_locked');
		const gone = await tx.delete(callCriteria).where(and(eq(callCriteria.id, criterionId), eq(callCriteria.callId, c.id))).returning({ id: callCriteria.id });
		if (!gone.length) throw new Refusal(404, 'cocreation_criterion_not_found');
		await audit(ctx, tx, 'cocreation.criterion.remove', 'call', c.id);
	});
}

/** Puts a person with an account (by e-mail) on the jury; they are told. */
export async function addJuror(ctx: Ctx, id: string, email: string): Promise<void> {
	await manage(ctx, isUuid(id) ? id : null);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, id, true);
		const [u] = await tx.select({ id: users.id }).from(users).where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, isNull(users.disabledAt)));
		if (!u) throw new Refusal(400, 'cocreation_juror_no_account', 'email');
		if (c.jurorUserIds.includes(u.id)) throw new Refusal(409, 'cocreation_juror_already', 'email');
		if (c.jurorUserIds.length >= 25) throw new Refusal(409, 'cocreation_too_many_jurors', 'email');
		await tx.insert(callJurors).values({ callId: c.id, userId: u.id });
		await audit(ctx, tx, 'cocreation.juror.add', 'call', c.id, 'done', { userId: u.id });
		const title = c.title;
		await notify(tx, { userId: u.id, kind: 'jury_invitation', title: (locale) => m.notify_jury_invitation({ title }, { locale }), link: `/app/cocreation/jury/${c.id}` }, ctx.origin);
	});
}

export async function removeJuror(ctx: Ctx, id: string, userId: string): Promise<void> {
	await manage(ctx, isUuid(id) ? id : null);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, id, true);
		const gone = await tx.delete(callJurors).where(and(eq(callJurors.callId, c.id), eq(callJurors.userId, userId))).returning({ userId: callJurors.userId });
		if (!gone.length) throw new Refusal(404, 'cocreation_juror_not_found');
		await audit(ctx, tx, 'cocreation.juror.remove', 'call', c.id, 'done', { userId });
	});
}

export interface CallCard {
	id: string;
	title: string;
	question: string;
	language: string;
	phase: ReturnType<typeof phaseOf>;
	audience: string;
	neighbourhood: string | null;
	opensAt: Date;
	reviewAt: Date;
	ideaCount: number;
	published: boolean;
	resultsPublished: boolean;
}

/** Published calls in the reader's language (with drafts for staff), open ones first. */
export async function listCalls(ctx: Ctx, opts: { drafts?: boolean } = {}): Promise<CallCard[]> {
	if (opts.drafts) await manage(ctx, null);
	else await requirePolicy(ctx, 'cocreation.view', { type: 'platform' }, { type: 'call', id: null });
	const rows = await ctx.db
		.select({
			call: calls,
			neighbourhood: neighbourhoods.name,
			ideaCount: sql<number>`(select count(*)::int from ${ideas} where ${ideas.callId} = ${calls.id} and ${ideas.hiddenAt} is null and ${ideas.status} <> 'withdrawn')`
		})
		.from(calls)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, calls.neighbourhoodId))
		.where(opts.drafts ? undefined : isNotNull(calls.publishedAt))
		.orderBy(desc(calls.opensAt), asc(calls.id))
		.limit(200);
	const order = { ideas: 0, upcoming: 1, review: 2, selection: 3, results: 4, follow_up: 5 } as const;
	return rows
		.map(({ call: c, neighbourhood, ideaCount }) => {
			const l = localisedCall(c, ctx.locale);
			return {
				id: c.id,
				title: l.title,
				question: l.question,
				language: l.language,
				phase: phaseOf(c),
				audience: c.audience,
				neighbourhood,
				opensAt: c.opensAt,
				reviewAt: c.reviewAt,
				ideaCount: Number(ideaCount),
				published: c.publishedAt !== null,
				resultsPublished: c.resultsPublishedAt !== null
			};
		})
		.sort((a, b) => order[a.phase] - order[b.phase]);
}

/** Everything the staff page of a call shows: the call, criteria, jurors, and every idea with its scores. */
export async function callAdmin(ctx: Ctx, id: string) {
	await manage(ctx, isUuid(id) ? id : null);
	const c = await callHead(ctx.db, id);
	const [criteria, jurors, ideaRows, pilotRows, rank] = await Promise.all([
		ctx.db.select().from(callCriteria).where(eq(callCriteria.callId, c.id)).orderBy(asc(callCriteria.position), asc(callCriteria.id)),
		ctx.db.select({ userId: callJurors.userId, name: users.displayName, email: users.email }).from(callJurors).innerJoin(users, eq(users.id, callJurors.userId)).where(eq(callJurors.callId, c.id)).orderBy(asc(users.displayName)),
		ctx.db
			.select({ id: ideas.id, title: ideas.title, status: ideas.status, supportCount: ideas.supportCount, resultReason: ideas.resultReason, hidden: sql<boolean>`${ideas.hiddenAt} is not null` })
			.from(ideas)
			.where(and(eq(ideas.callId, c.id), ne(ideas.status, 'withdrawn')))
			.orderBy(desc(ideas.supportCount), asc(ideas.id))
			.limit(2000),
		ctx.db
			.select({ id: pilots.id, ideaId: pilots.ideaId, title: pilots.title, status: pilots.status })
			.from(pilots)
			.innerJoin(ideas, eq(ideas.id, pilots.ideaId))
			.where(eq(ideas.callId, c.id)),
		rankingOf(ctx.db, c.id)
	]);
	await audit(ctx, ctx.db, 'cocreation.call.admin.view', 'call', c.id);
	return { call: { ...c, phase: phaseOf(c) }, criteria, jurors, ideas: ideaRows, pilots: pilotRows, ranking: rank };
}

