import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.session
		? { displayName: locals.session.displayName, platformRole: locals.session.actor.platformRole }
		: null,
	locale: locals.locale,
	path: url.pathname + url.search
});
