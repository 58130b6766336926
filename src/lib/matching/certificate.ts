/**
 * The optimality certificate, checked from the problem and the potentials
 * alone (no trust in the solver).
 *
 * For any potentials π, linear-programming duality on the network of flow.ts
 * bounds the best total score from above by
 *
 *   Σ_open pairs max(0, w_ps − π_p + π_s)
 * + Σ_p c_p·max(0, π_U − π_p) + Σ_s c_s·max(0, π_T − π_s) + u·max(0, π_T − π_U)
 * + Σ_p π_p·c_p − π_T·Σ_p c_p
 *
 * (plus the fixed pairs' scores), where c are the capacities left after the
 * fixed pairs and u is how many person-units may stay unmatched. The answer is
 * proven optimal when this bound equals its total score: the gap is 0. All of
 * it is integer arithmetic in units of the resolution, so "equals" is exact.
 */
import { compile, FIXED, FORBIDDEN, pairAt, quantise, unquantise, type Compiled } from './validate.ts';
import type { Potentials, Problem, Result } from './types.ts';

/** The bound in whole units of the resolution, without the fixed pairs. */
export function boundUnits(
	c: Compiled,
	weight: (k: number) => number,
	pot: { people: ArrayLike<number>; slots: ArrayLike<number>; unmatched: number; sink: number },
	unmatchedCapacity: number
): number {
	const { P, S, pairStart, pairSlot, pairState, personFree, slotFree } = c;
	const { people, slots, unmatched: pU, sink: pT } = pot;
	let sum = 0;
	let supply = 0;
	for (let p = 0; p < P; p++) {
		const pp = people[p];
		for (let k = pairStart[p]; k < pairStart[p + 1]; k++) {
			if (pairState[k] !== 0) continue;
			const r = weight(k) - pp + slots[pairSlot[k]];
			if (r > 0) sum += r;
		}
		const f = personFree[p];
		if (pU > pp) sum += f * (pU - pp);
		sum += pp * f;
		supply += f;
	}
	for (let s = 0; s < S; s++) if (pT > slots[s]) sum += slotFree[s] * (pT - slots[s]);
	if (pT > pU) sum += unmatchedCapacity * (pT - pU);
	return sum - pT * supply;
}

export function totalFree(c: Compiled): number {
	let t = 0;
	for (let p = 0; p < c.P; p++) t += c.personFree[p];
	return t;
}

export interface Verdict {
	/** The assignment keeps every rule and the certificate proves it optimal (gap 0). */
	ok: boolean;
	/** The bound recomputed from the certificate, and its gap to the assignment's total score. */
	bound: number;
	gap: number;
	problems: string[];
}

function checkPotentials(pot: Potentials | undefined, c: Compiled, name: string, problems: string[]): pot is Potentials {
	if (!pot || !Array.isArray(pot.people) || !Array.isArray(pot.slots) || pot.people.length !== c.P || pot.slots.length !== c.S) {
		problems.push(`${name}: one potential per person and per slot is needed`);
		return false;
	}
	const all = [...pot.people, ...pot.slots, pot.unmatched, pot.sink];
	if (!all.every((x) => Number.isSafeInteger(x))) {
		problems.push(`${name}: potentials must be whole numbers`);
		return false;
	}
	return true;
}

/** Checks an answer against its problem: the rules, the total, and the certificate's bound. */
export function verifyCertificate(problem: Problem, result: Result): Verdict {
	const c = compile(problem);
	const problems: string[] = [];
	const { personIdx, slotIdx } = c;
	const usedP = new Int32Array(c.P);
	const usedS = new Int32Array(c.S);
	const chosen = new Uint8Array(c.pairSlot.length);
	let units = 0;
	for (const a of result.assignments) {
		const p = personIdx.get(a.person);
		const s = slotIdx.get(a.slot);
		if (p === undefined || s === undefined) {
			problems.push(`unknown pair ${a.person}–${a.slot}`);
			continue;
		}
		const k = pairAt(c.pairStart, c.pairSlot, p, s);
		if (k < 0) problems.push(`${a.person}–${a.slot} is not an allowed pair`);
		else if (c.pairState[k] === FORBIDDEN) problems.push(`${a.person}–${a.slot} is forbidden`);
		else if (chosen[k]++) problems.push(`${a.person}–${a.slot} is assigned twice`);
		else units += quantise(problem.pairs[c.pairIndex[k]].score, c.digits);
		usedP[p]++;
		usedS[s]++;
	}
	for (let p = 0; p < c.P; p++) if (usedP[p] > c.personCap[p]) problems.push(`${problem.people[p].id} has more than their capacity`);
	for (let s = 0; s < c.S; s++) if (usedS[s] > c.slotCap[s]) problems.push(`${problem.slots[s].id} has more than its capacity`);
	for (let k = 0; k < chosen.length; k++)
		if (c.pairState[k] === FIXED && !chosen[k]) {
			const pair = problem.pairs[c.pairIndex[k]];
			problems.push(`the fixed pair ${pair.person}–${pair.slot} is missing`);
		}
	const free = totalFree(c);
	const openMatched = result.assignments.length - c.fixedCount;
	let bound = Infinity;
	const cert = result.certificate;
	if (cert?.resolution !== unquantise(1, c.digits)) problems.push('the certificate is for another resolution');
	else if (checkPotentials(cert.potentials, c, 'potentials', problems)) {
		const mode = problem.objective ?? 'score';
		bound = c.fixedWeight + boundUnits(c, (k) => c.pairWeight[k], cert.potentials, mode === 'score' ? free : free - openMatched);
		if (mode === 'count-then-score' && checkPotentials(cert.count, c, 'count potentials', problems)) {
			const countBound = c.fixedCount + boundUnits(c, () => 1, cert.count, free);
			if (countBound !== result.assignments.length)
				problems.push(`the count certificate bounds the pairs at ${countBound}, not ${result.assignments.length}`);
		}
	}
	const gapUnits = bound - units;
	if (gapUnits !== 0) problems.push(`the certificate's bound exceeds the total by ${unquantise(gapUnits, c.digits)}`);
	if (units > bound) problems.push('the total exceeds the bound: the certificate is wrong');
	return { ok: problems.length === 0, bound: unquantise(bound, c.digits), gap: unquantise(gapUnits, c.digits), problems };
}
