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
 *   invalid    400 (allowed to act, but the empty form is refused)
 *   conflict   409
 *
 * A new route without an entry here fails the matrix test.
 */
import type { Fixtures, Role } from './fixtures.ts';
import { byRole, everyone, folderWorkers, type Expect, type RouteEntry } from './expect.ts';
import * as care from './support/care.ts';
import * as documents from './support/documents.ts';
import * as referrals from './support/referrals.ts';
import * as guardianship from './support/guardianship.ts';
import * as privacy from './support/privacy.ts';
import * as volunteeringWorkspace from './support/volunteering-workspace.ts';
import * as buddies from './support/buddies.ts';
import * as activities from './support/activities.ts';
import * as panels from './support/panels.ts';
import * as assemblies from './support/assemblies.ts';
import * as surveys from './support/surveys.ts';
import * as cocreation from './support/cocreation.ts';

export type { Expect, RouteEntry } from './expect.ts';

/** Pages for one's own account: signed in gets them, anonymous is sent to sign in. */
const ownAccount = byRole('ok', 'signin');

/** Track exchange: directory.import (owners, coordinators, city staff) and directory.export (members, staff, evaluators). */
const importers = byRole('forbidden', 'signin', {
	owner: 'ok',
	coordinator: 'ok',
	admin: 'ok',
	integration_officer: 'ok',
	owner_without_second_factor: 'ok',
	admin_without_second_factor: 'ok'
});
const exporters = byRole('ok', 'signin', { newcomer: 'forbidden', resident: 'forbidden', other_org_owner: 'forbidden', guardianship_office: 'forbidden' });

/** Directory workspace track: who may edit an organisation's services and locations (directory.manage). */
const directoryEditors = byRole('forbidden', 'signin', {
	owner: 'ok',
	coordinator: 'ok',
	case_worker: 'ok',
	volunteer_coordinator: 'ok',
	member: 'ok',
	owner_without_second_factor: 'ok',
	admin: 'ok',
	admin_without_second_factor: 'ok',
	integration_officer: 'ok'
});
const directoryStaff = byRole('forbidden', 'signin', { admin: 'ok', admin_without_second_factor: 'ok', integration_officer: 'ok' });
const directoryMap = byRole('forbidden', 'signin', { admin: 'ok', admin_without_second_factor: 'ok', integration_officer: 'ok', evaluator: 'ok' });

function directoryWorkspaceRoutes(): Record<string, RouteEntry> {
	const org = (f: Fixtures) => `/app/organisations/${f.org.id}`;
	return {
		'/app/organisations/[id]/services': { path: (f) => `${org(f)}/services`, expect: directoryEditors },
		'/app/organisations/[id]/services/new': { path: (f) => `${org(f)}/services/new`, expect: directoryEditors },
		'/app/organisations/[id]/services/[serviceId]': { path: (f) => `${org(f)}/services/${f.service.id}`, expect: directoryEditors },
		'/app/organisations/[id]/services/[serviceId]/history': { path: (f) => `${org(f)}/services/${f.service.id}/history`, expect: directoryEditors },
		'/app/organisations/[id]/locations': { path: (f) => `${org(f)}/locations`, expect: directoryEditors },
		'/app/organisations/[id]/locations/new': { path: (f) => `${org(f)}/locations/new`, expect: directoryEditors },
		'/app/organisations/[id]/locations/[locationId]': { path: (f) => `${org(f)}/locations/${f.location.id}`, expect: directoryEditors },
		'/app/directory': { path: () => '/app/directory', expect: directoryMap },
		'/app/directory/stale': { path: () => '/app/directory/stale', expect: directoryStaff },
		'/app/directory/map': { path: () => '/app/directory/map?view=languages&feature=free', expect: directoryMap },
		'/app/directory/map/export': { path: () => '/app/directory/map/export?format=csv', expect: directoryMap }
	};
}

