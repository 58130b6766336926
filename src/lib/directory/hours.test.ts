import { describe, expect, it } from 'vitest';
import {
	isOpenAt,
	localMoment,
	nextChange,
	parseTime,
	spansOn,
	upcomingExceptions,
	weekTable,
	zonedInstant,
	type ScheduleLike
} from './hours.ts';

const weekly = (weekday: number, opensAt: string, closesAt: string, extra: Partial<ScheduleLike> = {}): ScheduleLike => ({
	kind: 'weekly',
	weekday,
	opensAt,
	closesAt,
	validFrom: null,
	validTo: null,
	closed: false,
	...extra
});
const exception = (validFrom: string, validTo: string, extra: Partial<ScheduleLike> = {}): ScheduleLike => ({
	kind: 'exception',
	weekday: null,
	opensAt: null,
	closesAt: null,
	validFrom,
	validTo,
	closed: true,
	...extra
});

// Monday to Friday 09:00–13:00, and Tuesday afternoons too.
const office = [1, 2, 3, 4, 5].map((d) => weekly(d, '09:00', '13:00')).concat(weekly(2, '14:00', '17:30'));

describe('opening hours in the city time zone', () => {
	it('reads instants in Rome time, winter (UTC+1) and summer (UTC+2)', () => {
		expect(localMoment(new Date('2026-01-12T08:30:00Z'))).toEqual({ date: '2026-01-12', weekday: 1, minutes: 9 * 60 + 30 });
		expect(localMoment(new Date('2026-07-13T08:30:00Z'))).toEqual({ date: '2026-07-13', weekday: 1, minutes: 10 * 60 + 30 });
		// 23:30 UTC on Sunday is already Monday in Rome.
		expect(localMoment(new Date('2026-07-12T23:30:00Z')).weekday).toBe(1);
	});

	it('says open or closed at an instant', () => {
		// Monday 12 January 2026, 09:30 in Rome = 08:30 UTC.
		expect(isOpenAt(office, new Date('2026-01-12T08:30:00Z'))).toBe(true);
		expect(isOpenAt(office, new Date('2026-01-12T07:59:00Z'))).toBe(false); // 08:59
		expect(isOpenAt(office, new Date('2026-01-12T12:00:00Z'))).toBe(false); // 13:00 sharp: closed
		expect(isOpenAt(office, new Date('2026-01-13T14:00:00Z'))).toBe(true); // Tuesday 15:00
		expect(isOpenAt(office, new Date('2026-01-12T14:00:00Z'))).toBe(false); // Monday 15:00
		expect(isOpenAt(office, new Date('2026-01-17T09:00:00Z'))).toBe(false); // Saturday
	});

	it('follows daylight saving: 09:00 in Rome is 08:00 UTC in winter and 07:00 UTC in summer', () => {
		expect(isOpenAt(office, new Date('2026-07-13T07:30:00Z'))).toBe(true); // 09:30 CEST
		expect(isOpenAt(office, new Date('2026-01-12T07:30:00Z'))).toBe(false); // 08:30 CET
		// Monday 30 March 2026 is the day after the change to summer time.
		expect(nextChange(office, new Date('2026-03-30T05:00:00Z'))).toEqual({ at: new Date('2026-03-30T07:00:00Z'), opens: true });
		expect(zonedInstant('2026-10-26', 9 * 60).toISOString()).toBe('2026-10-26T08:00:00.000Z');
		expect(zonedInstant('2026-10-24', 9 * 60).toISOString()).toBe('2026-10-24T07:00:00.000Z');
	});

	it('handles hours past midnight (a night shelter)', () => {
		const shelter = [weekly(5, '20:00', '08:00')];
		expect(isOpenAt(shelter, new Date('2026-01-16T22:00:00Z'))).toBe(true); // Friday 23:00
		expect(isOpenAt(shelter, new Date('2026-01-17T05:00:00Z'))).toBe(true); // Saturday 06:00
		expect(isOpenAt(shelter, new Date('2026-01-17T08:00:00Z'))).toBe(false); // Saturday 09:00
		expect(weekTable(shelter)[4].spans).toEqual([{ opensAt: '20:00', closesAt: '08:00' }]);
	});

	it('lets exceptions win over the week: a closed holiday, special hours', () => {
		const rows = [...office, exception('2026-04-06', '2026-04-06'), exception('2026-04-07', '2026-04-07', { closed: false, opensAt: '10:00', closesAt: '11:00' })];
		// Easter Monday 6 April 2026, 10:00 CEST.
		expect(isOpenAt(rows, new Date('2026-04-06T08:00:00Z'))).toBe(false);
		expect(spansOn(rows, '2026-04-07')).toEqual([{ opens: 600, closes: 660 }]);
		expect(isOpenAt(rows, new Date('2026-04-07T07:30:00Z'))).toBe(false); // 09:30: only 10–11 that day
		expect(isOpenAt(rows, new Date('2026-04-07T08:30:00Z'))).toBe(true);
		// Friday 3 April after closing: the next opening skips the holiday.
		expect(nextChange(rows, new Date('2026-04-03T12:00:00Z'))).toEqual({ at: new Date('2026-04-07T08:00:00Z'), opens: true });
		const coming = upcomingExceptions(rows, new Date('2026-04-01T10:00:00Z'));
		expect(coming.map((e) => [e.from, e.closed])).toEqual([
			['2026-04-06', true],
			['2026-04-07', false]
		]);
		expect(upcomingExceptions(rows, new Date('2026-04-08T10:00:00Z'))).toEqual([]);
	});

	it('respects the validity of weekly rows (summer hours)', () => {
		const rows = [weekly(1, '09:00', '12:00', { validTo: '2026-06-30' }), weekly(1, '08:00', '11:00', { validFrom: '2026-07-01' })];
		expect(spansOn(rows, '2026-06-29')).toEqual([{ opens: 540, closes: 720 }]);
		expect(spansOn(rows, '2026-07-06')).toEqual([{ opens: 480, closes: 660 }]);
		expect(weekTable(rows, '2026-07-06')[0].spans).toEqual([{ opensAt: '08:00', closesAt: '11:00' }]);
	});

	it('gives the week as a table and the next change', () => {
		const table = weekTable(office);
		expect(table.map((r) => r.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(table[1].spans).toEqual([
			{ opensAt: '09:00', closesAt: '13:00' },
			{ opensAt: '14:00', closesAt: '17:30' }
		]);
		expect(table[6].spans).toEqual([]);
		// Open on Monday 10:00 → closes at 13:00.
		expect(nextChange(office, new Date('2026-01-12T09:00:00Z'))).toEqual({ at: new Date('2026-01-12T12:00:00Z'), opens: false });
		// Saturday → opens Monday 09:00.
		expect(nextChange(office, new Date('2026-01-17T09:00:00Z'))).toEqual({ at: new Date('2026-01-19T08:00:00Z'), opens: true });
		// Back-to-back spans close once.
		const split = [weekly(1, '09:00', '12:00'), weekly(1, '12:00', '15:00')];
		expect(nextChange(split, new Date('2026-01-12T09:00:00Z'))?.at.toISOString()).toBe('2026-01-12T14:00:00.000Z');
		expect(nextChange([], new Date())).toBeNull();
	});

	it('ignores malformed times instead of failing', () => {
		expect(parseTime('25:00')).toBeNull();
		expect(parseTime('9:5')).toBeNull();
		expect(parseTime('24:00')).toBe(1440);
		expect(spansOn([weekly(1, 'noon', '13:00')], '2026-01-12')).toEqual([]);
	});
});
