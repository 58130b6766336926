import { describe, expect, it } from 'vitest';
import { fairnessReport, parseProblem, ProblemError, solve, verifyCertificate, type Problem } from './index.ts';

const pairs = (rows: [string, string, number][]) => rows.map(([person, slot, score]) => ({ person, slot, score }));
const chosen = (p: Problem) => solve(p).assignments.map((a) => `${a.person}>${a.slot}`);

describe('solve', () => {
	it('beats greedy where taking the best pair first is wrong', () => {
		// Greedy takes a>x (10), then b has nothing: 10. The optimum is a>y + b>x: 9 + 8 = 17.
		const p: Problem = {
			people: [{ id: 'a' }, { id: 'b' }],
			slots: [{ id: 'x' }, { id: 'y' }],
			pairs: pairs([
				['a', 'x', 10],
				['a', 'y', 9],
				['b', 'x', 8]
			])
		};
		const r = solve(p);
		expect(r.assignments.map((a) => `${a.person}>${a.slot}`)).toEqual(['a>y', 'b>x']);
		expect(r.objective).toBe(17);
		expect(r.bound).toBe(17);
		expect(r.gap).toBe(0);
		expect(verifyCertificate(p, r).ok).toBe(true);
	});

	it('fills a slot up to its capacity and no further', () => {
		const p: Problem = {
			people: ['a', 'b', 'c', 'd'].map((id) => ({ id })),
			slots: [{ id: 'guardian', capacity: 3 }],
			pairs: pairs([
				['a', 'guardian', 1],
				['b', 'guardian', 4],
				['c', 'guardian', 3],
				['d', 'guardian', 2]
			])
		};
		const r = solve(p);
		expect(r.assignments.map((a) => a.person)).toEqual(['b', 'c', 'd']);
		expect(r.unmatched).toEqual([{ person: 'a', reason: 'slots-full' }]);
	});

	it('count-then-score matches more people at a lower score', () => {
		const p: Problem = {
			people: [{ id: 'a' }, { id: 'b' }],
			slots: [{ id: 'x' }, { id: 'y' }],
			pairs: pairs([
				['a', 'x', 10],
				['b', 'x', 1],
				['a', 'y', 1]
			])
		};
		expect(solve(p).matched).toBe(1);
		const both = { ...p, objective: 'count-then-score' as const };
		const r = solve(both);
		expect(r.matched).toBe(2);
		expect(r.objective).toBe(2);
		expect(r.countBound).toBe(2);
		expect(verifyCertificate(both, r).ok).toBe(true);
	});

	it('keeps fixed pairs even when they cost score, and never uses forbidden ones', () => {
		const p: Problem = {
			people: [{ id: 'a' }, { id: 'b' }],
			slots: [{ id: 'x' }, { id: 'y' }],
			pairs: pairs([
				['a', 'x', 10],
				['a', 'y', 1],
				['b', 'x', 1],
				['b', 'y', 10]
			]),
			fixed: [{ person: 'a', slot: 'y' }],
			forbidden: [{ person: 'b', slot: 'y' }]
		};
		const r = solve(p);
		expect(r.assignments).toEqual([
			{ person: 'a', slot: 'y', score: 1, fixed: true },
			{ person: 'b', slot: 'x', score: 1, fixed: false }
		]);
		expect(verifyCertificate(p, r).ok).toBe(true);
	});

	it('says why each person got nothing', () => {
		const p: Problem = {
			people: ['nobody', 'banned', 'crowded', 'poor', 'winner'].map((id) => ({ id })),
			slots: [{ id: 'full' }, { id: 'roomy', capacity: 5 }],
			pairs: pairs([
				['banned', 'roomy', 5],
				['crowded', 'full', 1],
				['winner', 'full', 9],
				['poor', 'roomy', -2]
			]),
			forbidden: [{ person: 'banned', slot: 'roomy' }]
		};
		expect(solve(p).unmatched).toEqual([
			{ person: 'nobody', reason: 'no-allowed-slot' },
			{ person: 'banned', reason: 'all-forbidden' },
			{ person: 'crowded', reason: 'slots-full' },
			{ person: 'poor', reason: 'not-worth-it' }
		]);
	});

	it('gives the same answer for the same problem, and for the pairs in another order', () => {
		const rows: [string, string, number][] = [];
		for (let i = 0; i < 30; i++) for (let j = 0; j < 6; j++) rows.push([`p${i}`, `s${j}`, (i * 7 + j * 13) % 10]);
		const p: Problem = {
			people: Array.from({ length: 30 }, (_, i) => ({ id: `p${i}` })),
			slots: Array.from({ length: 6 }, (_, j) => ({ id: `s${j}`, capacity: 2 })),
			pairs: pairs(rows)
		};
		const once = solve(p);
		expect(solve(p).assignments).toEqual(once.assignments);
		const reversed = solve({ ...p, pairs: [...p.pairs].reverse() });
		expect(reversed.assignments).toEqual(once.assignments);
	});

	it('is exact for scores with six decimals and for very large scores', () => {
		const fine: Problem = {
			people: [{ id: 'a' }, { id: 'b' }],
			slots: [{ id: 'x' }],
			pairs: pairs([
				['a', 'x', 0.000002],
				['b', 'x', 0.000001]
			])
		};
		expect(chosen(fine)).toEqual(['a>x']);
		expect(solve(fine).certificate.resolution).toBe(1e-6);
		// Scores in halves are compared in tenths: as fine as they need, no finer.
		const halves: Problem = { ...fine, pairs: pairs([['a', 'x', 12.5], ['b', 'x', 12]]) };
		expect(solve(halves).certificate.resolution).toBe(0.1);
		expect(solve({ ...fine, pairs: pairs([['a', 'x', 0.1 + 0.2], ['b', 'x', 0.3]]) }).certificate.resolution).toBe(0.1);
		const big: Problem = { ...fine, pairs: pairs([['a', 'x', 1e9], ['b', 'x', 999_999_000]]) };
		const r = solve(big);
		expect(r.assignments.map((a) => a.person)).toEqual(['a']);
		expect(r.objective).toBe(1e9);
		expect(verifyCertificate(big, r).ok).toBe(true);
	});
});

