/**
 * The scoring model's explanations in words a coordinator understands, in the
 * reader's language (issue 5, decision 018): one sentence per criterion of a
 * proposed pair, per hard rule that excluded a pair, and per reason a person
 * got nothing. Shared by every programme's pages; no I/O.
 */
import { m } from '#lib/paraglide/messages.js';
import type { UnmatchedReason } from '#lib/matching/types.ts';
import type { Criterion, HardRule } from '#lib/server/matching/scoring.ts';

/** A language's name in the reader's language ("Arabic", "arabo", "العربية"), or its code. */
export function languageName(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** "Arabic, French" (or "Arabic and French") in the reader's language. */
export function list(items: string[], locale: string): string {
	try {
		return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
	} catch {
		return items.join(', ');
	}
}

export function formatNumber(n: number, locale: string, digits = 1): string {
	try {
		return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
	} catch {
		return String(n);
	}
}

/** One criterion of a proposed pair, e.g. "Shared languages (2): Arabic and French" or "3.2 km apart". */
export function criterionText(c: Criterion, locale: string): string {
	switch (c.criterion) {
		case 'languages':
			return c.value.length ? m.matching_why_languages({ count: String(c.value.length), list: list(c.value.map((l) => languageName(l, locale)), locale) }) : m.matching_why_no_language();
		case 'distance':
			return m.matching_why_distance({ km: formatNumber(c.value, locale) });
		case 'interests':
			return c.value.length ? m.matching_why_interests({ count: String(c.value.length), list: list(c.value, locale) }) : m.matching_why_no_interest();
		case 'skills':
			return c.value.length ? m.matching_why_skills({ count: String(c.value.length), list: list(c.value, locale) }) : m.matching_why_no_skill();
		case 'availability':
			return c.value > 0 ? m.matching_why_availability({ count: String(c.value) }) : m.matching_why_no_availability();
	}
}

/** "+13.3 points" */
export function pointsText(points: number, locale: string): string {
	return m.matching_points({ points: formatNumber(points, locale) });
}

/** Why a pair is never proposed: the hard rule it breaks. */
export function ruleText(rule: HardRule | 'unknown'): string {
	switch (rule) {
		case 'shared-language':
			return m.matching_rule_shared_language();
		case 'safeguarding':
			return m.matching_rule_safeguarding();
		case 'availability-overlap':
			return m.matching_rule_availability();
		case 'max-distance':
			return m.matching_rule_max_distance();
		case 'gender-preference':
			return m.matching_rule_gender();
		default:
			return m.matching_rule_unknown();
	}
}

/** Why a person got no proposal; with the rule that excluded most of their slots when none was allowed. */
export function unmatchedText(reason: UnmatchedReason, rule?: { rule: HardRule; guardians: number } | null): string {
	switch (reason) {
		case 'no-allowed-slot':
			return rule ? m.matching_reason_no_allowed_slot_rule({ rule: ruleText(rule.rule), count: String(rule.guardians) }) : m.matching_reason_no_allowed_slot();
		case 'all-forbidden':
			return m.matching_reason_all_forbidden();
		case 'slots-full':
			return m.matching_reason_slots_full();
		case 'not-worth-it':
			return m.matching_reason_not_worth_it();
	}
}
