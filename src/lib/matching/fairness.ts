/**
 * The fairness report: for every group dimension the people carry (`group`,
 * and each key of `groups`), how many people each group has, how many got a
 * match, the match rate, and the distribution of their match scores — so a
 * coordinator sees when a group is systematically worse off. A group whose
 * rate is below four fifths of the overall rate is flagged (the "four-fifths
 * rule" used in selection audits). Pure: no I/O.
 */
import type { Problem, Result } from './types.ts';

export interface ScoreSummary {
	min: number;
	p25: number;
	median: number;
	p75: number;
	max: number;
	mean: number;
}

export interface GroupRow {
	group: string;
	people: number;
	matched: number;
	/** matched / people, 0–1. */
	rate: number;
	/** Of each matched person's mean score; null when nobody in the group is matched. */
	scores: ScoreSummary | null;
	/** Rate under four fifths of the overall rate. */
	flagged: boolean;
}

export interface Dimension {
	dimension: string;
	groups: GroupRow[];
}

export interface FairnessReport {
	overall: GroupRow;
	dimensions: Dimension[];
}

/** The label people without a value in a dimension are counted under. */
export const NOT_RECORDED = '(not recorded)';

function quantile(sorted: number[], q: number): number {
	const i = (sorted.length - 1) * q;
	const lo = Math.floor(i);
	const hi = Math.ceil(i);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

function summarise(scores: number[]): ScoreSummary | null {
	if (scores.length === 0) return null;
	const s = [...scores].sort((a, b) => a - b);
	return {
		min: s[0],
		p25: quantile(s, 0.25),
		median: quantile(s, 0.5),
		p75: quantile(s, 0.75),
		max: s[s.length - 1],
		mean: s.reduce((a, b) => a + b, 0) / s.length
	};
}

export function fairnessReport(problem: Problem, result: Result): FairnessReport {
	const total = new Map<string, { sum: number; n: number }>();
	for (const a of result.assignments) {
		const t = total.get(a.person) ?? { sum: 0, n: 0 };
		t.sum += a.score;
		t.n++;
		total.set(a.person, t);
	}
	const people = problem.people.filter((p) => (p.capacity ?? 1) > 0);
	const row = (group: string, members: typeof people): GroupRow => {
		const scores: number[] = [];
		for (const p of members) {
			const t = total.get(p.id);
			if (t) scores.push(t.sum / t.n);
		}
		return {
			group,
			people: members.length,
			matched: scores.length,
			rate: members.length ? scores.length / members.length : 0,
			scores: summarise(scores),
			flagged: false
		};
	};
	const overall = row('all', people);
	const names = new Set<string>();
	for (const p of people) {
		if (p.group !== undefined) names.add('group');
		for (const k of Object.keys(p.groups ?? {})) names.add(k);
	}
	const dimensions: Dimension[] = [...names].sort().map((dimension) => {
		const byValue = new Map<string, typeof people>();
		for (const p of people) {
			const v = (dimension === 'group' && p.group !== undefined ? p.group : p.groups?.[dimension]) ?? NOT_RECORDED;
			const list = byValue.get(v) ?? [];
			list.push(p);
			byValue.set(v, list);
		}
		const groups = [...byValue.entries()]
			.map(([g, members]) => row(g, members))
			.sort((a, b) => a.rate - b.rate || a.group.localeCompare(b.group));
		for (const g of groups) g.flagged = g.rate < 0.8 * overall.rate;
		return { dimension, groups };
	});
	return { overall, dimensions };
}
