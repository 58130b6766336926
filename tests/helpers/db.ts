/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a new database on the PostgreSQL server named by TEST_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, setDatabase, type Database } from '../../src/lib/server/db/index.ts';

export interface TestDatabase extends Database {
	dispose(): Promise<void>;
}

export async function testDatabase(opts: { install?: boolean } = {}): Promise<TestDatabase> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	let d: Database;
	let drop: (() => Promise<void>) | undefined;
	if (serverUrl) {
		const name = `convive_t_${randomBytes(6).toString('hex')}`;
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		await admin.end();
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		d = await openPostgres(url.toString(), 5);
		drop = async () => {
			const a = new pg.Client({ connectionString: serverUrl });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		};
	} else {
		d = await openPglite();
	}
	await d.migrate();
	if (opts.install !== false) setDatabase(d);
	return {
		...d,
		async dispose() {
			setDatabase(undefined);
			await d.close().catch(() => {});
			await drop?.();
		}
	};
}
