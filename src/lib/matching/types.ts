/**
 * The matching problem and its answer, shared by the engine, the CLI
 * (`npm run match`), the benchmarks and every programme that matches people
 * to places (guardians to children, volunteers to shifts, buddies, placements).
 *
 * Pure data: no I/O, no database, no clock except `seconds`.
 */

export type Objective = 'score' | 'count-then-score';

export interface Person {
	id: string;
	/** How many slots this person may take; default 1. A non-negative integer. */
	capacity?: number;
	/** One group label for the fairness report (e.g. a language). */
	group?: string;
	/** Several group dimensions for the fairness report, e.g. {language: 'ar', neighbourhood: 'Port'}. */
	groups?: Record<string, string>;
}

export interface Slot {
	id: string;
	/** How many people this slot takes; default 1. A non-negative integer. */
	capacity?: number;
}

export interface Pair {
	person: string;
	slot: string;
	/** A finite number between -1e9 and 1e9; higher is better. */
	score: number;
}

export interface PairRef {
	person: string;
	slot: string;
}

export interface Problem {
	people: Person[];
	slots: Slot[];
	/** The allowed pairs; a pair not listed is never proposed. */
	pairs: Pair[];
	/** 'score' (default): maximise the total score. 'count-then-score': first the number of pairs, then the score. */
	objective?: Objective;
	/** Pairs a coordinator fixed: always in the answer (each must be an allowed pair). */
	fixed?: PairRef[];
	/** Pairs a coordinator forbade: never in the answer. */
	forbidden?: PairRef[];
}

export interface Assignment {
	person: string;
	slot: string;
	score: number;
	/** True when a coordinator fixed this pair. */
	fixed: boolean;
}

/**
 * Why a person got nothing:
 * - no-allowed-slot: no pair lists them at all;
 * - all-forbidden: every pair that lists them was forbidden by a coordinator;
 * - slots-full: every allowed slot is full with pairs that score at least as well together;
 * - not-worth-it: (objective 'score') their only free slots have a score of zero or less.
 */
export type UnmatchedReason = 'no-allowed-slot' | 'all-forbidden' | 'slots-full' | 'not-worth-it';

export interface Unmatched {
	person: string;
	reason: UnmatchedReason;
}

/** Node potentials of the min-cost-flow model (flow.ts), in whole units of the resolution. */
export interface Potentials {
	/** One per person and per slot, in input order. */
	people: number[];
	slots: number[];
	/** The node that collects what stays unmatched, and the sink. */
	unmatched: number;
	sink: number;
}

/**
 * The dual certificate: potentials from which anyone can recompute an upper
 * bound on the total score (`verifyCertificate` in certificate.ts does so from
 * the problem and the potentials alone). For count-then-score, `count` bounds
 * the number of pairs the same way, with every pair worth 1.
 */
export interface Certificate {
	/** Scores are compared in whole units of `resolution` (1e-6 unless the scores are very large). */
	resolution: number;
	potentials: Potentials;
	count?: Potentials;
}

export interface Result {
	/** Sorted by person (input order), then slot (input order). */
	assignments: Assignment[];
	mode: Objective;
	/** Total score of the assignments (the objective value). */
	objective: number;
	/** Upper bound on the total score from the dual certificate; for count-then-score, among answers with `matched` pairs. */
	bound: number;
	/** bound - objective, 0 when the answer is proven optimal. */
	gap: number;
	/** Number of pairs in the answer. */
	matched: number;
	/** Number of people with at least one pair. */
	peopleMatched: number;
	/** For count-then-score: the proven maximum number of pairs (equals matched). */
	countBound?: number;
	unmatched: Unmatched[];
	certificate: Certificate;
	seconds: number;
}

/** A problem the engine cannot take; `code` is stable, `message` names the problem in English. */
export class ProblemError extends Error {
	readonly code: string;
	readonly path: string | undefined;
	constructor(code: string, message: string, path?: string) {
		super(message);
		this.name = 'ProblemError';
		this.code = code;
		this.path = path;
	}
}
