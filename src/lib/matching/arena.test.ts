import { describe, expect, it } from 'vitest';
import { carve } from './arena.ts';

describe('carve', () => {
	it('gives zeroed arrays of the asked kinds and lengths that do not overlap', () => {
		const { a, b, c } = carve({ a: ['u8', 3], b: ['f64', 2], c: ['i32', 5] });
		expect([a, b, c].map((x) => [x.constructor.name, x.length])).toEqual([
			['Uint8Array', 3],
			['Float64Array', 2],
			['Int32Array', 5]
		]);
		expect([...a, ...b, ...c].every((x) => x === 0)).toBe(true);
		a.fill(255);
		b.fill(-1.5);
		c.fill(-7);
		expect([...a]).toEqual([255, 255, 255]);
		expect([...b]).toEqual([-1.5, -1.5]);
		expect([...c]).toEqual([-7, -7, -7, -7, -7]);
		expect(b.byteOffset % 8).toBe(0);
		expect(a.buffer).toBe(c.buffer);
	});

	it('allows empty arrays', () => {
		const { x, y } = carve({ x: ['f64', 0], y: ['i32', 0] });
		expect(x.length + y.length).toBe(0);
	});
});