/** Directory workspace track: forged and foreign ids. */
function directoryWorkspacePrivate(): Record<string, RouteEntry> {
	return {
		// Another organisation's service under this organisation's address: its members are refused, staff find nothing here.
		'/app/organisations/[id]/services/[serviceId] (another organisation)': {
			path: (f) => `/app/organisations/${f.org.id}/services/${f.otherService.id}`,
			expect: { ...directoryEditors, owner: 'forbidden', coordinator: 'forbidden', case_worker: 'forbidden', volunteer_coordinator: 'forbidden', member: 'forbidden', owner_without_second_factor: 'forbidden', admin: 'notfound', admin_without_second_factor: 'notfound', integration_officer: 'notfound' }
		},
		'/app/organisations/[id]/services/[serviceId] (forged id)': {
			path: (f) => `/app/organisations/${f.org.id}/services/00000000-0000-4000-8000-000000000000`,
			expect: { ...directoryEditors, ...Object.fromEntries(Object.entries(directoryEditors).filter(([, e]) => e === 'ok').map(([r]) => [r, 'notfound'])) } as Record<Role, Expect>
		},
		'/app/organisations/[id]/locations/[locationId] (not a uuid)': {
			path: (f) => `/app/organisations/${f.org.id}/locations/1'%20or%201=1--`,
			expect: { ...directoryEditors, ...Object.fromEntries(Object.entries(directoryEditors).filter(([, e]) => e === 'ok').map(([r]) => [r, 'notfound'])) } as Record<Role, Expect>
		}
	};
}

/** Directory workspace track: every form action, posted empty (refused, or stopped by the form's validation). */
function directoryWorkspaceActions(): Record<string, RouteEntry> {
	const invalid = Object.fromEntries(Object.entries(directoryEditors).map(([r, e]) => [r, e === 'ok' ? 'invalid' : e])) as Record<Role, Expect>;
	const out: Record<string, RouteEntry> = {};
	const svc = (f: Fixtures) => `/app/organisations/${f.org.id}/services/${f.service.id}`;
	for (const a of ['update', 'addLocale', 'verify', 'delete', 'addHours', 'addException', 'addPhone', 'addDocument', 'addCost', 'addContact', 'addArea', 'remove']) {
		out[`/app/organisations/[id]/services/[serviceId] ?/${a}`] = { path: (f) => `${svc(f)}?/${a}`, expect: invalid };
	}
	for (const a of ['create', 'addLocale']) {
		out[`/app/organisations/[id]/services/new ?/${a}`] = { path: (f) => `/app/organisations/${f.org.id}/services/new?/${a}`, expect: invalid };
		out[`/app/organisations/[id]/locations/new ?/${a}`] = { path: (f) => `/app/organisations/${f.org.id}/locations/new?/${a}`, expect: invalid };
	}
	for (const a of ['update', 'addLocale', 'delete']) {
		out[`/app/organisations/[id]/locations/[locationId] ?/${a}`] = {
			path: (f) => `/app/organisations/${f.org.id}/locations/${f.location.id}?/${a}`,
			expect: invalid
		};
	}
	return out;
}

/**
 * Support folders (issue 4): the fixture folder belongs to `org`, whose owner,
 * coordinator and case worker may open it; everyone else, another
 * organisation's owner and city staff included, finds nothing there: the
 * same 403 as for an id that does not exist.
 */
function folderRoutes(): Record<string, RouteEntry> {
	return {
		'/app/folders': { path: () => '/app/folders', expect: byRole('ok', 'signin', { owner_without_second_factor: '2fa' }) },
		'/app/folders/new': { path: () => '/app/folders/new', expect: { ...folderWorkers('ok', 'forbidden'), other_org_owner: 'ok' } },
		'/app/folders/[personId]': { path: (f) => `/app/folders/${f.folder.id}`, expect: folderWorkers('ok', 'forbidden') }
	};
}

function folderPrivate(): Record<string, RouteEntry> {
	return {
		'/app/folders/[personId] (forged id)': { path: () => '/app/folders/00000000-0000-4000-8000-000000000000', expect: byRole('forbidden', 'signin') },
		'/app/folders/[personId] (not a uuid)': { path: () => "/app/folders/1'%20or%201=1--", expect: byRole('forbidden', 'signin') },
		// A folder of another organisation: not even its existence shows, to this organisation's workers either.
		'/app/folders/[personId] (another organisation)': { path: (f) => `/app/folders/${f.otherFolder.id}`, expect: byRole('forbidden', 'signin', { other_org_owner: 'ok' }) }
	};
}

function folderActions(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {
		'/app/folders/new ?/create': { path: () => '/app/folders/new?/create', expect: { ...folderWorkers('invalid', 'forbidden'), other_org_owner: 'invalid' } }
	};
	for (const a of ['recordConsent', 'withdrawConsent', 'addTeam', 'addWorker', 'setLead']) {
		out[`/app/folders/[personId] ?/${a}`] = { path: (f) => `/app/folders/${f.folder.id}?/${a}`, expect: folderWorkers('invalid', 'forbidden') };
		out[`/app/folders/[personId] ?/${a} (another organisation)`] = { path: (f) => `/app/folders/${f.otherFolder.id}?/${a}`, expect: byRole('forbidden', 'signin', { other_org_owner: 'invalid' }) };
	}
	return out;
}

