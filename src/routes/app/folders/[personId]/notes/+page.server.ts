import { noteForm, noteSensitivityForm } from '#lib/server/support/care-schemas.ts';
import { careAction } from '#lib/server/support/care-route.ts';
import { addNote, listNotes, setNoteSensitivity } from '#lib/server/support/notes.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const list = await listNotes(ctx, event.params.personId, { before: event.url.searchParams.get('before') });
		return { ...list, formId: crypto.randomUUID() };
	});

export const actions: Actions = {
	add: (event) => careAction(event, 'note', noteForm, (ctx, id, data) => addNote(ctx, id, data)),
	sensitivity: (event) => careAction(event, (v) => `sensitivity-${v.noteId}`, noteSensitivityForm, (ctx, id, data) => setNoteSensitivity(ctx, id, data))
};
