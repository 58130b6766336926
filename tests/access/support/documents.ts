/**
 * Access matrix entries of the support folder's documents and protected fields (issue 4):
 * GET routes, records whose existence is private, and form actions posted
 * empty. Spread into matrix.ts.
 *
 * The fixture folder belongs to `org`, led by its case worker, so its
 * owner, coordinator and case worker are all in the lead organisation: they
 * may open the documents, download the fixture document and open the
 * protected fields; everyone else gets the folder's one 403.
 */
import { byRole, folderWorkers, type RouteEntry } from '../expect.ts';
import { FIXTURE_DOCUMENT_ID } from '../fixtures.ts';

const FORGED = '00000000-0000-4000-8000-000000000000';

export function routes(): Record<string, RouteEntry> {
	return {
		'/app/folders/[personId]/documents': { path: (f) => `/app/folders/${f.folder.id}/documents`, expect: folderWorkers('ok', 'forbidden') },
		'/app/folders/[personId]/documents/[documentId]': {
			path: (f) => `/app/folders/${f.folder.id}/documents/${FIXTURE_DOCUMENT_ID}`,
			expect: folderWorkers('ok', 'forbidden')
		},
		'/app/folders/[personId]/protected': { path: (f) => `/app/folders/${f.folder.id}/protected`, expect: folderWorkers('ok', 'forbidden') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/app/folders/[personId]/documents (another organisation)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/documents`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'ok' })
		},
		'/app/folders/[personId]/documents/[documentId] (forged id)': {
			path: (f) => `/app/folders/${f.folder.id}/documents/${FORGED}`,
			expect: byRole('forbidden', 'signin', { owner_without_second_factor: '2fa' })
		},
		'/app/folders/[personId]/documents/[documentId] (not a uuid)': {
			path: (f) => `/app/folders/${f.folder.id}/documents/1'%20or%201=1--`,
			expect: byRole('forbidden', 'signin', { owner_without_second_factor: '2fa' })
		},
		// The document is real, but not the other folder's: its owner gets the same 403.
		'/app/folders/[personId]/documents/[documentId] (another folder’s address)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/documents/${FIXTURE_DOCUMENT_ID}`,
			expect: byRole('forbidden', 'signin')
		},
		'/app/folders/[personId]/documents/[documentId] (forged folder)': {
			path: (f) => `/app/folders/${FORGED}/documents/${FIXTURE_DOCUMENT_ID}`,
			expect: byRole('forbidden', 'signin')
		},
		'/app/folders/[personId]/protected (another organisation)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/protected`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'ok' })
		}
	};
}

export function actions(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {};
	for (const [page, names] of [
		['documents', ['upload', 'delete']],
		['protected', ['record', 'withdraw']]
	] as const) {
		for (const a of names) {
			out[`/app/folders/[personId]/${page} ?/${a}`] = { path: (f) => `/app/folders/${f.folder.id}/${page}?/${a}`, expect: folderWorkers('invalid', 'forbidden') };
			out[`/app/folders/[personId]/${page} ?/${a} (another organisation)`] = {
				path: (f) => `/app/folders/${f.otherFolder.id}/${page}?/${a}`,
				expect: byRole('forbidden', 'signin', { other_org_owner: 'invalid' })
			};
		}
	}
	return out;
}
