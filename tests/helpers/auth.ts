/** Shared steps for the account tests: sign up, read links from e-mails, sign in. */
import { expect } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import type { Client, Page, TestApp } from './app.ts';

export const PASSWORD = 'correct horse battery';

export function linkIn(mailText: string, path: string): string {
	const re = new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, (c) => `\\${c}`)}\\?token=[A-Za-z0-9_%-]+`);
	const found = re.exec(mailText)?.[0];
	if (!found) throw new Error(`no ${path} link in e-mail:\n${mailText}`);
	const u = new URL(found);
	return u.pathname + u.search;
}

export function codeIn(html: string, testid: string): string {
	const m = new RegExp(`data-testid="${testid}"[^>]*>([^<]+)<`).exec(html);
	if (!m) throw new Error(`no ${testid} on the page`);
	return m[1].trim();
}

/** Signs up with an e-mail address and confirms it through the link that arrives. */
export async function signUpVerified(app: TestApp, c: Client, email: string, name = 'Amal', password = PASSWORD): Promise<void> {
	const res = await c.post('/signup', { display_name: name, email, password, kind: 'newcomer' });
	expect(res.status).toBe(200);
	const mail = await app.smtp!.waitFor(email, /confirm/i);
	const v = await c.get(linkIn(mail.text, '/verify-email'));
	expect(v.status).toBe(200);
}

export async function signIn(c: Client, identifier: string, password = PASSWORD, next?: string): Promise<Page> {
	return c.post('/signin', next ? { identifier, password, next } : { identifier, password });
}

/** Runs raw SQL on the test database; rows come back untyped. */
export async function exec(app: TestApp, query: SQL): Promise<{ rows: Array<Record<string, unknown>> }> {
	return (await app.database.db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> };
}

export async function count(app: TestApp, table: 'users' | 'sessions' | 'audit_log' | 'one_time_tokens' | 'email_outbox' | 'recovery_codes'): Promise<number> {
	const res = await exec(app, sql.raw(`select count(*)::int as n from ${table}`));
	return Number((res.rows[0] as { n: number }).n);
}

export async function auditActions(app: TestApp): Promise<Array<{ action: string; outcome: string; resource_id: string | null; details: unknown }>> {
	const res = await exec(app, sql`select action, outcome, resource_id, details from audit_log order by seq`);
	return res.rows as never;
}
