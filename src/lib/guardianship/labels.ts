/** Plain-language names of guardian statuses, vetting steps and visit kinds; dates as people read them. */
import { m } from '#lib/paraglide/messages.js';
import type { GuardianStatus, VettingStep, VisitKind } from '#lib/server/db/schema/index.ts';

export const statuses: GuardianStatus[] = ['applicant', 'vetting', 'active', 'suspended', 'withdrawn'];
export const steps: VettingStep[] = ['identity', 'criminal_record', 'training'];
export const kinds: VisitKind[] = ['visit', 'report'];

export function statusLabel(s: GuardianStatus): string {
	return {
		applicant: m.guardianship_status_applicant,
		vetting: m.guardianship_status_vetting,
		active: m.guardianship_status_active,
		suspended: m.guardianship_status_suspended,
		withdrawn: m.guardianship_status_withdrawn
	}[s]();
}

export function stepLabel(s: VettingStep): string {
	return { identity: m.guardianship_step_identity, criminal_record: m.guardianship_step_criminal_record, training: m.guardianship_step_training }[s]();
}

export function kindLabel(k: VisitKind): string {
	return { visit: m.guardianship_kind_visit, report: m.guardianship_kind_report }[k]();
}

export const statusOptions = () => statuses.map((s) => ({ value: s, label: statusLabel(s) }));
export const stepOptions = () => steps.map((s) => ({ value: s, label: stepLabel(s) }));
export const kindOptions = () => kinds.map((k) => ({ value: k, label: kindLabel(k) }));

/** A calendar date (YYYY-MM-DD) in the reader's language; no time zone can move it to another day. */
export function formatDay(ymd: string, locale: string): string {
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
	} catch {
		return ymd;
	}
}
