/**
 * The whole access matrix, written out: every action × every kind of actor.
 * A = allowed, D = denied, S = sign in required, F = second factor required.
 * Adding an action to `rules` without a row here fails the suite.
 */
import { describe, expect, it } from 'vitest';
import type { MemberRole, PlatformRole } from '../db/schema/index.ts';
import { actions, allowedOrganisations, anonymous, can, rules, type Action, type Actor, type Decision, type FolderResource, type NoteResource, type Resource } from './index.ts';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const OTHER = '00000000-0000-4000-8000-0000000000bb';

let n = 0;
function user(opts: { platformRole?: PlatformRole; org?: MemberRole; otherOrg?: MemberRole; kind?: 'newcomer' | 'resident'; secondFactor?: boolean } = {}): Actor {
	const memberships = new Map<string, MemberRole>();
	if (opts.org) memberships.set(ORG, opts.org);
	if (opts.otherOrg) memberships.set(OTHER, opts.otherOrg);
	return {
		kind: 'user',
		userId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
		personKind: opts.kind ?? 'resident',
		platformRole: opts.platformRole ?? null,
		memberships,
		emailVerified: true,
		secondFactor: opts.secondFactor ?? false,
		totpEnabled: opts.secondFactor ?? false
	};
}

const actors = {
	anon: anonymous,
	newcomer: user({ kind: 'newcomer' }),
	resident: user(),
	owner: user({ org: 'owner' }),
	owner_2f: user({ org: 'owner', secondFactor: true }),
	coord: user({ org: 'coordinator' }),
	coord_2f: user({ org: 'coordinator', secondFactor: true }),
	caseworker: user({ org: 'case_worker' }),
	caseworker_2f: user({ org: 'case_worker', secondFactor: true }),
	volcoord: user({ org: 'volunteer_coordinator' }),
	volcoord_2f: user({ org: 'volunteer_coordinator', secondFactor: true }),
	member: user({ org: 'member' }),
	other_owner_2f: user({ otherOrg: 'owner', secondFactor: true }),
	admin: user({ platformRole: 'admin' }),
	admin_2f: user({ platformRole: 'admin', secondFactor: true }),
	officer: user({ platformRole: 'integration_officer' }),
	officer_2f: user({ platformRole: 'integration_officer', secondFactor: true }),
	evaluator: user({ platformRole: 'evaluator' }),
	guardianship: user({ platformRole: 'guardianship_office' }),
	guardianship_2f: user({ platformRole: 'guardianship_office', secondFactor: true })
} satisfies Record<string, Actor>;
type ActorName = keyof typeof actors;
const columns = Object.keys(actors) as ActorName[];

const PERSON = '00000000-0000-4000-8000-0000000000cc';
/** A folder whose team is THE organisation, which holds the coordination consent. */
function folder(facts: Partial<Omit<FolderResource, 'type'>> = {}): FolderResource {
	return {
		type: 'folder',
		personId: PERSON,
		teamOrganisationIds: [ORG],
		consentedOrganisationIds: [ORG],
		leadUserId: null,
		leadOrganisationId: ORG,
		breakGlassUserIds: [],
		protectedConsent: true,
		...facts
	};
}

const AUTHOR = '00000000-0000-4000-8000-0000000000dd';
/** A note in the folder above, written by AUTHOR for THE organisation. */
function note(facts: Partial<Omit<NoteResource, 'type'>> = {}): NoteResource {
	return { type: 'note', folder: folder(), authorId: AUTHOR, organisationId: ORG, sensitivity: 'team', ...facts };
}

