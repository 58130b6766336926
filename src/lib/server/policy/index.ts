/**
 * The one place where access is decided. Deny by default: an action with no
 * rule, or a rule that does not say yes, is refused.
 *
 *   can(actor, action, resource)   → Decision
 *   require(...)                   → throws PolicyDenied (and the route turns it into 403)
 *
 * Roles that can see personal data of other people must have passed a second
 * factor in this session; for them a rule marked `personalData` answers
 * 'second_factor_required' until they have.
 */
import type { MemberRole, PersonKind, PlatformRole, VerificationState } from '../db/schema/index.ts';

export interface SignedInActor {
	kind: 'user';
	userId: string;
	personKind: PersonKind;
	platformRole: PlatformRole | null;
	/** organisation id → role */
	memberships: ReadonlyMap<string, MemberRole>;
	emailVerified: boolean;
	/** The second factor was passed in this session. */
	secondFactor: boolean;
	totpEnabled: boolean;
}
export interface AnonymousActor {
	kind: 'anonymous';
}
export type Actor = SignedInActor | AnonymousActor;

export const anonymous: AnonymousActor = { kind: 'anonymous' };

export type Resource =
	| { type: 'platform' }
	| { type: 'account'; userId: string }
	| { type: 'organisation'; id: string; verification?: VerificationState }
	| { type: 'invitation'; organisationId: string }
	| FolderResource;

/**
 * A person's support folder, with the facts its access rule needs, loaded
 * once per request by the use case (docs/decisions/016-support-folder.md).
 */
export interface FolderResource {
	type: 'folder';
	personId: string;
	/** Organisations on the case team (not removed). */
	teamOrganisationIds: readonly string[];
	/**
	 * Organisations whose access an active consent covers: the one holding the
	 * `coordination` consent and those named by active `share` consents.
	 */
	consentedOrganisationIds: readonly string[];
	/** The lead worker's user id, if there is one. */
	leadUserId: string | null;
}

export type Decision = 'allowed' | 'denied' | 'sign_in_required' | 'second_factor_required';

type Rule = {
	/** Refused until the actor passed the second factor in this session. */
	personalData?: boolean;
	allow: (actor: Actor, resource: Resource) => boolean;
};

const signedIn = (a: Actor): a is SignedInActor => a.kind === 'user';
const platform = (a: Actor, ...roles: PlatformRole[]) =>
	signedIn(a) && a.platformRole !== null && roles.includes(a.platformRole);
const orgRole = (a: Actor, r: Resource, ...roles: MemberRole[]) => {
	if (!signedIn(a)) return false;
	const id = r.type === 'organisation' ? r.id : r.type === 'invitation' ? r.organisationId : null;
	const role = id ? a.memberships.get(id) : undefined;
	return role !== undefined && roles.includes(role);
};
/** Folder work is done by these roles of an organisation. */
const folderRoles: readonly MemberRole[] = ['owner', 'coordinator', 'case_worker'];
/**
 * The folder rule: a case worker, coordinator or owner of an organisation that
 * is on the team AND covered by an active consent. Nothing else opens a folder
 * (break-glass comes in a later slice).
 */
const folderAccess = (a: Actor, r: Resource) => {
	if (!signedIn(a) || r.type !== 'folder') return false;
	return r.teamOrganisationIds.some((id) => {
		const role = a.memberships.get(id);
		return role !== undefined && folderRoles.includes(role) && r.consentedOrganisationIds.includes(id);
	});
};
const isMember = (a: Actor, r: Resource) =>
	orgRole(a, r, 'owner', 'coordinator', 'case_worker', 'volunteer_coordinator', 'member');

/** Roles that see other people's personal data and therefore need a second factor. */
export const sensitivePlatformRoles: readonly PlatformRole[] = ['admin', 'integration_officer'];
export const sensitiveMemberRoles: readonly MemberRole[] = [
	'owner',
	'coordinator',
	'case_worker',
	'volunteer_coordinator'
];

export function needsSecondFactor(a: Actor): boolean {
	if (!signedIn(a)) return false;
	if (a.platformRole && sensitivePlatformRoles.includes(a.platformRole)) return true;
	for (const role of a.memberships.values()) if (sensitiveMemberRoles.includes(role)) return true;
	return false;
}

