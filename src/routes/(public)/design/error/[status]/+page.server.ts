import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/**
 * The error page in each of its states, for the design catalogue and the tests:
 * /design/error/404 shows what a person sees on that error. /design/error/500
 * throws an unexpected error carrying internal details, which must never reach the page.
 */
const shown = new Set([400, 401, 403, 404, 413, 429]);

export const load: PageServerLoad = ({ params }) => {
	const status = Number(params.status);
	if (status === 500) throw new Error('design catalogue sample failure: internal detail /srv/secret.ts:42');
	error(shown.has(status) ? status : 404, 'internal detail that must not be shown');
};
