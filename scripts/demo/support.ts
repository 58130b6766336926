/**
 * The demo city's support folders, referrals and guardianship (issue 4,
 * docs/decisions/012-demo-city.md and 016-support-folder.md).
 *
 * `generateSupport(rng, input)` is pure, like the rest of the generator: its
 * own stream of randomness (so changing it leaves people and services
 * alone), the demo's fixed "now", no clock. It yields:
 *
 * - 2,000 people with folders (1,850 adults and 150 unaccompanied
 *   children) at different stages: new, assessed, active, closing, and
 *   folders whose coordination consent the person withdrew. Consents for
 *   coordination, sharing and statistics (some withdrawn), case teams with
 *   lead workers from the organisations' case workers, needs assessments
 *   over time, plan goals (also in the person's own words) and actions,
 *   notes of every sensitivity, measures and tasks. No documents.
 * - 5,000 referrals to the directory's services in every state, each
 *   covered by a `share` consent for the receiving organisation, with the
 *   referral events that lead to its state (the allowed transitions only)
 *   and its response-time target; some are overdue, reminded, escalated.
 * - 60 volunteer guardians (vetting steps, criminal-record certificates of
 *   which some expire within 60 days and some have expired), at most three
 *   active guardianships each (slots 1–3; several full), visits and reports
 *   (some guardianships without a visit for two months or more), children
 *   turning 18 within six months with and without a transition plan, and
 *   children without a guardian.
 * - One folder with more than 500 timeline entries, for bench/support.ts
 *   (`benchmarkPersonId`).
 * - Three demo accounts: the Open Harbour case worker (already in the city)
 *   leads many folders; the guardianship office (platform role
 *   `guardianship_office`) and a volunteer guardian are added here.
 */
import type { LifeDomain, ReferralField, ReferralState, Sensitivity } from '../../src/lib/server/db/schema/index.ts';
import { lifeDomains } from '../../src/lib/server/db/schema/support.ts';
import type { DemoAccount, DemoMembership, DemoOrganisation, DemoUser, Rng } from './generate.ts';
import type { DemoService } from './directory.ts';
import {
	ASSESSMENT_COMMENTS,
	AUTHOR_NOTES,
	CLOSE_REASONS,
	CLOSED_ON_WITHDRAWAL,
	DECLINE_REASONS,
	DOMAIN_TEXTS,
	GUARDIANSHIP_ENDINGS,
	MEASURES,
	ORGANISATION_NOTES,
	OUTCOMES,
	REFERRAL_MESSAGES,
	REPORT_SUMMARIES,
	TASKS,
	TEAM_NOTES,
	TRANSITION_PLANS,
	VISIT_CONCERNS,
	VISIT_SUMMARIES,
	WITHDRAWAL_REASONS,
	type OwnWordsLocale,
	type Phrase
} from './support-texts.ts';

export const DEMO_PEOPLE = 2000;
export const DEMO_CHILDREN = 150;
export const DEMO_REFERRALS = 5000;
export const DEMO_GUARDIANS = 60;
/** The benchmark folder has at least this many timeline entries (notes, tasks, assessments, plan actions, referral events). */
export const DEMO_BIG_FOLDER_ENTRIES = 500;

export type FolderStage = 'new' | 'assessed' | 'active' | 'closing' | 'withdrawn' | 'child';

export interface DemoPerson {
	id: string;
	preferredName: string;
	birthYear: number | null;
	/** Only for children (date of birth, 'YYYY-MM-DD'). */
	birthDate: string | null;
	languages: string[];
	contact: string | null;
	neighbourhoodId: string | null;
	unaccompanied: boolean;
	createdByOrganisationId: string;
	createdBy: string;
	createdAt: string;
	/** Where the folder stands (not stored; for tests and the bench). */
	stage: FolderStage;
}

export interface DemoConsent {
	id: string;
	personId: string;
	purpose: 'coordination' | 'share' | 'statistics';
	organisationId: string | null;
	method: 'written' | 'oral_interpreter' | 'online';
	recordedBy: string;
	recordedByOrganisationId: string;
	recordedAt: string;
	withdrawnBy: string | null;
	withdrawnAt: string | null;
	withdrawalReason: string | null;
}

export interface DemoCaseTeam {
	personId: string;
	organisationId: string;
	addedBy: string;
	addedAt: string;
}

export interface DemoCaseWorker {
	personId: string;
	userId: string;
	organisationId: string;
	lead: boolean;
	addedBy: string;
	addedAt: string;
}

export interface DemoAssessment {
	id: string;
	personId: string;
	takenAt: string;
	takenBy: string;
	organisationId: string;
	comment: string | null;
	/** One score 1–5 per life domain, in the order of `lifeDomains`. */
	scores: number[];
}

export interface DemoGoal {
	id: string;
	personId: string;
	domain: LifeDomain;
	text: string;
	ownWords: string | null;
	status: 'open' | 'achieved' | 'dropped';
	createdBy: string;
	organisationId: string;
	createdAt: string;
	updatedAt: string;
	version: number;
}

export interface DemoAction {
	id: string;
	goalId: string;
	personId: string;
	text: string;
	ownerUserId: string;
	dueOn: string;
	serviceId: string | null;
	doneAt: string | null;
	createdBy: string;
	createdAt: string;
}

export interface DemoNote {
	id: string;
	personId: string;
	kind: 'note' | 'measure';
	authorId: string;
	organisationId: string;
	body: string;
	sensitivity: Sensitivity;
	createdAt: string;
}

export interface DemoTask {
	id: string;
	personId: string;
	title: string;
	dueAt: string;
	assigneeId: string;
	createdBy: string;
	organisationId: string;
	createdAt: string;
	doneAt: string | null;
	doneBy: string | null;
	reminderSentAt: string | null;
}

export interface DemoReferral {
	id: string;
	personId: string;
	fromOrganisationId: string;
	fromUserId: string;
	serviceId: string;
	serviceName: string;
	toOrganisationId: string;
	consentId: string;
	sharedFields: ReferralField[];
	message: string;
	state: ReferralState;
	respondBy: string;
	remindedAt: string | null;
	escalatedAt: string | null;
	createdAt: string;
	respondedAt: string | null;
	updatedAt: string;
	version: number;
}

export interface DemoReferralEvent {
	id: string;
	referralId: string;
	fromState: ReferralState | null;
	toState: ReferralState;
	actorId: string;
	organisationId: string;
	reason: string | null;
	at: string;
}

export interface DemoGuardian {
	id: string;
	userId: string;
	status: 'applicant' | 'vetting' | 'active' | 'suspended' | 'withdrawn';
	languages: string[];
	neighbourhoodId: string;
	registeredAt: string;
	statusChangedAt: string;
}

