/**
 * The newcomer portal over real HTTP: the home page's needs and search, a
 * service page (hours, open now, documents, languages, text in other
 * languages marked), 404s for forged and non-public ids, the printable page
 * with a QR code decoded by a real QR decoder, and the offline copy.
 */
import { readFileSync, statSync } from 'node:fs';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../../src/lib/directory/taxonomy.ts';
import {
	locations,
	neighbourhoods,
	organisations,
	phones,
	requiredDocuments,
	schedules,
	serviceAreas,
	serviceAtLocations,
	services
} from '../../src/lib/server/db/schema/index.ts';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';

const portal = (l: string): Record<string, string> => JSON.parse(readFileSync(`messages/portal/${l}.json`, 'utf8'));
const common = (l: string): Record<string, string> => JSON.parse(readFileSync(`messages/common/${l}.json`, 'utf8'));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let app: TestApp;
const ids = { open: '', closed: '', stale: '', hidden: '' };
let today = '';

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	const db = app.database.db;
	const [org, hiddenOrg] = await db
		.insert(organisations)
		.values([
			{ slug: 'portal-verified', name: 'Portal Verified NGO', type: 'ngo', verification: 'verified' },
			{ slug: 'portal-unverified', name: 'Portal Unverified Group', type: 'informal_group' }
		])
		.returning();
	const [nb] = await db.insert(neighbourhoods).values({ slug: 'borgo-vecchio', name: 'Borgo Vecchio', latitude: 41.9, longitude: 12.5 }).returning();
	const [loc] = await db
		.insert(locations)
		.values({
			organisationId: org.id,
			name: { en: 'Community centre' },
			address1: 'Via delle Rose 12',
			city: 'Portavera',
			postalCode: '00100',
			neighbourhoodId: nb.id,
			transportation: { en: 'Tram 4 to Piazza Nuova, then the blue door left of the pharmacy.' },
			wheelchairAccessible: true
		})
		.returning();
	const [open, closed, stale, hidden] = await db
		.insert(services)
		.values([
			{
				organisationId: org.id,
				name: { en: 'Health desk for everyone', ar: 'مكتب الصحة للجميع' },
				description: { it: 'Visite mediche gratuite senza appuntamento.' },
				eligibility: { en: 'Anyone living in the city, with or without papers.' },
				applicationProcess: { en: 'Walk in and ask at the front desk.' },
				needs: ['health', 'mental-health'],
				features: ['free', 'no-permit-needed'],
				languages: ['en', 'ar', 'ti'],
				minimumAge: 16,
				url: 'https://health.example/desk',
				email: 'desk@health.example'
			},
			{ organisationId: org.id, name: { en: 'Closed food bank' }, needs: ['basic-needs'] },
			{ organisationId: org.id, name: { en: 'Old housing advice' }, needs: ['housing'], lastVerifiedAt: new Date(Date.now() - 400 * 86400_000) },
			{ organisationId: hiddenOrg.id, name: { en: 'Unverified desk' }, needs: ['legal'] }
		])
		.returning({ id: services.id });
	Object.assign(ids, { open: open.id, closed: closed.id, stale: stale.id, hidden: hidden.id });
	await db.insert(serviceAtLocations).values({ serviceId: open.id, locationId: loc.id });
	await db.insert(phones).values({ serviceId: open.id, number: '+39 06 123 4567' });
	await db.insert(serviceAreas).values([
		{ serviceId: open.id, name: 'Portavera (whole city)' },
		{ serviceId: open.id, neighbourhoodId: nb.id, description: { en: 'Home visits in this neighbourhood', ar: 'زيارات منزلية في هذا الحي' } }
	]);
	await db.insert(requiredDocuments).values([
		{ serviceId: open.id, document: { en: 'Any identity document, if you have one' } },
		{ serviceId: open.id, document: { en: 'Health card (tessera sanitaria)' } }
	]);
	// Open round the clock, so "open now" holds whenever the test runs.
	await db.insert(schedules).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ serviceId: open.id, weekday, opensAt: '00:00', closesAt: '24:00' })));
	// Closed today and for the next days by an exception, whatever its weekly hours.
	today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
	const plus3 = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() + 3 * 86400_000));
	await db.insert(schedules).values([
		...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ serviceId: closed.id, weekday, opensAt: '09:00', closesAt: '17:00' })),
		{ serviceId: closed.id, kind: 'exception' as const, validFrom: today, validTo: plus3, closed: true, description: { en: 'Staff holiday' } }
	]);
});
afterAll(() => app?.stop());

