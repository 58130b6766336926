/**
 * The search table (migration 0004, decision 015) follows every write through
 * statement triggers. A bulk writer can instead defer: inside its transaction
 * the triggers stand aside, and it refreshes the services it touched once at
 * the end, so each search row is written once rather than once per table
 * (services, places, hours, areas), which keeps the table compact.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { isUuid } from '../organisations/errors.ts';

/** One parameter however many ids (an import may touch 20,000 services). */
function uuidArray(ids: readonly string[]) {
	for (const id of ids) if (!isUuid(id)) throw new Error(`not a uuid: ${String(id).slice(0, 40)}`);
	return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** From here to the end of the transaction, the search triggers do nothing. */
export async function deferSearchRefresh(tx: Tx): Promise<void> {
	await tx.execute(sql`select set_config('convive.search_deferred', 'on', true)`);
}

/**
 * Ends the deferral and rebuilds the search rows of the services given, of the
 * services at the locations given (a moved place moves them), or of all.
 */
export async function refreshSearch(
	tx: Tx,
	what: { serviceIds?: readonly string[]; locationIds?: readonly string[] } | 'all'
): Promise<void> {
	await tx.execute(sql`select set_config('convive.search_deferred', 'off', true)`);
	if (what === 'all') {
		await tx.execute(sql`select service_search_refresh(array(select id from services))`);
		return;
	}
	const services = uuidArray(what.serviceIds ?? []);
	const locations = uuidArray(what.locationIds ?? []);
	await tx.execute(sql`select service_search_refresh(array(
		select unnest(${services})
		union
		select sal.service_id from service_at_locations sal where sal.location_id in (select unnest(${locations}))
	))`);
}
