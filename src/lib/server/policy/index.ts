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
import type { MemberRole, PersonKind, PlatformRole, ProgrammeKind, Sensitivity, VerificationState } from '../db/schema/index.ts';

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
	| FolderResource
	| NoteResource
	| ReferralResource
	| GuardianshipResource
	| ProgrammeResource
	| PanelResource
	| AssemblyResource
	| SurveyResource
	| CallResource;

/** A survey (issue 7): whether its responses are anonymous (named ones need an account). */
export interface SurveyResource {
	type: 'survey';
	anonymous: boolean;
}

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
	/** The lead worker's organisation: it alone reads protected fields and answers subject-rights requests. */
	leadOrganisationId: string | null;
	/** Users holding an unexpired break-glass grant for this person. */
	breakGlassUserIds: readonly string[];
	/** An active consent of purpose `protected_fields` exists. */
	protectedConsent: boolean;
}

/**
 * A note in a folder (also used for a document's name in the timeline): the
 * folder's facts, who wrote it, for which organisation, and how sensitive it is.
 */
export interface NoteResource {
	type: 'note';
	folder: FolderResource;
	authorId: string | null;
	organisationId: string | null;
	sensitivity: Sensitivity;
}

/**
 * A referral: the receiving organisation works on it from its inbox and sees
 * only what was shared; the sending side sees it through the folder.
 */
export interface ReferralResource {
	type: 'referral';
	referralId: string;
	fromOrganisationId: string | null;
	toOrganisationId: string;
	/** The facts of the person's folder (null once the folder is erased). */
	folder: FolderResource | null;
}

/** A guardian's work with the children assigned to them. */
export interface GuardianshipResource {
	type: 'guardianship';
	/** The user who is the guardian. */
	guardianUserId: string;
}

/**
 * A matching programme (issue 5): the city's guardianship programme, or one
 * an organisation (or the city) runs for volunteering, buddies, placements.
 */
export interface ProgrammeResource {
	type: 'programme';
	kind: ProgrammeKind;
	/** The organisation that runs it; null for the city's own. */
	organisationId: string | null;
}

/**
 * A validation panel (issue 7): who has accepted to take part in it (invited
 * and declined people are not members).
 */
export interface PanelResource {
	type: 'panel';
	panelId: string;
	acceptedUserIds: readonly string[];
}

/**
 * An assembly (issue 7), with the facts its rules need, loaded once per
 * request by the use case: its chair, its secretary and its active members.
 */
export interface AssemblyResource {
	type: 'assembly';
	assemblyId: string;
	chairId: string | null;
	secretaryId: string | null;
	/** Users whose membership is active. */
	memberIds: readonly string[];
}

