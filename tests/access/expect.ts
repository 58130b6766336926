/**
 * The vocabulary of the access matrix (matrix.ts): what a route answers, and
 * the helpers that spell out one outcome per role. The support tracks keep
 * their entries in ./support/*.ts and import from here.
 */
import { roles, type Fixtures, type Role } from './fixtures.ts';

export type Expect = 'ok' | 'signin' | '2fa' | 'redirect' | 'forbidden' | 'notfound' | 'method' | 'invalid' | 'conflict';

export interface RouteEntry {
	path: (f: Fixtures) => string;
	/** One outcome for every role, or one per role. */
	expect: Expect | Record<Role, Expect>;
}

export const everyone = (e: Expect) => e;

/**
 * One outcome for every signed-in role, another for anonymous visitors,
 * and the exceptions spelled out.
 */
export function byRole(signedIn: Expect, anonymous: Expect, except: Partial<Record<Role, Expect>> = {}): Record<Role, Expect> {
	const out = {} as Record<Role, Expect>;
	for (const r of roles) out[r] = r === 'anonymous' ? anonymous : signedIn;
	return { ...out, ...except };
}

/**
 * Support folders: the fixture folder belongs to `org`, whose owner,
 * coordinator and case worker may open it; everyone else finds the same 403
 * as for an id that does not exist.
 */
export const folderWorkers = (allowed: Expect, others: Expect) =>
	byRole(others, 'signin', { owner: allowed, coordinator: allowed, case_worker: allowed, owner_without_second_factor: '2fa' });

