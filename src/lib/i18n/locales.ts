/** Each language named in itself, for the language switch. */
export const localeNames: Record<string, string> = {
	en: 'English',
	it: 'Italiano',
	es: 'Español',
	fr: 'Français',
	de: 'Deutsch',
	pl: 'Polski',
	el: 'Ελληνικά',
	ro: 'Română',
	uk: 'Українська',
	ar: 'العربية',
	fa: 'فارسی',
	ti: 'ትግርኛ'
};
