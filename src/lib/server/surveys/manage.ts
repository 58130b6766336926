/**
 * The city's staff run surveys (`surveys.manage`): create and edit one (title
 * and intro per locale, dates, anonymous or named), its questions in order
 * and their choices (a label per locale and a pictogram), publish and close.
 *
 * Once published, a survey's questions and choices may be re-worded but not
 * added, removed, reordered or changed in kind, and a survey never turns
 * from anonymous to named: answers already given keep their meaning.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { surveyChoices, surveyQuestions, surveyResponses, surveys, type Localised } from '../db/schema/index.ts';
import { actorId } from '../context.ts';
import { zonedInstant, addDays } from '../../directory/hours.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, loadSurvey, requirePolicy, type Survey } from './common.ts';
import type { ChoiceInput, QuestionInput, SurveyInput } from './schemas.ts';

export const MAX_QUESTIONS = 30;
export const MAX_CHOICES = 12;

const platform = { type: 'platform' } as const;
const locked = () => new Refusal(409, 'surveys_published_locked');

function times(input: Pick<SurveyInput, 'opensOn' | 'closesOn'>) {
	return { opensAt: zonedInstant(input.opensOn, 0), closesAt: zonedInstant(addDays(input.closesOn, 1), 0) };
}

async function gate(ctx: Ctx, id: string | null) {
	await requirePolicy(ctx, 'surveys.manage', platform, { type: 'survey', id });
}

export async function createSurvey(ctx: Ctx, input: SurveyInput): Promise<string> {
	await gate(ctx, null);
	return ctx.db.transaction(async (tx) => {
		const [s] = await tx
			.insert(surveys)
			.values({ title: input.title, intro: input.intro, anonymous: input.anonymous, ...times(input), createdBy: actorId(ctx) })
			.returning({ id: surveys.id });
		await audit(ctx, tx, 'surveys.create', 'survey', s.id);
		return s.id;
	});
}

/** The survey for its editor, or a 404. */
export async function surveyForEditing(ctx: Ctx, id: string): Promise<Survey & { responses: number }> {
	await gate(ctx, isUuid(id) ? id : null);
	const s = await loadSurvey(ctx.db, id);
	const [{ n }] = await ctx.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, id));
	return { ...s, responses: n };
}

export async function updateSurvey(ctx: Ctx, id: string, input: SurveyInput): Promise<void> {
	await gate(ctx, isUuid(id) ? id : null);
	const s = await loadSurvey(ctx.db, id);
	if (s.status !== 'draft' && s.anonymous !== input.anonymous) throw new Refusal(409, 'surveys_identity_locked', 'identity');
	await ctx.db.transaction(async (tx) => {
		await tx
			.update(surveys)
			.set({ title: input.title, intro: input.intro, anonymous: input.anonymous, ...times(input), updatedAt: new Date() })
			.where(eq(surveys.id, id));
		await audit(ctx, tx, 'surveys.update', 'survey', id);
	});
}

/** Loads the survey for a change of its questions: a draft, unless only words change. */
async function forChange(ctx: Ctx, id: string, wordsOnly: boolean): Promise<Survey> {
	await gate(ctx, isUuid(id) ? id : null);
	const s = await loadSurvey(ctx.db, id);
	if (!wordsOnly && s.status !== 'draft') throw locked();
	if (s.status === 'closed') throw locked();
	return s;
}

function questionOf(s: Survey, questionId: string) {
	const q = s.questions.find((x) => x.id === questionId);
	if (!q) throw new Refusal(404, 'surveys_question_unknown', 'questionId');
	return q;
}

export async function addQuestion(ctx: Ctx, id: string, input: QuestionInput): Promise<string> {
	const s = await forChange(ctx, id, false);
	if (s.questions.length >= MAX_QUESTIONS) throw new Refusal(409, 'surveys_too_many_questions');
	return ctx.db.transaction(async (tx) => {
		const position = (s.questions.at(-1)?.position ?? 0) + 1;
		const [q] = await tx.insert(surveyQuestions).values({ surveyId: id, position, kind: input.kind, prompt: input.prompt }).returning({ id: surveyQuestions.id });
		await audit(ctx, tx, 'surveys.question.add', 'survey', id, 'done', { questionId: q.id });
		return q.id;
	});
}

/** Re-words a question; its kind changes only while the survey is a draft. */
export async function updateQuestion(ctx: Ctx, id: string, input: { questionId: string; kind: QuestionInput['kind']; prompt: Localised }): Promise<void> {
	const s = await forChange(ctx, id, true);
	const q = questionOf(s, input.questionId);
	if (q.kind !== input.kind && s.status !== 'draft') throw locked();
	await ctx.db.transaction(async (tx) => {
		await tx.update(surveyQuestions).set({ kind: input.kind, prompt: input.prompt }).where(eq(surveyQuestions.id, q.id));
		// A question that no longer offers choices drops them.
		if (input.kind === 'scale' || input.kind === 'text') await tx.delete(surveyChoices).where(eq(surveyChoices.questionId, q.id));
		await audit(ctx, tx, 'surveys.question.update', 'survey', id, 'done', { questionId: q.id });
	});
}

export async function removeQuestion(ctx: Ctx, id: string, questionId: string): Promise<void> {
	const s = await forChange(ctx, id, false);
	const q = questionOf(s, questionId);
	await ctx.db.transaction(async (tx) => {
		await tx.delete(surveyQuestions).where(eq(surveyQuestions.id, q.id));
		await audit(ctx, tx, 'surveys.question.remove', 'survey', id, 'done', { questionId: q.id });
	});
}

