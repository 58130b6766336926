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
import { byRole, everyone, folderWorkers, type Expect, type RouteEntry } from '../expect.ts';
import type { Role } from '../fixtures.ts';

/** Owners, coordinators and case workers of any organisation: the fixture's three and the other organisation's owner. */
const anyWorker = (allowed: Expect): Record<Role, Expect> =>
	byRole('forbidden', 'signin', { owner: allowed, coordinator: allowed, case_worker: allowed, other_org_owner: allowed, owner_without_second_factor: '2fa' });

/** The city's staff and evaluators, and the monitoring office (no personal data, so no second factor asked). */
const statsReaders = byRole('forbidden', 'signin', { admin: 'ok', admin_without_second_factor: 'ok', integration_officer: 'ok', evaluator: 'ok', guardianship_office: 'ok' });

const pages = ['access', 'export', 'erase'] as const;

export function routes(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {
		'/app/folders/break-glass': { path: () => '/app/folders/break-glass', expect: anyWorker('ok') },
		'/app/folders/erased': { path: () => '/app/folders/erased?mode=anonymise', expect: byRole('ok', 'signin') },
		// The download is a form post only.
		'/app/folders/[personId]/export/download': { path: (f) => `/app/folders/${f.folder.id}/export/download`, expect: everyone('method') },
		'/app/support/stats': { path: () => '/app/support/stats', expect: statsReaders }
	};
	for (const p of pages) out[`/app/folders/[personId]/${p}`] = { path: (f) => `/app/folders/${f.folder.id}/${p}`, expect: folderWorkers('ok', 'forbidden') };
	return out;
}

export function privateRoutes(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {};
	for (const p of pages) {
		out[`/app/folders/[personId]/${p} (another organisation)`] = {
			path: (f) => `/app/folders/${f.otherFolder.id}/${p}`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'ok' })
		};
		out[`/app/folders/[personId]/${p} (forged id)`] = { path: () => `/app/folders/00000000-0000-4000-8000-000000000000/${p}`, expect: byRole('forbidden', 'signin') };
	}
	return out;
}

export function actions(): Record<string, RouteEntry> {
	return {
		'/app/folders/break-glass ?/open': { path: () => '/app/folders/break-glass?/open', expect: anyWorker('invalid') },
		'/app/folders/break-glass ?/end': { path: () => '/app/folders/break-glass?/end', expect: anyWorker('invalid') },
		'/app/folders/[personId]/erase ?/erase': { path: (f) => `/app/folders/${f.folder.id}/erase?/erase`, expect: folderWorkers('invalid', 'forbidden') },
		'/app/folders/[personId]/erase ?/erase (another organisation)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/erase?/erase`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'invalid' })
		},
		'/app/folders/[personId]/export/download (POST)': { path: (f) => `/app/folders/${f.folder.id}/export/download`, expect: folderWorkers('invalid', 'forbidden') },
		'/app/folders/[personId]/export/download (POST, another organisation)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/export/download`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'invalid' })
		}
	};
}
