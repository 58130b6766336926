/**
 * The shapes of the panels forms (issue 7), shared by routes and tests.
 * Errors are names of messages in messages/panels (or the generic field
 * messages), translated by readForm.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { locales } from '#lib/paraglide/runtime.js';
import { needCodes, spokenLanguages } from '../../directory/taxonomy.ts';
import { panelAgeBands, panelGenders, MAX_CHOICES, pictograms, targetDimensions } from '../../panels/lists.ts';
import { isYmd } from '../guardianship/age.ts';

/** Fields read as lists (checkbox groups). */
export const PANEL_MULTI = ['languages', 'services', 'userIds'];
export const languageCodes = Object.keys(spokenLanguages);
export const MAX_TARGETS = 6;

const codes = (known: readonly string[], min = 0, error = 'field_invalid_choice') =>
	z
		.array(z.string(), { error })
		.optional()
		.transform((a) => [...new Set(a ?? [])])
		.refine((a) => a.every((c) => known.includes(c)), { error })
		.refine((a) => a.length >= min, { error: 'panels_languages_required' });

/** Opting in to the pool. An age band under 18 is refused (docs/decisions/024). */
export const joinForm = z
	.object({
		languages: codes(languageCodes, 1),
		ageBand: z
			.enum([...panelAgeBands, 'under_18'], { error: 'panels_age_required' })
			.refine((a) => a !== 'under_18', { error: 'panels_under_18' })
			.transform((a) => a as (typeof panelAgeBands)[number]),
		gender: fields.blankOrNull(z.enum(panelGenders, { error: 'field_invalid_choice' })),
		genderSelf: fields.optionalText(60),
		services: codes(needCodes),
		consent: fields.checkbox().refine((c) => c, { error: 'panels_consent_required' })
	})
	.refine((j) => j.gender !== 'self_described' || j.genderSelf !== '', { error: 'panels_gender_self_required', path: ['genderSelf'] });
export type JoinInput = z.infer<typeof joinForm>;

/** One target: "dimension:value" and a minimum count. */
export function validTarget(dimension: string, value: string): boolean {
	switch (dimension) {
		case 'language':
			return languageCodes.includes(value);
		case 'ageBand':
			return (panelAgeBands as readonly string[]).includes(value);
		case 'gender':
			return (panelGenders as readonly string[]).includes(value);
		case 'service':
			return (needCodes as string[]).includes(value);
		default:
			return false;
	}
}

const targetShape: Record<string, z.ZodType> = {};
for (let i = 1; i <= MAX_TARGETS; i++) {
	targetShape[`target${i}`] = z
		.string()
		.optional()
		.transform((s) => (s ?? '').trim())
		.refine((s) => s === '' || (s.includes(':') && validTarget(s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1))), { error: 'field_invalid_choice' });
	targetShape[`min${i}`] = z
		.string()
		.optional()
		.transform((s) => (s ?? '').trim())
		.refine((s) => s === '' || (/^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 50), { error: 'panels_min_invalid' });
}

export const panelForm = z
	.object({
		name: fields.text(150),
		purpose: fields.optionalText(2000),
		languages: codes(locales as readonly string[], 1),
		...targetShape
	})
	.transform((f) => {
		const r = f as unknown as Record<string, string>;
		const targets: { dimension: (typeof targetDimensions)[number]; value: string; min: number }[] = [];
		for (let i = 1; i <= MAX_TARGETS; i++) {
			const t = r[`target${i}`];
			if (!t) continue;
			const at = t.indexOf(':');
			const dimension = t.slice(0, at) as (typeof targetDimensions)[number];
			const value = t.slice(at + 1);
			if (targets.some((x) => x.dimension === dimension && x.value === value)) continue;
			targets.push({ dimension, value, min: r[`min${i}`] ? Number(r[`min${i}`]) : 1 });
		}
		return { name: f.name, purpose: f.purpose, languages: f.languages, targets };
	});
export type PanelInput = z.infer<typeof panelForm>;

