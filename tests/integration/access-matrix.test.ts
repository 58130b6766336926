/**
 * Every route × every role, over real HTTP against the built app. Fails when
 * a route exists without an entry in tests/access/matrix.ts.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { createFixtures, roles, type Fixtures } from '../access/fixtures.ts';
import { formActions, matrix, privateRecords, type Expect } from '../access/matrix.ts';

/** Route ids as SvelteKit sees them: groups like (public) removed. */
export function discoverRoutes(dir = 'src/routes', prefix = ''): string[] {
	const found: string[] = [];
	const entries = readdirSync(dir);
	if (entries.some((e) => /^\+(page\.svelte|server\.(ts|js))$/.test(e))) found.push(prefix || '/');
	for (const e of entries) {
		const p = path.join(dir, e);
		if (!statSync(p).isDirectory()) continue;
		const segment = /^\(.*\)$/.test(e) ? '' : `/${e}`;
		found.push(...discoverRoutes(p, prefix + segment));
	}
	return [...new Set(found)].sort();
}

function outcome(status: number, location: string | null): Expect | `status ${number}` {
	if (status === 200) return 'ok';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'notfound';
	if (status === 405) return 'method';
	if (status === 400) return 'invalid';
	if (status === 409) return 'conflict';
	if (status >= 300 && status < 400) {
		const to = location ?? '';
		if (to.startsWith('/signin/verify') || to.startsWith('/account/security')) return '2fa';
		if (to.startsWith('/signin')) return 'signin';
		return 'redirect';
	}
	return `status ${status}`;
}

/** Every route × every role is hundreds of requests: more than the default per-test time when the suite runs in parallel. */
const MATRIX_TIMEOUT_MS = 600_000;

let app: TestApp;
let fixtures: Fixtures;

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	fixtures = await createFixtures(app.database.db);
});
afterAll(() => app?.stop());

describe('access matrix', () => {
	it('has an entry for every route, and no entry for a route that does not exist', () => {
		const routes = discoverRoutes();
		expect(routes.filter((r) => !(r in matrix)), 'routes without a matrix entry').toEqual([]);
		expect(Object.keys(matrix).filter((r) => !routes.includes(r)), 'entries without a route').toEqual([]);
	});

	it('gives every role exactly the expected outcome on every route', async () => {
		const mismatches: string[] = [];
		for (const [route, entry] of Object.entries({ ...matrix, ...privateRecords })) {
			const url = entry.path(fixtures);
			for (const role of roles) {
				const client = app.client();
				const token = fixtures.tokens[role];
				if (token) client.cookies.set('convive_session', token);
				const res = await client.get(url);
				const got = outcome(res.status, res.location);
				const want = typeof entry.expect === 'string' ? entry.expect : entry.expect[role];
				if (got !== want) mismatches.push(`${route} as ${role}: expected ${want}, got ${got}`);
			}
		}
		expect(mismatches).toEqual([]);
	}, MATRIX_TIMEOUT_MS);

	it('refuses or accepts every form action for every role before reading the form', async () => {
		const mismatches: string[] = [];
		for (const [action, entry] of Object.entries(formActions)) {
			const url = entry.path(fixtures);
			for (const role of roles) {
				const client = app.client();
				const token = fixtures.tokens[role];
				if (token) client.cookies.set('convive_session', token);
				const res = await client.post(url, {});
				const got = outcome(res.status, res.location);
				const want = typeof entry.expect === 'string' ? entry.expect : entry.expect[role];
				if (got !== want) mismatches.push(`POST ${action} as ${role}: expected ${want}, got ${got}`);
			}
		}
		expect(mismatches).toEqual([]);
	}, MATRIX_TIMEOUT_MS);
});
