/**
 * The access matrix: for every route, what each role gets on GET.
 *
 *   ok         200
 *   signin     redirect to the sign-in page
 *   2fa        redirect to the second-factor page
 *   redirect   any other redirect (e.g. a form that answers by redirecting)
 *   forbidden  403
 *   notfound   404 (used where even the existence of a record is private)
 *   method     405 (a route that only takes POST)
 *
 * A new route without an entry here fails the matrix test.
 */
import type { Fixtures, Role } from './fixtures.ts';

export type Expect = 'ok' | 'signin' | '2fa' | 'redirect' | 'forbidden' | 'notfound' | 'method';

export interface RouteEntry {
	path: (f: Fixtures) => string;
	/** One outcome for every role, or one per role. */
	expect: Expect | Record<Role, Expect>;
}

const everyone = (e: Expect) => e;

/** Signed in: ok; anonymous: sign in. */
const signedIn = (ok: Expect = 'ok'): Record<Role, Expect> => ({
	anonymous: 'signin',
	newcomer: ok,
	resident: ok,
	owner: ok,
	coordinator: ok,
	case_worker: ok,
	volunteer_coordinator: ok,
	member: ok,
	other_org_owner: ok,
	admin: ok,
	integration_officer: ok,
	evaluator: ok
});

export const matrix: Record<string, RouteEntry> = {
	'/': { path: () => '/', expect: everyone('ok') },
	'/healthz': { path: () => '/healthz', expect: everyone('ok') },
	'/design': { path: () => '/design', expect: everyone('ok') },
	'/language': { path: () => '/language?set=en&next=/', expect: everyone('redirect') }
};

export { signedIn };
