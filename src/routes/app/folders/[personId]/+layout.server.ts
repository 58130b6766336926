/**
 * Every folder page: whether the signed-in worker's access to this folder is
 * by break-glass only (the banner), and whether they may be offered
 * break-glass when a page refuses them (the error page). Reads nothing of the
 * folder itself; the pages ask the policy for that.
 */
import { ctxFrom } from '#lib/server/context.ts';
import { accessByBreakGlass, worksOnFolders } from '#lib/server/support/breakglass.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	if (event.locals.actor.kind !== 'user') return { emergency: null, mayBreakGlass: false };
	const ctx = await ctxFrom(event);
	const grant = await accessByBreakGlass(ctx, event.params.personId);
	return { emergency: grant ? { until: grant.expiresAt.toISOString() } : null, mayBreakGlass: worksOnFolders(ctx) };
};