export interface DemoVetting {
	guardianId: string;
	step: 'identity' | 'criminal_record' | 'training';
	verifiedBy: string;
	verifiedAt: string;
	/** The criminal-record certificate's expiry, 'YYYY-MM-DD'. */
	expiresOn: string | null;
	reference: string | null;
}

export interface DemoGuardianship {
	id: string;
	guardianId: string;
	childId: string;
	slot: number;
	startedAt: string;
	endedAt: string | null;
	endedReason: string | null;
	assignedBy: string;
}

export interface DemoVisit {
	id: string;
	guardianshipId: string;
	kind: 'visit' | 'report';
	visitedOn: string;
	summary: string;
	concern: boolean;
	recordedBy: string;
	recordedAt: string;
}

export interface DemoTransitionPlan {
	childId: string;
	summary: string;
	agreedOn: string;
	recordedBy: string;
	recordedAt: string;
}

export interface DemoSupport {
	people: DemoPerson[];
	consents: DemoConsent[];
	caseTeam: DemoCaseTeam[];
	caseWorkers: DemoCaseWorker[];
	assessments: DemoAssessment[];
	goals: DemoGoal[];
	actions: DemoAction[];
	notes: DemoNote[];
	tasks: DemoTask[];
	referrals: DemoReferral[];
	referralEvents: DemoReferralEvent[];
	guardians: DemoGuardian[];
	vetting: DemoVetting[];
	guardianships: DemoGuardianship[];
	visits: DemoVisit[];
	transitionPlans: DemoTransitionPlan[];
	/** The Open Harbour folder with more than 500 timeline entries (bench/support.ts). */
	benchmarkPersonId: string;
}

/** Names of one culture, with the languages its people speak (ISO 639-1, alternatives). */
export interface NamePool {
	weight: number;
	locale: string;
	languages: readonly (readonly string[])[];
	given: readonly string[];
	family: readonly string[];
}

export interface SupportInput {
	baseDate: string;
	neighbourhoods: readonly { id: string }[];
	/** Relative sizes of the neighbourhoods, same order. */
	weights: readonly number[];
	organisations: readonly DemoOrganisation[];
	users: readonly DemoUser[];
	memberships: readonly DemoMembership[];
	services: readonly DemoService[];
	/** Names of newcomers (the people in folders) and of residents (the volunteer guardians). */
	newcomerNames: readonly NamePool[];
	residentNames: readonly NamePool[];
	/** A new unique e-mail address for `local` at `domain`. */
	uniqueEmail(local: string, domain: string): string;
	emailProviders: readonly string[];
}

export interface SupportOutput {
	support: DemoSupport;
	/** New accounts: the guardianship office and the 60 volunteer guardians. */
	users: DemoUser[];
	accounts: DemoAccount[];
}

// ---------------------------------------------------------------------------

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The needs of the directory that answer each life domain. */
const DOMAIN_NEEDS: Readonly<Record<LifeDomain, readonly string[]>> = {
	housing: ['housing'],
	income: ['money', 'basic-needs'],
	work: ['work'],
	language: ['language-courses'],
	education: ['education'],
	health: ['health'],
	mental_health: ['mental-health'],
	legal_procedure: ['legal', 'asylum'],
	family: ['children-families', 'family-reunification', 'women'],
	social_network: ['community', 'volunteering'],
	daily_life: ['basic-needs', 'community']
};

/** Which domains children's plans are about, and how often. */
const CHILD_DOMAINS: readonly (readonly [LifeDomain, number])[] = [
	['education', 6], ['language', 6], ['legal_procedure', 5], ['mental_health', 3], ['family', 3],
	['social_network', 3], ['health', 2], ['housing', 1], ['work', 1]
];

/** How many folders each folder-keeping organisation opens (relative), by name; NGOs get NGO_WEIGHT. */
const FOLDER_ORGS: Readonly<Record<string, number>> = {
	'Portavera City Social Services': 22,
	'Open Harbour Portavera': 9,
	'Portavera Work Mediation Centre': 3,
	'Portavera Housing Agency': 3,
	'Portavera Health District – Open Clinic': 3,
	'Portavera Family Counselling Centre': 3,
	'Portavera Municipal Integration Office': 2,
	'Portavera Youth Services': 2,
	'Portavera Adult Education Centre': 1,
	'Portavera Schools Welcome Office': 1,
	'Portavera Neighbourhood Houses Network': 1,
	'Portavera Equality and Anti-Discrimination Office': 1
};
const NGO_WEIGHT = 1.2;
const SOCIAL_ENTERPRISE_WEIGHT = 0.3;
const CHILD_ORGS: Readonly<Record<string, number>> = {
	'Portavera City Social Services': 10,
	'Portavera Youth Services': 6,
	'Portavera Guardianship Office': 4
};

const STAGES: readonly (readonly [FolderStage, number])[] = [
	['new', 12], ['assessed', 18], ['active', 46], ['closing', 16], ['withdrawn', 8]
];
/** How many referrals a folder at each stage gets, relatively. */
const REFERRAL_WEIGHT: Readonly<Record<FolderStage, number>> = { new: 0.4, assessed: 1.2, active: 3.5, closing: 4, withdrawn: 1.5, child: 2 };

const SCORE_START: readonly (readonly [number, number])[] = [[1, 15], [2, 35], [3, 30], [4, 15], [5, 5]];

