import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import {
	CENTRE,
	HOLIDAY_MORNING,
	MONDAY_EVENING,
	MONDAY_MORNING,
	seedSearchFixtures,
	type SearchFixtures
} from '../../../../tests/helpers/search-fixtures.ts';
import { services } from '../db/schema/index.ts';
import {
	cleanQueryText,
	localMoment,
	MAX_QUERY_LENGTH,
	parseSearchQuery,
	queryConfigs,
	rowsOf,
	searchQuerySchema,
	searchServices,
	searchSql
} from './search.ts';

let d: TestDatabase;
let f: SearchFixtures;

beforeAll(async () => {
	d = await testDatabase();
	f = await seedSearchFixtures(d.db);
	// 45 more services for paging, all under one need nothing else uses: group 00 verified most
	// recently, one day apart; every ninth also named in Arabic.
	await d.db.insert(services).values(
		Array.from({ length: 45 }, (_, i) => ({
			organisationId: f.orgs.open,
			name: {
				en: `Volunteer group ${String(i).padStart(2, '0')}`,
				...(i % 9 === 4 ? { ar: `مجموعة المتطوعين ${i}` } : {})
			},
			needs: ['volunteering'],
			lastVerifiedAt: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000)
		}))
	);
});
afterAll(() => d?.dispose());

const search = (query: Record<string, unknown>, locale = 'en', now = MONDAY_MORNING) =>
	searchServices(d.db, query, { locale, now });
const idsOf = async (query: Record<string, unknown>, locale = 'en', now = MONDAY_MORNING) =>
	(await search(query, locale, now)).results.map((r) => r.id);

describe('searchQuerySchema and parseSearchQuery', () => {
	it('cuts long text instead of refusing it, without splitting characters', () => {
		const long = '😀'.repeat(5000);
		const q = searchQuerySchema.parse({ q: long }).q;
		expect(Array.from(q)).toHaveLength(MAX_QUERY_LENGTH);
		expect(q.isWellFormed()).toBe(true);
		expect(cleanQueryText('  corsi\u0000 di\u202e italiano  ')).toBe('corsi di italiano');
		expect(cleanQueryText('\ud800abc')).toBe('abc');
	});

	it('drops what it cannot use and says which fields it dropped', () => {
		const sp = new URLSearchParams(
			'q=corsi&need=language-courses&need=unknown&feature=free&lang=ITA&open=1&nb=Bad Slug!&lat=140&lng=14.2&page=abc&perPage=999'
		);
		const { query, ignored } = parseSearchQuery(sp);
		expect(query).toMatchObject({
			q: 'corsi',
			need: ['language-courses'],
			feature: ['free'],
			lang: null,
			open: true,
			nb: null,
			point: null,
			page: 1,
			perPage: 50
		});
		expect(ignored.sort()).toEqual(['lang', 'lat', 'lng', 'nb', 'need', 'page'].sort());
		expect(parseSearchQuery({ lat: '40.85', lng: '14.27', lang: 'ar' }).query).toMatchObject({
			point: CENTRE,
			lang: 'ar'
		});
		expect(parseSearchQuery({}).ignored).toEqual([]);
	});

	it('reads the time in the city, not on the server', () => {
		expect(localMoment(MONDAY_MORNING, 'Europe/Rome')).toEqual({ weekday: 1, date: '2026-01-12', time: '10:30' });
		// 23:30 UTC on Sunday is already Monday in Rome.
		expect(localMoment(new Date('2026-01-11T23:30:00Z'), 'Europe/Rome')).toEqual({
			weekday: 1,
			date: '2026-01-12',
			time: '00:30'
		});
	});
});

