/**
 * The demo city: the generator is deterministic and sound, seeding works on
 * PGlite and PostgreSQL and never lands on top of real data, the printed
 * passwords work, and demo:reset refuses real data and a busy database.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_IDEAS } from '../../scripts/demo/cocreation.ts';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { organisationTypes } from '../../src/lib/server/db/schema/index.ts';
import { auditLog, memberships, organisations, services, users } from '../../src/lib/server/db/schema/index.ts';
import { featureCodes, needCodes } from '../../src/lib/directory/taxonomy.ts';
import { verifyPassword } from '../../src/lib/server/auth/passwords.ts';
import { verifyChain } from '../../src/lib/server/audit/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import {
	DEMO_BASE_DATE,
	DEMO_CITY,
	DEMO_PASSWORDS,
	generateDemoCity,
	type DemoCity
} from '../../scripts/demo/generate.ts';
import { DEMO_GAPS, DEMO_NO_WHEELCHAIR, DEMO_SERVICE_COUNT } from '../../scripts/demo/directory.ts';
import { DEMO_BIG_FOLDER_ENTRIES, DEMO_CHILDREN, DEMO_GUARDIANS, DEMO_PEOPLE, DEMO_REFERRALS } from '../../scripts/demo/support.ts';
import { referralStates, sensitivities } from '../../src/lib/server/db/schema/index.ts';
import { canMove } from '../../src/lib/server/referrals/transitions.ts';
import { seedDemo, seedDemoIfEmpty } from '../../scripts/demo/seed.ts';
import { DEMO_ACTIVITIES, DEMO_PENDING_PROPOSALS } from '../../scripts/demo/activities.ts';
import { resetDemo } from '../../scripts/demo/reset.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';

const EMAIL = /^[a-z0-9._+-]+@([a-z0-9-]+\.)+example$/;
const FORBIDDEN_KEY = /nation|citizen|residen|legal|status|country|origin|ethnic|religio|birth|passport|permit|asylum/i;

/** Invariants every generated city must keep, whatever the seed. */
function checkInvariants(city: DemoCity) {
	const orgIds = new Set(city.organisations.map((o) => o.id));
	const userIds = new Set(city.users.map((u) => u.id));
	const nbIds = new Set(city.neighbourhoods.map((n) => n.id));
	expect(orgIds.size).toBe(city.organisations.length);
	expect(userIds.size).toBe(city.users.length);

	// Every organisation has exactly one owner, and memberships point at real rows, once each.
	const owners = new Map<string, number>();
	const pairs = new Set<string>();
	for (const m of city.memberships) {
		expect(orgIds.has(m.organisationId)).toBe(true);
		expect(userIds.has(m.userId)).toBe(true);
		const key = `${m.organisationId}/${m.userId}`;
		expect(pairs.has(key)).toBe(false);
		pairs.add(key);
		if (m.role === 'owner') owners.set(m.organisationId, (owners.get(m.organisationId) ?? 0) + 1);
	}
	for (const o of city.organisations) {
		expect(owners.get(o.id), o.name).toBe(1);
		expect(nbIds.has(o.neighbourhoodId)).toBe(true);
		expect(userIds.has(o.createdBy)).toBe(true);
		if (o.verification === 'unverified') expect(o.verifiedAt).toBeNull();
		else expect(o.verifiedBy && userIds.has(o.verifiedBy)).toBe(true);
	}

	// Only reserved domains and the unassigned +999 calling code: nothing reaches a real person.
	const emails = [...city.users.map((u) => u.email), ...city.organisations.map((o) => o.email)].filter(
		(e): e is string => e !== null
	);
	for (const e of emails) expect(e).toMatch(EMAIL);
	const userEmails = city.users.map((u) => u.email?.toLowerCase()).filter(Boolean);
	expect(new Set(userEmails).size).toBe(userEmails.length);
	// People without e-mail get a sign-in name instead.
	const usernames = city.users.filter((u) => u.email === null).map((u) => u.username);
	for (const n of usernames) expect(n).toMatch(/^[a-z0-9]{3,40}$/);
	expect(new Set(usernames).size).toBe(usernames.length);
	expect(city.users.filter((u) => u.email !== null && u.username !== null)).toEqual([]);
	for (const o of city.organisations) {
		if (o.website) expect(new URL(o.website).hostname).toMatch(/\.example$/);
		if (o.phone) expect(o.phone).toMatch(/^\+999 [\d ]+$/);
		expect(o.description).toMatch(/fictional/i);
	}
	expect(new Set(city.organisations.map((o) => o.slug)).size).toBe(city.organisations.length);

	// Nothing in the future of the demo's "now"; nothing verified before it existed.
	for (const o of city.organisations) {
		expect(o.createdAt <= DEMO_BASE_DATE).toBe(true);
		if (o.verifiedAt) expect(o.verifiedAt >= o.createdAt).toBe(true);
	}
	for (const u of city.users) expect(u.createdAt <= DEMO_BASE_DATE).toBe(true);

	checkDirectoryInvariants(city);
	checkSupportInvariants(city);
}

const MONTH6 = 183 * 86_400_000;

/** The day someone born on `birthDate` ('YYYY-MM-DD') turns 18, in ms. */
function eighteenth(birthDate: string): number {
	const [y, m, d] = birthDate.split('-').map(Number);
	return Date.UTC(y + 18, m - 1, d);
}

/**
 * Support folders, referrals and guardianship, whatever the seed: references
 * resolve, nothing happens before the folder exists or after the demo's
 * "now", referral histories follow the allowed transitions, at most three
 * children per guardian. Collects the broken rules like the directory check.
 */
