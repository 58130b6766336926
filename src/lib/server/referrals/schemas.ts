/**
 * The shapes of the referral forms, shared by routes and tests. Errors are
 * names of messages in messages/referrals (or the generic field messages).
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { extraFields } from './referrals.ts';
import { declineReasons } from './transitions.ts';
import { inboxFilters } from './inbox.ts';

/** Required text with its own message when blank. */
const requiredText = (max: number, error: string) =>
	z
		.string()
		.optional()
		.transform((s) => (s ?? '').normalize('NFC').trim())
		.pipe(z.string().min(1, { error }).max(max));

export const createReferralForm = z.object({
	formId: z.uuid({ error: 'error_bad_request' }),
	serviceId: z.uuid({ error: 'referrals_service_required' }),
	consentId: z.uuid({ error: 'referrals_consent_required' }),
	/** Extra fields beyond the minimum (checkboxes: read with `multi: ['fields']`). */
	fields: z.array(z.enum(extraFields, { error: 'referrals_fields_invalid' })).max(extraFields.length),
	message: requiredText(2000, 'referrals_message_required')
});

/** Every change names the version of the referral it saw. */
const version = z
	.string({ error: 'referrals_version_missing' })
	.regex(/^\d{1,9}$/, { error: 'referrals_version_missing' })
	.transform(Number);

export const acceptForm = z.object({ version });
export const startForm = z.object({ version });
export const declineForm = z.object({
	version,
	declineReason: z.enum(declineReasons, { error: 'referrals_decline_reason_required' }),
	text: fields.optionalText(1000)
});
export const completeForm = z.object({ version, text: requiredText(1000, 'referrals_outcome_required') });
export const closeForm = z.object({ version, text: requiredText(1000, 'referrals_reason_required') });

export const transferForm = z.object({
	consentId: z.uuid({ error: 'referrals_transfer_consent_required' }),
	leadUserId: z.uuid({ error: 'referrals_transfer_worker_required' }),
	reason: requiredText(1000, 'referrals_transfer_reason_required')
});

/** The inbox's query string: a state filter and a page; anything else is ignored. */
export const inboxQuery = z.object({
	state: z.enum(inboxFilters).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
	organisation: z.uuid().optional().catch(undefined)
});
