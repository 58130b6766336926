/** Dates and moments in the city's time zone, in the reader's language. */
import { config } from './config.ts';

function format(d: Date, locale: string, opts: Intl.DateTimeFormatOptions): string {
	const o = { ...opts, timeZone: config().CITY_TIME_ZONE };
	try {
		return new Intl.DateTimeFormat(locale, o).format(d);
	} catch {
		return new Intl.DateTimeFormat('en', o).format(d);
	}
}

/** "15 March 2026". */
export const cityDate = (d: Date, locale: string) => format(d, locale, { day: 'numeric', month: 'long', year: 'numeric' });
/** "15 Mar 2026, 18:05". */
export const cityMoment = (d: Date, locale: string) => format(d, locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** The local date 'YYYY-MM-DD' of an instant (for a date field). */
export const cityYmd = (d: Date) => format(d, 'en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
