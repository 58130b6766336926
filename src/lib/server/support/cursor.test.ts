import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

const id = '0b6e4f00-1234-4abc-8def-0123456789ab';

describe('keyset cursors', () => {
	it('round-trips a time to the microsecond and an id', () => {
		const c = encodeCursor({ at: '2026-03-01T09:15:02.123456', id });
		expect(c).toBe(`2026-03-01T09:15:02.123456Z_${id}`);
		expect(decodeCursor(c)).toEqual({ at: '2026-03-01T09:15:02.123456Z', id });
	});

	it('reads anything else as no cursor', () => {
		for (const bad of [null, undefined, '', 'x', `2026-03-01T09:15:02Z_${id}`, `2026-13-45T99:15:02.123456Z_${id}`, `2026-03-01T09:15:02.123456Z_${id}'--`, `2026-03-01T09:15:02.123456Z_not-a-uuid`]) {
			expect(decodeCursor(bad), String(bad)).toBeNull();
		}
	});
});
