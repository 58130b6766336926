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
import { buildNetwork, exactPotentials, minCostFlow, type Network } from './flow.ts';
import { ProblemError, type Assignment, type Potentials, type Problem, type Result, type Unmatched } from './types.ts';
import { compile, FIXED, FORBIDDEN, unquantise, type Compiled } from './validate.ts';

function potentials(net: Network, pi: Float64Array): Potentials {
	return {
		people: Array.from(pi.subarray(0, net.P)),
		slots: Array.from(pi.subarray(net.P, net.P + net.S)),
		unmatched: pi[net.U],
		sink: pi[net.T]
	};
}

function run(net: Network): Float64Array {
	const pi = exactPotentials(net, minCostFlow(net));
	// Unreachable for a correct solver: an ε-optimal flow with ε < 1/n is optimal.
	if (!pi) throw new Error('matching engine: the flow is not optimal');
	return pi;
}

function openPairsUsed(net: Network): number {
	let f = 0;
	for (const a of net.pairArc) if (a >= 0 && net.cap[a] === 0) f++;
	return f;
}

export function solve(problem: Problem): Result {
	const started = performance.now();
	const c = compile(problem);
	const mode = problem.objective ?? 'score';
	const free = totalFree(c);
	let count: Potentials | undefined;
	let unmatchedCapacity = free;
	if (mode === 'count-then-score') {
		const counting = buildNetwork(c, () => 1);
		const pi = run(counting);
		count = potentials(counting, pi);
		unmatchedCapacity = free - openPairsUsed(counting);
	}
	const net = buildNetwork(c, (k) => c.pairWeight[k]);
	net.cap0[net.overflowArc] = unmatchedCapacity;
	net.cap[net.overflowArc] = unmatchedCapacity;
	const pi = run(net);
	const pot = potentials(net, pi);

	const assignments: Assignment[] = [];
	const usedP = new Int32Array(c.P);
	const usedS = new Int32Array(c.S);
	let units = 0;
	for (let p = 0; p < c.P; p++) {
		for (let k = c.pairStart[p]; k < c.pairStart[p + 1]; k++) {
			const fixed = c.pairState[k] === FIXED;
			const a = net.pairArc[k];
			if (fixed || (a >= 0 && net.cap[a] === 0)) {
				const pair = problem.pairs[c.pairIndex[k]];
				assignments.push({ person: pair.person, slot: pair.slot, score: pair.score, fixed });
				units += c.pairWeight[k];
				usedP[p]++;
				usedS[c.pairSlot[k]]++;
			}
		}
	}
	const bound = c.fixedWeight + boundUnits(c, (k) => c.pairWeight[k], pot, unmatchedCapacity);
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
