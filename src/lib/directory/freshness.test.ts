import { describe, expect, it } from 'vitest';
import { addMonths, cutoffs, freshness, isStale } from './freshness.ts';

const at = (s: string) => new Date(s);

describe('freshness of a directory record', () => {
	const verified = at('2026-01-15T10:00:00Z');
	it('is fresh until 6 months, then due, overdue at 9 and stale at 12', () => {
		expect(freshness(verified, at('2026-07-15T09:59:59Z'))).toBe('fresh');
		expect(freshness(verified, at('2026-07-15T10:00:00Z'))).toBe('due6');
		expect(freshness(verified, at('2026-10-15T09:00:00Z'))).toBe('due6');
		expect(freshness(verified, at('2026-10-15T10:00:00Z'))).toBe('due9');
		expect(freshness(verified, at('2027-01-15T09:59:00Z'))).toBe('due9');
		expect(freshness(verified, at('2027-01-15T10:00:00Z'))).toBe('stale');
		expect(isStale(verified, at('2027-01-15T10:00:00Z'))).toBe(true);
		expect(isStale(verified, at('2026-12-31T00:00:00Z'))).toBe(false);
	});

	it('counts calendar months and clamps to the end of a short month', () => {
		expect(addMonths(at('2026-08-31T12:00:00Z'), 6).toISOString()).toBe('2027-02-28T12:00:00.000Z');
		expect(addMonths(at('2027-08-31T12:00:00Z'), 6).toISOString()).toBe('2028-02-29T12:00:00.000Z');
		expect(addMonths(at('2026-03-31T00:00:00Z'), -1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
	});

	it('accepts strings (as pages get them) and treats an unreadable date as stale', () => {
		expect(freshness('2026-01-15T10:00:00Z', at('2026-02-01T00:00:00Z'))).toBe('fresh');
		expect(freshness('not a date', at('2026-02-01T00:00:00Z'))).toBe('stale');
	});

	it('gives the cut-offs a query needs', () => {
		const c = cutoffs(at('2026-12-01T00:00:00Z'));
		expect(c.due6.toISOString()).toBe('2026-06-01T00:00:00.000Z');
		expect(c.due9.toISOString()).toBe('2026-03-01T00:00:00.000Z');
		expect(c.stale.toISOString()).toBe('2025-12-01T00:00:00.000Z');
	});
});
