import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { orgGate } from '#lib/server/http/org-route.ts';
import { readForm } from '#lib/server/http/form.ts';
import { directoryFail } from '#lib/server/directory/route.ts';
import { addLocaleForm, newServiceForm, serviceMulti } from '#lib/server/directory/schemas.ts';
import { createService, organisationLocations } from '#lib/server/directory/services.ts';
import { isDirectoryLocale } from '#lib/directory/text.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'directory.manage');
	return {
		org: { id: org.id, name: org.name },
		permissions,
		orgLocations: await organisationLocations(ctx.db, org.id),
		formId: randomUUID(),
		locales: [isDirectoryLocale(ctx.locale) ? ctx.locale : 'en']
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, newServiceForm, { multi: serviceMulti });
		if (!form.ok) return fail(form.status, { section: 'details', values: form.values, errors: form.errors, message: form.message });
		let id: string;
		try {
			({ id } = await createService(ctx, org.id, form.data));
		} catch (err) {
			return directoryFail(err, 'details', form.values);
		}
		redirect(303, `/app/organisations/${org.id}/services/${id}?created=1`);
	},
	addLocale: async (event) => {
		await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, addLocaleForm, { multi: serviceMulti });
		if (!form.ok) return fail(form.status, { section: 'details', values: form.values, errors: form.errors, message: form.message });
		return { section: 'details', values: form.values, locales: [...form.data.locales, form.data.addLocale] };
	}
};
