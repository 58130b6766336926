/**
 * The matching engine: a proven-optimal many-to-one assignment.
 *
 * Maximises the total score of the allowed pairs within every person's and
 * every slot's capacity ("score"), or first the number of pairs and then the
 * score ("count-then-score"). Fixed pairs are always in; forbidden pairs never.
 * Solved exactly as a minimum-cost flow (flow.ts); the answer carries a dual
 * certificate whose bound equals its total (gap 0), checkable by anyone with
 * `verifyCertificate`. Deterministic: the same problem gives the same answer.
 */
import { boundUnits, totalFree } from './certificate.ts';
import { buildNetwork, carriesFlow, exactPotentials, loadFlow, minCostFlow, type Network, type PhaseTrace } from './flow.ts';
import { ProblemError, type Assignment, type Potentials, type Problem, type Result, type Unmatched } from './types.ts';
import { compile, FIXED, FORBIDDEN, OPEN, unquantise, type Compiled } from './validate.ts';

function potentials(net: Network, pi: Float64Array): Potentials {
	return {
		people: Array.from(pi.subarray(0, net.P)),
		slots: Array.from(pi.subarray(net.P, net.P + net.S)),
		// With no cap on the unmatched, U is unused: its potential is T's, as the bound's formula expects.
		unmatched: net.direct ? pi[net.T] : pi[net.U],
		sink: pi[net.T]
	};
}

/**
 * Solves the flow problem exactly with pricing ("column generation"): first
 * on a short list of the pairs most likely to matter (`shortlist`), then, as
 * long as any pair left out has a negative reduced cost under the exact
 * potentials, again with those pairs added. When none has, the potentials
 * are feasible for the whole network, so the flow is optimal for the whole
 * problem: the certificate covers every pair, not only the short list.
 */
function solvePriced(
	c: Compiled,
	weight: Float64Array | number,
	unmatchedCapacity: number | undefined,
	shortlist: Uint8Array,
	trace?: SolveOptions['trace']
) {
	const include = shortlist.slice();
	const { P, pairStart, pairSlot, pairState } = c;
	let maxW = 1;
	if (typeof weight !== 'number') for (let k = 0; k < weight.length; k++) if (weight[k] > maxW) maxW = weight[k];
	// Once pricing finds a pair out of line, it also takes the pairs within 5% of the
	// largest weight of being so: the potentials move as pairs come in, and one
	// wider round is cheaper than several narrow ones.
	const margin = 0.05 * maxW;
	const report = (net: Network) => (trace ? (phase: PhaseTrace) => trace({ ...phase, arcs: net.head.length / 2 }) : undefined);
	/** Takes in every left-out pair whose reduced cost under `pi` is below `margin`; counts those below 0. */
	const price = (pi: Float64Array) => {
		let violated = 0;
		for (let p = 0; p < P; p++) {
			const pp = pi[p];
			for (let k = pairStart[p]; k < pairStart[p + 1]; k++) {
				if (include[k] || pairState[k] !== OPEN) continue;
				const w = typeof weight === 'number' ? weight : weight[k];
				const rc = -w + pp - pi[P + pairSlot[k]];
				if (rc < 0) violated++;
				if (rc < margin) include[k] = 1;
			}
		}
		return violated;
	};
	const grow = (net: Network) => {
		const used = new Uint8Array(include.length);
		for (let k = 0; k < used.length; k++) if (carriesFlow(net, k)) used[k] = 1;
		const bigger = buildNetwork(c, weight, include, unmatchedCapacity);
		loadFlow(bigger, c, used);
		return bigger;
	};

	let net = buildNetwork(c, weight, include, unmatchedCapacity);
	const K = net.K;
	let state = minCostFlow(net, { trace: report(net) });
	for (;;) {
		const pi = exactPotentials(net, state.price);
		// Unreachable for a correct solver: an ε-optimal flow with ε < 1/n is optimal.
		if (!pi) throw new Error('matching engine: the flow is not optimal');
		if (price(pi) === 0) return { net, pi };
		// Solve again from this flow and these potentials: only the added pairs are out of line.
		net = grow(net);
		const prices = new Float64Array(pi.length);
		for (let v = 0; v < pi.length; v++) prices[v] = pi[v] * K;
		state = minCostFlow(net, { trace: report(net), prices });
	}
}

/**
 * The k-th smallest of a[0..len) (0-based), by quickselect with a
 * median-of-three pivot; reorders a. Linear on average, where a sort is
 * n log n: the short list picks a threshold in every person's and slot's list.
 */
export function select(a: Float64Array, len: number, k: number): number {
	let lo = 0;
	let hi = len - 1;
	while (hi > lo) {
		const mid = (lo + hi) >> 1;
		const x = a[lo];
		const y = a[mid];
		const z = a[hi];
		const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) {
				const t = a[i];
				a[i] = a[j];
				a[j] = t;
				i++;
				j--;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return a[k];
	}
	return a[k];
}

/**
 * The pairs to start from: each person's best 2c + 6 (by score) and each
 * slot's best 40c + 120 for its capacity c. Pricing adds any other pair that
 * could improve the answer, so this only decides how fast, never what.
 *
 * The slot side is deep because a slot's price is set by the best candidate
 * it does not take, and when most people stay unmatched that candidate sits
 * far down the slot's list: on the benchmark's largest problem the pairs
 * that a short list of 3c + 6 left out and then had to take in were at a
 * median rank of 58 in their slot's list (99th percentile 148). Taking them
 * in costs a second round, and a warm round costs about as much as the
 * first: each added pair displaces a chain of others, at every scale. With
 * 40c + 120 the largest problem needs one round (half its pairs).
 */