describe('verifyCertificate', () => {
	const p: Problem = {
		people: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
		slots: [{ id: 'x', capacity: 2 }, { id: 'y' }],
		pairs: pairs([
			['a', 'x', 5],
			['b', 'x', 4],
			['c', 'x', 3],
			['c', 'y', 1]
		])
	};

	it('refuses an answer that is not the optimum, even with the real certificate', () => {
		const r = solve(p);
		const worse = { ...r, assignments: r.assignments.filter((a) => a.person !== 'c') };
		const v = verifyCertificate(p, worse);
		expect(v.ok).toBe(false);
		expect(v.gap).toBe(1);
	});

	it('refuses forged potentials and answers that break a capacity', () => {
		const r = solve(p);
		const forged = structuredClone(r);
		forged.certificate.potentials.slots[0] += 1_000_000;
		expect(verifyCertificate(p, forged).ok).toBe(false);
		const over = { ...r, assignments: [...r.assignments, { person: 'c', slot: 'x', score: 3, fixed: false }] };
		expect(verifyCertificate(p, over).problems.join(' ')).toMatch(/capacity/);
	});
});

describe('parseProblem', () => {
	const base = { people: [{ id: 'p1' }], slots: [{ id: 's1', capacity: 3 }], pairs: [{ person: 'p1', slot: 's1', score: 1 }] };
	const fault = (v: unknown) => {
		try {
			parseProblem(v);
		} catch (e) {
			expect(e).toBeInstanceOf(ProblemError);
			return (e as ProblemError).message;
		}
		throw new Error('accepted');
	};

	it('accepts a good problem', () => {
		expect(parseProblem(base).pairs).toHaveLength(1);
	});

	it.each([
		[{ ...base, people: [{ id: 'p1' }, { id: 'p1' }] }, /people\[0\] and people\[1\] have the same id "p1"/],
		[{ ...base, slots: [{ id: 's1', capacity: -1 }] }, /slots\[0\]\.capacity must be a whole number/],
		[{ ...base, slots: [{ id: 's1', capacity: 1.5 }] }, /slots\[0\]\.capacity/],
		[{ ...base, pairs: [{ person: 'p2', slot: 's1', score: 1 }] }, /pairs\[0\]\.person names "p2", who is not among the people/],
		[{ ...base, pairs: [{ person: 'p1', slot: 's1', score: Infinity }] }, /pairs\[0\]\.score must be a finite number/],
		[{ ...base, pairs: [{ person: 'p1', slot: 's1', score: NaN }] }, /finite number/],
		[{ ...base, pairs: [{ person: 'p1', slot: 's1', score: '3' }] }, /pairs\[0\]\.score must be a finite number, not "3"/],
		[{ ...base, pairs: [...base.pairs, { person: 'p1', slot: 's1', score: 2 }] }, /pairs\[0\] and pairs\[1\] both pair "p1" with "s1"/],
		[{ ...base, objective: 'fast' }, /objective must be "score" or "count-then-score"/],
		[{ ...base, fixed: [{ person: 'p1', slot: 's2' }] }, /fixed\[0\]\.slot names "s2"/],
		[{ ...base, fixed: [{ person: 'p1', slot: 's1' }], forbidden: [{ person: 'p1', slot: 's1' }] }, /also forbidden/],
		[{ people: [], slots: [] }, /pairs must be a list, not missing/],
		[[], /must be an object/]
	])('names the fault in %#', (input, message) => {
		expect(fault(input)).toMatch(message);
	});

	it('refuses fixed pairs that overfill a slot', () => {
		const p = {
			people: [{ id: 'a' }, { id: 'b' }],
			slots: [{ id: 'x', capacity: 1 }],
			pairs: pairs([
				['a', 'x', 1],
				['b', 'x', 1]
			]),
			fixed: [
				{ person: 'a', slot: 'x' },
				{ person: 'b', slot: 'x' }
			]
		};
		expect(fault(p)).toMatch(/the fixed pairs give slot "x" more people than its capacity of 1/);
	});
});

