import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLUG_MAX, SLUG_PATTERN, slugBase, slugCandidates } from './slug.ts';

const first = (name: string, k = 1) => {
	const out: string[] = [];
	for (const s of slugCandidates(name)) {
		out.push(s);
		if (out.length >= k) break;
	}
	return out;
};

describe('slugs', () => {
	it('strips accents and transliterates Greek and Cyrillic', () => {
		expect(slugBase('Café Solidarité')).toBe('cafe-solidarite');
		expect(slugBase('Straße der Begegnung')).toBe('strasse-der-begegnung');
		expect(slugBase('Łódź Pomoc')).toBe('lodz-pomoc');
		expect(slugBase('Αλληλεγγύη για όλους')).toBe('allileggyi-gia-olous');
		expect(slugBase('Допомога біженцям')).toBe('dopomoha-bizhentsyam');
		expect(slugBase('  ---  ')).toBe('');
	});

	it('gives names in other scripts a neutral slug, never an empty one', () => {
		const [s] = first('جمعية التضامن');
		expect(s).toMatch(/^org-[a-z0-9]{5}$/);
		expect(first('ማሕበር ስደተኛታት')[0]).toMatch(/^org-[a-z0-9]{5}$/);
	});

	it('numbers duplicates, then adds a random part', () => {
		const c = first('Casa Aperta', 11);
		expect(c.slice(0, 3)).toEqual(['casa-aperta', 'casa-aperta-2', 'casa-aperta-3']);
		expect(c[9]).toMatch(/^casa-aperta-[a-z0-9]{5}$/);
	});

	it('always yields a URL-safe slug of bounded length for any input', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (name) => {
				for (const s of first(name, 12)) {
					expect(s).toMatch(SLUG_PATTERN);
					expect(s.length).toBeLessThanOrEqual(SLUG_MAX + 6);
				}
			})
		);
	});
});
