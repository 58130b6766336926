/**
 * The greedy baseline, what a spreadsheet does: the coordinator's fixed
 * pairs first, then every other allowed pair from the best score down
 * (ties in input order), taken when both the person and the slot still have
 * room. Forbidden pairs are skipped; pairs scoring zero or less are taken
 * only for the objective 'count-then-score' (where one more pair counts).
 *
 * Pure and deterministic; no validation (give it a problem parseProblem
 * accepted). The benchmarks compare its total with the engine's.
 */
import type { Assignment, Problem } from './types.ts';

export interface GreedyResult {
	/** Sorted by person, then slot, in input order (as the engine's). */
	assignments: Assignment[];
	objective: number;
	matched: number;
}

export function greedy(problem: Problem): GreedyResult {
	const personIndex = new Map<string, number>();
	problem.people.forEach((p, i) => personIndex.set(p.id, i));
	const slotIndex = new Map<string, number>();
	problem.slots.forEach((s, j) => slotIndex.set(s.id, j));
	const personRoom = Int32Array.from(problem.people, (p) => p.capacity ?? 1);
	const slotRoom = Int32Array.from(problem.slots, (s) => s.capacity ?? 1);

	const pairs = problem.pairs;
	const n = pairs.length;
	const pi = new Int32Array(n);
	const si = new Int32Array(n);
	const score = new Float64Array(n);
	for (let k = 0; k < n; k++) {
		pi[k] = personIndex.get(pairs[k].person) ?? -1;
		si[k] = slotIndex.get(pairs[k].slot) ?? -1;
		score[k] = pairs[k].score;
	}

	const key = (person: string, slot: string) => `${person}\u0000${slot}`;
	const forbidden = new Set((problem.forbidden ?? []).map((r) => key(r.person, r.slot)));
	const fixed = new Set((problem.fixed ?? []).map((r) => key(r.person, r.slot)));
	const taken = new Uint8Array(n);
	const isFixed = new Uint8Array(n);

	const take = (k: number) => {
		taken[k] = 1;
		personRoom[pi[k]]--;
		slotRoom[si[k]]--;
	};
	if (fixed.size > 0) {
		for (let k = 0; k < n; k++) {
			if (fixed.has(key(pairs[k].person, pairs[k].slot))) {
				isFixed[k] = 1;
				take(k);
			}
		}
	}

	const countFirst = problem.objective === 'count-then-score';
	// Indices sorted by score, best first; a typed-array sort is stable on equal keys only through the tie-break.
	const order = Uint32Array.from({ length: n }, (_, k) => k).sort((a, b) => score[b] - score[a] || a - b);
	for (let o = 0; o < n; o++) {
		const k = order[o];
		if (taken[k] || pi[k] < 0 || si[k] < 0) continue;
		if (!countFirst && score[k] <= 0) break;
		if (personRoom[pi[k]] <= 0 || slotRoom[si[k]] <= 0) continue;
		if (forbidden.size > 0 && forbidden.has(key(pairs[k].person, pairs[k].slot))) continue;
		take(k);
	}

	const chosen: number[] = [];
	for (let k = 0; k < n; k++) if (taken[k]) chosen.push(k);
	chosen.sort((a, b) => pi[a] - pi[b] || si[a] - si[b]);
	let objective = 0;
	const assignments = chosen.map((k) => {
		objective += score[k];
		return { person: pairs[k].person, slot: pairs[k].slot, score: score[k], fixed: isFixed[k] === 1 };
	});
	return { assignments, objective, matched: assignments.length };
}
