/**
 * Access matrix entries of the buddy programmes (issue 6, decision 020): the
 * public pages, one's own page, and an organisation's workspace (GET routes,
 * forged ids, form actions posted empty). Spread into matrix.ts.
 *
 * The workspace (`buddies.manage`) is personal data: the organisation's
 * owner, coordinators, volunteer coordinators and administrators, past the
 * second factor.
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, everyone, type Expect, type RouteEntry } from '../expect.ts';

const base = (f: Fixtures) => `/app/organisations/${f.org.id}/buddies`;
const FORGED = '00000000-0000-4000-8000-000000000000';

const staff = (allowed: Expect) =>
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
		'/buddies': { path: () => '/buddies', expect: everyone('ok') },
		'/buddies/[id]': { path: (f) => `/buddies/${f.buddyProgramme.id}`, expect: everyone('ok') },
		'/buddies/me': { path: () => '/buddies/me', expect: byRole('ok', 'signin') },
		'/app/organisations/[id]/buddies': { path: base, expect: staff('ok') },
		'/app/organisations/[id]/buddies/[programmeId]': { path: (f) => `${base(f)}/${f.buddyProgramme.id}`, expect: staff('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/buddies/[id] (forged id)': { path: () => `/buddies/${FORGED}`, expect: everyone('notfound') },
		'/buddies/[id] (not a uuid)': { path: () => `/buddies/1'%20or%201=1--`, expect: everyone('notfound') },
		'/app/organisations/[id]/buddies/[programmeId] (forged id)': { path: (f) => `${base(f)}/${FORGED}`, expect: staff('notfound') }
	};
}

export function actions(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {
		'/buddies/[id] ?/apply': { path: (f) => `/buddies/${f.buddyProgramme.id}?/apply`, expect: byRole('invalid', 'signin') },
		'/app/organisations/[id]/buddies ?/create': { path: (f) => `${base(f)}?/create`, expect: staff('invalid') }
	};
	for (const a of ['checkin', 'end', 'feedback', 'withdraw']) out[`/buddies/me ?/${a}`] = { path: () => `/buddies/me?/${a}`, expect: byRole('invalid', 'signin') };
	for (const a of ['update', 'settings', 'translate', 'confirm', 'ruleout', 'end']) {
		out[`/app/organisations/[id]/buddies/[programmeId] ?/${a}`] = { path: (f) => `${base(f)}/${f.buddyProgramme.id}?/${a}`, expect: staff('invalid') };
	}
	return out;
}
