/**
 * Access matrix entries of an organisation's volunteering workspace (issue 6):
 * GET routes, forged ids, and form actions posted empty. Spread into matrix.ts.
 *
 * Opportunities and shifts (`volunteering.opportunity.manage`) answer the
 * organisation's owner, coordinators and volunteer coordinators and
 * administrators, with no second factor; volunteers, rosters and hours
 * (`volunteering.volunteers.manage`) are personal data and ask for it.
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, type Expect, type RouteEntry } from '../expect.ts';

const base = (f: Fixtures) => `/app/organisations/${f.org.id}/volunteering`;
const FORGED = '00000000-0000-4000-8000-000000000000';

/** `volunteering.opportunity.manage`: no second factor needed. */
const managers = (allowed: Expect) =>
	byRole('forbidden', 'signin', {
		owner: allowed,
		coordinator: allowed,
		volunteer_coordinator: allowed,
		admin: allowed,
		owner_without_second_factor: allowed,
		admin_without_second_factor: allowed
	});

/** `volunteering.volunteers.manage`: the same people, past the second factor. */
const volunteerStaff = (allowed: Expect) =>
	byRole('forbidden', 'signin', {
		owner: allowed,
		coordinator: allowed,
		volunteer_coordinator: allowed,
		admin: allowed,
		owner_without_second_factor: '2fa',
		admin_without_second_factor: '2fa'
	});

export function routes(): Record<string, RouteEntry> {
	return {
		'/app/organisations/[id]/volunteering': { path: base, expect: managers('ok') },
		'/app/organisations/[id]/volunteering/[opportunityId]': { path: (f) => `${base(f)}/${f.volunteering.opportunityId}`, expect: managers('ok') },
		'/app/organisations/[id]/volunteering/[opportunityId]/shifts/[shiftId]': {
			path: (f) => `${base(f)}/${f.volunteering.opportunityId}/shifts/${f.volunteering.shiftId}`,
			expect: volunteerStaff('ok')
		},
		'/app/organisations/[id]/volunteering/volunteers': { path: (f) => `${base(f)}/volunteers`, expect: volunteerStaff('ok') },
		'/app/organisations/[id]/volunteering/matching': { path: (f) => `${base(f)}/matching`, expect: volunteerStaff('ok') },
		'/app/organisations/[id]/volunteering/hours': { path: (f) => `${base(f)}/hours`, expect: volunteerStaff('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/app/organisations/[id]/volunteering/[opportunityId] (forged id)': { path: (f) => `${base(f)}/${FORGED}`, expect: managers('notfound') },
		'/app/organisations/[id]/volunteering/[opportunityId] (not a uuid)': { path: (f) => `${base(f)}/1'%20or%201=1--`, expect: managers('notfound') },
		'/app/organisations/[id]/volunteering/[opportunityId]/shifts/[shiftId] (forged id)': {
			path: (f) => `${base(f)}/${f.volunteering.opportunityId}/shifts/${FORGED}`,
			expect: volunteerStaff('notfound')
		}
	};
}

export function actions(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {
		'/app/organisations/[id]/volunteering ?/create': { path: (f) => `${base(f)}?/create`, expect: managers('invalid') }
	};
	for (const a of ['update', 'translate', 'shifts', 'cancel']) {
		out[`/app/organisations/[id]/volunteering/[opportunityId] ?/${a}`] = { path: (f) => `${base(f)}/${f.volunteering.opportunityId}?/${a}`, expect: managers('invalid') };
	}
	for (const a of ['screen', 'decide']) {
		out[`/app/organisations/[id]/volunteering/volunteers ?/${a}`] = { path: (f) => `${base(f)}/volunteers?/${a}`, expect: volunteerStaff('invalid') };
	}
	for (const a of ['run', 'invite']) {
		out[`/app/organisations/[id]/volunteering/matching ?/${a}`] = { path: (f) => `${base(f)}/matching?/${a}`, expect: volunteerStaff(a === 'run' ? 'ok' : 'invalid') };
	}
	out['/app/organisations/[id]/volunteering/hours ?/review'] = { path: (f) => `${base(f)}/hours?/review`, expect: volunteerStaff('invalid') };
	return out;
}
