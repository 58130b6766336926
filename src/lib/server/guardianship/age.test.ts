import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageAt, ageOn, anniversary, cityToday, daysBetween, eighteenthBirthday, isMinorOn, isYmd, turns18Within } from './age.ts';

describe('ageOn', () => {
	it('counts completed years, turning a year older on the birthday itself', () => {
		expect(ageOn('2008-05-14', '2026-05-13')).toBe(17);
		expect(ageOn('2008-05-14', '2026-05-14')).toBe(18);
		expect(ageOn('2008-05-14', '2026-12-31')).toBe(18);
		expect(ageOn('2010-01-01', '2010-01-01')).toBe(0);
		expect(ageOn('2010-06-01', '2011-05-31')).toBe(0);
		expect(ageOn('2010-06-01', '2011-06-01')).toBe(1);
	});

	it('never gives a negative age for a date before the birth', () => {
		expect(ageOn('2020-06-01', '2019-01-01')).toBe(0);
		expect(ageOn('2020-06-01', '2020-05-31')).toBe(0);
	});

	it('moves a 29 February birthday to 1 March in a year without one', () => {
		// Born on a leap day: in 2026 (no 29 February) the 18th birthday is 1 March.
		expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
		expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
		// In a leap year it is the day itself.
		expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
		expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
		expect(anniversary('2008-02-29', 18)).toBe('2026-03-01');
		expect(anniversary('2008-02-29', 16)).toBe('2024-02-29');
		expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
		// 2100 is not a leap year (divisible by 100), 2000 was (divisible by 400).
		expect(anniversary('2096-02-29', 4)).toBe('2100-03-01');
		expect(anniversary('1996-02-29', 4)).toBe('2000-02-29');
	});

	it('refuses what is not a calendar date', () => {
		expect(() => ageOn('2023-02-29', '2026-01-01')).toThrow(RangeError);
		expect(isYmd('2023-02-29')).toBe(false);
		expect(isYmd('2024-02-29')).toBe(true);
		expect(isYmd('2024-13-01')).toBe(false);
		expect(isYmd('14/05/2008')).toBe(false);
	});
});

describe('the city time zone', () => {
	it('reckons today in Rome, not in UTC: 23:30 UTC on 13 May is already 14 May in Rome', () => {
		const now = new Date('2026-05-13T23:30:00Z');
		expect(cityToday(now, 'Europe/Rome')).toBe('2026-05-14');
		expect(cityToday(now, 'UTC')).toBe('2026-05-13');
		// The 18th birthday starts at midnight in the city.
		expect(ageAt('2008-05-14', now, 'Europe/Rome')).toBe(18);
		expect(ageAt('2008-05-14', now, 'UTC')).toBe(17);
	});

	it('reckons across the change to winter time', () => {
		// 25 October 2026 is the night Rome goes from UTC+2 to UTC+1.
		expect(cityToday(new Date('2026-10-24T22:30:00Z'), 'Europe/Rome')).toBe('2026-10-25');
		expect(cityToday(new Date('2026-10-25T22:30:00Z'), 'Europe/Rome')).toBe('2026-10-25');
		expect(cityToday(new Date('2026-10-25T23:00:00Z'), 'Europe/Rome')).toBe('2026-10-26');
	});
});

describe('turning 18 within 6 months', () => {
	const today = '2026-03-15';
	it('includes children whose 18th birthday is after today and at most 6 months away', () => {
		expect(turns18Within('2008-03-16', today)).toBe(true);
		expect(turns18Within('2008-09-15', today)).toBe(true);
		expect(turns18Within('2008-09-16', today)).toBe(false);
	});

	it('leaves out those already 18 (today is the birthday) and the younger ones', () => {
		expect(turns18Within('2008-03-15', today)).toBe(false);
		expect(turns18Within('2000-01-01', today)).toBe(false);
		expect(turns18Within('2012-01-01', today)).toBe(false);
	});

	it('counts a leap-day child as turning 18 on 1 March', () => {
		// From 1 September 2025 the window ends on 1 March 2026: the leap-day child is in it.
		expect(turns18Within('2008-02-29', '2025-09-01')).toBe(true);
		// From 2 September it ends on 2 March: still in it. From 1 March 2026 on, the child is 18.
		expect(turns18Within('2008-02-29', '2025-09-02')).toBe(true);
		expect(turns18Within('2008-02-29', '2026-03-01')).toBe(false);
		expect(isMinorOn('2008-02-29', '2026-02-28')).toBe(true);
		expect(isMinorOn('2008-02-29', '2026-03-01')).toBe(false);
		// The window from 31 August ends on the last day of February.
		expect(turns18Within('2008-02-29', '2025-08-31')).toBe(false);
		expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
		expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
	});

	it('is not a minor before being born', () => {
		expect(isMinorOn('2026-04-01', today)).toBe(false);
	});
});

describe('date arithmetic', () => {
	it('adds days and months across the year and counts days between dates', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
		expect(addDays('2026-01-01', -30)).toBe('2025-12-02');
		expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
		expect(addMonths('2026-03-15', -6)).toBe('2025-09-15');
		expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
		expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
	});
});
