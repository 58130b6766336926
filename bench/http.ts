/**
 * HTTP throughput and latency of the built app, on embedded PGlite and on a
 * PostgreSQL server, one after the other: autocannon with 50 connections for
 * ~10 s on each path. Prints figures only (no pass/fail: machines differ).
 *
 *   npm run bench:http
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=20 PG_ADMIN_URL=postgres://… npm run bench:http
 *
 * p95 is computed from every response time (autocannon's own summary stops
 * at p90 and p97.5).
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { ensureBuild, pgliteDatabase, postgresDatabase, startChild, table, type BenchDatabase } from './lib.ts';

const PATHS = ['/', '/signin', '/healthz'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
	database: string;
	path: string;
	rps: number;
	p50: number;
	p95: number;
	p99: number;
	errors: number;
	timeouts: number;
	non2xx: number;
	requests: number;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

async function load(url: string, seconds: number, connections: number): Promise<{ result: autocannon.Result; times: number[] }> {
	const times: number[] = [];
	const instance = autocannon({ url, connections, duration: seconds, headers: { 'accept-language': 'en' } });
	instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
		times.push(responseTime);
	});
	const result = await new Promise<autocannon.Result>((resolve, reject) =>
		instance.once('done', resolve).once('error', reject)
	);
	return { result, times };
}

async function benchOne(db: BenchDatabase): Promise<Row[]> {
	const server = await startChild(db.env);
	const rows: Row[] = [];
	try {
		// Warm up: JIT, connection pools, first-request initialisation.
		for (const path of PATHS) await load(server.url + path, 1, 10);
		for (const path of PATHS) {
			const { result, times } = await load(server.url + path, SECONDS, CONNECTIONS);
			times.sort((a, b) => a - b);
			rows.push({
				database: db.name,
				path,
				rps: result.requests.average,
				p50: percentile(times, 50),
				p95: percentile(times, 95),
				p99: percentile(times, 99),
				errors: result.errors,
				timeouts: result.timeouts,
				non2xx: result.non2xx,
				requests: result.requests.total
			});
			process.stderr.write(`  ${db.name} ${path}: ${Math.round(result.requests.average)} req/s\n`);
		}
	} finally {
		await server.stop();
	}
	return rows;
}

ensureBuild();
console.log(
	`Convive HTTP benchmark: ${CONNECTIONS} connections, ${SECONDS} s per path, ` +
		`Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`
);
const rows: Row[] = [];
for (const make of [async () => pgliteDatabase(), () => postgresDatabase(PG_ADMIN_URL)]) {
	const db = await make();
	if (!db) continue;
	try {
		rows.push(...(await benchOne(db)));
	} finally {
		await db.dispose();
	}
}
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
console.log(
	'\n' +
		table(
			['database', 'path', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'errors', 'timeouts', 'non-2xx'],
			rows.map((r) => [r.database, r.path, r.rps.toFixed(0), ms(r.p50), ms(r.p95), ms(r.p99), r.requests, r.errors, r.timeouts, r.non2xx])
		)
);
const bad = rows.filter((r) => r.errors || r.non2xx);
if (bad.length) console.log(`\nNote: errors or non-2xx answers on ${bad.map((r) => `${r.database} ${r.path}`).join(', ')}.`);