function checkSupportInvariants(city: DemoCity) {
	const s = city.support;
	const bad: string[] = [];
	const check = (ok: unknown, what: string) => {
		if (!ok && bad.length < 20) bad.push(what);
	};
	const base = Date.parse(DEMO_BASE_DATE);
	const users = new Set(city.users.map((u) => u.id));
	const orgs = new Set(city.organisations.map((o) => o.id));
	const services = new Map(city.directory.services.map((x) => [x.id, x]));
	const people = new Map(s.people.map((p) => [p.id, p]));
	check(people.size === s.people.length, 'duplicate person ids');
	const since = (personId: string, at: string | null, what: string) => {
		if (at === null) return;
		const p = people.get(personId);
		check(p && at >= p.createdAt && at <= DEMO_BASE_DATE, `${what} at ${at} outside the folder's life`);
	};
	const rolesIn = new Map<string, string>();
	for (const m of city.memberships) rolesIn.set(`${m.organisationId}/${m.userId}`, m.role);
	const worksOnFolders = (org: string, user: string) => ['owner', 'coordinator', 'case_worker'].includes(rolesIn.get(`${org}/${user}`) ?? '');

	for (const p of s.people) {
		check(orgs.has(p.createdByOrganisationId) && users.has(p.createdBy), `person ${p.id} references`);
		check(p.languages.length > 0, `person ${p.id} speaks nothing`);
		if (p.contact) check(/^\+999 [\d ]+$/.test(p.contact), `person ${p.id} contact ${p.contact}`);
		check(p.createdAt <= DEMO_BASE_DATE, `person ${p.id} created later`);
		if (p.unaccompanied) {
			check(p.birthDate && eighteenth(p.birthDate) > base && Number(p.birthDate.slice(0, 4)) === p.birthYear, `child ${p.id} born ${p.birthDate}`);
		} else check(p.birthDate === null, `adult ${p.id} with a birth date`);
	}
	// One lead per folder, a worker of the organisation that opened it, which holds the coordination consent.
	const leads = new Map<string, number>();
	for (const w of s.caseWorkers) {
		check(people.has(w.personId) && users.has(w.userId) && worksOnFolders(w.organisationId, w.userId), `case worker ${w.userId} of ${w.personId}`);
		since(w.personId, w.addedAt, 'case worker');
		if (w.lead) leads.set(w.personId, (leads.get(w.personId) ?? 0) + 1);
	}
	const team = new Set(s.caseTeam.map((t) => `${t.personId}/${t.organisationId}`));
	check(team.size === s.caseTeam.length, 'duplicate team rows');
	for (const w of s.caseWorkers) check(team.has(`${w.personId}/${w.organisationId}`), `worker ${w.userId} of an organisation not on the team`);
	const consentById = new Map(s.consents.map((c) => [c.id, c]));
	const active = new Set<string>();
	for (const c of s.consents) {
		check(people.has(c.personId) && users.has(c.recordedBy) && orgs.has(c.recordedByOrganisationId), `consent ${c.id} references`);
		check((c.purpose === 'share') === (c.organisationId !== null), `consent ${c.id} organisation`);
		since(c.personId, c.recordedAt, 'consent');
		since(c.personId, c.withdrawnAt, 'withdrawal');
		check(c.withdrawnAt === null || (c.withdrawalReason && c.withdrawnBy && c.withdrawnAt > c.recordedAt), `consent ${c.id} withdrawal`);
		if (c.withdrawnAt === null) {
			const key = `${c.personId}/${c.purpose}/${c.organisationId}`;
			check(!active.has(key), `two active consents ${key}`);
			active.add(key);
		}
	}
	for (const p of s.people) {
		check(leads.get(p.id) === 1, `folder ${p.id} has ${leads.get(p.id) ?? 0} leads`);
		check(s.caseWorkers.some((w) => w.personId === p.id && w.lead && w.organisationId === p.createdByOrganisationId), `folder ${p.id} lead elsewhere`);
	}
	for (const c of s.consents.filter((x) => x.purpose === 'coordination')) {
		check(people.get(c.personId)?.createdByOrganisationId === c.recordedByOrganisationId, `coordination of ${c.personId} held elsewhere`);
	}
	for (const a of s.assessments) {
		check(a.scores.length === 11 && a.scores.every((x) => Number.isInteger(x) && x >= 1 && x <= 5), `assessment ${a.id} scores`);
		check(users.has(a.takenBy) && orgs.has(a.organisationId), `assessment ${a.id} references`);
		since(a.personId, a.takenAt, 'assessment');
	}
	const goals = new Map(s.goals.map((g) => [g.id, g]));
	for (const g of s.goals) {
		since(g.personId, g.createdAt, 'goal');
		check(g.updatedAt >= g.createdAt && g.updatedAt <= DEMO_BASE_DATE, `goal ${g.id} updated`);
	}
	for (const a of s.actions) {
		check(goals.get(a.goalId)?.personId === a.personId && users.has(a.ownerUserId), `action ${a.id} references`);
		check(a.serviceId === null || services.has(a.serviceId), `action ${a.id} service`);
		since(a.personId, a.createdAt, 'action');
		if (a.doneAt) check(a.doneAt > a.createdAt && a.doneAt <= DEMO_BASE_DATE, `action ${a.id} done`);
	}
	for (const n of s.notes) {
		check(users.has(n.authorId) && orgs.has(n.organisationId) && n.body.length > 0, `note ${n.id}`);
		since(n.personId, n.createdAt, 'note');
	}
	for (const t of s.tasks) {
		since(t.personId, t.createdAt, 'task');
		check(t.dueAt > t.createdAt && users.has(t.assigneeId), `task ${t.id}`);
		if (t.doneAt) check(t.doneAt > t.createdAt && t.doneAt <= DEMO_BASE_DATE && t.doneBy, `task ${t.id} done`);
		if (t.reminderSentAt) check(!t.doneAt && t.dueAt < DEMO_BASE_DATE, `task ${t.id} reminded`);
	}

	// Referrals: covered by a share consent for the receiving organisation, a history that follows the rules.
	const events = new Map<string, typeof s.referralEvents>();
	for (const e of s.referralEvents) events.set(e.referralId, [...(events.get(e.referralId) ?? []), e]);
	for (const r of s.referrals) {
		const id = `referral ${r.id}`;
		const service = services.get(r.serviceId);
		check(service?.organisationId === r.toOrganisationId && r.toOrganisationId !== r.fromOrganisationId, `${id} service`);
		check(Object.values(service?.name ?? {}).includes(r.serviceName), `${id} service name`);
		const c = consentById.get(r.consentId);
		check(c?.purpose === 'share' && c.organisationId === r.toOrganisationId && c.personId === r.personId && c.recordedAt <= r.createdAt, `${id} consent`);
		check(worksOnFolders(r.fromOrganisationId, r.fromUserId), `${id} sender`);
		since(r.personId, r.createdAt, id);
		const es = (events.get(r.id) ?? []).sort((a, b) => (a.at < b.at ? -1 : 1));
		check(es[0]?.fromState === null && es[0]?.toState === 'sent' && es[0]?.at === r.createdAt, `${id} starts as sent`);
		for (let i = 1; i < es.length; i++) {
			check(es[i].fromState === es[i - 1].toState && canMove(es[i].fromState!, es[i].toState), `${id} ${es[i].fromState}→${es[i].toState}`);
			check(es[i].at > es[i - 1].at, `${id} events in order`);
			if (['declined', 'completed', 'closed'].includes(es[i].toState)) check(es[i].reason, `${id} ${es[i].toState} without reason`);
			const side = es[i].organisationId === r.toOrganisationId ? r.toOrganisationId : r.fromOrganisationId;
			check(worksOnFolders(side, es[i].actorId) || es[i].organisationId === people.get(r.personId)?.createdByOrganisationId, `${id} actor`);
		}
		const last = es[es.length - 1];
		check(last?.toState === r.state && r.version === es.length && last.at === r.updatedAt && last.at <= DEMO_BASE_DATE, `${id} state ${r.state}`);
		const answer = es.find((e) => e.toState === 'accepted' || e.toState === 'declined');
		check((answer?.at ?? null) === r.respondedAt, `${id} responded at`);
		check(r.respondBy > r.createdAt && r.sharedFields.includes('preferred_name') && r.sharedFields.includes('languages'), `${id} target and fields`);
		if (r.remindedAt) check(r.remindedAt === r.respondBy && (r.respondedAt === null || r.respondedAt > r.remindedAt), `${id} reminded`);
		else check((r.respondedAt ?? (r.state === 'closed' ? r.updatedAt : DEMO_BASE_DATE)) <= r.respondBy, `${id} late without a reminder`);
		if (r.escalatedAt) check(r.remindedAt && r.escalatedAt > r.remindedAt, `${id} escalated`);
		if (r.state === 'sent' && r.respondBy < DEMO_BASE_DATE) check(r.remindedAt, `${id} overdue without a reminder`);
	}
	check(events.size === s.referrals.length, 'events of no referral');

	// Guardianship: at most three active children per guardian, one guardian per child, active guardians only.
	const guardians = new Map(s.guardians.map((g) => [g.id, g]));
	const perGuardian = new Map<string, number[]>();
	const perChild = new Map<string, number>();
	for (const gs of s.guardianships) {
		const child = people.get(gs.childId);
		check(child?.unaccompanied && guardians.has(gs.guardianId), `guardianship ${gs.id} references`);
		check(gs.slot >= 1 && gs.slot <= 3 && gs.startedAt >= child!.createdAt && gs.startedAt <= DEMO_BASE_DATE, `guardianship ${gs.id} slot or start`);
		if (gs.endedAt) {
			check(gs.endedAt > gs.startedAt && gs.endedReason, `guardianship ${gs.id} ended`);
			continue;
		}
		check(guardians.get(gs.guardianId)?.status === 'active', `guardianship ${gs.id} of a guardian who is not active`);
		perGuardian.set(gs.guardianId, [...(perGuardian.get(gs.guardianId) ?? []), gs.slot]);
		perChild.set(gs.childId, (perChild.get(gs.childId) ?? 0) + 1);
	}
	for (const [g, slots] of perGuardian) check(slots.length <= 3 && new Set(slots).size === slots.length, `guardian ${g} slots ${slots}`);
	for (const [c, n] of perChild) check(n === 1, `child ${c} has ${n} guardians`);
	const live = new Map(s.guardianships.map((g) => [g.id, g]));
	for (const v of s.visits) {
		const gs = live.get(v.guardianshipId);
		check(gs && v.visitedOn >= gs.startedAt.slice(0, 10) && v.recordedAt <= DEMO_BASE_DATE && v.visitedOn <= v.recordedAt.slice(0, 10), `visit ${v.id}`);
	}
	for (const v of s.vetting) check(guardians.has(v.guardianId) && (v.step === 'criminal_record') === (v.expiresOn !== null), `vetting ${v.guardianId} ${v.step}`);
	for (const t of s.transitionPlans) check(people.get(t.childId)?.unaccompanied && t.recordedAt <= DEMO_BASE_DATE, `transition plan ${t.childId}`);
	expect(bad).toEqual([]);
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = 86_400_000;

/** Distance in km between two points (haversine). */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
	const r = (x: number) => (x * Math.PI) / 180;
	const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/**
 * The directory's rules, whatever the seed: references, hours, coherent
 * features, reserved contacts. Collects every broken rule (tens of thousands
 * of rows: one expect per check would be slow) and shows them all at once.
 */
function checkDirectoryInvariants(city: DemoCity) {
	const d = city.directory;
	const bad: string[] = [];
	const check = (ok: unknown, what: string) => {
		if (!ok && bad.length < 20) bad.push(what);
	};
	const orgs = new Map(city.organisations.map((o) => [o.id, o]));
	const nbs = new Map(city.neighbourhoods.map((n) => [n.id, n]));
	const locs = new Map(d.locations.map((l) => [l.id, l]));
	const svcs = new Map(d.services.map((s) => [s.id, s]));
	check(svcs.size === d.services.length, 'duplicate service ids');
	check(locs.size === d.locations.length, 'duplicate location ids');

	for (const l of d.locations) {
		check(orgs.get(l.organisationId)?.verification !== 'rejected', `location ${l.id} of a rejected organisation`);
		const nb = nbs.get(l.neighbourhoodId);
		check(nb && km(l.latitude, l.longitude, nb.latitude, nb.longitude) < 0.5, `location ${l.id} far from its neighbourhood`);
		if (nb?.slug === DEMO_NO_WHEELCHAIR) check(!l.wheelchairAccessible, `step-free location ${l.id} on the hill`);
		check(l.transportation.en && l.transportation.it && l.transportation.ar, `location ${l.id} without directions`);
	}
	const atLocations = new Map<string, string[]>();
	for (const sal of d.serviceAtLocations) {
		const s = svcs.get(sal.serviceId);
		const l = locs.get(sal.locationId);
		// A service is only ever given at a location of its own organisation.
		check(s && l && l.organisationId === s.organisationId, `service_at_location ${sal.id} crosses organisations`);
		atLocations.set(sal.serviceId, [...(atLocations.get(sal.serviceId) ?? []), sal.locationId]);
	}
	const costed = new Set(d.costOptions.map((c) => c.serviceId));
	const areas = new Map(d.serviceAreas.map((a) => [a.serviceId, a]));
	for (const s of d.services) {
		const id = `service ${s.id}`;
		check(orgs.get(s.organisationId)?.verification !== 'rejected', `${id} of a rejected organisation`);
		check(s.needs.length >= 1 && s.needs.length <= 3, `${id} has ${s.needs.length} needs`);
		check(s.needs.every((n) => needCodes.includes(n)), `${id} has an unknown need`);
		check(s.features.every((f) => (featureCodes as string[]).includes(f)), `${id} has an unknown feature`);
		check(s.languages.includes('it'), `${id} speaks no Italian`);
		for (const field of [s.name, s.description, s.eligibility, s.applicationProcess]) check(field.en && field.it, `${id} lacks en or it`);
		// Features agree with the rest of the record.
		if (s.features.includes('women-only')) check(s.needs.includes('women'), `${id} women-only without the need`);
		check(!(s.features.includes('free') && costed.has(s.id)), `${id} free with a price`);
		const here = atLocations.get(s.id) ?? [];
		if (s.features.includes('remote')) {
			check(here.length === 0 && areas.get(s.id)?.neighbourhoodId === null, `${id} remote with a place`);
		} else {
			check(here.length >= 1 && here.length <= 2, `${id} at ${here.length} locations`);
		}
		check(s.features.includes('wheelchair') === here.some((x) => locs.get(x)?.wheelchairAccessible), `${id} wheelchair flag`);
		// Freshness dates are consistent and never after the demo's "now".
		check(s.createdAt <= s.lastVerifiedAt && s.lastVerifiedAt <= DEMO_BASE_DATE, `${id} dates`);
		if (s.reminder6SentAt) check(s.reminder6SentAt > s.lastVerifiedAt && s.reminder6SentAt <= DEMO_BASE_DATE, `${id} reminder 6`);
		if (s.reminder9SentAt) check(s.reminder6SentAt && s.reminder9SentAt > s.reminder6SentAt, `${id} reminder 9`);
		if (s.email) check(EMAIL.test(s.email), `${id} e-mail ${s.email}`);
		if (s.url) check(new URL(s.url).hostname.endsWith('.example'), `${id} url ${s.url}`);
	}
	for (const x of d.schedules) {
		const id = `schedule ${x.id}`;
		check(svcs.has(x.serviceId), `${id} of no service`);
		if (x.locationId) check(atLocations.get(x.serviceId)?.includes(x.locationId), `${id} at a location the service is not at`);
		if (x.kind === 'weekly') {
			check(Number.isInteger(x.weekday) && x.weekday! >= 1 && x.weekday! <= 7, `${id} weekday ${x.weekday}`);
			check(HHMM.test(x.opensAt ?? '') && HHMM.test(x.closesAt ?? '') && x.opensAt! < x.closesAt!, `${id} hours ${x.opensAt}–${x.closesAt}`);
		} else {
			check(x.weekday === null && x.validFrom && x.validTo && x.validFrom <= x.validTo, `${id} dates`);
			if (x.closed) check(x.opensAt === null && x.closesAt === null, `${id} closed with hours`);
			else check(x.opensAt! < x.closesAt!, `${id} hours`);
		}
	}
	for (const p of d.phones) {
		check(/^\+999 [\d ]+$/.test(p.number), `phone ${p.number}`);
		check(p.serviceId === null ? locs.has(p.locationId!) : svcs.has(p.serviceId), `phone ${p.id} of nothing`);
	}
	for (const c of d.contacts) check(svcs.has(c.serviceId) && (!c.email || EMAIL.test(c.email)), `contact ${c.id}`);
	for (const c of d.costOptions) check(c.currency === 'EUR' && Number.isInteger(c.amountCents) && c.amountCents > 0, `cost ${c.id}`);
	// The deliberate gaps hold for every seed.
	const where = serviceNeighbourhoods(city);
	for (const gap of DEMO_GAPS) {
		for (const s of d.services.filter((x) => x.needs.includes(gap.need))) {
			const in_ = [...where.get(s.id)!];
			check(!s.features.includes('remote'), `remote ${gap.need} service ${s.id}`);
			if (gap.absentFrom) check(!in_.some((n) => gap.absentFrom!.includes(n)), `${gap.need} service ${s.id} in ${in_}`);
			if (gap.onlyIn) check(in_.every((n) => gap.onlyIn!.includes(n)), `${gap.need} service ${s.id} in ${in_}`);
		}
	}
	expect(bad).toEqual([]);
}

/** The neighbourhoods a service is in: those of its locations and of its organisation. */
function serviceNeighbourhoods(city: DemoCity): Map<string, Set<string>> {
	const slugOf = new Map(city.neighbourhoods.map((n) => [n.id, n.slug]));
	const orgNb = new Map(city.organisations.map((o) => [o.id, slugOf.get(o.neighbourhoodId)!]));
	const locNb = new Map(city.directory.locations.map((l) => [l.id, slugOf.get(l.neighbourhoodId)!]));
	const out = new Map<string, Set<string>>();
	for (const s of city.directory.services) out.set(s.id, new Set([orgNb.get(s.organisationId)!]));
	for (const sal of city.directory.serviceAtLocations) out.get(sal.serviceId)!.add(locNb.get(sal.locationId)!);
	return out;
}

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
	if (Array.isArray(value)) for (const v of value) keysOf(v, out);
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			out.add(k);
			keysOf(v, out);
		}
	}
	return out;
}