export const rules = {
	// The public portal
	'portal.view': { allow: () => true },

	// One's own account
	'account.view': { allow: (a, r) => signedIn(a) && r.type === 'account' && r.userId === a.userId },
	'account.update': { allow: (a, r) => signedIn(a) && r.type === 'account' && r.userId === a.userId },
	'account.export': { allow: (a, r) => signedIn(a) && r.type === 'account' && r.userId === a.userId },
	'account.delete': { allow: (a, r) => signedIn(a) && r.type === 'account' && r.userId === a.userId },
	// Second factor and recovery codes; never marked personalData, since it is
	// where a person goes to set up the second factor that rule asks for.
	'account.security': { allow: (a, r) => signedIn(a) && r.type === 'account' && r.userId === a.userId },

	// The signed-in workspace
	'workspace.view': { allow: (a) => signedIn(a) },

	// Organisations
	'organisation.list': { allow: () => true },
	'organisation.create': { allow: (a) => signedIn(a) },
	'organisation.view': {
		allow: (a, r) =>
			r.type === 'organisation' &&
			(r.verification === 'verified' || isMember(a, r) || platform(a, 'admin', 'integration_officer'))
	},
	'organisation.update': {
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator') || platform(a, 'admin', 'integration_officer')
	},
	// Staff powers: whoever holds them also sees personal data, so they need the second factor too.
	'organisation.verify': { personalData: true, allow: (a) => platform(a, 'admin', 'integration_officer') },
	'organisation.members.view': {
		personalData: true,
		allow: (a, r) =>
			orgRole(a, r, 'owner', 'coordinator', 'case_worker', 'volunteer_coordinator') || platform(a, 'admin')
	},
	'organisation.members.manage': {
		personalData: true,
		allow: (a, r) => orgRole(a, r, 'owner') || platform(a, 'admin')
	},
	'organisation.invite': {
		personalData: true,
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator') || platform(a, 'admin')
	},
	/** Leaving is always one's own choice (the last owner is kept by the use case). */
	'organisation.leave': { allow: (a, r) => isMember(a, r) },
	/** The invitation link is a bearer token: whoever holds it may see what it invites to. */
	'invitation.view': { allow: () => true },
	'invitation.accept': { allow: (a) => signedIn(a) },

	// The service directory (HSDS). The directory is public data: editing it
	// needs membership, not a second factor. A resource of type 'organisation'
	// is the organisation that owns the service or location.
	/** Read the public directory and the HSDS API. */
	'directory.view': { allow: () => true },
	/** Create, edit, confirm as still correct, delete services and locations; see their history. */
	'directory.manage': {
		allow: (a, r) => isMember(a, r) || platform(a, 'admin', 'integration_officer')
	},
	/** Import a spreadsheet or an HSDS package into an organisation. */
	'directory.import': {
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator') || platform(a, 'admin', 'integration_officer')
	},
	/** Download an organisation's records (resource organisation) or the whole directory (resource platform). */
	'directory.export': {
		allow: (a, r) => isMember(a, r) || platform(a, 'admin', 'integration_officer', 'evaluator')
	},
	/** City staff's views across organisations: stale records, everyone's services. */
	'directory.staff': { allow: (a) => platform(a, 'admin', 'integration_officer') },
	/** The ecosystem map (counts of services, no personal data). */
	'directory.map.view': { allow: (a) => platform(a, 'admin', 'integration_officer', 'evaluator') },

	// Support folders (issue 4). A resource of type 'organisation' is the
	// organisation a new folder is opened for; a 'folder' carries its facts.
	'folder.create': {
		personalData: true,
		allow: (a, r) => orgRole(a, r, ...folderRoles)
	},
	'folder.view': { personalData: true, allow: folderAccess },
	/** Record and withdraw consents: whoever may open the folder. */
	'folder.consent.manage': { personalData: true, allow: folderAccess },
	/** Add organisations (named by a `share` consent) and workers, choose the lead worker. */
	'folder.team.manage': { personalData: true, allow: folderAccess },

	// Platform administration
	'platform.admin.view': { personalData: true, allow: (a) => platform(a, 'admin', 'integration_officer') },
	'platform.users.view': { personalData: true, allow: (a) => platform(a, 'admin') },
	'platform.roles.manage': { personalData: true, allow: (a) => platform(a, 'admin') },
	'platform.outbox.view': { personalData: true, allow: (a) => platform(a, 'admin') },
	'platform.audit.view': { personalData: true, allow: (a) => platform(a, 'admin') },
	'platform.stats.view': { allow: (a) => platform(a, 'admin', 'integration_officer', 'evaluator') }
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;
export const actions = Object.keys(rules) as Action[];

export function can(actor: Actor, action: Action, resource: Resource = { type: 'platform' }): Decision {
	const rule: Rule | undefined = (rules as Record<string, Rule>)[action];
	if (!rule) return 'denied';
	let allowed = false;
	try {
		allowed = rule.allow(actor, resource) === true;
	} catch {
		allowed = false;
	}
	if (!allowed) return signedIn(actor) ? 'denied' : 'sign_in_required';
	if (rule.personalData && needsSecondFactor(actor) && !(signedIn(actor) && actor.secondFactor)) {
		return 'second_factor_required';
	}
	return 'allowed';
}

export class PolicyDenied extends Error {
	readonly decision: Exclude<Decision, 'allowed'>;
	readonly action: Action;
	constructor(decision: Exclude<Decision, 'allowed'>, action: Action) {
		super(`policy: ${action} ${decision}`);
		this.decision = decision;
		this.action = action;
	}
}

/** Throws PolicyDenied unless the action is allowed. */
export function require(actor: Actor, action: Action, resource?: Resource): void {
	const d = can(actor, action, resource);
	if (d !== 'allowed') throw new PolicyDenied(d, action);
}

/**
 * Bulk variant: of many organisation ids (say, from a form), those the actor
 * may act on. Forged or foreign ids are simply dropped.
 */
export function allowedOrganisations(actor: Actor, action: Action, ids: readonly string[]): string[] {
	return ids.filter((id) => can(actor, action, { type: 'organisation', id }) === 'allowed');
}
