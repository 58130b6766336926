import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as { locales: string[] };
const common = (l: string) => JSON.parse(readFileSync(`messages/common/${l}.json`, 'utf8')) as Record<string, string>;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp({ smtp: false });
});
afterAll(() => app.stop());

describe('the page in every language', () => {
	it('has twelve languages to test', () => expect(settings.locales).toHaveLength(12));

	for (const l of settings.locales) {
		it(`${l}: <html lang dir>, translated heading, shell and language links`, async () => {
			const res = await app.client({ locale: l }).get('/');
			expect(res.status).toBe(200);
			const dir = l === 'ar' || l === 'fa' ? 'rtl' : 'ltr';
			expect(res.html).toMatch(new RegExp(`<html lang="${l}" dir="${dir}">`));
			const msg = common(l);
			const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(res.html)?.[1] ?? '';
			expect(text(h1)).toBe(msg.home_title.replace('{city}', 'Portavera'));
			const page = text(res.html);
			for (const k of ['skip_to_content', 'home_find_help_title', 'home_take_part_title', 'home_orgs_title', 'footer_about']) {
				expect(page, k).toContain(msg[k]);
			}
			expect(res.html).toContain(`aria-label="${esc(msg.nav_main)}"`);
			// One link per language, each named in its own language and marked with it.
			for (const other of settings.locales) {
				expect(res.html).toMatch(new RegExp(`<a href="/language\\?set=${other}&amp;next=%2F" lang="${other}" hreflang="${other}"`));
			}
		});
	}

	it('uses English for a language it does not have', async () => {
		const res = await app.client({ locale: 'sw,xx;q=0.8' }).get('/');
		expect(res.html).toMatch(/<html lang="en" dir="ltr">/);
	});
});

describe('the error page', () => {
	const cases: [number, string, string][] = [
		[400, 'error_bad_request_title', 'error_bad_request'],
		[401, 'error_forbidden_title', 'error_forbidden_text'],
		[403, 'error_forbidden_title', 'error_forbidden_text'],
		[404, 'error_not_found_title', 'error_not_found_text'],
		[413, 'error_too_large_title', 'error_too_large'],
		[429, 'error_rate_limited_title', 'error_rate_limited'],
		[500, 'error_server_title', 'error_server_text']
	];
	for (const l of ['en', 'ar', 'ti']) {
		for (const [status, title, body] of cases) {
			it(`${l} ${status}: translated title and advice, never the internal message`, async () => {
				const res = await app.client({ locale: l }).get(`/design/error/${status}`);
				expect(res.status).toBe(status);
				const msg = common(l);
				expect(text(/<h1[^>]*>[\s\S]*?<\/h1>/.exec(res.html)?.[0] ?? '')).toBe(msg[title]);
				expect(text(res.html)).toContain(msg[body]);
				expect(res.html).toMatch(/<title>[^<]+<\/title>/);
				expect(res.html).not.toMatch(/internal detail|secret\.ts|at .*\.js:\d+|node_modules|Error:/);
			});
		}
	}

	it('shows the request id on a server error so people can tell us', async () => {
		const res = await app.client().get('/design/error/500');
		const id = res.headers.get('x-request-id');
		expect(id).toBeTruthy();
		expect(res.html).toContain(`<code class="request-id`);
		expect(text(res.html)).toContain(id!);
	});

	it('offers to sign in when signing in would help', async () => {
		const res = await app.client().get('/design/error/401');
		expect(res.html).toMatch(/href="\/signin"/);
		const notFound = await app.client().get('/design/error/404');
		expect(notFound.html).not.toMatch(/class="btn btn-secondary" href="\/signin"/);
	});
});