/** The resource each action is asked about: THE organisation (unverified), or the actor's own account. */
function resourceFor(action: Action, actor: Actor): Resource {
	if (action.startsWith('account.')) return { type: 'account', userId: actor.kind === 'user' ? actor.userId : 'nobody' };
	if (action.startsWith('organisation.') && action !== 'organisation.list' && action !== 'organisation.create') {
		return { type: 'organisation', id: ORG, verification: 'unverified' };
	}
	if (action === 'directory.manage' || action === 'directory.import' || action === 'directory.export') {
		return { type: 'organisation', id: ORG, verification: 'unverified' };
	}
	if (action.startsWith('invitation.')) return { type: 'invitation', organisationId: ORG };
	if (action === 'folder.create') return { type: 'organisation', id: ORG, verification: 'unverified' };
	// A note of THE organisation, written by someone else, for the organisation only.
	if (action === 'folder.note.read') return note({ sensitivity: 'organisation' });
	if (action.startsWith('folder.') || action === 'referral.create') return folder();
	if (action === 'referral.inbox' || action === 'referral.stats') return { type: 'organisation', id: ORG, verification: 'unverified' };
	// A referral sent by the OTHER organisation's team to THE organisation.
	if (action.startsWith('referral.')) {
		return { type: 'referral', referralId: PERSON, fromOrganisationId: OTHER, toOrganisationId: ORG, folder: folder({ teamOrganisationIds: [OTHER], consentedOrganisationIds: [OTHER], leadOrganisationId: OTHER }) };
	}
	// Someone else's guardianship.
	if (action === 'guardianship.visit') return { type: 'guardianship', guardianUserId: PERSON };
	// The city's guardianship programme (other programmes: their own test below).
	if (action.startsWith('matching.')) return { type: 'programme', kind: 'guardianship', organisationId: null };
	if (action.startsWith('volunteering.')) return { type: 'organisation', id: ORG, verification: 'verified' };
	if (action.startsWith('buddies.')) return { type: 'organisation', id: ORG, verification: 'verified' };
	if (action.startsWith('activities.')) return { type: 'organisation', id: ORG, verification: 'verified' };
	// A panel someone else accepted to take part in (members: their own test below).
	if (action.startsWith('panels.')) return { type: 'panel', panelId: ORG, acceptedUserIds: [PERSON] };
	// An assembly none of the actors belongs to (chairs and members: their own test below).
	if (action.startsWith('assemblies.')) return { type: 'assembly', assemblyId: ORG, chairId: PERSON, secretaryId: AUTHOR, memberIds: [PERSON, AUTHOR] };
	// A named survey (anonymous ones: their own test below).
	if (action === 'surveys.respond') return { type: 'survey', anonymous: false };
	// A call whose jury is the resident alone.
	if (action === 'cocreation.jury') return { type: 'call', callId: PERSON, jurorUserIds: [(actors.resident as { userId: string }).userId] };
	return { type: 'platform' };
}

