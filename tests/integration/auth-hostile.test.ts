/**
 * Hostile and random input to the public account forms: whatever arrives,
 * the answer is a 4xx with a message, never a 500, and no account or
 * session appears.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';
import { PASSWORD, count, signIn, signUpVerified } from '../helpers/auth.ts';

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
	await signUpVerified(app, app.client(), 'victim@example.org', 'Victim');
});
afterAll(() => app.stop());

const CONTROL = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u202e', '\u2066', '\u000b');
const anyText = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.constantFrom('', ' ', '@', 'a@b', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", 'ñ'.repeat(300))
);

type Body = { body: string; contentType: string | null };

function encode(fields: Array<[string, string]>): string {
	const p = new URLSearchParams();
	for (const [k, v] of fields) p.append(k, v);
	return p.toString();
}

/** Bodies that can never be a valid submission of `known` (each carries at least one defect). */
function hostile(known: string[], required: string[]): fc.Arbitrary<Body> {
	const fieldsOf = fc.array(fc.tuple(fc.constantFrom(...known), anyText), { maxLength: 6 });
	const form = (fields: Array<[string, string]>): Body => ({ body: encode(fields), contentType: 'application/x-www-form-urlencoded' });
	return fc.oneof(
		// an unknown field
		fc.tuple(fieldsOf, fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.includes(k)), anyText).map(([f, k, v]) =>
			form([...f, [k, v]])
		),
		// a required field missing
		fc.tuple(fieldsOf, fc.constantFrom(...required)).map(([f, drop]) => form(f.filter(([k]) => k !== drop))),
		// control characters
		fc.tuple(fieldsOf, fc.constantFrom(...known), anyText, CONTROL).map(([f, k, v, c]) => form([[k, v + c + v], ...f])),
		// broken UTF-8 in percent-encoding
		fc.tuple(fieldsOf, fc.constantFrom(...known), fc.constantFrom('%C3%28', '%FF', '%E2%82', '%ED%A0%80', '%C0%AF')).map(([f, k, bad]) => ({
			body: `${k}=x${bad}y&${encode(f)}`,
			contentType: 'application/x-www-form-urlencoded'
		})),
		// huge values
		fc.tuple(fieldsOf, fc.constantFrom(...known), fc.integer({ min: 20_001, max: 120_000 })).map(([f, k, n]) => form([[k, 'x'.repeat(n)], ...f])),
		// wrong or missing content type
		fc.tuple(fieldsOf, fc.constantFrom('application/json', 'text/plain', 'application/xml', null, 'multipart/form-data; boundary=zzz')).map(
			([f, ct]) => ({ body: ct === 'application/json' ? JSON.stringify(Object.fromEntries(f)) : encode(f), contentType: ct })
		)
	);
}

async function post(path: string, b: Body, origin?: string) {
	const headers: Record<string, string> = { origin: origin ?? app.url, accept: 'text/html' };
	if (b.contentType) headers['content-type'] = b.contentType;
	const res = await fetch(app.url + path, { method: 'POST', headers, body: b.body, redirect: 'manual' });
	return { status: res.status, html: await res.text(), cookies: res.headers.getSetCookie() };
}

const seen = new Set<number>();
function expectRefused(res: { status: number; html: string; cookies: string[] }) {
	seen.add(res.status);
	expect(res.status, res.html.slice(0, 300)).toBeGreaterThanOrEqual(400);
	expect(res.status).toBeLessThan(500);
	const t = text(res.html);
	expect(t.length).toBeGreaterThan(10);
	expect(t).not.toMatch(/at \S+\.js:\d+|node_modules|stack/i);
	expect(res.cookies.some((c) => c.startsWith('convive_session=') && !/max-age=0|expires=thu, 01 jan 1970/i.test(c))).toBe(false);
}

describe('hostile input to /signup and /signin', () => {
	it('/signup: always a 4xx with a message, never a user or a session', async () => {
		const users = await count(app, 'users');
		const sessions = await count(app, 'sessions');
		await fc.assert(
			fc.asyncProperty(hostile(['display_name', 'email', 'password', 'kind'], ['display_name', 'password']), async (b) => {
				expectRefused(await post('/signup', b));
			}),
			{ numRuns: 60 }
		);
		expect(await count(app, 'users')).toBe(users);
		expect(await count(app, 'sessions')).toBe(sessions);
	});

	it('/signin: always a 4xx with a message, never a session', async () => {
		const sessions = await count(app, 'sessions');
		await fc.assert(
			fc.asyncProperty(hostile(['identifier', 'password', 'next'], ['identifier', 'password']), async (b) => {
				expectRefused(await post('/signin', b));
			}),
			{ numRuns: 60 }
		);
		expect(await count(app, 'sessions')).toBe(sessions);
		// The defects were told apart, not all refused the same way (for instance by a CSRF check).
		expect(seen.has(400)).toBe(true);
		expect(seen.has(415)).toBe(true);
		expect(seen.has(403)).toBe(false);
	});

	it('a form post with a foreign Origin is refused with 403 and changes nothing', async () => {
		const users = await count(app, 'users');
		const sessions = await count(app, 'sessions');
		const audit = await count(app, 'audit_log');
		const evil = 'https://evil.example';
		const signup = await post('/signup', { body: encode([['display_name', 'Eve'], ['email', ''], ['password', PASSWORD]]), contentType: 'application/x-www-form-urlencoded' }, evil);
		expect(signup.status).toBe(403);
		const signin = await post('/signin', { body: encode([['identifier', 'victim@example.org'], ['password', PASSWORD]]), contentType: 'application/x-www-form-urlencoded' }, evil);
		expect(signin.status).toBe(403);
		expect(signin.cookies.some((c) => c.startsWith('convive_session='))).toBe(false);
		// A signed-in victim lured to a foreign page that posts a password change.
		const c = app.client();
		expect((await signIn(c, 'victim@example.org')).status).toBe(303);
		const after = await count(app, 'sessions');
		const change = await c.post('/account?/password', { current_password: PASSWORD, password: 'attacker chosen pw' }, { origin: evil });
		expect(change.status).toBe(403);
		const out = await c.post('/signout', {}, { origin: evil });
		expect(out.status).toBe(403);
		expect((await c.get('/account')).status).toBe(200);
		expect(await count(app, 'users')).toBe(users);
		expect(await count(app, 'sessions')).toBe(after);
		expect(after).toBe(sessions + 1);
		expect(await count(app, 'audit_log')).toBe(audit + 1); // only the victim's own sign-in
		expect((await signIn(app.client(), 'victim@example.org', PASSWORD)).status).toBe(303);
	});
});
