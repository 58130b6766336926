/**
 * `npm run demo:reset [-- --force]`: empties the platform's tables and loads
 * the demo city again.
 *
 * Refuses (exit 2) unless the database holds only demo data: every user's
 * e-mail is under the reserved .example domain (or absent) and every
 * organisation is one of the demo city's. `--force` overrides that check.
 * The audit log is append-only (a trigger refuses deletes), so it is kept
 * and gets a 'demo.reset' entry.
 *
 * Exit codes: 0 done, 1 could not run (database busy or unreachable, or an
 * error), 2 refused (real data present, or bad arguments).
 */
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { config } from '../../src/lib/server/config.ts';
import { openFromConfig, type Database, type Tx } from '../../src/lib/server/db/index.ts';
import { record } from '../../src/lib/server/audit/index.ts';
import { generateDemoCity, type DemoCity } from './generate.ts';
import { insertDemoCity, printDemoAccounts, type SeedResult } from './seed.ts';
import { pgliteInUse } from './pglite-lock.ts';

/**
 * The foundation tables, emptied by a reset. CASCADE also empties every
 * table that references them (services, folders, … added by later
 * features). audit_log is not among them and references nothing.
 */
export const RESET_TABLES = [
	'memberships',
	'invitations',
	'organisations',
	'neighbourhoods',
	'sessions',
	'recovery_codes',
	'one_time_tokens',
	'rate_limits',
	'email_outbox',
	'users'
] as const;

const USAGE = `Usage: npm run demo:reset [-- --force]

Empties the database and loads the fictional demo city Portavera again.
Refuses when the database holds anything but demo data, unless --force is given.
The audit log is kept (it is append-only) and records the reset.
Stop the server first when it uses the embedded database (./data).`;

export interface DemoCheck {
	demoOnly: boolean;
	foreignUsers: number;
	foreignOrganisations: string[];
}

/** Whether the database holds only demo data (or nothing). */
export async function checkDemoOnly(db: Tx, city: DemoCity = generateDemoCity()): Promise<DemoCheck> {
	const demoSlugs = new Set(city.organisations.map((o) => o.slug));
	const users = (await db.execute(
		sql`select count(*)::int as n from users where email is not null and lower(email) not like '%.example'`
	)) as unknown as { rows: { n: number }[] };
	const orgs = (await db.execute(sql`select slug from organisations order by slug`)) as unknown as {
		rows: { slug: string }[];
	};
	const foreignOrganisations = orgs.rows.map((r) => r.slug).filter((s) => !demoSlugs.has(s));
	const foreignUsers = Number(users.rows[0].n);
	return { demoOnly: foreignUsers === 0 && foreignOrganisations.length === 0, foreignUsers, foreignOrganisations };
}

/** Empties the foundation tables and seeds the demo city, all in one transaction. */
export async function resetDemo(
	d: Database,
	opts: { force: boolean; quiet?: boolean }
): Promise<{ refused: DemoCheck } | { result: SeedResult }> {
	const started = performance.now();
	const city = generateDemoCity();
	const counts = await d.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(20261123)`);
		const check = await checkDemoOnly(tx, city);
		if (!check.demoOnly && !opts.force) return { done: false, check } as const;
		await tx.execute(sql.raw(`truncate table ${RESET_TABLES.join(', ')} restart identity cascade`));
		await record(tx, {
			actorId: null,
			action: 'demo.reset',
			resourceType: 'platform',
			outcome: 'done',
			details: {
				forced: opts.force && !check.demoOnly,
				removedForeignUsers: check.foreignUsers,
				removedForeignOrganisations: check.foreignOrganisations.length
			}
		});
		return { done: true, seeded: await insertDemoCity(tx, city) } as const;
	});
	if (!counts.done) return { refused: counts.check };
	const result = { ...counts.seeded, ms: Math.round(performance.now() - started), accounts: city.accounts };
	if (!opts.quiet) printDemoAccounts(result);
	return { result };
}

async function main(argv: string[]): Promise<number> {
	const args = new Set(argv);
	if (args.has('--help') || args.has('-h')) {
		console.log(USAGE);
		return 0;
	}
	const unknown = [...args].filter((a) => a !== '--force');
	if (unknown.length) {
		console.error(`Unknown argument: ${unknown.join(' ')}\n\n${USAGE}`);
		return 2;
	}
	const force = args.has('--force');

	let c;
	try {
		c = config();
	} catch (err) {
		console.error((err as Error).message);
		return 1;
	}
	const where = c.DATABASE_URL ? 'the PostgreSQL database in DATABASE_URL' : `the embedded database in ${path.resolve(c.DATA_DIR, 'pglite')}`;
	if (!c.DATABASE_URL) {
		const use = pgliteInUse(path.resolve(c.DATA_DIR, 'pglite'));
		if (use.inUse) {
			console.error(`The embedded database is in use${use.pids.length ? ` by process ${use.pids.join(', ')}` : ''}: stop the server first, then run \`npm run demo:reset\` again.`);
			console.error('(The embedded database can only be used by one process at a time.)');
			if (use.guessed) {
				console.error(`If no server is running, the last one did not stop cleanly: delete ${path.resolve(c.DATA_DIR, 'pglite', 'postmaster.pid')} and try again.`);
			}
			return 1;
		}
	}

	let d: Database;
	try {
		d = await openFromConfig();
	} catch (err) {
		console.error(`Could not open ${where}: ${(err as Error).message}`);
		if (!c.DATABASE_URL) console.error('If the server is running, stop the server first.');
		return 1;
	}
	try {
		const outcome = await resetDemo(d, { force });
		if ('refused' in outcome) {
			const { foreignUsers, foreignOrganisations } = outcome.refused;
			console.error(`Refusing to reset ${where}: it holds data that is not the demo city's.`);
			if (foreignUsers) console.error(`  ${foreignUsers} account(s) with an e-mail address outside the reserved .example domain`);
			if (foreignOrganisations.length) {
				const shown = foreignOrganisations.slice(0, 5).join(', ');
				console.error(`  ${foreignOrganisations.length} organisation(s) not in the demo city: ${shown}${foreignOrganisations.length > 5 ? ', …' : ''}`);
			}
			console.error('Nothing was changed. To delete all of it and load the demo anyway: npm run demo:reset -- --force');
			return 2;
		}
		console.log(`Reset ${where}; the audit log was kept and records the reset.`);
		return 0;
	} catch (err) {
		console.error(`The reset failed and nothing was changed: ${(err as Error).message}`);
		return 1;
	} finally {
		await d.close().catch(() => {});
	}
}

if (import.meta.main) {
	process.exitCode = await main(process.argv.slice(2));
}
