/** Plain-language names for the folder's care pages: life domains, the five steps, sensitivities, statuses. */
import { m } from '#lib/paraglide/messages.js';
import type { GoalStatus, LifeDomain, NoteKind, ReferralState, Sensitivity } from '#lib/server/db/schema/index.ts';

export const domains: LifeDomain[] = [
	'housing',
	'income',
	'work',
	'language',
	'education',
	'health',
	'mental_health',
	'legal_procedure',
	'family',
	'social_network',
	'daily_life'
];

export function domainLabel(d: LifeDomain): string {
	return {
		housing: m.care_domain_housing,
		income: m.care_domain_income,
		work: m.care_domain_work,
		language: m.care_domain_language,
		education: m.care_domain_education,
		health: m.care_domain_health,
		mental_health: m.care_domain_mental_health,
		legal_procedure: m.care_domain_legal_procedure,
		family: m.care_domain_family,
		social_network: m.care_domain_social_network,
		daily_life: m.care_domain_daily_life
	}[d]();
}

export const scores = [1, 2, 3, 4, 5] as const;

/** The name of a step of the scale: 1 in crisis … 5 thriving. */
export function scoreLabel(s: number): string {
	const f = [m.care_score_1, m.care_score_2, m.care_score_3, m.care_score_4, m.care_score_5][s - 1];
	return f ? f() : String(s);
}

export function scoreHint(s: number): string {
	const f = [m.care_score_1_hint, m.care_score_2_hint, m.care_score_3_hint, m.care_score_4_hint, m.care_score_5_hint][s - 1];
	return f ? f() : '';
}

/** "3 · Stable" */
export const scoreText = (s: number) => m.care_score_with_label({ score: String(s), label: scoreLabel(s) });

export const sensitivities: Sensitivity[] = ['team', 'organisation', 'author'];
export function sensitivityLabel(s: Sensitivity): string {
	return { team: m.care_sensitivity_team, organisation: m.care_sensitivity_organisation, author: m.care_sensitivity_author }[s]();
}
export function sensitivityHint(s: Sensitivity): string {
	return { team: m.care_sensitivity_team_hint, organisation: m.care_sensitivity_organisation_hint, author: m.care_sensitivity_author_hint }[s]();
}

export const goalStatuses: GoalStatus[] = ['open', 'achieved', 'dropped'];
export function goalStatusLabel(s: GoalStatus): string {
	return { open: m.care_goal_open, achieved: m.care_goal_achieved, dropped: m.care_goal_dropped }[s]();
}

export function noteKindLabel(k: NoteKind): string {
	return { note: m.care_kind_note, measure: m.care_kind_measure }[k]();
}

export function referralStateLabel(s: ReferralState | string): string {
	const f = {
		sent: m.care_referral_sent,
		accepted: m.care_referral_accepted,
		declined: m.care_referral_declined,
		in_progress: m.care_referral_in_progress,
		completed: m.care_referral_completed,
		closed: m.care_referral_closed
	}[s as ReferralState];
	return f ? f() : s;
}
