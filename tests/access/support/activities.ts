/**
 * Access matrix entries of neighbourhood activities (issue 6): the public
 * pages and feeds, one's own pages, and an organisation's workspace. Spread
 * into matrix.ts. `activities.manage` needs no second factor; the attendee
 * list on the activity's page is shown only past it (the page itself answers).
 * Reviewing proposals (`activities.review`) is for owners and coordinators,
 * past the second factor.
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, everyone, type Expect, type RouteEntry } from '../expect.ts';

const base = (f: Fixtures) => `/app/organisations/${f.org.id}/activities`;
const FORGED = '00000000-0000-4000-8000-000000000000';

const managers = (allowed: Expect) =>
	byRole('forbidden', 'signin', {
		owner: allowed,
		coordinator: allowed,
		volunteer_coordinator: allowed,
		admin: allowed,
		owner_without_second_factor: allowed,
		admin_without_second_factor: allowed
	});

const reviewers = (allowed: Expect) =>
	byRole('forbidden', 'signin', { owner: allowed, coordinator: allowed, admin: allowed, owner_without_second_factor: '2fa', admin_without_second_factor: '2fa' });

export function routes(): Record<string, RouteEntry> {
	return {
		'/activities': { path: () => '/activities?kind=event&child=1&language=ar&from=2026-01-01&page=2', expect: everyone('ok') },
		'/activities/[id]': { path: (f) => `/activities/${f.activity.id}`, expect: everyone('ok') },
		'/activities/[id].ics': { path: (f) => `/activities/${f.activity.id}.ics`, expect: everyone('ok') },
		'/activities/calendar/[slug].ics': { path: (f) => `/activities/calendar/${f.activity.neighbourhoodSlug}.ics`, expect: everyone('ok') },
		'/activities/feed/[token].ics': { path: () => '/activities/feed/forged-token-forged-token-0000.ics', expect: everyone('notfound') },
		'/activities/me': { path: () => '/activities/me', expect: byRole('ok', 'signin') },
		'/activities/propose': { path: () => '/activities/propose', expect: byRole('ok', 'signin') },
		'/app/organisations/[id]/activities': { path: base, expect: managers('ok') },
		'/app/organisations/[id]/activities/[activityId]': { path: (f) => `${base(f)}/${f.activity.id}`, expect: managers('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/activities/[id] (forged id)': { path: () => `/activities/${FORGED}`, expect: everyone('notfound') },
		'/activities/[id] (not a uuid)': { path: () => `/activities/1'%20or%201=1--`, expect: everyone('notfound') },
		'/activities/calendar/[slug].ics (unknown)': { path: () => '/activities/calendar/nowhere.ics', expect: everyone('notfound') },
		'/app/organisations/[id]/activities/[activityId] (forged id)': { path: (f) => `${base(f)}/${FORGED}`, expect: managers('notfound') }
	};
}

export function actions(): Record<string, RouteEntry> {
	return {
		'/activities/propose (post)': { path: () => '/activities/propose', expect: byRole('invalid', 'signin') },
		'/activities/me ?/cancel': { path: () => '/activities/me?/cancel', expect: byRole('invalid', 'signin') },
		'/app/organisations/[id]/activities ?/create': { path: (f) => `${base(f)}?/create`, expect: managers('invalid') },
		'/app/organisations/[id]/activities ?/review': { path: (f) => `${base(f)}?/review`, expect: reviewers('invalid') },
		'/app/organisations/[id]/activities/[activityId] ?/update': { path: (f) => `${base(f)}/${f.activity.id}?/update`, expect: managers('invalid') }
	};
}
