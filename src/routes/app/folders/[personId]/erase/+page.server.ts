import { fail, redirect } from '@sveltejs/kit';
import { readForm } from '#lib/server/http/form.ts';
import { checkFolder } from '#lib/server/support/folders.ts';
import { eraseFolder, erasePage } from '#lib/server/support/erase.ts';
import { eraseForm } from '#lib/server/support/privacy-schemas.ts';
import { folderAction, folderLoad } from '#lib/server/support/route.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const page = await erasePage(ctx, event.params.personId);
		return {
			person: page.person,
			lastActivity: page.lastActivity.toISOString(),
			deletableFrom: page.deletableFrom.toISOString(),
			retentionYears: page.retentionYears,
			canDelete: page.canDelete
		};
	});

export const actions: Actions = {
	/** The policy first (an outsider learns nothing), then the form, then the erasure. */
	erase: async (event) => {
		const personId = event.params.personId;
		const gate = await folderAction(event, 'erase', {}, (ctx) => checkFolder(ctx, 'folder.erase', personId));
		if (gate) return gate;
		const form = await readForm(event.request, eraseForm);
		if (!form.ok) return fail(form.status, { section: 'erase', values: form.values, errors: form.errors, message: form.message });
		const failed = await folderAction(event, 'erase', form.values, (ctx) => eraseFolder(ctx, personId, form.data));
		if (failed) return failed;
		redirect(303, `/app/folders/erased?mode=${form.data.mode}`);
	}
};
