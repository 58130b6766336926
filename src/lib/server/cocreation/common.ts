/**
 * What the co-creation use cases share: the audited policy gate, loading a
 * call or an idea with the facts the policy and the phase rules ask about,
 * and who sees what. An id that is not a uuid, or names nothing, is the same
 * 404 as a call or idea the actor may not see: forged ids learn nothing.
 */
import { and, eq } from 'drizzle-orm';
import { signedInId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { callJurors, calls, ideas, type CallAudience, type CallTranslations, type IdeaStatus } from '../db/schema/index.ts';
import { auditedGate } from '../audit/gate.ts';
import { hit, type Limit } from '../auth/ratelimit.ts';
import { can, type CallResource } from '../policy/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { phaseOf, type Phase } from './phase.ts';

export type CocreationResource = 'call' | 'idea' | 'idea_comment' | 'idea_support' | 'idea_score' | 'idea_image' | 'pilot' | 'moderation';

export const { audit, requirePolicy } = auditedGate<CocreationResource>();

export const callNotFound = () => new Refusal(404, 'cocreation_call_not_found');
export const ideaNotFound = () => new Refusal(404, 'cocreation_idea_not_found');

/** The signed-in user's id; routes sign people in first, so this is a guard. */
export const me = (ctx: Ctx): string => signedInId(ctx, 'cocreation.participate');

export interface CallHead {
	id: string;
	title: string;
	question: string;
	rules: string;
	language: string;
	translations: CallTranslations;
	audience: CallAudience;
	neighbourhoodId: string | null;
	opensAt: Date;
	reviewAt: Date;
	selectionAt: Date;
	resultsAt: Date;
	followUpAt: Date;
	publishedAt: Date | null;
	resultsPublishedAt: Date | null;
	jurorUserIds: string[];
}

/** A call's facts and jury, or a 404 refusal. */
export async function callHead(tx: Tx, id: string, lock = false): Promise<CallHead> {
	if (!isUuid(id)) throw callNotFound();
	const q = tx.select().from(calls).where(eq(calls.id, id));
	const [c] = lock ? await q.for('update') : await q;
	if (!c) throw callNotFound();
	const jury = await tx.select({ userId: callJurors.userId }).from(callJurors).where(eq(callJurors.callId, id));
	return { ...c, jurorUserIds: jury.map((j) => j.userId) };
}

export const callResource = (c: Pick<CallHead, 'id' | 'jurorUserIds'>): CallResource => ({ type: 'call', callId: c.id, jurorUserIds: c.jurorUserIds });

/** City staff running calls (passed the second factor). */
export const isManager = (ctx: Ctx) => can(ctx.actor, 'cocreation.manage') === 'allowed';
export const isModerator = (ctx: Ctx) => can(ctx.actor, 'moderation.review') === 'allowed';
export const isJuror = (ctx: Ctx, c: CallHead) => can(ctx.actor, 'cocreation.jury', callResource(c)) === 'allowed';

/** A draft call is seen by the staff running calls only. */
export function callVisible(ctx: Ctx, c: CallHead): boolean {
	return c.publishedAt !== null || isManager(ctx);
}

/** A published call, or a 404 (also for a draft the actor may not see). */
export async function visibleCall(ctx: Ctx, id: string, tx: Tx = ctx.db, lock = false): Promise<CallHead & { phase: Phase }> {
	const c = await callHead(tx, id, lock);
	if (!callVisible(ctx, c)) throw callNotFound();
	return { ...c, phase: phaseOf(c) };
}

export interface IdeaHead {
	id: string;
	callId: string;
	title: string;
	language: string;
	authorId: string | null;
	organisationId: string | null;
	anonymous: boolean;
	status: IdeaStatus;
	hiddenAt: Date | null;
}

/** An idea of the given call, or a 404 refusal (an idea of another call is forged). */
export async function ideaHead(tx: Tx, callId: string, id: string, lock = false): Promise<IdeaHead> {
	if (!isUuid(id)) throw ideaNotFound();
	const q = tx
		.select({ id: ideas.id, callId: ideas.callId, title: ideas.title, language: ideas.language, authorId: ideas.authorId, organisationId: ideas.organisationId, anonymous: ideas.anonymous, status: ideas.status, hiddenAt: ideas.hiddenAt })
		.from(ideas)
		.where(and(eq(ideas.id, id), eq(ideas.callId, callId)));
	const [i] = lock ? await q.for('update') : await q;
	if (!i) throw ideaNotFound();
	return i;
}

/** A hidden or withdrawn idea is seen by its author and by moderators and staff; otherwise a 404. */
export function ideaVisible(ctx: Ctx, i: IdeaHead): boolean {
	if (i.hiddenAt === null && i.status !== 'withdrawn') return true;
	if (ctx.actor.kind === 'user' && i.authorId === ctx.actor.userId) return true;
	return isModerator(ctx) || isManager(ctx);
}

/** How often a person may post, per kind (issue 7: rate limits on posting). */
export const postingLimits = {
	idea: { max: 5, windowMs: 60 * 60_000 },
	comment: { max: 10, windowMs: 10 * 60_000 },
	report: { max: 20, windowMs: 60 * 60_000 },
	image: { max: 20, windowMs: 60 * 60_000 }
} satisfies Record<string, Limit>;

/** Counts a post; refuses (and the caller's transaction changes nothing) past the limit. */
export async function postingAllowed(tx: Tx, kind: keyof typeof postingLimits, userId: string): Promise<void> {
	const state = await hit(tx, `post:${kind}:${userId}`, postingLimits[kind]);
	if (!state.allowed) throw new Refusal(429, 'cocreation_too_many_posts');
}

/** The title, question and rules in `locale` when translated, else as written. */
export function localisedCall(c: Pick<CallHead, 'title' | 'question' | 'rules' | 'language' | 'translations'>, locale: string) {
	const t = c.translations?.[locale];
	return t && t.title ? { title: t.title, question: t.question || c.question, rules: t.rules || c.rules, language: locale } : { title: c.title, question: c.question, rules: c.rules, language: c.language };
}
