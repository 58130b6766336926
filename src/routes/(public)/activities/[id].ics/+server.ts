import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { activityIcs } from '#lib/server/activities/calendar.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import type { RequestHandler } from './$types';

/** One activity as a calendar file ("add to calendar"), for whoever may see it. */
export const GET: RequestHandler = async (event) => {
	const ctx = await ctxFrom(event);
	let body: string;
	try {
		body = await activityIcs(ctx, event.params.id);
	} catch (err) {
		if (err instanceof Refusal) error(404, m.activities_not_found());
		throw err;
	}
	return new Response(body, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'attachment; filename="activity.ics"', 'cache-control': 'private, no-store' }
	});
};
