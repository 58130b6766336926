/**
 * Access matrix entries of the support folder's assessment, plan, notes, tasks, timeline (issue 4):
 * GET routes, records whose existence is private, and form actions posted
 * empty. Spread into matrix.ts.
 *
 * The fixture folder belongs to `org`: its owner, coordinator and case
 * worker may open and edit it; everyone else, another organisation's owner
 * and city staff included, gets the same 403 as for a folder that does not
 * exist. The other organisation's folder is open to its owner alone.
 */
import { byRole, folderWorkers, type RouteEntry } from '../expect.ts';

const pages = ['assessment', 'plan', 'notes', 'tasks', 'timeline'] as const;

const actionsOf: Record<(typeof pages)[number], string[]> = {
	assessment: ['record'],
	plan: ['addGoal', 'goalStatus', 'addAction', 'actionDone'],
	notes: ['add', 'sensitivity'],
	tasks: ['add', 'done'],
	timeline: []
};

export function routes(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {};
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
	// A cursor that is not one reads as the newest page: nothing more, nothing else.
	out['/app/folders/[personId]/timeline (tampered cursor)'] = {
		path: (f) => `/app/folders/${f.folder.id}/timeline?before=1'%20or%201=1--`,
		expect: folderWorkers('ok', 'forbidden')
	};
	out['/app/folders/[personId]/notes (tampered cursor)'] = {
		path: (f) => `/app/folders/${f.folder.id}/notes?before=2020-01-01T00:00:00.000000Z_${'0'.repeat(8)}`,
		expect: folderWorkers('ok', 'forbidden')
	};
	return out;
}

export function actions(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {};
	for (const p of pages) {
		for (const a of actionsOf[p]) {
			out[`/app/folders/[personId]/${p} ?/${a}`] = { path: (f) => `/app/folders/${f.folder.id}/${p}?/${a}`, expect: folderWorkers('invalid', 'forbidden') };
			out[`/app/folders/[personId]/${p} ?/${a} (another organisation)`] = {
				path: (f) => `/app/folders/${f.otherFolder.id}/${p}?/${a}`,
				expect: byRole('forbidden', 'signin', { other_org_owner: 'invalid' })
			};
		}
	}
	return out;
}