describe('searchServices', () => {
	it('stems Italian: "corso" finds "Corsi di italiano"', async () => {
		expect(await idsOf({ q: 'corso italiano' }, 'it')).toContain(f.ids.italian);
	});

	it('stems English: "courses" finds "language course"', async () => {
		const ids = await idsOf({ q: 'courses' }, 'en');
		expect(ids).toContain(f.ids.italian);
		expect(ids).not.toContain(f.ids.food);
	});

	it('finds Arabic text, stemmed for an Arabic reader and in any locale', async () => {
		expect(await idsOf({ q: 'دورة اللغة' }, 'ar')).toContain(f.ids.italian);
		expect(await idsOf({ q: 'القانونية' }, 'en')).toEqual([f.ids.legal]);
	});

	it('matches text in every locale, not only the reader’s', async () => {
		// A French name found by an English reader, a Ukrainian one by an Italian reader.
		expect(await idsOf({ q: 'permanence juridique' }, 'en')).toEqual([f.ids.legal]);
		expect(await idsOf({ q: 'Продовольчий' }, 'it')).toEqual([f.ids.food]);
	});

	it('tolerates typos in names when full text finds little', async () => {
		const ids = await idsOf({ q: 'langauge' });
		expect(ids).toContain(f.ids.italian);
		expect(ids).toContain(f.ids.online);
		expect(await idsOf({ q: 'xqzvwk' })).toEqual([]);
	});

	it('filters by need (any of), feature (all of) and language spoken', async () => {
		expect((await idsOf({ need: 'language-courses' })).sort()).toEqual([f.ids.italian, f.ids.online].sort());
		expect((await idsOf({ need: ['health', 'legal'] })).sort()).toEqual([f.ids.clinic, f.ids.legal].sort());
		expect((await idsOf({ feature: ['free', 'anonymous'] })).sort()).toEqual([f.ids.food]);
		expect((await idsOf({ lang: 'ar' })).sort()).toEqual([f.ids.italian, f.ids.legal].sort());
		expect(await idsOf({ lang: 'uk', need: 'basic-needs', feature: 'free' })).toEqual([f.ids.food]);
	});

	it('filters by neighbourhood: a location there or an area served there', async () => {
		expect((await idsOf({ nb: 'centro' })).sort()).toEqual([f.ids.italian, f.ids.clinic].sort());
		// The food bank is in Porto and serves Collina; the legal clinic has a location in each.
		expect((await idsOf({ nb: 'collina' })).sort()).toEqual([f.ids.food, f.ids.legal].sort());
		expect(await idsOf({ nb: 'nowhere' })).toEqual([]);
	});

	it('knows what is open now in the city, from weekly hours', async () => {
		expect((await idsOf({ open: '1' }, 'en', MONDAY_MORNING)).sort()).toEqual(
			[f.ids.italian, f.ids.legal, f.ids.clinic].sort()
		);
		expect(await idsOf({ open: '1' }, 'en', MONDAY_EVENING)).toEqual([]);
		// Saturday 11:00 in Rome: only the food bank.
		expect(await idsOf({ open: '1' }, 'en', new Date('2026-01-17T10:00:00Z'))).toEqual([f.ids.food]);
	});

	it('applies exceptions: a holiday closes one service and shortens another’s hours', async () => {
		// Tuesday 6 January, 11:00: the legal clinic is closed for the holiday; the health clinic keeps 09–12.
		const holiday = await idsOf({ open: '1' }, 'en', HOLIDAY_MORNING);
		expect(holiday).not.toContain(f.ids.legal);
		expect(holiday).toContain(f.ids.clinic);
		// 12:30 that day: the clinic's special hours are over, though its weekly hours run to 14:00.
		expect(await idsOf({ open: '1' }, 'en', new Date('2026-01-06T11:30:00Z'))).not.toContain(f.ids.clinic);
		// The following Tuesday the legal clinic is open again.
		expect(await idsOf({ open: '1' }, 'en', new Date('2026-01-13T10:00:00Z'))).toContain(f.ids.legal);
	});

	it('orders by distance from a point and reports metres to the nearest location', async () => {
		const page = await search({ lat: '40.8405', lng: '14.2505', perPage: '50' });
		const ids = page.results.map((r) => r.id);
		// The legal clinic has a location next door; the food bank is ~60 m away; services without a place come last.
		expect(ids.slice(0, 2)).toEqual([f.ids.legal, f.ids.food]);
		const legal = page.results[0];
		expect(legal.distanceMetres).toBeLessThan(5);
		expect(legal.location).toEqual({ address: 'Molo 9, Portavera', neighbourhood: 'Porto' });
		const dist = page.results.map((r) => r.distanceMetres ?? Number.POSITIVE_INFINITY);
		expect(dist).toEqual([...dist].sort((a, b) => a - b));
		expect(page.results.find((r) => r.id === f.ids.online)?.distanceMetres).toBeNull();
		// Without a point: no distance, the first location's address.
		const plain = await search({ q: 'legal advice' });
		expect(plain.results[0].distanceMetres).toBeNull();
		expect(plain.results[0].location?.address).toMatch(/^Molo 9|^Salita Alta 7/);
	});

	it('never shows services of unverified or rejected organisations, or retired services', async () => {
		const everything = await idsOf({ perPage: '50' });
		const more = await idsOf({ perPage: '50', page: '2' });
		const all = [...everything, ...more];
		for (const hidden of [f.ids.shadow, f.ids.refused, f.ids.retired]) expect(all).not.toContain(hidden);
		expect(await idsOf({ q: 'shadow' })).toEqual([]);
		expect(await idsOf({ q: 'ombra' }, 'it')).toEqual([]);
		expect(await idsOf({ open: '1' }, 'en', new Date('2026-01-11T12:00:00Z'))).toEqual([]);
		expect(all).toContain(f.ids.clinic); // temporarily closed still shows
	});

	it('pages with a total that does not depend on the page', async () => {
		const p1 = await search({ need: 'volunteering' });
		const p3 = await search({ need: 'volunteering', page: '3' });
		const p9 = await search({ need: 'volunteering', page: '9' });
		expect([p1.total, p3.total, p9.total]).toEqual([45, 45, 45]);
		expect(p1.pageCount).toBe(3);
		expect(p1.results).toHaveLength(20);
		expect(p3.results).toHaveLength(5);
		expect(p9.results).toHaveLength(0);
		const p2 = await search({ need: 'volunteering', page: '2' });
		const seen = new Set([...p1.results, ...p2.results, ...p3.results].map((r) => r.id));
		expect(seen.size).toBe(45);
		// With nothing else to rank by: the most recently verified first.
		expect(p1.results.map((r) => r.name.en).slice(0, 3)).toEqual(['Volunteer group 00', 'Volunteer group 01', 'Volunteer group 02']);
		expect(p3.results.at(-1)?.name.en).toBe('Volunteer group 44');
	});

	it('finds words typed in another language than the page’s, stemmed', async () => {
		// "permits" only meets the description's "permits" (stored as "permit") through English
		// stemming, on an Arabic page too; names are not involved, so typo matching cannot help.
		expect(await idsOf({ q: 'residence permits' }, 'ar')).toEqual([f.ids.legal]);
		expect(queryConfigs('legal advices', 'arabic')).toEqual(expect.arrayContaining(['simple', 'arabic', 'english', 'italian']));
		expect(queryConfigs('دورة لغة', 'english')).toEqual(['simple', 'english', 'arabic']);
		expect(queryConfigs('Мовний курс', 'simple')).toEqual(['simple']);
	});

	it('puts services written in the reader’s language first among equals', async () => {
		const page = await search({ need: 'volunteering' }, 'ar');
		expect(page.results.slice(0, 5).map((r) => r.name.ar)).toEqual([4, 13, 22, 31, 40].map((i) => `مجموعة المتطوعين ${i}`));
		expect(page.results[5].name.en).toBe('Volunteer group 00');
	});

	it('returns the fields a results page shows', async () => {
		const [r] = (await search({ q: 'food bank' })).results;
		expect(r).toMatchObject({
			id: f.ids.food,
			organisationName: 'Casa Aperta',
			needs: ['basic-needs'],
			features: ['free', 'anonymous'],
			languages: ['it', 'uk'],
			distanceMetres: null,
			location: { address: 'Molo 3, Portavera', neighbourhood: 'Porto' }
		});
		expect(r.name.uk).toBe('Продовольчий банк');
		expect(r.lastVerifiedAt).toBeInstanceOf(Date);
	});

	it('survives hostile text: operators, SQL, emoji, mixed scripts, 10 KB', async () => {
		const hostile = [
			"'; drop table services; --",
			'corsi & | ! : * ( ) <-> "',
			'!!!',
			'***:*',
			'(((((',
			'a:* & !b | c <2> d',
			'😀🏠 cibo قانون Їжа',
			'x'.repeat(10_240),
			'the and of',
			'\u0000\u202e',
			'%_\\',
			'"unterminated'
		];
		for (const q of hostile) {
			const page = await search({ q });
			expect(page.page).toBe(1);
			expect(page.results.length).toBeLessThanOrEqual(20);
		}
		expect(await idsOf({ q: "'; drop table services; --" })).toEqual([]);
		const count = rowsOf<{ n: number }>(await d.db.execute(sql`select count(*)::int as n from services`))[0].n;
		expect(count).toBeGreaterThan(45);
	});

	it('never throws for any string and always returns a valid page (property)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string({ maxLength: 300 }),
					fc.string({ unit: 'binary', maxLength: 80 }),
					fc.string({
						unit: fc.constantFrom('&', '|', '!', ':', '*', '(', ')', "'", '"', '\\', '\u0000', '\ud800', '😀', 'ق', 'Ї', ' ', '<->', 'a', 'corsi'),
						maxLength: 60
					})
				),
				fc.constantFrom('en', 'it', 'ar', 'uk', 'fa', 'xx'),
				async (q, locale) => {
					const page = await searchServices(d.db, { q }, { locale, now: MONDAY_MORNING });
					expect(Number.isInteger(page.total)).toBe(true);
					expect(page.results.length).toBeLessThanOrEqual(Math.min(page.perPage, page.total));
				}
			),
			{ numRuns: 60 }
		);
	});

	it('the raw SQL alone gives the same rows as the use case', async () => {
		const { query } = parseSearchQuery({ q: 'language', lat: '40.85', lng: '14.27' });
		const rows = rowsOf<{ id: string }>(await d.db.execute(searchSql(query, 'en', { now: MONDAY_MORNING })));
		const page = await searchServices(d.db, query, { locale: 'en', now: MONDAY_MORNING });
		expect(rows.map((r) => r.id)).toEqual(page.results.map((r) => r.id));
	});
});
