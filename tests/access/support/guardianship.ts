/**
 * Access matrix entries of the support folder's guardians, guardianships, the monitoring office (issue 4):
 * GET routes, records whose existence is private, and form actions posted
 * empty. Spread into matrix.ts.
 *
 * The office's pages (the matching page too: `matching.run` on the
 * guardianship programme) answer the guardianship office and administrators
 * (who must have passed the second factor); a guardian's own page answers
 * anyone signed in, and only a guardian (the fixture `resident`) may post a
 * visit there.
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, type Expect, type RouteEntry } from '../expect.ts';

/** `guardianship.manage`: the office and administrators, past the second factor. */
const office = (allowed: Expect) => byRole('forbidden', 'signin', { guardianship_office: allowed, admin: allowed, admin_without_second_factor: '2fa' });

export function routes(): Record<string, RouteEntry> {
	return {
		'/app/guardian': { path: () => '/app/guardian', expect: byRole('ok', 'signin') },
		'/app/guardianship': { path: () => '/app/guardianship', expect: office('ok') },
		'/app/guardianship/guardians': { path: () => '/app/guardianship/guardians', expect: office('ok') },
		'/app/guardianship/guardians/[guardianId]': { path: (f: Fixtures) => `/app/guardianship/guardians/${f.guardian.id}`, expect: office('ok') },
		// matching.run on the guardianship programme: the same people as guardianship.manage.
		'/app/guardianship/matching': { path: () => '/app/guardianship/matching', expect: office('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/app/guardianship/guardians/[guardianId] (forged id)': { path: () => '/app/guardianship/guardians/00000000-0000-4000-8000-000000000000', expect: office('notfound') },
		'/app/guardianship/guardians/[guardianId] (not a uuid)': { path: () => "/app/guardianship/guardians/1'%20or%201=1--", expect: office('notfound') }
	};
}

export function actions(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {
		// Anyone signed in may offer to be a guardian; the empty form lacks the agreement.
		'/app/guardian ?/register': { path: () => '/app/guardian?/register', expect: byRole('invalid', 'signin') },
		// Only a guardian records visits; everyone else is refused before the form is read.
		'/app/guardian ?/visit': { path: () => '/app/guardian?/visit', expect: byRole('forbidden', 'signin', { resident: 'invalid' }) },
		'/app/guardianship ?/transitionPlan': { path: () => '/app/guardianship?/transitionPlan', expect: office('invalid') },
		'/app/guardianship/guardians ?/register': { path: () => '/app/guardianship/guardians?/register', expect: office('invalid') },
		// Matching: the weights are required; a run needs nothing (it runs with nothing kept or ruled out); confirming needs a selection.
		'/app/guardianship/matching ?/settings': { path: () => '/app/guardianship/matching?/settings', expect: office('invalid') },
		'/app/guardianship/matching ?/run': { path: () => '/app/guardianship/matching?/run', expect: office('ok') },
		'/app/guardianship/matching ?/confirm': { path: () => '/app/guardianship/matching?/confirm', expect: office('invalid') }
	};
	for (const a of ['vetting', 'status', 'assign', 'end']) {
		out[`/app/guardianship/guardians/[guardianId] ?/${a}`] = { path: (f) => `/app/guardianship/guardians/${f.guardian.id}?/${a}`, expect: office('invalid') };
	}
	return out;
}
