import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppress, suppressList, suppressRows, suppressTable, type Shown, type Sum } from './suppression.ts';

describe('primary suppression', () => {
	it('hides every count under 5, zero included, and shows the rest as they are', () => {
		expect(suppressList([7, 8, 9])).toEqual({ counts: [7, 8, 9], total: 24 });
		expect(suppressList([0, 0, 0])).toEqual({ counts: [null, null, null], total: null });
		expect(suppressList([5, 12])).toEqual({ counts: [5, 12], total: 17 });
	});
});

describe('secondary suppression', () => {
	it('hides a second cell when the total would give the first away', () => {
		// 33 - 20 - 10 = 3: so 10 goes too (the smallest visible cell).
		expect(suppressList([3, 10, 20])).toEqual({ counts: [null, null, 20], total: 33 });
	});

	it('hides the total when a hidden cell is alone in it', () => {
		expect(suppressList([2])).toEqual({ counts: [null], total: null });
		expect(suppressList([4, 30])).toEqual({ counts: [null, null], total: 34 });
	});

	it('keeps a row, a column and the margins from giving a cell away in a table', () => {
		const t = suppressTable([
			[3, 10, 12],
			[20, 30, 40]
		]);
		// The 3 is hidden; its row hides the 10; their columns then hide the 20 and the 30 under them,
		// and the second row is fine with two hidden.
		expect(t.cells).toEqual([
			[null, null, 12],
			[null, null, 40]
		]);
		expect(t.rowTotals).toEqual([25, 90]);
		expect(t.colTotals).toEqual([23, 40, 52]);
		expect(t.total).toBe(115);
	});

	it('treats each row on its own when columns are not summed', () => {
		const r = suppressRows([
			[1, 9, 9],
			[6, 6, 6]
		]);
		expect(r.cells).toEqual([
			[null, null, 9],
			[6, 6, 6]
		]);
		expect(r.totals).toEqual([19, 18]);
	});
});

/** Every sum whose terms are all shown but one would reveal that one. */
function revealing(shown: Map<string, Shown>, sums: Sum[]): string[] {
	return sums.filter((s) => [s.whole, ...s.parts].filter((k) => shown.get(k) === null).length === 1).map((s) => s.whole);
}

describe('whatever the counts', () => {
	const table = fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(fc.nat({ max: 40 }), { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }));

	it('never shows a count under 5 and never leaves a sum with exactly one hidden term', () => {
		fc.assert(
			fc.property(table, (rows) => {
				const t = suppressTable(rows);
				const values = new Map<string, number>();
				const shown = new Map<string, Shown>();
				const sums: Sum[] = [];
				rows.forEach((row, i) => {
					row.forEach((v, j) => {
						values.set(`r${i}c${j}`, v);
						shown.set(`r${i}c${j}`, t.cells[i][j]);
					});
					shown.set(`r${i}`, t.rowTotals[i]);
					sums.push({ whole: `r${i}`, parts: row.map((_, j) => `r${i}c${j}`) });
				});
				rows[0].forEach((_, j) => {
					shown.set(`c${j}`, t.colTotals[j]);
					sums.push({ whole: `c${j}`, parts: rows.map((_, i) => `r${i}c${j}`) });
				});
				shown.set('total', t.total);
				sums.push({ whole: 'total', parts: rows.map((_, i) => `r${i}`) });
				sums.push({ whole: 'total', parts: rows[0].map((_, j) => `c${j}`) });
				for (const v of shown.values()) if (v !== null) expect(v).toBeGreaterThanOrEqual(5);
				for (const [k, v] of values) if (shown.get(k) !== null) expect(shown.get(k)).toBe(v);
				expect(revealing(shown, sums)).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('in a list, leaves at least two hidden counts whenever it hides one and shows the total', () => {
		fc.assert(
			fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 12 }), (counts) => {
				const out = suppressList(counts);
				const hidden = out.counts.filter((c) => c === null).length;
				if (out.total !== null) expect(hidden === 0 || hidden >= 2).toBe(true);
				expect(suppress(new Map([['a', 4]]), []).get('a')).toBeNull();
			}),
			{ numRuns: 300 }
		);
	});
});

describe('nothing to count', () => {
	it('publishes an empty list with its total hidden, instead of looping forever', () => {
		expect(suppressList([])).toEqual({ counts: [], total: null });
	});
});
