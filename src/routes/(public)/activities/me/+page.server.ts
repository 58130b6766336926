import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { myProposals } from '#lib/server/activities/activities.ts';
import { feedCreatedAt, resetFeedToken } from '#lib/server/activities/calendar.ts';
import { cancelRsvp, myRsvps } from '#lib/server/activities/rsvp.ts';
import { activitiesForm, activitiesLoad, when } from '#lib/server/activities/route.ts';
import { emptyForm } from '#lib/server/activities/schemas.ts';
import { linkOrigin } from '#lib/server/referrals/emails.ts';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

/** My RSVPs, my calendar feed and my proposals. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'activities.self');
	return activitiesLoad(event, async (ctx) => ({
		proposed: event.url.searchParams.has('proposed'),
		rsvps: (await myRsvps(ctx)).map((r) => ({ id: r.activityId, title: r.title, when: when(r.startsAt, r.endsAt, ctx.locale), status: r.status, position: r.position, cancelled: r.cancelled })),
		proposals: (await myProposals(ctx)).map((p) => ({ id: p.id, title: p.title, status: p.status, reason: p.reason })),
		hasFeed: (await feedCreatedAt(ctx)) !== null
	}));
};

export const actions: Actions = {
	/** A new secret address; shown once (only its hash is kept). */
	feed: (event) =>
		activitiesForm(event, 'feed', emptyForm, async (ctx) => `${linkOrigin(event.url.origin)}/activities/feed/${await resetFeedToken(ctx)}.ics`, (url) => url),
	cancel: (event) => activitiesForm(event, 'rsvp', z.object({ activityId: z.string().max(100) }), (ctx, d) => cancelRsvp(ctx, d.activityId), () => m.activities_rsvp_cancelled())
};
