/** Plain-language names of a referral's states, the fields that may travel, and the reasons to decline. */
import { m } from '#lib/paraglide/messages.js';
import type { LifeDomain, ReferralField, ReferralState } from '#lib/server/db/schema/index.ts';
import { CONSENT_WITHDRAWN, readDecline, type DeclineReason } from './reasons.ts';

type Opts = { locale?: Parameters<typeof m.referrals_state_sent>[1] extends infer O ? (O extends { locale?: infer L } ? L : never) : never };
const opts = (locale?: string) => (locale ? ({ locale } as Opts) : {});

export function stateName(s: ReferralState, locale?: string): string {
	const o = opts(locale);
	return {
		sent: () => m.referrals_state_sent({}, o),
		accepted: () => m.referrals_state_accepted({}, o),
		declined: () => m.referrals_state_declined({}, o),
		in_progress: () => m.referrals_state_in_progress({}, o),
		completed: () => m.referrals_state_completed({}, o),
		closed: () => m.referrals_state_closed({}, o)
	}[s]();
}

export function fieldName(f: ReferralField): string {
	return {
		preferred_name: m.referrals_field_preferred_name,
		languages: m.referrals_field_languages,
		birth_year: m.referrals_field_birth_year,
		contact: m.referrals_field_contact,
		neighbourhood: m.referrals_field_neighbourhood,
		needs: m.referrals_field_needs,
		plan: m.referrals_field_plan
	}[f]();
}

export function declineReasonName(r: DeclineReason): string {
	return {
		no_capacity: m.referrals_decline_no_capacity,
		not_eligible: m.referrals_decline_not_eligible,
		outside_area: m.referrals_decline_outside_area,
		service_unsuitable: m.referrals_decline_service_unsuitable,
		person_unreachable: m.referrals_decline_person_unreachable,
		duplicate: m.referrals_decline_duplicate,
		other: m.referrals_decline_other
	}[r]();
}

export function domainName(d: LifeDomain): string {
	return {
		housing: m.referrals_domain_housing,
		income: m.referrals_domain_income,
		work: m.referrals_domain_work,
		language: m.referrals_domain_language,
		education: m.referrals_domain_education,
		health: m.referrals_domain_health,
		mental_health: m.referrals_domain_mental_health,
		legal_procedure: m.referrals_domain_legal_procedure,
		family: m.referrals_domain_family,
		social_network: m.referrals_domain_social_network,
		daily_life: m.referrals_domain_daily_life
	}[d]();
}

/** 1 crisis … 5 thriving. */
export function scoreName(score: number): string {
	const names = [m.referrals_score_1, m.referrals_score_2, m.referrals_score_3, m.referrals_score_4, m.referrals_score_5];
	return names[Math.min(5, Math.max(1, Math.round(score))) - 1]();
}

/**
 * A stored reason or outcome in words: a decline's fixed reason (and its
 * comment), the consent withdrawal, or the text as written.
 */
export function reasonText(toState: ReferralState | string | null, stored: string): string {
	if (toState === 'declined') {
		const d = readDecline(stored);
		return d.comment ? `${declineReasonName(d.code)} · ${d.comment}` : declineReasonName(d.code);
	}
	if (toState === 'closed' && stored === CONSENT_WITHDRAWN) return m.referrals_event_consent_withdrawn();
	return stored;
}