export async function moveQuestion(ctx: Ctx, id: string, questionId: string, direction: 'up' | 'down'): Promise<void> {
	const s = await forChange(ctx, id, false);
	const q = questionOf(s, questionId);
	const i = s.questions.indexOf(q);
	const other = s.questions[direction === 'up' ? i - 1 : i + 1];
	if (!other) return;
	await ctx.db.transaction(async (tx) => {
		await tx.update(surveyQuestions).set({ position: other.position }).where(eq(surveyQuestions.id, q.id));
		await tx.update(surveyQuestions).set({ position: q.position }).where(eq(surveyQuestions.id, other.id));
		await audit(ctx, tx, 'surveys.question.move', 'survey', id, 'done', { questionId: q.id });
	});
}

export async function addChoice(ctx: Ctx, id: string, input: ChoiceInput): Promise<string> {
	const s = await forChange(ctx, id, false);
	const q = questionOf(s, input.questionId);
	if (q.kind !== 'single' && q.kind !== 'multiple') throw new Refusal(409, 'surveys_no_choices_here', 'questionId');
	if (q.choices.length >= MAX_CHOICES) throw new Refusal(409, 'surveys_too_many_choices');
	return ctx.db.transaction(async (tx) => {
		const position = (q.choices.at(-1)?.position ?? 0) + 1;
		const [c] = await tx.insert(surveyChoices).values({ questionId: q.id, position, label: input.label, icon: input.icon }).returning({ id: surveyChoices.id });
		await audit(ctx, tx, 'surveys.choice.add', 'survey', id, 'done', { questionId: q.id });
		return c.id;
	});
}

function choiceOf(s: Survey, choiceId: string) {
	for (const q of s.questions) {
		const c = q.choices.find((x) => x.id === choiceId);
		if (c) return c;
	}
	throw new Refusal(404, 'surveys_choice_unknown', 'choiceId');
}

/** Re-words a choice or changes its pictogram (also once published). */
export async function updateChoice(ctx: Ctx, id: string, input: { choiceId: string; label: Localised; icon: string }): Promise<void> {
	const s = await forChange(ctx, id, true);
	const c = choiceOf(s, input.choiceId);
	await ctx.db.transaction(async (tx) => {
		await tx.update(surveyChoices).set({ label: input.label, icon: input.icon }).where(eq(surveyChoices.id, c.id));
		await audit(ctx, tx, 'surveys.choice.update', 'survey', id);
	});
}

export async function removeChoice(ctx: Ctx, id: string, choiceId: string): Promise<void> {
	const s = await forChange(ctx, id, false);
	const c = choiceOf(s, choiceId);
	await ctx.db.transaction(async (tx) => {
		await tx.delete(surveyChoices).where(eq(surveyChoices.id, c.id));
		await audit(ctx, tx, 'surveys.choice.remove', 'survey', id);
	});
}

/** Publishes a draft: it needs a question, and every choice question at least two choices. */
export async function publishSurvey(ctx: Ctx, id: string): Promise<void> {
	await gate(ctx, isUuid(id) ? id : null);
	const s = await loadSurvey(ctx.db, id);
	if (s.status !== 'draft') throw new Refusal(409, 'surveys_not_draft');
	if (s.questions.length === 0) throw new Refusal(409, 'surveys_needs_questions');
	if (s.questions.some((q) => (q.kind === 'single' || q.kind === 'multiple') && q.choices.length < 2)) throw new Refusal(409, 'surveys_needs_choices');
	await ctx.db.transaction(async (tx) => {
		const [done] = await tx
			.update(surveys)
			.set({ status: 'published', publishedAt: new Date(), updatedAt: new Date() })
			.where(and(eq(surveys.id, id), eq(surveys.status, 'draft')))
			.returning({ id: surveys.id });
		if (!done) throw new Refusal(409, 'surveys_not_draft');
		await audit(ctx, tx, 'surveys.publish', 'survey', id);
	});
}

/** Closes a published survey now: no more answers. */
export async function closeSurvey(ctx: Ctx, id: string, now = new Date()): Promise<void> {
	await gate(ctx, isUuid(id) ? id : null);
	const s = await loadSurvey(ctx.db, id);
	if (s.status !== 'published') throw new Refusal(409, 'surveys_not_published');
	await ctx.db.transaction(async (tx) => {
		await tx
			.update(surveys)
			.set({ status: 'closed', closesAt: sql`least(${surveys.closesAt}, greatest(${surveys.opensAt} + interval '1 second', ${now.toISOString()}::timestamptz))`, updatedAt: now })
			.where(eq(surveys.id, id));
		await audit(ctx, tx, 'surveys.close', 'survey', id);
	});
}

export interface SurveyRow {
	id: string;
	title: Localised;
	status: Survey['status'];
	anonymous: boolean;
	opensAt: Date;
	closesAt: Date;
	responses: number;
}

/** Every survey, newest first, with its number of responses. */
export async function listSurveysForStaff(ctx: Ctx): Promise<SurveyRow[]> {
	await requirePolicy(ctx, 'surveys.results', platform, { type: 'survey', id: null });
	return listAll(ctx.db);
}

async function listAll(tx: Tx): Promise<SurveyRow[]> {
	return tx
		.select({
			id: surveys.id,
			title: surveys.title,
			status: surveys.status,
			anonymous: surveys.anonymous,
			opensAt: surveys.opensAt,
			closesAt: surveys.closesAt,
			responses: sql<number>`(select count(*) from ${surveyResponses} r where r.survey_id = ${surveys.id})`.mapWith(Number)
		})
		.from(surveys)
		.orderBy(desc(surveys.createdAt), asc(surveys.id));
}
