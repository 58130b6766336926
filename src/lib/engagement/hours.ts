/** Volunteering time in words of the reader's language, for pages and the certificate PDF. */
import { m } from '#lib/paraglide/messages.js';

type Locale = NonNullable<Parameters<typeof m.engagement_hours_h>[1]>['locale'];

/** "3 h" or "3 h 30 min", with the locale's digits. */
export function hoursText(minutes: number, locale: string): string {
	const n = (x: number) => new Intl.NumberFormat(locale).format(x);
	const h = Math.floor(minutes / 60);
	const min = minutes % 60;
	const opts = { locale: locale as Locale };
	return min === 0 ? m.engagement_hours_h({ hours: n(h) }, opts) : m.engagement_hours_h_min({ hours: n(h), minutes: n(min) }, opts);
}
