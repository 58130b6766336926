/**
 * Reading a matching problem: `parseProblem` checks an untrusted value (a
 * parsed JSON file, a form) and names the first problem it finds; `compile`
 * turns a problem into the typed arrays the solver and the certificate check
 * work on, and is where the rules that need the whole problem are checked
 * (duplicate pairs, fixed pairs that are not allowed or overfill a capacity).
 *
 * Scores are compared in whole units of a resolution (10^-6 where the numbers
 * allow it, see `quantum`): the engine is exact for the scores rounded to that
 * resolution, and says which resolution it used.
 */
import { carve } from './arena.ts';
import { ProblemError, type Objective, type Pair, type PairRef, type Person, type Problem, type Slot } from './types.ts';

export const MAX_CAPACITY = 1_000_000;
export const MAX_ABS_SCORE = 1e9;
export const MAX_ID_LENGTH = 200;
const MAX_DIGITS = 6;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: unknown): string {
	if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
	if (typeof v === 'number') return String(v);
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'a list';
	return typeof v === 'object' ? 'an object' : typeof v;
}

function id(v: unknown, path: string): string {
	if (typeof v !== 'string') throw new ProblemError('bad-id', `${path} must be a text id, not ${show(v)}`, path);
	if (v.length === 0 || v.length > MAX_ID_LENGTH)
		throw new ProblemError('bad-id', `${path} must be 1 to ${MAX_ID_LENGTH} characters long`, path);
	return v;
}

function capacity(v: unknown, path: string): number {
	if (v === undefined) return 1;
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_CAPACITY)
		throw new ProblemError(
			'bad-capacity',
			`${path} must be a whole number from 0 to ${MAX_CAPACITY.toLocaleString('en')}, not ${show(v)}`,
			path
		);
	return v;
}

function list(v: unknown, path: string, optional = false): unknown[] {
	if (v === undefined && optional) return [];
	if (!Array.isArray(v)) throw new ProblemError('bad-shape', `${path} must be a list, not ${v === undefined ? 'missing' : show(v)}`, path);
	return v;
}

function group(v: unknown, path: string): string | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string' || v.length > MAX_ID_LENGTH)
		throw new ProblemError('bad-group', `${path} must be a text of at most ${MAX_ID_LENGTH} characters`, path);
	return v;
}

