/**
 * The form actions of the folder's care pages, one pattern for all: the
 * policy first (an outsider learns nothing, not even that the form was
 * empty), then the input, then the use case; a refusal of the input is a
 * failure of the form `section`, with what was typed kept.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { readForm } from '../http/form.ts';
import { checkFolder } from './folders.ts';
import { folderAction } from './route.ts';

export async function careAction<S extends z.ZodType>(
	event: RequestEvent,
	/** Which form of the page answered: a name, or one derived from the posted values (a form per item). */
	section: string | ((values: Record<string, string | string[]>) => string),
	schema: S,
	run: (ctx: Ctx, personId: string, data: z.infer<S>) => Promise<unknown>,
	success: () => string = m.care_saved
) {
	const personId = event.params.personId ?? '';
	const named = (values: Record<string, string | string[]>) => (typeof section === 'string' ? section : section(values));
	const gate = await folderAction(event, named({}), {}, (ctx) => checkFolder(ctx, 'folder.edit', personId));
	if (gate) return gate;
	const form = await readForm(event.request, schema);
	if (!form.ok) return fail(form.status, { section: named(form.values), values: form.values, errors: form.errors, message: form.message });
	const failed = await folderAction(event, named(form.values), form.values, (ctx) => run(ctx, personId, form.data));
	return failed ?? { section: named(form.values), success: success() };
}
