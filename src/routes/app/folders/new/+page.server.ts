import { randomUUID } from 'node:crypto';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { readForm } from '#lib/server/http/form.ts';
import { creatableOrganisations, createFolder } from '#lib/server/support/folders.ts';
import { folderAction } from '#lib/server/support/route.ts';
import { newFolderForm } from '#lib/server/support/schemas.ts';
import { ctxFrom } from '#lib/server/context.ts';
import type { Actions, PageServerLoad } from './$types';

/** Signed in, a worker of at least one organisation, past the second factor: else sign-in, 403 or step-up. */
async function gate(event: RequestEvent) {
	await authorize(event, 'workspace.view');
	const orgs = await creatableOrganisations(await ctxFrom(event));
	await authorize(event, 'folder.create', orgs.length ? { type: 'organisation', id: orgs[0].id } : { type: 'platform' });
	return orgs;
}

export const load: PageServerLoad = async (event) => {
	const organisations = await gate(event);
	return { organisations, formId: randomUUID() };
};

export const actions: Actions = {
	create: async (event) => {
		const orgs = await gate(event);
		const form = await readForm(event.request, newFolderForm);
		if (!form.ok) return fail(form.status, { section: 'create', values: form.values, errors: form.errors, message: form.message });
		// With one organisation the form has no choice to make: it is that one.
		const organisationId = form.data.organisationId ?? (orgs.length === 1 ? orgs[0].id : null);
		if (!organisationId) {
			const message = m.support_organisation_required();
			return fail(400, { section: 'create', values: form.values, errors: { organisationId: message }, message: m.form_has_errors() });
		}
		let personId = '';
		const failed = await folderAction(event, 'create', form.values, async (ctx) => {
			({ personId } = await createFolder(ctx, { ...form.data, organisationId }));
		});
		if (failed) return failed;
		redirect(303, `/app/folders/${personId}?created=1`);
	}
};
