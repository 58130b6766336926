import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { orgGate } from '#lib/server/http/org-route.ts';
import { languageOptions } from '#lib/server/engagement/workspace.ts';
import { createProgramme, organisationProgrammes } from '#lib/server/buddies/programmes.ts';
import { programmeForm } from '#lib/server/buddies/schemas.ts';
import { buddiesLoad, workspaceForm } from '#lib/server/buddies/routes.ts';
import type { Actions, PageServerLoad } from './$types';

/** An organisation's buddy programmes and the form to create one (buddies.manage: the second factor). */
export const load: PageServerLoad = async (event) => {
	const { org, permissions } = await orgGate(event, 'buddies.manage');
	return buddiesLoad(event, async (ctx) => ({
		org: { id: org.id, name: org.name },
		permissions,
		programmes: await organisationProgrammes(ctx, org.id),
		languages: languageOptions()
	}));
};

export const actions: Actions = {
	create: async (event) => {
		let id = '';
		const reply = await workspaceForm(event, 'create', programmeForm, async (ctx, data, orgId) => {
			id = (await createProgramme(ctx, orgId, data)).id;
		}, () => m.buddies_created());
		if (id) redirect(303, `/app/organisations/${event.params.id}/buddies/${id}?created`);
		return reply;
	}
};
