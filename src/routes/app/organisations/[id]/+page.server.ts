import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/http/form.ts';
import { orgGate } from '#lib/server/http/org-route.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { leaveOrganisation } from '#lib/server/organisations/members.ts';
import { listNeighbourhoods, updateOrganisation } from '#lib/server/organisations/organisations.ts';
import { emptyForm, organisationForm } from '#lib/server/organisations/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, neighbourhood, role, permissions } = await orgGate(event, 'organisation.view');
	return {
		org: {
			id: org.id,
			slug: org.slug,
			name: org.name,
			type: org.type,
			description: org.description,
			website: org.website,
			email: org.email,
			phone: org.phone,
			neighbourhoodId: org.neighbourhoodId,
			verification: org.verification,
			rejectionReason: org.rejectionReason
		},
		neighbourhood,
		neighbourhoods: permissions.update ? await listNeighbourhoods(ctx.db) : [],
		role,
		permissions,
		created: event.url.searchParams.has('created'),
		joined: event.url.searchParams.has('joined')
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { ctx, org } = await orgGate(event, 'organisation.update');
		const form = await readForm(event.request, organisationForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await updateOrganisation(ctx, org.id, form.data);
		} catch (err) {
			return refusalFail(err, form.values);
		}
		return { success: m.org_saved() };
	},
	leave: async (event) => {
		const { ctx, org } = await orgGate(event, 'organisation.leave');
		const form = await readForm(event.request, emptyForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await leaveOrganisation(ctx, org.id);
		} catch (err) {
			return refusalFail(err);
		}
		redirect(303, '/app');
	}
};
