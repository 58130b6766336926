/**
 * Access matrix entries of co-creation (issue 7): the public calls, ideas and
 * pilots; sending an idea and one's notifications (signed in); the staff's
 * calls and moderation (admins and integration officers, past the second
 * factor, since they know who wrote anonymous ideas); and a call's jury page
 * (its jurors only: in the fixtures, the integration officer). Spread into
 * matrix.ts.
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, everyone, type Expect, type RouteEntry } from '../expect.ts';

const FORGED = '00000000-0000-4000-8000-000000000000';
const call = (f: Fixtures) => `/calls/${f.cocreation.callId}`;
const idea = (f: Fixtures) => `${call(f)}/ideas/${f.cocreation.ideaId}`;

const staff = (allowed: Expect) => byRole('forbidden', 'signin', { admin: allowed, integration_officer: allowed, admin_without_second_factor: '2fa' });
const answerers = (allowed: Expect) => byRole('forbidden', 'signin', { admin: allowed, integration_officer: allowed, admin_without_second_factor: allowed });

export function routes(): Record<string, RouteEntry> {
	return {
		'/calls': { path: () => '/calls', expect: everyone('ok') },
		'/calls/[id]': { path: (f) => `${call(f)}?sort=recent&page=2&nb=${FORGED}`, expect: everyone('ok') },
		'/calls/[id]/propose': { path: (f) => `${call(f)}/propose`, expect: byRole('ok', 'signin') },
		'/calls/[id]/ideas/[ideaId]': { path: idea, expect: everyone('ok') },
		'/calls/[id]/ideas/[ideaId]/images/[imageId]': { path: (f) => `${idea(f)}/images/${FORGED}`, expect: everyone('notfound') },
		'/pilots': { path: () => '/pilots', expect: everyone('ok') },
		'/pilots/[id]': { path: (f) => `/pilots/${f.cocreation.pilotId}`, expect: everyone('ok') },
		'/account/notifications': { path: () => '/account/notifications', expect: byRole('ok', 'signin') },
		'/app/cocreation': { path: () => '/app/cocreation', expect: staff('ok') },
		'/app/cocreation/calls/[id]': { path: (f) => `/app/cocreation/calls/${f.cocreation.callId}`, expect: staff('ok') },
		'/app/cocreation/jury/[id]': { path: (f) => `/app/cocreation/jury/${f.cocreation.callId}`, expect: byRole('forbidden', 'signin', { integration_officer: 'ok' }) },
		'/app/moderation': { path: () => '/app/moderation?show=hidden', expect: staff('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/calls/[id] (forged id)': { path: () => `/calls/${FORGED}`, expect: everyone('notfound') },
		'/calls/[id] (not a uuid)': { path: () => `/calls/1'%20or%201=1--`, expect: everyone('notfound') },
		'/calls/[id]/ideas/[ideaId] (forged idea)': { path: (f) => `${call(f)}/ideas/${FORGED}`, expect: everyone('notfound') },
		'/calls/[id]/ideas/[ideaId] (idea under a forged call)': { path: (f) => `/calls/${FORGED}/ideas/${f.cocreation.ideaId}`, expect: everyone('notfound') },
		'/pilots/[id] (forged id)': { path: () => `/pilots/${FORGED}`, expect: everyone('notfound') },
		'/app/cocreation/calls/[id] (forged id)': { path: () => `/app/cocreation/calls/${FORGED}`, expect: staff('notfound') },
		'/app/cocreation/jury/[id] (forged id)': { path: () => `/app/cocreation/jury/${FORGED}`, expect: byRole('notfound', 'signin') }
	};
}

export function actions(): Record<string, RouteEntry> {
	return {
		'/calls/[id]/propose (post)': { path: (f) => `${call(f)}/propose`, expect: byRole('invalid', 'signin') },
		'/calls/[id]/ideas/[ideaId] ?/comment': { path: (f) => `${idea(f)}?/comment`, expect: byRole('invalid', 'signin') },
		'/calls/[id]/ideas/[ideaId] ?/report': { path: (f) => `${idea(f)}?/report`, expect: byRole('invalid', 'signin') },
		'/calls/[id]/ideas/[ideaId] ?/image': { path: (f) => `${idea(f)}?/image`, expect: byRole('invalid', 'signin') },
		'/calls/[id]/ideas/[ideaId] ?/answer': { path: (f) => `${idea(f)}?/answer`, expect: answerers('invalid') },
		'/account/notifications ?/preferences': { path: () => '/account/notifications?/preferences', expect: byRole('invalid', 'signin') },
		'/app/cocreation ?/create': { path: () => '/app/cocreation?/create', expect: staff('invalid') },
		'/app/cocreation/calls/[id] ?/decide': { path: (f) => `/app/cocreation/calls/${f.cocreation.callId}?/decide`, expect: staff('invalid') },
		'/app/cocreation/jury/[id] ?/score': { path: (f) => `/app/cocreation/jury/${f.cocreation.callId}?/score`, expect: byRole('forbidden', 'signin', { integration_officer: 'invalid' }) },
		'/app/moderation ?/decide': { path: () => '/app/moderation?/decide', expect: staff('invalid') }
	};
}
