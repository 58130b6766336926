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
import { seedDemo, seedDemoIfEmpty } from '../../scripts/demo/seed.ts';
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
		// If this changes, the demo city changed: update it on purpose, never by accident.
		expect(hash).toMatchInlineSnapshot(`"c973fe02c8561468a386db1402169947a73c4d7ce45770a2401b270293280d89"`);
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
		const { directory, ...people } = city;
		const keys = [...keysOf(people)];
		expect(keys.length).toBeGreaterThan(10);
		expect(keys.filter((k) => FORBIDDEN_KEY.test(k))).toEqual([]);
		// The directory describes services, not people: its only such key is a service's
		// operating status (HSDS service.status: active, temporarily closed).
		expect([...keysOf(directory)].filter((k) => FORBIDDEN_KEY.test(k))).toEqual(['status']);
		expect(new Set(directory.services.map((s) => s.status))).toEqual(new Set(['active', 'temporarily closed']));
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

	it('keeps its invariants for any seed (directory included)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
				checkInvariants(generateDemoCity(seed));
			}),
			{ numRuns: 15 }
		);
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
	| 'service_areas';

async function count(db: Db, table: Counted): Promise<number> {
	const r = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
	return Number(r.rows[0].n);
}

// These run in order on one database: each builds on what the one before left.
describe('seeding the demo city', { timeout: 90_000 }, () => {
	let d: TestDatabase;
	let printed = '';
	const savedFlag = process.env.CONVIVE_DEMO;

	beforeAll(async () => {
		d = await testDatabase();
	});
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
		// A guard against a slow seed (row-by-row inserts would take minutes); it takes 3–5 s on an
		// idle machine, and this bound leaves room for a busy, shared CI machine.
		expect(result!.ms).toBeLessThan(60_000);

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
