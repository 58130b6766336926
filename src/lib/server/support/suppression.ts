/**
 * Small-cell suppression for published counts (issue 4: "statistics never
 * show fewer than 5 people in a cell").
 *
 * Primary: every count under the threshold (5) is hidden, zero included, so
 * a hidden cell never tells "nobody" from "one person".
 * Secondary: a table's margins are sums, and a sum with exactly one hidden
 * term gives that term away (a total minus the other cells). For every such
 * sum one more term is hidden, the smallest visible part (else the whole),
 * until no sum has exactly one hidden term.
 */

export const THRESHOLD = 5;

/** A count as published: a number, or null when hidden. */
export type Shown = number | null;

/** `whole` = sum of `parts`, by cell key. */
export interface Sum {
	whole: string;
	parts: string[];
}

/**
 * Secondary suppression: starting from the `primary` hidden cells, hides one
 * more term of every sum that has exactly one hidden term, until none has.
 * The term hidden is the smallest visible part (`prefer: 'part'`), or the sum
 * itself while it still shows (`prefer: 'whole'`, where the parts are the
 * point of the table). A sum of nothing gives nothing away.
 */
export function hideForSums(primary: Iterable<string>, values: ReadonlyMap<string, number>, sums: readonly Sum[], prefer: 'part' | 'whole' = 'part'): Set<string> {
	const hidden = new Set(primary);
	const smallest = (keys: string[]) => keys.reduce((a, b) => ((values.get(a) ?? 0) <= (values.get(b) ?? 0) ? a : b));
	for (let changed = true; changed; ) {
		changed = false;
		for (const s of sums) {
			if ([s.whole, ...s.parts].filter((t) => hidden.has(t)).length !== 1) continue;
			const visibleParts = s.parts.filter((p) => !hidden.has(p));
			if (hidden.has(s.whole) && visibleParts.length === 0) continue;
			hidden.add(hidden.has(s.whole) || (prefer === 'part' && visibleParts.length) ? smallest(visibleParts) : s.whole);
			changed = true;
		}
	}
	return hidden;
}

/** Hides cells under the threshold, then as many more as the sums need so that none can be worked back out. */
export function suppress(values: ReadonlyMap<string, number>, sums: readonly Sum[], threshold = THRESHOLD): Map<string, Shown> {
	const primary = [...values].filter(([, v]) => v < threshold).map(([k]) => k);
	const hidden = hideForSums(primary, values, sums);
	const out = new Map<string, Shown>();
	for (const [k, v] of values) out.set(k, hidden.has(k) ? null : v);
	return out;
}

/** A list of counts and their total: suppressed together. */
export function suppressList(counts: readonly number[], threshold = THRESHOLD): { counts: Shown[]; total: Shown } {
	const values = new Map<string, number>(counts.map((c, i) => [`c${i}`, c]));
	values.set('total', counts.reduce((a, b) => a + b, 0));
	const out = suppress(values, [{ whole: 'total', parts: counts.map((_, i) => `c${i}`) }], threshold);
	return { counts: counts.map((_, i) => out.get(`c${i}`) ?? null), total: out.get('total') ?? null };
}

/**
 * Rows of counts, each with its row total (the columns are not summed: a
 * person may count in several rows, as in "by life domain").
 */
export function suppressRows(rows: readonly (readonly number[])[], threshold = THRESHOLD): { cells: Shown[][]; totals: Shown[] } {
	const values = new Map<string, number>();
	const sums: Sum[] = [];
	rows.forEach((row, i) => {
		row.forEach((v, j) => values.set(`r${i}c${j}`, v));
		values.set(`r${i}`, row.reduce((a, b) => a + b, 0));
		sums.push({ whole: `r${i}`, parts: row.map((_, j) => `r${i}c${j}`) });
	});
	const out = suppress(values, sums, threshold);
	return {
		cells: rows.map((row, i) => row.map((_, j) => out.get(`r${i}c${j}`) ?? null)),
		totals: rows.map((_, i) => out.get(`r${i}`) ?? null)
	};
}

/** A full table with row totals, column totals and the grand total, all sums checked. */
export function suppressTable(rows: readonly (readonly number[])[], threshold = THRESHOLD): { cells: Shown[][]; rowTotals: Shown[]; colTotals: Shown[]; total: Shown } {
	const nCols = rows[0]?.length ?? 0;
	const values = new Map<string, number>();
	const sums: Sum[] = [];
	rows.forEach((row, i) => {
		row.forEach((v, j) => values.set(`r${i}c${j}`, v));
		values.set(`r${i}`, row.reduce((a, b) => a + b, 0));
		sums.push({ whole: `r${i}`, parts: row.map((_, j) => `r${i}c${j}`) });
	});
	for (let j = 0; j < nCols; j++) {
		values.set(`c${j}`, rows.reduce((a, row) => a + row[j], 0));
		sums.push({ whole: `c${j}`, parts: rows.map((_, i) => `r${i}c${j}`) });
	}
	values.set('total', rows.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0));
	sums.push({ whole: 'total', parts: rows.map((_, i) => `r${i}`) });
	sums.push({ whole: 'total', parts: Array.from({ length: nCols }, (_, j) => `c${j}`) });
	const out = suppress(values, sums, threshold);
	return {
		cells: rows.map((row, i) => row.map((_, j) => out.get(`r${i}c${j}`) ?? null)),
		rowTotals: rows.map((_, i) => out.get(`r${i}`) ?? null),
		colTotals: Array.from({ length: nCols }, (_, j) => out.get(`c${j}`) ?? null),
		total: out.get('total') ?? null
	};
}
