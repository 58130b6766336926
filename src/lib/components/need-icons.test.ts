import { describe, expect, it } from 'vitest';
import { features, needs } from '../directory/taxonomy.ts';
import { hasNeedIcon, needIcons } from './need-icons.ts';

describe('need and feature icons', () => {
	it('has a drawing for every icon key of both taxonomies', () => {
		const missing = [...needs, ...features].filter((t) => !hasNeedIcon(t.icon)).map((t) => `${t.code} → ${t.icon}`);
		expect(missing).toEqual([]);
	});

	it('draws each one as a valid path inside the 24×24 box', () => {
		for (const [key, d] of Object.entries(needIcons)) {
			expect(d, key).toMatch(/^M[-\d.]/);
			expect(d, key).toMatch(/^[MmLlHhVvCcSsQqTtAaZz\d\s.,-]+$/);
			// Absolute coordinates stay inside the box.
			for (const n of d.match(/(?<=[MLHV ,])-?\d+(\.\d+)?/g) ?? []) expect(Math.abs(Number(n)), key).toBeLessThanOrEqual(24);
		}
		// Needs are told apart by their drawing.
		const drawings = needs.map((n) => needIcons[n.icon]);
		expect(new Set(drawings).size).toBe(needs.length);
	});
});
