/** Behind a trusted proxy that terminates TLS, the session cookie is Secure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD, signUpVerified } from '../helpers/auth.ts';

let app: TestApp;
beforeAll(async () => {
	process.env.TRUST_PROXY = '1';
	app = await startTestApp();
});
afterAll(async () => {
	await app.stop();
	delete process.env.TRUST_PROXY;
});

describe('over https', () => {
	it('sets the session cookie with Secure, HttpOnly, SameSite=Lax and Path=/', async () => {
		await signUpVerified(app, app.client(), 'secure@example.org', 'Sec');
		const httpsOrigin = app.url.replace('http:', 'https:');
		const res = await fetch(app.url + '/signin', {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: httpsOrigin,
				'x-forwarded-proto': 'https',
				'x-forwarded-for': '203.0.113.7'
			},
			body: new URLSearchParams({ identifier: 'secure@example.org', password: PASSWORD })
		});
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('convive_session='))!;
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(res.headers.get('strict-transport-security')).toContain('max-age=');
	});
});
