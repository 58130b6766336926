/**
 * The public search page over real HTTP: a GET form that works without
 * JavaScript, in the reader's language and direction, that never answers
 * junk with an error.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';
import { seedSearchFixtures, type SearchFixtures } from '../helpers/search-fixtures.ts';

let app: TestApp;
let f: SearchFixtures;
beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	f = await seedSearchFixtures(app.database.db);
});
afterAll(() => app?.stop());

const links = (html: string) => [...html.matchAll(/href="\/services\/([0-9a-f-]{36})"/g)].map((x) => x[1]);

describe('/services', () => {
	it('shows results in Arabic, right to left, with Arabic names and other text marked with its language', async () => {
		const res = await app.client({ locale: 'ar' }).get('/services?need=legal');
		expect(res.status).toBe(200);
		expect(res.html).toMatch(/<html[^>]*\sdir="rtl"/);
		expect(res.html).toMatch(/<html[^>]*\slang="ar"/);
		expect(res.html).toContain('عيادة الاستشارة القانونية');
		expect(res.html).toContain('الاستشارة القانونية والوثائق'); // the need, in words
		expect(links(res.html)).toEqual([f.ids.legal]);
		// The food bank has no Arabic name: its English one is marked lang="en" dir="ltr".
		const food = await app.client({ locale: 'ar' }).get('/services?need=basic-needs');
		expect(food.html).toMatch(/lang="en" dir="ltr">Community food bank</);
	});

	it('works as a plain GET form with every filter, and no script but the portal\'s "near me"', async () => {
		const res = await app.client().get('/services');
		expect(res.html).toMatch(/<form[^>]*method="GET"[^>]*action="\/services"/);
		for (const name of ['q', 'need', 'lang', 'nb', 'open', 'feature']) expect(res.html).toContain(`name="${name}"`);
		// Exactly the portal's one small same-origin script, no inline script; "near me" stays hidden until it runs.
		expect(res.html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g)).toEqual(['<script src="/portal.js" defer=""></script>']);
		const form = /<form method="GET" action="\/services"[\s\S]*?<\/form>/.exec(res.html)?.[0] ?? '';
		expect(form).toMatch(/<div class="near-me[^"]*" data-near-me="" hidden="">/);
		// No position given: none sent, and nothing to forget.
		expect(form).not.toMatch(/name="(lat|lng)"/);
		expect(res.html).not.toContain('data-no-point');
		const gz = gzipSync(Buffer.from(res.html), { level: 6 }).length;
		expect(gz).toBeLessThanOrEqual(14 * 1024);
	});

	it('filters: need, feature, language, neighbourhood', async () => {
		const c = app.client();
		expect((await c.get('/services?need=language-courses')).html).toContain('Italian language course for adults');
		expect(links((await c.get('/services?feature=free&feature=anonymous')).html)).toEqual([f.ids.food]);
		expect(links((await c.get('/services?lang=ar&need=legal')).html)).toEqual([f.ids.legal]);
		const collina = await c.get('/services?nb=collina');
		expect(links(collina.html).sort()).toEqual([f.ids.food, f.ids.legal].sort());
		// The selected filters stay selected in the form.
		expect(collina.html).toMatch(/<option value="collina" selected/);
	});

	it('searches text and shows distance when a place is given; never shows unverified organisations', async () => {
		const c = app.client({ locale: 'it' });
		const res = await c.get('/services?q=corso&lat=40.8505&lng=14.2705');
		expect(links(res.html)[0]).toBe(f.ids.italian);
		expect(res.html).toMatch(/a \d+ m/);
		expect(res.html).not.toContain('ombra');
		const all = await c.get('/services?need=language-courses');
		expect(links(all.html)).not.toContain(f.ids.shadow);
	});

	it('keeps a position from "near me" in the form, and offers to search anywhere instead', async () => {
		const res = await app.client().get('/services?need=language-courses&lang=it&lat=40.85&lng=14.27');
		expect(res.status).toBe(200);
		const form = /<form method="GET" action="\/services"[\s\S]*?<\/form>/.exec(res.html)?.[0] ?? '';
		// Changing a filter keeps the position…
		expect(form).toMatch(/<input type="hidden" name="lat" value="40.85"\s*\/?>/);
		expect(form).toMatch(/<input type="hidden" name="lng" value="14.27"\s*\/?>/);
		expect(text(form)).toContain('Nearest to your position first.');
		// …and a plain link (no JavaScript needed) forgets it and keeps the rest of the search.
		const anywhere = /<a href="([^"]+)" data-no-point="">([^<]+)<\/a>/.exec(form);
		expect(anywhere?.[2]).toBe('Search anywhere instead');
		expect(anywhere?.[1].replace(/&amp;/g, '&')).toBe('/services?need=language-courses&lang=it');
		expect(res.html).toMatch(/\d+ m away/);
		const away = await app.client().get(anywhere![1].replace(/&amp;/g, '&'));
		expect(away.html).not.toMatch(/name="(lat|lng)"/);
		expect(away.html).not.toMatch(/\d+ (k?m) away/);
		// The same services, no longer measured from the position.
		expect(links(res.html).length).toBeGreaterThan(0);
		expect(links(away.html).sort()).toEqual(links(res.html).sort());
		// In Arabic the note reads right to left with the page.
		const ar = await app.client({ locale: 'ar' }).get('/services?lat=40.85&lng=14.27');
		expect(ar.html).toMatch(/<html[^>]*\sdir="rtl"/);
		expect(text(ar.html)).toContain('الأقرب إلى موقعك أولاً.');
		expect(text(ar.html)).toContain('ابحث في أي مكان');
	});

	it('marks records not checked for a year as maybe out of date', async () => {
		const res = await app.client().get('/services?need=health');
		expect(links(res.html)).toEqual([f.ids.clinic]);
		expect(res.html).toContain('May be out of date');
		const fresh = await app.client().get('/services?need=legal');
		expect(fresh.html).not.toContain('May be out of date');
	});

	it('answers a 10 KB query with 200', async () => {
		const res = await app.client().get(`/services?q=${encodeURIComponent('corsi '.repeat(1700))}`);
		expect(res.status).toBe(200);
		expect(res.html).toContain('No services match this search');
	});

	it('never answers junk parameters with an error, and says gently what it left out', async () => {
		const junk = [
			'need=unknown',
			'page=abc',
			'page=-1',
			'page=99999999999',
			'lat=400&lng=14',
			'lat=abc&lng=def',
			'nb=nowhere',
			'nb=%00%ff',
			'lang=klingon',
			'feature=%27%20or%201%3D1',
			'perPage=100000',
			'open=maybe',
			'q=%F0%9F%98%80%20%D8%B9%D9%8A%D8%A7%D8%AF%D8%A9%20%26%20%7C%20!%20(',
			"q=';drop table services;--",
			'q=%ED%A0%80',
			'need=a&need=b&need=c&need=legal'
		];
		for (const qs of junk) {
			const res = await app.client().get(`/services?${qs}`);
			expect(res.status, qs).toBe(200);
		}
		const res = await app.client().get('/services?need=unknown&need=legal&page=abc');
		expect(res.html).toContain('Part of your search was not understood');
		expect(links(res.html)).toEqual([f.ids.legal]);
		const clean = await app.client().get('/services?need=legal');
		expect(clean.html).not.toContain('Part of your search was not understood');
	});

	it('offers a way out when nothing matches', async () => {
		const res = await app.client().get('/services?q=corsi&need=housing');
		expect(res.html).toContain('No services match this search');
		expect(res.html).toContain('href="/services?q=corsi"');
	});
});
