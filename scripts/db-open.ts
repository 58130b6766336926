/**
 * Opening the database from a command-line script, with a clear message when
 * the embedded database is in use by the running server.
 */
import { DatabaseLockedError, openFromConfig, type Database } from '../src/lib/server/db/index.ts';
import { config } from '../src/lib/server/config.ts';

export async function openForScript(): Promise<Database> {
	try {
		return await openFromConfig();
	} catch (err) {
		if (err instanceof DatabaseLockedError || (err as { code?: string }).code === 'DATABASE_LOCKED') {
			console.error(
				`The embedded database in ${config().DATA_DIR} is in use by another process (pid ${(err as DatabaseLockedError).pid}).\n` +
					'The embedded database works with one process at a time: stop the server (or the other command) first, then run this again.'
			);
			process.exit(3);
		}
		throw err;
	}
}
