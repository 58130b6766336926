/**
 * Reads an upload into raw tables: an HSDS tabular package (a zip of CSV
 * files) or the spreadsheet template (.xlsx). Nothing is interpreted here
 * beyond text: the checks of values happen in validate.ts.
 *
 * Limits, checked before the work they protect: 50 MB per upload (the route
 * checks the request size before reading the body), 20,000 data rows per
 * file or sheet (parsing stops at the first row past the limit), 200 MB
 * unpacked (a zip bomb is refused, not inflated).
 */
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { sheetTables, tableForFile, type TableName } from './tables.ts';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 20_000;
const MAX_UNPACKED = 200 * 1024 * 1024;

export interface RawRow {
	/** The row number a person sees in their program (1 is the header). */
	line: number;
	cells: Record<string, string>;
	/** Columns whose cell held a formula. */
	formulas?: string[];
}
export interface RawTable {
	table: TableName;
	/** The file or sheet name, as the person named it. */
	source: string;
	header: string[];
	rows: RawRow[];
}

/** A problem with the whole upload: message key and parameters (see messages/exchange). */
export class ImportRefused extends Error {
	key: string;
	params: Record<string, string | number>;
	constructor(key: string, params: Record<string, string | number> = {}) {
		super(key);
		this.key = key;
		this.params = params;
	}
}

export interface ReadResult {
	format: 'zip' | 'xlsx';
	tables: RawTable[];
	/** Files or sheets that are not part of what we import (e.g. organizations.csv, README). */
	ignored: string[];
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function isZip(b: Uint8Array): boolean {
	return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
	let total = 0;
	try {
		return unzipSync(bytes, {
			filter: (f) => {
				total += f.originalSize;
				if (total > MAX_UNPACKED) throw new ImportRefused('exchange_err_too_large');
				return !f.name.endsWith('/') && !f.name.startsWith('__MACOSX/');
			}
		});
	} catch (err) {
		if (err instanceof ImportRefused) throw err;
		throw new ImportRefused('exchange_err_format');
	}
}

export async function readUpload(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
	if (bytes.length > MAX_UPLOAD_BYTES) throw new ImportRefused('exchange_err_too_large');
	if (!isZip(bytes)) throw new ImportRefused('exchange_err_format');
	const files = unzip(bytes);
	if (files['xl/workbook.xml'] || /\.xlsx$/i.test(fileName)) return readXlsx(bytes, files);
	return readZip(files);
}

/** Text of a CSV file: UTF-8 (a BOM is dropped), anything else is refused naming the file. */
export function decodeCsv(name: string, data: Uint8Array): string {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
		return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	} catch {
		throw new ImportRefused('exchange_err_encoding', { file: name });
	}
}

function normaliseHeader(h: unknown): string {
	return String(h ?? '')
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase();
}

async function readZip(files: Record<string, Uint8Array>): Promise<ReadResult> {
	const tables: RawTable[] = [];
	const ignored: string[] = [];
	for (const [name, data] of Object.entries(files)) {
		const table = tableForFile(name);
		if (!table) {
			ignored.push(name);
			continue;
		}
		const text = decodeCsv(name, data);
		let records: string[][];
		try {
			records = parse(text, { relax_column_count: true, skip_empty_lines: true, to_line: MAX_ROWS + 2, bom: true });
		} catch (err) {
			throw new ImportRefused('exchange_err_csv', { file: name, detail: (err as Error).message.slice(0, 200) });
		}
		if (records.length > MAX_ROWS + 1) throw new ImportRefused('exchange_err_too_many_rows', { file: name, max: MAX_ROWS });
		const header = (records[0] ?? []).map(normaliseHeader);
		const rows: RawRow[] = [];
		for (let i = 1; i < records.length; i++) {
			if (i % 2000 === 0) await tick();
			const cells: Record<string, string> = {};
			header.forEach((h, j) => {
				if (h) cells[h] = (records[i][j] ?? '').trim();
			});
			rows.push({ line: i + 1, cells });
		}
		tables.push({ table, source: name, header, rows });
		await tick();
	}
	return { format: 'zip', tables, ignored };
}

/** Cells holding a formula, per sheet file: "xl/worksheets/sheet1.xml" → Set("B3", …). */
function formulaCells(files: Record<string, Uint8Array>): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	for (const [name, data] of Object.entries(files)) {
		if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
		const xml = strFromU8(data);
		const set = new Set<string>();
		for (const m of xml.matchAll(/<c\b[^>]*\br="([A-Z]+\d+)"[^>]*>(?:(?!<\/c>).)*?<f\b/gs)) set.add(m[1]);
		out.set(name, set);
	}
	return out;
}

/** Sheet name → its part name in the package, from workbook.xml and its relationships. */
function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
	const wb = files['xl/workbook.xml'] ? strFromU8(files['xl/workbook.xml']) : '';
	const rels = files['xl/_rels/workbook.xml.rels'] ? strFromU8(files['xl/_rels/workbook.xml.rels']) : '';
	const target = new Map<string, string>();
	for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
		const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
		const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
		if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
	}
	const out = new Map<string, string>();
	for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
		const name = /\bname="([^"]+)"/.exec(m[0])?.[1];
		const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
		if (name && rid && target.get(rid)) out.set(name.replace(/&amp;/g, '&'), target.get(rid)!);
	}
	return out;
}

function columnLetter(i: number): string {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	return String(v).trim();
}

async function readXlsx(bytes: Uint8Array, files: Record<string, Uint8Array>): Promise<ReadResult> {
	let sheets: { sheet: string; data: unknown[][] }[];
	try {
		sheets = (await readXlsxFile(Buffer.from(bytes))) as unknown as { sheet: string; data: unknown[][] }[];
	} catch {
		throw new ImportRefused('exchange_err_format');
	}
	const formulas = formulaCells(files);
	const parts = sheetParts(files);
	const tables: RawTable[] = [];
	const ignored: string[] = [];
	for (const s of sheets) {
		const table = sheetTables[s.sheet.trim().toLowerCase().replace(/\s+/g, '_')];
		if (!table) {
			ignored.push(s.sheet);
			continue;
		}
		const data = s.data.filter((r) => r.some((c) => cellText(c) !== ''));
		if (data.length > MAX_ROWS + 1) throw new ImportRefused('exchange_err_too_many_rows', { file: s.sheet, max: MAX_ROWS });
		const header = (data[0] ?? []).map(normaliseHeader);
		const f = formulas.get(parts.get(s.sheet) ?? '') ?? new Set<string>();
		// Row numbers as the spreadsheet shows them: find each kept row's index in the unfiltered data.
		const rows: RawRow[] = [];
		let kept = 0;
		for (let i = 0; i < s.data.length; i++) {
			const r = s.data[i];
			if (!r.some((c) => cellText(c) !== '')) continue;
			kept++;
			if (kept === 1) continue;
			const cells: Record<string, string> = {};
			const withFormula: string[] = [];
			header.forEach((h, j) => {
				if (!h) return;
				cells[h] = cellText(r[j]);
				if (f.has(`${columnLetter(j)}${i + 1}`)) withFormula.push(h);
			});
			rows.push({ line: i + 1, cells, formulas: withFormula.length ? withFormula : undefined });
			if (rows.length % 2000 === 0) await tick();
		}
		tables.push({ table, source: s.sheet, header, rows });
	}
	return { format: 'xlsx', tables, ignored };
}
