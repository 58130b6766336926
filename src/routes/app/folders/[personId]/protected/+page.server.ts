import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/http/form.ts';
import type { Ctx } from '#lib/server/context.ts';
import type { Action } from '#lib/server/policy/index.ts';
import { checkFolder } from '#lib/server/support/folders.ts';
import { openProtected, recordProtected, recordProtectedForm, withdrawProtected, withdrawProtectedForm } from '#lib/server/support/protected.ts';
import { folderAction, folderLoad } from '#lib/server/support/route.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		return openProtected(ctx, event.params.personId);
	});

/** One form of the page: the policy first, then the input, then the use case (as on the folder's overview). */
async function sub<S extends z.ZodType>(
	event: RequestEvent,
	section: string,
	action: Action,
	schema: S,
	run: (ctx: Ctx, personId: string, data: z.infer<S>) => Promise<unknown>,
	success: () => string
) {
	const personId = event.params.personId ?? '';
	const gate = await folderAction(event, section, {}, (ctx) => checkFolder(ctx, action, personId));
	if (gate) return gate;
	const form = await readForm(event.request, schema);
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	const failed = await folderAction(event, section, form.values, (ctx) => run(ctx, personId, form.data));
	return failed ?? { section, success: success() };
}

export const actions: Actions = {
	record: (event) =>
		sub(event, 'record', 'folder.protected.manage', recordProtectedForm, (ctx, id, data) => recordProtected(ctx, id, data), () => m.documents_protected_saved()),
	withdraw: (event) =>
		sub(event, 'withdraw', 'folder.protected.manage', withdrawProtectedForm, (ctx, id, data) => withdrawProtected(ctx, id, data), () => m.documents_protected_withdrawn())
};
