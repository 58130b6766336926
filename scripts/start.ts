/**
 * `npm start`: builds the app when the build is missing or older than the
 * sources, loads the demo city into an empty database, and serves it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { exitOnSignals, startServer } from './server.ts';
import { config } from '../src/lib/server/config.ts';
import { log } from '../src/lib/server/log.ts';

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'paraglide' || entry.name.startsWith('.')) continue;
		const p = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
	}
	return newest;
}

function buildIsStale(): boolean {
	const marker = 'build/handler.js';
	if (!existsSync(marker)) return true;
	const built = statSync(marker).mtimeMs;
	return ['src', 'messages', 'static'].some((d) => existsSync(d) && newestMtime(d) > built);
}

if (buildIsStale()) {
	console.log('Building Convive (first start or changed sources)…');
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit'
	});
}

const running = await startServer();
exitOnSignals(running);

try {
	const { seedDemoIfEmpty } = await import('./demo/seed.ts');
	await seedDemoIfEmpty();
} catch (err) {
	if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
}

const c = config();
const where = c.ORIGIN ?? `http://localhost:${c.PORT}`;
log.info({ url: where, database: c.DATABASE_URL ? 'postgres' : 'pglite' }, 'Convive is running');
console.log(`\nConvive is running at ${where}\n`);