/** A call for ideas (issue 7): its jury decides on the ideas sent to it. */
export interface CallResource {
	type: 'call';
	callId: string;
	/** The users on the call's jury. */
	jurorUserIds: readonly string[];
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
 * is on the team AND covered by an active consent.
 */
const folderAccess = (a: Actor, r: Resource) => {
	if (!signedIn(a) || r.type !== 'folder') return false;
	return r.teamOrganisationIds.some((id) => {
		const role = a.memberships.get(id);
		return role !== undefined && folderRoles.includes(role) && r.consentedOrganisationIds.includes(id);
	});
};
/**
 * An unexpired emergency ("break the glass") grant for this folder, held by
 * someone who still works on folders (a grant does not outlive the role that
 * got it, and that role always needs the second factor).
 */
const breakGlassHeld = (a: Actor, r: Resource) => signedIn(a) && r.type === 'folder' && r.breakGlassUserIds.includes(a.userId) && folderWorker(a);
/** Team access, by the lead worker or a coordinator or owner of a covered team organisation. */
const folderSteward = (a: Actor, r: Resource) => {
	if (!folderAccess(a, r) || !signedIn(a) || r.type !== 'folder') return false;
	if (r.leadUserId === a.userId) return true;
	return r.teamOrganisationIds.some((id) => {
		const role = a.memberships.get(id);
		return (role === 'owner' || role === 'coordinator') && r.consentedOrganisationIds.includes(id);
	});
};
/** Team access, by the lead worker or a coordinator or owner of the lead worker's organisation. */
const leadOrganisation = (a: Actor, r: Resource) => {
	if (!folderAccess(a, r) || !signedIn(a) || r.type !== 'folder') return false;
	if (r.leadUserId === a.userId) return true;
	const role = r.leadOrganisationId ? a.memberships.get(r.leadOrganisationId) : undefined;
	return role === 'owner' || role === 'coordinator';
};
/** A member of the lead worker's organisation who may work on folders, with team access. */
const inLeadOrganisation = (a: Actor, r: Resource) => {
	if (!folderAccess(a, r) || !signedIn(a) || r.type !== 'folder' || !r.leadOrganisationId) return false;
	const role = a.memberships.get(r.leadOrganisationId);
	return role !== undefined && folderRoles.includes(role);
};
/** Someone who works on folders somewhere (an organisation's owner, coordinator or case worker). */
const folderWorker = (a: Actor) => signedIn(a) && [...a.memberships.values()].some((role) => folderRoles.includes(role));
/** The receiving organisation of a referral: its owners, coordinators and case workers. */
const referralReceiver = (a: Actor, r: Resource) => {
	if (!signedIn(a) || r.type !== 'referral') return false;
	const role = a.memberships.get(r.toOrganisationId);
	return role !== undefined && folderRoles.includes(role);
};
/** The sending side of a referral: whoever may open the person's folder. */
const referralSender = (a: Actor, r: Resource) => r.type === 'referral' && r.folder !== null && folderAccess(a, r.folder);
/**
 * A note narrows the folder rule by its sensitivity: `team` whoever may open
 * the folder; `organisation` those of them who work on folders in the note's
 * organisation; `author` its author alone (while they may open the folder).
 */
const noteReader = (a: Actor, r: Resource) => {
	if (!signedIn(a) || r.type !== 'note') return false;
	if (!folderAccess(a, r.folder) && !breakGlassHeld(a, r.folder)) return false;
	if (r.sensitivity === 'team') return true;
	if (r.sensitivity === 'organisation') {
		const role = r.organisationId ? a.memberships.get(r.organisationId) : undefined;
		return role !== undefined && folderRoles.includes(role);
	}
	if (r.sensitivity === 'author') return r.authorId !== null && r.authorId === a.userId;
	return false;
};
/**
 * Who runs a matching programme: the guardianship office for guardianship;
 * an organisation's owners, coordinators and volunteer coordinators for its
 * own programmes; city staff for the city's other programmes. Administrators
 * always.
 */
const programmeStaff = (a: Actor, r: Resource) => {
	if (!signedIn(a) || r.type !== 'programme') return false;
	if (platform(a, 'admin')) return true;
	if (r.kind === 'guardianship') return platform(a, 'guardianship_office');
	if (r.organisationId === null) return platform(a, 'integration_officer');
	const role = a.memberships.get(r.organisationId);
	return role === 'owner' || role === 'coordinator' || role === 'volunteer_coordinator';
};
/** An active member of this assembly. */
const assemblyMember = (a: Actor, r: Resource) => signedIn(a) && r.type === 'assembly' && r.memberIds.includes(a.userId);
/** The chair or the secretary of this assembly, while an active member. */
const assemblyOfficer = (a: Actor, r: Resource) =>
	signedIn(a) && r.type === 'assembly' && (r.chairId === a.userId || r.secretaryId === a.userId) && r.memberIds.includes(a.userId);
const isMember = (a: Actor, r: Resource) =>
	orgRole(a, r, 'owner', 'coordinator', 'case_worker', 'volunteer_coordinator', 'member');

/** Roles that see other people's personal data and therefore need a second factor. */
export const sensitivePlatformRoles: readonly PlatformRole[] = ['admin', 'integration_officer', 'guardianship_office'];
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
	/** Open the folder: the team under consent, or an unexpired break-glass grant. */
	'folder.view': { personalData: true, allow: (a, r) => folderAccess(a, r) || breakGlassHeld(a, r) },
	/** Assessments, plan, notes, tasks, documents: as for opening it (an emergency may need a note). */
	'folder.edit': { personalData: true, allow: (a, r) => folderAccess(a, r) || breakGlassHeld(a, r) },
	/** Read one note (or see one document's name): the folder rule narrowed by the note's sensitivity. */
	'folder.note.read': { personalData: true, allow: noteReader },
	/** Record and withdraw consents: the team under consent (the worker with the person records it). */
	'folder.consent.manage': { personalData: true, allow: folderAccess },
	/** Add and remove organisations (named by a `share` consent) and workers, choose the lead worker. */
	'folder.team.manage': { personalData: true, allow: folderSteward },
	/** Nationality and residence status: the lead worker's organisation only, under a `protected_fields` consent. */
	'folder.protected.view': { personalData: true, allow: (a, r) => inLeadOrganisation(a, r) && r.type === 'folder' && r.protectedConsent },
	'folder.protected.manage': { personalData: true, allow: inLeadOrganisation },
	/** "Who opened this folder": the lead worker and the lead organisation's coordinators and owners. */
	'folder.access_log.view': { personalData: true, allow: leadOrganisation },
	/** Subject rights: export everything, erase or anonymise; and moving the whole case elsewhere. */
	'folder.export': { personalData: true, allow: leadOrganisation },
	'folder.erase': { personalData: true, allow: leadOrganisation },
	'folder.transfer': { personalData: true, allow: leadOrganisation },
	/**
	 * Emergency access by someone who works on folders but is not on this
	 * team: asks for a reason, is time-limited, alerts the lead worker and the
	 * administrators (the use case does all three).
	 */
	'folder.break_glass': { personalData: true, allow: (a, r) => folderWorker(a) && r.type === 'folder' && !folderAccess(a, r) },

