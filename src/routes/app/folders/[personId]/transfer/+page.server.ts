import { fail, redirect } from '@sveltejs/kit';
import { readForm } from '#lib/server/http/form.ts';
import { checkFolder } from '#lib/server/support/folders.ts';
import { folderAction, folderLoad } from '#lib/server/support/route.ts';
import { transferCase, transferPage } from '#lib/server/referrals/transfer.ts';
import { transferForm } from '#lib/server/referrals/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => folderLoad(event, (ctx) => transferPage(ctx, event.params.personId));

export const actions: Actions = {
	transfer: async (event) => {
		const personId = event.params.personId ?? '';
		const gate = await folderAction(event, 'transfer', {}, (ctx) => checkFolder(ctx, 'folder.transfer', personId));
		if (gate) return gate;
		const form = await readForm(event.request, transferForm);
		if (!form.ok) return fail(form.status, { section: 'transfer', values: form.values, errors: form.errors, message: form.message });
		const failed = await folderAction(event, 'transfer', form.values, (ctx) => transferCase(ctx, personId, form.data));
		if (failed) return failed;
		// The case is the other organisation's now: this one may no longer open it.
		redirect(303, '/app/folders?transferred=1');
	}
};
