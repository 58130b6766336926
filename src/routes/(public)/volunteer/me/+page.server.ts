import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { cityToday } from '#lib/server/guardianship/age.ts';
import { logHours, myHours } from '#lib/server/engagement/hours.ts';
import { applicationRef, cityMoment, cityTime, hoursEntryForm, portalForm, portalLoad } from '#lib/server/engagement/portal.ts';
import { shiftRef } from '#lib/server/engagement/schemas.ts';
import { cancelSignup, myShifts } from '#lib/server/engagement/shifts.ts';
import { myApplications, withdraw } from '#lib/server/engagement/volunteers.ts';
import { upcomingVolunteerEvents } from '#lib/server/activities/activities.ts';
import { when as activityWhen } from '#lib/server/activities/route.ts';
import type { Actions, PageServerLoad } from './$types';

const DAY = 86_400_000;

/** The volunteer's own page: applications, shifts, hours. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'volunteering.self');
	return portalLoad(event, async (ctx) => {
		const now = Date.now();
		const [applications, shifts, hours, events] = await Promise.all([myApplications(ctx), myShifts(ctx, new Date(now - 366 * DAY)), myHours(ctx), upcomingVolunteerEvents(ctx, 5)]);
		const when = (s: { startsAt: Date; endsAt: Date }) => `${cityMoment(s.startsAt, ctx.locale)} – ${cityTime(s.endsAt, ctx.locale)}`;
		return {
			today: cityToday(),
			applications: applications.map((a) => ({ id: a.id, opportunityId: a.opportunityId, title: a.title, status: a.status, reason: a.reason })),
			upcoming: shifts
				.filter((s) => s.endsAt.getTime() > now)
				.map((s) => ({ shiftId: s.shiftId, opportunityId: s.opportunityId, title: s.title, when: when(s), status: s.status, cancelled: s.cancelled, position: s.position })),
			/** Shifts already worked with a place: what hours may name. */
			worked: shifts
				.filter((s) => s.startsAt.getTime() <= now && s.status === 'confirmed' && !s.cancelled)
				.map((s) => ({ shiftId: s.shiftId, opportunityId: s.opportunityId, label: `${s.title} · ${when(s)}` })),
			accepted: applications.filter((a) => a.status === 'accepted').map((a) => ({ value: a.opportunityId, label: a.title })),
			hours: hours.rows.map((h) => ({ id: h.id, title: h.title, workedOn: h.workedOn, minutes: h.minutes, tasks: h.tasks, status: h.status })),
			confirmedMinutes: hours.confirmedMinutes,
			/** Trainings and meetings for volunteers (neighbourhood activities). */
			events: events.map((e) => ({ id: e.id, title: e.title, language: e.language, kind: e.kind, when: activityWhen(e.startsAt, e.endsAt, ctx.locale), where: e.online ? null : (e.placeName ?? e.neighbourhoodName) }))
		};
	});
};

export const actions: Actions = {
	withdraw: (event) => portalForm(event, 'applications', applicationRef, (ctx, d) => withdraw(ctx, d.applicationId), () => m.volunteer_withdrawn()),
	cancel: (event) => portalForm(event, 'shifts', shiftRef, (ctx, d) => cancelSignup(ctx, d.shiftId), () => m.volunteer_signup_cancelled()),
	hours: (event) => portalForm(event, 'hours', hoursEntryForm, (ctx, d) => logHours(ctx, d), () => m.volunteer_hours_logged())
};
