/**
 * The needs-assessment progress chart, pure: scores 1 (crisis) … 5
 * (thriving) of one life domain over time, as the geometry of a small SVG
 * line chart that the server renders inline (no JavaScript, no canvas).
 *
 * Time runs along x in proportion (two assessments a week apart sit closer
 * than two a year apart), from the inline start: left to right in a
 * left-to-right language, right to left in Arabic or Persian. Score 5 is at
 * the top. A single assessment sits in the middle.
 */

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export interface ScorePoint {
	at: Date | string;
	score: number;
}

export interface ChartOptions {
	width?: number;
	height?: number;
	/** Time runs right to left. */
	rtl?: boolean;
}

export interface PlottedPoint {
	x: number;
	y: number;
	score: number;
	at: Date;
}

export interface LineChart {
	width: number;
	height: number;
	/** The plotting area inside the margins. */
	plot: { left: number; right: number; top: number; bottom: number };
	/** One horizontal grid line per score, with where its label goes. */
	grid: { score: number; y: number; labelX: number; anchor: 'start' | 'end' }[];
	/** The points, oldest first. */
	points: PlottedPoint[];
	/** An SVG path through the points ('' with fewer than two). */
	path: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Where score `s` sits vertically. */
function yOf(s: number, top: number, bottom: number): number {
	return bottom - ((s - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * (bottom - top);
}

/**
 * The geometry of one domain's chart. Points with a score outside 1…5 or an
 * invalid date are left out; the rest are sorted by time.
 */
export function lineChart(points: readonly ScorePoint[], opts: ChartOptions = {}): LineChart {
	const width = opts.width ?? 320;
	const height = opts.height ?? 120;
	const rtl = opts.rtl ?? false;
	const labelRoom = 18;
	const pad = 8;
	const left = rtl ? pad : labelRoom + pad;
	const right = rtl ? width - labelRoom - pad : width - pad;
	const top = pad;
	const bottom = height - pad;

	const clean = points
		.map((p) => ({ at: new Date(p.at), score: p.score }))
		.filter((p) => Number.isFinite(p.at.getTime()) && Number.isInteger(p.score) && p.score >= SCORE_MIN && p.score <= SCORE_MAX)
		.sort((a, b) => a.at.getTime() - b.at.getTime());

	const first = clean[0]?.at.getTime() ?? 0;
	const last = clean.at(-1)?.at.getTime() ?? 0;
	const span = last - first;
	const plotted = clean.map((p) => {
		const share = span > 0 ? (p.at.getTime() - first) / span : 0.5;
		const x = rtl ? right - share * (right - left) : left + share * (right - left);
		return { x: round(x), y: round(yOf(p.score, top, bottom)), score: p.score, at: p.at };
	});

	const grid: LineChart['grid'] = [];
	for (let s = SCORE_MIN; s <= SCORE_MAX; s++) {
		grid.push({ score: s, y: round(yOf(s, top, bottom)), labelX: rtl ? width - pad / 2 : pad / 2, anchor: rtl ? 'end' : 'start' });
	}
	const path = plotted.length > 1 ? plotted.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ') : '';
	return { width, height, plot: { left, right, top, bottom }, grid, points: plotted, path };
}

export interface AssessmentLike {
	takenAt: Date | string;
	scores: Readonly<Partial<Record<string, number>>>;
}

/**
 * The series of each domain across assessments, in the order of `domains`;
 * a domain no assessment scored gets an empty series.
 */
export function domainSeries<D extends string>(assessments: readonly AssessmentLike[], domains: readonly D[]): { domain: D; points: ScorePoint[] }[] {
	return domains.map((domain) => ({
		domain,
		points: assessments.flatMap((a) => {
			const s = a.scores[domain];
			return typeof s === 'number' ? [{ at: a.takenAt, score: s }] : [];
		})
	}));
}

/** The change from the first to the last score of a series (0 with fewer than two). */
export function change(points: readonly ScorePoint[]): number {
	const sorted = [...points].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
	if (sorted.length < 2) return 0;
	return sorted[sorted.length - 1].score - sorted[0].score;
}
