/**
 * Access matrix entries of assemblies and meetings (issue 7): the public
 * pages and calendars, the workspace of those who run an assembly (its chair
 * is the `resident` role, a plain member the `newcomer`) and of the city's
 * staff. Spread into matrix.ts. Running and managing need the second factor
 * of those whose role asks for it (administrators, integration officers).
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, everyone, type Expect, type RouteEntry } from '../expect.ts';

const FORGED = '00000000-0000-4000-8000-000000000000';
const pub = (f: Fixtures) => `/assemblies/${f.assembly.id}`;
const app = (f: Fixtures) => `/app/assemblies/${f.assembly.id}`;

/** assemblies.manage: administrators and integration officers. */
const staff = (allowed: Expect) => byRole('forbidden', 'signin', { admin: allowed, integration_officer: allowed, admin_without_second_factor: '2fa' });
/** assemblies.run: the chair (the resident), and staff. */
const runners = (allowed: Expect) => byRole('forbidden', 'signin', { resident: allowed, admin: allowed, integration_officer: allowed, admin_without_second_factor: '2fa' });

export function routes(): Record<string, RouteEntry> {
	return {
		'/assemblies': { path: () => '/assemblies', expect: everyone('ok') },
		'/assemblies/[id]': { path: pub, expect: everyone('ok') },
		'/assemblies/[id].ics': { path: (f) => `${pub(f)}.ics`, expect: everyone('ok') },
		'/assemblies/[id]/meetings/[meetingId]': { path: (f) => `${pub(f)}/meetings/${f.assembly.meetingId}`, expect: everyone('ok') },
		'/assemblies/[id]/meetings/[meetingId].ics': { path: (f) => `${pub(f)}/meetings/${f.assembly.meetingId}.ics`, expect: everyone('ok') },
		'/app/assemblies': { path: () => '/app/assemblies', expect: staff('ok') },
		'/app/assemblies/decisions': { path: () => '/app/assemblies/decisions?status=overdue', expect: staff('ok') },
		'/app/assemblies/[id]': { path: app, expect: runners('ok') },
		'/app/assemblies/[id]/meetings/[meetingId]': { path: (f) => `${app(f)}/meetings/${f.assembly.meetingId}`, expect: runners('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/assemblies/[id] (forged id)': { path: () => `/assemblies/${FORGED}`, expect: everyone('notfound') },
		'/assemblies/[id] (not a uuid)': { path: () => `/assemblies/1'%20or%201=1--`, expect: everyone('notfound') },
		'/assemblies/[id]/meetings/[meetingId] (another assembly)': { path: (f) => `${pub(f)}/meetings/${f.assembly.otherMeetingId}`, expect: everyone('notfound') },
		'/assemblies/[id]/meetings/[meetingId].ics (another assembly)': { path: (f) => `${pub(f)}/meetings/${f.assembly.otherMeetingId}.ics`, expect: everyone('notfound') },
		'/app/assemblies/[id] (forged id)': { path: () => `/app/assemblies/${FORGED}`, expect: byRole('notfound', 'signin') },
		'/app/assemblies/[id]/meetings/[meetingId] (another assembly)': { path: (f) => `${app(f)}/meetings/${f.assembly.otherMeetingId}`, expect: runners('notfound') }
	};
}

export function actions(): Record<string, RouteEntry> {
	return {
		'/assemblies/[id] ?/answer': { path: (f) => `${pub(f)}?/answer`, expect: runners('invalid') },
		'/assemblies/[id]/meetings/[meetingId] ?/reply': { path: (f) => `${pub(f)}/meetings/${f.assembly.meetingId}?/reply`, expect: byRole('invalid', 'signin') },
		'/app/assemblies ?/create': { path: () => '/app/assemblies?/create', expect: staff('invalid') },
		'/app/assemblies/[id] ?/update': { path: (f) => `${app(f)}?/update`, expect: staff('invalid') },
		'/app/assemblies/[id] ?/schedule': { path: (f) => `${app(f)}?/schedule`, expect: runners('invalid') },
		'/app/assemblies/[id] ?/decisionStatus': { path: (f) => `${app(f)}?/decisionStatus`, expect: runners('invalid') },
		'/app/assemblies/[id]/meetings/[meetingId] ?/minutes': { path: (f) => `${app(f)}/meetings/${f.assembly.pastMeetingId}?/minutes`, expect: runners('invalid') },
		'/app/assemblies/[id]/meetings/[meetingId] ?/decide': { path: (f) => `${app(f)}/meetings/${f.assembly.pastMeetingId}?/decide`, expect: runners('invalid') }
	};
}
