import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { orgGate } from '#lib/server/http/org-route.ts';
import { readForm } from '#lib/server/http/form.ts';
import { directoryFail } from '#lib/server/directory/route.ts';
import { addLocaleForm, locationMulti, newLocationForm } from '#lib/server/directory/schemas.ts';
import { createLocation, listNeighbourhoods } from '#lib/server/directory/locations.ts';
import { isDirectoryLocale } from '#lib/directory/text.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'directory.manage');
	return {
		org: { id: org.id, name: org.name },
		permissions,
		neighbourhoods: await listNeighbourhoods(ctx.db),
		formId: randomUUID(),
		locales: [isDirectoryLocale(ctx.locale) ? ctx.locale : 'en']
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, newLocationForm, { multi: locationMulti });
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		let id: string;
		try {
			({ id } = await createLocation(ctx, org.id, form.data));
		} catch (err) {
			return directoryFail(err, 'details', form.values);
		}
		redirect(303, `/app/organisations/${org.id}/locations/${id}?created=1`);
	},
	addLocale: async (event) => {
		await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, addLocaleForm, { multi: locationMulti });
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		return { values: form.values, locales: [...form.data.locales, form.data.addLocale] };
	}
};