export const matrix: Record<string, RouteEntry> = {
	// Public portal
	'/': { path: () => '/', expect: everyone('ok') },
	'/healthz': { path: () => '/healthz', expect: everyone('ok') },
	'/language': { path: () => '/language?set=en&next=/', expect: everyone('redirect') },
	'/design': { path: () => '/design', expect: everyone('ok') },
	// The catalogue's error pages answer with the status they show.
	'/design/error/[status]': { path: () => '/design/error/404', expect: everyone('notfound') },
	'/organisations': { path: () => '/organisations', expect: everyone('ok') },
	'/organisations/[slug]': { path: (f) => `/organisations/${f.org.slug}`, expect: everyone('ok') },
	// Directory search (issue 3, search track)
	'/services': { path: () => '/services?q=corsi&need=language-courses&open=1', expect: everyone('ok') },
	// Newcomer portal (portal track): service pages, print view, offline copy.
	'/services/[id]': { path: (f) => `/services/${f.service.id}`, expect: everyone('ok') },
	'/services/[id]/print': { path: (f) => `/services/${f.service.id}/print`, expect: everyone('ok') },
	'/offline': { path: () => '/offline', expect: everyone('ok') },
	// Volunteering (issue 6, volunteer's pages): the list and an open opportunity are public; a draft is only for its organisation's managers.
	'/volunteer': { path: () => '/volunteer?q=a&mode=remote&skill=cooking', expect: everyone('ok') },
	'/volunteer/[id]': { path: (f) => `/volunteer/${f.opportunity.id}`, expect: everyone('ok') },
	'/volunteer/profile': { path: () => '/volunteer/profile', expect: byRole('ok', 'signin') },
	'/volunteer/me': { path: () => '/volunteer/me', expect: byRole('ok', 'signin') },
	'/offline/directory.json': { path: () => '/offline/directory.json?locale=en', expect: everyone('ok') },

	// Accounts: signing in and up is for visitors; the signed-in are sent on.
	'/signup': { path: () => '/signup', expect: byRole('redirect', 'ok') },
	'/signin': { path: () => '/signin', expect: byRole('redirect', 'ok') },
	// The step-up page for a sensitive role whose session has not passed the second factor.
	'/signin/verify': {
		path: () => '/signin/verify',
		expect: byRole('redirect', 'signin', { owner_without_second_factor: 'ok', admin_without_second_factor: 'ok' })
	},
	'/signout': { path: () => '/signout', expect: byRole('ok', 'redirect') },
	'/verify-email': { path: () => '/verify-email', expect: everyone('ok') },
	'/forgot-password': { path: () => '/forgot-password', expect: everyone('ok') },
	'/reset-password': { path: () => '/reset-password', expect: everyone('ok') },
	'/recover': { path: () => '/recover', expect: everyone('ok') },
	'/account-deleted': { path: () => '/account-deleted', expect: everyone('ok') },
	'/invitations/[token]': { path: (f) => `/invitations/${f.invitationToken}`, expect: everyone('ok') },
	'/account': { path: () => '/account', expect: ownAccount },
	// Volunteering certificates: one's own page; a code that is not one's own (here made up) is a 404; the check is public.
	'/volunteer/certificate': { path: () => '/volunteer/certificate', expect: ownAccount },
	'/volunteer/certificate/[code]': { path: () => '/volunteer/certificate/7KQ2-M9XD-4T', expect: byRole('notfound', 'signin') },
	'/certificates': { path: () => '/certificates?code=7KQ2-M9XD-4T', expect: everyone('ok') },
	'/account/security': { path: () => '/account/security', expect: ownAccount },
	'/account/export': { path: () => '/account/export', expect: ownAccount },
	// The download is a form post only.
	'/account/export/download': { path: () => '/account/export/download', expect: everyone('method') },
	'/account/delete': { path: () => '/account/delete', expect: ownAccount },

	// Workspace
	'/app': { path: () => '/app', expect: byRole('ok', 'signin') },
	'/app/organisations/new': { path: () => '/app/organisations/new', expect: byRole('ok', 'signin') },
	'/app/organisations/[id]': { path: (f) => `/app/organisations/${f.org.id}`, expect: byRole('ok', 'signin') },
	'/app/organisations/[id]/members': {
		path: (f) => `/app/organisations/${f.org.id}/members`,
		expect: byRole('forbidden', 'signin', {
			owner: 'ok',
			coordinator: 'ok',
			case_worker: 'ok',
			volunteer_coordinator: 'ok',
			admin: 'ok',
			owner_without_second_factor: '2fa',
			admin_without_second_factor: '2fa'
		})
	},
	'/app/organisations/[id]/invitations': {
		path: (f) => `/app/organisations/${f.org.id}/invitations`,
		expect: byRole('forbidden', 'signin', {
			owner: 'ok',
			coordinator: 'ok',
			admin: 'ok',
			owner_without_second_factor: '2fa',
			admin_without_second_factor: '2fa'
		})
	},

	// Track exchange (issue 3): the public HSDS 3.0 API, import and export.
	'/api/hsds': { path: () => '/api/hsds', expect: everyone('ok') },
	'/api/hsds/services': { path: () => '/api/hsds/services', expect: everyone('ok') },
	'/api/hsds/services/[id]': { path: () => '/api/hsds/services/00000000-0000-4000-8000-000000000000', expect: everyone('notfound') },
	'/api/hsds/organizations': { path: () => '/api/hsds/organizations', expect: everyone('ok') },
	'/api/hsds/organizations/[id]': { path: (f) => `/api/hsds/organizations/${f.org.id}`, expect: everyone('ok') },
	'/api/hsds/service_at_locations': { path: () => '/api/hsds/service_at_locations', expect: everyone('ok') },
	'/api/hsds/service_at_locations/[id]': {
		path: () => '/api/hsds/service_at_locations/00000000-0000-4000-8000-000000000000',
		expect: everyone('notfound')
	},
	'/api/hsds/taxonomies': { path: () => '/api/hsds/taxonomies', expect: everyone('ok') },
	'/api/hsds/taxonomies/[id]': { path: () => '/api/hsds/taxonomies/00000000-0000-4000-8000-000000000000', expect: everyone('notfound') },
	'/api/hsds/taxonomy_terms': { path: () => '/api/hsds/taxonomy_terms', expect: everyone('ok') },
	'/api/hsds/taxonomy_terms/[id]': { path: () => '/api/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000', expect: everyone('notfound') },
	'/app/organisations/[id]/import': { path: (f) => `/app/organisations/${f.org.id}/import`, expect: importers },
	'/app/organisations/[id]/import/template.xlsx': { path: (f) => `/app/organisations/${f.org.id}/import/template.xlsx`, expect: importers },
	'/app/organisations/[id]/export': { path: (f) => `/app/organisations/${f.org.id}/export`, expect: exporters },
	'/app/organisations/[id]/export/hsds.zip': { path: (f) => `/app/organisations/${f.org.id}/export/hsds.zip`, expect: exporters },
	'/app/organisations/[id]/export/services.xlsx': { path: (f) => `/app/organisations/${f.org.id}/export/services.xlsx`, expect: exporters },
	// End of track exchange (GET).

	// Directory workspace track: services and locations of an organisation (any member, city staff),
	// the staff views of stale records (admin, officer) and the ecosystem map (admin, officer, evaluator).
	...directoryWorkspaceRoutes(),

	// Support folders (issue 4)
	...folderRoutes(),
	...care.routes(),
	...documents.routes(),
	...referrals.routes(),
	...guardianship.routes(),
	...privacy.routes(),
	// Volunteering workspace (issue 6)
	...volunteeringWorkspace.routes(),
	...buddies.routes(),
	// Neighbourhood activities (issue 6)
	...activities.routes(),
	// Validation panels (issue 7)
	...panels.routes(),
	// Assemblies and meetings (issue 7)
	...assemblies.routes(),
	// Surveys (issue 7)
	...surveys.routes(),
	// Co-creation (issue 7)
	...cocreation.routes(),

	// City administration
	'/app/admin': {
		path: () => '/app/admin',
		expect: byRole('forbidden', 'signin', { admin: 'ok', integration_officer: 'ok', admin_without_second_factor: '2fa' })
	},
	'/app/admin/users': {
		path: () => '/app/admin/users',
		expect: byRole('forbidden', 'signin', { admin: 'ok', admin_without_second_factor: '2fa' })
	},
	'/app/admin/outbox': {
		path: () => '/app/admin/outbox',
		expect: byRole('forbidden', 'signin', { admin: 'ok', admin_without_second_factor: '2fa' })
	},
	'/app/admin/audit': {
		path: () => '/app/admin/audit',
		expect: byRole('forbidden', 'signin', { admin: 'ok', admin_without_second_factor: '2fa' })
	},
	'/app/admin/certificates': {
		path: () => '/app/admin/certificates',
		expect: byRole('forbidden', 'signin', { admin: 'ok', admin_without_second_factor: '2fa' })
	}
};

