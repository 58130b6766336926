import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { getDb } from '#lib/server/db/index.ts';
import { publicService, serviceView } from '#lib/server/directory/portal.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'directory.view');
	const record = await publicService(await getDb(), event.params.id);
	// Not a uuid, no such service, or its organisation is not verified: the same 404 for all.
	if (!record) error(404, m.error_not_found_title());
	return { service: serviceView(record, event.locals.locale) };
};
