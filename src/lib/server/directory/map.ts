/**
 * The ecosystem map: how many public services there are for each need in
 * each neighbourhood (a service counts where it has a location or declares
 * a service area) or in each language its staff speak. Cells with none are
 * the gaps a city looks for. Counts only, no personal data.
 */
import { asc, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { neighbourhoods } from '../db/schema/index.ts';
import { PolicyDenied, require as requirePolicy } from '../policy/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { isFeatureCode, needs, spokenLanguages } from '../../directory/taxonomy.ts';
import { isDirectoryLocale } from '../../directory/text.ts';
import { neutralise, toCsv } from './spreadsheet.ts';

export const mapViews = ['neighbourhoods', 'languages'] as const;
export type MapView = (typeof mapViews)[number];

export interface MapFilters {
	view: MapView;
	/** A features-taxonomy code: count only services with it. */
	feature: string | null;
	/** A spoken-language code: count only services whose staff speak it. */
	language: string | null;
}

export interface MapTable {
	view: MapView;
	filters: MapFilters;
	columns: { key: string; label: string }[];
	rows: { code: string; label: string; cells: number[]; total: number }[];
	/** The largest cell, for shading. */
	max: number;
	gaps: number;
}

/** Reads the map's GET parameters, dropping anything unknown (a forged filter is simply no filter). */
export function parseMapFilters(params: URLSearchParams): MapFilters {
	const view = params.get('view');
	const feature = params.get('feature');
	const language = params.get('language');
	return {
		view: view === 'languages' ? 'languages' : 'neighbourhoods',
		feature: isFeatureCode(feature) ? feature : null,
		language: language && Object.hasOwn(spokenLanguages, language) ? language : null
	};
}

function rowsOf<T>(result: unknown): T[] {
	return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

const PUBLIC = sql`o.verification = 'verified' and s.status in ('active', 'temporarily closed')`;

function filterSql(f: MapFilters): SQL {
	const parts: SQL[] = [PUBLIC];
	if (f.feature) parts.push(sql`s.features @> array[${f.feature}]::text[]`);
	if (f.language) parts.push(sql`s.languages @> array[${f.language}]::text[]`);
	return sql.join(parts, sql` and `);
}

export async function countMap(db: Tx, f: MapFilters): Promise<{ cells: Map<string, number>; totals: Map<string, number> }> {
	const where = filterSql(f);
	const cellsQuery =
		f.view === 'neighbourhoods'
			? sql`select t.need as need, x.neighbourhood_id::text as col, count(distinct s.id)::int as n
				from services s
				join organisations o on o.id = s.organisation_id
				cross join lateral unnest(s.needs) as t(need)
				join (
					select sal.service_id, l.neighbourhood_id from service_at_locations sal
						join locations l on l.id = sal.location_id where l.neighbourhood_id is not null
					union
					select sa.service_id, sa.neighbourhood_id from service_areas sa where sa.neighbourhood_id is not null
				) x on x.service_id = s.id
				where ${where}
				group by 1, 2`
			: sql`select t.need as need, g.lang as col, count(distinct s.id)::int as n
				from services s
				join organisations o on o.id = s.organisation_id
				cross join lateral unnest(s.needs) as t(need)
				cross join lateral unnest(s.languages) as g(lang)
				where ${where}
				group by 1, 2`;
	const totalsQuery = sql`select t.need as need, count(distinct s.id)::int as n
		from services s
		join organisations o on o.id = s.organisation_id
		cross join lateral unnest(s.needs) as t(need)
		where ${where}
		group by 1`;
	const [cellRows, totalRows] = [rowsOf<{ need: string; col: string; n: number }>(await db.execute(cellsQuery)), rowsOf<{ need: string; n: number }>(await db.execute(totalsQuery))];
	return {
		cells: new Map(cellRows.map((r) => [`${r.need}|${r.col}`, Number(r.n)])),
		totals: new Map(totalRows.map((r) => [r.need, Number(r.n)]))
	};
}

/** The map for a person who may see it (directory.map.view), labelled in `locale`. */
export async function ecosystemMap(ctx: Ctx, filters: MapFilters, locale: string): Promise<MapTable> {
	try {
		requirePolicy(ctx.actor, 'directory.map.view');
	} catch (err) {
		if (err instanceof PolicyDenied) throw new Refusal(403, 'directory_forbidden');
		throw err;
	}
	const l = isDirectoryLocale(locale) ? locale : 'en';
	const columns =
		filters.view === 'neighbourhoods'
			? (await ctx.db.select({ key: neighbourhoods.id, label: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)))
			: Object.entries(spokenLanguages).map(([key, label]) => ({ key, label }));
	const { cells, totals } = await countMap(ctx.db, filters);
	let max = 0;
	let gaps = 0;
	const rows = needs.map((n) => {
		const row = columns.map((c) => cells.get(`${n.code}|${c.key}`) ?? 0);
		for (const v of row) {
			if (v > max) max = v;
			if (v === 0) gaps++;
		}
		return { code: n.code, label: n.name[l], cells: row, total: totals.get(n.code) ?? 0 };
	});
	return { view: filters.view, filters, columns, rows, max, gaps };
}

/** The table as rows of cells: a header, then one row per need (formulas neutralised). */
export function mapSheet(table: MapTable, labels: { need: string; total: string }): (string | number)[][] {
	return [
		[labels.need, ...table.columns.map((c) => neutralise(c.label) as string), labels.total],
		...table.rows.map((r) => [neutralise(r.label) as string, ...r.cells, r.total])
	];
}

export function mapCsv(table: MapTable, labels: { need: string; total: string }): string {
	return toCsv(mapSheet(table, labels));
}

export async function mapXlsx(table: MapTable, labels: { need: string; total: string }, sheetName: string): Promise<Buffer> {
	const { default: writeXlsxFile } = await import('write-excel-file/node');
	const data = mapSheet(table, labels).map((row, i) =>
		row.map((v) => (typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String, fontWeight: i === 0 ? ('bold' as const) : undefined }))
	);
	const out = await writeXlsxFile(data as never, { sheet: sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') }).toBuffer();
	return Buffer.from(out as Uint8Array);
}
