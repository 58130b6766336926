/**
 * The scoring model shared by every programme that matches people to places
 * (issue 5, docs/decisions/018-matching-scoring.md): guardians to children,
 * volunteers to opportunities, buddies to newcomers, placements.
 *
 * A pair is one profile of the "person" side (a child, a volunteer, a
 * newcomer) and one of the "slot" side (a guardian, an opportunity, a buddy).
 * Scoring a pair is two steps, both pure:
 *
 * 1. Hard rules. A pair that breaks one is never allowed, whatever its score:
 *    - requireSharedLanguage: the two sides share at least one language;
 *    - requireSafeguarding: when either side involves children, the side that
 *      cares for them (`safeguardingSide`, default the slot: the guardian, the
 *      buddy; 'person' for a volunteer going to a children's opportunity) holds
 *      a safeguarding clearance valid on `today` (valid through its last day);
 *    - requireAvailabilityOverlap: at least one part of the week in common;
 *    - maxDistanceKm: the two places are at most this far apart;
 *    - respectGenderPreference: a side that asked for a gender gets it.
 *    Capacity is the engine's own rule (people and slots carry it).
 *    A rule the programme demands cannot be satisfied by missing data: no
 *    language recorded fails the shared-language rule, no place fails the
 *    distance rule, no availability fails the overlap rule, an unrecorded
 *    gender fails a preference, no clearance date fails safeguarding. A rule
 *    the programme does not demand never looks at the data.
 *
 * 2. Weighted preferences. Each criterion gives `weight × value` points with
 *    value in [0, 1]; the score is their sum (0–500, at most 100 with the
 *    default weights, which add up to 100):
 *    - languages: shared languages, min(shared, 3) / 3;
 *    - distance: 1 − km / reference, never below 0; the reference is the
 *      programme's maxDistanceKm, else DISTANCE_REFERENCE_KM = 10 km (a city
 *      crossed by public transport in about an hour);
 *    - interests: shared interests, min(shared, 3) / 3;
 *    - skills: skills one side offers that the other wants, both ways,
 *      min(matches, 3) / 3;
 *    - availability: parts of the week both are free, min(shared, 6) / 6
 *      (six shared half-days or evenings a week is plenty to meet weekly).
 *    Missing data is neither rewarded nor punished: a criterion whose data
 *    is missing on either side is left out (0 points, not in the explanation).
 *    Points are rounded to hundredths, and the score is the sum of the
 *    rounded points, so an explanation always adds up.
 *
 * Default settings (DEFAULT_SETTINGS): safeguarding and gender preference on,
 * the other rules off, no maximum distance; weights languages 40, distance
 * 25, availability 15, interests 10, skills 10; objective count-then-score
 * (first as many people matched as possible, then the best total score), so
 * a child is not left without a guardian because no pair scores well.
 * Each kind of programme's own defaults are in defaults.ts (guardianship:
 * languages 60, distance 40; volunteering: the volunteer holds the
 * clearance, a free time in common is required).
 *
 * Availability is a 21-bit mask: bit (day × 3 + part), day 0 = Monday … 6 =
 * Sunday, part 0 = morning, 1 = afternoon, 2 = evening.
 */
import { z } from 'zod';
import type { PairRef, Problem } from '../../matching/types.ts';

export const DISTANCE_REFERENCE_KM = 10;
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export const DAYS = 7;
export const AVAILABILITY_BITS = DAYS * PARTS_OF_DAY.length;
export const ALL_WEEK = 2 ** AVAILABILITY_BITS - 1;

export const hardRules = ['shared-language', 'safeguarding', 'availability-overlap', 'max-distance', 'gender-preference'] as const;
export type HardRule = (typeof hardRules)[number];

export const criteria = ['languages', 'distance', 'interests', 'skills', 'availability'] as const;
export type CriterionName = (typeof criteria)[number];

/** A calendar date, YYYY-MM-DD. */
export type Ymd = string;

export interface Place {
	lat: number;
	lon: number;
}

/** A place from a (left-joined, so maybe missing) latitude and longitude, e.g. a neighbourhood's centre. */
export const placeOf = (r: { lat: number | null; lon: number | null }): Place | null => (r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null);

