/**
 * The shapes of the support folder's forms, shared by routes and tests.
 * Errors are names of messages in messages/support (or the generic field
 * messages), translated by readForm.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { consentMethods } from '../db/schema/index.ts';
import { spokenLanguages } from '../../directory/taxonomy.ts';
import { cityToday, isMinorOn, isYmd } from '../guardianship/age.ts';

const thisYear = () => new Date().getUTCFullYear();

const method = z.enum(consentMethods, { error: 'support_method_required' });

/** "ar, fr" or "ar fr": ISO 639-1 codes the directory knows. */
const languageList = z
	.string()
	.optional()
	.transform((s) => [...new Set((s ?? '').toLowerCase().split(/[\s,;]+/).filter((x) => x !== ''))])
	.refine((l) => l.length <= 10 && l.every((c) => c in spokenLanguages), { error: 'support_languages_invalid' });

const birthYear = fields.blankOrNull(
	z
		.string()
		.regex(/^\d{4}$/, { error: 'support_birth_year_invalid' })
		.transform(Number)
		.refine((y) => y >= 1900 && y <= thisYear(), { error: 'support_birth_year_invalid' })
);

/** Blank when the choice is not needed (one organisation; not a `share` consent). */
const optionalOrganisation = fields.blankOrNull(z.uuid({ error: 'support_organisation_required' }));

export const newFolderForm = z.object({
	formId: z.uuid({ error: 'error_bad_request' }),
	/** Absent when the worker has one organisation (the route fills it in). */
	organisationId: optionalOrganisation,
	preferredName: fields.text(100),
	birthYear,
	languages: languageList,
	contact: fields.optionalText(200),
	method,
	// Guardianship track: a date of birth (required for an unaccompanied child, who must be under 18).
	birthDate: fields.blankOrNull(z.string().refine(isYmd, { error: 'guardianship_birth_date_invalid' })),
	unaccompanied: fields.checkbox()
}).superRefine((f, ctx) => {
	if (f.birthDate !== null && !isYmd(f.birthDate)) return;
	const today = cityToday();
	if (f.birthDate && f.birthDate > today) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'guardianship_birth_date_future' });
	else if (f.birthDate && f.birthYear !== null && f.birthYear !== Number(f.birthDate.slice(0, 4)))
		ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'guardianship_birth_year_mismatch' });
	if (f.unaccompanied && !f.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'guardianship_child_needs_birth_date' });
	else if (f.unaccompanied && f.birthDate && f.birthDate <= today && !isMinorOn(f.birthDate, today))
		ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'guardianship_child_must_be_minor' });
});
export type NewFolderInput = Omit<z.infer<typeof newFolderForm>, 'organisationId'> & { organisationId: string };

export const recordConsentForm = z
	.object({
		purpose: z.enum(['coordination', 'share', 'statistics'], { error: 'support_purpose_required' }),
		organisationId: optionalOrganisation,
		method
	})
	.refine((c) => (c.purpose === 'share') === (c.organisationId !== null), {
		error: 'support_share_needs_organisation',
		path: ['organisationId']
	});
export type RecordConsentInput = z.infer<typeof recordConsentForm>;

export const withdrawConsentForm = z.object({
	consentId: z.uuid({ error: 'support_consent_not_found' }),
	reason: fields.text(500)
});

export const addTeamForm = z.object({ organisationId: z.uuid({ error: 'support_organisation_required' }) });

export const addWorkerForm = z.object({
	userId: z.uuid({ error: 'support_worker_required' }),
	lead: fields.checkbox()
});

export const setLeadForm = z.object({ userId: z.uuid({ error: 'support_worker_required' }) });