//                                   anon newc res  own  own2 coo  coo2 cw   cw2  vc   vc2  mem  oth2 adm  adm2 off  off2 eva  gof  gof2
const table: Record<Action, string> = {
	'portal.view':                  'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'account.view':                 'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'account.update':               'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'account.export':               'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'account.delete':               'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'account.security':             'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'workspace.view':               'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'organisation.list':            'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'organisation.create':          'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'organisation.view':            'S    D    D    A    A    A    A    A    A    A    A    A    D    A    A    A    A    D    D    D',
	'organisation.update':          'S    D    D    A    A    A    A    D    D    D    D    D    D    A    A    A    A    D    D    D',
	'organisation.verify':          'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'organisation.members.view':    'S    D    D    F    A    F    A    F    A    F    A    D    D    F    A    D    D    D    D    D',
	'organisation.members.manage':  'S    D    D    F    A    D    D    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'organisation.invite':          'S    D    D    F    A    F    A    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'organisation.leave':           'S    D    D    A    A    A    A    A    A    A    A    A    D    D    D    D    D    D    D    D',
	'invitation.view':              'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'invitation.accept':            'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'platform.admin.view':          'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'platform.users.view':          'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'platform.roles.manage':        'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'platform.outbox.view':         'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'platform.audit.view':          'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'directory.view':               'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'directory.manage':             'S    D    D    A    A    A    A    A    A    A    A    A    D    A    A    A    A    D    D    D',
	'directory.import':             'S    D    D    A    A    A    A    D    D    D    D    D    D    A    A    A    A    D    D    D',
	'directory.export':             'S    D    D    A    A    A    A    A    A    A    A    A    D    A    A    A    A    A    D    D',
	'directory.staff':              'S    D    D    D    D    D    D    D    D    D    D    D    D    A    A    A    A    D    D    D',
	'directory.map.view':           'S    D    D    D    D    D    D    D    D    D    D    D    D    A    A    A    A    A    D    D',
	'platform.stats.view':          'S    D    D    D    D    D    D    D    D    D    D    D    D    A    A    A    A    A    D    D',
	'folder.create':                'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'folder.view':                  'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'folder.note.read':             'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'folder.consent.manage':        'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'folder.team.manage':           'S    D    D    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D    D    D',
	'folder.edit':                  'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'folder.protected.view':        'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'folder.protected.manage':      'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'folder.access_log.view':       'S    D    D    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D    D    D',
	'folder.export':                'S    D    D    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D    D    D',
	'folder.erase':                 'S    D    D    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D    D    D',
	'folder.transfer':              'S    D    D    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D    D    D',
	'folder.break_glass':           'S    D    D    D    D    D    D    D    D    D    D    D    A    D    D    D    D    D    D    D',
	'referral.create':              'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'referral.view':                'S    D    D    F    A    F    A    F    A    D    D    D    A    D    D    D    D    D    D    D',
	'referral.respond':             'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'referral.close':               'S    D    D    F    A    F    A    F    A    D    D    D    A    D    D    D    D    D    D    D',
	'referral.inbox':               'S    D    D    F    A    F    A    F    A    D    D    D    D    D    D    D    D    D    D    D',
	'referral.stats':               'S    D    D    A    A    A    A    D    D    D    D    D    D    A    A    A    A    A    D    D',
	'guardian.register':            'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'guardianship.manage':          'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    F    A',
	'guardianship.visit':           'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    F    A',
	'matching.run':                 'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    F    A',
	'matching.programme.edit':      'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    F    A',
	'volunteering.view':            'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'volunteering.self':            'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'volunteering.opportunity.manage': 'S  D    D    A    A    A    A    D    D    A    A    D    D    A    A    D    D    D    D    D',
	'volunteering.volunteers.manage': 'S   D    D    F    A    F    A    D    D    F    A    D    D    F    A    D    D    D    D    D',
	'buddies.view':                 'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'buddies.self':                 'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'buddies.manage':               'S    D    D    F    A    F    A    D    D    F    A    D    D    F    A    D    D    D    D    D',
	'assemblies.view':              'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'assemblies.join':              'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'assemblies.members':           'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'assemblies.run':               'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'assemblies.manage':            'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'volunteering.certificate.revoke': 'S  D    D    D    D    D    D    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'activities.view':              'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'activities.self':              'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'activities.manage':            'S    D    D    A    A    A    A    D    D    A    A    D    D    A    A    D    D    D    D    D',
	'activities.attendees':         'S    D    D    F    A    F    A    D    D    F    A    D    D    F    A    D    D    D    D    D',
	'activities.review':            'S    D    D    F    A    F    A    D    D    D    D    D    D    F    A    D    D    D    D    D',
	'panels.join':                  'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'panels.manage':                'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'panels.answer':                'S    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D',
	'surveys.view':                 'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'surveys.respond':              'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'surveys.manage':               'S    D    D    D    D    D    D    D    D    D    D    D    D    A    A    A    A    D    D    D',
	'surveys.results':              'S    D    D    D    D    D    D    D    D    D    D    D    D    A    A    A    A    A    D    D',
	'cocreation.view':              'A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'cocreation.participate':       'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'cocreation.answer':            'S    D    D    D    D    D    D    D    D    D    D    D    D    A    A    A    A    D    D    D',
	'cocreation.manage':            'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'cocreation.jury':              'S    D    A    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D    D',
	'moderation.review':            'S    D    D    D    D    D    D    D    D    D    D    D    D    F    A    F    A    D    D    D',
	'notifications.self':           'S    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A    A',
	'support.stats.view':           'S    D    D    D    D    D    D    D    D    D    D    D    D    A    A    A    A    A    A    A'
};

const code: Record<string, Decision> = { A: 'allowed', D: 'denied', S: 'sign_in_required', F: 'second_factor_required' };

describe('the access matrix', () => {
	it('has a row for every action in the rules, and no row for an action that does not exist', () => {
		expect(Object.keys(table).sort()).toEqual([...actions].sort());
		expect(Object.keys(rules).sort()).toEqual([...actions].sort());
	});

	for (const [action, row] of Object.entries(table) as [Action, string][]) {
		const cells = row.trim().split(/\s+/);
		it(`${action}: one decision per kind of actor`, () => {
			expect(cells).toHaveLength(columns.length);
			const got = columns.map((c) => can(actors[c], action, resourceFor(action, actors[c])));
			const want = cells.map((c) => code[c]);
			const diff = columns.flatMap((c, i) => (got[i] === want[i] ? [] : [`${c}: got ${got[i]}, want ${want[i]}`]));
			expect(diff, diff.join('; ')).toEqual([]);
		});
	}
});

