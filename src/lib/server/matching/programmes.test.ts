import { describe, expect, it } from 'vitest';
import { readSettings } from './programmes.ts';

describe('readSettings', () => {
	it('keeps the kind\'s defaults for keys that were never stored', () => {
		// Volunteering: the volunteer holds the clearance. The schema's own default ('slot') must not replace it.
		for (const stored of [undefined, null, {}, { rules: {} }, 'nonsense']) {
			const s = readSettings('volunteering', stored);
			expect(s.safeguardingSide).toBe('person');
			expect(s.rules.requireAvailabilityOverlap).toBe(true);
			expect(s.objective).toBe('count-then-score');
		}
	});

	it('takes a valid stored value and ignores an invalid one', () => {
		expect(readSettings('volunteering', { objective: 'score' }).objective).toBe('score');
		expect(readSettings('volunteering', { objective: 'everything', safeguardingSide: 'nobody' })).toMatchObject({ objective: 'count-then-score', safeguardingSide: 'person' });
		expect(readSettings('volunteering', { weights: { languages: 70 } }).weights.languages).toBe(70);
	});

	it('always checks the guardian in guardianship, whatever is stored', () => {
		const s = readSettings('guardianship', { safeguardingSide: 'person', rules: { requireSafeguarding: false } });
		expect(s.safeguardingSide).toBe('slot');
		expect(s.rules.requireSafeguarding).toBe(true);
	});
});