/**
 * Records whose very existence is private: an unverified organisation is
 * "not found" to everyone but its members and city staff.
 */
export const privateRecords: Record<string, RouteEntry> = {
	'/organisations/[slug] (unverified)': {
		path: (f) => `/organisations/${f.unverifiedOrg.slug}`,
		expect: byRole('notfound', 'notfound', {
			owner: 'ok',
			coordinator: 'ok',
			case_worker: 'ok',
			volunteer_coordinator: 'ok',
			member: 'ok',
			owner_without_second_factor: 'ok',
			admin: 'ok',
			admin_without_second_factor: 'ok',
			integration_officer: 'ok'
		})
	},
	'/app/organisations/[id] (unverified)': {
		path: (f) => `/app/organisations/${f.unverifiedOrg.id}`,
		expect: byRole('notfound', 'signin', {
			owner: 'ok',
			coordinator: 'ok',
			case_worker: 'ok',
			volunteer_coordinator: 'ok',
			member: 'ok',
			owner_without_second_factor: 'ok',
			admin: 'ok',
			admin_without_second_factor: 'ok',
			integration_officer: 'ok'
		})
	},
	'/app/organisations/[id] (forged id)': {
		path: () => '/app/organisations/00000000-0000-4000-8000-000000000000',
		expect: byRole('notfound', 'signin')
	},
	// Portal track: a service of an unverified organisation is not public, whoever asks.
	'/services/[id] (unverified organisation)': { path: (f) => `/services/${f.unverifiedService.id}`, expect: everyone('notfound') },
	'/services/[id] (not a uuid)': { path: () => "/services/1'%20or%201=1--", expect: everyone('notfound') },
	'/app/organisations/[id]/members (not a uuid)': {
		path: () => "/app/organisations/1'%20or%201=1--/members",
		expect: byRole('notfound', 'signin')
	},
	// Directory workspace track
	...directoryWorkspacePrivate(),
	// Support folders
	...folderPrivate(),
	...care.privateRoutes(),
	...documents.privateRoutes(),
	...referrals.privateRoutes(),
	...guardianship.privateRoutes(),
	...privacy.privateRoutes(),
	...volunteeringWorkspace.privateRoutes(),
	...buddies.privateRoutes(),
	...activities.privateRoutes(),
	...panels.privateRoutes(),
	...assemblies.privateRoutes(),
	...surveys.privateRoutes(),
	...cocreation.privateRoutes(),
	// Volunteering: a draft opportunity is only for its organisation's managers; a forged id is nothing.
	'/volunteer/[id] (draft)': {
		path: (f) => `/volunteer/${f.draftOpportunity.id}`,
		expect: byRole('notfound', 'notfound', { owner: 'ok', coordinator: 'ok', volunteer_coordinator: 'ok', owner_without_second_factor: 'ok', admin: 'ok', admin_without_second_factor: 'ok' })
	},
	'/volunteer/[id] (forged id)': { path: () => '/volunteer/00000000-0000-4000-8000-000000000000', expect: everyone('notfound') },
};

