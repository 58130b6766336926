import { describe, expect, it } from 'vitest';
import { localMoment } from '../../directory/hours.ts';
import { addWorkingDays, addWorkingDaysToDate, isWorkingDay } from './workdays.ts';

const ROME = 'Europe/Rome';
/** The local date and time of an instant in Rome, as "YYYY-MM-DD HH:MM". */
const inRome = (d: Date) => {
	const l = localMoment(d, ROME);
	return `${l.date} ${String(Math.floor(l.minutes / 60)).padStart(2, '0')}:${String(l.minutes % 60).padStart(2, '0')}`;
};

describe('working days', () => {
	it('knows Monday to Friday from the weekend', () => {
		// 2025-06-02 is a Monday.
		expect(['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05', '2025-06-06', '2025-06-07', '2025-06-08'].map(isWorkingDay)).toEqual([
			true, true, true, true, true, false, false
		]);
	});

	it('counts over the weekend, whatever day it starts on', () => {
		expect(addWorkingDaysToDate('2025-06-02', 3)).toBe('2025-06-05'); // Monday → Thursday
		expect(addWorkingDaysToDate('2025-06-04', 3)).toBe('2025-06-09'); // Wednesday → Monday
		expect(addWorkingDaysToDate('2025-06-06', 3)).toBe('2025-06-11'); // Friday → Wednesday
		expect(addWorkingDaysToDate('2025-06-07', 3)).toBe('2025-06-11'); // Saturday → Wednesday
		expect(addWorkingDaysToDate('2025-06-08', 3)).toBe('2025-06-11'); // Sunday → Wednesday
		expect(addWorkingDaysToDate('2025-06-06', 1)).toBe('2025-06-09'); // Friday → Monday
		expect(addWorkingDaysToDate('2025-06-06', 0)).toBe('2025-06-06');
		expect(addWorkingDaysToDate('2025-06-02', 10)).toBe('2025-06-16'); // two whole weeks
		expect(addWorkingDaysToDate('2024-12-31', 3)).toBe('2025-01-03'); // across a year
		expect(addWorkingDaysToDate('2024-02-28', 2)).toBe('2024-03-01'); // across a leap day
	});

	it('refuses a negative or fractional count', () => {
		expect(() => addWorkingDaysToDate('2025-06-02', -1)).toThrow(RangeError);
		expect(() => addWorkingDaysToDate('2025-06-02', 1.5)).toThrow(RangeError);
	});

	it('keeps the local time of day, in the city’s zone', () => {
		// Friday 6 June 2025, 15:00 in Rome (summer time, UTC+2).
		const due = addWorkingDays(new Date('2025-06-06T13:00:00Z'), 3, ROME);
		expect(due.toISOString()).toBe('2025-06-11T13:00:00.000Z');
		expect(inRome(due)).toBe('2025-06-11 15:00');
	});

	it('uses the city’s date, not UTC’s: late on Friday evening in Rome is still Friday', () => {
		// 23:30 Friday in Rome is 21:30 UTC; 00:30 Saturday in Rome is still Friday 22:30 UTC.
		expect(inRome(addWorkingDays(new Date('2025-06-06T21:30:00Z'), 1, ROME))).toBe('2025-06-09 23:30');
		expect(inRome(addWorkingDays(new Date('2025-06-06T22:30:00Z'), 1, ROME))).toBe('2025-06-09 00:30');
	});

	it('stays at the same local hour across the change to summer time (30 March 2025)', () => {
		// Friday 28 March 2025, 15:00 in Rome is 14:00 UTC (UTC+1).
		const due = addWorkingDays(new Date('2025-03-28T14:00:00Z'), 3, ROME);
		expect(inRome(due)).toBe('2025-04-02 15:00');
		// Wednesday 2 April, 15:00 in Rome is 13:00 UTC (UTC+2): one hour less than 5 × 24 h.
		expect(due.toISOString()).toBe('2025-04-02T13:00:00.000Z');
		expect(due.getTime() - new Date('2025-03-28T14:00:00Z').getTime()).toBe((5 * 24 - 1) * 3600 * 1000);
	});

	it('stays at the same local hour across the change back to winter time (26 October 2025)', () => {
		// Friday 24 October 2025, 09:15 in Rome is 07:15 UTC (UTC+2).
		const due = addWorkingDays(new Date('2025-10-24T07:15:00Z'), 3, ROME);
		expect(inRome(due)).toBe('2025-10-29 09:15');
		expect(due.toISOString()).toBe('2025-10-29T08:15:00.000Z');
		expect(due.getTime() - new Date('2025-10-24T07:15:00Z').getTime()).toBe((5 * 24 + 1) * 3600 * 1000);
	});

	it('follows the zone it is given (New York changes on another weekend than Rome)', () => {
		// Friday 7 March 2025, 17:00 in New York (UTC-5); summer time starts there on Sunday 9 March.
		const due = addWorkingDays(new Date('2025-03-07T22:00:00Z'), 3, 'America/New_York');
		expect(due.toISOString()).toBe('2025-03-12T21:00:00.000Z'); // 17:00 local, now UTC-4
		// The same instant in Rome: Friday 23:00 → Wednesday 23:00, Rome still on winter time.
		expect(addWorkingDays(new Date('2025-03-07T22:00:00Z'), 3, ROME).toISOString()).toBe('2025-03-12T22:00:00.000Z');
	});

	it('keeps seconds and milliseconds', () => {
		expect(addWorkingDays(new Date('2025-06-02T08:00:42.123Z'), 1, ROME).toISOString()).toBe('2025-06-03T08:00:42.123Z');
	});
});
