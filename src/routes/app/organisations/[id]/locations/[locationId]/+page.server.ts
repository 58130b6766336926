import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { orgGate } from '#lib/server/http/org-route.ts';
import { readForm } from '#lib/server/http/form.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { directoryFail } from '#lib/server/directory/route.ts';
import { addLocaleForm, deleteLocationForm, editLocationForm, localesWithText, locationMulti } from '#lib/server/directory/schemas.ts';
import { deleteLocation, getLocationForEdit, listNeighbourhoods, updateLocation } from '#lib/server/directory/locations.ts';
import { isDirectoryLocale } from '#lib/directory/text.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'directory.manage');
	let l: Awaited<ReturnType<typeof getLocationForEdit>>;
	try {
		l = await getLocationForEdit(ctx, org.id, event.params.locationId);
	} catch (err) {
		// Posted without JavaScript, a form's action has refused already and the page is drawn again:
		// a stale or forged id then gets the refusal's own words ("not one of this organisation's…").
		refusalError(err, { explain: event.request.method === 'POST' });
	}
	const shown = localesWithText([l.name, l.transportation, l.accessibility]);
	return {
		org: { id: org.id, name: org.name },
		permissions,
		location: {
			id: l.id,
			name: l.name,
			transportation: l.transportation,
			accessibility: l.accessibility,
			address1: l.address1,
			address2: l.address2,
			postalCode: l.postalCode,
			city: l.city,
			neighbourhoodId: l.neighbourhoodId,
			latitude: l.latitude,
			longitude: l.longitude,
			wheelchairAccessible: l.wheelchairAccessible
		},
		neighbourhoods: await listNeighbourhoods(ctx.db),
		locales: shown.length ? shown : [isDirectoryLocale(ctx.locale) ? ctx.locale : 'en'],
		created: event.url.searchParams.has('created')
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, editLocationForm, { multi: locationMulti });
		if (!form.ok) return fail(form.status, { section: 'details', values: form.values, errors: form.errors, message: form.message });
		try {
			await updateLocation(ctx, org.id, event.params.locationId, form.data);
		} catch (err) {
			return directoryFail(err, 'details', form.values);
		}
		return { section: 'details', success: m.directory_saved() };
	},
	addLocale: async (event) => {
		await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, addLocaleForm, { multi: locationMulti });
		if (!form.ok) return fail(form.status, { section: 'details', values: form.values, errors: form.errors, message: form.message });
		return { section: 'details', values: form.values, locales: [...form.data.locales, form.data.addLocale] };
	},
	delete: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, deleteLocationForm);
		if (!form.ok) return fail(form.status, { section: 'delete', values: form.values, errors: form.errors, message: form.message });
		try {
			await deleteLocation(ctx, org.id, event.params.locationId);
		} catch (err) {
			return directoryFail(err, 'delete', form.values);
		}
		redirect(303, `/app/organisations/${org.id}/locations?deleted=1`);
	}
};