describe('home page', () => {
	it('lists all 16 needs as large links in Arabic, right to left', async () => {
		const res = await app.client({ locale: 'ar' }).get('/');
		expect(res.status).toBe(200);
		expect(res.html).toMatch(/<html lang="ar" dir="rtl">/);
		expect(text(res.html)).toContain(portal('ar').portal_need_title);
		expect(needs).toHaveLength(16);
		for (const n of needs) {
			const link = new RegExp(`<a class="need[^"]*" href="/services\\?need=${n.code}"><svg[^>]*aria-hidden="true"[^>]*><path d="[^"]+"></path></svg>(<!---->)?<span>${n.name.ar}</span></a>`);
			expect(res.html, n.code).toMatch(link);
		}
		// Still the welcome and the ways to take part.
		expect(text(res.html)).toContain(common('ar').home_take_part_title);
	});

	it('has a search form sent by GET to /services with the neighbourhoods, and "near me" only for scripts', async () => {
		const { html } = await app.client().get('/');
		const form = /<form method="GET" action="\/services"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
		expect(form).toContain('name="q"');
		expect(form).toMatch(/<select id="home-nb" name="nb">[\s\S]*<option value="borgo-vecchio">Borgo Vecchio<\/option>/);
		// Hidden without JavaScript; the script shows it.
		expect(form).toMatch(/<div class="near-me[^"]*" data-near-me="" hidden="">/);
		expect(form).not.toMatch(/name="(lat|lng)"/);
		// Exactly one small same-origin script, no inline script.
		const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
		expect(scripts).toEqual(['<script src="/portal.js" defer=""></script>']);
		expect(statSync('static/portal.js').size).toBeLessThanOrEqual(2048);
		const js = await fetch(`${app.url}/portal.js`);
		expect(js.status).toBe(200);
		expect(await js.text()).toContain("toFixed(3)");
	});
});