describe('resources the table does not cover', () => {
	it('shows a verified organisation to everyone, including people signed out', () => {
		const verified: Resource = { type: 'organisation', id: ORG, verification: 'verified' };
		for (const c of columns) expect(can(actors[c], 'organisation.view', verified), c).toBe('allowed');
	});

	it("never lets anyone act on another person's account", () => {
		for (const c of columns) {
			for (const a of ['account.view', 'account.update', 'account.export', 'account.delete', 'account.security'] as const) {
				const d = can(actors[c], a, { type: 'account', userId: '00000000-0000-4000-8000-999999999999' });
				expect(d === 'denied' || d === 'sign_in_required', `${c} ${a}`).toBe(true);
			}
		}
	});

	it('gives a member of another organisation nothing over this one', () => {
		const other = actors.other_owner_2f;
		for (const a of actions.filter((x) => x.startsWith('organisation.') && !['organisation.list', 'organisation.create'].includes(x))) {
			expect(can(other, a, { type: 'organisation', id: ORG, verification: 'unverified' }), a).toBe('denied');
		}
		expect(can(other, 'organisation.members.manage', { type: 'organisation', id: OTHER })).toBe('allowed');
	});

	it('denies a wrong kind of resource and an unknown action', () => {
		expect(can(actors.owner_2f, 'organisation.update', { type: 'platform' })).toBe('denied');
		expect(can(actors.owner_2f, 'organisation.update', { type: 'account', userId: ORG })).toBe('denied');
		expect(can(actors.admin_2f, 'no.such.action' as Action)).toBe('denied');
		expect(can(anonymous, 'no.such.action' as Action)).toBe('denied');
	});

	it('drops forged and foreign organisation ids in bulk checks', () => {
		expect(allowedOrganisations(actors.owner_2f, 'organisation.update', [ORG, OTHER, 'not-a-uuid'])).toEqual([ORG]);
		expect(allowedOrganisations(actors.member, 'organisation.update', [ORG])).toEqual([]);
	});
});

describe('validation panels', () => {
	it('lets a member who accepted answer, and only in their own panel', () => {
		const a = actors.resident as Extract<Actor, { kind: 'user' }>;
		expect(can(a, 'panels.answer', { type: 'panel', panelId: ORG, acceptedUserIds: [a.userId] })).toBe('allowed');
		expect(can(a, 'panels.answer', { type: 'panel', panelId: OTHER, acceptedUserIds: [PERSON] })).toBe('denied');
		expect(can(a, 'panels.answer', { type: 'platform' })).toBe('denied');
		expect(can(actors.officer_2f, 'panels.answer', { type: 'panel', panelId: ORG, acceptedUserIds: [] })).toBe('denied');
	});
});

describe('surveys', () => {
	it('lets anyone answer an anonymous survey, and only people signed in a named one', () => {
		for (const c of columns) expect(can(actors[c], 'surveys.respond', { type: 'survey', anonymous: true }), c).toBe('allowed');
		expect(can(anonymous, 'surveys.respond', { type: 'survey', anonymous: false })).toBe('sign_in_required');
		expect(can(actors.resident, 'surveys.respond', { type: 'platform' })).toBe('denied');
	});
});

describe('matching programmes other than guardianship', () => {
	const run = (actor: Actor, r: Resource) => can(actor, 'matching.run', r);
	const orgs: Resource = { type: 'programme', kind: 'volunteering', organisationId: ORG };
	const city: Resource = { type: 'programme', kind: 'buddy', organisationId: null };
	it("lets an organisation's owners and coordinators run its own programmes, and nobody from elsewhere", () => {
		expect(run(actors.owner_2f, orgs)).toBe('allowed');
		expect(run(actors.coord_2f, orgs)).toBe('allowed');
		expect(run(actors.volcoord_2f, orgs)).toBe('allowed');
		expect(run(actors.caseworker_2f, orgs)).toBe('denied');
		expect(run(actors.member, orgs)).toBe('denied');
		expect(run(actors.other_owner_2f, orgs)).toBe('denied');
		expect(run(actors.guardianship_2f, orgs)).toBe('denied');
		expect(run(actors.admin_2f, orgs)).toBe('allowed');
	});
	it("lets city staff run the city's own programmes; the guardianship office only guardianship", () => {
		expect(run(actors.officer_2f, city)).toBe('allowed');
		expect(run(actors.owner_2f, city)).toBe('denied');
		expect(run(actors.guardianship_2f, city)).toBe('denied');
		expect(run(actors.officer_2f, { type: 'programme', kind: 'guardianship', organisationId: null })).toBe('denied');
		expect(run(actors.guardianship_2f, { type: 'platform' })).toBe('denied');
	});
});

