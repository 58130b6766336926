/**
 * The newcomer portal in a real browser: with JavaScript off from the home
 * page's need tiles to a service page and its print view, in English and
 * Arabic with axe-core on every page; "near me" with JavaScript on, from the
 * home page and on the search page (nearest first); and the offline mode
 * after one visit (service worker, saved pages, saved directory).
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
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
import { browserTestApp, type TabOptions, type Tab } from './helpers.ts';

const portal = (l: string): Record<string, string> => JSON.parse(readFileSync(`messages/portal/${l}.json`, 'utf8'));
const search = (l: string): Record<string, string> => JSON.parse(readFileSync(`messages/search/${l}.json`, 'utf8'));

let serviceId = '';

const env = browserTestApp({
	name: 'portal',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db
			.insert(organisations)
			.values({ slug: 'browser-clinic', name: 'Browser Clinic', type: 'ngo', verification: 'verified' })
			.returning();
		const [nb] = await db.insert(neighbourhoods).values({ slug: 'porto', name: 'Porto' }).returning();
		const [loc] = await db
			.insert(locations)
			.values({
				organisationId: org.id,
				address1: 'Via del Porto 3',
				city: 'Portavera',
				neighbourhoodId: nb.id,
				transportation: { en: 'Bus 12 to the harbour, green gate.', ar: 'الحافلة 12 إلى الميناء، البوابة الخضراء.' }
			})
			.returning();
		const [s] = await db
			.insert(services)
			.values({
				organisationId: org.id,
				name: { en: 'Harbour health point', ar: 'نقطة صحة الميناء' },
				description: { en: 'Nurses and a doctor, free, no appointment.' },
				needs: ['health'],
				features: ['free', 'no-appointment'],
				languages: ['en', 'ar']
			})
			.returning();
		serviceId = s.id;
		await db.insert(serviceAtLocations).values({ serviceId, locationId: loc.id });
		await db.insert(phones).values({ serviceId, number: '+39 06 555 0101' });
		await db.insert(requiredDocuments).values({ serviceId, document: { en: 'Nothing needed', ar: 'لا شيء مطلوب' } });
		await db.insert(serviceAreas).values([
			{ serviceId, neighbourhoodId: nb.id, description: { en: 'Home visits for families' } },
			{ serviceId, name: 'Portavera (whole city)' }
		]);
		await db.insert(schedules).values([1, 2, 3, 4, 5].map((weekday) => ({ serviceId, weekday, opensAt: '08:00', closesAt: '18:00' })));
	}
});
const tab = (opts: TabOptions = {}) => env.tab(opts);

describe.each(['en', 'ar'])('the portal with JavaScript off (%s)', (locale) => {
	it('goes from a need tile to a service page and its print view', async () => {
		const t = await tab({ js: false, locale });
		const p = portal(locale);
		await t.visit('/');
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		await expect(t.page.locator('a.need').count()).resolves.toBe(16);
		// "Near me" needs JavaScript: not shown without it.
		expect(await t.page.locator('[data-near-me]').isVisible()).toBe(false);
		const health = t.page.locator('a.need[href="/services?need=health"]');
		const [res] = await Promise.all([t.page.waitForNavigation(), health.click()]);
		expect(new URL(t.page.url()).searchParams.get('need')).toBe('health');
		// The search page belongs to the search track; once it is there, the service is found through it.
		if (res?.status() === 200) {
			await t.check();
			await t.clickAndCheck(t.page.locator(`a[href="/services/${serviceId}"]`).first());
		} else {
			await t.visit(`/services/${serviceId}`);
		}
		expect(new URL(t.page.url()).pathname).toBe(`/services/${serviceId}`);
		await expect(t.page.locator('h1').innerText()).resolves.toBe(locale === 'ar' ? 'نقطة صحة الميناء' : 'Harbour health point');
		const main = await t.page.locator('main').innerText();
		expect(main).toContain(p.portal_hours);
		expect(main).toMatch(new RegExp(`${p.portal_open_now}|${p.portal_closed_now}`));
		expect(main).toContain(locale === 'ar' ? 'لا شيء مطلوب' : 'Nothing needed');
		expect(main).toContain('العربية');
		expect(main).toContain(p.portal_areas);
		expect(main).toContain('Portavera (whole city)');
		// English text on an Arabic page is marked as English, left to right.
		if (locale === 'ar') {
			await expect(t.page.locator('p[lang="en"][dir="ltr"]', { hasText: 'Nurses and a doctor' }).count()).resolves.toBe(1);
			await expect(t.page.locator('span[lang="en"][dir="ltr"]', { hasText: 'Home visits for families' }).count()).resolves.toBe(1);
		}
		await t.clickAndCheck(t.page.locator(`a[href="/services/${serviceId}/print"]`));
		expect(new URL(t.page.url()).pathname).toBe(`/services/${serviceId}/print`);
		await expect(t.page.locator('svg.qr').count()).resolves.toBe(1);
		await expect(t.page.locator('main').innerText()).resolves.toContain('+39 06 555 0101');
		// Printed, the page drops the site's header.
		await t.page.emulateMedia({ media: 'print' });
		expect(await t.page.locator('.site-header').isVisible()).toBe(false);
		await t.page.emulateMedia({ media: 'screen' });
	});

	it('shows the offline page without its script as a clear message', async () => {
		const t = await tab({ js: false, locale });
		await t.visit('/offline');
		await expect(t.page.locator('main').innerText()).resolves.toContain(portal(locale).portal_offline_needs_js);
	});
});

describe('the portal with JavaScript on', () => {
	it('searches near me with the position rounded to about 100 m, only on request', async () => {
		const t = await tab({ js: true, locale: 'en' });
		await t.context.grantPermissions(['geolocation'], { origin: env.app.url });
		await t.context.setGeolocation({ latitude: 41.902783, longitude: 12.496366 });
		await t.visit('/');
		const button = t.page.locator('[data-near-me] button');
		expect(await button.isVisible()).toBe(true);
		await Promise.all([t.page.waitForURL((u) => u.pathname === '/services'), button.click()]);
		const url = new URL(t.page.url());
		expect(url.searchParams.get('lat')).toBe('41.903');
		expect(url.searchParams.get('lng')).toBe('12.496');
		expect(url.searchParams.has('nb')).toBe(false);
	});

	describe.each(['en', 'ar'])('near me on the search page (%s)', (locale) => {
		/** Three job desks around a point, made in an order that is neither by distance nor by name. */
		const here = { latitude: 41.90012, longitude: 12.50034 };
		const desks = [
			{ name: 'Job desk Collina', lat: 41.93, lng: 12.5 }, // about 3.3 km
			{ name: 'Job desk Stazione', lat: 41.9, lng: 12.501 }, // about 80 m from the rounded position
			{ name: 'Job desk Mercato', lat: 41.91, lng: 12.5 } // about 1.1 km
		];
		beforeAll(async () => {
			const db = env.app.database.db;
			const [org] = await db.select().from(organisations).where(eq(organisations.slug, 'browser-clinic'));
			for (const d of desks) {
				if ((await db.select().from(services).where(eq(services.organisationId, org.id))).some((x) => x.name.en === d.name)) continue;
				const [loc] = await db.insert(locations).values({ organisationId: org.id, address1: d.name, city: 'Portavera', latitude: d.lat, longitude: d.lng }).returning();
				const [s] = await db.insert(services).values({ organisationId: org.id, name: { en: d.name }, needs: ['work'] }).returning();
				await db.insert(serviceAtLocations).values({ serviceId: s.id, locationId: loc.id });
			}
		});
		const names = (t: Tab) => t.page.locator('ol.results h3 a').allInnerTexts();
		const distances = (t: Tab, l: string) => {
			const [m1, m2] = [search(l).search_distance_m, search(l).search_distance_km].map((x) => x.split('{distance}'));
			return t.page
				.locator('ol.results .meta span')
				.allInnerTexts()
				.then((all) => all.filter((x) => [m1, m2].some(([a, b]) => x.startsWith(a) && x.endsWith(b) && x.length > a.length + b.length)));
		};

		it('shows the results nearest first with their distance, and can search anywhere again', async () => {
			const t = await tab({ js: true, locale });
			await t.context.grantPermissions(['geolocation'], { origin: env.app.url });
			await t.context.setGeolocation(here);
			await t.visit('/services?need=work');
			expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
			expect(await distances(t, locale)).toEqual([]);
			const button = t.page.locator('[data-near-me] button');
			expect(await button.isVisible()).toBe(true);
			await expect(button.innerText()).resolves.toBe(portal(locale).portal_near_me);
			await Promise.all([t.page.waitForURL((u) => u.searchParams.has('lat')), button.click()]);
			await t.page.waitForLoadState('networkidle');
			await t.check();
			const url = new URL(t.page.url());
			expect(url.pathname).toBe('/services');
			expect([url.searchParams.get('lat'), url.searchParams.get('lng'), url.searchParams.get('need')]).toEqual(['41.900', '12.500', 'work']);
			// Nearest first, each with its distance.
			expect(await names(t)).toEqual(['Job desk Stazione', 'Job desk Mercato', 'Job desk Collina']);
			const shown = await distances(t, locale);
			expect(shown).toHaveLength(3);
			if (locale === 'en') expect(shown).toEqual(['80 m away', '1.1 km away', '3.3 km away']);
			await expect(t.page.locator('.near-point').innerText()).resolves.toContain(search(locale).search_near_point);

			// Forgetting the position keeps the rest of the search.
			await t.clickAndCheck(t.page.locator('a[data-no-point]'));
			const back = new URL(t.page.url());
			expect([back.searchParams.has('lat'), back.searchParams.has('lng'), back.searchParams.get('need')]).toEqual([false, false, 'work']);
			expect(await distances(t, locale)).toEqual([]);
			expect((await names(t)).sort()).toEqual(desks.map((d) => d.name).sort());
		});

		it('without JavaScript shows no "near me", and a search with a position still works', async () => {
			const t = await tab({ js: false, locale });
			await t.visit('/services?need=work');
			await expect(t.page.locator('[data-near-me]').count()).resolves.toBe(1);
			expect(await t.page.locator('[data-near-me]').isVisible()).toBe(false);
			expect(await t.page.locator('[data-near-me] button').isVisible()).toBe(false);
			// A link with a position (shared, or from the home page) sorts and measures without the script…
			await t.visit('/services?need=work&lat=41.900&lng=12.500');
			expect(await names(t)).toEqual(['Job desk Stazione', 'Job desk Mercato', 'Job desk Collina']);
			expect(await distances(t, locale)).toHaveLength(3);
			// …the neighbourhood is still the way to choose a place, and the position can be dropped.
			await expect(t.page.locator('select[name="nb"]').count()).resolves.toBe(1);
			await t.clickAndCheck(t.page.locator('a[data-no-point]'));
			expect(new URL(t.page.url()).searchParams.has('lat')).toBe(false);
			expect(await distances(t, locale)).toEqual([]);
		});
	});

	it('after one visit, shows saved pages and the saved directory offline, and says so', async () => {
		const t = await tab({ js: true, locale: 'en' });
		await t.visit('/');
		// The service worker takes over the page and saves the offline page and directory.
		await t.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 15_000 });
		await t.visit(`/services/${serviceId}`);
		await t.page.waitForFunction(
			async () => !!(await caches.match('/offline/directory.json?locale=en')) && !!(await caches.match(location.href)),
			undefined,
			{ timeout: 15_000 }
		);
		await t.context.setOffline(true);
		await t.page.reload();
		await t.check();
		const notice = t.page.locator('[data-offline-copy]');
		await expect(notice.innerText()).resolves.toMatch(/^You are offline: this is a copy saved on .+\d{4}/);
		await expect(t.page.locator('h1').innerText()).resolves.toBe('Harbour health point');

		await t.page.goto('/offline');
		await t.page.locator('#offline-list li').first().waitFor();
		await t.check();
		const main = await t.page.locator('main').innerText();
		expect(main).toMatch(/You are offline: this is a copy saved on .+\d{4}/);
		// One notice, not the worker's and the page's both.
		expect(main.match(/You are offline/g)).toHaveLength(1);
		expect(main).toContain('Harbour health point');
		expect(main).toContain('+39 06 555 0101');
		// A page never opened falls back to the offline page, marked as a copy.
		await t.page.goto('/organisations');
		await expect(t.page.locator('h1').innerText()).resolves.toBe(portal('en').portal_offline_title);
		await t.context.setOffline(false);
	});
});
