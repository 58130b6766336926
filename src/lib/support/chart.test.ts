import { describe, expect, it } from 'vitest';
import { change, domainSeries, lineChart } from './chart.ts';

const jan = '2026-01-01T09:00:00Z';
const feb = '2026-02-01T09:00:00Z';
const dec = '2026-12-01T09:00:00Z';

describe('lineChart', () => {
	it('puts thriving at the top, crisis at the bottom, and time from the inline start', () => {
		const c = lineChart([
			{ at: feb, score: 5 },
			{ at: jan, score: 1 }
		]);
		expect(c.points.map((p) => p.score)).toEqual([1, 5]);
		const [a, b] = c.points;
		expect(a.x).toBe(c.plot.left);
		expect(b.x).toBe(c.plot.right);
		expect(a.y).toBe(c.plot.bottom);
		expect(b.y).toBe(c.plot.top);
		expect(c.path).toBe(`M${a.x} ${a.y} L${b.x} ${b.y}`);
	});

	it('spaces points by time, not by count', () => {
		const c = lineChart([
			{ at: jan, score: 2 },
			{ at: feb, score: 3 },
			{ at: dec, score: 4 }
		]);
		const [a, b, z] = c.points;
		// January → February is a month of eleven: far nearer the start than the middle.
		expect(b.x - a.x).toBeLessThan((z.x - a.x) / 5);
		expect(a.x).toBeLessThan(b.x);
	});

	it('runs time right to left in a right-to-left language, labels on the right', () => {
		const c = lineChart(
			[
				{ at: jan, score: 2 },
				{ at: feb, score: 4 }
			],
			{ rtl: true }
		);
		expect(c.points[0].x).toBe(c.plot.right);
		expect(c.points[1].x).toBe(c.plot.left);
		expect(c.grid.every((g) => g.anchor === 'end' && g.labelX > c.plot.right)).toBe(true);
		const ltr = lineChart([{ at: jan, score: 2 }]);
		expect(ltr.grid.every((g) => g.anchor === 'start' && g.labelX < ltr.plot.left)).toBe(true);
	});

	it('draws one assessment as a point in the middle, with no line', () => {
		const c = lineChart([{ at: jan, score: 3 }]);
		expect(c.points).toHaveLength(1);
		expect(c.points[0].x).toBe(Math.round(((c.plot.left + c.plot.right) / 2) * 10) / 10);
		expect(c.points[0].y).toBe(Math.round(((c.plot.top + c.plot.bottom) / 2) * 10) / 10);
		expect(c.path).toBe('');
	});

	it('leaves out scores outside the scale and dates that are not dates', () => {
		const c = lineChart([
			{ at: jan, score: 0 },
			{ at: jan, score: 6 },
			{ at: jan, score: 2.5 },
			{ at: 'not a date', score: 3 },
			{ at: feb, score: 4 }
		]);
		expect(c.points.map((p) => p.score)).toEqual([4]);
	});

	it('has a grid line per step of the scale, evenly spaced', () => {
		const c = lineChart([], { height: 100 });
		expect(c.grid.map((g) => g.score)).toEqual([1, 2, 3, 4, 5]);
		const gaps = c.grid.slice(1).map((g, i) => c.grid[i].y - g.y);
		expect(new Set(gaps).size).toBe(1);
		expect(c.points).toEqual([]);
	});
});

describe('domainSeries and change', () => {
	it('splits assessments into one series per domain, in the order asked, empty where never scored', () => {
		const s = domainSeries(
			[
				{ takenAt: jan, scores: { housing: 1, health: 3 } },
				{ takenAt: feb, scores: { housing: 3 } }
			],
			['housing', 'income', 'health'] as const
		);
		expect(s.map((x) => x.domain)).toEqual(['housing', 'income', 'health']);
		expect(s[0].points).toEqual([
			{ at: jan, score: 1 },
			{ at: feb, score: 3 }
		]);
		expect(s[1].points).toEqual([]);
		expect(change(s[0].points)).toBe(2);
		expect(change(s[2].points)).toBe(0);
		expect(change([{ at: feb, score: 2 }, { at: jan, score: 5 }])).toBe(-3);
	});
});
