import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';
import { PASSWORD, auditActions, codeIn, count, linkIn, signIn, signUpVerified, exec } from '../helpers/auth.ts';
import { hashToken } from '../../src/lib/server/auth/session.ts';

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(() => app.stop());

async function userRow(email: string) {
	const res = await exec(app, sql`select * from users where lower(email) = ${email}`);
	return res.rows[0] as Record<string, unknown> | undefined;
}

describe('sign up with an e-mail address', () => {
	it('sends a verification link in the person’s language; the link verifies once, a replay changes nothing', async () => {
		const c = app.client({ locale: 'fr' });
		const res = await c.post('/signup', { display_name: 'Amina', email: 'Amina@Example.org', password: PASSWORD, kind: 'newcomer' });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('amina@example.org');
		expect(c.cookies.has('convive_session')).toBe(false);
		const mail = await app.smtp!.waitFor('amina@example.org');
		expect(mail.subject).toMatch(/Convive/);
		expect(mail.text).toContain('Amina');
		// French, not English
		expect(mail.subject).not.toBe('Confirm your e-mail address for Convive');
		const link = linkIn(mail.text, '/verify-email');
		const token = new URLSearchParams(link.split('?')[1]).get('token')!;
		const stored = await exec(app, sql`select token_hash, kind, expires_at, created_at from one_time_tokens`);
		const row = stored.rows[0] as { token_hash: string; kind: string; expires_at: string; created_at: string };
		expect(row.token_hash).toBe(hashToken(token));
		expect(row.kind).toBe('verify_email');
		const ttl = new Date(row.expires_at).getTime() - new Date(row.created_at).getTime();
		expect(Math.round(ttl / 3600_000)).toBe(48);

		let user = await userRow('amina@example.org');
		expect(user?.email_verified_at).toBeNull();
		expect(user?.kind).toBe('newcomer');
		expect(user?.locale).toBe('fr');
		const ok = await c.get(link);
		expect(ok.status).toBe(200);
		expect(ok.html).toContain('amina@example.org');
		user = await userRow('amina@example.org');
		expect(user?.email_verified_at).not.toBeNull();
		const verifiedAt = String(user?.email_verified_at);

		const replay = await app.client({ locale: 'en' }).get(link);
		expect(text(replay.html)).toContain('This link does not work');
		expect(String((await userRow('amina@example.org'))?.email_verified_at)).toBe(verifiedAt);
		const actions = (await auditActions(app)).map((a) => a.action);
		expect(actions).toContain('sign_up');
		expect(actions).toContain('email_verified');
	});

	it('does not reveal an address already in use: same answer, and the owner gets a notice', async () => {
		await signUpVerified(app, app.client(), 'taken@example.org', 'Owner');
		const before = await count(app, 'users');
		const fresh = await app.client().post('/signup', { display_name: 'Fresh', email: 'fresh@example.org', password: PASSWORD });
		const dup = await app.client().post('/signup', { display_name: 'Mallory', email: 'TAKEN@example.org', password: PASSWORD });
		expect(dup.status).toBe(fresh.status);
		const strip = (h: string) => text(h).replace(/\S+@example\.org/g, 'ADDRESS');
		expect(strip(dup.html)).toBe(strip(fresh.html));
		expect(await count(app, 'users')).toBe(before + 1);
		const notice = await app.smtp!.waitFor('taken@example.org', /tried/i);
		expect(notice.text).toContain('/signin');
		expect(notice.text).toContain('/forgot-password');
		expect(notice.text).not.toMatch(/token=/);
	});

	it('refuses a password equal to the name or address, and keeps the other input', async () => {
		const res = await app.client().post('/signup', { display_name: 'longdisplayname', email: '', password: 'LongDisplayName' });
		expect(res.status).toBe(400);
		expect(text(res.html)).toContain('must not be your name');
		expect(res.html).toContain('value="longdisplayname"');
		expect(res.html).not.toContain('LongDisplayName"');
		const short = await app.client().post('/signup', { display_name: 'Someone', email: '', password: 'short' });
		expect(short.status).toBe(400);
		expect(text(short.html)).toContain('too short');
	});

	it('re-sends the verification link from the account page', async () => {
		const c = app.client();
		await c.post('/signup', { display_name: 'Later', email: 'later@example.org', password: PASSWORD });
		await app.smtp!.waitFor('later@example.org', /confirm/i);
		expect((await signIn(c, 'later@example.org')).status).toBe(303);
		const page = await c.get('/account');
		expect(text(page.html)).toContain('not confirmed yet');
		const n = app.smtp!.messages.filter((m) => m.to.includes('later@example.org')).length;
		const res = await c.post('/account?/resend', {});
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('We sent a new confirmation link');
		await expect.poll(() => app.smtp!.messages.filter((m) => m.to.includes('later@example.org')).length).toBe(n + 1);
		const latest = app.smtp!.messages.filter((m) => m.to.includes('later@example.org')).at(-1)!;
		await c.get(linkIn(latest.text, '/verify-email'));
		expect(text((await c.get('/account')).html)).toContain('confirmed');
	});
});

