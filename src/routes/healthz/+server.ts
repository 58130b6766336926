import { json } from '@sveltejs/kit';
import { database } from '#lib/server/db/index.ts';
import type { RequestHandler } from './$types';

/** Reachability of the database, for load balancers and monitors. No personal data. */
export const GET: RequestHandler = async () => {
	let ok = false;
	let kind: string | null = null;
	try {
		const d = await database();
		kind = d.kind;
		ok = await d.ping();
	} catch {
		ok = false;
	}
	return json(
		{ status: ok ? 'ok' : 'unavailable', database: { reachable: ok, kind } },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