	// Referrals. A 'folder' resource for sending one; a 'referral' for the
	// rest; an 'organisation' for the receiving organisation's inbox and statistics.
	'referral.create': { personalData: true, allow: folderAccess },
	/** Receiver: the shared fields only. Sender: through the folder. */
	'referral.view': { personalData: true, allow: (a, r) => referralReceiver(a, r) || referralSender(a, r) },
	/** Accept, decline, start, complete: the receiving organisation. */
	'referral.respond': { personalData: true, allow: referralReceiver },
	/** Close with a reason: either side. */
	'referral.close': { personalData: true, allow: (a, r) => referralReceiver(a, r) || referralSender(a, r) },
	'referral.inbox': { personalData: true, allow: (a, r) => orgRole(a, r, ...folderRoles) },
	/** Per-service figures (times, shares, reasons; no person): the organisation's staff and the city's. */
	'referral.stats': {
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator') || platform(a, 'admin', 'integration_officer', 'evaluator')
	},

	// Guardianship of unaccompanied children. The monitoring office is a
	// platform role; a guardian works on their own guardianships.
	/** Anyone signed in may offer to become a volunteer guardian. */
	'guardian.register': { allow: (a) => signedIn(a) },
	/** Vetting, assignment, ending, the monitoring view. */
	'guardianship.manage': { personalData: true, allow: (a) => platform(a, 'guardianship_office', 'admin') },
	/** Record visits and reports: the guardian themself (and the office). */
	'guardianship.visit': {
		personalData: true,
		allow: (a, r) =>
			(signedIn(a) && r.type === 'guardianship' && r.guardianUserId === a.userId) || platform(a, 'guardianship_office', 'admin')
	},

	// Matching programmes (issue 5). A 'programme' resource. Running one reads
	// the profiles of the people it matches (for guardianship: children), so
	// both need the second factor. Confirming a proposal is the programme's
	// own use case (e.g. guardianship.manage for a guardian).
	/** Run the engine over a programme's people and see the explained proposals. */
	'matching.run': { personalData: true, allow: programmeStaff },
	/** Change a programme's hard rules and weights. */
	'matching.programme.edit': { personalData: true, allow: programmeStaff },

	// Volunteering (issue 6). An 'organisation' resource is the organisation
	// that posts the opportunity. A volunteer's own records need no role.
	/** Open opportunities and the check of a certificate's code: public. */
	'volunteering.view': { allow: () => true },
	/** One's own volunteer profile, applications, shifts, hours and certificates. */
	'volunteering.self': { allow: (a) => signedIn(a) },
	/** Post and edit an organisation's opportunities and shifts; choose its screening steps. */
	'volunteering.opportunity.manage': {
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator', 'volunteer_coordinator') || platform(a, 'admin')
	},
	/** An organisation's applicants and volunteers: screening, decisions, sign-up lists, hours to confirm. */
	'volunteering.volunteers.manage': {
		personalData: true,
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator', 'volunteer_coordinator') || platform(a, 'admin')
	},
	/** Revoke anyone's certificate (hours found false): the city's administrators; the reason is audited. */
	'volunteering.certificate.revoke': { personalData: true, allow: (a) => platform(a, 'admin') },

	// Neighbourhood activities (issue 6). An 'organisation' resource is the
	// organisation that runs the activity, or (for review) the one running the
	// neighbourhood's house.
	/** Published activities and the neighbourhood calendar feeds: public. */
	'activities.view': { allow: () => true },
	/** One's own RSVPs, calendar feed and proposals. */
	'activities.self': { allow: (a) => signedIn(a) },
	/** Create, edit and cancel an organisation's activities. */
	'activities.manage': {
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator', 'volunteer_coordinator') || platform(a, 'admin')
	},
	/** Who is going and who waits: an attendee list is personal data. */
	'activities.attendees': {
		personalData: true,
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator', 'volunteer_coordinator') || platform(a, 'admin')
	},
	/** Publish or reject residents' proposals: the coordinators of the organisation running the house. */
	'activities.review': {
		personalData: true,
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator') || platform(a, 'admin')
	},

