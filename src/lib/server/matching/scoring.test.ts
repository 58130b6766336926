import { describe, expect, it } from 'vitest';
import {
	ALL_WEEK,
	availabilityBit,
	buildProblem,
	DEFAULT_SETTINGS,
	distanceKm,
	pairKey,
	parseSettings,
	scorePair,
	type MatchProfile,
	type ProgrammeSettings
} from './scoring.ts';

const today = '2026-12-06';
const opts = { today };
/** Settings with every weight 0 except the named ones, and every rule off unless given. */
function only(weights: Partial<ProgrammeSettings['weights']>, rules: Partial<ProgrammeSettings['rules']> = {}): ProgrammeSettings {
	return parseSettings({
		weights: { languages: 0, distance: 0, interests: 0, skills: 0, availability: 0, ...weights },
		rules: { requireSharedLanguage: false, requireSafeguarding: false, requireAvailabilityOverlap: false, maxDistanceKm: null, respectGenderPreference: false, ...rules }
	});
}
const child = (x: Partial<MatchProfile> = {}): MatchProfile => ({ id: 'c', involvesChildren: true, ...x });
const guardian = (x: Partial<MatchProfile> = {}): MatchProfile => ({ id: 'g', safeguardingUntil: '2027-06-30', ...x });
// Two points in Portavera-like latitudes, about 3.3 km apart.
const here = { lat: 41.9, lon: 12.5 };
const there = { lat: 41.93, lon: 12.5 };

function allowed(r: ReturnType<typeof scorePair>) {
	if (!r.allowed) throw new Error(`refused by ${r.rule}`);
	return r;
}

describe('programme settings', () => {
	it('fills the documented defaults', () => {
		expect(DEFAULT_SETTINGS).toEqual({
			rules: { requireSharedLanguage: false, requireSafeguarding: true, requireAvailabilityOverlap: false, maxDistanceKm: null, respectGenderPreference: true },
			weights: { languages: 40, distance: 25, interests: 10, skills: 10, availability: 15 },
			objective: 'count-then-score',
			safeguardingSide: 'slot'
		});
		expect(Object.values(DEFAULT_SETTINGS.weights).reduce((a, b) => a + b, 0)).toBe(100);
		expect(parseSettings({ weights: { languages: 70 } }).weights).toMatchObject({ languages: 70, distance: 25 });
	});

	it('refuses weights outside 0–100 and distances outside 0–500', () => {
		for (const bad of [{ weights: { languages: -1 } }, { weights: { skills: 101 } }, { weights: { distance: Number.NaN } }, { rules: { maxDistanceKm: 501 } }, { rules: { maxDistanceKm: -2 } }, { weights: { interests: '5' } }]) {
			expect(() => parseSettings(bad), JSON.stringify(bad)).toThrow();
		}
		expect(parseSettings({ rules: { maxDistanceKm: 0 } }).rules.maxDistanceKm).toBe(0);
		expect(parseSettings({ rules: { maxDistanceKm: 500 } }).rules.maxDistanceKm).toBe(500);
	});
});

