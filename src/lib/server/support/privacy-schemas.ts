/**
 * The forms of the folder's privacy pages (break the glass, erase), shared
 * by routes and tests. Errors are names of messages in messages/privacy.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { BREAK_GLASS_MAX_HOURS } from './breakglass.ts';

const UUID_IN = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** A folder's id, or its address pasted whole (…/app/folders/<id>/…). */
export const folderReference = z
	.string()
	.optional()
	.transform((s) => (s ?? '').trim())
	.pipe(
		z
			.string()
			.max(500, { error: 'privacy_folder_reference_invalid' })
			.transform((s) => UUID_IN.exec(s)?.[1]?.toLowerCase() ?? '')
			.pipe(z.string().min(1, { error: 'privacy_folder_reference_invalid' }))
	);

export const breakGlassForm = z.object({
	person: folderReference,
	reason: z
		.string()
		.optional()
		.transform((s) => (s ?? '').normalize('NFC').trim())
		.pipe(z.string().min(10, { error: 'privacy_break_glass_reason_required' }).max(1000)),
	hours: z
		.string()
		.optional()
		.transform((s) => Number(s ?? ''))
		.pipe(z.number({ error: 'privacy_break_glass_hours_invalid' }).int({ error: 'privacy_break_glass_hours_invalid' }).min(1, { error: 'privacy_break_glass_hours_invalid' }).max(BREAK_GLASS_MAX_HOURS, { error: 'privacy_break_glass_hours_invalid' }))
});
export type BreakGlassForm = z.infer<typeof breakGlassForm>;

export const endBreakGlassForm = z.object({ person: folderReference });

export const eraseForm = z.object({
	mode: z.enum(['anonymise', 'delete'], { error: 'privacy_erase_mode_required' }),
	/** The worker types the person's preferred name to confirm. */
	confirm: fields.text(200),
	reason: z
		.string()
		.optional()
		.transform((s) => (s ?? '').normalize('NFC').trim())
		.pipe(z.string().min(1, { error: 'privacy_erase_reason_required' }).max(500))
});
export type EraseForm = z.infer<typeof eraseForm>;