describe('service page', () => {
	it('shows what, who, what to bring, how, hours with open now, address in words, phone and languages', async () => {
		const res = await app.client().get(`/services/${ids.open}`);
		expect(res.status).toBe(200);
		const t = text(res.html);
		const en = portal('en');
		expect(res.html).toMatch(/<h1[^>]*>Health desk for everyone<\/h1>/);
		expect(t).toContain('Anyone living in the city, with or without papers.');
		expect(t).toContain('From age 16');
		expect(t).toContain(en.portal_bring);
		expect(t).toContain('Health card (tessera sanitaria)');
		expect(t).toContain('Walk in and ask at the front desk.');
		expect(t).toContain(en.portal_open_now);
		expect(t).not.toContain(en.portal_closed_now);
		expect(t).toContain('Monday 00:00–24:00');
		expect(t).toContain('Sunday 00:00–24:00');
		expect(t).toContain('Via delle Rose 12');
		expect(t).toContain('Neighbourhood: Borgo Vecchio');
		expect(t).toContain('Tram 4 to Piazza Nuova');
		expect(t).toContain(en.portal_wheelchair_yes);
		// Areas served: the neighbourhood first, with its note, then the wider area.
		const areas = /<h2>([^<]*)<\/h2>\s*<ul>([\s\S]*?)<\/ul>/.exec(res.html.slice(res.html.indexOf(`<h2>${esc(en.portal_areas)}</h2>`)));
		expect(areas?.[1]).toBe(esc(en.portal_areas));
		expect(text(areas?.[2] ?? '')).toBe('Borgo Vecchio : Home visits in this neighbourhood Portavera (whole city)');
		expect(res.html).toContain('href="tel:+39061234567"');
		expect(res.html).toContain('href="https://health.example/desk"');
		expect(res.html).toContain('href="mailto:desk@health.example"');
		// Languages by their own names, marked with their language.
		expect(res.html).toContain('<li lang="ar">العربية</li>');
		expect(res.html).toContain('<li lang="ti">ትግርኛ</li>');
		// Needs and features in words with icons, the organisation, the free cost.
		expect(t).toContain('Mental health');
		expect(t).toContain('No residence permit needed');
		expect(t).toContain(en.portal_free);
		expect(res.html).toContain('href="/organisations/portal-verified"');
		expect(t).toMatch(/Information last checked on [\w ,]+ \d{4}\./);
		expect(t).not.toContain(en.portal_stale);
		// Text only in Italian is marked as Italian on an English page.
		expect(res.html).toContain('<p class="prewrap" lang="it" dir="ltr">Visite mediche gratuite senza appuntamento.</p>');
		// Printable version linked; print styles present.
		expect(res.html).toContain(`href="/services/${ids.open}/print"`);
		expect(res.html).toContain('@media print');
	});

	it('reads in Arabic with the Arabic name, and English text marked left to right', async () => {
		const res = await app.client({ locale: 'ar' }).get(`/services/${ids.open}`);
		expect(res.html).toMatch(/<html lang="ar" dir="rtl">/);
		expect(res.html).toMatch(/<h1>مكتب الصحة للجميع<\/h1>/);
		expect(res.html).toContain('lang="en" dir="ltr">Anyone living in the city');
		expect(text(res.html)).toContain(portal('ar').portal_open_now);
		expect(text(res.html)).toContain(portal('ar').portal_areas);
		expect(res.html).toContain('<span>زيارات منزلية في هذا الحي</span>');
	});

	it('says closed now when an exception closes it, and lists the exception', async () => {
		const res = await app.client().get(`/services/${ids.closed}`);
		const t = text(res.html);
		expect(t).toContain(portal('en').portal_closed_now);
		expect(t).toContain(portal('en').portal_exceptions);
		expect(t).toContain('(Staff holiday)');
		expect(t).toMatch(/Opens \w+,? 09:00/);
	});

	it('warns that a record not checked for a year may be out of date', async () => {
		const res = await app.client().get(`/services/${ids.stale}`);
		expect(text(res.html)).toContain(portal('en').portal_stale);
		expect(text(res.html)).toContain(portal('en').portal_hours_unknown);
	});

	it.each([
		['an unknown id', () => '00000000-0000-4000-8000-000000000000'],
		['a malformed id', () => "1'%20or%201=1--"],
		['a very long id', () => 'x'.repeat(3000)],
		["an unverified organisation's service", () => ids.hidden]
	])('answers %s with a translated 404, not a 500', async (_label, id) => {
		for (const l of ['en', 'ar']) {
			const res = await app.client({ locale: l }).get(`/services/${id()}`);
			expect(res.status).toBe(404);
			expect(text(res.html)).toContain(common(l).error_not_found_title);
			const print = await app.client({ locale: l }).get(`/services/${id()}/print`);
			expect(print.status).toBe(404);
		}
	});
});

