/**
 * Access matrix entries of the support folder's guardians, guardianships, the monitoring office (issue 4):
 * GET routes, records whose existence is private, and form actions posted
 * empty. Spread into matrix.ts.
 */
import type { RouteEntry } from '../expect.ts';

export function routes(): Record<string, RouteEntry> {
	return {};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {};
}

export function actions(): Record<string, RouteEntry> {
	return {};
}