/** Checks an untrusted value and returns it as a Problem; throws ProblemError naming the first fault. */
export function parseProblem(input: unknown): Problem {
	if (!isObject(input)) throw new ProblemError('bad-shape', `the problem must be an object with people, slots and pairs, not ${show(input)}`);
	const people: Person[] = list(input.people, 'people').map((p, i) => {
		const path = `people[${i}]`;
		if (!isObject(p)) throw new ProblemError('bad-shape', `${path} must be an object with an id`, path);
		const person: Person = { id: id(p.id, `${path}.id`), capacity: capacity(p.capacity, `${path}.capacity`) };
		const g = group(p.group, `${path}.group`);
		if (g !== undefined) person.group = g;
		if (p.groups !== undefined) {
			if (!isObject(p.groups)) throw new ProblemError('bad-group', `${path}.groups must be an object of texts`, `${path}.groups`);
			const groups: Record<string, string> = {};
			for (const [k, v] of Object.entries(p.groups)) {
				const gv = group(v, `${path}.groups.${k}`);
				if (gv !== undefined) groups[k] = gv;
			}
			person.groups = groups;
		}
		return person;
	});
	const slots: Slot[] = list(input.slots, 'slots').map((s, i) => {
		const path = `slots[${i}]`;
		if (!isObject(s)) throw new ProblemError('bad-shape', `${path} must be an object with an id`, path);
		return { id: id(s.id, `${path}.id`), capacity: capacity(s.capacity, `${path}.capacity`) };
	});
	const rawPairs = list(input.pairs, 'pairs');
	for (let i = 0; i < rawPairs.length; i++) {
		const p = rawPairs[i];
		// The happy path builds no strings: five million pairs are read here.
		if (
			isObject(p) &&
			typeof p.person === 'string' &&
			typeof p.slot === 'string' &&
			p.person.length > 0 &&
			p.person.length <= MAX_ID_LENGTH &&
			p.slot.length > 0 &&
			p.slot.length <= MAX_ID_LENGTH &&
			typeof p.score === 'number' &&
			Number.isFinite(p.score) &&
			Math.abs(p.score) <= MAX_ABS_SCORE
		) {
			continue;
		}
		const path = `pairs[${i}]`;
		if (!isObject(p)) throw new ProblemError('bad-shape', `${path} must be an object with person, slot and score`, path);
		const score = p.score;
		if (typeof score !== 'number' || !Number.isFinite(score))
			throw new ProblemError('bad-score', `${path}.score must be a finite number, not ${show(score)}`, `${path}.score`);
		if (Math.abs(score) > MAX_ABS_SCORE)
			throw new ProblemError('bad-score', `${path}.score must be between -1e9 and 1e9, not ${score}`, `${path}.score`);
		id(p.person, `${path}.person`);
		id(p.slot, `${path}.slot`);
	}
	let objective: Objective = 'score';
	if (input.objective !== undefined) {
		if (input.objective !== 'score' && input.objective !== 'count-then-score')
			throw new ProblemError('bad-objective', `objective must be "score" or "count-then-score", not ${show(input.objective)}`, 'objective');
		objective = input.objective;
	}
	const refs = (name: 'fixed' | 'forbidden'): PairRef[] =>
		list(input[name], name, true).map((r, i) => {
			const path = `${name}[${i}]`;
			if (!isObject(r)) throw new ProblemError('bad-shape', `${path} must be an object with person and slot`, path);
			return { person: id(r.person, `${path}.person`), slot: id(r.slot, `${path}.slot`) };
		});
	// Every pair is checked: the list is taken as it is (five million pairs need no copy; extra fields are ignored).
	const pairs = rawPairs as Pair[];
	const problem: Problem = { people, slots, pairs, objective, fixed: refs('fixed'), forbidden: refs('forbidden') };
	compile(problem); // the rules that need the whole problem; cached for solve()
	return problem;
}

/** The problem as the solver sees it. Pairs are in CSR order: by person, then slot (input order of each). */
export interface Compiled {
	P: number;
	S: number;
	/** Index of each person's and slot's id. */
	personIdx: Map<string, number>;
	slotIdx: Map<string, number>;
	personCap: Int32Array;
	slotCap: Int32Array;
	/** Capacities left after the fixed pairs. */
	personFree: Int32Array;
	slotFree: Int32Array;
	/** pairStart[p]..pairStart[p+1] are person p's pairs. */
	pairStart: Int32Array;
	pairSlot: Int32Array;
	/** Index of the pair in problem.pairs. */
	pairIndex: Int32Array;
	/** Score in whole units of the resolution. */
	pairWeight: Float64Array;
	/** 0 open, 1 fixed, 2 forbidden. */
	pairState: Uint8Array;
	/** Scores are in units of 10^-digits. */
	digits: number;
	fixedWeight: number;
	fixedCount: number;
}

export const OPEN = 0;
export const FIXED = 1;
export const FORBIDDEN = 2;

const cache = new WeakMap<Problem, Compiled>();

/** The compiled index of the pair of person p and slot s (binary search in p's pairs, which are in slot order), or -1. */
export function pairAt(pairStart: Int32Array, pairSlot: Int32Array, p: number, s: number): number {
	let lo = pairStart[p];
	let hi = pairStart[p + 1] - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (pairSlot[mid] === s) return mid;
		if (pairSlot[mid] < s) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/**
 * The number of decimal digits the scores are compared at: as many as the
 * scores use (12.5 needs 1, 0.25 needs 2; a score like 0.1 + 0.2 counts as
 * 0.3), at most 6, and fewer when the largest score would overflow the
 * solver's exact integer arithmetic (costs are multiplied by the number of
 * nodes, and prices stay below 2^53). Fewer digits mean fewer scaling phases.
 */
export function resolutionDigits(maxAbsScore: number, nodes: number, scores?: ArrayLike<number>): number {
	const limit = 2 ** 53 / ((nodes + 1) * 2 ** 14);
	let d = MAX_DIGITS;
	while (d > -9 && maxAbsScore * 10 ** d > limit) d--;
	if (!scores || d <= 0) return d;
	let used = 0;
	for (let i = 0; i < scores.length && used < d; i++) {
		while (used < d) {
			const x = scores[i] * 10 ** used;
			if (Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, Math.abs(x))) break;
			used++;
		}
	}
	return used;
}