export function shortlist(c: Compiled): Uint8Array {
	const { P, S, pairStart, pairSlot, pairState, pairWeight, personFree, slotFree } = c;
	const N = pairSlot.length;
	const keep = new Uint8Array(N);
	let buf = new Float64Array(64);
	const top = (ks: ArrayLike<number>, from: number, to: number, want: number) => {
		const len = to - from;
		if (len <= want) {
			for (let i = from; i < to; i++) keep[ks[i]] = 1;
			return;
		}
		if (buf.length < len) buf = new Float64Array(len * 2);
		for (let i = 0; i < len; i++) buf[i] = -pairWeight[ks[from + i]];
		const threshold = -select(buf, len, want - 1);
		for (let i = from; i < to; i++) if (pairWeight[ks[i]] >= threshold) keep[ks[i]] = 1;
	};
	const openPairs = new Int32Array(N);
	// By person: pairStart is already the person CSR.
	for (let p = 0; p < P; p++) {
		let m = 0;
		for (let k = pairStart[p]; k < pairStart[p + 1]; k++) if (pairState[k] === OPEN) openPairs[pairStart[p] + m++] = k;
		top(openPairs, pairStart[p], pairStart[p] + m, 2 * personFree[p] + 6);
	}
	// By slot: a counting sort of the open pairs.
	const slotStart = new Int32Array(S + 1);
	for (let k = 0; k < N; k++) if (pairState[k] === OPEN) slotStart[pairSlot[k] + 1]++;
	for (let s = 0; s < S; s++) slotStart[s + 1] += slotStart[s];
	const fill = slotStart.slice(0, S);
	for (let k = 0; k < N; k++) if (pairState[k] === OPEN) openPairs[fill[pairSlot[k]]++] = k;
	for (let s = 0; s < S; s++) top(openPairs, slotStart[s], slotStart[s + 1], 40 * slotFree[s] + 120);
	return keep;
}

function openPairsUsed(net: Network): number {
	let f = 0;
	for (let k = 0; k < net.pairArc.length; k++) if (carriesFlow(net, k)) f++;
	return f;
}

export interface SolveOptions {
	/** Called after every scaling phase (for benchmarks and tuning). */
	trace?: (phase: PhaseTrace & { arcs: number }) => void;
}

export function solve(problem: Problem, options: SolveOptions = {}): Result {
	const started = performance.now();
	const c = compile(problem);
	const mode = problem.objective ?? 'score';
	const free = totalFree(c);
	let count: Potentials | undefined;
	let unmatchedCapacity: number | undefined;
	const list = shortlist(c);
	if (mode === 'count-then-score') {
		const counting = solvePriced(c, 1, undefined, list, options.trace);
		count = potentials(counting.net, counting.pi);
		unmatchedCapacity = free - openPairsUsed(counting.net);
	}
	const { net, pi } = solvePriced(c, c.pairWeight, unmatchedCapacity, list, options.trace);
	const pot = potentials(net, pi);

	const assignments: Assignment[] = [];
	const usedP = new Int32Array(c.P);
	const usedS = new Int32Array(c.S);
	let units = 0;
	for (let p = 0; p < c.P; p++) {
		for (let k = c.pairStart[p]; k < c.pairStart[p + 1]; k++) {
			const fixed = c.pairState[k] === FIXED;
			if (fixed || carriesFlow(net, k)) {
				const pair = problem.pairs[c.pairIndex[k]];
				assignments.push({ person: pair.person, slot: pair.slot, score: pair.score, fixed });
				units += c.pairWeight[k];
				usedP[p]++;
				usedS[c.pairSlot[k]]++;
			}
		}
	}
	const bound = c.fixedWeight + boundUnits(c, (k) => c.pairWeight[k], pot, unmatchedCapacity ?? free);
	if (bound !== units) throw new Error(`matching engine: gap ${bound - units} units`);
	let peopleMatched = 0;
	for (let p = 0; p < c.P; p++) if (usedP[p] > 0) peopleMatched++;
	return {
		assignments,
		mode,
		objective: unquantise(units, c.digits),
		bound: unquantise(bound, c.digits),
		gap: unquantise(bound - units, c.digits),
		matched: assignments.length,
		peopleMatched,
		...(count ? { countBound: assignments.length } : {}),
		unmatched: unmatchedReasons(problem, c, usedP, usedS),
		certificate: { resolution: unquantise(1, c.digits), potentials: pot, ...(count ? { count } : {}) },
		seconds: (performance.now() - started) / 1000
	};
}

/** The main reason each person with capacity got nothing. */
function unmatchedReasons(problem: Problem, c: Compiled, usedP: Int32Array, usedS: Int32Array): Unmatched[] {
	const out: Unmatched[] = [];
	for (let p = 0; p < c.P; p++) {
		if (usedP[p] > 0 || c.personCap[p] === 0) continue;
		const person = problem.people[p].id;
		const from = c.pairStart[p];
		const to = c.pairStart[p + 1];
		if (from === to) {
			out.push({ person, reason: 'no-allowed-slot' });
			continue;
		}
		let open = 0;
		let roomy = 0;
		for (let k = from; k < to; k++) {
			if (c.pairState[k] === FORBIDDEN) continue;
			open++;
			const s = c.pairSlot[k];
			if (usedS[s] < c.slotCap[s]) roomy++;
		}
		out.push({ person, reason: open === 0 ? 'all-forbidden' : roomy === 0 ? 'slots-full' : 'not-worth-it' });
	}
	return out;
}

export { ProblemError };
