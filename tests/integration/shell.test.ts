import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp({ smtp: false });
});
afterAll(() => app.stop());

describe('the running app', () => {
	it('reports database reachability on /healthz', async () => {
		const res = await app.client().get('/healthz');
		expect(res.status).toBe(200);
		expect(JSON.parse(res.html)).toMatchObject({ status: 'ok', database: { reachable: true } });
	});

	it('serves the home page with security headers and a request id', async () => {
		const res = await app.client().get('/');
		expect(res.status).toBe(200);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		// Public pages send no JavaScript at all, so not even a nonce is allowed for scripts.
		expect(csp).toMatch(/script-src 'self'(;|$)/);
		// Only the portal's one small same-origin file (portal track), allowed by script-src 'self'.
		expect(res.html.replace('<script src="/portal.js" defer=""></script>', '')).not.toMatch(/<script/);
		expect(csp).not.toContain('unsafe-inline');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(res.headers.get('permissions-policy')).toContain('camera=()');
		expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('picks the language from Accept-Language and sets dir for Arabic', async () => {
		const ar = await app.client({ locale: 'ar,en;q=0.5' }).get('/');
		expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
		const it_ = await app.client({ locale: 'it-IT,it;q=0.9' }).get('/');
		expect(it_.html).toMatch(/<html lang="it" dir="ltr">/);
	});

	it('remembers a language chosen with a plain link, and never redirects off-site', async () => {
		const c = app.client({ locale: 'en' });
		const res = await c.get('/language?set=fa&next=%2Fsignin');
		expect(res.status).toBe(303);
		expect(res.location).toBe('/signin');
		expect(c.cookies.get('convive_locale')).toBe('fa');
		const home = await c.get('/');
		expect(home.html).toMatch(/<html lang="fa" dir="rtl">/);

		for (const evil of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)']) {
			const r = await c.get(`/language?set=en&next=${encodeURIComponent(evil)}`);
			expect(r.location).toBe('/');
		}
		const bogus = await c.get('/language?set=xx&next=/');
		expect(bogus.status).toBe(303);
		expect(c.cookies.get('convive_locale')).toBe('en');
	});

	it('shows a translated 404 page without a stack trace', async () => {
		const res = await app.client({ locale: 'de' }).get('/no/such/page');
		expect(res.status).toBe(404);
		expect(res.html).toMatch(/<html lang="de"/);
		expect(text(res.html)).not.toMatch(/at .*\.js:\d+|Error:|node_modules/);
	});
});
