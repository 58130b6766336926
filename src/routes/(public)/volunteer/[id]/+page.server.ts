import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { getOpportunity } from '#lib/server/engagement/opportunities.ts';
import { cityMoment, cityTime, portalForm, portalLoad } from '#lib/server/engagement/portal.ts';
import { applyForm, shiftRef } from '#lib/server/engagement/schemas.ts';
import { cancelSignup, myShifts, signUp } from '#lib/server/engagement/shifts.ts';
import { apply, myApplications } from '#lib/server/engagement/volunteers.ts';
import type { Actions, PageServerLoad } from './$types';

/** One opportunity: public when open (a draft or forged id is the 404 page); signed in, one's application and shifts. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'volunteering.view');
	return portalLoad(event, async (ctx) => {
		const o = await getOpportunity(ctx, event.params.id);
		const signedIn = event.locals.actor.kind === 'user';
		const application = signedIn ? ((await myApplications(ctx)).find((a) => a.opportunityId === o.id) ?? null) : null;
		const mine = signedIn && application?.status === 'accepted' ? (await myShifts(ctx)).filter((s) => s.opportunityId === o.id) : [];
		const now = Date.now();
		return {
			signedIn,
			next: encodeURIComponent(event.url.pathname),
			opportunity: {
				id: o.id,
				title: o.title,
				description: o.description,
				language: o.language,
				kind: o.kind,
				mode: o.mode,
				status: o.status,
				organisationName: o.organisationName,
				neighbourhoodName: o.neighbourhoodName,
				address: o.address,
				skills: o.skills,
				languages: o.languages,
				involvesVulnerable: o.involvesVulnerable
			},
			shifts: o.shifts
				.filter((s) => s.startsAt.getTime() > now)
				.map((s) => {
					const my = mine.find((x) => x.shiftId === s.id);
					return {
						id: s.id,
						when: `${cityMoment(s.startsAt, ctx.locale)} – ${cityTime(s.endsAt, ctx.locale)}`,
						capacity: s.capacity,
						left: Math.max(0, s.capacity - s.confirmed),
						cancelled: s.cancelled,
						mine: my ? { status: my.status, position: my.position } : null
					};
				}),
			application: application ? { id: application.id, status: application.status, reason: application.reason } : null
		};
	});
};

export const actions: Actions = {
	apply: (event) => portalForm(event, 'apply', applyForm, (ctx, d) => apply(ctx, event.params.id, d.message), () => m.volunteer_applied()),
	signup: (event) =>
		portalForm(event, 'shift', shiftRef, (ctx, d) => signUp(ctx, d.shiftId), (r) => (r.status === 'waitlisted' ? m.volunteer_waitlisted() : m.volunteer_signed_up())),
	cancel: (event) => portalForm(event, 'shift', shiftRef, (ctx, d) => cancelSignup(ctx, d.shiftId), () => m.volunteer_signup_cancelled())
};
