/**
 * The one table of a referral's allowed state changes (docs/decisions/016).
 *
 *   sent        → accepted | declined (with a reason) | closed (with a reason)
 *   accepted    → in_progress | closed (with a reason)
 *   in_progress → completed (with an outcome) | closed (with a reason)
 *
 * declined, completed and closed are final. Each row names the policy action
 * that may make the change: the receiving organisation responds; either side
 * may close. Pure: no I/O, used by the use cases and the pages alike.
 */
import type { ReferralState } from '../db/schema/index.ts';

export type TransitionAction = 'referral.respond' | 'referral.close';
/** What a change must carry: a reason (declined, closed), an outcome (completed), or nothing. */
export type TransitionNeeds = 'reason' | 'outcome' | null;

export interface Transition {
	from: readonly ReferralState[];
	to: ReferralState;
	action: TransitionAction;
	needs: TransitionNeeds;
}

export const transitions: readonly Transition[] = [
	{ from: ['sent'], to: 'accepted', action: 'referral.respond', needs: null },
	{ from: ['sent'], to: 'declined', action: 'referral.respond', needs: 'reason' },
	{ from: ['accepted'], to: 'in_progress', action: 'referral.respond', needs: null },
	{ from: ['in_progress'], to: 'completed', action: 'referral.respond', needs: 'outcome' },
	{ from: ['sent', 'accepted', 'in_progress'], to: 'closed', action: 'referral.close', needs: 'reason' }
];

/** States a referral can still leave: it is open, waiting on someone. */
export const openStates: readonly ReferralState[] = ['sent', 'accepted', 'in_progress'];

export function isOpen(state: ReferralState): boolean {
	return openStates.includes(state);
}

/** The row that leads to `to` (each target state has one), or null for a state nothing leads to. */
export function transitionTo(to: ReferralState): Transition | null {
	return transitions.find((t) => t.to === to) ?? null;
}

/** Whether a referral in `from` may become `to`. */
export function canMove(from: ReferralState, to: ReferralState): boolean {
	return transitionTo(to)?.from.includes(from) ?? false;
}

/** The changes open to a referral in `from`, in the table's order. */
export function nextStates(from: ReferralState): Transition[] {
	return transitions.filter((t) => t.from.includes(from));
}

export type TransitionCheck =
	| { ok: true; transition: Transition }
	| { ok: false; problem: 'not_allowed' }
	| { ok: false; problem: 'needs_reason' | 'needs_outcome' };

/**
 * Checks one change against the table: the move must be in it, and a change
 * that needs a reason or an outcome must carry one (blank does not count).
 */
export function checkTransition(from: ReferralState, to: ReferralState, text: string | null | undefined): TransitionCheck {
	const t = transitionTo(to);
	if (!t || !t.from.includes(from)) return { ok: false, problem: 'not_allowed' };
	if (t.needs && !(text ?? '').trim()) return { ok: false, problem: t.needs === 'reason' ? 'needs_reason' : 'needs_outcome' };
	return { ok: true, transition: t };
}

// Decline reasons and how a reason is stored live beside the pages' labels (they are pure and the
// pages read them too); re-exported here so the use cases find everything about changes in one place.
export { CONSENT_WITHDRAWN, declineReasons, readDecline, writeDecline, type DeclineReason } from '../../referrals/reasons.ts';
