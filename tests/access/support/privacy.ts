/**
 * Access matrix entries of the support folder's break-glass, who opened the folder, export, erase, statistics (issue 4):
 * GET routes, records whose existence is private, and form actions posted
 * empty. Spread into matrix.ts.
 *
 * The fixture folder belongs to `org`; its case worker is the lead worker,
 * so the lead organisation's owner, coordinator and case worker may read its
 * access log, export and erase it. Break-glass is for anyone who works on
 * folders somewhere (owner, coordinator, case worker of any organisation).
 */
import { byRole, type Expect, type RouteEntry } from '../expect.ts';
import type { Role } from '../fixtures.ts';

/** Owners, coordinators and case workers of any organisation: the fixture's three and the other organisation's owner. */
const anyWorker = (allowed: Expect): Record<Role, Expect> =>
	byRole('forbidden', 'signin', { owner: allowed, coordinator: allowed, case_worker: allowed, other_org_owner: allowed, owner_without_second_factor: '2fa' });

export function routes(): Record<string, RouteEntry> {
	return {
		'/app/folders/break-glass': { path: () => '/app/folders/break-glass', expect: anyWorker('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {};
}

export function actions(): Record<string, RouteEntry> {
	return {
		'/app/folders/break-glass ?/open': { path: () => '/app/folders/break-glass?/open', expect: anyWorker('invalid') },
		'/app/folders/break-glass ?/end': { path: () => '/app/folders/break-glass?/end', expect: anyWorker('invalid') }
	};
}
