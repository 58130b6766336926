/** The admin:create and audit:verify scripts, run as child processes on a PGlite data directory. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each script starts its own embedded PostgreSQL: slow on a busy machine.
vi.setConfig({ testTimeout: 180_000 });
import { openPglite } from '../../src/lib/server/db/index.ts';
import { emailOutbox, users } from '../../src/lib/server/db/schema/index.ts';
import { verifyPassword } from '../../src/lib/server/auth/passwords.ts';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'convive-scripts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[script, ...args],
			{ env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', SMTP_URL: '', LOG_LEVEL: 'silent' }, timeout: 120_000 },
			(err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
		);
	});
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openPglite>>['db']) => Promise<T>): Promise<T> {
	const d = await openPglite(path.join(dir, 'pglite'));
	try {
		return await fn(d.db);
	} finally {
		await d.close();
	}
}

describe('npm run admin:create', () => {
	it('creates the first administrator with a random one-time password', async () => {
		const r = await run('scripts/admin-create.ts', ['--email', 'Chief@Example.org', '--name', 'Chief Officer']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const password = /One-time password[^\n]*\n\n\s+(\S+)/.exec(r.stdout)![1];
		expect(password.length).toBeGreaterThanOrEqual(20);
		const user = await withDb(async (db) => (await db.select().from(users).where(eq(users.email, 'chief@example.org')))[0]);
		expect(user).toMatchObject({ platformRole: 'admin', displayName: 'Chief Officer' });
		expect(await verifyPassword(user.passwordHash, password)).toBe(true);

		const again = await run('scripts/admin-create.ts', ['--email', 'chief@example.org']);
		const second = /One-time password[^\n]*\n\n\s+(\S+)/.exec(again.stdout)![1];
		expect(second).not.toBe(password);
	});

	it('promotes an existing account and writes a reset link to the outbox with --no-password', async () => {
		const r = await run('scripts/admin-create.ts', ['--email', 'chief@example.org', '--no-password']);
		expect(r.code).toBe(0);
		expect(r.stdout).not.toMatch(/One-time password/);
		const link = /(http\S+reset-password\?token=\S+)/.exec(r.stdout)![1];
		const mails = await withDb((db) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'chief@example.org')));
		expect(mails.some((m) => m.textBody.includes(link))).toBe(true);
	});

	it('refuses an invalid e-mail address with exit code 2 and changes nothing', async () => {
		for (const bad of [['--email', 'not-an-email'], ['--email', ''], [], ['--bogus']]) {
			const r = await run('scripts/admin-create.ts', bad);
			expect(r.code, bad.join(' ')).toBe(2);
			expect(r.stderr).toMatch(/Usage/);
		}
		const count = await withDb(async (db) => (await db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(users))[0].n);
		expect(count).toBe(1);
	});

	it('explains that the database is in use when another process has it open', async () => {
		const d = await openPglite(path.join(dir, 'pglite'));
		try {
			const r = await run('scripts/admin-create.ts', ['--email', 'later@example.org']);
			expect(r.code).toBe(3);
			expect(r.stderr).toMatch(/in use by another process/);
			const v = await run('scripts/audit-verify.ts');
			expect(v.code).toBe(3);
		} finally {
			await d.close();
		}
	});
});

describe('npm run audit:verify', () => {
	it('exits 0 on an intact log and 1 with the first broken entry after tampering', async () => {
		const ok = await run('scripts/audit-verify.ts');
		expect(ok.code).toBe(0);
		expect(ok.stdout).toMatch(/intact: [2-9] entries checked/);
		await withDb(async (db) => {
			// Someone with superuser access goes around the append-only trigger.
			await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
			await db.execute(sql`update audit_log set action = 'nothing.happened' where seq = 2`);
			await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
		});
		const broken = await run('scripts/audit-verify.ts');
		expect(broken.code).toBe(1);
		expect(broken.stderr).toMatch(/BROKEN at entry 2/);
	});
});
