/**
 * Opening hours, pure: is a service open at an instant, its week as a table,
 * when it next opens or closes, and the exceptions coming up. Everything is
 * reckoned in the city's time zone through Intl, so it stays right across
 * daylight-saving changes whatever zone the server or the phone is in.
 *
 * Rows follow the `schedules` table: a `weekly` row opens on `weekday`
 * (1 = Monday … 7 = Sunday) from `opensAt` to `closesAt` ('HH:MM', city
 * time; a closing time at or before the opening time runs past midnight),
 * within validFrom..validTo when given. An `exception` row covers the dates
 * validFrom..validTo (inclusive): closed when `closed`, else open only at its
 * hours. Where any exception covers a day, the weekly rows do not apply.
 */

export const CITY_TIME_ZONE = 'Europe/Rome';

export interface ScheduleLike {
	kind: 'weekly' | 'exception' | string;
	weekday: number | null;
	opensAt: string | null;
	closesAt: string | null;
	validFrom: string | null;
	validTo: string | null;
	closed: boolean;
}

/** Minutes after local midnight, [opens, closes); closes may exceed 1440 (past midnight). */
export interface Span {
	opens: number;
	closes: number;
}

export interface LocalMoment {
	/** YYYY-MM-DD in the zone. */
	date: string;
	/** 1 = Monday … 7 = Sunday. */
	weekday: number;
	/** Minutes after local midnight. */
	minutes: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
	let f = partsFormatters.get(tz);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone: tz,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		});
		partsFormatters.set(tz, f);
	}
	return f;
}

function fields(date: Date, tz: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
	const p: Record<string, string> = {};
	for (const part of partsFormatter(tz).formatToParts(date)) p[part.type] = part.value;
	return { y: +p.year, mo: +p.month, d: +p.day, h: +p.hour % 24, mi: +p.minute, s: +p.second };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The date, weekday and time of day of an instant in the zone. */
export function localMoment(date: Date, tz = CITY_TIME_ZONE): LocalMoment {
	const f = fields(date, tz);
	return { date: `${f.y}-${pad(f.mo)}-${pad(f.d)}`, weekday: isoWeekday(`${f.y}-${pad(f.mo)}-${pad(f.d)}`), minutes: f.h * 60 + f.mi };
}

/** ISO weekday of a calendar date (no zone involved). */
export function isoWeekday(ymd: string): number {
	const [y, m, d] = ymd.split('-').map(Number);
	const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return w === 0 ? 7 : w;
}

/** The calendar date `n` days after `ymd`. */
export function addDays(ymd: string, n: number): string {
	const [y, m, d] = ymd.split('-').map(Number);
	const t = new Date(Date.UTC(y, m - 1, d + n));
	return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The instant at local date `ymd`, `minutes` after midnight, in the zone (DST-aware). */
export function zonedInstant(ymd: string, minutes: number, tz = CITY_TIME_ZONE): Date {
	const [y, m, d] = ymd.split('-').map(Number);
	const wanted = Date.UTC(y, m - 1, d, 0, minutes);
	let guess = wanted;
	// Two rounds settle the offset, also next to a change of offset.
	for (let i = 0; i < 2; i++) {
		const f = fields(new Date(guess), tz);
		const seen = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
		guess += wanted - seen;
	}
	return new Date(guess);
}

/** 'HH:MM' → minutes, or null when it is not a time. '24:00' is the end of the day. */
export function parseTime(t: string | null | undefined): number | null {
	if (!t) return null;
	const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t.trim());
	if (!m) return null;
	const h = +m[1];
	const mi = +m[2];
	if (mi > 59 || h > 24 || (h === 24 && mi > 0)) return null;
	return h * 60 + mi;
}

export function formatMinutes(n: number): string {
	if (n === 1440) return '24:00';
	const x = ((n % 1440) + 1440) % 1440;
	return `${pad(Math.floor(x / 60))}:${pad(x % 60)}`;
}

function spanOf(row: ScheduleLike): Span | null {
	const o = parseTime(row.opensAt);
	const c = parseTime(row.closesAt);
	if (o === null || c === null || o === c) return null;
	return { opens: o, closes: c > o ? c : c + 1440 };
}

const within = (ymd: string, from: string | null, to: string | null) =>
	(!from || ymd >= from) && (!to || ymd <= to);

/** Exception rows covering a date. */
export function exceptionsOn(schedules: readonly ScheduleLike[], ymd: string): ScheduleLike[] {
	return schedules.filter((s) => s.kind === 'exception' && (s.validFrom || s.validTo) && within(ymd, s.validFrom ?? s.validTo, s.validTo ?? s.validFrom));
}

/**
 * The opening spans of one calendar day, sorted, from the exceptions that
 * cover it or else the weekly rows. An empty list means closed.
 */
export function spansOn(schedules: readonly ScheduleLike[], ymd: string): Span[] {
	const ex = exceptionsOn(schedules, ymd);
	let rows: ScheduleLike[];
	if (ex.length) {
		if (ex.some((e) => e.closed)) return [];
		rows = ex;
	} else {
		const wd = isoWeekday(ymd);
		rows = schedules.filter((s) => s.kind === 'weekly' && !s.closed && s.weekday === wd && within(ymd, s.validFrom, s.validTo));
	}
	return rows
		.map(spanOf)
		.filter((s): s is Span => s !== null)
		.sort((a, b) => a.opens - b.opens);
}

/** Whether the service is open at the instant. */
export function isOpenAt(schedules: readonly ScheduleLike[], date: Date, tz = CITY_TIME_ZONE): boolean {
	const now = localMoment(date, tz);
	if (spansOn(schedules, now.date).some((s) => now.minutes >= s.opens && now.minutes < s.closes)) return true;
	// A span that started yesterday and runs past midnight.
	return spansOn(schedules, addDays(now.date, -1)).some((s) => s.closes > 1440 && now.minutes < s.closes - 1440);
}

/** Whether there are any regular hours at all (else the page says "hours not given"). */
export function hasWeeklyHours(schedules: readonly ScheduleLike[]): boolean {
	return schedules.some((s) => s.kind === 'weekly' && spanOf(s) !== null);
}

export interface WeekRow {
	weekday: number;
	spans: { opensAt: string; closesAt: string }[];
}

/**
 * The regular week, Monday to Sunday, from the weekly rows valid on `on`
 * (default: rows valid at any time). Days without hours have no spans.
 */
export function weekTable(schedules: readonly ScheduleLike[], on?: string): WeekRow[] {
	return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
		weekday,
		spans: schedules
			.filter((s) => s.kind === 'weekly' && !s.closed && s.weekday === weekday && (!on || within(on, s.validFrom, s.validTo)))
			.map(spanOf)
			.filter((s): s is Span => s !== null)
			.sort((a, b) => a.opens - b.opens)
			.map((s) => ({ opensAt: formatMinutes(s.opens), closesAt: formatMinutes(s.closes) }))
	}));
}

