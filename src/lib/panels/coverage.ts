/**
 * How well a panel covers its targets, and a greedy suggestion of people to
 * add. Pure functions: the use cases load the facts and call these.
 */
export type Dimension = 'language' | 'ageBand' | 'gender' | 'service';
export interface Target {
	dimension: Dimension;
	value: string;
	min: number;
}
/** What a panel is composed by, for one person (of the pool). */
export interface Profile {
	userId: string;
	languages: readonly string[];
	ageBand: string;
	gender: string | null;
	services: readonly string[];
}
export interface CoverageRow extends Target {
	covered: number;
	/** How many more are wanted (0 when met). */
	missing: number;
	met: boolean;
}

export function hasValue(p: Profile, dimension: Dimension, value: string): boolean {
	switch (dimension) {
		case 'language':
			return p.languages.includes(value);
		case 'ageBand':
			return p.ageBand === value;
		case 'gender':
			return p.gender === value;
		case 'service':
			return p.services.includes(value);
	}
}

/** Each target: wanted vs covered by `members`. */
export function coverage(targets: readonly Target[], members: readonly Profile[]): CoverageRow[] {
	return targets.map((t) => {
		const covered = members.filter((p) => hasValue(p, t.dimension, t.value)).length;
		const missing = Math.max(0, t.min - covered);
		return { ...t, covered, missing, met: missing === 0 };
	});
}

/**
 * Greedy cover: repeatedly picks the candidate who fills the most missing
 * places (ties: the order given), until every target is met, nobody helps,
 * or `limit` people are picked.
 */
export function suggest(targets: readonly Target[], members: readonly Profile[], candidates: readonly Profile[], limit = 20): Profile[] {
	const missing = coverage(targets, members).map((r) => r.missing);
	const left = [...candidates];
	const picked: Profile[] = [];
	while (picked.length < limit && missing.some((x) => x > 0)) {
		let best = -1;
		let bestGain = 0;
		left.forEach((c, i) => {
			const gain = targets.reduce((g, t, j) => g + (missing[j] > 0 && hasValue(c, t.dimension, t.value) ? 1 : 0), 0);
			if (gain > bestGain) {
				best = i;
				bestGain = gain;
			}
		});
		if (best < 0) break;
		const [c] = left.splice(best, 1);
		picked.push(c);
		targets.forEach((t, j) => {
			if (missing[j] > 0 && hasValue(c, t.dimension, t.value)) missing[j]--;
		});
	}
	return picked;
}
