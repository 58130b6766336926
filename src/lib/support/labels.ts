/** Plain-language names of consent purposes and methods, for the folder pages. */
import { m } from '#lib/paraglide/messages.js';
import type { ConsentMethod, ConsentPurpose } from '#lib/server/db/schema/index.ts';

export const consentMethods: ConsentMethod[] = ['written', 'oral_interpreter', 'online'];
/** Purposes a worker records in this slice (protected fields come later). */
export const recordablePurposes: ConsentPurpose[] = ['coordination', 'share', 'statistics'];

export function methodLabel(x: ConsentMethod): string {
	return { written: m.support_method_written, oral_interpreter: m.support_method_oral_interpreter, online: m.support_method_online }[x]();
}

export function purposeLabel(x: ConsentPurpose): string {
	return {
		coordination: m.support_purpose_coordination,
		share: m.support_purpose_share,
		statistics: m.support_purpose_statistics,
		protected_fields: m.support_purpose_protected_fields
	}[x]();
}

export const methodOptions = () => consentMethods.map((x) => ({ value: x, label: methodLabel(x) }));
export const purposeOptions = () => recordablePurposes.map((x) => ({ value: x, label: purposeLabel(x) }));