export interface Change {
	/** When it happens. */
	at: Date;
	/** Open after the change (true: it opens then; false: it closes then). */
	opens: boolean;
}

/**
 * The next time the service opens or closes after `date`, looking at most
 * `days` ahead; null when nothing changes in that time (closed throughout,
 * or open round the clock).
 */
export function nextChange(schedules: readonly ScheduleLike[], date: Date, tz = CITY_TIME_ZONE, days = 14): Change | null {
	const today = localMoment(date, tz).date;
	const intervals: [number, number][] = [];
	for (let i = -1; i <= days; i++) {
		const d = addDays(today, i);
		for (const s of spansOn(schedules, d)) {
			intervals.push([zonedInstant(d, s.opens, tz).getTime(), zonedInstant(d, s.closes, tz).getTime()]);
		}
	}
	intervals.sort((a, b) => a[0] - b[0]);
	// Merge touching or overlapping spans, so 09–12 and 12–17 close once, at 17.
	const merged: [number, number][] = [];
	for (const iv of intervals) {
		const last = merged[merged.length - 1];
		if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
		else merged.push([iv[0], iv[1]]);
	}
	const t = date.getTime();
	const horizon = zonedInstant(addDays(today, days + 1), 0, tz).getTime();
	for (const [start, end] of merged) {
		if (t < start) return { at: new Date(start), opens: true };
		if (t < end) return end >= horizon ? null : { at: new Date(end), opens: false };
	}
	return null;
}

export interface UpcomingException {
	from: string;
	to: string;
	closed: boolean;
	spans: { opensAt: string; closesAt: string }[];
	row: ScheduleLike;
}

/** Exceptions that are not over by `date` and start within `days`, soonest first. */
export function upcomingExceptions(
	schedules: readonly ScheduleLike[],
	date: Date,
	tz = CITY_TIME_ZONE,
	days = 60
): UpcomingException[] {
	const today = localMoment(date, tz).date;
	const until = addDays(today, days);
	return schedules
		.filter((s) => s.kind === 'exception' && (s.validFrom || s.validTo))
		.map((s) => ({ row: s, from: (s.validFrom ?? s.validTo) as string, to: (s.validTo ?? s.validFrom) as string }))
		.filter((e) => e.to >= today && e.from <= until)
		.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
		.map((e) => {
			const span = e.row.closed ? null : spanOf(e.row);
			return {
				from: e.from,
				to: e.to,
				closed: e.row.closed || span === null,
				spans: span ? [{ opensAt: formatMinutes(span.opens), closesAt: formatMinutes(span.closes) }] : [],
				row: e.row
			};
		});
}