describe('fairnessReport', () => {
	it('shows the match rate by group and flags a group that is worse off', () => {
		const people = [
			...Array.from({ length: 4 }, (_, i) => ({ id: `ar${i}`, groups: { language: 'ar' } })),
			...Array.from({ length: 4 }, (_, i) => ({ id: `uk${i}`, groups: { language: 'uk' } }))
		];
		// Four places; the Ukrainian speakers score higher everywhere, so they take all four.
		const rows: [string, string, number][] = [];
		for (const p of people) for (let s = 0; s < 4; s++) rows.push([p.id, `s${s}`, p.id.startsWith('uk') ? 10 : 5]);
		const p: Problem = { people, slots: Array.from({ length: 4 }, (_, s) => ({ id: `s${s}` })), pairs: pairs(rows) };
		const report = fairnessReport(p, solve(p));
		expect(report.overall).toMatchObject({ people: 8, matched: 4, rate: 0.5 });
		const lang = report.dimensions.find((d) => d.dimension === 'language')!;
		expect(lang.groups.map((g) => [g.group, g.matched, g.flagged])).toEqual([
			['ar', 0, true],
			['uk', 4, false]
		]);
		expect(lang.groups[1].scores?.median).toBe(10);
	});
});

describe('select', () => {
	it('finds the k-th smallest, ties and all', async () => {
		const { select } = await import('./solve.ts');
		for (let seed = 1; seed < 200; seed++) {
			const len = 1 + (seed % 37);
			const values = Array.from({ length: len }, (_, i) => ((i * 7919 + seed * 104729) % 13) - 6);
			const sorted = [...values].sort((a, b) => a - b);
			for (let k = 0; k < len; k++) expect(select(Float64Array.from(values), len, k)).toBe(sorted[k]);
		}
	});
});

describe('a problem that once broke the push-relabel phase', () => {
	it('solves it with a proven optimum (a relabel of a slot with many arcs used to push along an unchecked arc)', async () => {
		const { readFileSync } = await import('node:fs');
		const raw = JSON.parse(readFileSync(new URL('../../../tests/fixtures/matching-relabel-loop.json', import.meta.url), 'utf8')) as {
			slots: number[];
			people: number;
			pairs: [number, number, number][];
		};
		const problem = parseProblem({
			people: Array.from({ length: raw.people }, (_, i) => ({ id: `p${i}` })),
			slots: raw.slots.map((capacity, j) => ({ id: `s${j}`, capacity })),
			pairs: raw.pairs.map(([p, s, score]) => ({ person: `p${p}`, slot: `s${s}`, score })),
			objective: 'score'
		});
		for (const objective of ['score', 'count-then-score'] as const) {
			const result = solve({ ...problem, objective });
			expect(result.gap).toBe(0);
			expect(verifyCertificate({ ...problem, objective }, result).ok).toBe(true);
		}
	});
});