/** What the model knows about one side of a pair; every field is optional. */
export interface MatchProfile {
	id: string;
	/** ISO 639-1 codes. */
	languages?: readonly string[] | null;
	/** A point, or a neighbourhood's centroid. */
	location?: Place | null;
	/** Weekly availability, see the module header. */
	availability?: number | null;
	interests?: readonly string[] | null;
	skillsOffered?: readonly string[] | null;
	skillsWanted?: readonly string[] | null;
	gender?: string | null;
	/** The gender this side asked the other side to be. */
	genderPreference?: string | null;
	/** The last day a safeguarding clearance (e.g. a criminal-record certificate) is valid. */
	safeguardingUntil?: Ymd | null;
	/** This side is a child, or the activity involves children or vulnerable adults. */
	involvesChildren?: boolean;
}

/** A profile as the engine takes it: with its capacity and its groups for the fairness report. */
export interface SideProfile extends MatchProfile {
	capacity?: number;
	groups?: Record<string, string>;
}

const weight = z.number({ error: 'matching_weight_invalid' }).min(0, { error: 'matching_weight_invalid' }).max(100, { error: 'matching_weight_invalid' });

export const rulesSchema = z.object({
	requireSharedLanguage: z.boolean().default(false),
	requireSafeguarding: z.boolean().default(true),
	requireAvailabilityOverlap: z.boolean().default(false),
	/** null: no maximum. */
	maxDistanceKm: z
		.number({ error: 'matching_distance_invalid' })
		.min(0, { error: 'matching_distance_invalid' })
		.max(500, { error: 'matching_distance_invalid' })
		.nullable()
		.default(null),
	respectGenderPreference: z.boolean().default(true)
});

export const weightsSchema = z.object({
	languages: weight.default(40),
	distance: weight.default(25),
	interests: weight.default(10),
	skills: weight.default(10),
	availability: weight.default(15)
});

/** A programme's settings, as stored in matching_programmes.settings; missing keys take the defaults. */
export const settingsSchema = z.object({
	rules: rulesSchema.prefault({}),
	weights: weightsSchema.prefault({}),
	objective: z.enum(['score', 'count-then-score']).default('count-then-score'),
	safeguardingSide: z.enum(['person', 'slot']).default('slot')
});
export type ProgrammeSettings = z.infer<typeof settingsSchema>;
export type Weights = ProgrammeSettings['weights'];
export type Rules = ProgrammeSettings['rules'];

export const DEFAULT_SETTINGS: ProgrammeSettings = settingsSchema.parse({});

/** Stored or posted settings → valid settings; throws a ZodError naming the bad field. */
export function parseSettings(input: unknown): ProgrammeSettings {
	return settingsSchema.parse(input ?? {});
}

/** One line of an explanation. `value` is what a coordinator reads; `points` add up to the score. */
export type Criterion =
	| { criterion: 'languages'; value: string[]; points: number }
	| { criterion: 'distance'; value: number; points: number }
	| { criterion: 'interests'; value: string[]; points: number }
	| { criterion: 'skills'; value: string[]; points: number }
	| { criterion: 'availability'; value: number; points: number };

export type PairScore = { allowed: false; rule: HardRule } | { allowed: true; score: number; criteria: Criterion[] };

export interface ScoreOptions {
	/** The day safeguarding clearances are checked against (the city's today). */
	today: Ymd;
}

const EARTH_KM = 6371.0088;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Place, b: Place): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Number of bits set in a 21-bit mask. */
export function bitCount(mask: number): number {
	let n = 0;
	for (let m = mask & ALL_WEEK; m; m &= m - 1) n++;
	return n;
}

/** The bit of one part of one day (day 0 = Monday). */
export const availabilityBit = (day: number, part: number) => 1 << (day * PARTS_OF_DAY.length + part);

const hundredths = (x: number) => Math.round(x * 100);
const RAD = Math.PI / 180;

/**
 * A profile read once (lists normalised into sets, the place in radians),
 * so that scoring a pair allocates nothing but what it returns: a programme
 * of 3,000 volunteers × 300 opportunities scores 900,000 pairs.
 */