describe('the demo city generator', () => {
	const city = generateDemoCity();

	it('gives the same city on every call and every machine', () => {
		expect(generateDemoCity()).toEqual(city);
		expect(generateDemoCity(20261123)).toEqual(city);
		const hash = createHash('sha256').update(JSON.stringify(city)).digest('hex');
		// If this changes, the demo city changed: update it on purpose, never by accident. (The support
		// folders only added to it: the people, organisations and directory before them did not change;
		// the buddy programmes, neighbourhood activities, surveys, co-creation, assemblies and panels only added theirs too.)
		expect(hash).toMatchInlineSnapshot(`"a708734c25144a82e1e60e3dfb90794f4e73621ed8c149a108726a5d04a79915"`);
		expect(generateDemoCity(7).organisations[5]).not.toEqual(city.organisations[5]);
	});

	it('is big and varied enough to show real behaviour', () => {
		expect(city.neighbourhoods.length).toBeGreaterThanOrEqual(12);
		expect(city.organisations.length).toBeGreaterThanOrEqual(200);
		for (const type of organisationTypes) {
			expect(city.organisations.filter((o) => o.type === type).length, type).toBeGreaterThanOrEqual(10);
		}
		const byState = (s: string) => city.organisations.filter((o) => o.verification === s).length;
		expect(byState('verified')).toBeGreaterThan(city.organisations.length * 0.8);
		expect(byState('unverified')).toBeGreaterThan(0);
		expect(byState('rejected')).toBeGreaterThanOrEqual(2);
		expect(byState('rejected')).toBeLessThanOrEqual(5);

		const publicUsers = city.users.filter((u) => u.platformRole === null && !city.memberships.some((m) => m.userId === u.id));
		expect(publicUsers.length).toBeGreaterThanOrEqual(200);
		expect(city.users.filter((u) => u.kind === 'newcomer').length).toBeGreaterThanOrEqual(200);
		expect(city.users.filter((u) => u.email === null).length).toBeGreaterThan(20);
		expect(new Set(city.users.map((u) => u.locale)).size).toBeGreaterThanOrEqual(10);
		expect(new Set(city.users.map((u) => u.displayName)).size).toBeGreaterThan(500);
	});

	it('keeps its invariants: one owner each, reserved domains only, consistent dates', () => {
		checkInvariants(city);
	});

	it('gives NGOs and public bodies case workers and volunteer coordinators', () => {
		for (const o of city.organisations.filter((x) => x.type === 'ngo' || x.type === 'public_body')) {
			const roles = new Set(city.memberships.filter((m) => m.organisationId === o.id).map((m) => m.role));
			expect(roles.has('case_worker'), o.name).toBe(true);
			expect(roles.has('volunteer_coordinator'), o.name).toBe(true);
		}
		const guardianship = city.organisations.find((o) => o.name === 'Portavera Guardianship Office');
		expect(guardianship?.type).toBe('public_body');
		expect(city.organisations.find((o) => o.name === 'Portavera City Social Services')?.type).toBe('public_body');
	});

	it('has the staff accounts the city needs', () => {
		const role = (r: string) => city.users.filter((u) => u.platformRole === r);
		expect(role('admin').map((u) => u.email)).toEqual(['admin@portavera.example']);
		expect(role('integration_officer')).toHaveLength(2);
		expect(role('evaluator')).toHaveLength(1);
		const accountsByEmail = new Map(city.accounts.map((a) => [a.email, a]));
		for (const email of ['admin@portavera.example', 'officer@portavera.example', 'evaluator@portavera.example', 'newcomer@portavera.example', 'resident@portavera.example']) {
			expect(accountsByEmail.has(email), email).toBe(true);
		}
		const roleOf = (userId: string) => city.memberships.filter((m) => m.userId === userId).map((m) => m.role);
		const ngoOwner = city.accounts.find((a) => a.label.startsWith('NGO owner'))!;
		expect(roleOf(ngoOwner.userId)).toEqual(['owner']);
		expect(roleOf(city.accounts.find((a) => a.label.startsWith('Case worker'))!.userId)).toEqual(['case_worker']);
		expect(roleOf(city.accounts.find((a) => a.label.startsWith('Volunteer coordinator'))!.userId)).toEqual([
			'volunteer_coordinator'
		]);
		// Every printed password is the one of that account's role.
		for (const a of city.accounts) {
			const u = city.users.find((x) => x.id === a.userId)!;
			expect(a.password).toBe(DEMO_PASSWORDS[u.password]);
		}
	});

	it('asks nobody for nationality or residence status: no such field anywhere', () => {
		const { directory, support, engagement, buddies, activities, surveys, cocreation, assemblies, panels, ...people } = city;
		const keys = [...keysOf(people)];
		expect(keys.length).toBeGreaterThan(10);
		expect(keys.filter((k) => FORBIDDEN_KEY.test(k))).toEqual([]);
		// The directory describes services, not people: its only such key is a service's
		// operating status (HSDS service.status: active, temporarily closed).
		expect([...keysOf(directory)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		expect(new Set(directory.services.map((s) => s.status))).toEqual(new Set(['active', 'temporarily closed']));
		// Folders hold the year of birth (and the date for children, as the schema asks) and the status
		// of plan goals and guardians, nothing about nationality or papers.
		expect([...keysOf(support)].filter((k) => FORBIDDEN_KEY.test(k)).sort()).toEqual(['birthDate', 'birthYear', 'status', 'statusChangedAt']);
		expect(new Set(support.goals.map((g) => g.status))).toEqual(new Set(['open', 'achieved', 'dropped']));
		// Volunteering: the status of opportunities, applications, sign-ups and hours; nothing about papers.
		expect([...keysOf(engagement)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		expect(new Set(engagement.applications.map((a) => a.status))).toEqual(new Set(['applied', 'screening', 'accepted', 'declined', 'withdrawn']));
		expect(Object.keys(engagement.profiles[0]).filter((k) => /status|nation|papers|permit|residence/i.test(k))).toEqual([]);
		// Buddy programmes: only the status of pairs (and the resident side of a pair, residentApplicationId…,
		// which is the buddy, not anyone's residence); an application holds nothing about papers.
		expect([...keysOf(buddies)].filter((k) => FORBIDDEN_KEY.test(k) && !/^resident[A-Z]/.test(k))).toEqual(['status']);
		expect(Object.keys(buddies.applications[0]).filter((k) => /status|nation|papers|permit|residence/i.test(k))).toEqual([]);
		// Activities: the status of an activity and of an RSVP; nothing about people.
		expect([...keysOf(activities)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		// Surveys: the status of a survey; responses name nobody.
		expect([...keysOf(surveys)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		expect(Object.keys(surveys.responses[0]).sort()).toEqual(['id', 'locale', 'submittedOn', 'surveyId']);
		// Co-creation: the status of ideas and pilots; nothing about people.
		expect([...keysOf(cocreation)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		// Assemblies: the status of a membership, a meeting and a decision; nothing about papers.
		expect([...keysOf(assemblies)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		// Validation panels: the status of members and drafts; the pool holds languages, age band, gender, services.
		expect([...keysOf(panels)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		expect(Object.keys(panels.pool[0]).sort()).toEqual(['ageBand', 'consentedAt', 'gender', 'languages', 'services', 'userId']);
	});

	it('has two validation panels with answers in several languages, one summary published and vouchers', () => {
		expect(city.panels.panels.map((p) => p.name)).toEqual(['New welcome leaflet', 'Redesigned housing help']);
		expect(city.panels.pool.length).toBe(80);
		expect(new Set(city.panels.answers.map((a) => a.language)).size).toBeGreaterThanOrEqual(4);
		for (const l of ['ar', 'ti', 'uk', 'fa']) expect(city.panels.answers.some((a) => a.language === l), l).toBe(true);
		expect(city.panels.drafts.filter((d) => d.summaryPublishedAt !== null)).toHaveLength(1);
		expect(city.panels.compensations.length).toBeGreaterThan(5);
		// Every answer belongs to an accepted member of the draft's panel, and every choice exists.
		for (const a of city.panels.answers) {
			const m = city.panels.members.find((x) => x.id === a.memberId)!;
			const q = city.panels.questions.find((x) => x.id === a.questionId)!;
			const d = city.panels.drafts.find((x) => x.id === q.draftId)!;
			expect(m.status).toBe('accepted');
			expect(d.panelId).toBe(m.panelId);
			if (a.choice) expect(q.choices.map((c) => c.key)).toContain(a.choice);
		}
	});

	it('has 4 assemblies (2 neighbourhood, 2 thematic) with held meetings, minutes, attendance, decisions in every status, and planned meetings with interpreter requests', () => {
		const a = city.assemblies;
		expect(a.assemblies.map((x) => x.kind).sort()).toEqual(['neighbourhood', 'neighbourhood', 'thematic', 'thematic']);
		const now = city.baseDate;
		for (const x of a.assemblies) {
			const members = a.members.filter((m) => m.assemblyId === x.id && m.status === 'active').map((m) => m.userId);
			expect(members).toContain(x.chairId);
			expect(members).toContain(x.secretaryId);
			const meetings = a.meetings.filter((m) => m.assemblyId === x.id);
			expect(meetings.some((m) => m.status === 'held' && m.minutes && m.startsAt < now)).toBe(true);
			expect(meetings.some((m) => m.status === 'scheduled' && m.startsAt > now)).toBe(true);
			// Decisions are owned by a member or an organisation, never both.
			for (const d of a.decisions.filter((d) => d.assemblyId === x.id)) {
				expect(d.ownerUserId === null).not.toBe(d.ownerOrganisation === null);
				if (d.ownerUserId) expect(members).toContain(d.ownerUserId);
				expect(d.status === 'done').toBe(d.doneOn !== null);
			}
		}
		expect(new Set(a.decisions.map((d) => d.status))).toEqual(new Set(['open', 'in_progress', 'done']));
		expect(a.decisions.some((d) => d.status !== 'done' && d.dueOn < now.slice(0, 10))).toBe(true);
		expect(a.meetings.some((m) => m.status === 'cancelled')).toBe(true);
		expect(a.attendance.length).toBeGreaterThan(100);
		expect(a.replies.filter((r) => r.interpreter !== null).length).toBeGreaterThan(3);
		const newcomer = city.users.find((u) => u.email === 'newcomer@portavera.example')!;
		expect(a.replies.find((r) => r.userId === newcomer.id)?.interpreter).toBe('ar');
	});

	it('is a clearly fictional place: 12 neighbourhoods within a few km of its made-up centre', () => {
		expect(city.city.description).toMatch(/fictional/i);
		expect(city.neighbourhoods).toHaveLength(12);
		expect(new Set(city.neighbourhoods.map((n) => n.name)).size).toBe(12);
		const distances = city.neighbourhoods.map((n) => km(n.latitude, n.longitude, DEMO_CITY.latitude, DEMO_CITY.longitude));
		for (const dist of distances) expect(dist).toBeLessThan(4);
		// Spread out, not piled on the centre: most are at least 1 km away, none on top of another.
		expect(distances.filter((x) => x > 1).length).toBeGreaterThanOrEqual(9);
		for (const a of city.neighbourhoods)
			for (const b of city.neighbourhoods)
				if (a !== b) expect(km(a.latitude, a.longitude, b.latitude, b.longitude)).toBeGreaterThan(0.5);
	});

	it('keeps its invariants for any seed (directory and folders included)', { timeout: 180_000 }, () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
				checkInvariants(generateDemoCity(seed));
			}),
			{ numRuns: 15 }
		);
	});
});

describe('the demo buddy programmes', () => {
	const b = generateDemoCity().buddies;
	const apps = new Map(b.applications.map((a) => [a.id, a]));

	it('has a buddy and a mentoring-into-work programme with pairs at every stage', () => {
		expect(b.programmes.map((p) => p.kind)).toEqual(['buddy', 'mentoring_work']);
		for (const p of b.programmes) {
			const pairs = b.pairs.filter((x) => x.programmeId === p.id);
			expect(new Set(pairs.map((x) => x.status))).toEqual(new Set(['proposed', 'active', 'ended']));
			const live = new Set(pairs.filter((x) => x.status !== 'ended').map((x) => x.newcomerApplicationId));
			const everPaired = new Set(pairs.map((x) => x.newcomerApplicationId));
			const newcomers = b.applications.filter((a) => a.programmeId === p.id && a.side === 'newcomer');
			// Applicants not matched yet.
			expect(newcomers.filter((a) => !everPaired.has(a.id)).length).toBeGreaterThan(3);
			// Re-matched: a newcomer whose pair ended is in an active pair with someone else.
			const rematched = pairs.filter((x) => x.status === 'ended' && live.has(x.newcomerApplicationId));
			expect(rematched.length).toBeGreaterThan(0);
		}
		// Check-ins answered (some low), due and unanswered, and to come; feedback on ended pairs.
		expect(b.checkIns.some((c) => c.newcomerWellbeing !== null && c.newcomerWellbeing <= 2)).toBe(true);
		expect(b.checkIns.some((c) => c.newcomerWellbeing === null && c.dueOn <= DEMO_BASE_DATE.slice(0, 10))).toBe(true);
		expect(b.checkIns.some((c) => c.dueOn > DEMO_BASE_DATE.slice(0, 10))).toBe(true);
		expect(b.feedback.length).toBeGreaterThan(5);
		// Nothing about papers.
		expect([...keysOf(b)].filter((k) => /nation|papers|permit|residence/i.test(k))).toEqual([]);
	});

	it('keeps the rules the engine keeps: preferences, a shared language, capacity, one live pair per newcomer, no pair twice', () => {
		const load = new Map<string, number>();
		const seen = new Set<string>();
		const liveNewcomer = new Set<string>();
		for (const p of b.pairs) {
			const n = apps.get(p.newcomerApplicationId)!;
			const r = apps.get(p.residentApplicationId)!;
			expect(n.side).toBe('newcomer');
			expect(r.side).toBe('resident');
			if (n.preferredGender !== 'any') expect(r.gender).toBe(n.preferredGender);
			if (r.preferredGender !== 'any') expect(n.gender).toBe(r.preferredGender);
			expect(n.languages.some((l) => r.languages.includes(l))).toBe(true);
			const key = `${n.id}:${r.id}`;
			expect(seen.has(key)).toBe(false);
			seen.add(key);
			if (p.status !== 'ended') {
				expect(liveNewcomer.has(n.id)).toBe(false);
				liveNewcomer.add(n.id);
				load.set(r.id, (load.get(r.id) ?? 0) + 1);
			}
		}
		for (const [id, n] of load) expect(n).toBeLessThanOrEqual(apps.get(id)!.capacity);
	});
});

describe('the demo service directory', () => {
	const city = generateDemoCity();
	const d = city.directory;
	const base = Date.parse(DEMO_BASE_DATE);
	const ageDays = (iso: string) => (base - Date.parse(iso)) / DAY;

	it('is the same for the same seed, and different for another', () => {
		const again = generateDemoCity().directory;
		expect(again.services.map((s) => s.id)).toEqual(d.services.map((s) => s.id));
		expect(again).toEqual(d);
		expect(generateDemoCity(7).directory.services[0].id).not.toBe(d.services[0].id);
	});

	it('has about 1,500 services across most organisations, verified and some unverified', () => {
		expect(d.services).toHaveLength(DEMO_SERVICE_COUNT);
		expect(DEMO_SERVICE_COUNT).toBe(1500);
		const orgs = new Map(city.organisations.map((o) => [o.id, o]));
		const withServices = new Set(d.services.map((s) => s.organisationId));
		expect(withServices.size).toBe(city.organisations.filter((o) => o.verification !== 'rejected').length);
		const states = d.services.map((s) => orgs.get(s.organisationId)!.verification);
		expect(states.filter((x) => x === 'verified').length).toBeGreaterThan(1300);
		expect(states.filter((x) => x === 'unverified').length).toBeGreaterThan(20);
		for (const type of organisationTypes) {
			expect(d.services.filter((s) => orgs.get(s.organisationId)!.type === type).length, type).toBeGreaterThan(15);
		}
		// Every need of the taxonomy is offered somewhere; every feature is used.
		for (const n of needCodes) expect(d.services.some((s) => s.needs.includes(n)), n).toBe(true);
		for (const f of featureCodes) expect(d.services.some((s) => s.features.includes(f)), f).toBe(true);
		// Mostly active, a few temporarily closed (with a closure covering today).
		const closed = d.services.filter((s) => s.status === 'temporarily closed');
		expect(closed.length).toBeGreaterThan(5);
		expect(closed.length).toBeLessThan(75);
		for (const s of closed) {
			expect(
				d.schedules.some((x) => x.serviceId === s.id && x.kind === 'exception' && x.closed && x.validFrom! <= '2026-11-23' && x.validTo! >= '2026-11-23')
			).toBe(true);
		}
	});

	it('has text in English and Italian everywhere, and in Arabic, Ukrainian, French and Spanish on most', () => {
		for (const s of d.services) {
			for (const field of [s.name, s.description, s.eligibility, s.applicationProcess]) {
				expect(field.en && field.it).toBeTruthy();
				// One set of locales per service: no field is missing a language the name has.
				expect(Object.keys(field).sort()).toEqual(Object.keys(s.name).sort());
			}
		}
		for (const l of ['ar', 'uk', 'fr', 'es'] as const) {
			expect(d.services.filter((s) => s.name[l] && s.description[l]).length, l).toBeGreaterThan(DEMO_SERVICE_COUNT * 0.75);
		}
		// Some fall back (the portal's fallback order has something to do).
		expect(d.services.filter((s) => !s.name.ar).length).toBeGreaterThan(20);
		// Real phrases, not placeholders: names differ by language.
		const food = d.services.find((s) => s.name.en === 'Food bank' && s.name.ar)!;
		expect(food.name).toMatchObject({ it: 'Banco alimentare', ar: 'بنك الطعام' });
	});

	it('speaks many languages, Italian everywhere', () => {
		const counts = new Map<string, number>();
		for (const s of d.services) for (const l of s.languages) counts.set(l, (counts.get(l) ?? 0) + 1);
		expect(counts.get('it')).toBe(DEMO_SERVICE_COUNT);
		for (const l of ['en', 'ar', 'fr', 'uk', 'es', 'fa', 'ti', 'ps', 'ur', 'so', 'ru']) expect(counts.get(l), l).toBeGreaterThan(20);
		expect(counts.get('en')!).toBeGreaterThan(counts.get('ps')!);
	});

	it('gives organisations 1–3 locations and remote services a whole-city area instead', () => {
		const perOrg = new Map<string, number>();
		for (const l of d.locations) perOrg.set(l.organisationId, (perOrg.get(l.organisationId) ?? 0) + 1);
		for (const n of perOrg.values()) expect(n >= 1 && n <= 3).toBe(true);
		expect([...perOrg.values()].filter((n) => n > 1).length).toBeGreaterThan(30);
		for (const l of d.locations) {
			expect(l.address1).toMatch(/^(Via|Vico|Salita|Piazza|Corso|Largo|Viale) .+ \d+$/);
			expect(km(l.latitude, l.longitude, DEMO_CITY.latitude, DEMO_CITY.longitude)).toBeLessThan(5);
		}
		expect(d.locations.filter((l) => l.wheelchairAccessible).length).toBeGreaterThan(d.locations.length * 0.3);
		expect(d.locations.filter((l) => !l.wheelchairAccessible).length).toBeGreaterThan(d.locations.length * 0.2);
		const remote = d.services.filter((s) => s.features.includes('remote'));
		expect(remote.length).toBeGreaterThanOrEqual(5);
		expect(d.serviceAreas.map((a) => a.serviceId).sort()).toEqual(remote.map((s) => s.id).sort());
		expect(d.serviceAtLocations.length).toBeGreaterThan(DEMO_SERVICE_COUNT);
	});

	it('has realistic weekly hours and holiday exceptions', () => {
		const weekly = d.schedules.filter((x) => x.kind === 'weekly');
		const byService = new Set(weekly.map((x) => x.serviceId));
		expect(byService.size).toBe(DEMO_SERVICE_COUNT);
		// Mornings, afternoons, evening classes and Saturdays all occur.
		expect(weekly.some((x) => x.opensAt! < '10:00' && x.closesAt! <= '13:00')).toBe(true);
		expect(weekly.some((x) => x.opensAt! >= '14:00' && x.closesAt! <= '19:00')).toBe(true);
		expect(weekly.filter((x) => x.opensAt! >= '18:00').length).toBeGreaterThan(50);
		expect(weekly.filter((x) => x.weekday === 6).length).toBeGreaterThan(50);
		expect(weekly.filter((x) => x.locationId !== null).length).toBeGreaterThan(0);
		const christmas = d.schedules.filter((x) => x.kind === 'exception' && x.validFrom === '2026-12-24' && x.validTo === '2026-12-26');
		expect(christmas.length).toBeGreaterThan(200);
		for (const x of christmas) expect(x.closed).toBe(true);
		expect(d.schedules.some((x) => x.kind === 'exception' && !x.closed && x.opensAt === '09:00')).toBe(true);
	});

	it('has phones, contacts, required documents and prices for some services', () => {
		expect(d.phones.filter((p) => p.serviceId).length).toBeGreaterThan(400);
		expect(d.phones.filter((p) => p.locationId).length).toBeGreaterThan(100);
		expect(d.contacts.length).toBeGreaterThan(200);
		const userNames = new Set(city.users.map((u) => u.displayName));
		for (const c of d.contacts) expect(userNames.has(c.name)).toBe(true);
		expect(d.requiredDocuments.some((r) => r.document.en === 'No document needed')).toBe(true);
		expect(d.requiredDocuments.some((r) => r.document.en?.startsWith('An identity document'))).toBe(true);
		expect(d.costOptions.length).toBeGreaterThan(20);
		expect(d.costOptions.length).toBeLessThan(300);
	});

	it('spreads "last verified" over 15 months: due at 6 and at 9 months, and ~8 % stale', () => {
		const ages = d.services.map((s) => ageDays(s.lastVerifiedAt));
		expect(Math.max(...ages)).toBeLessThan(15.5 * 30.5);
		expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
		const stale = d.services.filter((s) => ageDays(s.lastVerifiedAt) > 365);
		expect(stale.length / DEMO_SERVICE_COUNT).toBeGreaterThan(0.05);
		expect(stale.length / DEMO_SERVICE_COUNT).toBeLessThan(0.12);
		// Older than 6 months with no reminder yet, older than 9 months with only the first: due now.
		const due6 = d.services.filter((s) => ageDays(s.lastVerifiedAt) > 183 && ageDays(s.lastVerifiedAt) < 273 && !s.reminder6SentAt);
		const due9 = d.services.filter((s) => ageDays(s.lastVerifiedAt) > 274 && ageDays(s.lastVerifiedAt) < 365 && !s.reminder9SentAt);
		expect(due6.length).toBeGreaterThan(20);
		expect(due9.length).toBeGreaterThan(20);
		// Reminders already went out for most older records, so a first run does not send hundreds.
		const older = d.services.filter((s) => ageDays(s.lastVerifiedAt) > 183);
		expect(older.filter((s) => s.reminder6SentAt).length).toBeGreaterThan(older.length * 0.6);
		for (const s of stale) expect(s.reminder9SentAt).not.toBeNull();
		// Nothing young is marked as reminded.
		for (const s of d.services.filter((x) => ageDays(x.lastVerifiedAt) < 183)) expect(s.reminder6SentAt).toBeNull();
	});

	it('leaves the deliberate gaps in the map, and only those', () => {
		const where = serviceNeighbourhoods(city);
		const slugs = city.neighbourhoods.map((n) => n.slug);
		const cell = (need: string, slug: string) => d.services.filter((s) => s.needs.includes(need as never) && where.get(s.id)!.has(slug)).length;
		for (const gap of DEMO_GAPS) {
			const empty = gap.absentFrom ?? slugs.filter((s) => !gap.onlyIn!.includes(s));
			for (const slug of empty) expect(cell(gap.need, slug), `${gap.need} in ${slug}`).toBe(0);
			const full = slugs.filter((s) => !empty.includes(s));
			expect(full.filter((slug) => cell(gap.need, slug) > 0).length, gap.need).toBe(full.length);
			// No remote service fills the gap from afar.
			expect(d.services.some((s) => s.needs.includes(gap.need) && s.features.includes('remote'))).toBe(false);
		}
		expect(DEMO_GAPS.map((g) => g.need)).toEqual(['mental-health', 'family-reunification']);
		expect(DEMO_GAPS[0].absentFrom).toEqual(['monte-acero', 'valle-dei-carrubi']);
		// The hill neighbourhood has places, none of them step-free.
		const hill = city.neighbourhoods.find((n) => n.slug === DEMO_NO_WHEELCHAIR)!;
		const hillLocs = d.locations.filter((l) => l.neighbourhoodId === hill.id);
		expect(hillLocs.length).toBeGreaterThan(0);
		expect(hillLocs.some((l) => l.wheelchairAccessible)).toBe(false);
	});
});

describe('the demo support folders, referrals and guardianship', () => {
	const city = generateDemoCity();
	const s = city.support;
	const base = Date.parse(DEMO_BASE_DATE);
	const count = <T>(xs: readonly T[], f: (x: T) => unknown) => xs.filter(f).length;

	it('is the same for the same seed, and different for another', () => {
		expect(generateDemoCity().support).toEqual(s);
		expect(generateDemoCity(7).support.people[0].id).not.toBe(s.people[0].id);
	});

	it('has 2,000 people with folders at every stage, 150 of them unaccompanied children', () => {
		expect(s.people).toHaveLength(DEMO_PEOPLE);
		expect(DEMO_PEOPLE).toBe(2000);
		expect(count(s.people, (p) => p.unaccompanied)).toBe(DEMO_CHILDREN);
		expect(DEMO_CHILDREN).toBe(150);
		for (const stage of ['new', 'assessed', 'active', 'closing', 'withdrawn'] as const) {
			expect(count(s.people, (p) => p.stage === stage), stage).toBeGreaterThan(100);
		}
		// Opened by many organisations, most by the City Social Services.
		expect(new Set(s.people.map((p) => p.createdByOrganisationId)).size).toBeGreaterThan(40);
		// Languages of many communities; names repeat (pseudonyms and first names) but vary.
		expect(new Set(s.people.flatMap((p) => p.languages)).size).toBeGreaterThan(15);
		expect(new Set(s.people.map((p) => p.preferredName)).size).toBeGreaterThan(1000);
	});

	it('records consent per purpose, some of it withdrawn, and nobody works on a folder the coordination consent left', () => {
		for (const purpose of ['coordination', 'share', 'statistics'] as const) {
			const all = s.consents.filter((c) => c.purpose === purpose);
			expect(all.length, purpose).toBeGreaterThan(500);
			expect(count(all, (c) => c.withdrawnAt), purpose).toBeGreaterThan(10);
		}
		expect(count(s.consents, (c) => c.purpose === 'coordination')).toBe(DEMO_PEOPLE);
		expect(new Set(s.consents.map((c) => c.method))).toEqual(new Set(['written', 'oral_interpreter', 'online']));
		// A withdrawn folder: coordination withdrawn, nothing open with anyone after it.
		const withdrawn = s.people.filter((p) => p.stage === 'withdrawn').map((p) => p.id);
		for (const id of withdrawn) {
			const c = s.consents.find((x) => x.personId === id && x.purpose === 'coordination')!;
			expect(c.withdrawnAt).not.toBeNull();
			for (const r of s.referrals.filter((x) => x.personId === id)) expect(['declined', 'completed', 'closed']).toContain(r.state);
		}
	});

	it('gives the Open Harbour case worker many folders to lead, on a team with partners', () => {
		const cw = city.users.find((u) => u.email === 'caseworker@open-harbour-portavera.example')!;
		const led = s.caseWorkers.filter((w) => w.userId === cw.id && w.lead);
		expect(led.length).toBeGreaterThan(50);
		const withPartner = new Set(s.caseTeam.filter((t) => t.organisationId !== city.organisations.find((o) => o.slug === 'open-harbour-portavera')!.id).map((t) => t.personId));
		expect(count(led, (w) => withPartner.has(w.personId))).toBeGreaterThan(10);
		// Partners on a team are covered by a share consent.
		for (const t of s.caseTeam) {
			const person = s.people.find((p) => p.id === t.personId)!;
			if (t.organisationId === person.createdByOrganisationId) continue;
			expect(s.consents.some((c) => c.personId === t.personId && c.purpose === 'share' && c.organisationId === t.organisationId)).toBe(true);
		}
	});

	it('has assessments over time, plans, notes of every sensitivity, measures and tasks', () => {
		const perPerson = new Map<string, number>();
		for (const a of s.assessments) perPerson.set(a.personId, (perPerson.get(a.personId) ?? 0) + 1);
		expect(count([...perPerson.values()], (n) => n >= 3)).toBeGreaterThan(200);
		// Progress shows: in folders assessed several times, the mean score mostly rises.
		const series = new Map<string, number[]>();
		for (const a of [...s.assessments].sort((x, y) => (x.takenAt < y.takenAt ? -1 : 1))) {
			series.set(a.personId, [...(series.get(a.personId) ?? []), a.scores.reduce((t, x) => t + x, 0)]);
		}
		const long = [...series.values()].filter((x) => x.length >= 3);
		expect(count(long, (x) => x[x.length - 1] > x[0]) / long.length).toBeGreaterThan(0.6);
		expect(new Set(s.goals.map((g) => g.domain)).size).toBe(11);
		expect(count(s.goals, (g) => g.ownWords && /[\u0600-\u06ff]/.test(g.ownWords))).toBeGreaterThan(20); // Arabic or Persian
		expect(count(s.goals, (g) => g.ownWords && /[\u0400-\u04ff]/.test(g.ownWords))).toBeGreaterThan(20); // Ukrainian
		expect(count(s.actions, (a) => a.serviceId)).toBeGreaterThan(500);
		for (const sensitivity of sensitivities) expect(count(s.notes, (n) => n.sensitivity === sensitivity), sensitivity).toBeGreaterThan(100);
		expect(count(s.notes, (n) => n.kind === 'measure')).toBeGreaterThan(500);
		expect(count(s.tasks, (t) => t.doneAt)).toBeGreaterThan(500);
		expect(count(s.tasks, (t) => !t.doneAt && t.dueAt > DEMO_BASE_DATE)).toBeGreaterThan(100);
		expect(count(s.tasks, (t) => t.reminderSentAt)).toBeGreaterThan(20);
	});

	it('has 5,000 referrals in every state, some overdue, with reasons and outcomes', () => {
		expect(s.referrals).toHaveLength(DEMO_REFERRALS);
		expect(DEMO_REFERRALS).toBe(5000);
		for (const state of referralStates) expect(count(s.referrals, (r) => r.state === state), state).toBeGreaterThan(100);
		const overdue = s.referrals.filter((r) => r.state === 'sent' && r.respondBy < DEMO_BASE_DATE);
		expect(overdue.length).toBeGreaterThan(50);
		expect(count(overdue, (r) => r.escalatedAt)).toBeGreaterThan(20);
		expect(count(s.referrals, (r) => r.state === 'sent' && r.respondBy > DEMO_BASE_DATE)).toBeGreaterThan(20);
		// Many receiving organisations; the biggest inboxes hold hundreds.
		const inbox = new Map<string, number>();
		for (const r of s.referrals) inbox.set(r.toOrganisationId, (inbox.get(r.toOrganisationId) ?? 0) + 1);
		expect(inbox.size).toBeGreaterThan(80);
		expect(Math.max(...inbox.values())).toBeGreaterThan(100);
		// Reasons to decline and close, outcomes of completion: several different ones, in Italian and English.
		const reasons = (to: string) => new Set(s.referralEvents.filter((e) => e.toState === to).map((e) => e.reason));
		for (const to of ['declined', 'completed', 'closed']) expect(reasons(to).size, to).toBeGreaterThan(6);
	});

	it('has 60 guardians, some full with three children, some with vetting expiring or expired', () => {
		expect(s.guardians).toHaveLength(DEMO_GUARDIANS);
		expect(DEMO_GUARDIANS).toBe(60);
		expect(new Set(s.guardians.map((g) => g.status))).toEqual(new Set(['applicant', 'vetting', 'active', 'suspended', 'withdrawn']));
		const active = new Map<string, number>();
		for (const g of s.guardianships.filter((x) => !x.endedAt)) active.set(g.guardianId, (active.get(g.guardianId) ?? 0) + 1);
		expect(Math.max(...active.values())).toBe(3);
		expect(count([...active.values()], (n) => n === 3)).toBeGreaterThanOrEqual(10);
		expect(count([...active.values()], (n) => n < 3)).toBeGreaterThanOrEqual(10);
		expect(count(s.guardianships, (g) => g.endedAt)).toBeGreaterThan(3);
		const expiry = s.vetting.filter((v) => v.step === 'criminal_record' && s.guardians.find((g) => g.id === v.guardianId)!.status === 'active');
		const days = (v: (typeof expiry)[number]) => (Date.parse(v.expiresOn!) - base) / DAY;
		expect(count(expiry, (v) => days(v) > 0 && days(v) <= 60)).toBeGreaterThanOrEqual(3);
		expect(count(expiry, (v) => days(v) <= 0)).toBeGreaterThanOrEqual(2);
		// The demo guardian is active, with children and room for one more.
		const demoGuardian = city.users.find((u) => u.email === 'guardian@portavera.example')!;
		const mine = s.guardians.find((g) => g.userId === demoGuardian.id)!;
		expect(mine.status).toBe('active');
		expect(active.get(mine.id)).toBe(2);
	});

	it('has children without a guardian, children turning 18 with and without a plan, and overdue visits', () => {
		const children = s.people.filter((p) => p.unaccompanied);
		const guarded = new Set(s.guardianships.filter((g) => !g.endedAt).map((g) => g.childId));
		expect(count(children, (c) => !guarded.has(c.id))).toBeGreaterThanOrEqual(10);
		for (const c of children) expect(eighteenth(c.birthDate!)).toBeGreaterThan(base);
		const soon = children.filter((c) => eighteenth(c.birthDate!) - base <= MONTH6);
		expect(soon.length).toBeGreaterThanOrEqual(20);
		const planned = new Set(s.transitionPlans.map((t) => t.childId));
		expect(count(soon, (c) => planned.has(c.id))).toBeGreaterThanOrEqual(5);
		expect(count(soon, (c) => !planned.has(c.id))).toBeGreaterThanOrEqual(5);
		// Last visit (reports do not count) per active guardianship: most within three weeks, some two months ago or more.
		const last = new Map<string, string>();
		for (const v of s.visits) if (v.kind === 'visit' && (last.get(v.guardianshipId) ?? '') < v.visitedOn) last.set(v.guardianshipId, v.visitedOn);
		const ages = s.guardianships.filter((g) => !g.endedAt).map((g) => (base - Date.parse(last.get(g.id) ?? g.startedAt)) / DAY);
		expect(count(ages, (a) => a >= 60)).toBeGreaterThanOrEqual(5);
		expect(count(ages, (a) => a <= 21) / ages.length).toBeGreaterThan(0.6);
		expect(count(s.visits, (v) => v.kind === 'report')).toBeGreaterThan(50);
		expect(count(s.visits, (v) => v.concern)).toBeGreaterThan(5);
	});

	it(`has one folder with at least ${DEMO_BIG_FOLDER_ENTRIES} timeline entries, for the benchmark`, () => {
		const id = s.benchmarkPersonId;
		const refs = new Set(s.referrals.filter((r) => r.personId === id).map((r) => r.id));
		const entries =
			count(s.notes, (n) => n.personId === id) +
			count(s.tasks, (t) => t.personId === id) +
			count(s.assessments, (a) => a.personId === id) +
			count(s.actions, (a) => a.personId === id) +
			count(s.referralEvents, (e) => refs.has(e.referralId));
		expect(entries).toBeGreaterThanOrEqual(DEMO_BIG_FOLDER_ENTRIES);
		expect(s.people.find((p) => p.id === id)!.createdByOrganisationId).toBe(city.organisations.find((o) => o.slug === 'open-harbour-portavera')!.id);
	});

	it('adds the guardianship office and a volunteer guardian to the demo accounts', () => {
		const byEmail = new Map(city.accounts.map((a) => [a.email, a]));
		expect(byEmail.get('guardianship@portavera.example')).toMatchObject({ password: 'demo-guardianship-2026', secondFactor: true });
		expect(byEmail.get('guardian@portavera.example')).toMatchObject({ password: 'demo-guardian-2026', secondFactor: false });
		expect(byEmail.get('caseworker@open-harbour-portavera.example')).toMatchObject({ password: 'demo-caseworker-2026', secondFactor: true });
		const office = city.users.find((u) => u.email === 'guardianship@portavera.example')!;
		expect(office.platformRole).toBe('guardianship_office');
		// Every guardian has an account of their own, signing in with the guardians' password.
		const guardianUsers = new Set(s.guardians.map((g) => g.userId));
		expect(guardianUsers.size).toBe(DEMO_GUARDIANS);
		for (const u of city.users.filter((x) => guardianUsers.has(x.id))) expect(u.password).toBe('guardian');
	});
});

type Counted =
	| 'users'
	| 'organisations'
	| 'memberships'
	| 'neighbourhoods'
	| 'services'
	| 'locations'
	| 'service_at_locations'
	| 'schedules'
	| 'phones'
	| 'contacts'
	| 'cost_options'
	| 'required_documents'
	| 'service_areas'
	| 'people'
	| 'consents'
	| 'assessment_scores'
	| 'referrals'
	| 'referral_events'
	| 'guardians'
	| 'guardianships'
	| 'guardian_visits'
	| 'buddy_programmes'
	| 'buddy_applications'
	| 'buddy_pairs'
	| 'buddy_check_ins'
	| 'buddy_feedback'
	| 'neighbourhood_houses'
	| 'activities'
	| 'activity_rsvps'
	| 'surveys'
	| 'survey_responses'
	| 'survey_answers';

async function count(db: Db, table: Counted): Promise<number> {
	const r = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
	return Number(r.rows[0].n);
}

// These run in order on one database: each builds on what the one before left.
describe('seeding the demo city', { timeout: 240_000 }, () => {
	let d: TestDatabase;
	let printed = '';
	const savedFlag = process.env.CONVIVE_DEMO;

	beforeAll(async () => {
		d = await testDatabase();
	}, 180_000);
	afterAll(async () => {
		if (savedFlag === undefined) delete process.env.CONVIVE_DEMO;
		else process.env.CONVIVE_DEMO = savedFlag;
		await d.dispose();
	});

	it(`loads an empty database once (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, async () => {
		process.env.CONVIVE_DEMO = '1';
		const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
		let result;
		try {
			result = await seedDemoIfEmpty();
			printed = spy.mock.calls.map((c) => c.join(' ')).join('\n');
		} finally {
			spy.mockRestore();
		}
		expect(result).not.toBeNull();
		console.log(
			`demo seed on ${d.kind}: ${result!.ms} ms for ${result!.users} users, ${result!.organisations} organisations, ` +
				`${result!.services} services, ${result!.locations} locations`
		);
		const city = generateDemoCity();
		expect(await count(d.db, 'users')).toBe(city.users.length);
		expect(await count(d.db, 'organisations')).toBe(city.organisations.length);
		expect(await count(d.db, 'memberships')).toBe(city.memberships.length);
		expect(await count(d.db, 'neighbourhoods')).toBe(city.neighbourhoods.length);
		const dir = city.directory;
		expect(await count(d.db, 'services')).toBe(1500);
		expect(await count(d.db, 'locations')).toBe(dir.locations.length);
		expect(await count(d.db, 'service_at_locations')).toBe(dir.serviceAtLocations.length);
		expect(await count(d.db, 'schedules')).toBe(dir.schedules.length);
		expect(await count(d.db, 'phones')).toBe(dir.phones.length);
		expect(await count(d.db, 'contacts')).toBe(dir.contacts.length);
		expect(await count(d.db, 'cost_options')).toBe(dir.costOptions.length);
		expect(await count(d.db, 'required_documents')).toBe(dir.requiredDocuments.length);
		expect(await count(d.db, 'service_areas')).toBe(dir.serviceAreas.length);
		const sup = city.support;
		expect(await count(d.db, 'people')).toBe(2000);
		expect(await count(d.db, 'referrals')).toBe(5000);
		expect(await count(d.db, 'guardians')).toBe(60);
		expect(await count(d.db, 'consents')).toBe(sup.consents.length);
		expect(await count(d.db, 'referral_events')).toBe(sup.referralEvents.length);
		expect(await count(d.db, 'assessment_scores')).toBe(sup.assessments.length * 11);
		expect(await count(d.db, 'guardianships')).toBe(sup.guardianships.length);
		expect(await count(d.db, 'guardian_visits')).toBe(sup.visits.length);
		expect(result).toMatchObject({ people: 2000, referrals: 5000, children: 150, guardians: 60 });
		const buddies = city.buddies;
		expect(await count(d.db, 'buddy_programmes')).toBe(2);
		expect(await count(d.db, 'buddy_applications')).toBe(buddies.applications.length);
		expect(await count(d.db, 'buddy_pairs')).toBe(buddies.pairs.length);
		expect(await count(d.db, 'buddy_check_ins')).toBe(buddies.checkIns.length);
		expect(await count(d.db, 'buddy_feedback')).toBe(buddies.feedback.length);
		const act = city.activities;
		expect(await count(d.db, 'neighbourhood_houses')).toBe(act.houses.length);
		expect(await count(d.db, 'activities')).toBe(act.activities.length);
		expect(await count(d.db, 'activity_rsvps')).toBe(act.rsvps.length);
		expect(result).toMatchObject({ activities: DEMO_ACTIVITIES + DEMO_PENDING_PROPOSALS + 1 });
		expect(await count(d.db, 'surveys')).toBe(2);
		expect(await count(d.db, 'survey_responses')).toBe(450);
		expect(await count(d.db, 'survey_answers')).toBe(city.surveys.answers.length);
		// A guard against a slow seed (row-by-row inserts of its ~115,000 rows would take many minutes);
		// it takes about 5 s on a quiet machine, and this bound leaves room for a busy, shared CI machine
		// (a minute and more with six test runs at once on two cores).
		expect(result!.ms).toBeLessThan(180_000);

		// A second start finds data and leaves it alone.
		expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
		expect(await count(d.db, 'users')).toBe(city.users.length);
	});

	it('stores the directory so that search, the map and the records work on it', async () => {
		const rows = async (q: ReturnType<typeof sql>) => ((await d.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
		// Every service_at_location joins a location of the service's own organisation.
		const [mismatch] = await rows(sql`
			select count(*)::int as n from service_at_locations sal
			join services s on s.id = sal.service_id join locations l on l.id = sal.location_id
			where s.organisation_id <> l.organisation_id`);
		expect(Number(mismatch.n)).toBe(0);
		// The generated search columns are filled: stemmed Italian, Arabic and a typo in a name.
		const it1 = await rows(sql`select count(*)::int as n from services where search_vector @@ to_tsquery('italian', 'alimentare')`);
		expect(Number(it1[0].n)).toBeGreaterThan(5);
		const ar = await rows(sql`select count(*)::int as n from services where search_vector @@ plainto_tsquery('arabic', 'بنك الطعام')`);
		expect(Number(ar[0].n)).toBeGreaterThan(5);
		const typo = await rows(sql`select count(*)::int as n from services where 'banco alimentere' <% search_names`);
		expect(Number(typo[0].n)).toBeGreaterThan(0);
		// Stale records, as the staff view will list them.
		const stale = await rows(sql`select count(*)::int as n from services where last_verified_at < ${'2025-11-23T09:00:00Z'}::timestamptz`);
		expect(Number(stale[0].n)).toBeGreaterThan(75);
		// The deliberate gap: no mental-health service at a location in the two hill neighbourhoods.
		const gap = await rows(sql`
			select n.slug, count(distinct s.id)::int as n from neighbourhoods n
			left join locations l on l.neighbourhood_id = n.id
			left join service_at_locations sal on sal.location_id = l.id
			left join services s on s.id = sal.service_id and 'mental-health' = any(s.needs)
			group by n.slug order by n.slug`);
		const cells = Object.fromEntries(gap.map((r) => [r.slug, Number(r.n)]));
		expect(cells['monte-acero']).toBe(0);
		expect(cells['valle-dei-carrubi']).toBe(0);
		expect(cells['lanterna-vecchia']).toBeGreaterThan(0);
		// Hours are stored as the schema says: ISO weekdays and 'HH:MM', opening before closing.
		const bad = await rows(sql`
			select count(*)::int as n from schedules where kind = 'weekly'
			and (weekday not between 1 and 7 or opens_at !~ '^[0-2][0-9]:[0-5][0-9]$' or opens_at >= closes_at)`);
		expect(Number(bad[0].n)).toBe(0);
		// A full record loads through the directory's own reader, text and all.
		const { loadServices } = await import('../../src/lib/server/directory/records.ts');
		const withLocation = generateDemoCity().directory.serviceAtLocations[0].serviceId;
		const [record] = await loadServices(d.db, [withLocation]);
		expect(record.atLocations.length).toBeGreaterThan(0);
		expect(record.atLocations[0].location.neighbourhood).not.toBeNull();
		expect(record.schedules.length).toBeGreaterThan(0);
		expect(record.service.name.en).toBeTruthy();
	});

	it('stores folders, referrals and guardianship as the use cases and the database rules expect them', async () => {
		const rows = async (q: ReturnType<typeof sql>) => ((await d.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
		const one = async (q: ReturnType<typeof sql>) => Number(Object.values((await rows(q))[0])[0]);
		expect(await one(sql`select count(*)::int from people where unaccompanied and birth_date > ${'2008-11-23'}::date`)).toBe(150);
		// Every state of a referral, each with the event that led to it last.
		const states = await rows(sql`
			select r.state, count(*)::int as n, count(*) filter (where last.to_state = r.state and r.version = ev.n)::int as consistent
			from referrals r
			join lateral (select to_state from referral_events e where e.referral_id = r.id order by e.at desc limit 1) last on true
			join lateral (select count(*)::int as n from referral_events e where e.referral_id = r.id) ev on true
			group by r.state order by r.state`);
		expect(states.map((x) => x.state)).toEqual([...referralStates].sort());
		for (const x of states) expect(x.consistent, String(x.state)).toBe(x.n);
		// Each covered by an active or withdrawn share consent naming the receiving organisation.
		expect(await one(sql`
			select count(*)::int from referrals r left join consents c on c.id = r.consent_id
			where c.purpose is distinct from 'share' or c.organisation_id <> r.to_organisation_id`)).toBe(0);
		// No guardian with more than three active wards, some with exactly three.
		const wards = await rows(sql`select guardian_id, count(*)::int as n from guardianships where ended_at is null group by guardian_id`);
		expect(Math.max(...wards.map((w) => Number(w.n)))).toBe(3);
		expect(wards.filter((w) => Number(w.n) === 3).length).toBeGreaterThanOrEqual(10);
		// And the database keeps it so: a fourth child for a full guardian is refused.
		const [full] = await rows(sql`select guardian_id from guardianships where ended_at is null group by guardian_id having count(*) = 3 limit 1`);
		const [unguarded] = await rows(sql`
			select p.id from people p where p.unaccompanied
			and not exists (select 1 from guardianships g where g.child_id = p.id and g.ended_at is null) limit 1`);
		await expect(
			d.db.execute(sql`insert into guardianships (guardian_id, child_id, slot)
				select ${full.guardian_id}::uuid, ${unguarded.id}::uuid, coalesce(min(s), 4) from generate_series(1, 3) s
				where s not in (select slot from guardianships where guardian_id = ${full.guardian_id}::uuid and ended_at is null)`)
		).rejects.toThrow();
		// The benchmark folder: at least 500 entries for its timeline.
		const big = generateDemoCity().support.benchmarkPersonId;
		expect(
			await one(sql`select count(*)::int from (
				select id from notes where person_id = ${big}::uuid
				union all select id from tasks where person_id = ${big}::uuid
				union all select id from assessments where person_id = ${big}::uuid
				union all select id from plan_actions where person_id = ${big}::uuid
				union all select e.id from referral_events e join referrals r on r.id = e.referral_id where r.person_id = ${big}::uuid) t`)
		).toBeGreaterThanOrEqual(DEMO_BIG_FOLDER_ENTRIES);
		// Folders load through the app's own reader of folder facts: one lead each, its organisation covered.
		const { loadFolderFactsMany } = await import('../../src/lib/server/support/folders.ts');
		const ids = (await rows(sql`select id from people order by created_at limit 300`)).map((r) => String(r.id));
		const facts = await loadFolderFactsMany(d.db, ids);
		expect(facts.size).toBe(300);
		const withdrawn = new Set(generateDemoCity().support.people.filter((p) => p.stage === 'withdrawn').map((p) => p.id));
		for (const f of facts.values()) {
			expect(f.leadUserId).not.toBeNull();
			expect(f.consentedOrganisationIds.includes(f.leadOrganisationId!)).toBe(!withdrawn.has(f.personId));
		}
	});

	it('prints the demo accounts, and the printed admin password signs in', async () => {
		expect(printed).toContain('fictional');
		expect(printed).toMatch(/1500 services at \d+ locations/);
		expect(printed).toMatch(/second factor \(TOTP\)/);
		const line = printed.split('\n').find((l) => l.includes('admin@portavera.example'));
		expect(line).toBeDefined();
		const password = line!.trim().split(/\s+/).find((w) => w.startsWith('demo-'))!;
		expect(password).toBe(DEMO_PASSWORDS.admin);
		const [admin] = await d.db.select().from(users).where(eq(users.email, 'admin@portavera.example'));
		expect(admin.platformRole).toBe('admin');
		expect(await verifyPassword(admin.passwordHash, password)).toBe(true);
		expect(await verifyPassword(admin.passwordHash, 'demo-admin-2025')).toBe(false);
		for (const email of ['caseworker@open-harbour-portavera.example', 'newcomer@portavera.example']) {
			expect(printed).toContain(email);
		}
	});

	it('records the seeding in the audit log, and the chain still verifies', async () => {
		const entries = await d.db.select().from(auditLog).where(eq(auditLog.action, 'demo.seeded'));
		expect(entries).toHaveLength(1);
		expect(entries[0].details).toMatchObject({ organisations: generateDemoCity().organisations.length });
		expect((await verifyChain(d.db)).ok).toBe(true);
	});

	it('resets a demo-only database, keeping the audit log', async () => {
		// Some activity in the demo: a changed name and a deleted service that the reset must undo.
		await d.db.update(organisations).set({ name: 'Renamed in the demo' }).where(eq(organisations.slug, 'open-harbour-portavera'));
		await d.db.delete(services).where(eq(services.id, generateDemoCity().directory.services[0].id));
		expect(await count(d.db, 'services')).toBe(1499);
		const outcome = await resetDemo(d, { force: false, quiet: true });
		expect('result' in outcome).toBe(true);
		const [org] = await d.db.select().from(organisations).where(eq(organisations.slug, 'open-harbour-portavera'));
		expect(org.name).toBe('Open Harbour Portavera');
		expect(await count(d.db, 'users')).toBe(generateDemoCity().users.length);
		// The directory is reloaded too: a service deleted in the demo comes back.
		expect(await count(d.db, 'services')).toBe(1500);
		const actions = (await d.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
		expect(actions).toEqual(['demo.seeded', 'demo.reset', 'demo.seeded']);
		expect((await verifyChain(d.db)).ok).toBe(true);
	});

	it('refuses to reset real data unless forced', async () => {
		const [clerk] = await d.db
			.insert(users)
			.values({ displayName: 'Real clerk', email: 'clerk@municipality.invalid', passwordHash: 'x' })
			.returning();
		const before = await count(d.db, 'users');
		const refused = await resetDemo(d, { force: false, quiet: true });
		expect(refused).toMatchObject({ refused: { demoOnly: false, foreignUsers: 1 } });
		expect(await count(d.db, 'users')).toBe(before);

		const forced = await resetDemo(d, { force: true, quiet: true });
		expect('result' in forced).toBe(true);
		expect(await d.db.select().from(users).where(eq(users.id, clerk.id))).toEqual([]);
		const [last] = await d.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'demo.reset'))
			.orderBy(sql`${auditLog.seq} desc`)
			.limit(1);
		expect(last.details).toMatchObject({ forced: true, removedForeignUsers: 1 });
	});

	it('does not seed on top of real data, nor when switched off', async () => {
		const other = await testDatabase();
		try {
			process.env.CONVIVE_DEMO = '1';
			await other.db.insert(users).values({ displayName: 'First real user', email: 'first@city.invalid', passwordHash: 'x' });
			expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
			expect(await count(other.db, 'users')).toBe(1);
			expect(await count(other.db, 'organisations')).toBe(0);

			// An organisation alone also counts as real data.
			await other.db.delete(users);
			await other.db.insert(organisations).values({ slug: 'real-org', name: 'Real org', type: 'ngo' });
			expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
			expect(await count(other.db, 'users')).toBe(0);

			await other.db.delete(organisations);
			process.env.CONVIVE_DEMO = '0';
			expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
			expect(await count(other.db, 'users')).toBe(0);

			if (other.kind === 'postgres') {
				// On a PostgreSQL server the demo is loaded only when asked for.
				delete process.env.CONVIVE_DEMO;
				expect(await seedDemoIfEmpty({ quiet: true })).toBeNull();
				expect(await count(other.db, 'users')).toBe(0);
			}
		} finally {
			await other.dispose();
			// other.dispose() uninstalled the process-wide database; put the first one back.
			const { setDatabase } = await import('../../src/lib/server/db/index.ts');
			setDatabase(d);
		}
	});

	it('seedDemo refuses to run twice into the same database (unique keys)', async () => {
		await expect(seedDemo(d.db, { quiet: true })).rejects.toThrow();
		expect(await count(d.db, 'organisations')).toBe(generateDemoCity().organisations.length);
		const ms = await d.db.select().from(memberships).where(eq(memberships.role, 'owner'));
		expect(ms).toHaveLength(generateDemoCity().organisations.length);
	});

	it('fails as a whole when a generated row breaks a key, though keys and indexes are put back only after loading', async () => {
		const other = await testDatabase();
		try {
			const city = generateDemoCity();
			// A note by nobody, and two active coordination consents for one person.
			city.support.notes[7] = { ...city.support.notes[7], authorId: '00000000-0000-4000-8000-000000000007' };
			await expect(seedDemo(other.db, { city, quiet: true })).rejects.toThrow();
			const again = generateDemoCity();
			const first = again.support.consents.find((c) => c.purpose === 'coordination' && !c.withdrawnAt)!;
			again.support.consents.push({ ...first, id: '00000000-0000-4000-8000-000000000008' });
			await expect(seedDemo(other.db, { city: again, quiet: true })).rejects.toThrow();
			// Nothing stayed, and every key and index is still there.
			expect(await count(other.db, 'people')).toBe(0);
			expect(await count(other.db, 'users')).toBe(0);
			const [keys] = ((await other.db.execute(
				sql`select count(*)::int as n from pg_constraint where contype = 'f' and conrelid = 'notes'::regclass`
			)) as unknown as { rows: { n: number }[] }).rows;
			expect(Number(keys.n)).toBe(3);
			const [unique] = ((await other.db.execute(
				sql`select count(*)::int as n from pg_indexes where indexname = 'consents_one_active_key'`
			)) as unknown as { rows: { n: number }[] }).rows;
			expect(Number(unique.n)).toBe(1);
		} finally {
			await other.dispose();
			const { setDatabase } = await import('../../src/lib/server/db/index.ts');
			setDatabase(d);
		}
	});

	// Last: signing in writes to the audit log, whose exact contents the tests above check.
	it('lets the demo accounts of issue 4 sign in with their printed passwords', async () => {
		const { signIn } = await import('../../src/lib/server/auth/accounts.ts');
		const { anonymous } = await import('../../src/lib/server/policy/index.ts');
		const ctx = { db: d.db, actor: anonymous, ip: '192.0.2.7', requestId: null, locale: 'en', origin: 'http://localhost' };
		const passwordIn = (email: string) =>
			printed
				.split('\n')
				.find((l) => l.includes(email))
				?.trim()
				.split(/\s+/)
				.find((w) => w.startsWith('demo-'));
		const signedIn: Record<string, string> = {};
		for (const email of ['caseworker@open-harbour-portavera.example', 'guardianship@portavera.example', 'guardian@portavera.example']) {
			const password = passwordIn(email);
			expect(password, email).toBeDefined();
			const outcome = await signIn(ctx, { identifier: email, password: password! });
			expect(outcome.ok, email).toBe(true);
			if (outcome.ok) signedIn[email] = outcome.userId;
			// A wrong password does not.
			expect((await signIn(ctx, { identifier: email, password: 'demo-wrong-2026' })).ok).toBe(false);
		}
		expect(passwordIn('guardianship@portavera.example')).toBe('demo-guardianship-2026');
		expect(passwordIn('guardian@portavera.example')).toBe('demo-guardian-2026');
		// What each of them finds: folders to lead, the monitoring role, children to visit.
		const rows = async (q: ReturnType<typeof sql>) => ((await d.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
		const [led] = await rows(sql`select count(*)::int as n from case_workers where lead and user_id = ${signedIn['caseworker@open-harbour-portavera.example']}::uuid`);
		expect(Number(led.n)).toBeGreaterThan(50);
		const [office] = await d.db.select().from(users).where(eq(users.id, signedIn['guardianship@portavera.example']));
		expect(office.platformRole).toBe('guardianship_office');
		const [wards] = await rows(sql`
			select g.status, count(gs.id)::int as n from guardians g join guardianships gs on gs.guardian_id = g.id and gs.ended_at is null
			where g.user_id = ${signedIn['guardian@portavera.example']}::uuid group by g.status`);
		expect(wards).toMatchObject({ status: 'active', n: 2 });
	});
});

/** Runs `npm run demo:reset` as an operator would, on an embedded database in `dataDir`. */
function runReset(dataDir: string, args: string[] = []): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve, reject) => {
		const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
		delete env.DATABASE_URL;
		delete env.VITEST;
		const child = spawn(process.execPath, ['scripts/demo/reset.ts', ...args], { env });
		let out = '';
		let err = '';
		child.stdout.on('data', (b) => (out += b));
		child.stderr.on('data', (b) => (err += b));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out, err }));
	});
}

describe('npm run demo:reset', () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'convive-demo-'));
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it('refuses bad arguments with exit code 2', { timeout: 60_000 }, async () => {
		const r = await runReset(dataDir, ['--forse']);
		expect(r.code).toBe(2);
		expect(r.err).toContain('Unknown argument: --forse');
	});

	// (Resetting an already seeded database is covered in-process above; one child run keeps this quick.)
	it('loads the demo into a fresh embedded database', async () => {
		const first = await runReset(dataDir);
		expect(first.err).toBe('');
		expect(first.code).toBe(0);
		expect(first.out).toContain('admin@portavera.example');
		expect(first.out).toContain('the audit log was kept');
	}, 180_000);

	it('says "stop the server first" while another process has the embedded database open', async () => {
		const holder = spawn(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`import { PGlite } from '@electric-sql/pglite';
				 const c = new PGlite(process.argv[1]); await c.waitReady; await c.query('select 1');
				 console.log('ready'); setTimeout(() => c.close(), 60000);`,
				path.join(dataDir, 'pglite')
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		try {
			await new Promise<void>((resolve, reject) => {
				holder.stdout.on('data', (b) => String(b).includes('ready') && resolve());
				holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
			});
			const r = await runReset(dataDir);
			expect(r.code).toBe(1);
			expect(r.err).toContain('stop the server first');
			expect(r.err).toContain(String(holder.pid));
		} finally {
			holder.kill('SIGTERM');
			await new Promise((resolve) => (holder.exitCode !== null ? resolve(null) : holder.on('exit', resolve)));
		}
	}, 180_000);
});

describe('the demo city\'s neighbourhood activities', () => {
	const city = generateDemoCity();
	const a = city.activities;
	const base = Date.parse(DEMO_BASE_DATE);

	it('has 400 published activities over the coming two months, of every kind, with houses, proposals and one rejected', () => {
		const published = a.activities.filter((x) => x.status === 'published');
		expect(published).toHaveLength(DEMO_ACTIVITIES);
		expect(a.activities.filter((x) => x.status === 'proposed')).toHaveLength(DEMO_PENDING_PROPOSALS);
		expect(a.activities.filter((x) => x.status === 'rejected')).toHaveLength(1);
		for (const x of published) {
			expect(Date.parse(x.startsAt)).toBeGreaterThanOrEqual(base - 86_400_000);
			expect(Date.parse(x.startsAt)).toBeLessThan(base + 62 * 86_400_000);
			expect(Date.parse(x.endsAt)).toBeGreaterThan(Date.parse(x.startsAt));
			if (x.onlineUrl) expect(x.onlineUrl.startsWith('https://')).toBe(true);
		}
		expect(new Set(published.map((x) => x.kind))).toEqual(new Set(['activity', 'event', 'training', 'networking']));
		expect(published.filter((x) => x.audience === 'volunteers').length).toBeGreaterThan(20);
		expect(published.filter((x) => x.proposedBy !== null).length).toBeGreaterThan(10);
		expect(a.houses.length).toBeGreaterThanOrEqual(10);
		const houseNbs = new Set(a.houses.map((h) => h.neighbourhoodId));
		for (const p of a.activities.filter((x) => x.status !== 'published')) expect(houseNbs.has(p.neighbourhoodId!)).toBe(true);
	});

	it('has RSVPs within capacity, full activities with a waiting list, and two for the featured newcomer', () => {
		const byActivity = new Map<string, typeof a.rsvps>();
		for (const r of a.rsvps) byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r]);
		let full = 0;
		for (const x of a.activities) {
			const rs = byActivity.get(x.id) ?? [];
			expect(new Set(rs.map((r) => r.userId)).size).toBe(rs.length);
			const going = rs.filter((r) => r.status === 'going').length;
			if (x.capacity !== null) expect(going).toBeLessThanOrEqual(x.capacity);
			if (rs.some((r) => r.status === 'waitlisted')) full++;
			for (const r of rs) expect(r.createdAt <= DEMO_BASE_DATE).toBe(true);
		}
		expect(full).toBeGreaterThan(10);
		const featured = city.users.find((u) => u.email === 'newcomer@portavera.example')!;
		expect(a.rsvps.filter((r) => r.userId === featured.id)).toHaveLength(2);
	});
});

describe("the demo city's surveys", () => {
	const city = generateDemoCity();
	const s = city.surveys;

	it('has one open survey with 300 responses and one closed with 150, in several languages, with every kind of question', () => {
		const [open, closed] = s.surveys;
		expect(open.status).toBe('published');
		expect(Date.parse(open.closesAt)).toBeGreaterThan(Date.parse(DEMO_BASE_DATE));
		expect(closed.status).toBe('closed');
		expect(Date.parse(closed.closesAt)).toBeLessThan(Date.parse(DEMO_BASE_DATE));
		expect(s.responses.filter((r) => r.surveyId === open.id)).toHaveLength(300);
		expect(s.responses.filter((r) => r.surveyId === closed.id)).toHaveLength(150);
		expect(new Set(s.responses.map((r) => r.locale)).size).toBeGreaterThanOrEqual(6);
		for (const x of s.surveys) expect(Object.keys(x.title).length).toBeGreaterThanOrEqual(5);
		expect(new Set(s.questions.map((q) => q.kind))).toEqual(new Set(['single', 'multiple', 'scale', 'text']));
		// Every answer is to a question of its response's survey, and a choice of that question.
		const surveyOf = new Map(s.responses.map((r) => [r.id, r.surveyId]));
		const question = new Map(s.questions.map((q) => [q.id, q]));
		const choiceQ = new Map(s.choices.map((c) => [c.id, c.questionId]));
		for (const a of s.answers) {
			expect(question.get(a.questionId)!.surveyId).toBe(surveyOf.get(a.responseId));
			if (a.choiceId) expect(choiceQ.get(a.choiceId)).toBe(a.questionId);
		}
		// Some counts are small, so the results page shows suppression at work.
		const perChoice = new Map<string, number>();
		for (const a of s.answers) if (a.choiceId) perChoice.set(a.choiceId, (perChoice.get(a.choiceId) ?? 0) + 1);
		expect(s.choices.some((c) => (perChoice.get(c.id) ?? 0) < 5)).toBe(true);
	});
});

describe('the demo city\'s co-creation', () => {
	const city = generateDemoCity();
	const c = city.cocreation;
	const base = Date.parse(DEMO_BASE_DATE);
	const phase = (x: (typeof c.calls)[number]) => {
		const t = base;
		return t < Date.parse(x.opensAt) ? 'upcoming' : t < Date.parse(x.reviewAt) ? 'ideas' : t < Date.parse(x.selectionAt) ? 'review' : t < Date.parse(x.resultsAt) ? 'selection' : t < Date.parse(x.followUpAt) ? 'results' : 'follow_up';
	};

	it('has three calls in different phases with 150 ideas in many languages', () => {
		expect(c.calls.map(phase)).toEqual(['ideas', 'review', 'follow_up']);
		expect(c.ideas).toHaveLength(DEMO_IDEAS);
		expect(new Set(c.ideas.map((i) => i.language)).size).toBeGreaterThanOrEqual(8);
		expect(c.calls.map((x) => x.audience)).toEqual(['anyone', 'residents', 'organisations']);
		for (const i of c.ideas.filter((x) => x.callId === c.calls[2].id)) expect(i.organisationId).not.toBeNull();
		const featured = city.users.find((u) => u.email === 'newcomer@portavera.example')!;
		expect(c.ideas.filter((i) => i.authorId === featured.id).map((i) => i.language)).toEqual(['ar']);
	});

	it('counts every support once, never the author’s own, and keeps counts equal to the rows', () => {
		const pairs = new Set(c.supports.map((s) => `${s.ideaId}/${s.userId}`));
		expect(pairs.size).toBe(c.supports.length);
		const author = new Map(c.ideas.map((i) => [i.id, i.authorId]));
		for (const s of c.supports) expect(s.userId).not.toBe(author.get(s.ideaId));
		for (const i of c.ideas) {
			expect(c.supports.filter((s) => s.ideaId === i.id)).toHaveLength(i.supportCount);
			expect(c.comments.filter((x) => x.ideaId === i.id)).toHaveLength(i.commentCount);
		}
		expect(c.supports.length).toBeGreaterThan(1000);
	});

	it('threads replies under comments of the same idea, with official answers, and a hidden comment with its reason', () => {
		const byId = new Map(c.comments.map((x) => [x.id, x]));
		for (const x of c.comments.filter((y) => y.parentId)) {
			const parent = byId.get(x.parentId!)!;
			expect(parent.ideaId).toBe(x.ideaId);
			expect(parent.parentId).toBeNull();
		}
		expect(c.comments.filter((x) => x.official).length).toBeGreaterThan(3);
		const hidden = c.comments.filter((x) => x.hiddenAt);
		expect(hidden).toHaveLength(1);
		expect(hidden[0].hiddenReason).toBeTruthy();
		expect(c.decisions.map((d) => d.subjectId)).toEqual([hidden[0].id]);
		expect(c.reports.filter((r) => r.resolvedAt === null)).toHaveLength(1);
	});

	it('scores only on the call’s own criteria, never by a juror on their own idea or one they declared a conflict with; results and pilots only for the finished call', () => {
		const criteria = new Map(c.criteria.map((x) => [x.id, x.callId]));
		const idea = new Map(c.ideas.map((i) => [i.id, i]));
		const jurors = new Set(c.jurors.map((j) => `${j.callId}/${j.userId}`));
		for (const s of c.scores) {
			const i = idea.get(s.ideaId)!;
			expect(criteria.get(s.criterionId)).toBe(i.callId);
			expect(jurors.has(`${i.callId}/${s.jurorId}`)).toBe(true);
			expect(s.jurorId).not.toBe(i.authorId);
			expect(s.score).toBeGreaterThanOrEqual(0);
			expect(s.score).toBeLessThanOrEqual(10);
			expect(c.conflicts.some((x) => x.ideaId === s.ideaId && x.jurorId === s.jurorId)).toBe(false);
		}
		expect(c.scores.filter((s) => idea.get(s.ideaId)!.callId === c.calls[0].id)).toHaveLength(0);
		expect(c.ideas.filter((i) => i.status === 'selected').map((i) => i.callId)).toEqual([c.calls[2].id, c.calls[2].id, c.calls[2].id]);
		expect(c.calls.map((x) => x.resultsPublishedAt !== null)).toEqual([false, false, true]);
		expect(c.pilots.map((p) => idea.get(p.ideaId)!.status)).toEqual(['selected', 'selected']);
		expect(c.pilotUpdates.length).toBeGreaterThanOrEqual(3);
	});
});
