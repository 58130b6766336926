/**
 * Public pages stay light and work without JavaScript: no scripts at all,
 * CSS inlined (one request on a slow link), small enough for an old phone on
 * a weak connection, and no inline style attributes (strict CSP).
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { users } from '../../src/lib/server/db/schema/index.ts';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';

const LOCALES = ['en', 'it', 'es', 'fr', 'de', 'pl', 'el', 'ro', 'uk', 'ar', 'fa', 'ti'];
const gz = (s: string) => gzipSync(Buffer.from(s), { level: 6 }).length;
const styles = (html: string) => [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((x) => x[1]).join('\n');

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp({ smtp: false });
});
afterAll(() => app.stop());

describe('public pages', () => {
	for (const path of ['/', '/services', '/design', '/design/error/404']) {
		it(`${path} sends no JavaScript and needs no stylesheet request`, async () => {
			const res = await app.client().get(path);
			// The home and search pages may load the portal's one small same-origin script ("near me", offline saving); nothing else.
			const html = path === '/' || path === '/services' ? res.html.replace('<script src="/portal.js" defer=""></script>', '') : res.html;
			expect(html).not.toMatch(/<script\b/i);
			expect(html).not.toMatch(/modulepreload|\.js["']/);
			// Kit lists the CSS files as disabled links (never fetched); the CSS itself is inlined.
			for (const link of res.html.match(/<link[^>]+rel="stylesheet"[^>]*>/g) ?? []) expect(link).toMatch(/\sdisabled\b/);
			expect(styles(res.html).length).toBeGreaterThan(1000);
		});

		it(`${path} has no inline style attributes and every <style> carries the CSP nonce`, async () => {
			const res = await app.client().get(path);
			expect(res.html).not.toMatch(/\sstyle=/i);
			const csp = res.headers.get('content-security-policy') ?? '';
			const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
			expect(nonce).toBeTruthy();
			for (const tag of res.html.match(/<style[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
		});
	}

	for (const l of LOCALES) {
		it(`${l}: the home page is at most 14 KB gzip with its CSS, the CSS at most 8 KB`, async () => {
			const res = await app.client({ locale: l }).get('/');
			expect(gz(res.html)).toBeLessThanOrEqual(14 * 1024);
			expect(gz(styles(res.html))).toBeLessThanOrEqual(8 * 1024);
		});
	}

	it('the whole design catalogue stays under 14 KB gzip too', async () => {
		const res = await app.client({ locale: 'ti' }).get('/design');
		expect(gz(res.html)).toBeLessThanOrEqual(14 * 1024);
	});
});

describe('the shell', () => {
	it('has a skip link to main, and banner, labelled navigation, main and footer landmarks', async () => {
		const { html } = await app.client().get('/');
		expect(html.indexOf('class="skip-link" href="#main"')).toBeGreaterThan(-1);
		expect(html.indexOf('class="skip-link"')).toBeLessThan(html.indexOf('<header'));
		expect(html).toMatch(/<main id="main" tabindex="-1">/);
		expect(html.match(/<main\b/g)).toHaveLength(1);
		expect(html.match(/<h1\b/g)).toHaveLength(1);
		expect(html).toMatch(/<header class="site-header">[\s\S]*class="demo-notice"[\s\S]*<\/header>/);
		expect(html).toMatch(/<nav class="main-nav" aria-label="Main">/);
		expect(html).toMatch(/<footer class="site-footer">/);
		expect(html).toMatch(/<title>[^<]+<\/title>/);
	});

	it('offers sign-in and sign-up to visitors, and only links to pages that exist or are being built', async () => {
		const { html } = await app.client().get('/');
		expect(html).toContain('href="/signin"');
		expect(html).toContain('href="/signup"');
		const allowed = new Set(['/', '/organisations', '/signin', '/signup', '/design', '#main', '/offline', '/volunteer', '/buddies', '/activities', '/calls', '/assemblies', '/surveys', '/panels']);
		for (const [, href] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
			if (href.startsWith('/language?')) continue;
			// The needs of the directory, each a search (portal track).
			if (/^\/services\?need=[a-z-]+$/.test(href)) continue;
			expect(allowed, href).toContain(href.replace(/&amp;/g, '&'));
		}
	});

	it('shows the workspace and a sign-out button (a POST form) to a signed-in person, in their language', async () => {
		const [u] = await app.database.db
			.insert(users)
			.values({ displayName: 'Samira', passwordHash: 'x', kind: 'newcomer' })
			.returning({ id: users.id });
		const { token } = await createSession(app.database.db, u.id);
		const c = app.client({ locale: 'ar' });
		c.cookies.set(SESSION_COOKIE, token);
		const { html, headers } = await c.get('/');
		expect(html).toContain('href="/app"');
		expect(html).toMatch(/<form method="POST" action="\/signout"><button class="link-button" type="submit">تسجيل الخروج<\/button><\/form>/);
		const nav = /<nav class="main-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
		expect(nav).not.toContain('href="/signin"');
		expect(nav).not.toContain('href="/signup"');
		expect(html).not.toMatch(/href="\/sign(in|up)"/);
		expect(text(html)).toContain('مساحة عملي');
		// Their account (security, export, deletion) is one link away on every page.
		expect(nav).toMatch(/<a href="\/account"[^>]*>حسابي<\/a>/);
		expect(headers.get('cache-control')).toBe('private, no-store');
	});

	it('marks decorative icons as hidden from screen readers', async () => {
		const { html } = await app.client().get('/design');
		for (const svg of html.match(/<svg\b[^>]*>/g) ?? []) expect(svg).toContain('aria-hidden="true"');
	});
});

describe('the design catalogue', () => {
	let html: string;
	beforeAll(async () => {
		html = (await app.client().get('/design')).html;
	});
	const ids = () => [...html.matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]);

	it('uses every id once', () => {
		const all = ids();
		expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
	});

	it('labels every field, and points aria-describedby and aria-labelledby at real elements', () => {
		const all = new Set(ids());
		for (const control of html.match(/<(input|select|textarea)\b[^>]*>/g) ?? []) {
			const id = /\sid="([^"]+)"/.exec(control)?.[1];
			expect(id, control).toBeTruthy();
			expect(html, control).toContain(`for="${id}"`);
		}
		for (const [, refs] of html.matchAll(/aria-(?:describedby|labelledby)="([^"]+)"/g)) {
			for (const ref of refs.split(' ')) expect(all, ref).toContain(ref);
		}
	});

	it('marks fields in error for assistive technology and with words, not colour alone', () => {
		const phone = /<input[^>]*id="demo_phone"[^>]*>/.exec(html)?.[0] ?? '';
		expect(phone).toContain('aria-invalid="true"');
		expect(phone).toContain('aria-describedby="demo_phone-error"');
		expect(html).toMatch(/id="demo_phone-error"><svg[^>]*aria-hidden="true"[\s\S]*?<span class="visually-hidden">Error:<\/span>\s*Please fill in this field\./);
	});

	it('links each error in a form summary to its field', () => {
		const summary = /<div class="alert alert-error error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
		expect(summary).toContain('role="alert"');
		expect(summary).toContain('tabindex="-1"');
		const links = [...summary.matchAll(/href="#([^"]+)"/g)].map((x) => x[1]);
		expect(links).toEqual(['form_email', 'form_topics']);
		for (const id of links) expect(ids()).toContain(id);
		// Nothing takes focus on a plain visit: only right after a post.
		expect(summary).not.toContain('autofocus');
	});

	it('keeps the input of a failed form and marks required and optional fields in words', () => {
		expect(html).toMatch(/<input[^>]*id="form_email"[^>]*value="amal@"/);
		expect(html).toMatch(/for="form_email">E-mail <span class="marker">\(required\)<\/span>/);
		expect(html).toMatch(/for="demo_note">Message <span class="marker">\(optional\)<\/span>/);
	});

	it('names table regions and pagination, and marks the current page and tab', () => {
		expect(html).toMatch(/<div class="table-wrap[^"]*" role="region" aria-labelledby="[^"]+" tabindex="0">/);
		expect(html).toMatch(/<nav class="pagination" aria-label="Pages">/);
		// Several on one page get their own names (landmarks must be unique).
		expect(html).toMatch(/<nav class="pagination" aria-label="Pages \(last page\)">/);
		expect(html).toMatch(/aria-current="page" aria-label="Page 6, current page">6<\/a>/);
		expect(html).toMatch(/rel="prev"[\s\S]*?Previous page/);
		expect(html).toMatch(/<nav class="tabs" aria-label="Service sections">[\s\S]*?aria-current="page">About</);
	});

	it('builds dialogs from <details> so they open without JavaScript', () => {
		expect(html).toMatch(/<details class="dialog[^"]*"><summary class="btn btn-secondary">Leave group<\/summary>/);
		expect(html).toMatch(/<details class="dialog[^"]*" open=""><summary/);
	});
});