interface Prepared {
	languages: string[] | null;
	languageSet: Set<string> | null;
	interests: string[] | null;
	interestSet: Set<string> | null;
	offered: string[] | null;
	offeredSet: Set<string> | null;
	wanted: string[] | null;
	wantedSet: Set<string> | null;
	/** Latitude and longitude in radians, and the cosine of the latitude. */
	place: { lat: number; lon: number; cos: number } | null;
	mask: number | null;
	gender: string | null;
	preference: string | null;
	children: boolean;
	clearance: Ymd | null;
}

const norm = (xs: readonly string[] | null | undefined) => {
	if (!xs || !xs.length) return null;
	const out = [...new Set(xs.map((x) => String(x).trim().toLowerCase()).filter((x) => x !== ''))].sort();
	return out.length ? out : null;
};
const text = (x: string | null | undefined) => (typeof x === 'string' && x.trim() !== '' ? x.trim().toLowerCase() : null);
const validPlace = (p: Place | null | undefined): p is Place =>
	!!p && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
const validMask = (m: number | null | undefined): m is number => typeof m === 'number' && Number.isInteger(m) && m >= 0;

function prepare(p: MatchProfile): Prepared {
	const languages = norm(p.languages);
	const interests = norm(p.interests);
	const offered = norm(p.skillsOffered);
	const wanted = norm(p.skillsWanted);
	const place = validPlace(p.location) ? { lat: p.location.lat * RAD, lon: p.location.lon * RAD, cos: Math.cos(p.location.lat * RAD) } : null;
	return {
		languages,
		languageSet: languages && new Set(languages),
		interests,
		interestSet: interests && new Set(interests),
		offered,
		offeredSet: offered && new Set(offered),
		wanted,
		wantedSet: wanted && new Set(wanted),
		place,
		mask: validMask(p.availability) ? p.availability & ALL_WEEK : null,
		gender: text(p.gender),
		preference: text(p.genderPreference),
		children: p.involvesChildren === true,
		clearance: p.safeguardingUntil ?? null
	};
}

const countIn = (a: string[], b: Set<string>) => {
	let n = 0;
	for (const x of a) if (b.has(x)) n++;
	return n;
};
const listIn = (a: string[], b: Set<string>) => a.filter((x) => b.has(x));