describe('hard rules', () => {
	it('shared language: refused without one, or with no language recorded; allowed with one', () => {
		const s = only({}, { requireSharedLanguage: true });
		expect(scorePair(child({ languages: ['ar'] }), guardian({ languages: ['fr'] }), s, opts)).toEqual({ allowed: false, rule: 'shared-language' });
		expect(scorePair(child({ languages: [] }), guardian({ languages: ['fr'] }), s, opts)).toEqual({ allowed: false, rule: 'shared-language' });
		expect(scorePair(child({ languages: ['AR', 'ti'] }), guardian({ languages: ['ar'] }), s, opts).allowed).toBe(true);
		// Off: not even looked at.
		expect(scorePair(child({ languages: ['ar'] }), guardian({ languages: ['fr'] }), only({}), opts).allowed).toBe(true);
	});

	it('safeguarding: a carer of a child needs a clearance valid today (through its last day)', () => {
		const s = only({}, { requireSafeguarding: true });
		expect(scorePair(child(), guardian({ safeguardingUntil: '2026-12-05' }), s, opts)).toEqual({ allowed: false, rule: 'safeguarding' });
		expect(scorePair(child(), guardian({ safeguardingUntil: null }), s, opts)).toEqual({ allowed: false, rule: 'safeguarding' });
		expect(scorePair(child(), guardian({ safeguardingUntil: today }), s, opts).allowed).toBe(true);
		// No child involved: no clearance needed.
		expect(scorePair({ id: 'n' }, guardian({ safeguardingUntil: null }), s, opts).allowed).toBe(true);
		// Volunteering: the person side (the volunteer) is the carer, the opportunity involves children.
		const v = parseSettings({ ...s, safeguardingSide: 'person' });
		expect(scorePair({ id: 'v' }, { id: 'o', involvesChildren: true }, v, opts)).toEqual({ allowed: false, rule: 'safeguarding' });
		expect(scorePair({ id: 'v', safeguardingUntil: '2027-01-01' }, { id: 'o', involvesChildren: true }, v, opts).allowed).toBe(true);
	});

	it('availability overlap: refused with no time in common or none recorded', () => {
		const s = only({}, { requireAvailabilityOverlap: true });
		const monMorning = availabilityBit(0, 0);
		const sunEvening = availabilityBit(6, 2);
		expect(scorePair(child({ availability: monMorning }), guardian({ availability: sunEvening }), s, opts)).toEqual({ allowed: false, rule: 'availability-overlap' });
		expect(scorePair(child({ availability: null }), guardian({ availability: ALL_WEEK }), s, opts)).toEqual({ allowed: false, rule: 'availability-overlap' });
		expect(scorePair(child({ availability: monMorning | sunEvening }), guardian({ availability: sunEvening }), s, opts).allowed).toBe(true);
	});

	it('maximum distance: refused beyond it, or when a place is missing', () => {
		expect(distanceKm(here, there)).toBeCloseTo(3.34, 1);
		expect(scorePair(child({ location: here }), guardian({ location: there }), only({}, { maxDistanceKm: 3 }), opts)).toEqual({ allowed: false, rule: 'max-distance' });
		expect(scorePair(child({ location: here }), guardian({ location: there }), only({}, { maxDistanceKm: 4 }), opts).allowed).toBe(true);
		expect(scorePair(child({ location: null }), guardian({ location: there }), only({}, { maxDistanceKm: 400 }), opts)).toEqual({ allowed: false, rule: 'max-distance' });
		expect(scorePair(child({ location: null }), guardian({ location: there }), only({}), opts).allowed).toBe(true);
	});

	it('gender preference: either side that asked gets it; an unrecorded gender cannot satisfy it', () => {
		const s = only({}, { respectGenderPreference: true });
		expect(scorePair(child({ genderPreference: 'female' }), guardian({ gender: 'male' }), s, opts)).toEqual({ allowed: false, rule: 'gender-preference' });
		expect(scorePair(child({ genderPreference: 'female' }), guardian({ gender: null }), s, opts)).toEqual({ allowed: false, rule: 'gender-preference' });
		expect(scorePair(child({ gender: 'male' }), guardian({ gender: 'female', genderPreference: 'female' }), s, opts)).toEqual({ allowed: false, rule: 'gender-preference' });
		expect(scorePair(child({ genderPreference: 'Female' }), guardian({ gender: 'female' }), s, opts).allowed).toBe(true);
		expect(scorePair(child({ genderPreference: 'female' }), guardian({ gender: 'male' }), only({}), opts).allowed).toBe(true);
	});
});

