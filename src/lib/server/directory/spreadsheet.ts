/**
 * Spreadsheet safety, shared by every CSV and XLSX the directory writes.
 * A cell that starts with = + - @ (or a tab or carriage return, which some
 * programs skip before reading a formula) would run as a formula when the
 * file is opened: give it a leading apostrophe so it stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise<T>(cell: T): T | string {
	if (typeof cell !== 'string') return cell;
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** One CSV field (RFC 4180), neutralised first. */
export function csvField(cell: string | number | null | undefined): string {
	if (cell === null || cell === undefined) return '';
	const s = String(neutralise(typeof cell === 'number' ? cell : String(cell)));
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document with CRLF line ends. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
	return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A text cell, neutralised (the typed form of `neutralise`). */
export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV line without its line end. */
export function csvLine(cells: readonly string[]): string {
	return cells.map(csvField).join(',');
}
