import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { PASSWORD, auditActions, codeIn, signIn, signUpVerified, exec } from '../helpers/auth.ts';
import { totpCode } from '../../src/lib/server/auth/totp.ts';

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(() => app.stop());

let secret = '';
let recoveryCodes: string[] = [];

function codesIn(html: string): string[] {
	const list = /data-testid="recovery-codes"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
	return [...list.matchAll(/<code[^>]*>([^<]+)<\/code>/g)].map((m) => m[1]);
}

async function signedIn(): Promise<Client> {
	const c = app.client();
	expect((await signIn(c, 'totp@example.org')).status).toBe(303);
	return c;
}

describe('second factor (TOTP)', () => {
	it('sets up with a QR code image and a grouped key, and needs a right code to turn on', async () => {
		await signUpVerified(app, app.client(), 'totp@example.org', 'Tess');
		const c = await signedIn();
		let page = await c.get('/account/security');
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('The second step is off');
		page = await c.post('/account/security?/start', {});
		expect(page.status).toBe(200);
		page = await c.get('/account/security');
		expect(page.html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
		const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(page.html)![1], 'base64').toString();
		expect(svg).toMatch(/^<svg/);
		const grouped = codeIn(page.html, 'totp-key');
		expect(grouped).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
		secret = grouped.replace(/ /g, '');
		const stored = await exec(app, sql`select totp_secret from users where email = 'totp@example.org'`);
		expect(String((stored.rows[0] as { totp_secret: string }).totp_secret)).not.toContain(secret);

		const wrong = await c.post('/account/security?/confirm', { code: '000000' === totpCode(secret, Date.now()) ? '111111' : '000000' });
		expect(wrong.status).toBe(400);
		expect(text(wrong.html)).toContain('not correct');

		const before = c.cookies.get('convive_session');
		const ok = await c.post('/account/security?/confirm', { code: totpCode(secret, Date.now()) });
		expect(ok.status).toBe(200);
		expect(c.cookies.get('convive_session')).not.toBe(before);
		recoveryCodes = codesIn(ok.html);
		expect(recoveryCodes).toHaveLength(10);
		expect(new Set(recoveryCodes).size).toBe(10);
		expect(text(ok.html)).toContain('Write this down');
		const rows = await exec(app, sql`select count(*)::int as n from recovery_codes where purpose = 'second_factor'`);
		expect(Number((rows.rows[0] as { n: number }).n)).toBe(10);
		expect((await c.get('/account/security')).html).not.toContain(recoveryCodes[0]);
		expect((await auditActions(app)).map((a) => a.action)).toContain('totp_enabled');
	});

	it('then sign-in needs the code; until then the session is not signed in; a replayed code is refused', async () => {
		const c = app.client();
		const first = await signIn(c, 'totp@example.org', PASSWORD, '/account/security');
		expect(first.status).toBe(303);
		expect(first.location).toBe('/signin/verify?next=%2Faccount%2Fsecurity');
		const pending = c.cookies.get('convive_session')!;
		// The pending session opens nothing.
		expect((await c.get('/account')).location).toMatch(/^\/signin/);
		const export_ = await c.post('/account/export/download', {});
		expect(export_.status).toBe(303);
		expect((await c.get('/')).html).not.toContain('action="/signout"><button class="link-button" type="submit">Sign out');
		const verify = await c.get(first.location!);
		expect(verify.status).toBe(200);
		expect(text(verify.html)).toContain('Enter your code');

		// The step the set-up used cannot be used again; the next step can.
		const replayed = await c.post(first.location!, { code: totpCode(secret, Date.now() - 30_000) });
		expect(replayed.status).toBe(400);
		const code = totpCode(secret, Date.now() + 30_000);
		const ok = await c.post(first.location!, { code });
		expect(ok.status).toBe(303);
		expect(ok.location).toBe('/account/security');
		expect(c.cookies.get('convive_session')).not.toBe(pending);
		expect((await c.get('/account')).status).toBe(200);
		const stale = app.client();
		stale.cookies.set('convive_session', pending);
		expect((await stale.get('/account')).status).toBe(303);

		// The same code again, in another sign-in: refused.
		const d = app.client();
		const again = await signIn(d, 'totp@example.org');
		const replay = await d.post(again.location!, { code });
		expect(replay.status).toBe(400);
		expect(text(replay.html)).toContain('not correct');
	});

	it('a recovery code works once instead of the app', async () => {
		const c = app.client();
		const first = await signIn(c, 'totp@example.org');
		const ok = await c.post(first.location!, { code: recoveryCodes[0].toLowerCase() });
		expect(ok.status).toBe(303);
		expect(ok.location).toMatch(/^\/account\/security\?used=1&left=9/);
		expect(text((await c.follow(ok)).html)).toContain('You have 9 left');
		const d = app.client();
		const second = await signIn(d, 'totp@example.org');
		expect((await d.post(second.location!, { code: recoveryCodes[0] })).status).toBe(400);
		expect((await auditActions(app)).map((a) => a.action)).toContain('recovery_code_used');
	});

	it('turning it off needs a current code or the password, and rotates the session', async () => {
		const c = app.client();
		const first = await signIn(c, 'totp@example.org');
		expect((await c.post(first.location!, { code: recoveryCodes[1] })).status).toBe(303);
		const none = await c.post('/account/security?/disable', { code: '', password: '' });
		expect(none.status).toBe(400);
		const wrong = await c.post('/account/security?/disable', { password: 'not my password' });
		expect(wrong.status).toBe(400);
		const before = c.cookies.get('convive_session');
		const ok = await c.post('/account/security?/disable', { password: PASSWORD });
		expect(ok.status).toBe(200);
		expect(c.cookies.get('convive_session')).not.toBe(before);
		expect(text(ok.html)).toContain('The second step is off');
		const d = app.client();
		expect((await signIn(d, 'totp@example.org')).location).toBe('/app');
		expect((await auditActions(app)).map((a) => a.action)).toContain('totp_disabled');
	});

	it('roles that see personal data are sent to set it up, with the reason', async () => {
		await exec(app, sql`update users set platform_role = 'admin' where email = 'totp@example.org'`);
		const c = await signedIn();
		const page = await c.get('/account/security?required=1');
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain("Your role lets you see other people's personal data");
	});
});
