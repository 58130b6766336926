import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { requireUser } from '#lib/server/http/guard.ts';
import { createAssembly, listAssemblies } from '#lib/server/assemblies/assemblies.ts';
import { requirePolicy } from '#lib/server/assemblies/common.ts';
import { assembliesLoad, assemblyForm, localFields } from '#lib/server/assemblies/route.ts';
import { assemblyForm as assemblySchema } from '#lib/server/assemblies/schemas.ts';
import { listNeighbourhoods } from '#lib/server/organisations/organisations.ts';
import type { Actions, PageServerLoad } from './$types';

/** The city's assemblies, for integration officers and administrators: the list and a new one. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return assembliesLoad(event, async (ctx) => {
		await requirePolicy(ctx, 'assemblies.manage', { type: 'platform' }, { type: 'assembly', id: null });
		return { assemblies: (await listAssemblies(ctx)).map((a) => ({ ...a, next: a.nextMeeting ? localFields(a.nextMeeting).date : null })), neighbourhoods: await listNeighbourhoods(ctx.db) };
	});
};

export const actions: Actions = {
	create: async (event) => {
		const out = await assemblyForm(event, 'create', 'assemblies.manage', assemblySchema, (ctx, d) => createAssembly(ctx, d), () => m.assemblies_saved());
		if ('status' in out) return out;
		redirect(303, '/app/assemblies');
	}
};