/**
 * Form actions, posted with an empty form: who is refused (and how) before
 * anything is read, and who gets as far as the form's own validation.
 * Actions that change something with no fields at all (leave, accept) are
 * covered by their own tests.
 */
const staffOnly = (allowed: Partial<Record<Role, Expect>>) =>
	byRole('forbidden', 'signin', { owner_without_second_factor: 'forbidden', ...allowed });
const orgManagers = (allowed: Role[]) =>
	byRole('forbidden', 'signin', {
		...Object.fromEntries(allowed.map((r) => [r, 'invalid' as Expect])),
		owner_without_second_factor: '2fa',
		admin_without_second_factor: '2fa'
	});

export const formActions: Record<string, RouteEntry> = {
	// Volunteering: one's own forms need signing in, then the form is read (an empty one is refused).
	'/volunteer/[id] ?/signup': { path: (f) => `/volunteer/${f.opportunity.id}?/signup`, expect: byRole('invalid', 'signin') },
	'/volunteer/me ?/hours': { path: () => '/volunteer/me?/hours', expect: byRole('invalid', 'signin') },
	'/volunteer/certificate ?/withdraw': { path: () => '/volunteer/certificate?/withdraw', expect: byRole('invalid', 'signin') },
	'/app/admin/certificates ?/revoke': {
		path: () => '/app/admin/certificates?/revoke',
		expect: staffOnly({ admin: 'invalid', admin_without_second_factor: '2fa' })
	},
	'/app/admin ?/verify': {
		path: () => '/app/admin?/verify',
		expect: staffOnly({ admin: 'invalid', integration_officer: 'invalid', admin_without_second_factor: '2fa' })
	},
	'/app/admin ?/reject': {
		path: () => '/app/admin?/reject',
		expect: staffOnly({ admin: 'invalid', integration_officer: 'invalid', admin_without_second_factor: '2fa' })
	},
	'/app/admin/users ?/role': {
		path: () => '/app/admin/users?/role',
		expect: staffOnly({ admin: 'invalid', admin_without_second_factor: '2fa' })
	},
	'/app/admin/audit ?/verify': {
		path: () => '/app/admin/audit?/verify',
		expect: staffOnly({ admin: 'ok', admin_without_second_factor: '2fa' })
	},
	'/app/organisations/new': { path: () => '/app/organisations/new', expect: byRole('invalid', 'signin') },
	'/app/organisations/[id] ?/update': {
		path: (f) => `/app/organisations/${f.org.id}?/update`,
		expect: byRole('forbidden', 'signin', {
			owner: 'invalid',
			owner_without_second_factor: 'invalid',
			coordinator: 'invalid',
			admin: 'invalid',
			admin_without_second_factor: 'invalid',
			integration_officer: 'invalid'
		})
	},
	'/app/organisations/[id]/members ?/role': {
		path: (f) => `/app/organisations/${f.org.id}/members?/role`,
		expect: orgManagers(['owner', 'admin'])
	},
	'/app/organisations/[id]/members ?/remove': {
		path: (f) => `/app/organisations/${f.org.id}/members?/remove`,
		expect: orgManagers(['owner', 'admin'])
	},
	'/app/organisations/[id]/invitations ?/invite': {
		path: (f) => `/app/organisations/${f.org.id}/invitations?/invite`,
		expect: orgManagers(['owner', 'coordinator', 'admin'])
	},
	'/app/organisations/[id]/invitations ?/revoke': {
		path: (f) => `/app/organisations/${f.org.id}/invitations?/revoke`,
		expect: orgManagers(['owner', 'coordinator', 'admin'])
	},
	'/app/organisations/[id]/invitations ?/resend': {
		path: (f) => `/app/organisations/${f.org.id}/invitations?/resend`,
		expect: orgManagers(['owner', 'coordinator', 'admin'])
	},
	// Track exchange: an empty import form has no file, an empty confirmation no token.
	'/app/organisations/[id]/import ?/preview': {
		path: (f) => `/app/organisations/${f.org.id}/import?/preview`,
		expect: byRole('forbidden', 'signin', {
			owner: 'invalid',
			coordinator: 'invalid',
			admin: 'invalid',
			integration_officer: 'invalid',
			owner_without_second_factor: 'invalid',
			admin_without_second_factor: 'invalid'
		})
	},
	'/app/organisations/[id]/import ?/confirm': {
		path: (f) => `/app/organisations/${f.org.id}/import?/confirm`,
		expect: byRole('forbidden', 'signin', {
			owner: 'invalid',
			coordinator: 'invalid',
			admin: 'invalid',
			integration_officer: 'invalid',
			owner_without_second_factor: 'invalid',
			admin_without_second_factor: 'invalid'
		})
	},
	'/account ?/name': { path: () => '/account?/name', expect: byRole('invalid', 'signin') },
	'/account/delete': { path: () => '/account/delete', expect: byRole('invalid', 'signin') },
	// Every fixture account already has TOTP on, so starting a new set-up is a conflict.
	'/account/security ?/start': { path: () => '/account/security?/start', expect: byRole('conflict', 'signin') },
	// Directory workspace track
	...directoryWorkspaceActions(),
	// Support folders
	...folderActions(),
	...care.actions(),
	...documents.actions(),
	...referrals.actions(),
	...guardianship.actions(),
	...privacy.actions(),
	...volunteeringWorkspace.actions(),
	...buddies.actions(),
	...activities.actions(),
	...panels.actions(),
	...assemblies.actions(),
	...surveys.actions(),
	...cocreation.actions()
};
