/**
 * Access matrix entries of validation panels (issue 7): the public pages,
 * one's own pool profile and panels, a member's draft page and pictures, and
 * the city staff's workspace (`panels.manage`, past the second factor). The
 * fixture panel has the `resident` as its one accepted member.
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, everyone, type Expect, type RouteEntry } from '../expect.ts';

const FORGED = '00000000-0000-4000-8000-000000000000';
const draft = (f: Fixtures) => `/panels/${f.panel.id}/drafts/${f.panel.draftId}`;
const staffDraft = (f: Fixtures) => `/app/panels/${f.panel.id}/drafts/${f.panel.draftId}`;

/** City staff who run panels: administrators and integration officers, past the second factor. */
const managers = (allowed: Expect) => byRole('forbidden', 'signin', { admin: allowed, integration_officer: allowed, admin_without_second_factor: '2fa' });
/** The panel's accepted member; everyone else signed in is refused. */
const member = (allowed: Expect) => byRole('forbidden', 'signin', { resident: allowed });

export function routes(): Record<string, RouteEntry> {
	return {
		'/panels': { path: () => '/panels', expect: everyone('ok') },
		'/panels/join': { path: () => '/panels/join', expect: byRole('ok', 'signin') },
		'/panels/me': { path: () => '/panels/me', expect: byRole('ok', 'signin') },
		'/panels/[id]/drafts/[draftId]': { path: draft, expect: member('ok') },
		// A picture: its panel's members and staff; for anyone else it does not exist.
		'/panels/images/[imageId]': { path: (f) => `/panels/images/${f.panel.imageId}`, expect: byRole('notfound', 'signin', { resident: 'ok', admin: 'ok', integration_officer: 'ok' }) },
		'/app/panels': { path: () => '/app/panels', expect: managers('ok') },
		'/app/panels/[id]': { path: (f) => `/app/panels/${f.panel.id}?language=ar&ageBand=18_24&gender=woman&service=housing`, expect: managers('ok') },
		'/app/panels/[id]/drafts/[draftId]': { path: staffDraft, expect: managers('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/panels/[id]/drafts/[draftId] (forged draft)': { path: (f) => `/panels/${f.panel.id}/drafts/${FORGED}`, expect: member('notfound') },
		'/panels/[id]/drafts/[draftId] (not a uuid)': { path: () => `/panels/1'%20or%201=1--/drafts/x`, expect: byRole('notfound', 'signin') },
		'/panels/images/[imageId] (forged)': { path: () => `/panels/images/${FORGED}`, expect: byRole('notfound', 'signin') },
		'/app/panels/[id] (forged)': { path: () => `/app/panels/${FORGED}`, expect: managers('notfound') },
		'/app/panels/[id] (suggest)': { path: (f) => `/app/panels/${f.panel.id}?suggest=1`, expect: managers('ok') },
		'/app/panels/[id]/drafts/[draftId] (another panel)': { path: (f) => `/app/panels/${FORGED}/drafts/${f.panel.draftId}`, expect: managers('notfound') }
	};
}

export function actions(): Record<string, RouteEntry> {
	return {
		'/panels/join ?/join': { path: () => '/panels/join?/join', expect: byRole('invalid', 'signin') },
		'/panels/me ?/respond': { path: () => '/panels/me?/respond', expect: byRole('invalid', 'signin') },
		'/panels/[id]/drafts/[draftId] (post)': { path: draft, expect: member('invalid') },
		'/app/panels ?/create': { path: () => '/app/panels?/create', expect: managers('invalid') },
		'/app/panels/[id] ?/invite': { path: (f) => `/app/panels/${f.panel.id}?/invite`, expect: managers('invalid') },
		'/app/panels/[id] ?/remove': { path: (f) => `/app/panels/${f.panel.id}?/remove`, expect: managers('invalid') },
		'/app/panels/[id] ?/compensate': { path: (f) => `/app/panels/${f.panel.id}?/compensate`, expect: managers('invalid') },
		'/app/panels/[id] ?/draft': { path: (f) => `/app/panels/${f.panel.id}?/draft`, expect: managers('invalid') },
		'/app/panels/[id]/drafts/[draftId] ?/question': { path: (f) => `${staffDraft(f)}?/question`, expect: managers('invalid') },
		// The fixture draft is already shared.
		'/app/panels/[id]/drafts/[draftId] ?/share': { path: (f) => `${staffDraft(f)}?/share`, expect: managers('conflict') },
		'/app/panels/[id]/drafts/[draftId] ?/summary': { path: (f) => `${staffDraft(f)}?/summary`, expect: managers('invalid') }
	};
}
