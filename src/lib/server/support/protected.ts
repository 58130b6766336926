/**
 * Nationality and residence status (issue 4, docs/decisions/016-support-folder.md):
 * never required, recorded only when the person asks, under a consent of
 * purpose `protected_fields`.
 *
 * - Both values are one sealed JSON value (sealing.ts, AES-256-GCM under
 *   CONVIVE_DATA_KEY) in `person_protected`, bound to the person's row, so
 *   a sealed value copied to another person does not open.
 * - Only the lead worker's organisation (its owners, coordinators and case
 *   workers on the team) may open the page (`folder.protected.manage`) and,
 *   while the consent is active, read the values (`folder.protected.view`).
 * - Withdrawing the consent (here or on the folder's overview) deletes the
 *   row in the same transaction (folders.ts, withdrawConsent).
 * - Every read and write is audited with the person's id; the values never
 *   go into the audit log.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { actorId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { consentMethods, consents, people, personProtected, users } from '../db/schema/index.ts';
import type { ConsentMethod } from '../db/schema/index.ts';
import { fields } from '../http/form.ts';
import { can } from '../policy/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { log } from '../log.ts';
import { audit, withdrawConsent, withFolder } from './folders.ts';
import { SealBroken, sealText, unsealText } from './sealing.ts';

export interface ProtectedValues {
	nationality: string;
	residenceStatus: string;
}

export const recordProtectedForm = z
	.object({
		nationality: fields.optionalText(100),
		residenceStatus: fields.optionalText(200),
		/** How the person asked: needed only when no consent is active yet. */
		method: fields.blankOrNull(z.enum(consentMethods, { error: 'support_method_required' })),
		/** "The person asked me to record this": needed only when no consent is active yet. */
		asked: fields.checkbox()
	})
	.refine((v) => v.nationality !== '' || v.residenceStatus !== '', { error: 'documents_protected_nothing_given', path: ['nationality'] });
export type RecordProtectedInput = z.infer<typeof recordProtectedForm>;

export const withdrawProtectedForm = z.object({
	consentId: z.uuid({ error: 'support_consent_not_found' }),
	reason: fields.text(500)
});

/** The sealed value's associated data: the row, which is the person. */
const binding = (personId: string) => `person_protected:${personId}`;

async function activeConsent(tx: Tx, personId: string) {
	const [row] = await tx
		.select({ id: consents.id, method: consents.method, recordedAt: consents.recordedAt, recordedByName: users.displayName })
		.from(consents)
		.leftJoin(users, eq(users.id, consents.recordedBy))
		.where(and(eq(consents.personId, personId), eq(consents.purpose, 'protected_fields'), isNull(consents.withdrawnAt)));
	return row ?? null;
}

/** A person_protected row, as the privacy track's export also reads it. */
export interface SealedProtected {
	personId: string;
	keyId: string;
	iv: Uint8Array;
	sealed: Uint8Array;
}

/** Opens the sealed values; throws SealBroken if they were altered or moved. */
export function openSealedProtected(row: SealedProtected): ProtectedValues {
	const parsed = JSON.parse(unsealText({ keyId: row.keyId, iv: row.iv, sealed: row.sealed }, binding(row.personId))) as Partial<ProtectedValues>;
	return { nationality: parsed.nationality ?? '', residenceStatus: parsed.residenceStatus ?? '' };
}

export interface ProtectedView {
	person: { id: string; preferredName: string };
	consent: { id: string; method: ConsentMethod; recordedAt: Date; recordedByName: string | null } | null;
	/** The values, when a consent is active and something is recorded. */
	values: ProtectedValues | null;
	/** The stored value would not open (altered, or its key is gone). */
	unreadable: boolean;
}

/**
 * What is recorded, for the lead worker's organisation: audited as
 * `support.protected.viewed` (with whether values were shown).
 */
export async function openProtected(ctx: Ctx, personId: string): Promise<ProtectedView> {
	return withFolder(ctx, 'folder.protected.manage', personId, 'share', async (tx, facts) => {
		const [person] = await tx.select({ id: people.id, preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
		const consent = await activeConsent(tx, personId);
		let values: ProtectedValues | null = null;
		let unreadable = false;
		if (consent && can(ctx.actor, 'folder.protected.view', facts) === 'allowed') {
			const [row] = await tx
				.select({ personId: personProtected.personId, consentId: personProtected.consentId, keyId: personProtected.keyId, iv: personProtected.iv, sealed: personProtected.sealed })
				.from(personProtected)
				.where(eq(personProtected.personId, personId));
			if (row && row.consentId === consent.id) {
				try {
					values = openSealedProtected(row);
				} catch (err) {
					if (!(err instanceof SealBroken)) throw err;
					log.error({ personId, err: err.message }, 'sealed protected fields do not open');
					unreadable = true;
				}
			}
		}
		await audit(ctx, tx, 'support.protected.viewed', personId, 'done', { shown: values !== null });
		return { person, consent, values, unreadable };
	});
}

/**
 * Records (or changes) the values. With no active `protected_fields`
 * consent yet, the person's request is recorded first, as that consent
 * (how they asked, by whom, when), in the same transaction.
 */
export async function recordProtected(ctx: Ctx, personId: string, input: RecordProtectedInput): Promise<void> {
	await withFolder(ctx, 'folder.protected.manage', personId, 'update', async (tx, facts) => {
		let consent = await activeConsent(tx, personId);
		if (!consent) {
			if (!input.asked) throw new Refusal(400, 'documents_protected_asked_required', 'asked');
			if (!input.method) throw new Refusal(400, 'support_method_required', 'method');
			const [row] = await tx
				.insert(consents)
				.values({
					personId,
					purpose: 'protected_fields',
					method: input.method,
					recordedBy: actorId(ctx),
					recordedByOrganisationId: facts.leadOrganisationId
				})
				.returning({ id: consents.id, method: consents.method, recordedAt: consents.recordedAt });
			consent = { ...row, recordedByName: null };
			await audit(ctx, tx, 'support.consent.recorded', personId, 'done', { consentId: row.id, purpose: 'protected_fields', organisationId: null });
		}
		const values: ProtectedValues = { nationality: input.nationality, residenceStatus: input.residenceStatus };
		const sealed = sealText(JSON.stringify(values), binding(personId));
		const row = { consentId: consent.id, keyId: sealed.keyId, iv: sealed.iv, sealed: sealed.sealed, updatedBy: actorId(ctx), updatedAt: new Date() };
		await tx
			.insert(personProtected)
			.values({ personId, ...row })
			.onConflictDoUpdate({ target: personProtected.personId, set: row });
		await audit(ctx, tx, 'support.protected.recorded', personId, 'done', {
			consentId: consent.id,
			nationality: values.nationality !== '',
			residenceStatus: values.residenceStatus !== ''
		});
	});
}

/**
 * Withdraws the `protected_fields` consent named by the form (and so deletes
 * the values: withdrawConsent). Any other consent id is refused here: this
 * page withdraws nothing else.
 */
export async function withdrawProtected(ctx: Ctx, personId: string, input: { consentId: string; reason: string }): Promise<void> {
	const current = await withFolder(ctx, 'folder.protected.manage', personId, 'share', (tx) => activeConsent(tx, personId));
	if (current?.id !== input.consentId) throw new Refusal(404, 'support_consent_not_found', 'consentId');
	await withdrawConsent(ctx, personId, input);
}
