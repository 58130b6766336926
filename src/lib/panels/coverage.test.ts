import { describe, expect, it } from 'vitest';
import { coverage, suggest, type Profile, type Target } from './coverage.ts';

const p = (userId: string, languages: string[], ageBand: string, gender: string | null, services: string[] = []): Profile => ({ userId, languages, ageBand, gender, services });

const targets: Target[] = [
	{ dimension: 'language', value: 'ti', min: 2 },
	{ dimension: 'ageBand', value: '18_24', min: 1 },
	{ dimension: 'gender', value: 'woman', min: 1 },
	{ dimension: 'service', value: 'housing', min: 1 }
];

describe('panel coverage', () => {
	it('counts each target against the members and says what is missing', () => {
		const rows = coverage(targets, [p('a', ['ti', 'ar'], '25_34', 'man', ['housing']), p('b', ['uk'], '18_24', 'prefer_not_to_say')]);
		expect(rows.map((r) => [r.value, r.covered, r.missing, r.met])).toEqual([
			['ti', 1, 1, false],
			['18_24', 1, 0, true],
			['woman', 0, 1, false],
			['housing', 1, 0, true]
		]);
	});

	it('counts a member once per target, however many other targets they cover', () => {
		const rows = coverage([{ dimension: 'language', value: 'ar', min: 1 }], [p('a', ['ar', 'ar'], '25_34', null)]);
		expect(rows[0]).toMatchObject({ covered: 1, met: true });
	});

	it('has nothing missing and suggests nobody when there are no targets', () => {
		expect(coverage([], [])).toEqual([]);
		expect(suggest([], [], [p('a', ['ti'], '18_24', 'woman')])).toEqual([]);
	});

	it('suggests the fewest people greedily, the widest cover first, and stops when all is met', () => {
		const candidates = [p('narrow', ['ti'], '50_64', 'man'), p('wide', ['ti'], '18_24', 'woman', ['housing']), p('useless', ['de'], '65_plus', 'man'), p('second', ['ti'], '35_49', null)];
		const picked = suggest(targets, [], candidates).map((c) => c.userId);
		expect(picked).toEqual(['wide', 'narrow']);
		const after = coverage(targets, candidates.filter((c) => picked.includes(c.userId)));
		expect(after.every((r) => r.met)).toBe(true);
	});

	it('stops when nobody left helps, and at the limit', () => {
		expect(suggest(targets, [], [p('x', ['de'], '65_plus', 'man')])).toEqual([]);
		const many = Array.from({ length: 10 }, (_, i) => p(`t${i}`, ['ti'], '50_64', 'man'));
		expect(suggest([{ dimension: 'language', value: 'ti', min: 10 }], [], many, 3)).toHaveLength(3);
	});
});
