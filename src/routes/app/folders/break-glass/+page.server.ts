import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize } from '#lib/server/http/guard.ts';
import { readForm, translate } from '#lib/server/http/form.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import { PolicyDenied, type FolderResource } from '#lib/server/policy/index.ts';
import { BREAK_GLASS_MAX_HOURS, endBreakGlass, openBreakGlass } from '#lib/server/support/breakglass.ts';
import { breakGlassForm, endBreakGlassForm } from '#lib/server/support/privacy-schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** No folder in particular: the policy's answer is "does this person work on folders, past the second factor". */
const anyFolder: FolderResource = {
	type: 'folder',
	personId: '',
	teamOrganisationIds: [],
	consentedOrganisationIds: [],
	leadUserId: null,
	leadOrganisationId: null,
	breakGlassUserIds: [],
	protectedConsent: false
};

const gate = (event: RequestEvent) => authorize(event, 'folder.break_glass', anyFolder);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
	await gate(event);
	const person = event.url.searchParams.get('person') ?? '';
	return {
		person: UUID.test(person) ? person.toLowerCase() : '',
		maxHours: BREAK_GLASS_MAX_HOURS,
		ended: event.url.searchParams.has('ended')
	};
};

/** A refusal becomes the form's message (an unknown folder and a forbidden one read the same). */
function refused(err: unknown, section: string, values: Record<string, unknown>) {
	if (err instanceof PolicyDenied) error(403, m.error_forbidden_title());
	if (!(err instanceof Refusal)) throw err;
	const key = err.key === 'support_folder_not_found' ? 'privacy_break_glass_no_folder' : err.key;
	const message = translate(key);
	const field = err.key === 'support_folder_not_found' ? 'person' : err.field;
	return fail(err.status, { section, values, errors: field ? { [field]: message } : {}, message });
}

export const actions: Actions = {
	open: async (event) => {
		await gate(event);
		const form = await readForm(event.request, breakGlassForm);
		if (!form.ok) return fail(form.status, { section: 'open', values: form.values, errors: form.errors, message: form.message });
		const ctx = await ctxFrom(event);
		try {
			await openBreakGlass(ctx, form.data.person, { reason: form.data.reason, hours: form.data.hours });
		} catch (err) {
			return refused(err, 'open', form.values);
		}
		redirect(303, `/app/folders/${form.data.person}?emergency=1`);
	},
	end: async (event) => {
		await gate(event);
		const form = await readForm(event.request, endBreakGlassForm);
		if (!form.ok) return fail(form.status, { section: 'end', values: form.values, errors: form.errors, message: m.privacy_break_glass_none() });
		try {
			await endBreakGlass(await ctxFrom(event), form.data.person);
		} catch (err) {
			return refused(err, 'end', form.values);
		}
		redirect(303, '/app/folders/break-glass?ended=1');
	}
};