describe('weights', () => {
	it('languages: a third of the weight per shared language, at most three', () => {
		const s = only({ languages: 30 });
		expect(allowed(scorePair(child({ languages: ['ar', 'fr'] }), guardian({ languages: ['fr', 'ar', 'it'] }), s, opts))).toEqual({
			allowed: true,
			score: 20,
			criteria: [{ criterion: 'languages', value: ['ar', 'fr'], points: 20 }]
		});
		expect(allowed(scorePair(child({ languages: ['ar', 'fr', 'en', 'it'] }), guardian({ languages: ['ar', 'fr', 'en', 'it'] }), s, opts)).score).toBe(30);
		expect(allowed(scorePair(child({ languages: ['ar'] }), guardian({ languages: ['fr'] }), s, opts)).criteria).toEqual([{ criterion: 'languages', value: [], points: 0 }]);
	});

	it('distance: full points at the same place, none at the reference distance or beyond', () => {
		const s = only({ distance: 25 });
		expect(allowed(scorePair(child({ location: here }), guardian({ location: here }), s, opts)).score).toBe(25);
		const near = allowed(scorePair(child({ location: here }), guardian({ location: there }), s, opts));
		expect(near.criteria[0]).toMatchObject({ criterion: 'distance', value: 3.3 });
		expect(near.score).toBeCloseTo(25 * (1 - distanceKm(here, there) / 10), 2);
		expect(allowed(scorePair(child({ location: here }), guardian({ location: { lat: 42.1, lon: 12.5 } }), s, opts)).score).toBe(0);
		// A programme's maximum distance is the reference: 3.3 km of 4 km is nearly nothing.
		expect(allowed(scorePair(child({ location: here }), guardian({ location: there }), only({ distance: 25 }, { maxDistanceKm: 4 }), opts)).score).toBeCloseTo(25 * (1 - distanceKm(here, there) / 4), 2);
	});

	it('interests and skills (both ways)', () => {
		const i = allowed(scorePair(child({ interests: ['football', 'music'] }), guardian({ interests: ['Music', 'chess'] }), only({ interests: 9 }), opts));
		expect(i).toEqual({ allowed: true, score: 3, criteria: [{ criterion: 'interests', value: ['music'], points: 3 }] });
		const sk = allowed(
			scorePair({ id: 'v', skillsOffered: ['driving', 'arabic'], skillsWanted: ['italian'] }, { id: 'o', skillsWanted: ['driving'], skillsOffered: ['italian'] }, only({ skills: 60 }), opts)
		);
		expect(sk).toEqual({ allowed: true, score: 40, criteria: [{ criterion: 'skills', value: ['driving', 'italian'], points: 40 }] });
	});

	it('availability: a sixth of the weight per shared part of the week, at most six', () => {
		const s = only({ availability: 12 });
		const four = availabilityBit(0, 0) | availabilityBit(1, 1) | availabilityBit(2, 2) | availabilityBit(5, 0);
		const r = allowed(scorePair(child({ availability: four | availabilityBit(6, 1) }), guardian({ availability: four | availabilityBit(3, 0) }), s, opts));
		expect(r).toEqual({ allowed: true, score: 8, criteria: [{ criterion: 'availability', value: 4, points: 8 }] });
		expect(allowed(scorePair(child({ availability: ALL_WEEK }), guardian({ availability: ALL_WEEK }), s, opts)).score).toBe(12);
	});

	it('a weight of 0 leaves its criterion out; raising a weight raises the score', () => {
		const a = child({ languages: ['ar'], location: here });
		const b = guardian({ languages: ['ar'], location: there });
		expect(allowed(scorePair(a, b, only({ distance: 10 }), opts)).criteria.map((c) => c.criterion)).toEqual(['distance']);
		const low = allowed(scorePair(a, b, only({ languages: 10, distance: 10 }), opts)).score;
		const high = allowed(scorePair(a, b, only({ languages: 90, distance: 10 }), opts)).score;
		expect(high).toBeGreaterThan(low);
	});
});

describe('missing data', () => {
	it('is neither rewarded nor a crash', () => {
		const r = allowed(scorePair({ id: 'a' }, { id: 'b' }, DEFAULT_SETTINGS, opts));
		expect(r).toEqual({ allowed: true, score: 0, criteria: [] });
		// Junk in optional fields does not crash or earn points.
		const junk = allowed(
			scorePair({ id: 'a', location: { lat: Number.NaN, lon: 1 }, availability: -3, languages: [' '] }, { id: 'b', location: here, availability: 7, languages: ['ar'] }, DEFAULT_SETTINGS, opts)
		);
		expect(junk.score).toBe(0);
	});

	it('one side missing a criterion leaves that criterion out only', () => {
		const r = allowed(scorePair(child({ languages: ['ar'] }), guardian({ languages: ['ar'], location: here }), DEFAULT_SETTINGS, opts));
		expect(r.criteria.map((c) => c.criterion)).toEqual(['languages']);
	});
});

