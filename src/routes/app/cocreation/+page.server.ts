import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { createCall, listCalls } from '#lib/server/cocreation/calls.ts';
import { myJuries } from '#lib/server/cocreation/jury.ts';
import { callForm } from '#lib/server/cocreation/schemas.ts';
import { formUseCase, loadUseCase } from '#lib/server/http/use-case.ts';
import { listNeighbourhoods } from '#lib/server/directory/locations.ts';
import { cityDate } from '#lib/server/city-time.ts';
import { can } from '#lib/server/policy/index.ts';
import type { Actions, PageServerLoad } from './$types';

/** Co-creation in the workspace: the staff's calls (drafts too) and a new call; a juror's calls to score. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return loadUseCase(event, async (ctx) => {
		const juries = await myJuries(ctx);
		const manage = can(ctx.actor, 'cocreation.manage');
		if (manage !== 'allowed' && juries.length === 0) await authorize(event, 'cocreation.manage');
		const calls = manage === 'allowed' ? await listCalls(ctx, { drafts: true }) : [];
		return {
			manager: manage === 'allowed',
			calls: calls.map((c) => ({ ...c, opens: cityDate(c.opensAt, ctx.locale) })),
			juries,
			neighbourhoods: manage === 'allowed' ? await listNeighbourhoods(ctx.db) : []
		};
	});
};

export const actions: Actions = {
	create: async (event) => {
		requireUser(event);
		await authorize(event, 'cocreation.manage');
		let id = '';
		const reply = await formUseCase(event, 'create', callForm, async (ctx, d) => {
			id = await createCall(ctx, d);
		}, () => m.cocreation_call_created());
		if (id) redirect(303, `/app/cocreation/calls/${id}?created`);
		return reply;
	}
};
