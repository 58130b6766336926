/**
 * A call's phase follows from its dates (issue 7): open for ideas → review →
 * selection → results → follow-up. What each phase allows is decided here,
 * once, for the use cases and the pages.
 */
export const phases = ['upcoming', 'ideas', 'review', 'selection', 'results', 'follow_up'] as const;
export type Phase = (typeof phases)[number];

export interface PhaseDates {
	opensAt: Date;
	reviewAt: Date;
	selectionAt: Date;
	resultsAt: Date;
	followUpAt: Date;
}

export function phaseOf(c: PhaseDates, now = new Date()): Phase {
	const t = now.getTime();
	if (t < c.opensAt.getTime()) return 'upcoming';
	if (t < c.reviewAt.getTime()) return 'ideas';
	if (t < c.selectionAt.getTime()) return 'review';
	if (t < c.resultsAt.getTime()) return 'selection';
	if (t < c.followUpAt.getTime()) return 'results';
	return 'follow_up';
}

/** Ideas are sent, and supported, while the call is open for ideas. */
export const acceptsIdeas = (p: Phase) => p === 'ideas';
export const acceptsSupport = (p: Phase) => p === 'ideas';
/** Conversation goes on through the review, until the selection is made. */
export const acceptsComments = (p: Phase) => p === 'ideas' || p === 'review';
/** The jury scores during the review and the selection. */
export const acceptsScores = (p: Phase) => p === 'review' || p === 'selection';
/** Ideas are selected (with reasons) once the review has begun, until the results are published. */
export const acceptsDecisions = (p: Phase) => p === 'review' || p === 'selection' || p === 'results';
/** Results may be published from the selection phase on. */
export const acceptsPublishing = (p: Phase) => p === 'selection' || p === 'results' || p === 'follow_up';
