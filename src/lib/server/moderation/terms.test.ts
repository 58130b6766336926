import { describe, expect, it } from 'vitest';
import { flagTerms, fold } from './terms.ts';

describe('the first filter of listed words', () => {
	it('flags a listed word in the text’s language and in English, whatever the case or accents', () => {
		expect(flagTerms('These PARASITES should leave', 'en')).toEqual(['parasites']);
		expect(flagTerms('Sono dei Parassiti, tutti', 'it')).toEqual(['parassiti']);
		expect(flagTerms('Des parasités', 'fr')).toEqual(['parasites']);
		expect(flagTerms('вони паразити', 'uk')).toEqual(['паразити']);
		expect(flagTerms('هؤلاء طُفَيليات', 'ar')).toEqual(['طفيليات']);
	});

	it('matches whole words and phrases across spaces, not parts of innocent words', () => {
		expect(flagTerms('A shitake mushroom workshop', 'en')).toEqual([]);
		expect(flagTerms('Scunthorpe and scumbling are fine', 'en')).toEqual([]);
		expect(flagTerms('go   back where you came   from', 'en')).toEqual(['go back where you came from']);
	});

	it('flags nothing in an ordinary idea', () => {
		expect(flagTerms('A Saturday homework club at the library for children who arrived this year', 'en')).toEqual([]);
		expect(flagTerms('Un corso di cucina per mamme e bambini nel quartiere', 'it')).toEqual([]);
	});

	it('folds case and accents the same way for the list and the text', () => {
		expect(fold('Ünzip É')).toBe('unzip e');
	});
});
