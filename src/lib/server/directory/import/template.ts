/**
 * The spreadsheet an organisation fills in: sheets Services, Locations and
 * Hours with their header rows and one example row each, a README sheet in
 * the reader's language, and a Codes sheet listing every need, feature and
 * language code the importer accepts (write-excel-file has no drop-down
 * validation, so the list is a sheet to copy from).
 */
import writeXlsxFile from 'write-excel-file/node';
import { features, needs, spokenLanguages } from '../../../directory/taxonomy.ts';
import { isDirectoryLocale, textDirection, type DirectoryLocale } from '../../../directory/text.ts';
import { BASE_LOCALE } from './tables.ts';

export interface TemplateTexts {
	readme: string[];
	codeHeader: [string, string, string];
}

export async function templateXlsx(locale: string, t: TemplateTexts): Promise<Buffer> {
	const l: DirectoryLocale = isDirectoryLocale(locale) ? locale : 'en';
	const own = (col: string) => (l === BASE_LOCALE ? [col] : [col, `${col}_${l}`]);
	const bold = (v: string) => ({ value: v, fontWeight: 'bold' as const });
	const serviceCols = [
		'id',
		...own('name'),
		...own('description'),
		...own('eligibility_description'),
		...own('application_process'),
		'needs',
		'features',
		'languages',
		'location_ids',
		'url',
		'email',
		'status',
		'minimum_age',
		'maximum_age'
	];
	const example: Record<string, string> = {
		id: 'S1',
		name: 'Food parcels',
		description: 'Weekly food parcels for families.',
		eligibility_description: 'Anyone living in the city',
		application_process: 'Walk in',
		needs: 'basic-needs',
		features: 'free no-appointment',
		languages: 'it en',
		location_ids: 'L1',
		status: 'active'
	};
	const locationCols = ['id', ...own('name'), 'address_1', 'address_2', 'city', 'postal_code', 'country', 'latitude', 'longitude', ...own('transportation'), 'wheelchair_accessible'];
	const locationExample: Record<string, string> = { id: 'L1', name: 'Main office', address_1: 'Via Roma 1', city: 'Firenze', postal_code: '50100', country: 'IT', wheelchair_accessible: 'yes' };
	const hourCols = ['service_id', 'location_id', 'freq', 'byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to', 'closed', ...own('description')];
	const hourExamples: Record<string, string>[] = [
		{ service_id: 'S1', location_id: 'L1', freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:00', closes_at: '12:30' },
		{ service_id: 'S1', valid_from: '2026-12-24', valid_to: '2026-12-26', closed: 'yes', description: 'Christmas' }
	];
	const row = (cols: string[], ex: Record<string, string>) => cols.map((c) => (ex[c] ? { value: ex[c], type: String } : null));
	const rtl = textDirection(l) === 'rtl';
	const codeRows = [
		t.codeHeader.map(bold),
		...needs.map((n) => [{ value: n.code }, { value: 'needs' }, { value: n.name[l] }]),
		...features.map((f) => [{ value: f.code }, { value: 'features' }, { value: f.name[l] }]),
		// The list is the column the code goes in, so it stays as the column is named.
		...Object.entries(spokenLanguages).map(([code, name]) => [{ value: code }, { value: 'languages' }, { value: name }])
	];
	return writeXlsxFile(
		[
			{ sheet: 'README', data: t.readme.map((line, i) => [i === 0 ? bold(line) : { value: line }]), columns: [{ width: 110 }], rightToLeft: rtl },
			{ sheet: 'Services', data: [serviceCols.map(bold), row(serviceCols, example)], stickyRowsCount: 1, columns: serviceCols.map(() => ({ width: 22 })) },
			{ sheet: 'Locations', data: [locationCols.map(bold), row(locationCols, locationExample)], stickyRowsCount: 1, columns: locationCols.map(() => ({ width: 18 })) },
			{ sheet: 'Hours', data: [hourCols.map(bold), ...hourExamples.map((e) => row(hourCols, e))], stickyRowsCount: 1, columns: hourCols.map(() => ({ width: 14 })) },
			{ sheet: 'Codes', data: codeRows, stickyRowsCount: 1, columns: [{ width: 24 }, { width: 16 }, { width: 40 }], rightToLeft: rtl }
		] as never
	).toBuffer();
}