describe('explanations add up', () => {
	it('the points of every allowed pair sum to its score, on many generated profiles', () => {
		let seed = 42;
		const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const pick = <T>(xs: T[]) => xs.filter(() => rnd() < 0.4);
		const langs = ['ar', 'fr', 'en', 'ti', 'fa', 'it'];
		const profile = (id: string): MatchProfile => ({
			id,
			languages: rnd() < 0.9 ? pick(langs) : null,
			location: rnd() < 0.8 ? { lat: 41.85 + rnd() * 0.1, lon: 12.45 + rnd() * 0.1 } : null,
			availability: rnd() < 0.7 ? Math.floor(rnd() * ALL_WEEK) : null,
			interests: pick(['music', 'football', 'cooking', 'art']),
			skillsOffered: pick(['driving', 'maths']),
			skillsWanted: pick(['driving', 'maths'])
		});
		const settings = parseSettings({ weights: { languages: 33.3, distance: 17.7, interests: 9.1, skills: 3.3, availability: 71 } });
		for (let i = 0; i < 500; i++) {
			const r = allowed(scorePair(profile(`a${i}`), profile(`b${i}`), settings, opts));
			const sum = r.criteria.reduce((s, c) => s + c.points, 0);
			expect(r.score).toBeCloseTo(sum, 9);
			expect(r.score).toBeGreaterThanOrEqual(0);
			expect(r.score).toBeLessThanOrEqual(33.3 + 17.7 + 9.1 + 3.3 + 71 + 1e-9);
		}
	});
});

describe('buildProblem', () => {
	const kids = [
		{ id: 'k1', languages: ['ar'], involvesChildren: true, groups: { language: 'ar' } },
		{ id: 'k2', languages: ['ti'], involvesChildren: true, groups: { language: 'ti' } }
	];
	const gs = [
		{ id: 'g1', languages: ['ar', 'fr'], safeguardingUntil: '2027-01-01', capacity: 2 },
		{ id: 'g2', languages: ['ti'], safeguardingUntil: '2026-01-01', capacity: 3 }
	];

	it('lists the allowed pairs with scores and criteria, and counts what each rule excluded', () => {
		const b = buildProblem(kids, gs, DEFAULT_SETTINGS, { today });
		expect(b.problem.pairs).toEqual([
			{ person: 'k1', slot: 'g1', score: 13.33 },
			{ person: 'k2', slot: 'g1', score: 0 }
		]);
		expect(b.problem.slots).toEqual([
			{ id: 'g1', capacity: 2 },
			{ id: 'g2', capacity: 3 }
		]);
		expect(b.problem.people[0]).toEqual({ id: 'k1', capacity: 1, groups: { language: 'ar' } });
		expect(b.problem.objective).toBe('count-then-score');
		expect(b.criteria.get(pairKey('k1', 'g1'))).toEqual([{ criterion: 'languages', value: ['ar'], points: 13.33 }]);
		expect(b.excludedBy.get('k2')).toEqual({ safeguarding: 1 });
		// No explanation for a pair a rule excludes, nor for ids it never saw.
		expect(b.criteria.get(pairKey('k2', 'g2'))).toBeUndefined();
		expect(b.criteria.get(pairKey('k1', 'nobody'))).toBeUndefined();
		for (const p of b.problem.pairs) expect(b.criteria.get(pairKey(p.person, p.slot))!.reduce((s, c) => s + c.points, 0)).toBeCloseTo(p.score, 9);
	});

	it('keeps fixed and forbidden pairs it knows, and returns the others apart', () => {
		const b = buildProblem(kids, gs, DEFAULT_SETTINGS, {
			today,
			fixed: [
				{ person: 'k1', slot: 'g1' },
				{ person: 'k1', slot: 'g1' },
				{ person: 'k2', slot: 'g2' },
				{ person: 'kX', slot: 'g1' }
			],
			forbidden: [
				{ person: 'k2', slot: 'g1' },
				{ person: 'k2', slot: 'gX' }
			]
		});
		expect(b.problem.fixed).toEqual([{ person: 'k1', slot: 'g1' }]);
		expect(b.problem.forbidden).toEqual([{ person: 'k2', slot: 'g1' }]);
		expect(b.rejectedFixed).toEqual([
			{ person: 'k2', slot: 'g2', rule: 'safeguarding' },
			{ person: 'kX', slot: 'g1', rule: 'unknown' }
		]);
		expect(b.rejectedForbidden).toEqual([{ person: 'k2', slot: 'gX' }]);
	});

	it('a pair both fixed and forbidden is forbidden', () => {
		const b = buildProblem(kids, gs, DEFAULT_SETTINGS, { today, fixed: [{ person: 'k1', slot: 'g1' }], forbidden: [{ person: 'k1', slot: 'g1' }] });
		expect(b.problem.fixed).toEqual([]);
		expect(b.problem.forbidden).toEqual([{ person: 'k1', slot: 'g1' }]);
	});
});
