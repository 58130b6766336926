import { m } from '#lib/paraglide/messages.js';
import { can } from '#lib/server/policy/index.ts';
import { activityForEdit, cancelActivity, updateActivity } from '#lib/server/activities/activities.ts';
import { attendees, promoteAfterEdit } from '#lib/server/activities/rsvp.ts';
import { activitiesLoad, activitiesOrgForm, localFields, when } from '#lib/server/activities/route.ts';
import { activityForm, cancelForm } from '#lib/server/activities/schemas.ts';
import { orgGate } from '#lib/server/http/org-route.ts';
import { listNeighbourhoods } from '#lib/server/organisations/organisations.ts';
import type { Actions, PageServerLoad } from './$types';

/** One activity of the organisation: edit, cancel, and (second factor) who is going and who waits. */
export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'activities.manage');
	return activitiesLoad(event, async () => {
		const a = await activityForEdit(ctx, org.id, event.params.activityId);
		const start = localFields(a.startsAt);
		const end = localFields(a.endsAt);
		const seeAttendees = can(ctx.actor, 'activities.attendees', { type: 'organisation', id: org.id });
		const list = seeAttendees === 'allowed' ? await attendees(ctx, a.id) : null;
		return {
			org: { id: org.id, name: org.name },
			permissions,
			created: event.url.searchParams.has('created'),
			activity: {
				id: a.id,
				status: a.status,
				kind: a.kind,
				audience: a.audience,
				neighbourhoodId: a.neighbourhoodId,
				when: when(a.startsAt, a.endsAt, ctx.locale),
				values: {
					title: a.title,
					description: a.description,
					language: a.language,
					date: start.date,
					start: start.time,
					end: end.time,
					placeName: a.placeName,
					address: a.address,
					onlineUrl: a.onlineUrl,
					capacity: a.capacity,
					languages: a.languages,
					childFriendly: a.childFriendly,
					accessibility: a.accessibility
				}
			},
			attendeesNeedSecondFactor: seeAttendees === 'second_factor_required',
			going: list?.going.map((g) => g.name) ?? [],
			waiting: list?.waiting.map((g) => g.name) ?? [],
			neighbourhoods: await listNeighbourhoods(ctx.db)
		};
	});
};

export const actions: Actions = {
	update: (event) =>
		activitiesOrgForm(event, 'update', 'activities.manage', activityForm, async (ctx, d, orgId) => {
			// Another organisation's activity under this address is not found.
			await activityForEdit(ctx, orgId, event.params.activityId);
			await updateActivity(ctx, event.params.activityId, d);
			await promoteAfterEdit(ctx, event.params.activityId);
		}),
	cancel: (event) =>
		activitiesOrgForm(
			event,
			'cancel',
			'activities.manage',
			cancelForm,
			async (ctx, d, orgId) => {
				await activityForEdit(ctx, orgId, event.params.activityId);
				return cancelActivity(ctx, event.params.activityId, d.reason);
			},
			(n) => m.activities_cancelled_told({ count: String(n) })
		)
};
