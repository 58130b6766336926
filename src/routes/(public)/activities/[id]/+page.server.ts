import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { getActivity } from '#lib/server/activities/activities.ts';
import { cancelRsvp, myRsvpFor, rsvp } from '#lib/server/activities/rsvp.ts';
import { activitiesForm, activitiesLoad, when } from '#lib/server/activities/route.ts';
import { emptyForm } from '#lib/server/activities/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** One activity: public when published (a proposal, a forged id, a volunteers' event for others: the 404 page). */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'activities.view');
	return activitiesLoad(event, async (ctx) => {
		const a = await getActivity(ctx, event.params.id);
		const mine = await myRsvpFor(ctx, a.id);
		return {
			signedIn: event.locals.actor.kind === 'user',
			next: encodeURIComponent(event.url.pathname),
			activity: {
				id: a.id,
				title: a.title,
				description: a.description,
				language: a.language,
				kind: a.kind,
				audience: a.audience,
				status: a.status,
				reviewReason: a.reviewReason,
				when: when(a.startsAt, a.endsAt, ctx.locale),
				started: a.startsAt.getTime() <= Date.now(),
				placeName: a.placeName,
				address: a.address,
				onlineUrl: a.onlineUrl,
				neighbourhoodName: a.neighbourhoodName,
				organisationName: a.organisationName,
				childFriendly: a.childFriendly,
				accessibility: a.accessibility,
				languages: a.languages,
				capacity: a.capacity,
				left: a.capacity === null ? null : Math.max(0, a.capacity - a.going),
				waiting: a.waiting
			},
			mine: mine ? { status: mine.status, position: mine.position } : null
		};
	});
};

export const actions: Actions = {
	rsvp: (event) => activitiesForm(event, 'rsvp', emptyForm, (ctx) => rsvp(ctx, event.params.id), (r) => (r.status === 'waitlisted' ? m.activities_waitlisted() : m.activities_going())),
	cancel: (event) => activitiesForm(event, 'rsvp', emptyForm, (ctx) => cancelRsvp(ctx, event.params.id), () => m.activities_rsvp_cancelled())
};
