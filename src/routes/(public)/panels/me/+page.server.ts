import { m } from '#lib/paraglide/messages.js';
import { myPanels, myPoolProfile, respond } from '#lib/server/panels/pool.ts';
import { panelsForm, panelsLoad } from '#lib/server/panels/route.ts';
import { respondForm } from '#lib/server/panels/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** My invitations, my panels and the drafts shared with them. */
export const load: PageServerLoad = (event) =>
	panelsLoad(event, 'panels.join', async (ctx) => ({
		inPool: (await myPoolProfile(ctx)) !== null,
		panels: await myPanels(ctx)
	}));

export const actions: Actions = {
	respond: (event) =>
		panelsForm(event, 'respond', 'panels.join', respondForm, (ctx, d) => respond(ctx, d.memberId, d.decision, d.consent), (s) => (s === 'accepted' ? m.panels_accepted() : m.panels_declined()))
};
