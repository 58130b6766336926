/**
 * The forms of the folder's care pages (assessment, plan, notes, tasks).
 * Errors are names of messages in messages/care (or the generic field
 * messages), translated by readForm.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { goalStatuses, lifeDomains, noteKinds, sensitivities } from '../db/schema/index.ts';
import type { LifeDomain } from '../db/schema/index.ts';

/** The hidden token of a form that creates something: posted twice, it creates one. */
const formId = z.uuid({ error: 'error_bad_request' });

const ymd = /^\d{4}-\d{2}-\d{2}$/;
function validDate(s: string): boolean {
	if (!ymd.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
/**
 * An optional field that, when not blank, must pass `ok`; blank is null.
 * (Not a union: a union's error would hide the message named here.)
 */
const optional = (ok: (s: string) => boolean, error: string) =>
	z
		.string()
		.optional()
		.transform((s) => (s ?? '').trim())
		.refine((s) => s === '' || ok(s), { error })
		.transform((s) => (s === '' ? null : s));

/** A calendar date YYYY-MM-DD (what <input type="date"> posts), or blank. */
const optionalDate = (error: string) => optional(validDate, error);

/** The form field of a domain's score. */
export const scoreField = (d: LifeDomain) => `score_${d}`;

const score = optional((s) => /^[1-5]$/.test(s), 'care_score_invalid').transform((s) => (s === null ? null : Number(s)));

export const assessmentForm = z
	.object({
		formId,
		takenOn: optionalDate('care_date_invalid'),
		comment: fields.optionalText(1000),
		...Object.fromEntries(lifeDomains.map((d) => [scoreField(d), score])) as Record<`score_${LifeDomain}`, typeof score>
	})
	.refine((f) => lifeDomains.some((d) => f[scoreField(d) as `score_${LifeDomain}`] !== null), {
		error: 'care_score_at_least_one',
		path: [scoreField(lifeDomains[0])]
	});
export type AssessmentFormData = z.infer<typeof assessmentForm>;

export interface AssessmentInput {
	formId: string;
	takenOn: string | null;
	comment: string;
	scores: Partial<Record<LifeDomain, number>>;
}

export function assessmentInput(f: AssessmentFormData): AssessmentInput {
	const scores: Partial<Record<LifeDomain, number>> = {};
	for (const d of lifeDomains) {
		const s = f[scoreField(d) as `score_${LifeDomain}`];
		if (s !== null) scores[d] = s;
	}
	return { formId: f.formId, takenOn: f.takenOn, comment: f.comment, scores };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalUuid = (error: string) => optional((s) => UUID.test(s), error);

export const goalForm = z.object({
	formId,
	text: fields.text(500),
	ownWords: fields.optionalText(500),
	domain: optional((s) => (lifeDomains as readonly string[]).includes(s), 'field_invalid_choice').transform((s) => s as LifeDomain | null)
});
export type GoalInput = z.infer<typeof goalForm>;

export const goalStatusForm = z.object({
	goalId: z.uuid({ error: 'care_goal_not_found' }),
	version: z.string().regex(/^\d{1,9}$/, { error: 'error_bad_request' }).transform(Number),
	status: z.enum(goalStatuses, { error: 'field_invalid_choice' })
});
export type GoalStatusInput = z.infer<typeof goalStatusForm>;

export const actionForm = z.object({
	formId,
	goalId: z.uuid({ error: 'care_goal_not_found' }),
	actionText: fields.text(500),
	ownerUserId: optionalUuid('care_owner_not_on_team'),
	dueOn: optionalDate('care_date_invalid'),
	serviceId: optionalUuid('care_service_unknown')
});
export type ActionInput = z.infer<typeof actionForm>;

/** Marks done (done=1) or not done (done=0): the state wanted, so a replay changes nothing. */
export const actionDoneForm = z.object({
	actionId: z.uuid({ error: 'care_action_not_found' }),
	done: z.enum(['0', '1'], { error: 'error_bad_request' }).transform((v) => v === '1')
});
export type ActionDoneInput = z.infer<typeof actionDoneForm>;

export const noteForm = z.object({
	formId,
	body: fields.text(5000),
	sensitivity: z.enum(sensitivities, { error: 'care_sensitivity_required' }),
	kind: z.enum(noteKinds, { error: 'field_invalid_choice' }).default('note')
});
export type NoteInput = z.infer<typeof noteForm>;

export const noteSensitivityForm = z.object({
	noteId: z.uuid({ error: 'care_note_not_found' }),
	sensitivity: z.enum(sensitivities, { error: 'care_sensitivity_required' })
});
export type NoteSensitivityInput = z.infer<typeof noteSensitivityForm>;

const time = optional((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), 'care_time_invalid');

export const taskForm = z
	.object({
		formId,
		title: fields.text(300),
		dueOn: optionalDate('care_date_invalid'),
		dueTime: time,
		assigneeId: optionalUuid('care_assignee_not_on_team')
	})
	.refine((t) => t.dueTime === null || t.dueOn !== null, { error: 'care_time_needs_date', path: ['dueOn'] });
export type TaskInput = z.infer<typeof taskForm>;

export const taskDoneForm = z.object({
	taskId: z.uuid({ error: 'care_task_not_found' }),
	done: z.enum(['0', '1'], { error: 'error_bad_request' }).transform((v) => v === '1')
});
export type TaskDoneInput = z.infer<typeof taskDoneForm>;
