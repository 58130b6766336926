/**
 * The shapes of the survey forms (issue 7), shared by routes and tests.
 * Text by locale is read from one field per locale (`title_en`, `title_ar`,
 * …): English is required, the others may be blank (they fall back to it).
 * Errors are names of messages in messages/surveys (or the generic ones).
 */
import { z } from 'zod';
import { locales } from '#lib/paraglide/runtime.js';
import { fields } from '../http/form.ts';
import { isYmd } from '../guardianship/age.ts';
import { MAX_TEXT_ANSWER, questionKinds, surveyIconNames } from '../../surveys/lists.ts';
import type { Localised } from '../db/schema/index.ts';

export const surveyLocales = locales as readonly string[];

/** Fields read as lists (a multiple choice's boxes). */
export const SURVEY_MULTI = ['choice'];

/** `name_en` required (up to `max`), `name_<locale>` optional; gathered into one record of the non-blank ones. */
function localised<N extends string>(name: N, max: number, required = true) {
	const shape: Record<string, z.ZodType<string>> = {};
	for (const l of surveyLocales) shape[`${name}_${l}`] = l === 'en' && required ? fields.text(max) : fields.optionalText(max);
	return shape;
}
export function gather(data: Record<string, unknown>, name: string): Localised {
	const out: Localised = {};
	for (const l of surveyLocales) {
		const v = data[`${name}_${l}`];
		if (typeof v === 'string' && v !== '') out[l] = v;
	}
	return out;
}

const ymd = (error: string) =>
	z
		.string({ error })
		.transform((s) => s.trim())
		.refine(isYmd, { error });

export const surveyForm = z
	.object({
		...localised('title', 150),
		...localised('intro', 2000, false),
		opensOn: ymd('surveys_date_invalid'),
		closesOn: ymd('surveys_date_invalid'),
		identity: z.enum(['anonymous', 'named'], { error: 'field_invalid_choice' }).default('anonymous')
	})
	.refine((s) => s.closesOn >= s.opensOn, { error: 'surveys_closes_before_opens', path: ['closesOn'] })
	.transform((s) => ({ title: gather(s, 'title'), intro: gather(s, 'intro'), opensOn: s.opensOn, closesOn: s.closesOn, anonymous: s.identity === 'anonymous' }));
export type SurveyInput = z.infer<typeof surveyForm>;

export const questionForm = z
	.object({
		...localised('prompt', 300),
		kind: z.enum(questionKinds, { error: 'field_invalid_choice' })
	})
	.transform((q) => ({ kind: q.kind, prompt: gather(q, 'prompt') }));
export type QuestionInput = z.infer<typeof questionForm>;

const id = (error = 'surveys_not_found') => z.uuid({ error });

export const questionEditForm = z
	.object({ questionId: id('surveys_question_unknown'), ...localised('prompt', 300), kind: z.enum(questionKinds, { error: 'field_invalid_choice' }) })
	.transform((q) => ({ questionId: q.questionId, kind: q.kind, prompt: gather(q, 'prompt') }));

export const choiceForm = z
	.object({
		questionId: id('surveys_question_unknown'),
		...localised('label', 120),
		icon: z.enum(surveyIconNames, { error: 'field_invalid_choice' }).default('none')
	})
	.transform((c) => ({ questionId: c.questionId, label: gather(c, 'label'), icon: c.icon }));
export type ChoiceInput = z.infer<typeof choiceForm>;

export const choiceEditForm = z
	.object({ choiceId: id('surveys_choice_unknown'), ...localised('label', 120), icon: z.enum(surveyIconNames, { error: 'field_invalid_choice' }).default('none') })
	.transform((c) => ({ choiceId: c.choiceId, label: gather(c, 'label'), icon: c.icon }));

export const questionRefForm = z.object({ questionId: id('surveys_question_unknown'), direction: z.enum(['up', 'down']).optional() });
export const choiceRefForm = z.object({ choiceId: id('surveys_choice_unknown') });
export const emptyForm = z.object({});

/** One screen's answer. Nothing ticked and nothing written: the question is skipped. */
export const answerForm = z.object({
	questionId: id('surveys_question_unknown'),
	choice: z.array(z.uuid({ error: 'surveys_choice_unknown' }), { error: 'surveys_choice_unknown' }).max(50, { error: 'surveys_choice_unknown' }).default([]),
	scale: z
		.string()
		.optional()
		.transform((s) => (s ?? '').trim())
		.refine((s) => s === '' || /^[1-5]$/.test(s), { error: 'surveys_scale_invalid' })
		.transform((s) => (s === '' ? null : Number(s))),
	text: fields.optionalText(MAX_TEXT_ANSWER),
	go: z.enum(['back', 'next'], { error: 'field_invalid_choice' }).default('next')
});
export type AnswerInput = z.infer<typeof answerForm>;
