/**
 * A survey's results (`surveys.results`): per question, the count of each
 * answer with counts under 5 hidden ("fewer than 5"), a total, and
 * percentages worked out only from counts that are shown. Free-text answers
 * are listed for the survey's managers only (`surveys.manage`), and only
 * when at least 5 were written. Exports (CSV, XLSX) carry the same numbers.
 */
import { and, count, countDistinct, eq, isNotNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { surveyAnswers, surveyResponses } from '../db/schema/index.ts';
import { can } from '../policy/index.ts';
import { isUuid } from '../organisations/errors.ts';
import { suppressList, THRESHOLD, type Shown } from '../support/suppression.ts';
import { neutralise, toCsv } from '../directory/spreadsheet.ts';
import { audit, loadSurvey, pick, requirePolicy, type Question, type Survey } from './common.ts';
import type { QuestionKind } from '../db/schema/index.ts';

export interface ResultRow {
	label: string;
	lang: string;
	icon: string;
	count: Shown;
	/** 0–100, one decimal; null when the count or the total is hidden. */
	percent: number | null;
}
export interface QuestionResult {
	id: string;
	number: number;
	kind: QuestionKind;
	prompt: string;
	lang: string;
	/** People who answered this question (hidden under 5). */
	answered: Shown;
	rows: ResultRow[];
	/** Free text: listed for managers when at least 5 were written; else null. */
	texts: string[] | null;
}
export interface SurveyResults {
	survey: Survey;
	title: string;
	responses: Shown;
	questions: QuestionResult[];
}

const pct = (n: Shown, total: Shown) => (n === null || total === null || total === 0 ? null : Math.round((n / total) * 1000) / 10);
/** A count under the threshold, alone (no sum to protect). */
const alone = (n: number): Shown => (n < THRESHOLD ? null : n);

export async function surveyResults(ctx: Ctx, id: string, opts: { audit?: string } = {}): Promise<SurveyResults> {
	await requirePolicy(ctx, 'surveys.results', { type: 'platform' }, { type: 'survey', id: isUuid(id) ? id : null });
	const s = await loadSurvey(ctx.db, id);
	const managers = can(ctx.actor, 'surveys.manage') === 'allowed';
	const [{ n: total }] = await ctx.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
	const byChoice = await ctx.db
		.select({ choiceId: surveyAnswers.choiceId, n: count() })
		.from(surveyAnswers)
		.innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
		.where(and(eq(surveyResponses.surveyId, s.id), isNotNull(surveyAnswers.choiceId)))
		.groupBy(surveyAnswers.choiceId);
	const byScale = await ctx.db
		.select({ questionId: surveyAnswers.questionId, scale: surveyAnswers.scale, n: count() })
		.from(surveyAnswers)
		.innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
		.where(and(eq(surveyResponses.surveyId, s.id), isNotNull(surveyAnswers.scale)))
		.groupBy(surveyAnswers.questionId, surveyAnswers.scale);
	const answeredBy = await ctx.db
		.select({ questionId: surveyAnswers.questionId, n: countDistinct(surveyAnswers.responseId) })
		.from(surveyAnswers)
		.innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
		.where(eq(surveyResponses.surveyId, s.id))
		.groupBy(surveyAnswers.questionId);
	const choiceN = new Map(byChoice.map((r) => [r.choiceId, r.n]));
	const answeredN = new Map(answeredBy.map((r) => [r.questionId, r.n]));

	const questions: QuestionResult[] = [];
	for (const [i, q] of s.questions.entries()) {
		const prompt = pick(q.prompt, ctx.locale);
		const base = { id: q.id, number: i + 1, kind: q.kind, prompt: prompt.text, lang: prompt.lang };
		const answered = answeredN.get(q.id) ?? 0;
		if (q.kind === 'single' || q.kind === 'scale') {
			const labels = q.kind === 'single' ? q.choices.map((c) => ({ ...pick(c.label, ctx.locale), icon: c.icon })) : scaleLabels();
			const counts = q.kind === 'single' ? q.choices.map((c) => choiceN.get(c.id) ?? 0) : [1, 2, 3, 4, 5].map((v) => byScale.find((r) => r.questionId === q.id && r.scale === v)?.n ?? 0);
			const shown = suppressList(counts);
			questions.push({
				...base,
				answered: shown.total,
				rows: labels.map((l, j) => ({ label: l.text, lang: l.lang, icon: l.icon, count: shown.counts[j], percent: pct(shown.counts[j], shown.total) })),
				texts: null
			});
		} else if (q.kind === 'multiple') {
			const shownAnswered = alone(answered);
			questions.push({
				...base,
				answered: shownAnswered,
				rows: q.choices.map((c) => {
					const l = pick(c.label, ctx.locale);
					const n = alone(choiceN.get(c.id) ?? 0);
					return { label: l.text, lang: l.lang, icon: c.icon, count: n, percent: pct(n, shownAnswered) };
				}),
				texts: null
			});
		} else {
			let texts: string[] | null = null;
			if (managers && answered >= THRESHOLD) {
				const rows = await ctx.db
					.select({ text: surveyAnswers.text })
					.from(surveyAnswers)
					.where(and(eq(surveyAnswers.questionId, q.id), isNotNull(surveyAnswers.text)))
					.orderBy(surveyAnswers.text);
				texts = rows.map((r) => r.text ?? '');
			}
			questions.push({ ...base, answered: alone(answered), rows: [], texts });
		}
	}
	await audit(ctx, ctx.db, opts.audit ?? 'surveys.results.view', 'survey', s.id, 'done', { texts: managers });
	return { survey: s, title: pick(s.title, ctx.locale).text, responses: alone(total), questions };
}

function scaleLabels() {
	const words = [m.surveys_scale_1(), m.surveys_scale_2(), m.surveys_scale_3(), m.surveys_scale_4(), m.surveys_scale_5()];
	const faces = ['very_sad', 'sad', 'neutral', 'happy', 'very_happy'];
	return words.map((w, i) => ({ text: `${i + 1} · ${w}`, lang: '', icon: faces[i] }));
}

/** The table every export writes: one line per answer of every choice or scale question, and one per free-text question (its count). */
export function resultsSheet(r: SurveyResults): (string | number)[][] {
	const few = m.surveys_fewer_than_5();
	const head = [m.surveys_export_number(), m.surveys_export_question(), m.surveys_export_answer(), m.surveys_export_count(), m.surveys_export_percent()];
	const rows: (string | number)[][] = [head];
	for (const q of r.questions) {
		if (q.kind === 'text') {
			rows.push([q.number, q.prompt, m.surveys_export_free_text(), q.answered ?? few, '']);
			continue;
		}
		for (const row of q.rows) rows.push([q.number, q.prompt, row.label, row.count ?? few, row.percent ?? '']);
		rows.push([q.number, q.prompt, m.surveys_export_answered(), q.answered ?? few, '']);
	}
	rows.push(['', m.surveys_export_responses(), '', r.responses ?? few, '']);
	return rows;
}

export function resultsCsv(r: SurveyResults): string {
	return toCsv(resultsSheet(r));
}

export async function resultsXlsx(r: SurveyResults): Promise<Buffer> {
	const { default: writeXlsxFile } = await import('write-excel-file/node');
	const data = resultsSheet(r).map((row, i) =>
		row.map((v) => (typeof v === 'number' ? { value: v, type: Number } : { value: neutralise(v) as string, type: String, fontWeight: i === 0 ? ('bold' as const) : undefined }))
	);
	const out = await writeXlsxFile(data as never, { sheet: m.surveys_export_sheet().slice(0, 31) }).toBuffer();
	return Buffer.from(out as Uint8Array);
}

export type { Question };
