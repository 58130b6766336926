import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { can } from '#lib/server/policy/index.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	// The index is for whoever may see either tool: staff see both, evaluators the map.
	const stale = can(event.locals.actor, 'directory.staff') === 'allowed';
	const map = can(event.locals.actor, 'directory.map.view') === 'allowed';
	if (!stale && !map) await authorize(event, 'directory.staff');
	return { links: { stale, map } };
};