export function quantise(score: number, digits: number): number {
	return Math.round(digits >= 0 ? score * 10 ** digits : score / 10 ** -digits);
}

export function unquantise(units: number, digits: number): number {
	return digits >= 0 ? units / 10 ** digits : units * 10 ** -digits;
}

function indexIds(items: { id: string }[], what: 'people' | 'slots'): Map<string, number> {
	const map = new Map<string, number>();
	for (let i = 0; i < items.length; i++) {
		const prev = map.get(items[i].id);
		if (prev !== undefined)
			throw new ProblemError('duplicate-id', `${what}[${prev}] and ${what}[${i}] have the same id ${show(items[i].id)}`, `${what}[${i}].id`);
		map.set(items[i].id, i);
	}
	return map;
}

export function compile(problem: Problem): Compiled {
	const hit = cache.get(problem);
	if (hit) return hit;
	const P = problem.people.length;
	const S = problem.slots.length;
	const personIdx = indexIds(problem.people, 'people');
	const slotIdx = indexIds(problem.slots, 'slots');
	const personCap = new Int32Array(P);
	const slotCap = new Int32Array(S);
	for (let i = 0; i < P; i++) personCap[i] = capacity(problem.people[i].capacity, `people[${i}].capacity`);
	for (let i = 0; i < S; i++) slotCap[i] = capacity(problem.slots[i].capacity, `slots[${i}].capacity`);

	const N = problem.pairs.length;
	const { pairStart, pairSlot, pairIndex, pairWeight, pairState } = carve({
		pairStart: ['i32', P + 1],
		pairSlot: ['i32', N],
		pairIndex: ['i32', N],
		pairWeight: ['f64', N],
		pairState: ['u8', N]
	});
	const pp = new Int32Array(N);
	// First in input order: pairSlot and pairWeight hold each pair's slot and raw score.
	let maxAbs = 0;
	let lastPerson: string | undefined;
	let lastIdx: number | undefined;
	// Whether the pairs already come in CSR order (by person, then by slot, no repeats), as files usually do.
	let ordered = true;
	for (let i = 0; i < N; i++) {
		const pair = problem.pairs[i];
		// Pairs usually come grouped by person: compare with the last one before hashing.
		const p = pair.person === lastPerson ? lastIdx : personIdx.get(pair.person);
		lastPerson = pair.person;
		lastIdx = p;
		if (p === undefined) throw new ProblemError('unknown-id', `pairs[${i}].person names ${show(pair.person)}, who is not among the people`, `pairs[${i}].person`);
		const s = slotIdx.get(pair.slot);
		if (s === undefined) throw new ProblemError('unknown-id', `pairs[${i}].slot names ${show(pair.slot)}, which is not among the slots`, `pairs[${i}].slot`);
		const score = pair.score;
		if (typeof score !== 'number' || !Number.isFinite(score) || Math.abs(score) > MAX_ABS_SCORE)
			throw new ProblemError('bad-score', `pairs[${i}].score must be a finite number between -1e9 and 1e9, not ${show(score)}`, `pairs[${i}].score`);
		if (Math.abs(score) > maxAbs) maxAbs = Math.abs(score);
		if (i > 0 && (p < pp[i - 1] || (p === pp[i - 1] && s <= pairSlot[i - 1]))) ordered = false;
		pairWeight[i] = score;
		pp[i] = p;
		pairSlot[i] = s;
		pairStart[p + 1]++;
	}
	for (let p = 0; p < P; p++) pairStart[p + 1] += pairStart[p];
	const digits = resolutionDigits(maxAbs, P + S + 2, pairWeight);
	if (ordered) {
		for (let k = 0; k < N; k++) {
			pairIndex[k] = k;
			pairWeight[k] = quantise(pairWeight[k], digits);
		}
	} else {
		// CSR by person, within a person by slot index, by two stable counting
		// sorts (by slot, then by person): linear, no comparisons.
		const { ps, scores, bySlot, slotStart } = carve({ ps: ['i32', N], scores: ['f64', N], bySlot: ['i32', N], slotStart: ['i32', S + 1] });
		ps.set(pairSlot);
		scores.set(pairWeight);
		for (let i = 0; i < N; i++) slotStart[ps[i] + 1]++;
		for (let s = 0; s < S; s++) slotStart[s + 1] += slotStart[s];
		for (let i = 0; i < N; i++) bySlot[slotStart[ps[i]]++] = i;
		const fill = pairStart.slice(0, P);
		for (let j = 0; j < N; j++) {
			const i = bySlot[j];
			pairIndex[fill[pp[i]]++] = i;
		}
		for (let p = 0; p < P; p++) {
			for (let k = pairStart[p]; k < pairStart[p + 1]; k++) {
				const i = pairIndex[k];
				const s = ps[i];
				pairSlot[k] = s;
				pairWeight[k] = quantise(scores[i], digits);
				if (k > pairStart[p] && pairSlot[k - 1] === s)
					throw new ProblemError(
						'duplicate-pair',
						`pairs[${pairIndex[k - 1]}] and pairs[${i}] both pair ${show(problem.people[p].id)} with ${show(problem.slots[s].id)}`,
						`pairs[${i}]`
					);
			}
		}
	}
	const findPair = (ref: PairRef, path: string): number => {
		const p = personIdx.get(ref.person);
		if (p === undefined) throw new ProblemError('unknown-id', `${path}.person names ${show(ref.person)}, who is not among the people`, `${path}.person`);
		const s = slotIdx.get(ref.slot);
		if (s === undefined) throw new ProblemError('unknown-id', `${path}.slot names ${show(ref.slot)}, which is not among the slots`, `${path}.slot`);
		return pairAt(pairStart, pairSlot, p, s);
	};
	const fixedAt = new Map<number, number>();
	(problem.forbidden ?? []).forEach((ref, i) => {
		const k = findPair(ref, `forbidden[${i}]`);
		if (k >= 0) pairState[k] = FORBIDDEN; // forbidding a pair that is not allowed changes nothing
	});
	const personFree = personCap.slice();
	const slotFree = slotCap.slice();
	let fixedWeight = 0;
	let fixedCount = 0;
	(problem.fixed ?? []).forEach((ref, i) => {
		const path = `fixed[${i}]`;
		const k = findPair(ref, path);
		const pair = `${show(ref.person)} with ${show(ref.slot)}`;
		if (k < 0) throw new ProblemError('fixed-not-allowed', `${path} fixes ${pair}, which is not an allowed pair`, path);
		if (pairState[k] === FORBIDDEN) throw new ProblemError('fixed-and-forbidden', `${path} fixes ${pair}, which is also forbidden`, path);
		if (pairState[k] === FIXED) throw new ProblemError('duplicate-fixed', `fixed[${fixedAt.get(k)}] and ${path} both fix ${pair}`, path);
		pairState[k] = FIXED;
		fixedAt.set(k, i);
		const p = personIdx.get(ref.person)!;
		const s = pairSlot[k];
		if (--personFree[p] < 0)
			throw new ProblemError(
				'fixed-over-capacity',
				`the fixed pairs give ${show(ref.person)} more slots than their capacity of ${personCap[p]}`,
				path
			);
		if (--slotFree[s] < 0)
			throw new ProblemError(
				'fixed-over-capacity',
				`the fixed pairs give slot ${show(ref.slot)} more people than its capacity of ${slotCap[s]}`,
				path
			);
		fixedWeight += pairWeight[k];
		fixedCount++;
	});
	const compiled: Compiled = {
		P,
		S,
		personIdx,
		slotIdx,
		personCap,
		slotCap,
		personFree,
		slotFree,
		pairStart,
		pairSlot,
		pairIndex,
		pairWeight,
		pairState,
		digits,
		fixedWeight,
		fixedCount
	};
	cache.set(problem, compiled);
	return compiled;
}
