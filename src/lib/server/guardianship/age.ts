/**
 * Ages of children, pure: reckoned on calendar dates in the city's time zone
 * (a child born in Portavera turns 18 at midnight in Portavera, whatever
 * zone the server runs in).
 *
 * A birthday on 29 February falls, in a year without one, on 1 March: the
 * person has not lived the full year until 28 February is over. This is the
 * reading of Italian law (the year is complete at the end of the day before
 * the anniversary) and of most European civil codes; it is spelled out in
 * one place, `anniversary`, and tested.
 */
import { localMoment } from '../../directory/hours.ts';
import { config } from '../config.ts';

/** 'YYYY-MM-DD' */
export type Ymd = string;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, month: number): number {
	return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The parts of a calendar date, or null when it is not one (2023-02-29, 2024-13-01, "soon"). */
export function parseYmd(s: string): { y: number; m: number; d: number } | null {
	const x = YMD.exec(s);
	if (!x) return null;
	const y = +x[1];
	const m = +x[2];
	const d = +x[3];
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
	return { y, m, d };
}

export function isYmd(s: string): boolean {
	return parseYmd(s) !== null;
}

function parse(s: Ymd): { y: number; m: number; d: number } {
	const p = parseYmd(s);
	if (!p) throw new RangeError(`not a calendar date: ${s}`);
	return p;
}

const ymd = (y: number, m: number, d: number): Ymd => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Today's date in the city's time zone (or `tz`). */
export function cityToday(now: Date = new Date(), tz: string = config().CITY_TIME_ZONE): Ymd {
	return localMoment(now, tz).date;
}

/** The date of the `years`th birthday of someone born on `birth` (29 February → 1 March in a common year). */
export function anniversary(birth: Ymd, years: number): Ymd {
	const b = parse(birth);
	const y = b.y + years;
	if (b.m === 2 && b.d === 29 && !isLeapYear(y)) return ymd(y, 3, 1);
	return ymd(y, b.m, b.d);
}

/** Completed years on the calendar date `on` (0 before the first birthday; negative never). */
export function ageOn(birth: Ymd, on: Ymd): number {
	const b = parse(birth);
	const o = parse(on);
	let age = o.y - b.y;
	if (age <= 0) return 0;
	if (anniversary(birth, age) > on) age -= 1;
	return Math.max(0, age);
}

/** Age now, in the city's time zone. */
export function ageAt(birth: Ymd, now: Date = new Date(), tz?: string): number {
	return ageOn(birth, cityToday(now, tz));
}

/** The day someone born on `birth` comes of age. */
export function eighteenthBirthday(birth: Ymd): Ymd {
	return anniversary(birth, 18);
}

/** Under 18 on `on` (and already born). */
export function isMinorOn(birth: Ymd, on: Ymd): boolean {
	return birth <= on && eighteenthBirthday(birth) > on;
}

/** The same day `n` months later; a day the month lacks becomes its last day (31 August + 6 months = 28 or 29 February). */
export function addMonths(date: Ymd, n: number): Ymd {
	const p = parse(date);
	const total = p.y * 12 + (p.m - 1) + n;
	const y = Math.floor(total / 12);
	const m = (total % 12) + 1;
	return ymd(y, m, Math.min(p.d, daysInMonth(y, m)));
}

/** The calendar date `n` days after `date` (negative: before). */
export function addDays(date: Ymd, n: number): Ymd {
	const p = parse(date);
	const t = new Date(Date.UTC(p.y, p.m - 1, p.d + n));
	return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Ymd, to: Ymd): number {
	const a = parse(from);
	const b = parse(to);
	return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/**
 * Still a minor on `today` and 18 on or before the same day `months` months
 * later: the children whose leaving care must be planned now.
 */
export function turns18Within(birth: Ymd, today: Ymd, months = 6): boolean {
	const day = eighteenthBirthday(birth);
	return day > today && day <= addMonths(today, months);
}
