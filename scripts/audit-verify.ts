/**
 * npm run audit:verify — recomputes the hash chain of the audit log.
 * Exit 0 when intact, 1 with the first broken entry when not, 3 when the
 * embedded database is in use by another process.
 */
import { verifyChain } from '../src/lib/server/audit/index.ts';
import { openForScript } from './db-open.ts';

const database = await openForScript();
let code = 0;
try {
	const result = await verifyChain(database.db);
	if (result.ok) {
		console.log(`Audit log intact: ${result.checked} entries checked.`);
	} else {
		console.error(`Audit log BROKEN at entry ${result.brokenAt}: ${result.reason}.`);
		console.error(`${result.checked} entries before it are intact.`);
		code = 1;
	}
} catch (err) {
	console.error(`Could not check the audit log: ${(err as Error).message}`);
	code = 1;
} finally {
	await database.close();
}
process.exit(code);
