import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { readForm } from '#lib/server/http/form.ts';
import { checkFolder } from '#lib/server/support/folders.ts';
import { folderAction, folderLoad } from '#lib/server/support/route.ts';
import { createReferral, folderReferrals } from '#lib/server/referrals/referrals.ts';
import { createReferralForm } from '#lib/server/referrals/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => ({
		...(await folderReferrals(ctx, event.params.personId)),
		formId: randomUUID(),
		sent: event.url.searchParams.get('sent')
	}));

export const actions: Actions = {
	/** Policy first (an outsider learns nothing), then the form, then the use case; a new referral answers with a redirect. */
	create: async (event) => {
		const personId = event.params.personId ?? '';
		const gate = await folderAction(event, 'create', {}, (ctx) => checkFolder(ctx, 'referral.create', personId));
		if (gate) return gate;
		const form = await readForm(event.request, createReferralForm, { multi: ['fields'] });
		if (!form.ok) return fail(form.status, { section: 'create', values: form.values, errors: form.errors, message: form.message });
		let referralId = '';
		const failed = await folderAction(event, 'create', form.values, async (ctx) => {
			({ referralId } = await createReferral(ctx, personId, form.data));
		});
		if (failed) return failed;
		redirect(303, `/app/folders/${personId}/referrals?sent=${referralId}#referral-${referralId}`);
	}
};
