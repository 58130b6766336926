import { fail, redirect } from '@sveltejs/kit';
import { ctxFrom } from '#lib/server/context.ts';
import { getDb } from '#lib/server/db/index.ts';
import { readForm } from '#lib/server/http/form.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { createOrganisation, listNeighbourhoods } from '#lib/server/organisations/organisations.ts';
import { organisationForm } from '#lib/server/organisations/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'organisation.create');
	return { neighbourhoods: await listNeighbourhoods(await getDb()) };
};

export const actions: Actions = {
	default: async (event) => {
		requireUser(event);
		await authorize(event, 'organisation.create');
		const form = await readForm(event.request, organisationForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		let id: string;
		try {
			id = (await createOrganisation(await ctxFrom(event), form.data)).id;
		} catch (err) {
			return refusalFail(err, form.values);
		}
		redirect(303, `/app/organisations/${id}?created=1`);
	}
};