describe('sign up without an e-mail address', () => {
	it('shows a sign-in name and a recovery code once, stores only its hash; recovery works and gives a new code', async () => {
		const c = app.client();
		const usersBefore = await count(app, 'users');
		const res = await c.post('/signup', { display_name: 'Yonas Tesfaye', email: '', password: PASSWORD, kind: 'resident' });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('Write this down');
		const username = codeIn(res.html, 'username');
		const code = codeIn(res.html, 'recovery-code');
		expect(username).toMatch(/^yonastesfa-\d{4}$/);
		expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
		expect(await count(app, 'users')).toBe(usersBefore + 1);
		expect(c.cookies.has('convive_session')).toBe(true);
		const codes = await exec(app, sql`select purpose, code_hash from recovery_codes rc join users u on u.id = rc.user_id where u.username = ${username}`);
		expect(codes.rows).toHaveLength(1);
		expect(JSON.stringify(codes.rows)).not.toContain(code);
		expect((codes.rows[0] as { purpose: string }).purpose).toBe('account');
		expect((await c.get('/account')).status).toBe(200);

		// Sign out, sign in with the sign-in name.
		expect((await c.post('/signout', {})).status).toBe(303);
		expect((await c.get('/account')).status).toBe(303);
		// Signed in, the workspace is where one lands (no next given), and sign-in pages send there too.
		const landed = await signIn(c, username.toUpperCase());
		expect(landed.location).toBe('/app');
		expect((await c.follow(landed)).status).toBe(200);
		expect((await c.get('/signin')).location).toBe('/app');
		expect((await c.get('/signup')).location).toBe('/app');

		// Recover: a wrong code fails, the right one (typed loosely) works.
		const other = app.client();
		const wrong = await other.post('/recover', { username, code: 'AAAA-AAAA-AAAA-AAAA', password: 'a brand new password' });
		expect(wrong.status).toBe(400);
		expect(text(wrong.html)).toContain('not correct');
		const ok = await other.post('/recover', { username, code: code.toLowerCase().replace(/-/g, ' '), password: 'a brand new password' });
		expect(ok.status).toBe(200);
		const newCode = codeIn(ok.html, 'recovery-code');
		expect(newCode).not.toBe(code);
		// Every session of that account was ended; the old password no longer works; the new one does.
		expect((await c.get('/account')).status).toBe(303);
		expect((await signIn(app.client(), username, PASSWORD)).status).toBe(400);
		expect((await signIn(app.client(), username, 'a brand new password')).status).toBe(303);
		// The old code is used up.
		const again = await app.client().post('/recover', { username, code, password: 'yet another password' });
		expect(again.status).toBe(400);
		const actions = (await auditActions(app)).map((a) => a.action);
		expect(actions).toContain('recovery_code_used');
		expect(actions).toContain('password_reset_done');
	});
});

