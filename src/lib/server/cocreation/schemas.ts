/**
 * The shapes of the co-creation forms (issue 7), shared by routes and tests.
 * Errors are names of messages in messages/cocreation (or the generic field
 * messages), translated by readForm.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { callAudiences, ideaStatuses, moderatedTypes, pilotStatuses, reportReasons, emailModes, notificationKinds } from '../db/schema/index.ts';
import { spokenLanguages } from '../../directory/taxonomy.ts';
import { isYmd } from '../guardianship/age.ts';

export const languageCodes = Object.keys(spokenLanguages);
const language = z.enum(languageCodes as [string, ...string[]], { error: 'field_invalid_choice' });
const ymd = z
	.string({ error: 'cocreation_date_invalid' })
	.transform((s) => s.trim())
	.refine(isYmd, { error: 'cocreation_date_invalid' });
const optionalUuid = fields.blankOrNull(z.uuid({ error: 'field_invalid_choice' }));

export const callForm = z
	.object({
		title: fields.text(150),
		question: fields.text(2000),
		rules: fields.optionalText(5000),
		language: language.default('en'),
		audience: z.enum(callAudiences, { error: 'field_invalid_choice' }),
		neighbourhoodId: optionalUuid,
		opens: ymd,
		review: ymd,
		selection: ymd,
		results: ymd,
		followUp: ymd
	})
	.refine((d) => d.opens < d.review && d.review <= d.selection && d.selection <= d.results && d.results <= d.followUp, {
		error: 'cocreation_phases_order',
		path: ['review']
	});
export type CallForm = z.infer<typeof callForm>;

export const callTranslationForm = z.object({
	locale: z.string().regex(/^[a-z]{2}$/, { error: 'field_invalid_choice' }),
	title: fields.optionalText(150),
	question: fields.optionalText(2000),
	rules: fields.optionalText(5000)
});

export const criterionForm = z.object({
	name: fields.text(120),
	description: fields.optionalText(500),
	weight: z.coerce.number({ error: 'cocreation_weight_invalid' }).int({ error: 'cocreation_weight_invalid' }).min(1, { error: 'cocreation_weight_invalid' }).max(5, { error: 'cocreation_weight_invalid' })
});

export const jurorForm = z.object({ email: fields.email() });
export const removeForm = z.object({ id: z.uuid({ error: 'field_invalid_choice' }) });

export const ideaForm = z.object({
	title: fields.text(150),
	description: fields.text(5000),
	language,
	neighbourhoodId: optionalUuid,
	/** On behalf of an organisation the person belongs to. */
	organisationId: optionalUuid,
	anonymous: fields.checkbox()
});
export type IdeaForm = z.infer<typeof ideaForm>;

export const commentForm = z.object({
	body: fields.text(2000),
	parentId: optionalUuid
});

export const reportForm = z.object({
	subjectType: z.enum(moderatedTypes, { error: 'field_invalid_choice' }),
	subjectId: z.uuid({ error: 'field_invalid_choice' }),
	reason: z.enum(reportReasons, { error: 'cocreation_report_reason_required' }),
	note: fields.optionalText(500)
});

export const conflictForm = z.object({ ideaId: z.uuid({ error: 'field_invalid_choice' }), reason: fields.text(300) });

/** Scores come as `score_<criterion id>` = 0..10; read by scoreEntries. */
export const scoreForm = z
	.object({ ideaId: z.uuid({ error: 'field_invalid_choice' }), note: fields.optionalText(1000) })
	.catchall(z.string());
export function scoreEntries(d: Record<string, unknown>): { criterionId: string; score: number }[] | null {
	const out: { criterionId: string; score: number }[] = [];
	for (const [k, v] of Object.entries(d)) {
		if (!k.startsWith('score_')) continue;
		const id = k.slice(6);
		const s = String(v).trim();
		if (!/^[0-9a-f-]{36}$/i.test(id) || !/^(10|[0-9])$/.test(s)) return null;
		out.push({ criterionId: id.toLowerCase(), score: Number(s) });
	}
	return out;
}

export const decisionForm = z.object({
	ideaId: z.uuid({ error: 'field_invalid_choice' }),
	status: z.enum(ideaStatuses.filter((s) => s === 'selected' || s === 'not_selected') as ['selected', 'not_selected'], { error: 'field_invalid_choice' }),
	reason: fields.text(1000)
});

export const pilotForm = z.object({
	ideaId: z.uuid({ error: 'field_invalid_choice' }),
	title: fields.text(150),
	summary: fields.optionalText(3000),
	organisationId: optionalUuid
});

export const pilotUpdateForm = z.object({
	status: z.enum(pilotStatuses, { error: 'field_invalid_choice' }),
	body: fields.text(3000)
});

export const moderationForm = z.object({
	subjectType: z.enum(moderatedTypes, { error: 'field_invalid_choice' }),
	subjectId: z.uuid({ error: 'field_invalid_choice' }),
	action: z.enum(['hide', 'restore', 'keep'], { error: 'field_invalid_choice' }),
	reason: fields.text(500)
});

/** `inApp_<kind>` checkboxes and `email_<kind>` choices, for every kind. */
export function preferencesFrom(values: Record<string, string | string[]>) {
	const out: { kind: (typeof notificationKinds)[number]; inApp: boolean; email: (typeof emailModes)[number] }[] = [];
	for (const kind of notificationKinds) {
		const email = values[`email_${kind}`];
		if (typeof email !== 'string' || !(emailModes as readonly string[]).includes(email)) return null;
		out.push({ kind, inApp: values[`inApp_${kind}`] === 'on', email: email as (typeof emailModes)[number] });
	}
	return out;
}

export const resultsForm = z.object({ reason: fields.text(1000) });
export const pilotUpdateWithId = pilotUpdateForm.extend({ pilotId: z.uuid({ error: 'field_invalid_choice' }) });
export const jurorRemoveForm = z.object({ userId: z.uuid({ error: 'field_invalid_choice' }) });
