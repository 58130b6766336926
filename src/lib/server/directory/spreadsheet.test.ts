import { describe, expect, it } from 'vitest';
import { csvField, neutralise, toCsv } from './spreadsheet.ts';

describe('spreadsheet safety', () => {
	it('makes cells that would run as formulas plain text', () => {
		for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) expect(neutralise(bad)).toBe(`'${bad}`);
		for (const ok of ['Food bank', '12', 'a=b', ' =no', '']) expect(neutralise(ok)).toBe(ok);
		expect(neutralise(-5)).toBe(-5);
	});

	it('quotes CSV fields that need it', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(toCsv([['a', 1], [null, 'b']])).toBe('a,1\r\n,b\r\n');
	});
});