describe('assemblies: members, chair and secretary of THAT assembly', () => {
	const resident = actors.resident as Actor & { userId: string };
	const newcomer = actors.newcomer as Actor & { userId: string };
	const mine = (facts: { chairId?: string | null; secretaryId?: string | null; memberIds?: string[] }): Resource => ({
		type: 'assembly',
		assemblyId: ORG,
		chairId: facts.chairId ?? null,
		secretaryId: facts.secretaryId ?? null,
		memberIds: facts.memberIds ?? []
	});
	it('shows the members to members, and running it to the chair and the secretary only', () => {
		const r = mine({ chairId: resident.userId, secretaryId: newcomer.userId, memberIds: [resident.userId, newcomer.userId, PERSON] });
		expect(can(resident, 'assemblies.members', r)).toBe('allowed');
		expect(can(resident, 'assemblies.run', r)).toBe('allowed');
		expect(can(newcomer, 'assemblies.run', r)).toBe('allowed');
		expect(can(resident, 'assemblies.manage', r)).toBe('denied');
		const member = mine({ chairId: PERSON, memberIds: [resident.userId, PERSON] });
		expect(can(resident, 'assemblies.members', member)).toBe('allowed');
		expect(can(resident, 'assemblies.run', member)).toBe('denied');
	});
	it('gives a chair who left, or the chair of another assembly, nothing', () => {
		expect(can(resident, 'assemblies.run', mine({ chairId: resident.userId, memberIds: [PERSON] }))).toBe('denied');
		expect(can(resident, 'assemblies.members', mine({ chairId: resident.userId, memberIds: [PERSON] }))).toBe('denied');
		expect(can(actors.owner_2f, 'assemblies.run', { type: 'organisation', id: ORG })).toBe('denied');
		expect(can(actors.officer_2f, 'assemblies.run', { type: 'platform' })).toBe('denied');
	});
});

describe('folders: team × role × consent', () => {
	const folderActions = ['folder.view', 'folder.consent.manage', 'folder.team.manage'] as const;

	it('refuses a team organisation whose consent is withdrawn, and a consented organisation not on the team', () => {
		for (const a of folderActions) {
			expect(can(actors.caseworker_2f, a, folder({ consentedOrganisationIds: [] })), a).toBe('denied');
			expect(can(actors.caseworker_2f, a, folder({ teamOrganisationIds: [], consentedOrganisationIds: [ORG] })), a).toBe('denied');
		}
	});

	it('lets a second organisation in only while it is on the team and named by a share consent', () => {
		const other = actors.other_owner_2f;
		expect(can(other, 'folder.view', folder())).toBe('denied');
		expect(can(other, 'folder.view', folder({ teamOrganisationIds: [ORG, OTHER] }))).toBe('denied');
		expect(can(other, 'folder.view', folder({ consentedOrganisationIds: [ORG, OTHER] }))).toBe('denied');
		expect(can(other, 'folder.view', folder({ teamOrganisationIds: [ORG, OTHER], consentedOrganisationIds: [ORG, OTHER] }))).toBe('allowed');
	});

	it('gives city staff and the lead worker id alone nothing', () => {
		const staff = [actors.admin_2f, actors.officer_2f, actors.evaluator];
		for (const s of staff) expect(can(s, 'folder.view', folder())).toBe('denied');
		const stranger = actors.resident;
		expect(can(stranger, 'folder.view', folder({ leadUserId: stranger.kind === 'user' ? stranger.userId : null }))).toBe('denied');
	});

	it('asks for a folder resource, not an organisation, to open one', () => {
		expect(can(actors.caseworker_2f, 'folder.view', { type: 'organisation', id: ORG })).toBe('denied');
		expect(can(actors.caseworker_2f, 'folder.create', folder())).toBe('denied');
	});
});

