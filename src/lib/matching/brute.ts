/**
 * The optimum by exhaustive search, for the property tests: every subset of
 * the allowed pairs that respects the capacities (fixed pairs always in,
 * forbidden pairs never) is considered, include-or-exclude pair by pair. The
 * only pruning is sound: a branch is dropped when even taking every remaining
 * pair that could help cannot beat the best found so far. Exponential: meant
 * for a handful of people and slots (about 25 pairs at most).
 *
 * Independent of the engine on purpose: no flows, no duals, nothing shared
 * but the types.
 */
import type { Problem } from './types.ts';

export interface BruteResult {
	/** Total score of the best answer. */
	objective: number;
	/** Number of pairs in it. */
	matched: number;
	/** One best answer, as "person/slot" pairs. */
	pairs: string[];
}

const EPS = 1e-9;

/** The best answer, or null when the fixed pairs alone break a capacity (no answer exists). */
export function bruteForce(problem: Problem): BruteResult | null {
	const countFirst = problem.objective === 'count-then-score';
	const personRoom = new Map(problem.people.map((p) => [p.id, p.capacity ?? 1]));
	const slotRoom = new Map(problem.slots.map((s) => [s.id, s.capacity ?? 1]));
	const key = (r: { person: string; slot: string }) => `${r.person}/${r.slot}`;
	const fixed = new Set((problem.fixed ?? []).map(key));
	const forbidden = new Set((problem.forbidden ?? []).map(key));

	let baseScore = 0;
	const base: string[] = [];
	const free: { person: string; slot: string; score: number }[] = [];
	for (const pair of problem.pairs) {
		const k = key(pair);
		if (fixed.has(k)) {
			baseScore += pair.score;
			base.push(k);
			personRoom.set(pair.person, personRoom.get(pair.person)! - 1);
			slotRoom.set(pair.slot, slotRoom.get(pair.slot)! - 1);
		} else if (!forbidden.has(k)) {
			free.push(pair);
		}
	}
	for (const room of [...personRoom.values(), ...slotRoom.values()]) if (room < 0) return null;

	// Best scores first, so good answers are found early and the bound prunes more.
	free.sort((a, b) => b.score - a.score);
	const n = free.length;
	// positiveAfter[i]: the most the pairs from i on can add to the score.
	const positiveAfter = new Float64Array(n + 1);
	for (let i = n - 1; i >= 0; i--) {
		positiveAfter[i] = positiveAfter[i + 1] + Math.max(0, free[i].score);
	}

	let bestCount = -1;
	let bestScore = -Infinity;
	let bestPairs: string[] = [];
	const current: string[] = [];

	const better = (count: number, score: number) =>
		countFirst ? count > bestCount || (count === bestCount && score > bestScore + EPS) : score > bestScore + EPS;

	// Room left in all people and in all slots: neither count can be exceeded by what remains.
	let peopleRoom = 0;
	for (const room of personRoom.values()) peopleRoom += room;
	let slotsRoom = 0;
	for (const room of slotRoom.values()) slotsRoom += room;

	const visit = (i: number, count: number, score: number) => {
		if (countFirst) {
			const maxCount = count + Math.min(n - i, peopleRoom, slotsRoom);
			if (maxCount < bestCount) return;
			if (maxCount === bestCount && score + positiveAfter[i] <= bestScore + EPS) return;
		} else if (score + positiveAfter[i] <= bestScore + EPS && bestCount >= 0) {
			return;
		}
		if (i === n) {
			if (better(count, score)) {
				bestCount = count;
				bestScore = score;
				bestPairs = [...current];
			}
			return;
		}
		const pair = free[i];
		const pr = personRoom.get(pair.person)!;
		const sr = slotRoom.get(pair.slot)!;
		if (pr > 0 && sr > 0) {
			personRoom.set(pair.person, pr - 1);
			slotRoom.set(pair.slot, sr - 1);
			peopleRoom--;
			slotsRoom--;
			current.push(key(pair));
			visit(i + 1, count + 1, score + pair.score);
			current.pop();
			peopleRoom++;
			slotsRoom++;
			personRoom.set(pair.person, pr);
			slotRoom.set(pair.slot, sr);
		}
		visit(i + 1, count, score);
	};
	visit(0, 0, 0);

	return { objective: baseScore + bestScore, matched: base.length + bestCount, pairs: [...base, ...bestPairs].sort() };
}
