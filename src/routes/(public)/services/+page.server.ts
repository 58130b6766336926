import { asc } from 'drizzle-orm';
import { config } from '#lib/server/config.ts';
import { getDb } from '#lib/server/db/index.ts';
import { neighbourhoods } from '#lib/server/db/schema/index.ts';
import { parseSearchQuery, searchServices, type SearchField } from '#lib/server/directory/search.ts';
import { authorize } from '#lib/server/http/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'directory.view');
	const db = await getDb();
	const { query, ignored } = parseSearchQuery(event.url.searchParams);
	const places = await db
		.select({ slug: neighbourhoods.slug, name: neighbourhoods.name })
		.from(neighbourhoods)
		.orderBy(asc(neighbourhoods.name));
	const notices: SearchField[] = [...ignored];
	// A neighbourhood the city does not have is left out like any other value not understood.
	if (query.nb && !places.some((p) => p.slug === query.nb)) {
		notices.push('nb');
		query.nb = null;
	}
	const result = await searchServices(db, query, {
		locale: event.locals.locale,
		timeZone: config().CITY_TIME_ZONE
	});
	return {
		query,
		ignored: [...new Set(notices)].filter((f) => f !== 'perPage'),
		places,
		searched: event.url.search !== '',
		...result,
		results: result.results.map((r) => ({ ...r, lastVerifiedAt: r.lastVerifiedAt.toISOString() }))
	};
};