export function generateSupport(rng: Rng, input: SupportInput): SupportOutput {
	const BASE = Date.parse(input.baseDate);
	const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	/** During office hours (07:30–17:30 UTC) on the day of `ms`. */
	const office = (ms: number) => Math.floor(ms / DAY) * DAY + 7.5 * HOUR + rng.int(0, 600) * 60_000;
	const between = (a: number, b: number) => (b <= a ? a : a + rng.next() * (b - a));
	/** A moment in office hours between `a` and `b` (never outside them). */
	const during = (a: number, b: number) => (b <= a ? a : Math.min(b, Math.max(a, office(between(a, b)))));
	/** `n` working days (Monday–Friday) after `ms`. */
	const workingDays = (ms: number, n: number) => {
		let t = ms;
		for (let left = n; left > 0; ) {
			t += DAY;
			const wd = new Date(t).getUTCDay();
			if (wd !== 0 && wd !== 6) left--;
		}
		return t;
	};
	const NOW = BASE - HOUR; // nothing happens after the demo's "now"

	const usersById = new Map(input.users.map((u) => [u.id, u]));
	const orgById = new Map(input.organisations.map((o) => [o.id, o]));
	const orgByName = new Map(input.organisations.map((o) => [o.name, o]));
	const verified = input.organisations.filter((o) => o.verification === 'verified');

	const roleMembers = (roles: readonly string[]) => {
		const out = new Map<string, DemoUser[]>();
		for (const m of input.memberships) {
			if (!roles.includes(m.role)) continue;
			const list = out.get(m.organisationId) ?? [];
			list.push(usersById.get(m.userId)!);
			out.set(m.organisationId, list);
		}
		return out;
	};
	const caseWorkersOf = roleMembers(['case_worker']);
	/** Who answers referrals: owners, coordinators and case workers. */
	const staffOf = roleMembers(['owner', 'coordinator', 'case_worker']);

	const featuredCaseWorker = input.users.find((u) => u.email === 'caseworker@open-harbour-portavera.example')!;
	const openHarbour = orgByName.get('Open Harbour Portavera')!;

	// Organisations that keep folders, and how many each opens.
	const folderOrgs: (readonly [DemoOrganisation, number])[] = [];
	for (const o of verified) {
		if (!caseWorkersOf.get(o.id)?.length) continue;
		const w = FOLDER_ORGS[o.name] ?? (o.type === 'ngo' ? NGO_WEIGHT : o.type === 'social_enterprise' ? SOCIAL_ENTERPRISE_WEIGHT : 0);
		if (w > 0) folderOrgs.push([o, w]);
	}
	const childOrgs = Object.entries(CHILD_ORGS).map(([name, w]) => [orgByName.get(name)!, w] as const);

	// Services people are referred to: active, of a verified organisation with someone to answer.
	const servicesByNeed = new Map<string, DemoService[]>();
	for (const s of input.services) {
		const org = orgById.get(s.organisationId);
		if (s.status !== 'active' || org?.verification !== 'verified' || !staffOf.get(s.organisationId)?.length) continue;
		for (const n of s.needs) {
			const list = servicesByNeed.get(n) ?? [];
			list.push(s);
			servicesByNeed.set(n, list);
		}
	}
	const serviceFor = (domain: LifeDomain, notOrg: string, child = false): DemoService | null => {
		const needs = child && rng.chance(0.3) ? ['unaccompanied-children'] : DOMAIN_NEEDS[domain];
		for (let attempt = 0; attempt < 6; attempt++) {
			const list = servicesByNeed.get(rng.pick(needs)) ?? [];
			const s = list.length ? rng.pick(list) : null;
			if (s && s.organisationId !== notOrg) return s;
		}
		return null;
	};
	/** A service for `domain`, else for any domain: there always is one. */
	const someService = (domain: LifeDomain, notOrg: string, child: boolean): DemoService => {
		for (const d of [domain, ...rng.shuffle(lifeDomains)]) {
			const s = serviceFor(d, notOrg, child);
			if (s) return s;
		}
		throw new Error('no service to refer to');
	};

	const nbWeights = input.neighbourhoods.map((n, i) => [n.id, input.weights[i]] as const);
	const say = (p: Phrase, locale: string) => (locale === 'it' ? p.it : p.en);
	const writes = (u: DemoUser) => (u.locale === 'it' ? 'it' : 'en');

	const support: DemoSupport = {
		people: [],
		consents: [],
		caseTeam: [],
		caseWorkers: [],
		assessments: [],
		goals: [],
		actions: [],
		notes: [],
		tasks: [],
		referrals: [],
		referralEvents: [],
		guardians: [],
		vetting: [],
		guardianships: [],
		visits: [],
		transitionPlans: [],
		benchmarkPersonId: ''
	};

	// -------------------------------------------------------------------------
	// Folders

	interface Folder {
		person: DemoPerson;
		org: DemoOrganisation;
		lead: DemoUser;
		/** Everyone working on the folder, with their organisation. */
		workers: { user: DemoUser; org: DemoOrganisation }[];
		partners: DemoOrganisation[];
		created: number;
		/** When the folder stopped (coordination withdrawn), else the demo's "now". */
		end: number;
		domains: LifeDomain[];
		ownLocale: OwnWordsLocale | null;
		/** Share consents by organisation id. */
		shares: Map<string, DemoConsent>;
	}
	const folders: Folder[] = [];

	const personName = (pool: NamePool) => {
		const given = rng.pick(pool.given);
		const family = rng.pick(pool.family);
		const style = rng.next();
		return style < 0.35 ? `${given} ${family}` : style < 0.8 ? `${given} ${family[0]}.` : given;
	};
	const phone = () => `+999 3${rng.int(10, 99)} 555 ${rng.int(1000, 9999)}`;

	interface FolderPlan {
		stage: FolderStage;
		org: DemoOrganisation;
		lead?: DemoUser;
		created: number;
		child?: { birthDate: string };
		counts?: { assessments: number; goals: number; actionsPerGoal: number; notes: number; tasks: number; partners: number };
	}

	const openFolder = (plan: FolderPlan): Folder => {
		const pool = rng.weighted(input.newcomerNames.map((p) => [p, p.weight] as const));
		const languages = [...rng.pick(pool.languages)];
		if (rng.chance(plan.stage === 'new' ? 0.2 : 0.45) && !languages.includes('it')) languages.push('it');
		const orgWorkers = caseWorkersOf.get(plan.org.id)!;
		const lead =
			plan.lead ??
			(plan.org.id === openHarbour.id && rng.chance(0.75) ? featuredCaseWorker : rng.pick(orgWorkers));
		const created = plan.created;
		const age = rng.weighted([[[18, 24], 20], [[25, 34], 35], [[35, 49], 30], [[50, 72], 15]] as const);
		const baseYear = new Date(BASE).getUTCFullYear();
		const person: DemoPerson = {
			id: rng.uuid(),
			preferredName: personName(pool),
			birthYear: plan.child ? Number(plan.child.birthDate.slice(0, 4)) : rng.chance(0.92) ? baseYear - rng.int(age[0], age[1]) : null,
			birthDate: plan.child?.birthDate ?? null,
			languages,
			contact: plan.child ? null : rng.chance(0.6) ? phone() : null,
			neighbourhoodId: rng.chance(0.85) ? rng.weighted(nbWeights) : null,
			unaccompanied: plan.child !== undefined,
			createdByOrganisationId: plan.org.id,
			createdBy: lead.id,
			createdAt: iso(created),
			stage: plan.stage
		};
		support.people.push(person);
		const own = languages.find((l): l is OwnWordsLocale => ['fr', 'es', 'uk', 'ar', 'fa'].includes(l)) ?? null;
		const folder: Folder = {
			person,
			org: plan.org,
			lead,
			workers: [{ user: lead, org: plan.org }],
			partners: [],
			created,
			end: NOW,
			domains: [],
			ownLocale: own,
			shares: new Map()
		};
		folders.push(folder);

		// Consent to coordinate support, held by the organisation that opened the folder.
		const method = rng.weighted([['written', 45], ['oral_interpreter', 35], ['online', 20]] as const);
		const coordination: DemoConsent = {
			id: rng.uuid(),
			personId: person.id,
			purpose: 'coordination',
			organisationId: null,
			method: plan.child ? (rng.chance(0.6) ? 'oral_interpreter' : 'written') : method,
			recordedBy: lead.id,
			recordedByOrganisationId: plan.org.id,
			recordedAt: iso(created),
			withdrawnBy: null,
			withdrawnAt: null,
			withdrawalReason: null
		};
		support.consents.push(coordination);
		if (plan.stage === 'withdrawn') {
			folder.end = during(created + 40 * DAY, NOW - 2 * DAY);
			coordination.withdrawnAt = iso(folder.end);
			coordination.withdrawnBy = lead.id;
			coordination.withdrawalReason = say(rng.pick(WITHDRAWAL_REASONS), writes(lead));
		}
		if (rng.chance(plan.child ? 0.4 : 0.65)) {
			const stats: DemoConsent = { ...coordination, id: rng.uuid(), purpose: 'statistics', withdrawnAt: null, withdrawnBy: null, withdrawalReason: null };
			if (folder.end < NOW || (rng.chance(0.06) && created + 10 * DAY < NOW - DAY)) {
				const at = folder.end < NOW ? folder.end : during(created + 10 * DAY, NOW - DAY);
				if (at > created) {
					stats.withdrawnAt = iso(at);
					stats.withdrawnBy = lead.id;
					stats.withdrawalReason = say(rng.pick(WITHDRAWAL_REASONS), writes(lead));
				}
			}
			support.consents.push(stats);
		}

		// The case team: the organisation and its lead worker, maybe a colleague.
		support.caseTeam.push({ personId: person.id, organisationId: plan.org.id, addedBy: lead.id, addedAt: iso(created) });
		support.caseWorkers.push({ personId: person.id, userId: lead.id, organisationId: plan.org.id, lead: true, addedBy: lead.id, addedAt: iso(created) });
		if (rng.chance(0.25)) {
			const colleague = rng.pick(orgWorkers);
			if (colleague.id !== lead.id) {
				const at = during(created, folder.end - HOUR);
				support.caseWorkers.push({ personId: person.id, userId: colleague.id, organisationId: plan.org.id, lead: false, addedBy: lead.id, addedAt: iso(at) });
				folder.workers.push({ user: colleague, org: plan.org });
			}
		}
		// Partner organisations on the team, each named by a share consent and with a worker of theirs.
		const partnerCount =
			plan.counts?.partners ??
			(plan.stage === 'active' || plan.stage === 'closing' || plan.stage === 'child' ? rng.weighted([[0, 50], [1, 38], [2, 12]] as const) : plan.stage === 'assessed' ? (rng.chance(0.15) ? 1 : 0) : 0);
		const pool2 = plan.child ? [...childOrgs, ...folderOrgs] : folderOrgs;
		for (let i = 0; i < partnerCount * 3 && folder.partners.length < partnerCount; i++) {
			const partner = rng.weighted(pool2);
			if (partner.id === plan.org.id || folder.partners.includes(partner)) continue;
			const at = during(created + DAY, Math.min(folder.end, created + 200 * DAY));
			if (at >= folder.end) break;
			const worker = rng.pick(caseWorkersOf.get(partner.id)!);
			if (folder.workers.some((w) => w.user.id === worker.id)) continue;
			shareConsent(folder, partner.id, at);
			folder.partners.push(partner);
			support.caseTeam.push({ personId: person.id, organisationId: partner.id, addedBy: lead.id, addedAt: iso(at) });
			support.caseWorkers.push({ personId: person.id, userId: worker.id, organisationId: partner.id, lead: false, addedBy: lead.id, addedAt: iso(at + HOUR) });
			folder.workers.push({ user: worker, org: partner });
		}

		fillFolder(folder, plan);
		return folder;
	};

	/** The share consent naming `orgId`, recorded at `at` if there is none yet. */
	const shareConsent = (folder: Folder, orgId: string, at: number): DemoConsent => {
		let c = folder.shares.get(orgId);
		if (!c) {
			c = {
				id: rng.uuid(),
				personId: folder.person.id,
				purpose: 'share',
				organisationId: orgId,
				method: rng.weighted([['written', 50], ['oral_interpreter', 35], ['online', 15]] as const),
				recordedBy: folder.lead.id,
				recordedByOrganisationId: folder.org.id,
				recordedAt: iso(at),
				withdrawnBy: null,
				withdrawnAt: null,
				withdrawalReason: null
			};
			folder.shares.set(orgId, c);
			support.consents.push(c);
		}
		return c;
	};

	/** Assessments, plan, notes and tasks of a folder, spread over its life. */
	const fillFolder = (f: Folder, plan: FolderPlan) => {
		const { person } = f;
		const span = f.end - f.created;
		const worker = () => (rng.chance(0.7) ? { user: f.lead, org: f.org } : rng.pick(f.workers));
		const c = plan.counts ?? {
			assessments: { new: rng.int(0, 1), assessed: 1, active: rng.int(1, 3), closing: rng.int(2, 4), withdrawn: rng.int(1, 2), child: rng.int(1, 3) }[plan.stage],
			goals: { new: 0, assessed: rng.int(1, 2), active: rng.int(1, 3), closing: rng.int(2, 3), withdrawn: rng.int(1, 2), child: rng.int(2, 3) }[plan.stage],
			actionsPerGoal: 0,
			notes: { new: rng.int(0, 2), assessed: rng.int(1, 3), active: rng.int(1, 6), closing: rng.int(2, 6), withdrawn: rng.int(1, 3), child: rng.int(1, 5) }[plan.stage],
			tasks: { new: rng.int(0, 2), assessed: rng.int(0, 2), active: rng.int(1, 3), closing: rng.int(0, 3), withdrawn: rng.int(0, 2), child: rng.int(1, 3) }[plan.stage],
			partners: 0
		};

		// Needs assessments over time: scores start low and mostly improve.
		let scores = lifeDomains.map(() => rng.weighted(SCORE_START));
		if (plan.child) scores = scores.map((s, i) => (lifeDomains[i] === 'family' || lifeDomains[i] === 'legal_procedure' ? Math.min(s, 2) : s));
		let firstScores: number[] | null = null;
		let t = f.created + rng.int(0, 7) * DAY;
		const gap = c.assessments > 1 ? Math.max(20 * DAY, (span - 10 * DAY) / c.assessments) : 0;
		for (let i = 0; i < c.assessments && t < f.end; i++) {
			if (i > 0) {
				const lift = plan.stage === 'closing' ? [[-1, 5], [0, 35], [1, 50], [2, 10]] : [[-1, 12], [0, 48], [1, 35], [2, 5]];
				scores = scores.map((s) => Math.max(1, Math.min(5, s + rng.weighted(lift as [number, number][]))));
			}
			const w = i === 0 ? { user: f.lead, org: f.org } : worker();
			support.assessments.push({
				id: rng.uuid(),
				personId: person.id,
				takenAt: iso(during(t, Math.min(t + DAY, f.end - HOUR))),
				takenBy: w.user.id,
				organisationId: w.org.id,
				comment: rng.chance(0.4) ? say(i === 0 ? ASSESSMENT_COMMENTS[0] : rng.pick(ASSESSMENT_COMMENTS.slice(1)), writes(w.user)) : null,
				scores
			});
			firstScores ??= scores;
			t += gap * (0.8 + rng.next() * 0.4);
		}

		// Goals for the domains that scored lowest (or, for children, the usual ones).
		const ranked = firstScores
			? lifeDomains.map((d, i) => [d, firstScores![i] + rng.next()] as const).sort((a, b) => a[1] - b[1]).map(([d]) => d)
			: rng.shuffle(lifeDomains);
		const domains: LifeDomain[] = [];
		for (let i = 0; domains.length < c.goals && i < 40; i++) {
			const d = plan.child ? rng.weighted(CHILD_DOMAINS) : ranked[i];
			if (d && !domains.includes(d)) domains.push(d);
		}
		// The benchmark folder has more goals than domains: repeat them.
		while (domains.length < c.goals) domains.push(lifeDomains[domains.length % lifeDomains.length]);
		f.domains = domains;
		const planStart = f.created + (firstScores ? 3 * DAY : DAY);
		for (const [gi, domain] of domains.entries()) {
			const texts = DOMAIN_TEXTS[domain];
			const created = during(planStart, Math.min(f.end, planStart + (plan.counts ? span : 60 * DAY)));
			if (created >= f.end) continue;
			const status: DemoGoal['status'] =
				plan.stage === 'closing'
					? rng.weighted([['achieved', 75], ['dropped', 10], ['open', 15]] as const)
					: plan.stage === 'active' || plan.stage === 'child'
						? rng.weighted([['open', 70], ['achieved', 25], ['dropped', 5]] as const)
						: plan.stage === 'withdrawn'
							? rng.weighted([['open', 60], ['dropped', 40]] as const)
							: 'open';
			const updated = status === 'open' ? created : during(created + 14 * DAY, f.end - HOUR);
			const ownLocale: OwnWordsLocale = f.ownLocale ?? writes(f.lead);
			const goal: DemoGoal = {
				id: rng.uuid(),
				personId: person.id,
				domain,
				text: say(texts.goals[(gi + rng.int(0, 2)) % texts.goals.length], writes(f.lead)),
				ownWords: rng.chance(0.7) ? rng.pick(texts.ownWords[ownLocale]) : null,
				status,
				createdBy: f.lead.id,
				organisationId: f.org.id,
				createdAt: iso(created),
				updatedAt: iso(Math.min(updated, f.end)),
				version: status === 'open' ? 1 : 2
			};
			support.goals.push(goal);
			const actions = c.actionsPerGoal || rng.int(1, 2);
			const order = rng.shuffle(texts.actions);
			for (let ai = 0; ai < actions; ai++) {
				const owner = worker();
				const actionCreated = Math.min(f.end - HOUR, created + ai * rng.int(0, 20) * DAY + HOUR);
				const due = actionCreated + rng.int(7, 60) * DAY;
				const canBeDone = actionCreated + DAY < f.end - HOUR;
				const done =
					canBeDone && (status === 'achieved' || (status === 'open' && due < NOW && rng.chance(0.75)) || (status === 'open' && rng.chance(0.2)))
						? during(actionCreated + DAY, Math.min(due + 5 * DAY, f.end - HOUR))
						: null;
				const service = rng.chance(0.5) ? serviceFor(domain, '', plan.child !== undefined) : null;
				support.actions.push({
					id: rng.uuid(),
					goalId: goal.id,
					personId: person.id,
					text: say(order[ai % order.length], writes(owner.user)),
					ownerUserId: owner.user.id,
					dueOn: day(due),
					serviceId: service?.id ?? null,
					doneAt: done !== null && done > actionCreated ? iso(done) : null,
					createdBy: f.lead.id,
					createdAt: iso(actionCreated)
				});
			}
		}

		// Notes of every sensitivity, and measures.
		for (let i = 0; i < c.notes; i++) {
			const w = worker();
			const kind = rng.chance(0.25) ? 'measure' : 'note';
			const sensitivity: Sensitivity = kind === 'measure' ? 'team' : rng.weighted([['team', 70], ['organisation', 20], ['author', 10]] as const);
			const pool = kind === 'measure' ? MEASURES : sensitivity === 'team' ? TEAM_NOTES : sensitivity === 'organisation' ? ORGANISATION_NOTES : AUTHOR_NOTES;
			support.notes.push({
				id: rng.uuid(),
				personId: person.id,
				kind,
				authorId: w.user.id,
				organisationId: w.org.id,
				body: say(rng.pick(pool), writes(w.user)),
				sensitivity,
				createdAt: iso(during(f.created, f.end - HOUR))
			});
		}

		// Tasks: done, due later, or overdue (reminded).
		for (let i = 0; i < c.tasks; i++) {
			const w = worker();
			const created = during(f.created, f.end - HOUR);
			const due = office(created + rng.int(2, 45) * DAY);
			const late = due < NOW;
			const done = f.end < NOW || (late && rng.chance(0.8)) || (!late && rng.chance(0.15));
			const doneAt = done && created + HOUR < f.end - HOUR ? during(created + HOUR, Math.min(due + 3 * DAY, f.end - HOUR)) : null;
			support.tasks.push({
				id: rng.uuid(),
				personId: person.id,
				title: say(rng.pick(TASKS), writes(w.user)),
				dueAt: iso(due),
				assigneeId: w.user.id,
				createdBy: f.lead.id,
				organisationId: w.org.id,
				createdAt: iso(created),
				doneAt: doneAt !== null && doneAt > created ? iso(doneAt) : null,
				doneBy: doneAt !== null && doneAt > created ? w.user.id : null,
				reminderSentAt: late && doneAt === null ? iso(Math.min(due + HOUR, NOW)) : null
			});
		}
	};

	// The benchmark folder first: an Open Harbour case of three years with a long history.
	const big = openFolder({
		stage: 'active',
		org: openHarbour,
		lead: featuredCaseWorker,
		created: office(BASE - 1100 * DAY),
		counts: { assessments: 30, goals: 12, actionsPerGoal: 4, notes: 230, tasks: 130, partners: 2 }
	});
	support.benchmarkPersonId = big.person.id;

	// Adults.
	const stageAge: Readonly<Record<FolderStage, readonly [number, number]>> = {
		new: [1, 30], assessed: [20, 120], active: [60, 900], closing: [300, 1100], withdrawn: [60, 900], child: [5, 700]
	};
	for (let i = 1; i < DEMO_PEOPLE - DEMO_CHILDREN; i++) {
		const stage = rng.weighted(STAGES);
		const [lo, hi] = stageAge[stage];
		openFolder({ stage, org: rng.weighted(folderOrgs), created: office(BASE - rng.int(lo, hi) * DAY) });
	}

	// Unaccompanied children: under 18 on the demo's "now"; 30 turn 18 within six months.
	const childFolders: Folder[] = [];
	const turning = new Set(rng.shuffle([...Array(DEMO_CHILDREN).keys()]).slice(0, 30));
	for (let i = 0; i < DEMO_CHILDREN; i++) {
		// Days until the 18th birthday: 20–170 for those turning 18 soon, else 200 days to 6 years.
		const [lo, hi] = turning.has(i) ? [20, 170] : rng.weighted([[[200, 730], 45], [[730, 1460], 40], [[1460, 2190], 15]] as const);
		const daysUntil = rng.int(lo, hi);
		const eighteenth = new Date(BASE + daysUntil * DAY);
		const birth = new Date(Date.UTC(eighteenth.getUTCFullYear() - 18, eighteenth.getUTCMonth(), eighteenth.getUTCDate()));
		// Arrived at 11 at the earliest; some very recently (they have no guardian yet).
		const earliest = Math.max(birth.getTime() + 11 * 365 * DAY, BASE - 700 * DAY);
		const created = office(i < 22 ? BASE - rng.int(2, 40) * DAY : between(earliest, BASE - 45 * DAY));
		childFolders.push(openFolder({ stage: 'child', org: rng.weighted(childOrgs), created, child: { birthDate: day(birth.getTime()) } }));
	}

	// -------------------------------------------------------------------------
	// Referrals: 5,000 in all, spread over folders by stage.

	const cumulative: number[] = [];
	let total = 0;
	/** A referral needs two days of folder history before it. */
	const firstReferral = (f: Folder) => f.created + 2 * DAY;
	for (const f of folders) {
		total += f === big || firstReferral(f) >= f.end - DAY ? 0 : REFERRAL_WEIGHT[f.person.stage];
		cumulative.push(total);
	}
	const BIG_REFERRALS = 36;
	const perFolder = new Map<Folder, number>([[big, BIG_REFERRALS]]);
	for (let i = 0; i < DEMO_REFERRALS - BIG_REFERRALS; i++) {
		const r = rng.next() * total;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] > r) hi = mid;
			else lo = mid + 1;
		}
		perFolder.set(folders[lo], (perFolder.get(folders[lo]) ?? 0) + 1);
	}

	const PATHS: Readonly<Record<ReferralState, readonly ReferralState[][]>> = {
		sent: [[]],
		accepted: [['accepted']],
		declined: [['declined']],
		in_progress: [['accepted', 'in_progress']],
		completed: [['accepted', 'in_progress', 'completed']],
		closed: [['closed'], ['accepted', 'closed'], ['accepted', 'in_progress', 'closed'], ['accepted', 'in_progress', 'closed']]
	};
	const targetState = (ageDays: number): ReferralState =>
		rng.weighted(
			(ageDays < 7
				? [['sent', 55], ['accepted', 20], ['declined', 10], ['in_progress', 15]]
				: ageDays < 60
					? [['sent', 9], ['accepted', 10], ['declined', 12], ['in_progress', 36], ['completed', 20], ['closed', 13]]
					: [['sent', 2], ['accepted', 2], ['declined', 15], ['in_progress', 14], ['completed', 52], ['closed', 15]]) as [ReferralState, number][]
		);
	const stepGap = (to: ReferralState, from: number) => {
		switch (to) {
			case 'accepted':
			case 'declined':
				return rng.chance(0.8) ? between(from + HOUR, workingDays(from, 3)) : between(workingDays(from, 3), workingDays(from, 12));
			case 'in_progress':
				return from + rng.int(0, 10) * DAY + rng.int(1, 8) * HOUR;
			case 'completed':
				return from + rng.int(7, 90) * DAY;
			default:
				return from + rng.int(2, 60) * DAY;
		}
	};

	for (const f of folders) {
		const k = perFolder.get(f) ?? 0;
		if (k === 0) continue;
		const first = firstReferral(f);
		const times = Array.from({ length: k }, () => during(first, f.end - HOUR)).sort((a, b) => a - b);
		// Where each goes: a service answering one of the plan's domains (partners' services too).
		const drafts: { at: number; service: DemoService; sender: { user: DemoUser; org: DemoOrganisation } }[] = [];
		for (const at of times) {
			const sender = f.partners.length && rng.chance(0.15) ? f.workers.find((w) => w.org !== f.org) ?? { user: f.lead, org: f.org } : { user: f.lead, org: f.org };
			// Often to a service the person was referred to before (another course, another food parcel).
			const again = drafts.length && rng.chance(0.35) ? rng.pick(drafts) : null;
			if (again && again.service.organisationId !== sender.org.id) {
				drafts.push({ at, service: again.service, sender });
				continue;
			}
			const domain = f.domains.length && rng.chance(0.8) ? rng.pick(f.domains) : rng.pick(lifeDomains);
			drafts.push({ at, service: someService(domain, sender.org.id, f.person.unaccompanied), sender });
		}
		// A few share consents are withdrawn after the last referral to that organisation.
		const lastTo = new Map<string, number>();
		for (const d of drafts) lastTo.set(d.service.organisationId, d.at);
		const withdrawnShare = new Map<string, number>();
		for (const [orgId, last] of lastTo) {
			if (f.partners.some((p) => p.id === orgId) || !rng.chance(0.04)) continue;
			const at = during(last + 2 * DAY, f.end - DAY);
			if (at > last + DAY && at < f.end) withdrawnShare.set(orgId, at);
		}
		for (const d of drafts) {
			const toOrg = d.service.organisationId;
			const consent = shareConsent(f, toOrg, d.at - rng.int(5, 90) * 60_000);
			// A partner's consent may have come later than this referral: then it was given for the referral.
			if (consent.recordedAt > iso(d.at)) consent.recordedAt = iso(d.at - rng.int(5, 90) * 60_000);
			const stop = withdrawnShare.get(toOrg) ?? f.end;
			if (withdrawnShare.has(toOrg) && !consent.withdrawnAt) {
				consent.withdrawnAt = iso(stop);
				consent.withdrawnBy = f.lead.id;
				consent.withdrawalReason = say(rng.pick(WITHDRAWAL_REASONS), writes(f.lead));
			}
			makeReferral(f, d, stop, withdrawnShare.has(toOrg) ? 'share' : f.end < NOW ? 'coordination' : null, consent);
		}
	}

	function makeReferral(
		f: Folder,
		d: { at: number; service: DemoService; sender: { user: DemoUser; org: DemoOrganisation } },
		stop: number,
		stoppedBy: 'share' | 'coordination' | null,
		consent: DemoConsent
	) {
		const id = rng.uuid();
		const receiver = rng.pick(staffOf.get(d.service.organisationId)!);
		const senderLocale = writes(d.sender.user);
		const ageDays = (stop - d.at) / DAY;
		const path = rng.pick(PATHS[targetState(ageDays)]);
		const events: DemoReferralEvent[] = [
			{ id: rng.uuid(), referralId: id, fromState: null, toState: 'sent', actorId: d.sender.user.id, organisationId: d.sender.org.id, reason: null, at: iso(d.at) }
		];
		let state: ReferralState = 'sent';
		let t = d.at;
		let respondedAt: number | null = null;
		for (const to of path) {
			const next = office(stepGap(to, t));
			const at = Math.max(next, t + HOUR);
			if (at >= stop) break;
			const bySender = to === 'closed' && (state === 'sent' || rng.chance(0.4));
			const actor = bySender ? d.sender : { user: receiver, org: orgById.get(d.service.organisationId)! };
			const locale = writes(actor.user);
			const reason =
				to === 'declined' ? say(rng.pick(DECLINE_REASONS), locale) : to === 'completed' ? say(rng.pick(OUTCOMES), locale) : to === 'closed' ? say(rng.pick(CLOSE_REASONS), locale) : null;
			events.push({ id: rng.uuid(), referralId: id, fromState: state, toState: to, actorId: actor.user.id, organisationId: actor.org.id, reason, at: iso(at) });
			if (to === 'accepted' || to === 'declined') respondedAt = at;
			state = to;
			t = at;
		}
		// A withdrawn consent ends what is still open, at the moment of withdrawal.
		if (stoppedBy && (state === 'sent' || state === 'accepted' || state === 'in_progress')) {
			const phrase = stoppedBy === 'share' ? CLOSED_ON_WITHDRAWAL : CLOSE_REASONS[4];
			events.push({ id: rng.uuid(), referralId: id, fromState: state, toState: 'closed', actorId: f.lead.id, organisationId: f.org.id, reason: say(phrase, writes(f.lead)), at: iso(Math.max(stop, t + HOUR)) });
			state = 'closed';
			t = Math.max(stop, t + HOUR);
		}
		const respondBy = workingDays(d.at, 3);
		// The reminder goes out when the target passes unanswered; the escalation two working days later.
		const answered = respondedAt ?? (state === 'closed' ? t : BASE);
		const remindedAt = answered > respondBy ? respondBy : null;
		const escalateAt = workingDays(respondBy, 2);
		const escalatedAt = answered > escalateAt ? escalateAt : null;
		const fields: ReferralField[] = ['preferred_name', 'languages'];
		if (f.person.unaccompanied || rng.chance(0.3)) fields.push('birth_year');
		if (f.person.contact && rng.chance(0.2)) fields.push('contact');
		if (rng.chance(0.2)) fields.push('needs');
		if (rng.chance(0.1)) fields.push('plan');
		support.referrals.push({
			id,
			personId: f.person.id,
			fromOrganisationId: d.sender.org.id,
			fromUserId: d.sender.user.id,
			serviceId: d.service.id,
			serviceName: d.service.name[senderLocale] ?? d.service.name.en ?? d.service.name.it!,
			toOrganisationId: d.service.organisationId,
			consentId: consent.id,
			sharedFields: fields,
			message: rng.chance(0.85) ? say(rng.pick(REFERRAL_MESSAGES), senderLocale) : '',
			state,
			respondBy: iso(respondBy),
			remindedAt: remindedAt !== null ? iso(remindedAt) : null,
			escalatedAt: escalatedAt !== null ? iso(escalatedAt) : null,
			createdAt: iso(d.at),
			respondedAt: respondedAt !== null ? iso(respondedAt) : null,
			updatedAt: iso(t),
			version: events.length
		});
		support.referralEvents.push(...events);
	}

	// -------------------------------------------------------------------------
	// Guardianship: the office, 60 volunteer guardians, their children and visits.

	const users: DemoUser[] = [];
	const accounts: DemoAccount[] = [];
	const officeUser: DemoUser = {
		id: rng.uuid(),
		displayName: 'Teresa Galli',
		email: 'guardianship@portavera.example',
		username: null,
		emailVerifiedAt: iso(BASE - 500 * DAY),
		kind: 'resident',
		platformRole: 'guardianship_office',
		locale: 'it',
		createdAt: iso(BASE - 500 * DAY),
		password: 'guardianship_office'
	};
	users.push(officeUser);
	accounts.push({ label: 'Guardianship office (monitoring)', email: officeUser.email!, password: 'demo-guardianship-2026', userId: officeUser.id, secondFactor: true });

	const guardianUsers: DemoUser[] = [];
	for (let i = 0; i < DEMO_GUARDIANS; i++) {
		const pool = rng.weighted(input.residentNames.map((p) => [p, p.weight] as const));
		const given = rng.pick(pool.given);
		const family = rng.pick(pool.family);
		const created = office(BASE - rng.int(60, 1500) * DAY);
		const u: DemoUser =
			i === 0
				? { id: rng.uuid(), displayName: 'Giovanna Rinaldi', email: 'guardian@portavera.example', username: null, emailVerifiedAt: iso(BASE - 900 * DAY), kind: 'resident', platformRole: null, locale: 'it', createdAt: iso(BASE - 900 * DAY), password: 'guardian' }
				: {
						id: rng.uuid(),
						displayName: `${given} ${family}`,
						email: input.uniqueEmail(`${given}.${family}`, rng.pick(input.emailProviders)),
						username: null,
						emailVerifiedAt: iso(created),
						kind: 'resident',
						platformRole: null,
						locale: rng.chance(0.85) ? pool.locale : 'it',
						createdAt: iso(created),
						password: 'guardian'
					};
		guardianUsers.push(u);
		users.push(u);
	}
	accounts.push({ label: 'Volunteer guardian', email: 'guardian@portavera.example', password: 'demo-guardian-2026', userId: guardianUsers[0].id, secondFactor: false });

	// Statuses: 50 active (the featured guardian first), 4 in vetting, 3 applicants, 2 suspended, 1 withdrawn.
	const statuses: DemoGuardian['status'][] = [
		...Array<DemoGuardian['status']>(50).fill('active'),
		...Array<DemoGuardian['status']>(4).fill('vetting'),
		...Array<DemoGuardian['status']>(3).fill('applicant'),
		...Array<DemoGuardian['status']>(2).fill('suspended'),
		'withdrawn'
	];
	// Criminal-record certificates of active guardians: 6 expire within 60 days, 3 have expired.
	const activeIdx = rng.shuffle([...Array(49).keys()].map((i) => i + 1));
	const expiringSoon = new Set(activeIdx.slice(0, 6));
	const expired = new Set(activeIdx.slice(6, 9));
	const guardians: DemoGuardian[] = [];
	guardianUsers.forEach((u, i) => {
		const status = statuses[i];
		const registered = Math.max(Date.parse(u.createdAt), BASE - 1400 * DAY);
		const vetted = office(registered + rng.int(20, 60) * DAY);
		const g: DemoGuardian = {
			id: rng.uuid(),
			userId: u.id,
			status,
			languages: ['it', ...(rng.chance(0.6) ? [rng.weighted([['en', 50], ['fr', 20], ['ar', 10], ['es', 10], ['uk', 5], ['fa', 5]] as const)] : [])],
			neighbourhoodId: rng.weighted(nbWeights),
			registeredAt: iso(registered),
			statusChangedAt: iso(status === 'applicant' ? registered : Math.min(NOW, vetted + rng.int(0, 20) * DAY))
		};
		guardians.push(g);
		const step = (s: DemoVetting['step'], at: number, expiresOn: string | null = null) =>
			support.vetting.push({ guardianId: g.id, step: s, verifiedBy: officeUser.id, verifiedAt: iso(Math.min(at, NOW)), expiresOn, reference: s === 'training' ? null : `PV-${s === 'identity' ? 'ID' : 'CR'}-${rng.int(10000, 99999)}` });
		if (status === 'applicant') return;
		step('identity', vetted - 10 * DAY);
		if (status === 'vetting') {
			if (rng.chance(0.5)) step('criminal_record', vetted, day(BASE + rng.int(300, 700) * DAY));
			return;
		}
		const expiry = expiringSoon.has(i)
			? BASE + rng.int(5, 55) * DAY
			: expired.has(i) || status === 'suspended'
				? BASE - rng.int(5, 90) * DAY
				: BASE + rng.int(90, 700) * DAY;
		step('criminal_record', Math.min(vetted, expiry - 365 * DAY), day(expiry));
		step('training', vetted + 5 * DAY);
	});
	support.guardians = guardians;

	// Assignments: 120 children have a guardian (22 guardians full with 3, the featured one 2),
	// 30 have none (most arrived recently; a few lost theirs).
	const activeGuardians = guardians.filter((g) => g.status === 'active');
	const loads = [2, ...rng.shuffle([...Array(22).fill(3), ...Array(25).fill(2), ...Array(2).fill(1)])];
	const withGuardian = childFolders.slice(22 + 8); // the 22 recent arrivals and 8 more wait
	const waiting = childFolders.slice(22, 30);
	let next = 0;
	const ended = (g: DemoGuardian, child: Folder, from: number) => {
		const until = during(from + 30 * DAY, NOW - 20 * DAY);
		support.guardianships.push({
			id: rng.uuid(),
			guardianId: g.id,
			childId: child.person.id,
			slot: rng.int(1, 3),
			startedAt: iso(from),
			endedAt: iso(until),
			endedReason: say(rng.pick(GUARDIANSHIP_ENDINGS), 'it'),
			assignedBy: officeUser.id
		});
		return until;
	};
	const formerGuardians = guardians.filter((g) => g.status === 'suspended' || g.status === 'withdrawn');
	activeGuardians.forEach((g, gi) => {
		for (let slot = 1; slot <= loads[gi] && next < withGuardian.length; slot++) {
			const child = withGuardian[next++];
			let start = office(child.created + rng.int(3, 30) * DAY);
			// Some children had a guardian before who stepped down.
			if (rng.chance(0.08) && start < NOW - 120 * DAY) start = office(ended(rng.pick(formerGuardians), child, start) + rng.int(1, 10) * DAY);
			const gs: DemoGuardianship = { id: rng.uuid(), guardianId: g.id, childId: child.person.id, slot, startedAt: iso(Math.min(start, NOW - DAY)), endedAt: null, endedReason: null, assignedBy: officeUser.id };
			support.guardianships.push(gs);
			visits(gs, guardianUsers[guardians.indexOf(g)], Math.min(start, NOW - DAY));
		}
	});
	for (const child of waiting) {
		if (child.created < NOW - 80 * DAY) ended(rng.pick(formerGuardians), child, office(child.created + rng.int(3, 20) * DAY));
	}

	function visits(gs: DemoGuardianship, guardian: DemoUser, start: number) {
		// About one in eight guardianships (one in six of those older than 100 days) has had no visit for two months or more (overdue).
		const overdue = rng.chance(0.17) && start < NOW - 100 * DAY;
		const last = overdue ? NOW - rng.int(60, 120) * DAY : NOW - rng.int(0, 18) * DAY;
		let t = start + rng.int(3, 14) * DAY;
		let n = 0;
		let previous = -Infinity;
		for (;;) {
			// The latest visit is on `last`.
			if (t > last || t + 10 * DAY > last) {
				if (last <= start || last - previous < 5 * DAY) break;
				t = last;
			}
			// Every fifth is a report; the latest is a visit (the office counts visits, not reports).
			const report = t !== last && ++n % 5 === 0;
			const concern = !report && rng.chance(0.04);
			const locale = writes(guardian);
			support.visits.push({
				id: rng.uuid(),
				guardianshipId: gs.id,
				kind: report ? 'report' : 'visit',
				visitedOn: day(t),
				summary: say(report ? rng.pick(REPORT_SUMMARIES) : concern ? rng.pick(VISIT_CONCERNS) : rng.pick(VISIT_SUMMARIES), locale),
				concern,
				recordedBy: guardian.id,
				recordedAt: iso(Math.min(NOW, office(t + rng.int(0, 2) * DAY)))
			});
			if (t === last) break;
			previous = t;
			t += rng.int(10, 35) * DAY;
		}
	}

	// Transition plans: about half of those turning 18 within six months, and a few older teenagers.
	for (const [i, child] of childFolders.entries()) {
		const eighteenth = Date.parse(child.person.birthDate!) + 18 * 365.25 * DAY;
		const chance = turning.has(i) ? 0.45 : eighteenth - BASE < 400 * DAY ? 0.15 : 0;
		if (!rng.chance(chance)) continue;
		const agreed = during(Math.max(child.created, BASE - 150 * DAY), NOW - DAY);
		support.transitionPlans.push({
			childId: child.person.id,
			summary: say(rng.pick(TRANSITION_PLANS), writes(child.lead)),
			agreedOn: day(agreed),
			recordedBy: child.lead.id,
			recordedAt: iso(agreed)
		});
	}

	return { support, users, accounts };
}
