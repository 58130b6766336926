/**
 * Spreadsheet formula injection: a cell that starts with = + - @ (or a tab
 * or carriage return, which some programs skip before looking) is run as a
 * formula when a CSV or XLSX file is opened. Every exported cell goes
 * through here; such a cell gets a leading apostrophe, which spreadsheet
 * programs show as text and the importer removes again.
 */
export function neutraliseCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line (RFC 4180): quotes where needed, cells neutralised. */
export function csvLine(cells: readonly string[]): string {
	return cells
		.map((c) => {
			const v = neutraliseCell(c);
			return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
		})
		.join(',');
}