describe('notes: the folder rule narrowed by sensitivity', () => {
	const id = (a: Actor) => (a.kind === 'user' ? a.userId : 'nobody');
	const worker = actors.caseworker_2f;
	const ownerHere = actors.owner_2f;
	/** On the team through THE organisation and through OTHER at once. */
	const both = folder({ teamOrganisationIds: [ORG, OTHER], consentedOrganisationIds: [ORG, OTHER] });
	const otherOwner = actors.other_owner_2f;

	it('shows a team note to everyone who may open the folder, and to nobody else', () => {
		expect(can(worker, 'folder.note.read', note())).toBe('allowed');
		expect(can(otherOwner, 'folder.note.read', note({ folder: both }))).toBe('allowed');
		expect(can(otherOwner, 'folder.note.read', note())).toBe('denied');
		expect(can(actors.member, 'folder.note.read', note())).toBe('denied');
		expect(can(actors.admin_2f, 'folder.note.read', note())).toBe('denied');
		expect(can(anonymous, 'folder.note.read', note())).toBe('sign_in_required');
	});

	it("shows an organisation note only to the note's organisation, on the team under consent", () => {
		const orgNote = note({ sensitivity: 'organisation', folder: both });
		expect(can(worker, 'folder.note.read', orgNote)).toBe('allowed');
		expect(can(otherOwner, 'folder.note.read', orgNote)).toBe('denied');
		expect(can(otherOwner, 'folder.note.read', { ...orgNote, organisationId: OTHER })).toBe('allowed');
		// A plain member of the note's organisation who opens the folder through another organisation: not theirs.
		const memberElsewhere = user({ org: 'member', otherOrg: 'case_worker', secondFactor: true });
		expect(can(memberElsewhere, 'folder.note.read', note({ folder: both }))).toBe('allowed');
		expect(can(memberElsewhere, 'folder.note.read', orgNote)).toBe('denied');
		// The consent withdrawn: the organisation's own note is closed to it too.
		expect(can(worker, 'folder.note.read', note({ sensitivity: 'organisation', folder: folder({ consentedOrganisationIds: [] }) }))).toBe('denied');
		expect(can(worker, 'folder.note.read', note({ sensitivity: 'organisation', organisationId: null }))).toBe('denied');
	});

	it('shows an author note to its author alone, not to the lead worker nor an owner', () => {
		const mine = note({ sensitivity: 'author', authorId: id(worker) });
		expect(can(worker, 'folder.note.read', mine)).toBe('allowed');
		expect(can(ownerHere, 'folder.note.read', mine)).toBe('denied');
		const lead = note({ sensitivity: 'author', authorId: id(worker), folder: folder({ leadUserId: id(ownerHere) }) });
		expect(can(ownerHere, 'folder.note.read', lead)).toBe('denied');
		expect(can(worker, 'folder.note.read', note({ sensitivity: 'author', authorId: null }))).toBe('denied');
		// The author who lost access to the folder loses their own notes with it.
		expect(can(worker, 'folder.note.read', { ...mine, folder: folder({ teamOrganisationIds: [] }) })).toBe('denied');
		// Before the second factor: asked for it, never shown.
		const noSecond = actors.caseworker;
		expect(can(noSecond, 'folder.note.read', note({ sensitivity: 'author', authorId: id(noSecond) }))).toBe('second_factor_required');
	});

	it('lets a break-glass holder read team notes and their own, never another organisation’s', () => {
		const stranger = user({ otherOrg: 'case_worker', secondFactor: true });
		const glass = folder({ breakGlassUserIds: [id(stranger)] });
		expect(can(stranger, 'folder.note.read', note({ folder: glass }))).toBe('allowed');
		expect(can(stranger, 'folder.note.read', note({ folder: glass, sensitivity: 'organisation' }))).toBe('denied');
		expect(can(stranger, 'folder.note.read', note({ folder: glass, sensitivity: 'author', authorId: id(stranger) }))).toBe('allowed');
	});

	it('asks for a note resource, not a folder', () => {
		expect(can(worker, 'folder.note.read', folder())).toBe('denied');
	});
});