export const inviteForm = z.object({
	userIds: z
		.array(z.uuid({ error: 'panels_person_not_in_pool' }), { error: 'panels_choose_people' })
		.optional()
		.transform((a) => [...new Set(a ?? [])])
		.refine((a) => a.length >= 1 && a.length <= 50, { error: 'panels_choose_people' })
});
export const memberForm = z.object({ memberId: z.uuid({ error: 'panels_member_not_found' }) });
export const respondForm = z
	.object({
		memberId: z.uuid({ error: 'panels_member_not_found' }),
		decision: z.enum(['accept', 'decline'], { error: 'field_invalid_choice' }),
		consent: fields.checkbox()
	})
	.refine((r) => r.decision === 'decline' || r.consent, { error: 'panels_consent_required', path: ['consent'] });

/** "12", "12.5", "12,50" → cents. */
export const amount = z
	.string({ error: 'panels_amount_invalid' })
	.transform((s) => s.trim())
	.refine((s) => /^\d{1,6}([.,]\d{1,2})?$/.test(s), { error: 'panels_amount_invalid' })
	.transform((s) => {
		const [whole, frac = ''] = s.split(/[.,]/);
		return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
	})
	.refine((c) => c >= 1, { error: 'panels_amount_invalid' });

export const compensationForm = z.object({
	memberId: z.uuid({ error: 'panels_member_not_found' }),
	amount,
	currency: z
		.string({ error: 'panels_currency_invalid' })
		.transform((s) => s.trim().toUpperCase())
		.refine((s) => /^[A-Z]{3}$/.test(s), { error: 'panels_currency_invalid' }),
	givenOn: z
		.string({ error: 'panels_date_invalid' })
		.transform((s) => s.trim())
		.refine(isYmd, { error: 'panels_date_invalid' }),
	note: fields.optionalText(300)
});
export type CompensationInput = z.infer<typeof compensationForm>;

export const draftForm = z.object({
	title: fields.text(150),
	body: fields.optionalText(10_000),
	language: z.enum(locales as unknown as [string, ...string[]], { error: 'field_invalid_choice' }).default('en'),
	imageAlt: fields.optionalText(200)
});
export type DraftInput = z.infer<typeof draftForm>;

/**
 * A question, for a panel written in `languages`: its text in each, and for a
 * choice question 2–6 choices, each with a label in each language and a
 * pictogram or picture (the files come beside this, named c<i>_image).
 */
export function questionForm(languages: readonly string[]) {
	const shape: Record<string, z.ZodType> = { kind: z.enum(['text', 'choice'], { error: 'field_invalid_choice' }) };
	for (const l of languages) shape[`text_${l}`] = fields.optionalText(500);
	for (let i = 1; i <= MAX_CHOICES; i++) {
		shape[`c${i}_pictogram`] = z
			.string()
			.optional()
			.transform((s) => (s ?? '').trim())
			.refine((s) => s === '' || (pictograms as readonly string[]).includes(s), { error: 'field_invalid_choice' });
		for (const l of languages) shape[`c${i}_label_${l}`] = fields.optionalText(80);
	}
	return z.object(shape).superRefine((raw, ctx) => {
		const q = raw as Record<string, string>;
		for (const l of languages) if (!q[`text_${l}`]) ctx.addIssue({ code: 'custom', message: 'panels_question_text_required', path: [`text_${l}`] });
		if (q.kind !== 'choice') return;
		let n = 0;
		for (let i = 1; i <= MAX_CHOICES; i++) {
			const labels = languages.map((l) => q[`c${i}_label_${l}`]);
			if (labels.every((x) => !x) && !q[`c${i}_pictogram`]) continue;
			n++;
			languages.forEach((l, j) => {
				if (!labels[j]) ctx.addIssue({ code: 'custom', message: 'panels_choice_label_required', path: [`c${i}_label_${l}`] });
			});
		}
		if (n < 2) ctx.addIssue({ code: 'custom', message: 'panels_choices_required', path: ['c1_label_' + languages[0]] });
	});
}

export const summaryForm = z.object({ summary: fields.text(10_000) });
export const emptyForm = z.object({});

/** The pool filters, from the query string; anything odd is ignored. */
export const poolQuery = z.object({
	language: z.enum(languageCodes as [string, ...string[]]).optional().catch(undefined),
	ageBand: z.enum(panelAgeBands).optional().catch(undefined),
	gender: z.enum(panelGenders).optional().catch(undefined),
	service: z.string().max(60).refine((s) => (needCodes as string[]).includes(s)).optional().catch(undefined),
	suggest: z.literal('1').optional().catch(undefined)
});
export type PoolQuery = z.infer<typeof poolQuery>;