	// Buddy and mentoring programmes (issue 6). An 'organisation' resource is
	// the organisation that runs the programme. One's own applications, pairs
	// and check-ins need no role.
	/** Open buddy programmes: public. */
	'buddies.view': { allow: () => true },
	/** One's own applications, pairs and check-ins. */
	'buddies.self': { allow: (a) => signedIn(a) },
	/** An organisation's programmes, applicants, matching, pairs and check-ins. */
	'buddies.manage': {
		personalData: true,
		allow: (a, r) => orgRole(a, r, 'owner', 'coordinator', 'volunteer_coordinator') || platform(a, 'admin')
	},

	// Validation panels (issue 7). A 'panel' resource names the people who
	// accepted to take part in it.
	/** Opt in to the pool (and withdraw), answer one's own invitations. */
	'panels.join': { allow: (a) => signedIn(a) },
	/** Compose panels from the pool (languages, age, gender: personal data), share drafts, read answers, record vouchers. */
	'panels.manage': { personalData: true, allow: (a) => platform(a, 'admin', 'integration_officer') },
	/** See a panel's draft and answer its questions: a member who accepted to take part in THAT panel. */
	'panels.answer': { allow: (a, r) => signedIn(a) && r.type === 'panel' && r.acceptedUserIds.includes(a.userId) },
	// Assemblies and meetings (issue 7). An 'assembly' resource carries its
	// chair, secretary and active members; 'platform' for the city-wide views.
	/** Assemblies, their upcoming meetings, published minutes and decisions, the member count: public. */
	'assemblies.view': { allow: () => true },
	/** Join (or ask to join), leave, answer a meeting and ask for an interpreter: anyone signed in (the use case checks membership). */
	'assemblies.join': { allow: (a) => signedIn(a) },
	/** Who the members are (names are personal data): the assembly's members and the city's staff. */
	'assemblies.members': {
		personalData: true,
		allow: (a, r) => (r.type === 'assembly' && platform(a, 'admin', 'integration_officer')) || assemblyMember(a, r)
	},
	/** Run it: accept members, schedule and cancel meetings, see interpreter requests, record attendance, minutes and decisions. */
	'assemblies.run': {
		personalData: true,
		allow: (a, r) => (r.type === 'assembly' && platform(a, 'admin', 'integration_officer')) || assemblyOfficer(a, r)
	},
	/** Create and edit assemblies, name the chair and the secretary, the decisions across assemblies. */
	'assemblies.manage': { personalData: true, allow: (a) => platform(a, 'admin', 'integration_officer') },
	// Surveys (issue 7). A 'survey' resource for answering one; the platform
	// for the rest. The city's staff run them; evaluators read the aggregates.
	/** Open surveys: public. */
	'surveys.view': { allow: () => true },
	/** Answer a survey: anyone when it is anonymous, people signed in when it is named. */
	'surveys.respond': { allow: (a, r) => r.type === 'survey' && (r.anonymous || signedIn(a)) },
	/** Create, edit, publish and close surveys; read free-text answers. */
	'surveys.manage': { allow: (a) => platform(a, 'admin', 'integration_officer') },
	/** Results as counts (under 5 suppressed) and their exports. */
	'surveys.results': { allow: (a) => platform(a, 'admin', 'integration_officer', 'evaluator') },
	// Co-creation (issue 7): calls for ideas, comments and supports; moderation
	// and notifications shared by every participation space.
	/** Published calls, ideas, comments, results and pilots: public. */
	'cocreation.view': { allow: () => true },
	/** Send an idea, comment, support, report abuse (the call's own rules, its phase and audience, come after). */
	'cocreation.participate': { allow: (a) => signedIn(a) },
	/** Official answers from the city under an idea. */
	'cocreation.answer': { allow: (a) => platform(a, 'admin', 'integration_officer') },
	/** Create and run calls: phases, criteria, jury, results, pilots. Shows who sent anonymous ideas. */
	'cocreation.manage': { personalData: true, allow: (a) => platform(a, 'admin', 'integration_officer') },
	/** Score the ideas of a call: its jurors only. */
	'cocreation.jury': { allow: (a, r) => signedIn(a) && r.type === 'call' && r.jurorUserIds.includes(a.userId) },
	/** Reports, flagged words, hide and restore: moderators know who wrote what. */
	'moderation.review': { personalData: true, allow: (a) => platform(a, 'admin', 'integration_officer') },
	/** One's own notifications and the choice of how to get them. */
	'notifications.self': { allow: (a) => signedIn(a) },

	/** Statistics over folders, referrals and guardianship (cells under 5 suppressed). */
	'support.stats.view': { allow: (a) => platform(a, 'admin', 'integration_officer', 'evaluator', 'guardianship_office') },

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
