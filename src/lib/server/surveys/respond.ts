/**
 * Answering a survey (issue 7): one question per screen, without JavaScript.
 * Each screen is a plain form post; the answers in progress are kept on the
 * server under a random token (a cookie holds the token, the table only its
 * SHA-256), for a day. A draft of an anonymous survey names nobody.
 *
 * One response per person without knowing which is theirs
 * (docs/decisions/022-surveys.md): a signed-in person gets a participation
 * row, apart from the answers (only the day on both); a visitor signed out
 * gets a cookie marking the survey done, and sends at most
 * `VISITOR_LIMIT` responses an hour from one address (a counter under the
 * address's hash). The final submit locks the draft and marks it sent, so a
 * replay counts nothing.
 */
import { and, asc, eq, gt, lte, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { surveyAnswers, surveyDrafts, surveyParticipations, surveyResponses, surveys, type DraftAnswers } from '../db/schema/index.ts';
import { hashToken, newToken } from '../auth/session.ts';
import { hit, limitKey } from '../auth/ratelimit.ts';
import { cityToday } from '../guardianship/age.ts';
import { Refusal } from '../organisations/errors.ts';
import { MAX_TEXT_ANSWER } from '../../surveys/lists.ts';
import { audit, isOpen, loadSurvey, pick, requirePolicy, surveyNotFound, type Question, type Survey } from './common.ts';
import type { AnswerInput } from './schemas.ts';

export const DRAFT_TTL_MS = 24 * 3600 * 1000;
/** Responses an hour from one address to one survey, for visitors signed out. */
export const VISITOR_LIMIT = { max: 30, windowMs: 3600 * 1000 };

export interface OpenSurvey {
	id: string;
	title: string;
	titleLang: string;
	intro: string;
	introLang: string;
	closesAt: Date;
	anonymous: boolean;
}

/** Open surveys, in the reader's language, closing soonest first. */
export async function listOpenSurveys(ctx: Ctx, now = new Date()): Promise<OpenSurvey[]> {
	await requirePolicy(ctx, 'surveys.view', { type: 'platform' }, { type: 'survey', id: null });
	const rows = await ctx.db
		.select({ id: surveys.id, title: surveys.title, intro: surveys.intro, closesAt: surveys.closesAt, anonymous: surveys.anonymous })
		.from(surveys)
		.where(and(eq(surveys.status, 'published'), lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
		.orderBy(asc(surveys.closesAt), asc(surveys.id));
	return rows.map((r) => {
		const t = pick(r.title, ctx.locale);
		const i = pick(r.intro, ctx.locale);
		return { id: r.id, title: t.text, titleLang: t.lang, intro: i.text, introLang: i.lang, closesAt: r.closesAt, anonymous: r.anonymous };
	});
}

/** A published or closed survey for the public pages; a draft is a 404. */
export async function publicSurvey(ctx: Ctx, id: string): Promise<Survey> {
	await requirePolicy(ctx, 'surveys.view', { type: 'platform' }, { type: 'survey', id: null });
	const s = await loadSurvey(ctx.db, id);
	if (s.status === 'draft') throw surveyNotFound();
	return s;
}

async function mayRespond(ctx: Ctx, s: Survey) {
	await requirePolicy(ctx, 'surveys.respond', { type: 'survey', anonymous: s.anonymous }, { type: 'survey', id: s.id });
}

/** Whether the signed-in actor has already answered. */
export async function hasAnswered(ctx: Ctx, surveyId: string): Promise<boolean> {
	if (ctx.actor.kind !== 'user') return false;
	const [p] = await ctx.db
		.select({ one: sql<number>`1` })
		.from(surveyParticipations)
		.where(and(eq(surveyParticipations.surveyId, surveyId), eq(surveyParticipations.userId, ctx.actor.userId)));
	return !!p;
}

/**
 * Starts answering: a new draft, its token returned (once) for the cookie.
 * `doneBefore`: the visitor's browser says this survey was answered.
 */
export async function startDraft(ctx: Ctx, id: string, opts: { doneBefore?: boolean; now?: Date } = {}): Promise<string> {
	const now = opts.now ?? new Date();
	const s = await publicSurvey(ctx, id);
	await mayRespond(ctx, s);
	if (!isOpen(s, now)) throw new Refusal(409, 'surveys_closed');
	if (opts.doneBefore || (await hasAnswered(ctx, s.id))) throw new Refusal(409, 'surveys_already_answered');
	const token = newToken();
	await ctx.db.transaction(async (tx) => {
		await tx.delete(surveyDrafts).where(lt(surveyDrafts.expiresAt, now));
		await tx.insert(surveyDrafts).values({ tokenHash: hashToken(token), surveyId: s.id, expiresAt: new Date(now.getTime() + DRAFT_TTL_MS) });
	});
	return token;
}

export interface Draft {
	answers: DraftAnswers;
	submitted: boolean;
}

/** The draft under `token` for this survey, unexpired; null when there is none. */
export async function draftFor(tx: Tx, surveyId: string, token: string | undefined, now = new Date()): Promise<Draft | null> {
	if (!token || token.length > 100) return null;
	const [d] = await tx
		.select({ answers: surveyDrafts.answers, submittedAt: surveyDrafts.submittedAt })
		.from(surveyDrafts)
		.where(and(eq(surveyDrafts.tokenHash, hashToken(token)), eq(surveyDrafts.surveyId, surveyId), gt(surveyDrafts.expiresAt, now)));
	return d ? { answers: d.answers, submitted: d.submittedAt !== null } : null;
}

type Given = { choices?: string[]; scale?: number | null; text?: string };

/**
 * Checks one answer against its question: choices of that question only
 * (one for a single choice), a scale of 1–5 for a scale, text for a text
 * question; nothing given is a skip (null). Anything else is refused.
 */
export function checkAnswer(q: Question, a: Given): DraftAnswers[string] | null {
	const choices = [...new Set(a.choices ?? [])];
	const text = (a.text ?? '').trim();
	const scale = a.scale ?? null;
	const wrong = () => new Refusal(400, 'surveys_answer_wrong_kind', 'questionId');
	if (choices.some((c) => !q.choices.some((x) => x.id === c))) throw new Refusal(400, 'surveys_choice_unknown', 'choice');
	switch (q.kind) {
		case 'single':
		case 'multiple':
			if (scale !== null || text) throw wrong();
			if (q.kind === 'single' && choices.length > 1) throw new Refusal(400, 'surveys_one_choice_only', 'choice');
			return choices.length ? { choices } : null;
		case 'scale':
			if (choices.length || text) throw wrong();
			if (scale !== null && !(Number.isInteger(scale) && scale >= 1 && scale <= 5)) throw new Refusal(400, 'surveys_scale_invalid', 'scale');
			return scale === null ? null : { scale };
		case 'text':
			if (choices.length || scale !== null) throw wrong();
			if (text.length > MAX_TEXT_ANSWER) throw new Refusal(400, 'surveys_text_too_long', 'text');
			return text ? { text } : null;
	}
}

async function lockedDraft(tx: Tx, s: Survey, token: string | undefined, now: Date) {
	if (!token || token.length > 100) throw new Refusal(409, 'surveys_draft_missing');
	const [d] = await tx
		.select({ tokenHash: surveyDrafts.tokenHash, answers: surveyDrafts.answers, submittedAt: surveyDrafts.submittedAt })
		.from(surveyDrafts)
		.where(and(eq(surveyDrafts.tokenHash, hashToken(token)), eq(surveyDrafts.surveyId, s.id), gt(surveyDrafts.expiresAt, now)))
		.for('update');
	if (!d) throw new Refusal(409, 'surveys_draft_missing');
	if (d.submittedAt) throw new Refusal(409, 'surveys_already_sent');
	return d;
}

/**
 * Keeps one screen's answer in the draft. Returns the question number
 * (1-based) to show next: the previous one for `back`, the next one (or
 * the count + 1, the review) for `next`.
 */
export async function saveAnswer(ctx: Ctx, id: string, token: string | undefined, input: AnswerInput, now = new Date()): Promise<number> {
	const s = await publicSurvey(ctx, id);
	await mayRespond(ctx, s);
	if (!isOpen(s, now)) throw new Refusal(409, 'surveys_closed');
	const index = s.questions.findIndex((q) => q.id === input.questionId);
	if (index < 0) throw new Refusal(400, 'surveys_question_unknown', 'questionId');
	const q = s.questions[index];
	const value = checkAnswer(q, { choices: input.choice, scale: input.scale, text: input.text });
	await ctx.db.transaction(async (tx) => {
		const d = await lockedDraft(tx, s, token, now);
		const answers = { ...d.answers };
		if (value) answers[q.id] = value;
		else delete answers[q.id];
		await tx.update(surveyDrafts).set({ answers }).where(eq(surveyDrafts.tokenHash, d.tokenHash));
	});
	return input.go === 'back' ? Math.max(1, index) : index + 2;
}

/** Inserts one response and its answers (checked already). */
export async function recordResponse(tx: Tx, s: Pick<Survey, 'id'>, answers: DraftAnswers, opts: { locale: string; respondentId: string | null; day: string }): Promise<string> {
	const [r] = await tx
		.insert(surveyResponses)
		.values({ surveyId: s.id, locale: opts.locale, respondentId: opts.respondentId, submittedOn: opts.day })
		.returning({ id: surveyResponses.id });
	const rows: (typeof surveyAnswers.$inferInsert)[] = [];
	for (const [questionId, a] of Object.entries(answers)) {
		for (const c of a.choices ?? []) rows.push({ responseId: r.id, questionId, choiceId: c });
		if (a.scale !== undefined) rows.push({ responseId: r.id, questionId, scale: a.scale });
		if (a.text !== undefined) rows.push({ responseId: r.id, questionId, text: a.text });
	}
	if (rows.length) await tx.insert(surveyAnswers).values(rows);
	return r.id;
}

/**
 * Sends the draft: its answers are checked again, counted once, and the
 * draft is marked sent (its answers dropped). A replay, a second response
 * by the same person, a closed survey: refused, nothing counted.
 */
export async function submitDraft(ctx: Ctx, id: string, token: string | undefined, now = new Date()): Promise<void> {
	const s = await publicSurvey(ctx, id);
	await mayRespond(ctx, s);
	if (!isOpen(s, now)) throw new Refusal(409, 'surveys_closed');
	const day = cityToday(now);
	await ctx.db.transaction(async (tx) => {
		const d = await lockedDraft(tx, s, token, now);
		const answers: DraftAnswers = {};
		for (const [qid, a] of Object.entries(d.answers)) {
			const q = s.questions.find((x) => x.id === qid);
			if (!q) throw new Refusal(400, 'surveys_question_unknown');
			const v = checkAnswer(q, a);
			if (v) answers[qid] = v;
		}
		if (ctx.actor.kind === 'user') {
			const [p] = await tx.insert(surveyParticipations).values({ surveyId: s.id, userId: ctx.actor.userId, on: day }).onConflictDoNothing().returning({ on: surveyParticipations.on });
			if (!p) throw new Refusal(409, 'surveys_already_answered');
		} else {
			const state = await hit(tx, limitKey(`survey:${s.id}`, ctx.ip ?? 'unknown'), VISITOR_LIMIT, now);
			if (!state.allowed) throw new Refusal(409, 'surveys_too_many');
		}
		const respondentId = !s.anonymous && ctx.actor.kind === 'user' ? ctx.actor.userId : null;
		const responseId = await recordResponse(tx, s, answers, { locale: ctx.locale, respondentId, day });
		await tx.update(surveyDrafts).set({ answers: {}, submittedAt: now }).where(eq(surveyDrafts.tokenHash, d.tokenHash));
		// An anonymous survey's audit entry names the survey, never the response.
		await audit(ctx, tx, 'surveys.respond', s.anonymous ? 'survey' : 'survey_response', s.anonymous ? s.id : responseId, 'done', { surveyId: s.id });
	});
}
