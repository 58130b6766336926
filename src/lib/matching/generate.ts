/**
 * Random matching problems with a seed, for the benchmarks and the tests:
 * the same options give the same problem on every machine (own PRNG, no
 * Math.random, no clock).
 *
 * Each person has capacity 1, a language (one of 6) and a neighbourhood (one
 * of 10) for the fairness report; each slot a capacity drawn from `capacity`;
 * each person about `pairsPerPerson` allowed slots, distinct, with a score
 * between 0 and 100 in hundredths. A slot has a quality and a person a
 * taste, so scores are correlated as in a real programme (a popular shift
 * scores well with most people) rather than pure noise.
 */
import type { Objective, Pair, Person, Problem, Slot } from './types.ts';

export interface GenerateOptions {
	people: number;
	slots: number;
	/** Allowed slots per person; capped at `slots`. Default 50. */
	pairsPerPerson?: number;
	/** Slot capacities, drawn uniformly from [min, max]. Default [1, 5]. */
	capacity?: readonly [number, number];
	/** Person capacities, drawn uniformly from [min, max]. Default [1, 1]. */
	personCapacity?: readonly [number, number];
	seed: number;
	objective?: Objective;
}

export const LANGUAGES = ['ar', 'uk', 'fa', 'ti', 'so', 'es'] as const;
export const NEIGHBOURHOODS = ['Port', 'Old Town', 'Riverside', 'Hill', 'Market', 'Station', 'Gardens', 'Mill', 'Bridge', 'Airfield'] as const;

/** mulberry32: a tiny 32-bit PRNG, identical on every platform. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generate(options: GenerateOptions): Problem {
	const { people: nPeople, slots: nSlots, seed } = options;
	const [capMin, capMax] = options.capacity ?? [1, 5];
	const [pCapMin, pCapMax] = options.personCapacity ?? [1, 1];
	const k = Math.min(options.pairsPerPerson ?? 50, nSlots);
	const next = mulberry32(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));

	const slots: Slot[] = new Array(nSlots);
	const quality = new Float64Array(nSlots);
	for (let j = 0; j < nSlots; j++) {
		slots[j] = { id: `s${j + 1}`, capacity: int(capMin, capMax) };
		quality[j] = next();
	}

	const people: Person[] = new Array(nPeople);
	const pairs: Pair[] = new Array(nPeople * k);
	// seen[j] === i + 1 when slot j is already one of person i's pairs: O(1) distinctness without a Set per person.
	const seen = new Uint32Array(nSlots);
	const chosen = new Int32Array(k);
	let n = 0;
	for (let i = 0; i < nPeople; i++) {
		const language = LANGUAGES[int(0, LANGUAGES.length - 1)];
		const neighbourhood = NEIGHBOURHOODS[int(0, NEIGHBOURHOODS.length - 1)];
		const person: Person = { id: `p${i + 1}`, group: language, groups: { language, neighbourhood } };
		if (pCapMin !== 1 || pCapMax !== 1) person.capacity = int(pCapMin, pCapMax);
		people[i] = person;
		const taste = next();
		// k distinct slots: rejection while sparse, a partial Fisher–Yates when k is most of the slots.
		if (k * 2 <= nSlots) {
			for (let c = 0; c < k; ) {
				const j = Math.floor(next() * nSlots);
				if (seen[j] === i + 1) continue;
				seen[j] = i + 1;
				chosen[c++] = j;
			}
		} else {
			const all = Int32Array.from({ length: nSlots }, (_, j) => j);
			for (let c = 0; c < k; c++) {
				const r = c + Math.floor(next() * (nSlots - c));
				const t = all[c];
				all[c] = all[r];
				all[r] = t;
				chosen[c] = all[c];
			}
		}
		chosen.sort();
		const personId = person.id;
		for (let c = 0; c < k; c++) {
			const j = chosen[c];
			const raw = 0.45 * quality[j] + 0.15 * taste + 0.4 * next();
			pairs[n++] = { person: personId, slot: slots[j].id, score: Math.round(raw * 10_000) / 100 };
		}
	}
	const problem: Problem = { people, slots, pairs };
	if (options.objective) problem.objective = options.objective;
	return problem;
}
