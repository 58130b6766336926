import { requireUser } from '#lib/server/http/guard.ts';
import type { PageServerLoad } from './$types';

/** Where an erasure lands: the folder is gone, so this page says so and holds nothing of it. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return { mode: event.url.searchParams.get('mode') === 'delete' ? 'delete' : 'anonymise' };
};
