/** Words for the directory workspace pages: statuses, freshness, days, phone kinds, languages, options. */
import { m } from '#lib/paraglide/messages.js';
import type { Freshness } from './freshness.ts';
import { features, needs, spokenLanguages } from './taxonomy.ts';
import { directoryLocales, isDirectoryLocale, type DirectoryLocale } from './text.ts';

export function statusLabel(s: string): string {
	switch (s) {
		case 'active':
			return m.directory_status_active();
		case 'inactive':
			return m.directory_status_inactive();
		case 'defunct':
			return m.directory_status_defunct();
		case 'temporarily closed':
			return m.directory_status_temporarily_closed();
		default:
			return s;
	}
}
export const statusOptions = () =>
	(['active', 'temporarily closed', 'inactive', 'defunct'] as const).map((value) => ({ value, label: statusLabel(value) }));

export function freshnessLabel(f: Freshness): string {
	return { fresh: m.directory_fresh_fresh, due6: m.directory_fresh_due6, due9: m.directory_fresh_due9, stale: m.directory_fresh_stale }[f]();
}

export function dayLabel(d: number | null): string {
	const days = [m.directory_day_1, m.directory_day_2, m.directory_day_3, m.directory_day_4, m.directory_day_5, m.directory_day_6, m.directory_day_7];
	return d && d >= 1 && d <= 7 ? days[d - 1]() : '';
}
export const dayOptions = () => [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: dayLabel(d) }));

export function phoneTypeLabel(t: string): string {
	const map: Record<string, () => string> = {
		voice: m.directory_phone_voice,
		cell: m.directory_phone_cell,
		text: m.directory_phone_text,
		video: m.directory_phone_video,
		fax: m.directory_phone_fax,
		textphone: m.directory_phone_textphone
	};
	return map[t]?.() ?? t;
}
export const phoneTypeOptions = () => ['voice', 'cell', 'text', 'video', 'fax', 'textphone'].map((value) => ({ value, label: phoneTypeLabel(value) }));

/** A language named in itself ("العربية"), so an editor finds their own. */
export function languageName(code: string): string {
	return spokenLanguages[code] ?? code;
}
export const localeOptions = (except: readonly string[] = []) =>
	directoryLocales.filter((l) => !except.includes(l)).map((value) => ({ value, label: languageName(value) }));
export const spokenLanguageOptions = () => Object.keys(spokenLanguages).map((value) => ({ value, label: languageName(value) }));

function uiLocale(locale: string): DirectoryLocale {
	return isDirectoryLocale(locale) ? locale : 'en';
}
export const needOptions = (locale: string) => needs.map((n) => ({ value: n.code, label: n.name[uiLocale(locale)] }));
export const featureOptions = (locale: string) => features.map((f) => ({ value: f.code, label: f.name[uiLocale(locale)] }));
export function needLabel(code: string, locale: string): string {
	return needs.find((n) => n.code === code)?.name[uiLocale(locale)] ?? code;
}
export function featureLabel(code: string, locale: string): string {
	return features.find((f) => f.code === code)?.name[uiLocale(locale)] ?? code;
}

/** A date in the reader's language, in the city's time zone. */
export function formatDate(d: Date | string, locale: string, timeZone = 'Europe/Rome'): string {
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(d));
	} catch {
		return new Date(d).toISOString().slice(0, 10);
	}
}
export function formatDateTime(d: Date | string, locale: string, timeZone = 'Europe/Rome'): string {
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(d));
	} catch {
		return new Date(d).toISOString();
	}
}

/** The locale sets a form shows: those the "add a language" reply names, else those just posted, else the record's own. */
export function shownLocales(reply: { locales?: string[]; values?: Record<string, unknown> } | null | undefined, fallback: string[]): string[] {
	if (reply?.locales?.length) return reply.locales;
	const posted = reply?.values?.locales;
	const list = (Array.isArray(posted) ? posted : typeof posted === 'string' ? [posted] : []).filter((l): l is string => isDirectoryLocale(l));
	return list.length ? [...new Set(list)] : fallback;
}
