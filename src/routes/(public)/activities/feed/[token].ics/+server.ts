import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { getDb } from '#lib/server/db/index.ts';
import { personalFeed } from '#lib/server/activities/calendar.ts';
import { linkOrigin } from '#lib/server/referrals/emails.ts';
import type { RequestHandler } from './$types';

/** A person's calendar feed, by the secret in its address; a forged or replaced secret is a 404. */
export const GET: RequestHandler = async (event) => {
	const body = await personalFeed(await getDb(), event.params.token, { ip: event.locals.ip ?? null, requestId: event.locals.requestId ?? null }, new Date(), linkOrigin(event.url.origin));
	if (body === null) error(404, m.activities_feed_not_found());
	return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } });
};
