import { describe, expect, it } from 'vitest';
import { csvLine, neutraliseCell } from './spreadsheet.ts';
import { unneutralise } from './import/validate.ts';

describe('neutraliseCell', () => {
	it('puts an apostrophe before every cell a spreadsheet would run as a formula', () => {
		for (const v of ['=1+1', '+39 055', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(v)).toBe(`'${v}`);
		for (const v of ['Food', '', '1=1', "'quoted"]) expect(neutraliseCell(v)).toBe(v);
	});
	it('is undone by the importer', () => {
		for (const v of ['=HYPERLINK("http://x")', 'plain', '-5']) expect(unneutralise(neutraliseCell(v))).toBe(v);
	});
	it('quotes CSV cells with commas, quotes and line breaks', () => {
		expect(csvLine(['a,b', 'say "hi"', 'two\nlines', '=cmd'])).toBe('"a,b","say ""hi""","two\nlines",\'=cmd');
	});
});
