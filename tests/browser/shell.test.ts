/**
 * The page shell in a real browser: languages and direction, the skip link,
 * the language switch by keyboard with JavaScript on and off, the 404 page,
 * and that public pages need no JavaScript. axe-core runs on every page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserTestApp, type Tab, type TabOptions } from './helpers.ts';

const messages = (locale: string): Record<string, string> =>
	JSON.parse(readFileSync(`messages/common/${locale}.json`, 'utf8'));

const env = browserTestApp({ name: 'shell' });
const tab = (opts: TabOptions = {}) => env.tab(opts);

describe.each([
	{ js: true, mode: 'JavaScript on' },
	{ js: false, mode: 'JavaScript off' }
])('the shell with $mode', ({ js }) => {
	it('serves the home page in English, left to right', async () => {
		const t = await tab({ js, locale: 'en' });
		await t.visit('/');
		expect(await t.htmlAttrs()).toEqual({ lang: 'en', dir: 'ltr' });
		await expect(t.page.locator('h1').count()).resolves.toBe(1);
		expect(await t.page.title()).toContain('Convive');
	});

	it('serves the home page in Arabic, right to left', async () => {
		const t = await tab({ js, locale: 'ar' });
		await t.visit('/');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		await expect(t.page.locator('h1').count()).resolves.toBe(1);
		// The language switch shows Arabic as the current language.
		await expect(t.page.locator('a[hreflang="ar"]').getAttribute('aria-current')).resolves.toBe('true');
	});

	it('makes the skip link the first thing Tab reaches, and it moves focus to the main content', async () => {
		const t = await tab({ js, locale: 'en' });
		await t.visit('/');
		await t.page.keyboard.press('Tab');
		const first = t.page.locator(':focus');
		await expect(first.getAttribute('href')).resolves.toBe('#main');
		// It is visible when focused (not only to screen readers).
		expect(await first.isVisible()).toBe(true);
		const box = await first.boundingBox();
		expect(box && box.y >= 0 && box.height > 0).toBe(true);
		await t.page.keyboard.press('Enter');
		await expect.poll(() => t.focusedMatches('main#main')).toBe(true);
	});

	it('lets the next Tab after the skip link land in the main content, not back in the header', async () => {
		// The 404 page has a link in <main>: after skipping, Tab reaches it first.
		const t = await tab({ js, locale: 'en' });
		await t.visit('/no/such/page', { status: 404 });
		await t.page.keyboard.press('Tab');
		expect(await t.focusedMatches('a.skip-link')).toBe(true);
		await t.page.keyboard.press('Enter');
		await expect.poll(() => t.focusedMatches('main#main')).toBe(true);
		await t.page.keyboard.press('Tab');
		expect(await t.focusedMatches('main a')).toBe(true);
	});

	it('switches the language by keyboard and comes back to the same page', async () => {
		const t = await tab({ js, locale: 'en' });
		await t.visit('/?from=switch');
		await t.tabTo('details.language-switch > summary');
		await t.page.keyboard.press('Enter');
		await expect(t.page.locator('details.language-switch').getAttribute('open')).resolves.not.toBeNull();
		await t.check(); // the open menu is accessible too
		await t.tabTo('details.language-switch a[hreflang="ar"]');
		await t.page.keyboard.press('Enter');
		await t.page.waitForURL((u) => u.pathname === '/' && u.search === '?from=switch');
		await expect.poll(async () => (await t.htmlAttrs()).dir).toBe('rtl');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		await t.check();
		// The choice is remembered (cookie), whatever the browser asks for.
		await t.visit('/');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		// And back to English the same way.
		await t.tabTo('details.language-switch > summary');
		await t.page.keyboard.press('Enter');
		await t.tabTo('details.language-switch a[hreflang="en"]');
		await t.page.keyboard.press('Enter');
		await expect.poll(async () => (await t.htmlAttrs()).lang).toBe('en');
		expect((await t.htmlAttrs()).dir).toBe('ltr');
		await t.check();
	});

	it('shows a translated 404 page', async () => {
		const en = messages('en');
		const e = await tab({ js, locale: 'en' });
		await e.visit('/no/such/page', { status: 404 });
		expect(await e.htmlAttrs()).toEqual({ lang: 'en', dir: 'ltr' });
		await expect(e.page.locator('h1').innerText()).resolves.toBe(en.error_not_found_title);
		await expect(e.page.locator('main').innerText()).resolves.not.toMatch(/Error:|at .*\.js:\d+|node_modules/);
		// A way back home.
		await expect(e.page.locator('main a[href="/"]').count()).resolves.toBe(1);

		const ar = messages('ar');
		const t = await tab({ js, locale: 'ar' });
		await t.visit('/no/such/page', { status: 404 });
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		expect(ar.error_not_found_title, 'messages/common/ar.json must translate error_not_found_title').toBeTruthy();
		expect(ar.error_not_found_title).not.toBe(en.error_not_found_title);
		await expect(t.page.locator('h1').innerText()).resolves.toBe(ar.error_not_found_title);
	});
});

describe('public pages without JavaScript', () => {
	// The public route group sets `csr = false`: an old phone on a slow link
	// downloads no JavaScript at all. (Pages under /app may hydrate.)
	it.each(['/', '/services', '/no/such/page'])('%s loads no JavaScript', async (path) => {
		const t = await tab({ js: true, locale: 'en' });
		const scripts: string[] = [];
		t.page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.push(r.url());
		});
		await t.visit(path, { status: path === '/no/such/page' ? 404 : 200 });
		const inPage = await t.page.evaluate(() => ({
			scripts: [...document.querySelectorAll('script')].map((s) => s.src || `inline: ${s.textContent?.slice(0, 60)}`),
			modulepreload: [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => (l as HTMLLinkElement).href)
		}));
		// The home and search pages load the portal's one small same-origin file ("near me", offline saving; portal track).
		const allowed = path === '/' || path === '/services' ? [`${env.app.url}/portal.js`] : [];
		expect(scripts.filter((u) => !u.endsWith('/sw.js')), 'JavaScript files requested').toEqual(allowed);
		expect(inPage.scripts, '<script> elements').toEqual(allowed);
		expect(inPage.modulepreload, 'modulepreload links').toEqual([]);
	});
});

/** Opens a page and forgets what happened so far, to test the checks in isolation. */
async function loadWithoutChecks(t: Tab, path: string): Promise<void> {
	await t.page.goto(path);
	await t.page.waitForLoadState('networkidle');
	t.problems.length = 0;
}

describe('the checks themselves', () => {
	// A checker that cannot fail proves nothing: break a page on purpose.
	it.each([true, false])('axe reports serious violations (JavaScript %s)', async (js) => {
		const t = await tab({ js, locale: 'en' });
		await loadWithoutChecks(t, '/');
		await t.page.evaluate(() => {
			const d = document.createElement('div');
			d.innerHTML = '<img src="/favicon.svg"><input type="text" name="unlabelled">';
			document.querySelector('main')?.append(d);
		});
		const error = await t.check().then(
			() => null,
			(e: Error) => e
		);
		expect(error?.message).toMatch(/\[critical\] image-alt/);
		expect(error?.message).toMatch(/\[critical\] label/);
		expect(error?.message).toContain('unlabelled');
	});

	it('notices a Content Security Policy violation', async () => {
		const t = await tab({ js: true, locale: 'en' });
		await loadWithoutChecks(t, '/');
		await t.page.evaluate(() => document.querySelector('h1')?.setAttribute('style', 'color: red'));
		await expect.poll(() => t.problems.length).toBeGreaterThan(0);
		await expect(t.check()).rejects.toThrow(/CSP violation/);
	});
});