function km(a: Prepared, b: Prepared): number {
	const pa = a.place!;
	const pb = b.place!;
	const h = Math.sin((pb.lat - pa.lat) / 2) ** 2 + pa.cos * pb.cos * Math.sin((pb.lon - pa.lon) / 2) ** 2;
	return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The first hard rule the pair breaks, in the order of `hardRules`, or null. */
function ruleOf(a: Prepared, b: Prepared, settings: ProgrammeSettings, today: Ymd): HardRule | null {
	const r = settings.rules;
	if (r.requireSharedLanguage && (!a.languages || !b.languageSet || countIn(a.languages, b.languageSet) === 0)) return 'shared-language';
	if (r.requireSafeguarding && (a.children || b.children)) {
		const carer = settings.safeguardingSide === 'slot' ? b : a;
		if (!carer.clearance || carer.clearance < today) return 'safeguarding';
	}
	if (r.requireAvailabilityOverlap && (a.mask === null || b.mask === null || (a.mask & b.mask) === 0)) return 'availability-overlap';
	if (r.maxDistanceKm !== null && (!a.place || !b.place || km(a, b) > r.maxDistanceKm)) return 'max-distance';
	if (r.respectGenderPreference) {
		if (a.preference && a.preference !== b.gender) return 'gender-preference';
		if (b.preference && b.preference !== a.gender) return 'gender-preference';
	}
	return null;
}

/**
 * The score of an allowed pair in hundredths of a point, and (when asked)
 * the criteria that make it; the one computation serves both, so the
 * explanation always adds up to the score.
 */
function evaluate(a: Prepared, b: Prepared, settings: ProgrammeSettings, explain: boolean): { hundredths: number; criteria: Criterion[] } {
	const w = settings.weights;
	const out: Criterion[] = [];
	let sum = 0;
	const pts = (weightOf: number, value: number) => hundredths(weightOf * Math.max(0, Math.min(1, value)));

	if (w.languages > 0 && a.languages && b.languageSet) {
		const n = countIn(a.languages, b.languageSet);
		const p = pts(w.languages, Math.min(n, 3) / 3);
		sum += p;
		if (explain) out.push({ criterion: 'languages', value: listIn(a.languages, b.languageSet), points: p / 100 });
	}
	if (w.distance > 0 && a.place && b.place) {
		const d = km(a, b);
		const p = pts(w.distance, 1 - d / (settings.rules.maxDistanceKm || DISTANCE_REFERENCE_KM));
		sum += p;
		if (explain) out.push({ criterion: 'distance', value: Math.round(d * 10) / 10, points: p / 100 });
	}
	if (w.interests > 0 && a.interests && b.interestSet) {
		const n = countIn(a.interests, b.interestSet);
		const p = pts(w.interests, Math.min(n, 3) / 3);
		sum += p;
		if (explain) out.push({ criterion: 'interests', value: listIn(a.interests, b.interestSet), points: p / 100 });
	}
	// Skills count when at least one direction has both an offer and a want.
	if (w.skills > 0 && ((a.offered && b.wantedSet) || (b.offered && a.wantedSet))) {
		// Distinct skills in (a offers ∩ b wants) ∪ (b offers ∩ a wants).
		let n = a.offered && b.wantedSet ? countIn(a.offered, b.wantedSet) : 0;
		if (b.offered && a.wantedSet) for (const x of b.offered) if (a.wantedSet.has(x) && !(a.offeredSet?.has(x) && b.wantedSet?.has(x))) n++;
		const p = pts(w.skills, Math.min(n, 3) / 3);
		sum += p;
		if (explain) {
			const value = [...new Set([...(a.offered && b.wantedSet ? listIn(a.offered, b.wantedSet) : []), ...(b.offered && a.wantedSet ? listIn(b.offered, a.wantedSet) : [])])].sort();
			out.push({ criterion: 'skills', value, points: p / 100 });
		}
	}
	if (w.availability > 0 && a.mask !== null && b.mask !== null) {
		const n = bitCount(a.mask & b.mask);
		const p = pts(w.availability, Math.min(n, 6) / 6);
		sum += p;
		if (explain) out.push({ criterion: 'availability', value: n, points: p / 100 });
	}
	return { hundredths: sum, criteria: out };
}

/** The first hard rule the pair breaks, in the order of `hardRules`, or null. */
export function brokenRule(person: MatchProfile, slot: MatchProfile, settings: ProgrammeSettings, opts: ScoreOptions): HardRule | null {
	return ruleOf(prepare(person), prepare(slot), settings, opts.today);
}

/** The weighted criteria of a pair; only those with data on both sides and a weight above 0. */
export function scoreCriteria(person: MatchProfile, slot: MatchProfile, settings: ProgrammeSettings): Criterion[] {
	return evaluate(prepare(person), prepare(slot), settings, true).criteria;
}

/** One pair: refused by a hard rule, or allowed with its score and the criteria that make it. */
export function scorePair(person: MatchProfile, slot: MatchProfile, settings: ProgrammeSettings, opts: ScoreOptions): PairScore {
	const a = prepare(person);
	const b = prepare(slot);
	const rule = ruleOf(a, b, settings, opts.today);
	if (rule) return { allowed: false, rule };
	const e = evaluate(a, b, settings, true);
	return { allowed: true, score: e.hundredths / 100, criteria: e.criteria };
}

/** The key of a pair in the maps buildProblem returns. */
export const pairKey = (person: string, slot: string) => `${person}\u0000${slot}`;

export interface BuildOptions extends ScoreOptions {
	fixed?: readonly PairRef[];
	forbidden?: readonly PairRef[];
}

/** The criteria of an allowed pair, by pairKey; computed when asked (a problem may hold a million pairs). */
export interface CriteriaLookup {
	get(key: string): Criterion[] | undefined;
}

export interface BuiltProblem {
	problem: Problem;
	/** pairKey → the criteria of an allowed pair (what the UI explains); undefined for a pair not allowed or unknown. */
	criteria: CriteriaLookup;
	/** person id → how many slots each hard rule excluded for them (why someone has no allowed slot). */
	excludedBy: Map<string, Partial<Record<HardRule, number>>>;
	/** Fixed pairs left out: an unknown id, or a pair a hard rule excludes (with the rule). */
	rejectedFixed: { person: string; slot: string; rule: HardRule | 'unknown' }[];
	/** Forbidden pairs naming an unknown id, left out. */
	rejectedForbidden: PairRef[];
}

/**
 * Every pair of `people` × `slots` scored under `settings`: the allowed ones
 * become the engine's pairs, with the coordinator's fixed and forbidden pairs
 * (those naming unknown people or slots, and fixed pairs a hard rule excludes,
 * are returned apart instead of failing the whole problem).
 */
export function buildProblem(people: readonly SideProfile[], slots: readonly SideProfile[], settings: ProgrammeSettings, opts: BuildOptions): BuiltProblem {
	const today = opts.today;
	const pp = people.map(prepare);
	const ps = slots.map(prepare);
	const pairs: Problem['pairs'] = [];
	const excludedBy = new Map<string, Partial<Record<HardRule, number>>>();
	for (let i = 0; i < people.length; i++) {
		const counts: Partial<Record<HardRule, number>> = {};
		const a = pp[i];
		const person = people[i].id;
		for (let j = 0; j < slots.length; j++) {
			const rule = ruleOf(a, ps[j], settings, today);
			if (rule) counts[rule] = (counts[rule] ?? 0) + 1;
			else pairs.push({ person, slot: slots[j].id, score: evaluate(a, ps[j], settings, false).hundredths / 100 });
		}
		excludedBy.set(person, counts);
	}
	const personAt = new Map(people.map((p, i) => [p.id, i]));
	const slotAt = new Map(slots.map((s, j) => [s.id, j]));
	const known = (x: PairRef) => personAt.has(x.person) && slotAt.has(x.slot);
	const rule = (x: PairRef) => ruleOf(pp[personAt.get(x.person)!], ps[slotAt.get(x.slot)!], settings, today);
	const dedupe = (xs: readonly PairRef[]) => [...new Map(xs.map((x) => [pairKey(x.person, x.slot), { person: x.person, slot: x.slot }])).values()];

	const rejectedFixed: BuiltProblem['rejectedFixed'] = [];
	const forbidden = dedupe(opts.forbidden ?? []);
	const forbiddenKeys = new Set(forbidden.map((x) => pairKey(x.person, x.slot)));
	const fixed: PairRef[] = [];
	for (const f of dedupe(opts.fixed ?? [])) {
		const broken = known(f) ? rule(f) : null;
		if (!known(f)) rejectedFixed.push({ ...f, rule: 'unknown' });
		else if (broken) rejectedFixed.push({ ...f, rule: broken });
		else if (!forbiddenKeys.has(pairKey(f.person, f.slot))) fixed.push(f); // forbidding wins over fixing: the later, stricter choice
	}
	const cache = new Map<string, Criterion[]>();
	const criteria: CriteriaLookup = {
		get(key) {
			const hit = cache.get(key);
			if (hit) return hit;
			const [person, slot] = key.split('\u0000');
			const ref = { person, slot };
			if (!known(ref) || rule(ref)) return undefined;
			const list = evaluate(pp[personAt.get(person)!], ps[slotAt.get(slot)!], settings, true).criteria;
			cache.set(key, list);
			return list;
		}
	};
	const problem: Problem = {
		people: people.map((p) => ({ id: p.id, capacity: p.capacity ?? 1, ...(p.groups ? { groups: p.groups } : {}) })),
		slots: slots.map((s) => ({ id: s.id, capacity: s.capacity ?? 1 })),
		pairs,
		objective: settings.objective,
		fixed,
		forbidden: forbidden.filter(known)
	};
	return { problem, criteria, excludedBy, rejectedFixed, rejectedForbidden: forbidden.filter((x) => !known(x)) };
}
