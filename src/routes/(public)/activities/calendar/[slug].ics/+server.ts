import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { getDb } from '#lib/server/db/index.ts';
import { neighbourhoodFeed } from '#lib/server/activities/calendar.ts';
import { linkOrigin } from '#lib/server/referrals/emails.ts';
import type { RequestHandler } from './$types';

/** A neighbourhood's public calendar feed: its published activities for everyone. */
export const GET: RequestHandler = async (event) => {
	const body = await neighbourhoodFeed(await getDb(), event.params.slug, new Date(), linkOrigin(event.url.origin));
	if (body === null) error(404, m.activities_feed_not_found());
	return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'public, max-age=900' } });
};
