/**
 * The shapes of the guardianship forms, shared by routes and tests. Errors
 * are names of messages in messages/guardianship (or the generic field
 * messages), translated by readForm.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { guardianStatuses, vettingSteps, visitKinds } from '../db/schema/index.ts';
import { spokenLanguages } from '../../directory/taxonomy.ts';
import { isYmd } from './age.ts';

/** A calendar date as a date field posts it: YYYY-MM-DD. */
export const calendarDate = (error = 'guardianship_date_invalid') =>
	z
		.string({ error })
		.transform((s) => s.trim())
		.refine(isYmd, { error });

const optionalDate = (error = 'guardianship_date_invalid') =>
	fields.blankOrNull(z.string().refine(isYmd, { error }));

/** "ar, fr" or "ar fr": ISO 639-1 codes the directory knows. */
const languageList = z
	.string()
	.optional()
	.transform((s) => [...new Set((s ?? '').toLowerCase().split(/[\s,;]+/).filter((x) => x !== ''))])
	.refine((l) => l.length <= 10 && l.every((c) => c in spokenLanguages), { error: 'guardianship_languages_invalid' });

const optionalNeighbourhood = fields.blankOrNull(z.uuid({ error: 'field_invalid_choice' }));

/** A signed-in person offers to become a volunteer guardian. */
export const registerSelfForm = z.object({
	languages: languageList,
	neighbourhoodId: optionalNeighbourhood,
	agree: fields.checkbox().refine((v) => v, { error: 'guardianship_agree_required' })
});
export type RegisterSelfInput = z.infer<typeof registerSelfForm>;

/** The office registers someone who already has an account, by their e-mail address. */
export const registerByOfficeForm = z.object({
	email: fields.email(),
	languages: languageList,
	neighbourhoodId: optionalNeighbourhood
});
export type RegisterByOfficeInput = z.infer<typeof registerByOfficeForm>;

export const vettingForm = z
	.object({
		step: z.enum(vettingSteps, { error: 'guardianship_step_required' }),
		/** What was checked: a document number, a course name (never a copy of the document). */
		reference: fields.optionalText(200),
		/** The criminal-record certificate's expiry; ignored for the other steps. */
		expiresOn: optionalDate()
	})
	.refine((v) => v.step !== 'criminal_record' || v.expiresOn !== null, { error: 'guardianship_expiry_required', path: ['expiresOn'] })
	.transform((v) => ({ ...v, expiresOn: v.step === 'criminal_record' ? v.expiresOn : null }));
export type VettingInput = z.infer<typeof vettingForm>;

export const statusForm = z.object({ status: z.enum(guardianStatuses, { error: 'guardianship_status_required' }) });

export const assignForm = z.object({ childId: z.uuid({ error: 'guardianship_child_required' }) });

export const endForm = z.object({
	guardianshipId: z.uuid({ error: 'guardianship_not_found' }),
	reason: fields.text(500)
});

export const visitForm = z.object({
	guardianshipId: z.uuid({ error: 'guardianship_child_required' }),
	kind: z.enum(visitKinds, { error: 'guardianship_kind_required' }),
	visitedOn: calendarDate(),
	summary: fields.text(4000),
	concern: fields.checkbox()
});
export type VisitInput = z.infer<typeof visitForm>;

export const transitionPlanForm = z.object({
	childId: z.uuid({ error: 'guardianship_child_required' }),
	summary: fields.text(4000),
	agreedOn: calendarDate()
});
export type TransitionPlanInput = z.infer<typeof transitionPlanForm>;
