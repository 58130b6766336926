/** E-mail text in a person's language (or the platform's default). */
import { baseLocale, isLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';

export type Locale = Parameters<typeof m.app_name>[1] extends infer O ? (O extends { locale?: infer L } ? NonNullable<L> : never) : never;

export function mailLocale(preferred: string | null | undefined): Locale {
	return (preferred && isLocale(preferred) ? preferred : baseLocale) as Locale;
}
