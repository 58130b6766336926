/** Shared by the benchmarks: build check, a server in a child process, fresh databases. */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function ensureBuild(): void {
	if (existsSync('build/handler.js')) return;
	console.log('No build/ yet: building the app…');
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
}

export interface BenchServer {
	url: string;
	stop(): Promise<void>;
}

/** Starts bench/serve.ts in a child process with `env` added; resolves once it listens. */
export async function startChild(env: Record<string, string>): Promise<BenchServer> {
	const child: ChildProcess = fork(path.resolve('bench/serve.ts'), [], {
		env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env },
		stdio: ['ignore', 'ignore', 'inherit', 'ipc']
	});
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
		child.once('message', (m) => {
			clearTimeout(timer);
			resolve((m as { url: string }).url);
		});
		child.once('exit', (code) => reject(new Error(`the server exited early (code ${code})`)));
	});
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

export interface BenchDatabase {
	name: string;
	env: Record<string, string>;
	dispose(): Promise<void>;
}

/** An empty on-disk PGlite in a temporary directory (the zero-set-up default). */
export function pgliteDatabase(): BenchDatabase {
	const dir = mkdtempSync(path.join(tmpdir(), 'convive-bench-'));
	return {
		name: 'PGlite',
		env: { DATA_DIR: dir },
		async dispose() {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * A fresh database on the PostgreSQL server (migrated by the app when it
 * starts), dropped afterwards. Null when the server cannot be reached.
 */
export async function postgresDatabase(adminUrl: string): Promise<BenchDatabase | null> {
	const name = `convive_bench_${randomBytes(5).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	try {
		await admin.connect();
		await admin.query(`create database ${name}`);
	} catch (err) {
		console.warn(`PostgreSQL at ${adminUrl} is not usable (${(err as Error).message}); skipping it.`);
		await admin.end().catch(() => {});
		return null;
	}
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		name: 'PostgreSQL',
		env: { DATABASE_URL: url.toString() },
		async dispose() {
			const a = new pg.Client({ connectionString: adminUrl });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		}
	};
}

/** A plain-text table with aligned columns. */
export function table(head: string[], rows: (string | number)[][]): string {
	const cells = [head, ...rows.map((r) => r.map(String))];
	const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
