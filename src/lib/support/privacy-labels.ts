/**
 * Plain-language names for the folder's privacy pages: what an audit entry
 * means ("who opened this folder"), durations, life domains, scores and
 * referral states (for the export and the statistics). Every function takes
 * an optional locale so the PDF can be written in the person's language.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { LifeDomain, ReferralState } from '#lib/server/db/schema/index.ts';

type Opt = { locale?: Locale };
const o = (locale?: Locale): Opt => (locale ? { locale } : {});

export function hoursLabel(hours: number, locale?: Locale): string {
	return hours === 1 ? m.privacy_hours_one({}, o(locale)) : m.privacy_hours_other({ hours }, o(locale));
}

/** Audit actions whose meaning is known here; others are told apart by their last word. */
const known: Record<string, (l?: Locale) => string> = {
	'support.folder.created': (l) => m.privacy_action_folder_created({}, o(l)),
	'support.folder.opened': (l) => m.privacy_action_folder_opened({}, o(l)),
	'support.consent.recorded': (l) => m.privacy_action_consent_recorded({}, o(l)),
	'support.consent.withdrawn': (l) => m.privacy_action_consent_withdrawn({}, o(l)),
	'support.team.added': (l) => m.privacy_action_team_added({}, o(l)),
	'support.worker.added': (l) => m.privacy_action_worker_added({}, o(l)),
	'support.lead.changed': (l) => m.privacy_action_lead_changed({}, o(l)),
	'support.break_glass.opened': (l) => m.privacy_action_break_glass_opened({}, o(l)),
	'support.break_glass.ended': (l) => m.privacy_action_break_glass_ended({}, o(l)),
	'support.access_log.viewed': (l) => m.privacy_action_access_log_viewed({}, o(l)),
	'support.folder.anonymised': (l) => m.privacy_action_anonymised({}, o(l))
};

/** How the last word of an audit action that only reads ends. */
const READS = /(opened|viewed|listed|read|downloaded|exported|shown)$/;

/**
 * What an audit entry of a folder means, for a person: known actions by
 * name, a refusal as a refusal, anything else (other parts of the folder
 * add their own actions) as a read or a change of the folder.
 */
export function actionLabel(action: string, outcome: string, details: Record<string, unknown> | null, locale?: Locale): string {
	if (outcome === 'denied') return m.privacy_action_denied({}, o(locale));
	if (action === 'support.folder.exported') return m.privacy_action_exported({ format: String(details?.format ?? '').toUpperCase() }, o(locale));
	const k = known[action];
	if (k) return k(locale);
	const verb = action.split('.').at(-1) ?? '';
	return READS.test(verb) ? m.privacy_action_other_read({}, o(locale)) : m.privacy_action_other_change({}, o(locale));
}

export function outcomeLabel(outcome: string, locale?: Locale): string {
	if (outcome === 'denied') return m.privacy_outcome_denied({}, o(locale));
	if (outcome === 'allowed') return m.privacy_outcome_allowed({}, o(locale));
	return m.privacy_outcome_done({}, o(locale));
}

export function domainLabel(d: LifeDomain, locale?: Locale): string {
	return {
		housing: m.privacy_domain_housing,
		income: m.privacy_domain_income,
		work: m.privacy_domain_work,
		language: m.privacy_domain_language,
		education: m.privacy_domain_education,
		health: m.privacy_domain_health,
		mental_health: m.privacy_domain_mental_health,
		legal_procedure: m.privacy_domain_legal_procedure,
		family: m.privacy_domain_family,
		social_network: m.privacy_domain_social_network,
		daily_life: m.privacy_domain_daily_life
	}[d]({}, o(locale));
}

export function scoreLabel(score: number, locale?: Locale): string {
	const f = [m.privacy_score_1, m.privacy_score_2, m.privacy_score_3, m.privacy_score_4, m.privacy_score_5][score - 1];
	return f ? f({}, o(locale)) : String(score);
}

export function stateLabel(s: ReferralState, locale?: Locale): string {
	return {
		sent: m.privacy_state_sent,
		accepted: m.privacy_state_accepted,
		declined: m.privacy_state_declined,
		in_progress: m.privacy_state_in_progress,
		completed: m.privacy_state_completed,
		closed: m.privacy_state_closed
	}[s]({}, o(locale));
}
