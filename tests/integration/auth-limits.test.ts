import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';
import { PASSWORD, signIn, signUpVerified, exec } from '../helpers/auth.ts';

let app: TestApp;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(() => app.stop());

describe('sign-in rate limits', () => {
	it('after 5 failures an account is locked for the window, even with the right password; other accounts are not', async () => {
		await signUpVerified(app, app.client(), 'target@example.org', 'Target');
		await signUpVerified(app, app.client(), 'bystander@example.org', 'Bystander');
		for (let i = 0; i < 5; i++) {
			const res = await signIn(app.client(), 'target@example.org', `wrong password ${i}`);
			expect(res.status).toBe(400);
		}
		const locked = await signIn(app.client(), 'TARGET@example.org', PASSWORD);
		expect(locked.status).toBe(429);
		expect(text(locked.html)).toContain('Too many tries');
		expect((await signIn(app.client(), 'bystander@example.org')).status).toBe(303);
		// When the window has passed, the right password works again.
		await exec(app, sql`update rate_limits set window_start = now() - interval '16 minutes'`);
		expect((await signIn(app.client(), 'target@example.org')).status).toBe(303);
	});

	it('after 20 failures from one IP address every sign-in from it is refused; a success does not reset that', async () => {
		await exec(app, sql`delete from rate_limits`);
		for (let i = 0; i < 19; i++) {
			expect((await signIn(app.client(), `nobody${i}@example.org`, 'whatever password')).status).toBe(400);
		}
		// A success in between does not clear the address's counter.
		expect((await signIn(app.client(), 'bystander@example.org')).status).toBe(303);
		expect((await signIn(app.client(), 'nobody-last@example.org', 'whatever password')).status).toBe(400);
		const blocked = await signIn(app.client(), 'bystander@example.org');
		expect(blocked.status).toBe(429);
		expect(text(blocked.html)).toContain('Too many tries');
		const rows = await exec(app, sql`select key from rate_limits`);
		expect(JSON.stringify(rows.rows)).not.toContain('example.org');
	});
});
