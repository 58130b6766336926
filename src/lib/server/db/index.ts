/**
 * The database: embedded PGlite (persisted under DATA_DIR) when no
 * DATABASE_URL is set, PostgreSQL through `pg` when it is. One Drizzle
 * schema and the same SQL migrations serve both.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { config } from '../config.ts';
import { ensureReferenceData } from './reference.ts';
import * as schema from './schema/index.ts';

export { schema };
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: use cases accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	migrate(): Promise<void>;
	ping(): Promise<boolean>;
	close(): Promise<void>;
}

export const migrationsFolder = path.resolve(process.cwd(), 'drizzle');

/** Thrown when another process (the server, a script) has the PGlite data directory open. */
export class DatabaseLockedError extends Error {
	readonly code = 'DATABASE_LOCKED';
	readonly pid: number;
	constructor(dir: string, pid: number) {
		super(`The database in ${dir} is in use by another process (pid ${pid}). Stop it first.`);
		this.pid = pid;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite is single-process and takes no lock of its own: two processes on one
 * data directory would corrupt it. A lock file next to it holds the owner's
 * pid; a lock left by a process that is gone is taken over.
 */
function lockDataDir(dataDir: string): () => void {
	const file = `${dataDir}.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(file, String(process.pid), { flag: 'wx' });
			return () => rmSync(file, { force: true });
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
				throw new DatabaseLockedError(dataDir, pid);
			}
			rmSync(file, { force: true });
		}
	}
	throw new DatabaseLockedError(dataDir, -1);
}

export async function openPglite(dataDir?: string): Promise<Database> {
	let unlock = () => {};
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		unlock = lockDataDir(path.resolve(dataDir));
	}
	let client: PGlite;
	try {
		// The directory's search needs trigram similarity and great-circle distance.
		const extensions = { pg_trgm, cube, earthdistance };
		client = dataDir ? new PGlite(dataDir, { extensions }) : new PGlite({ extensions });
		await client.waitReady;
	} catch (err) {
		unlock();
		throw err;
	}
	const db = drizzlePglite(client, { schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		migrate: async () => {
			await migratePglite(db as never, { migrationsFolder });
			await ensureReferenceData(db);
		},
		ping: () => ping(db),
		close: async () => {
			try {
				await client.close();
			} finally {
				unlock();
			}
		}
	};
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
	// No JIT: the app's queries are short, and compiling them costs more than it saves (search: seconds).
	const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
	pool.on('error', () => {
		// An idle client lost its connection; the pool replaces it. /healthz reports the state.
	});
	const db = drizzlePg(pool, { schema }) as unknown as Db;
	return {
		db,
		kind: 'postgres',
		migrate: async () => {
			await migratePg(db as never, { migrationsFolder });
			await ensureReferenceData(db);
		},
		ping: () => ping(db),
		close: () => pool.end()
	};
}

async function ping(db: Db): Promise<boolean> {
	try {
		await db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}

/** Opens the database the environment asks for and brings its schema up to date. */
export async function openFromConfig(): Promise<Database> {
	const c = config();
	const database = c.DATABASE_URL
		? await openPostgres(c.DATABASE_URL)
		: await openPglite(path.resolve(c.DATA_DIR, 'pglite'));
	await database.migrate();
	return database;
}

/**
 * The process-wide database lives on globalThis, so the built server bundle
 * and modules loaded from source (tests, scripts) share one instance when
 * they run in the same process.
 */
interface Slot {
	current?: Database;
	opening?: Promise<Database>;
}
const SLOT = Symbol.for('convive.database');
const slot: Slot = ((globalThis as Record<symbol, Slot>)[SLOT] ??= {});

/** The process-wide database, opened (and migrated) on first use. */
export async function database(): Promise<Database> {
	if (slot.current) return slot.current;
	slot.opening ??= openFromConfig().then((d) => (slot.current = d));
	return slot.opening;
}

export async function getDb(): Promise<Db> {
	return (await database()).db;
}

/** Replaces the process-wide database (tests, scripts). */
export function setDatabase(d: Database | undefined): void {
	slot.current = d;
	slot.opening = d ? Promise.resolve(d) : undefined;
}

export async function closeDatabase(): Promise<void> {
	const d = slot.current;
	slot.current = undefined;
	slot.opening = undefined;
	if (d) await d.close();
}
