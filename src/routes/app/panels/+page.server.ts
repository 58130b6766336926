import { redirect } from '@sveltejs/kit';
import { createPanel, listPanels } from '#lib/server/panels/panels.ts';
import { panelsForm, panelsLoad } from '#lib/server/panels/route.ts';
import { panelForm } from '#lib/server/panels/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** The city's validation panels, and a new one. */
export const load: PageServerLoad = (event) => panelsLoad(event, 'panels.manage', async (ctx) => ({ panels: await listPanels(ctx) }));

export const actions: Actions = {
	create: async (event) => {
		let id = '';
		const reply = await panelsForm(event, 'create', 'panels.manage', panelForm, async (ctx, d) => {
			({ id } = await createPanel(ctx, d));
		});
		if (id) redirect(303, `/app/panels/${id}`);
		return reply;
	}
};