/** Turns the QR code's SVG path (one stroke per dark run: "M2 2.5h7m3 0h2…") into pixels. */
function rasterise(svg: string, scale = 8): { data: Uint8ClampedArray; width: number; height: number } {
	const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
	const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
	const dark = new Set<string>();
	let x = 0;
	let y = 0;
	for (const [, cmd, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
		const n = args.trim().split(/[\s,]+/).map(Number);
		if (cmd === 'M') [x, y] = [n[0], n[1]];
		else if (cmd === 'm') [x, y] = [x + n[0], y + n[1]];
		else {
			const len = cmd === 'h' ? n[0] : n[0] - x;
			for (let i = 0; i < len; i++) dark.add(`${x + i},${Math.floor(y)}`);
			x += len;
		}
	}
	const width = size * scale;
	const data = new Uint8ClampedArray(width * width * 4).fill(255);
	for (let py = 0; py < width; py++)
		for (let px = 0; px < width; px++) {
			if (!dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`)) continue;
			const i = (py * width + px) * 4;
			data[i] = data[i + 1] = data[i + 2] = 0;
		}
	return { data, width, height: width };
}

describe('page weight', () => {
	it('keeps the home, service and print pages within 14 KB gzip in every script', async () => {
		const { gzipSync } = await import('node:zlib');
		for (const l of ['en', 'ar', 'ti']) {
			for (const path of ['/', `/services/${ids.open}`, `/services/${ids.open}/print`, '/offline']) {
				const res = await app.client({ locale: l }).get(path);
				expect(gzipSync(res.html, { level: 6 }).length, `${l} ${path}`).toBeLessThanOrEqual(14 * 1024);
			}
		}
	});
});

describe('printable page', () => {
	it('has the essentials and a QR code that a real decoder reads as the service page address', async () => {
		const res = await app.client().get(`/services/${ids.open}/print`);
		expect(res.status).toBe(200);
		const t = text(res.html);
		expect(t).toContain('Health desk for everyone');
		expect(t).toContain('Via delle Rose 12');
		expect(t).toContain('+39 06 123 4567');
		expect(t).toContain('Health card (tessera sanitaria)');
		expect(t).toContain(`${portal('en').portal_areas} Borgo Vecchio : Home visits in this neighbourhood Portavera (whole city)`);
		expect(res.html).toContain('@media print');
		const svg = /<svg class="qr"[\s\S]*?<\/svg>/.exec(res.html)?.[0] ?? '';
		expect(svg).toContain('aria-hidden="true"');
		const img = rasterise(svg);
		const decoded = jsQR(img.data, img.width, img.height);
		expect(decoded?.data).toBe(`${app.url}/services/${ids.open}`);
		// The same address is printed in words for those without a camera.
		expect(t).toContain(`${app.url}/services/${ids.open}`);
		// No script on the print view.
		expect(res.html).not.toMatch(/<script\b/);
	});
});

describe('offline copy', () => {
	it('serves the public directory in one language, compact, gzipped and cacheable', async () => {
		const res = await fetch(`${app.url}/offline/directory.json?locale=ar`, { headers: { 'accept-encoding': 'gzip' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-encoding')).toBe('gzip');
		expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
		const raw = await fetch(`${app.url}/offline/directory.json?locale=ar`, { headers: { 'accept-encoding': 'identity' } });
		const body = await raw.text();
		const data = JSON.parse(body);
		expect(data.locale).toBe('ar');
		expect(Date.parse(data.savedAt)).toBeGreaterThan(Date.now() - 60_000);
		expect(data.messages.offline).toBe(portal('ar').portal_offline_notice);
		expect(data.needs).toHaveLength(16);
		expect(data.needs[0]).toEqual(['basic-needs', needs[0].name.ar]);
		// Only services of verified organisations.
		const got = new Map(data.services.map((s: { id: string }) => [s.id, s]));
		expect([...got.keys()].sort()).toEqual([ids.open, ids.closed, ids.stale].sort());
		expect(got.get(ids.open)).toEqual({
			id: ids.open,
			n: 'مكتب الصحة للجميع',
			d: 'Visite mediche gratuite senza appuntamento.',
			dl: 'it',
			nd: ['health', 'mental-health'],
			f: ['free', 'no-permit-needed'],
			l: ['en', 'ar', 'ti'],
			p: '+39 06 123 4567',
			a: 'Via delle Rose 12, Portavera',
			nb: 'Borgo Vecchio',
			h: [1, 2, 3, 4, 5, 6, 7].map((d) => [d, '00:00', '24:00'])
		});
		// Compact: well under 400 bytes a service before compression.
		expect(Buffer.byteLength(body)).toBeLessThan(2500 + data.services.length * 400);
		const gz = Buffer.from(await (await fetch(`${app.url}/offline/directory.json?locale=en`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer());
		expect(gz.length).toBeGreaterThan(0);
		// An unknown locale falls back to the reader's language (English here).
		const xx = await (await fetch(`${app.url}/offline/directory.json?locale=xx`, { headers: { 'accept-language': 'en' } })).json();
		expect(xx.locale).toBe('en');
	});

	it('has an offline page that needs its small script only to show the saved copy', async () => {
		const res = await app.client({ locale: 'ar' }).get('/offline');
		expect(res.status).toBe(200);
		expect(res.html).toContain('<script src="/offline.js" defer=""></script>');
		expect(res.html).toContain(`<noscript><p class="alert alert-info">${esc(portal('ar').portal_offline_needs_js)}</p></noscript>`);
		expect(res.html).toContain(`data-offline="${esc(portal('ar').portal_offline_notice)}"`);
	});

	it('serves the service worker, the manifest and its icons', async () => {
		const sw = await fetch(`${app.url}/sw.js`);
		expect(sw.status).toBe(200);
		expect(sw.headers.get('content-type')).toMatch(/javascript/);
		const manifest = await fetch(`${app.url}/manifest.webmanifest`);
		expect(manifest.status).toBe(200);
		const mf = await manifest.json();
		expect(mf.name).toBe('Convive');
		expect(mf.theme_color).toBe('#0b6e4f');
		for (const icon of mf.icons) {
			const r = await fetch(`${app.url}${icon.src}`);
			expect(r.status, icon.src).toBe(200);
			expect(r.headers.get('content-type')).toBe(icon.type);
		}
	});
});
