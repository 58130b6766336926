import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { assemblyFeed } from '#lib/server/assemblies/calendar.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import type { RequestHandler } from './$types';

/** An assembly's meetings as a calendar feed (public). */
export const GET: RequestHandler = async (event) => {
	const ctx = await ctxFrom(event);
	let body: string;
	try {
		body = await assemblyFeed(ctx, event.params.id);
	} catch (err) {
		if (err instanceof Refusal) error(404, m.assemblies_not_found());
		throw err;
	}
	return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'inline; filename="assembly.ics"', 'cache-control': 'public, max-age=300' } });
};
