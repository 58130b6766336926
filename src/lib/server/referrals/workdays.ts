/**
 * Working days (Monday to Friday) reckoned in the city's time zone, for a
 * referral's response-time target: "accept or decline within 3 working days".
 *
 * `addWorkingDays(from, n, tz)` walks forward from the local date of `from`,
 * counting only Mondays to Fridays, and lands on the n-th such day at the
 * same local time of day. A referral sent on Friday at 15:00 is due on
 * Wednesday at 15:00; one sent on Saturday is due on Wednesday too (Monday is
 * the first working day). The instant is computed through Intl in the zone,
 * so the answer stays right across daylight-saving changes whatever zone the
 * server runs in. Public holidays are not known here.
 */
import { addDays, isoWeekday, localMoment, zonedInstant } from '../../directory/hours.ts';
import { config } from '../config.ts';

/** The city's zone (CITY_TIME_ZONE, Europe/Rome by default). */
export function cityTimeZone(): string {
	return config().CITY_TIME_ZONE;
}

export function isWorkingDay(ymd: string): boolean {
	return isoWeekday(ymd) <= 5;
}

/** The local date `n` working days after the local date `ymd` (n ≥ 0; 0 gives `ymd` itself). */
export function addWorkingDaysToDate(ymd: string, n: number): string {
	if (!Number.isInteger(n) || n < 0) throw new RangeError('working days: n must be a whole number, 0 or more');
	let day = ymd;
	let left = n;
	while (left > 0) {
		day = addDays(day, 1);
		if (isWorkingDay(day)) left--;
	}
	return day;
}

/** The instant `n` working days after `from`, at the same local time of day in `tz`. */
export function addWorkingDays(from: Date, n: number, tz: string = cityTimeZone()): Date {
	const here = localMoment(from, tz);
	const seconds = Math.floor(from.getTime() / 1000) % 60;
	const ms = from.getTime() % 1000;
	const at = zonedInstant(addWorkingDaysToDate(here.date, n), here.minutes, tz);
	return new Date(at.getTime() + seconds * 1000 + ms);
}
