/**
 * How fresh a directory record is, from the date someone last confirmed it.
 * Pure (no I/O): the workspace, the public pages, the reminder job and the
 * service worker all ask the same question the same way.
 *
 *   fresh  confirmed less than 6 months ago
 *   due6   6 months or more: its organisation is reminded once
 *   due9   9 months or more: reminded again
 *   stale  12 months or more: the public pages say "may be out of date"
 *
 * Months are calendar months in UTC; a day that the target month lacks is
 * clamped to its last day (31 August + 6 months = 28 or 29 February).
 */

export type Freshness = 'fresh' | 'due6' | 'due9' | 'stale';

export const REMINDER_MONTHS = [6, 9] as const;
export const STALE_MONTHS = 12;

/** `date` plus `months` calendar months (UTC), clamped to the end of a shorter month. */
export function addMonths(date: Date, months: number): Date {
	const d = new Date(date.getTime());
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return d;
}

function toDate(x: Date | string | number): Date {
	return x instanceof Date ? x : new Date(x);
}

export function freshness(lastVerifiedAt: Date | string | number, now: Date = new Date()): Freshness {
	const at = toDate(lastVerifiedAt);
	if (Number.isNaN(at.getTime())) return 'stale';
	const t = now.getTime();
	if (t >= addMonths(at, STALE_MONTHS).getTime()) return 'stale';
	if (t >= addMonths(at, 9).getTime()) return 'due9';
	if (t >= addMonths(at, 6).getTime()) return 'due6';
	return 'fresh';
}

/** 12 months or more since the last confirmation: show "may be out of date". */
export function isStale(lastVerifiedAt: Date | string | number, now: Date = new Date()): boolean {
	return freshness(lastVerifiedAt, now) === 'stale';
}

/** The cut-off dates for `now`: a record verified before `due6` is due for its first reminder, etc. */
export function cutoffs(now: Date = new Date()): { due6: Date; due9: Date; stale: Date } {
	return { due6: addMonths(now, -6), due9: addMonths(now, -9), stale: addMonths(now, -STALE_MONTHS) };
}
