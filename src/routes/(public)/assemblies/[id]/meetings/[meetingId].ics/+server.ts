import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { meetingIcs } from '#lib/server/assemblies/calendar.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import type { RequestHandler } from './$types';

/** One meeting as a calendar file ("add to calendar"); a meeting of another assembly is not found. */
export const GET: RequestHandler = async (event) => {
	const ctx = await ctxFrom(event);
	let body: string;
	try {
		body = await meetingIcs(ctx, event.params.id, event.params.meetingId);
	} catch (err) {
		if (err instanceof Refusal) error(404, m.assemblies_meeting_not_found());
		throw err;
	}
	return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'attachment; filename="meeting.ics"', 'cache-control': 'public, max-age=300' } });
};
