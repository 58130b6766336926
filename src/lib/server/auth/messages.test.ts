/** Every auth message exists, translated, in every language, with the same placeholders. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const LOCALES = ['en', 'it', 'es', 'fr', 'de', 'pl', 'el', 'ro', 'uk', 'ar', 'fa', 'ti'];
const load = (l: string) => JSON.parse(readFileSync(`messages/auth/${l}.json`, 'utf8')) as Record<string, string>;
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('auth messages', () => {
	const en = load('en');
	const keys = Object.keys(en).filter((k) => k !== '$schema');
	it('all keys are prefixed auth_', () => {
		expect(keys.every((k) => k.startsWith('auth_'))).toBe(true);
	});
	for (const locale of LOCALES.slice(1)) {
		it(`${locale} has every key, translated, with the same placeholders`, () => {
			const msgs = load(locale);
			expect(Object.keys(msgs).filter((k) => k !== '$schema').sort()).toEqual([...keys].sort());
			const untranslated = keys.filter((k) => msgs[k] === en[k] && !/^(auth_account_nav|auth_password_label|auth_code_label|auth_email_hello)$/.test(k) && en[k].length > 12);
			expect(untranslated).toEqual([]);
			for (const k of keys) expect(params(msgs[k]), `${locale} ${k}`).toEqual(params(en[k]));
		});
	}
});
