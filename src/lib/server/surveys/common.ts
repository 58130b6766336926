/**
 * What the survey use cases share: the audited policy gate, loading a survey
 * with its questions and choices, and text in the reader's language (English
 * when not translated). An id that is not a uuid, or names nothing, is the
 * same 404 as a survey the actor may not see.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { surveyChoices, surveyQuestions, surveys, type Localised, type QuestionKind, type SurveyStatus } from '../db/schema/index.ts';
import { auditedGate } from '../audit/gate.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';

export type SurveyResourceName = 'survey' | 'survey_response';

export const { audit, requirePolicy } = auditedGate<SurveyResourceName>();

export const surveyNotFound = () => new Refusal(404, 'surveys_not_found');

/** `text[locale]`, else English. */
export function pick(text: Localised, locale: string): { text: string; lang: string } {
	const t = text[locale];
	return t ? { text: t, lang: locale } : { text: text.en ?? '', lang: 'en' };
}

export interface Choice {
	id: string;
	position: number;
	label: Localised;
	icon: string;
}
export interface Question {
	id: string;
	position: number;
	kind: QuestionKind;
	prompt: Localised;
	choices: Choice[];
}
export interface Survey {
	id: string;
	title: Localised;
	intro: Localised;
	status: SurveyStatus;
	anonymous: boolean;
	opensAt: Date;
	closesAt: Date;
	publishedAt: Date | null;
	questions: Question[];
}

/** A survey with its questions and choices in order, or a 404 refusal. */
export async function loadSurvey(tx: Tx, id: string): Promise<Survey> {
	if (!isUuid(id)) throw surveyNotFound();
	const [s] = await tx
		.select({
			id: surveys.id,
			title: surveys.title,
			intro: surveys.intro,
			status: surveys.status,
			anonymous: surveys.anonymous,
			opensAt: surveys.opensAt,
			closesAt: surveys.closesAt,
			publishedAt: surveys.publishedAt
		})
		.from(surveys)
		.where(eq(surveys.id, id));
	if (!s) throw surveyNotFound();
	const qs = await tx
		.select({ id: surveyQuestions.id, position: surveyQuestions.position, kind: surveyQuestions.kind, prompt: surveyQuestions.prompt })
		.from(surveyQuestions)
		.where(eq(surveyQuestions.surveyId, id))
		.orderBy(asc(surveyQuestions.position));
	const cs = qs.length
		? await tx
				.select({ id: surveyChoices.id, questionId: surveyChoices.questionId, position: surveyChoices.position, label: surveyChoices.label, icon: surveyChoices.icon })
				.from(surveyChoices)
				.where(
					inArray(
						surveyChoices.questionId,
						qs.map((q) => q.id)
					)
				)
				.orderBy(asc(surveyChoices.position))
		: [];
	return {
		...s,
		questions: qs.map((q) => ({ ...q, choices: cs.filter((c) => c.questionId === q.id).map(({ questionId, ...c }) => c) }))
	};
}

/** Published and between its opening and closing times. */
export function isOpen(s: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): boolean {
	return s.status === 'published' && s.opensAt <= now && now < s.closesAt;
}
