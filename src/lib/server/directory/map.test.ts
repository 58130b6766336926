/**
 * The ecosystem map against a small dataset made by hand, including gaps,
 * services that must not count (defunct, unverified organisation), both
 * filters, the languages view, and the exports read back by real parsers.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import type { Ctx } from '../context.ts';
import { locations, neighbourhoods, organisations, serviceAreas, serviceAtLocations, services } from '../db/schema/index.ts';
import { Refusal } from '../organisations/errors.ts';
import type { PlatformRole } from '../db/schema/index.ts';
import { ecosystemMap, mapCsv, mapXlsx, parseMapFilters, type MapTable } from './map.ts';

let d: TestDatabase;
const ctx = (platformRole: PlatformRole | null): Ctx => ({
	db: d.db,
	actor: { kind: 'user', userId: '00000000-0000-4000-8000-000000000001', personKind: 'resident', platformRole, memberships: new Map(), emailVerified: true, secondFactor: true, totpEnabled: true },
	ip: null,
	requestId: null,
	locale: 'en',
	origin: ''
});
const labels = { need: 'Need', total: 'Whole city' };
const cell = (t: MapTable, need: string, column: string) => t.rows.find((r) => r.code === need)!.cells[t.columns.findIndex((c) => c.label === column)];

beforeAll(async () => {
	d = await testDatabase();
	const [n1, n2, n3] = await d.db
		.insert(neighbourhoods)
		.values([
			{ slug: 'alpha', name: 'Alpha' },
			{ slug: 'beta', name: 'Beta' },
			{ slug: 'formula', name: '=HYPERLINK("http://evil")' }
		])
		.returning({ id: neighbourhoods.id });
	const [v, u] = await d.db
		.insert(organisations)
		.values([
			{ slug: 'map-v', name: 'Verified', type: 'ngo', verification: 'verified' },
			{ slug: 'map-u', name: 'Unverified', type: 'ngo' }
		])
		.returning({ id: organisations.id });
	const [l1, l3] = await d.db
		.insert(locations)
		.values([
			{ organisationId: v.id, neighbourhoodId: n1.id, address1: 'A 1' },
			{ organisationId: u.id, neighbourhoodId: n3.id, address1: 'C 1' }
		])
		.returning({ id: locations.id });
	const [s1, s2, s3, s4] = await d.db
		.insert(services)
		.values([
			{ organisationId: v.id, name: { en: 's1' }, needs: ['health', 'housing'], features: ['free'], languages: ['ar', 'en'] },
			{ organisationId: v.id, name: { en: 's2' }, needs: ['health'], languages: ['uk'] },
			{ organisationId: v.id, name: { en: 's3' }, needs: ['housing'], features: ['free'], status: 'defunct' },
			{ organisationId: u.id, name: { en: 's4' }, needs: ['health'] },
			{ organisationId: v.id, name: { en: 's5' }, needs: ['legal'] }
		])
		.returning({ id: services.id });
	await d.db.insert(serviceAtLocations).values([
		{ serviceId: s1.id, locationId: l1.id },
		{ serviceId: s2.id, locationId: l1.id },
		{ serviceId: s3.id, locationId: l1.id },
		{ serviceId: s4.id, locationId: l3.id }
	]);
	// s2 also serves Beta, and declares Alpha as an area too (still counted once there).
	await d.db.insert(serviceAreas).values([
		{ serviceId: s2.id, neighbourhoodId: n2.id },
		{ serviceId: s2.id, neighbourhoodId: n1.id }
	]);
});
afterAll(() => d.dispose());

describe('ecosystem map', () => {
	it('counts public services per need and neighbourhood, with gaps', async () => {
		const t = await ecosystemMap(ctx('integration_officer'), parseMapFilters(new URLSearchParams()), 'en');
		expect(t.columns.map((c) => c.label)).toEqual(['=HYPERLINK("http://evil")', 'Alpha', 'Beta']);
		expect(cell(t, 'health', 'Alpha')).toBe(2);
		expect(cell(t, 'health', 'Beta')).toBe(1);
		expect(cell(t, 'health', '=HYPERLINK("http://evil")')).toBe(0); // only an unverified organisation is there
		expect(cell(t, 'housing', 'Alpha')).toBe(1); // the defunct one does not count
		expect(cell(t, 'housing', 'Beta')).toBe(0);
		expect(t.rows.find((r) => r.code === 'legal')!.cells).toEqual([0, 0, 0]);
		expect(t.rows.find((r) => r.code === 'legal')!.total).toBe(1);
		expect(t.rows.find((r) => r.code === 'health')!.total).toBe(2);
		expect(t.max).toBe(2);
		expect(t.gaps).toBe(16 * 3 - 3);
		expect(t.rows[0].label).toBe('Food, clothes and shelter');
	});

	it('filters by feature and by spoken language, and shows needs by language', async () => {
		const free = await ecosystemMap(ctx('evaluator'), parseMapFilters(new URLSearchParams('feature=free')), 'en');
		expect(cell(free, 'health', 'Alpha')).toBe(1);
		expect(cell(free, 'health', 'Beta')).toBe(0);
		const uk = await ecosystemMap(ctx('admin'), parseMapFilters(new URLSearchParams('language=uk')), 'en');
		expect(cell(uk, 'health', 'Alpha')).toBe(1);
		expect(cell(uk, 'health', 'Beta')).toBe(1);
		expect(cell(uk, 'housing', 'Alpha')).toBe(0);
		const langs = await ecosystemMap(ctx('admin'), parseMapFilters(new URLSearchParams('view=languages')), 'it');
		expect(langs.rows.find((r) => r.code === 'health')!.label).toBe('Salute');
		expect(cell(langs, 'health', 'العربية')).toBe(1);
		expect(cell(langs, 'health', 'Українська')).toBe(1);
		expect(cell(langs, 'health', 'Italiano')).toBe(0);
		// Unknown filters are no filters, never an error or an injection.
		expect(parseMapFilters(new URLSearchParams("view=x&feature=free'--&language=zz"))).toEqual({ view: 'neighbourhoods', feature: null, language: null });
	});

	it('is for staff and evaluators only', async () => {
		await expect(ecosystemMap(ctx(null), parseMapFilters(new URLSearchParams()), 'en')).rejects.toBeInstanceOf(Refusal);
	});

	it('exports the view as CSV and XLSX that real parsers read back, formulas neutralised', async () => {
		const t = await ecosystemMap(ctx('admin'), parseMapFilters(new URLSearchParams()), 'en');
		const rows: string[][] = parseCsv(mapCsv(t, labels));
		expect(rows[0]).toEqual(['Need', `'=HYPERLINK("http://evil")`, 'Alpha', 'Beta', 'Whole city']);
		expect(rows.find((r) => r[0] === 'Health')).toEqual(['Health', '0', '2', '1', '2']);
		expect(rows).toHaveLength(17);

		const [sheet] = await readXlsxFile(await mapXlsx(t, labels, 'Ecosystem map'));
		expect(sheet.sheet).toBe('Ecosystem map');
		expect(sheet.data[0]).toEqual(['Need', `'=HYPERLINK("http://evil")`, 'Alpha', 'Beta', 'Whole city']);
		expect(sheet.data.find((r) => r[0] === 'Health')).toEqual(['Health', 0, 2, 1, 2]);
	});
});