describe('sign in and out', () => {
	it('gives the identical message and status for a wrong password and an unknown account, and audits the hash', async () => {
		await signUpVerified(app, app.client(), 'known@example.org', 'Known');
		const wrong = await signIn(app.client(), 'known@example.org', 'not the password');
		const unknown = await signIn(app.client(), 'nobody@example.org', 'not the password');
		expect(wrong.status).toBe(400);
		expect(unknown.status).toBe(wrong.status);
		expect(text(unknown.html).replace('nobody', 'X')).toBe(text(wrong.html).replace('known', 'X'));
		expect(text(wrong.html)).toContain('The sign-in details are not correct');
		const failures = (await auditActions(app)).filter((a) => a.action === 'sign_in' && a.outcome === 'denied');
		expect(failures.length).toBeGreaterThanOrEqual(2);
		expect(JSON.stringify(failures)).not.toContain('@example.org');
		expect(failures.at(-1)!.resource_id).toMatch(/^[0-9a-f]{64}$/);
	});

	it('sets a HttpOnly, SameSite=Lax, Path=/ cookie (not Secure on plain http), rotates it on sign-in, and honours a safe next', async () => {
		const c = app.client();
		const first = await signIn(c, 'known@example.org', PASSWORD, '/account/security');
		expect(first.status).toBe(303);
		expect(first.location).toBe('/account/security');
		const cookie = first.headers.getSetCookie().find((l) => l.startsWith('convive_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(cookie).not.toMatch(/Secure/i);
		const oldToken = c.cookies.get('convive_session')!;
		// Signing in again while signed in gives a new token; the old one stops working.
		await signIn(c, 'known@example.org', PASSWORD);
		const newToken = c.cookies.get('convive_session')!;
		expect(newToken).not.toBe(oldToken);
		const stale = app.client();
		stale.cookies.set('convive_session', oldToken);
		expect((await stale.get('/account')).status).toBe(303);
		expect((await c.get('/account')).status).toBe(200);

		const evil = await signIn(app.client(), 'known@example.org', PASSWORD, '//evil.example/x');
		expect(evil.location).toBe('/app');
	});

	it('does not let a client claim https by itself (no trusted proxy): its https Origin is refused', async () => {
		const res = await fetch(app.url + '/signin', {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: app.url.replace('http:', 'https:'),
				'x-forwarded-proto': 'https',
				'x-convive-proto': 'https'
			},
			body: new URLSearchParams({ identifier: 'known@example.org', password: PASSWORD })
		});
		expect(res.status).toBe(403);
		expect(res.headers.getSetCookie().some((c) => c.startsWith('convive_session='))).toBe(false);
	});

	it('signs out with a POST that deletes the session', async () => {
		const c = app.client();
		await signIn(c, 'known@example.org');
		const token = c.cookies.get('convive_session')!;
		const res = await c.post('/signout', {});
		expect(res.status).toBe(303);
		expect(c.cookies.has('convive_session')).toBe(false);
		const rows = await exec(app, sql`select 1 from sessions where id = ${hashToken(token)}`);
		expect(rows.rows).toHaveLength(0);
		expect((await auditActions(app)).map((a) => a.action)).toContain('sign_out');
	});
});

describe('password reset', () => {
	it('answers the same for known and unknown addresses; the link resets once, ends all sessions, and a replay changes nothing', async () => {
		const signedIn = app.client();
		await signIn(signedIn, 'known@example.org');
		const known = await app.client().post('/forgot-password', { email: 'known@example.org' });
		const unknown = await app.client().post('/forgot-password', { email: 'ghost@example.org' });
		expect(known.status).toBe(200);
		expect(text(unknown.html)).toBe(text(known.html));
		expect(text(known.html)).toContain('If an account uses this address');
		expect(app.smtp!.messages.some((m) => m.to.includes('ghost@example.org'))).toBe(false);
		const mail = await app.smtp!.waitFor('known@example.org', /password/i);
		const link = linkIn(mail.text, '/reset-password');

		const c = app.client();
		const form = await c.get(link);
		expect(form.status).toBe(200);
		expect(form.html).toContain('name="password"');
		const tooShort = await c.post(link, { password: 'short' });
		expect(tooShort.status).toBe(400);
		const sameAsEmail = await c.post(link, { password: 'known@example.org' });
		expect(text(sameAsEmail.html)).toContain('must not be your name');
		const done = await c.post(link, { password: 'my new long password' });
		expect(done.status).toBe(200);
		expect(text(done.html)).toContain('Your password is changed');
		expect((await signedIn.get('/account')).status).toBe(303);
		expect((await signIn(app.client(), 'known@example.org', PASSWORD)).status).toBe(400);
		expect((await signIn(app.client(), 'known@example.org', 'my new long password')).status).toBe(303);

		const replayPage = await app.client().get(link);
		expect(text(replayPage.html)).toContain('This link does not work');
		const replay = await app.client().post(link, { password: 'attacker password 1' });
		expect(replay.status).toBe(400);
		expect((await signIn(app.client(), 'known@example.org', 'attacker password 1')).status).toBe(400);
		expect((await signIn(app.client(), 'known@example.org', 'my new long password')).status).toBe(303);
		const actions = (await auditActions(app)).map((a) => a.action);
		expect(actions).toContain('password_reset_requested');
		expect(actions).toContain('password_reset_done');
	});

	it('refuses an expired link and changes nothing', async () => {
		await signUpVerified(app, app.client(), 'expired@example.org', 'Exp');
		await app.client().post('/forgot-password', { email: 'expired@example.org' });
		const mail = await app.smtp!.waitFor('expired@example.org', /password/i);
		const link = linkIn(mail.text, '/reset-password');
		await exec(app, sql`update one_time_tokens set expires_at = now() - interval '1 minute' where kind = 'reset_password'`);
		const page = await app.client().get(link);
		expect(text(page.html)).toContain('This link does not work');
		const post = await app.client().post(link, { password: 'new password here' });
		expect(post.status).toBe(400);
		expect((await signIn(app.client(), 'expired@example.org', PASSWORD)).status).toBe(303);
	});

	it('also refuses an expired verification link', async () => {
		const c = app.client();
		await c.post('/signup', { display_name: 'Slow', email: 'slow@example.org', password: PASSWORD });
		const mail = await app.smtp!.waitFor('slow@example.org', /confirm/i);
		await exec(app, sql`update one_time_tokens set expires_at = now() - interval '1 minute' where email = 'slow@example.org'`);
		const res = await c.get(linkIn(mail.text, '/verify-email'));
		expect(text(res.html)).toContain('This link does not work');
		expect((await userRow('slow@example.org'))?.email_verified_at).toBeNull();
	});
});

describe('my account', () => {
	it('changes the name, the language and the password (which ends other sessions and rotates this one)', async () => {
		const c = app.client();
		await signUpVerified(app, c, 'me@example.org', 'Me');
		await signIn(c, 'me@example.org');
		const other = app.client();
		await signIn(other, 'me@example.org');

		const name = await c.post('/account?/name', { display_name: 'Me Again' });
		expect(name.status).toBe(200);
		expect((await userRow('me@example.org'))?.display_name).toBe('Me Again');

		const lang = await c.post('/account?/locale', { locale: 'uk' });
		expect(lang.status).toBe(303);
		expect(c.cookies.get('convive_locale')).toBe('uk');
		expect((await userRow('me@example.org'))?.locale).toBe('uk');
		const bad = await c.post('/account?/locale', { locale: 'xx' });
		expect(bad.status).toBe(400);

		const wrong = await c.post('/account?/password', { current_password: 'not it at all', password: 'another long password' });
		expect(wrong.status).toBe(400);
		const before = c.cookies.get('convive_session');
		const ok = await c.post('/account?/password', { current_password: PASSWORD, password: 'another long password' });
		expect(ok.status).toBe(200);
		expect(c.cookies.get('convive_session')).not.toBe(before);
		expect((await c.get('/account')).status).toBe(200);
		expect((await other.get('/account')).status).toBe(303);
		// Signing in again uses the saved language.
		const fresh = app.client({ locale: 'en' });
		await signIn(fresh, 'me@example.org', 'another long password');
		expect(fresh.cookies.get('convive_locale')).toBe('uk');
	});

	it('changes the e-mail address only after the new address is confirmed', async () => {
		const c = app.client();
		await signUpVerified(app, c, 'old@example.org', 'Mover');
		await signIn(c, 'old@example.org');
		const res = await c.post('/account?/email', { email: 'new@example.org', current_password: PASSWORD });
		expect(res.status).toBe(200);
		expect((await userRow('old@example.org'))).toBeDefined();
		const mail = await app.smtp!.waitFor('new@example.org', /confirm/i);
		await c.get(linkIn(mail.text, '/verify-email'));
		expect(await userRow('old@example.org')).toBeUndefined();
		expect((await userRow('new@example.org'))?.email_verified_at).not.toBeNull();
		await app.smtp!.waitFor('old@example.org', /changed/i);
	});

	it('exports my data as JSON (audited) without secrets', async () => {
		const c = app.client();
		await signIn(c, 'new@example.org');
		const res = await c.post('/account/export/download', {});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/attachment/);
		const body = res.html;
		const data = JSON.parse(body);
		expect(data.account.email).toBe('new@example.org');
		expect(data.account.displayName).toBe('Mover');
		expect(body).not.toMatch(/argon2|password_hash|passwordHash|token/i);
		expect((await auditActions(app)).map((a) => a.action)).toContain('account_exported');
	});

	it('deletes the account after the password, but not while I am the last owner of an organisation', async () => {
		const c = app.client();
		await signUpVerified(app, c, 'leaving@example.org', 'Leaving');
		await signIn(c, 'leaving@example.org');
		const user = await userRow('leaving@example.org');
		await exec(app, sql`insert into organisations (id, slug, name, type) values ('00000000-0000-4000-8000-000000000001', 'solo-org', 'Solo Org', 'ngo')`);
		await exec(app, sql`insert into memberships (organisation_id, user_id, role) values ('00000000-0000-4000-8000-000000000001', ${user!.id as string}, 'owner')`);
		const wrong = await c.post('/account/delete', { password: 'wrong password!' });
		expect(wrong.status).toBe(400);
		const refused = await c.post('/account/delete', { password: PASSWORD });
		expect(refused.status).toBe(409);
		expect(text(refused.html)).toContain('Solo Org');
		expect(await userRow('leaving@example.org')).toBeDefined();
		await exec(app, sql`delete from organisations where slug = 'solo-org'`);
		const ok = await c.post('/account/delete', { password: PASSWORD });
		expect(ok.status).toBe(303);
		expect(ok.location).toBe('/account-deleted');
		expect(await userRow('leaving@example.org')).toBeUndefined();
		expect((await c.get('/account')).status).toBe(303);
		expect((await auditActions(app)).map((a) => a.action)).toContain('account_deleted');
	});
});
