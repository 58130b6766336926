/**
 * Why a referral was declined or closed, as stored in `referral_events.reason`.
 * Pure: used by the use cases (src/lib/server/referrals/transitions.ts
 * re-exports it) and by pages that show a referral's history.
 */
/**
 * Why a receiving organisation declines, from a fixed list so that the
 * statistics can count them (a free-text comment may go with any).
 */
export const declineReasons = ['no_capacity', 'not_eligible', 'outside_area', 'service_unsuitable', 'person_unreachable', 'duplicate', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];

/** The reason a referral was closed when the `share` consent covering it was withdrawn (written by the system, not typed). */
export const CONSENT_WITHDRAWN = 'consent_withdrawn';

/**
 * A decline is stored in the event's `reason` as `code` or `code: comment`;
 * this reads it back (an unknown code counts as `other` with the whole text).
 */
export function readDecline(stored: string): { code: DeclineReason; comment: string } {
	const i = stored.indexOf(':');
	const code = (i < 0 ? stored : stored.slice(0, i)).trim();
	const comment = i < 0 ? '' : stored.slice(i + 1).trim();
	if ((declineReasons as readonly string[]).includes(code)) return { code: code as DeclineReason, comment };
	return { code: 'other', comment: stored.trim() };
}

export function writeDecline(code: DeclineReason, comment: string | null | undefined): string {
	const c = (comment ?? '').trim();
	return c ? `${code}: ${c}` : code;
}
