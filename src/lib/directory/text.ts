/**
 * Text stored per locale: `{ en: 'Food bank', ar: 'بنك الطعام' }`.
 *
 * A service's name, description, eligibility and application process are
 * written in as many locales as its organisation can manage; a reader sees
 * their own locale when it exists, else the first of the fallback order that
 * does. Pure: used by the server, the pages and the service worker alike.
 */

export const directoryLocales = ['en', 'it', 'es', 'fr', 'de', 'pl', 'el', 'ro', 'uk', 'ar', 'fa', 'ti'] as const;
export type DirectoryLocale = (typeof directoryLocales)[number];

/** A text in several locales. Keys are locale codes; empty strings count as missing. */
export type LocalText = Partial<Record<DirectoryLocale, string>>;

/**
 * Where to look when a text is missing in the reader's locale: the city's
 * language (Italian for the demo city), then English, then whatever exists.
 * Persian readers see Arabic-script text before Latin; Ukrainian readers see
 * Polish only after English (script is what matters to someone who reads one).
 */
const fallbacks: Record<DirectoryLocale, DirectoryLocale[]> = {
	en: ['en', 'it'],
	it: ['it', 'en'],
	es: ['es', 'en', 'it'],
	fr: ['fr', 'en', 'it'],
	de: ['de', 'en', 'it'],
	pl: ['pl', 'en', 'it'],
	el: ['el', 'en', 'it'],
	ro: ['ro', 'it', 'en'],
	uk: ['uk', 'en', 'it'],
	ar: ['ar', 'en', 'fr', 'it'],
	fa: ['fa', 'ar', 'en', 'it'],
	ti: ['ti', 'ar', 'en', 'it']
};

export function isDirectoryLocale(x: unknown): x is DirectoryLocale {
	return typeof x === 'string' && (directoryLocales as readonly string[]).includes(x);
}

export function fallbackOrder(locale: string): DirectoryLocale[] {
	const own = isDirectoryLocale(locale) ? fallbacks[locale] : fallbacks.en;
	return [...own, ...directoryLocales.filter((l) => !own.includes(l))];
}

/** The text to show a reader, and the locale it is in (so the page can set `lang`). */
export function pickText(
	text: LocalText | null | undefined,
	locale: string
): { text: string; locale: DirectoryLocale } | null {
	if (!text) return null;
	for (const l of fallbackOrder(locale)) {
		const t = text[l];
		if (typeof t === 'string' && t.trim() !== '') return { text: t, locale: l };
	}
	return null;
}

/** Shorthand when the locale of the text does not matter. */
export function localText(text: LocalText | null | undefined, locale: string): string {
	return pickText(text, locale)?.text ?? '';
}

/**
 * PostgreSQL text-search configuration per locale: stemming where PostgreSQL
 * has one for the language (on PGlite and on the server alike), `simple`
 * (lower-cased words, no stemming) where it has none.
 */
export const searchConfig: Record<DirectoryLocale, string> = {
	en: 'english',
	it: 'italian',
	es: 'spanish',
	fr: 'french',
	de: 'german',
	pl: 'simple',
	el: 'greek',
	ro: 'romanian',
	uk: 'simple',
	ar: 'arabic',
	fa: 'simple',
	ti: 'simple'
};

/** Text direction of a locale, for `dir` on text shown in a locale other than the page's. */
export function textDirection(locale: string): 'rtl' | 'ltr' {
	return locale === 'ar' || locale === 'fa' ? 'rtl' : 'ltr';
}
