import { describe, expect, it } from 'vitest';
import { generate, LANGUAGES, NEIGHBOURHOODS } from './generate.ts';
import { greedy } from './greedy.ts';
import type { Problem } from './types.ts';

describe('generate', () => {
	it('gives the same problem for the same seed and another for another seed', () => {
		const a = generate({ people: 200, slots: 30, pairsPerPerson: 10, seed: 7 });
		expect(generate({ people: 200, slots: 30, pairsPerPerson: 10, seed: 7 })).toEqual(a);
		expect(generate({ people: 200, slots: 30, pairsPerPerson: 10, seed: 8 }).pairs).not.toEqual(a.pairs);
	});

	it('makes the sizes asked for: distinct pairs, capacities in range, scores 0–100 in hundredths, two group dimensions', () => {
		const p = generate({ people: 500, slots: 40, pairsPerPerson: 12, capacity: [2, 4], seed: 1 });
		expect(p.people).toHaveLength(500);
		expect(p.slots).toHaveLength(40);
		expect(p.pairs).toHaveLength(500 * 12);
		expect(new Set(p.pairs.map((x) => `${x.person}/${x.slot}`)).size).toBe(p.pairs.length);
		expect(new Set(p.slots.map((s) => s.capacity))).toEqual(new Set([2, 3, 4]));
		for (const x of p.pairs) {
			expect(x.score).toBeGreaterThanOrEqual(0);
			expect(x.score).toBeLessThanOrEqual(100);
			expect(Math.round(x.score * 100) / 100).toBe(x.score);
		}
		expect(new Set(p.people.map((x) => x.groups!.language))).toEqual(new Set(LANGUAGES));
		expect(new Set(p.people.map((x) => x.groups!.neighbourhood))).toEqual(new Set(NEIGHBOURHOODS));
		expect(p.people.every((x) => x.group === x.groups!.language)).toBe(true);
	});

	it('caps the pairs per person at the number of slots (every slot once)', () => {
		const p = generate({ people: 3, slots: 5, pairsPerPerson: 50, seed: 2 });
		expect(p.pairs).toHaveLength(15);
		expect(p.pairs.filter((x) => x.person === 'p1').map((x) => x.slot)).toEqual(['s1', 's2', 's3', 's4', 's5']);
	});
});

describe('greedy', () => {
	const crossing: Problem = {
		people: [{ id: 'a' }, { id: 'b' }],
		slots: [{ id: 'x' }, { id: 'y' }],
		pairs: [
			{ person: 'a', slot: 'x', score: 10 },
			{ person: 'a', slot: 'y', score: 9 },
			{ person: 'b', slot: 'x', score: 9 }
		]
	};

	it('takes the best pair first, even when two good pairs were worth more (10, not 18)', () => {
		const g = greedy(crossing);
		expect(g.assignments.map((x) => `${x.person}/${x.slot}`)).toEqual(['a/x']);
		expect(g.objective).toBe(10);
	});

	it('keeps fixed pairs, skips forbidden ones and respects capacities', () => {
		const g = greedy({ ...crossing, fixed: [{ person: 'a', slot: 'y' }], forbidden: [{ person: 'b', slot: 'x' }] });
		expect(g.assignments).toEqual([{ person: 'a', slot: 'y', score: 9, fixed: true }]);
		const wide = greedy({ ...crossing, people: [{ id: 'a', capacity: 2 }, { id: 'b' }], slots: [{ id: 'x', capacity: 2 }, { id: 'y' }] });
		expect(wide.objective).toBe(28);
		expect(wide.matched).toBe(3);
	});

	it('leaves pairs scoring zero or less out unless the count comes first', () => {
		const p: Problem = { people: [{ id: 'a' }, { id: 'b' }], slots: [{ id: 'x', capacity: 2 }], pairs: [{ person: 'a', slot: 'x', score: 0 }, { person: 'b', slot: 'x', score: -2 }] };
		expect(greedy(p).matched).toBe(0);
		expect(greedy({ ...p, objective: 'count-then-score' })).toMatchObject({ matched: 2, objective: -2 });
	});
});
