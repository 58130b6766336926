/**
 * The demo city's service directory: about 1,500 services of the demo
 * organisations with their locations, opening hours, phones, contacts,
 * costs, required documents and service areas.
 *
 * Pure and deterministic like the rest of the generator: it gets its own
 * PRNG stream, the city's neighbourhoods, organisations and people, and what
 * each organisation does (`profiles`), and returns plain rows for seed.ts.
 * The phrases are in directory-texts.ts.
 *
 * Deliberate gaps (so the ecosystem map has something to show; see
 * docs/decisions/012-demo-city.md): DEMO_GAPS below.
 */
import type { NeedCode } from '../../src/lib/directory/taxonomy.ts';
import {
	ACCESS,
	APPLY,
	COSTS,
	DIRECTIONS,
	DOCUMENTS,
	ELIGIBILITY,
	EXCEPTIONS,
	HOURS,
	INTERPRETER,
	KIND_BY_KEY,
	LANDMARKS,
	OFFERED_BY,
	QUALIFIERS,
	REDUCED,
	STREETS,
	TEXT_LOCALES,
	T,
	WHOLE_CITY,
	type HoursKey,
	type Kind,
	type QualifierKey,
	type Text6,
	type TextLocale
} from './directory-texts.ts';

/** Text per locale, as stored (a subset of the interface locales). */
export type DemoText = Partial<Record<TextLocale, string>>;

export interface DemoService {
	id: string;
	organisationId: string;
	/** Which template it was built from (not stored; useful to tests and benches). */
	kind: string;
	name: DemoText;
	description: DemoText;
	eligibility: DemoText;
	applicationProcess: DemoText;
	feesDescription: DemoText;
	url: string | null;
	email: string | null;
	status: 'active' | 'temporarily closed';
	needs: NeedCode[];
	features: string[];
	languages: string[];
	minimumAge: number | null;
	maximumAge: number | null;
	lastVerifiedAt: string;
	lastVerifiedBy: string | null;
	reminder6SentAt: string | null;
	reminder9SentAt: string | null;
	createdAt: string;
}

export interface DemoLocation {
	id: string;
	organisationId: string;
	name: DemoText;
	transportation: DemoText;
	address1: string;
	city: string;
	postalCode: string;
	latitude: number;
	longitude: number;
	neighbourhoodId: string;
	wheelchairAccessible: boolean;
	accessibility: DemoText;
	createdAt: string;
}

export interface DemoServiceAtLocation {
	id: string;
	serviceId: string;
	locationId: string;
}

export interface DemoSchedule {
	id: string;
	serviceId: string;
	locationId: string | null;
	kind: 'weekly' | 'exception';
	weekday: number | null;
	opensAt: string | null;
	closesAt: string | null;
	validFrom: string | null;
	validTo: string | null;
	closed: boolean;
	description: DemoText;
}

export interface DemoPhone {
	id: string;
	serviceId: string | null;
	locationId: string | null;
	number: string;
	type: 'voice' | 'text';
	description: DemoText;
	languages: string[];
}

export interface DemoContact {
	id: string;
	serviceId: string;
	name: string;
	title: string;
	email: string | null;
	phone: string | null;
}

export interface DemoCostOption {
	id: string;
	serviceId: string;
	option: DemoText;
	amountCents: number;
	currency: 'EUR';
	amountDescription: DemoText;
}

export interface DemoRequiredDocument {
	id: string;
	serviceId: string;
	document: DemoText;
}

export interface DemoServiceArea {
	id: string;
	serviceId: string;
	neighbourhoodId: string | null;
	name: string;
	description: DemoText;
}

export interface DemoDirectory {
	services: DemoService[];
	locations: DemoLocation[];
	serviceAtLocations: DemoServiceAtLocation[];
	schedules: DemoSchedule[];
	phones: DemoPhone[];
	contacts: DemoContact[];
	costOptions: DemoCostOption[];
	requiredDocuments: DemoRequiredDocument[];
	serviceAreas: DemoServiceArea[];
}

/** What an organisation does: the service kinds it offers and the languages its people speak. */
export interface OrgProfile {
	kinds: readonly string[];
	languages: readonly string[];
}

/** The number of services in the demo city. */
export const DEMO_SERVICE_COUNT = 1500;

/**
 * Cells of the needs × neighbourhoods map left empty on purpose. A service
 * "is in" a neighbourhood when one of its locations is, or its organisation
 * is based there; remote services never carry these needs.
 */
export const DEMO_GAPS: readonly { need: NeedCode; absentFrom?: readonly string[]; onlyIn?: readonly string[]; why: string }[] = [
	{
		need: 'mental-health',
		absentFrom: ['monte-acero', 'valle-dei-carrubi'],
		why: 'no psychological support in the two hill neighbourhoods in the north'
	},
	{
		need: 'family-reunification',
		onlyIn: ['lanterna-vecchia'],
		why: 'family reunification advice only in the old town centre'
	}
];
/** No location in this neighbourhood is wheelchair accessible (steep lanes and steps). */
export const DEMO_NO_WHEELCHAIR = 'monte-acero';

// ---------------------------------------------------------------------------
// What each kind of organisation offers

export const PUBLIC_BODY_KINDS: Record<string, readonly string[]> = {
	'Portavera City Social Services': ['benefits', 'housing-advice', 'parenting', 'budgeting', 'documents-help', 'food-bank', 'night-shelter'],
	'Portavera Guardianship Office': ['guardians', 'leaving-care', 'documents-help', 'psych-support'],
	'Portavera Municipal Integration Office': ['documents-help', 'asylum-info', 'family-reunification', 'mediation', 'helpline', 'buddy', 'volunteer', 'family-tracing'],
	'Portavera Work Mediation Centre': ['job-counselling', 'traineeships', 'vocational-course', 'qualifications', 'digital-skills'],
	'Portavera Housing Agency': ['social-housing', 'housing-advice', 'night-shelter', 'tenant-rights'],
	'Portavera Adult Education Centre': ['italian-a1', 'italian-evening', 'literacy', 'adult-diploma', 'italian-women', 'digital-skills', 'online-italian'],
	'Portavera Health District – Open Clinic': ['walk-in-clinic', 'health-registration', 'vaccinations', 'womens-health', 'psych-support', 'trauma-counselling', 'dental'],
	'Portavera Public Libraries': ['library', 'conversation', 'homework', 'digital-skills', 'cultural-events'],
	'Portavera Youth Services': ['homework', 'sports', 'leaving-care', 'summer-camp', 'community-house', 'job-counselling'],
	'Portavera Civic Registry Desk': ['registry', 'documents-help', 'residence-permit'],
	'Portavera Family Counselling Centre': ['parenting', 'psych-support', 'peer-group', 'violence-support', 'playgroup'],
	'Portavera Schools Welcome Office': ['school-enrolment', 'italian-children', 'homework', 'mother-tongue'],
	'Portavera Equality and Anti-Discrimination Office': ['anti-discrimination', 'legal-advice', 'helpline', 'mediation'],
	'Portavera Neighbourhood Houses Network': ['community-house', 'cultural-events', 'volunteer', 'conversation', 'playgroup', 'sports', 'buddy']
};

/** NGO focus (the phrases in their descriptions) → service kinds. */
export const NGO_FOCUS_KINDS: Record<string, readonly string[]> = {
	'free language classes': ['italian-a1', 'italian-evening', 'conversation', 'literacy', 'online-italian'],
	'legal advice': ['legal-advice', 'asylum-info', 'asylum-interview', 'residence-permit', 'family-reunification'],
	'housing support': ['housing-advice', 'tenant-rights', 'night-shelter'],
	'help with job applications': ['job-counselling', 'digital-skills', 'qualifications'],
	'psychological support': ['psych-support', 'trauma-counselling', 'peer-group'],
	'after-school help for children': ['homework', 'italian-children', 'summer-camp'],
	'a food bank': ['food-bank', 'community-meals', 'clothes'],
	'health guidance': ['health-registration', 'walk-in-clinic', 'mediation'],
	'a women’s circle': ['womens-centre', 'italian-women', 'violence-support'],
	'sports for young people': ['sports', 'community-house'],
	'digital skills workshops': ['digital-skills', 'online-italian'],
	'help with school enrolment': ['school-enrolment', 'homework'],
	'a buddy programme': ['buddy', 'volunteer', 'conversation'],
	'support for unaccompanied children': ['leaving-care', 'homework', 'psych-support'],
	'cultural mediation': ['mediation', 'documents-help'],
	'second-hand clothes and furniture': ['clothes', 'showers'],
	'help with paperwork': ['documents-help', 'bank-account', 'benefits', 'tax-forms'],
	'a helpline in several languages': ['helpline', 'mediation']
};
/** What any NGO may also offer. */
export const NGO_GENERAL_KINDS = ['volunteer', 'documents-help', 'buddy', 'conversation', 'cultural-events', 'family-tracing', 'bank-account', 'legal-advice', 'digital-skills'];

/** Migrant associations by the form of their name: community, women's network, youth club, cultural centre. */
export const MIGRANT_KINDS: readonly (readonly string[])[] = [
	['mediation', 'documents-help', 'cultural-events', 'buddy', 'conversation', 'mother-tongue', 'peer-group', 'food-bank'],
	['mediation', 'documents-help', 'cultural-events', 'buddy', 'conversation', 'mother-tongue', 'peer-group', 'food-bank'],
	['womens-centre', 'italian-women', 'peer-group', 'parenting', 'playgroup'],
	['sports', 'homework', 'job-counselling', 'cultural-events', 'peer-group'],
	['cultural-events', 'mother-tongue', 'library', 'conversation', 'community-house']
];

/** Languages spoken in each community's association, besides Italian. */
export const COMMUNITY_LANGUAGES: Record<string, readonly string[]> = {
	Eritrean: ['ti', 'ar'], Syrian: ['ar', 'en'], Afghan: ['fa', 'ps'], Ukrainian: ['uk', 'ru'], Senegalese: ['fr', 'wo'],
	Nigerian: ['en'], Bangladeshi: ['bn', 'en'], Moroccan: ['ar', 'fr'], Peruvian: ['es'], Somali: ['so', 'ar'],
	Tunisian: ['ar', 'fr'], Pakistani: ['ur', 'en'], Ivorian: ['fr'], Ghanaian: ['en'], Sudanese: ['ar', 'en'],
	Iranian: ['fa'], Albanian: ['sq'], Chinese: ['zh'], Colombian: ['es'], Malian: ['fr'], Romanian: ['ro'],
	Ethiopian: ['am', 'ti']
};

export function socialEnterpriseKinds(name: string): string[] {
	const kinds = ['traineeships', 'vocational-course', 'job-counselling'];
	if (/Kitchen|Catering|Bakery|Café|Restaurant|Table/.test(name)) kinds.push('community-meals');
	if (/Tailoring|Textiles|Laundry|Loom/.test(name)) kinds.push('clothes');
	if (/Printing|Bindery|Solar|Logistics/.test(name)) kinds.push('digital-skills');
	return kinds;
}

export const BUSINESS_KINDS: Record<string, readonly string[]> = {
	Pharmacy: ['health-registration'],
	Supermarket: ['food-bank', 'traineeships'],
	'IT Services': ['digital-skills'],
	'Accounting Studio': ['tax-forms', 'budgeting'],
	'Law Firm': ['legal-advice', 'residence-permit'],
	'Print Shop': ['cultural-events'],
	'Dental Practice': ['dental'],
	Bakery: ['traineeships', 'food-bank']
};
export const BUSINESS_DEFAULT_KINDS = ['traineeships', 'vocational-course'];

export const INFORMAL_GROUP_KINDS: Record<string, readonly string[]> = {
	'Conversation Club': ['conversation'],
	'Community Garden': ['community-house', 'volunteer'],
	'Football Sundays': ['sports'],
	'Cricket in the Park': ['sports'],
	'Mothers’ Coffee Morning': ['playgroup', 'peer-group'],
	'Homework Helpers': ['homework'],
	'Walking Group': ['sports', 'peer-group'],
	'Cooking Circle': ['cultural-events', 'community-meals'],
	'Repair Café': ['community-house', 'clothes'],
	'Choir of Many Voices': ['cultural-events'],
	'Chess Corner': ['community-house'],
	'Neighbours’ Welcome Team': ['buddy', 'documents-help'],
	'Sewing Circle': ['clothes', 'womens-centre'],
	'Reading Club': ['conversation', 'literacy'],
	'Running Club': ['sports']
};

// ---------------------------------------------------------------------------

interface Rng {
	next(): number;
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	shuffle<T>(items: readonly T[]): T[];
	uuid(): string;
}

interface Neighbourhood {
	id: string;
	slug: string;
	name: string;
	latitude: number;
	longitude: number;
}
interface Organisation {
	id: string;
	slug: string;
	name: string;
	type: string;
	website: string | null;
	neighbourhoodId: string;
	verification: string;
	createdAt: string;
}
interface Person {
	id: string;
	displayName: string;
	email: string | null;
}
interface Membership {
	organisationId: string;
	userId: string;
	role: string;
}

export interface DirectoryInput {
	baseDate: string;
	neighbourhoods: readonly Neighbourhood[];
	/** Weights for picking a neighbourhood (same order as `neighbourhoods`). */
	weights: readonly number[];
	organisations: readonly Organisation[];
	users: readonly Person[];
	memberships: readonly Membership[];
	profiles: ReadonlyMap<string, OrgProfile>;
	/** City staff who verify records. */
	verifiers: readonly string[];
}

const DAY = 86_400_000;

/** Languages staff speak besides Italian, and how common each is among service staff. */
const EXTRA_LANGUAGES: readonly (readonly [string, number])[] = [
	['en', 40], ['ar', 22], ['fr', 22], ['uk', 12], ['es', 12], ['ru', 9], ['fa', 8], ['ti', 7], ['ur', 5], ['ro', 5],
	['so', 4], ['ps', 4], ['bn', 4], ['wo', 3], ['sq', 3], ['am', 3], ['zh', 2], ['tr', 2], ['pt', 2]
];

/** How many services each type of organisation runs, before scaling to DEMO_SERVICE_COUNT. */
const SERVICES_PER_ORG: Record<string, readonly [number, number]> = {
	public_body: [10, 14],
	ngo: [8, 18],
	migrant_association: [3, 8],
	social_enterprise: [3, 7],
	business: [1, 3],
	informal_group: [1, 3]
};
const LOCATIONS_PER_ORG: Record<string, readonly (readonly [number, number])[]> = {
	public_body: [[2, 1], [3, 1]],
	ngo: [[1, 50], [2, 35], [3, 15]],
	migrant_association: [[1, 70], [2, 30]],
	social_enterprise: [[1, 70], [2, 30]],
	business: [[1, 1]],
	informal_group: [[1, 1]]
};
/** Chance that a service's text exists in each of es, fr, uk, ar (en and it always do). */
const TRANSLATED: Record<string, number> = {
	public_body: 0.97,
	ngo: 0.88,
	migrant_association: 0.7,
	social_enterprise: 0.8,
	business: 0.6,
	informal_group: 0.6
};

const APPOINTMENTS = T('Appointments', 'Prenotazioni', 'Citas', 'Rendez-vous', 'Запис на прийом', 'حجز المواعيد');
const TEXT_LINE = T('Text or WhatsApp', 'SMS o WhatsApp', 'SMS o WhatsApp', 'SMS ou WhatsApp', 'SMS або WhatsApp', 'رسالة نصية أو واتساب');
const RECEPTION = T('Reception', 'Accoglienza', 'Recepción', 'Accueil', 'Рецепція', 'الاستقبال');

const TITLES: Record<string, string> = {
	owner: 'Head of service',
	coordinator: 'Coordinator',
	case_worker: 'Case worker',
	volunteer_coordinator: 'Volunteer coordinator',
	member: 'Staff member'
};

function pickText(t: Text6 | { en: string; it: string; ar: string }, locales: readonly TextLocale[]): DemoText {
	const out: DemoText = {};
	for (const l of locales) if (l in t) out[l] = (t as Record<string, string>)[l];
	return out;
}

const isoDate = (ms: number) => new Date(ms).toISOString();

export function generateDirectory(rng: Rng, input: DirectoryInput): DemoDirectory {
	const base = Date.parse(input.baseDate);
	const nbById = new Map(input.neighbourhoods.map((n) => [n.id, n]));
	const nbWeights = input.neighbourhoods.map((n, i) => [n, input.weights[i]] as const);
	const usersById = new Map(input.users.map((u) => [u.id, u]));
	const membersOf = new Map<string, Membership[]>();
	for (const m of input.memberships) {
		const list = membersOf.get(m.organisationId);
		if (list) list.push(m);
		else membersOf.set(m.organisationId, [m]);
	}

	const out: DemoDirectory = {
		services: [],
		locations: [],
		serviceAtLocations: [],
		schedules: [],
		phones: [],
		contacts: [],
		costOptions: [],
		requiredDocuments: [],
		serviceAreas: []
	};

	// Numbers: Italian-looking landlines and mobiles behind the unassigned +999 code.
	const usedNumbers = new Set<string>();
	const phoneNumber = (mobile = false) => {
		let n: string;
		do n = mobile ? `+999 333 555 ${rng.int(1000, 9999)}` : `+999 010 555 ${rng.int(1000, 9999)}`;
		while (usedNumbers.has(n));
		usedNumbers.add(n);
		return n;
	};

	// Streets of each neighbourhood
	const streetsOf = new Map<string, string[]>();
	for (const n of input.neighbourhoods) streetsOf.set(n.id, rng.shuffle(STREETS).slice(0, 5));

	// Locations -----------------------------------------------------------------
	const orgs = input.organisations.filter((o) => o.verification !== 'rejected');
	const locationsOf = new Map<string, DemoLocation[]>();
	for (const org of orgs) {
		const count = rng.weighted(LOCATIONS_PER_ORG[org.type] ?? [[1, 1]]);
		const list: DemoLocation[] = [];
		const seen = new Set<string>();
		for (let i = 0; i < count; i++) {
			let nb = nbById.get(org.neighbourhoodId)!;
			if (i > 0) {
				for (let tries = 0; tries < 10 && seen.has(nb.id); tries++) nb = rng.weighted(nbWeights);
				if (seen.has(nb.id)) continue;
			}
			seen.add(nb.id);
			const street = rng.pick(streetsOf.get(nb.id)!);
			const address1 = `${street} ${rng.int(1, 140)}`;
			const hill = nb.slug === DEMO_NO_WHEELCHAIR;
			const wheelchair = !hill && rng.chance(0.6);
			const access = wheelchair ? (rng.chance(0.5) ? ACCESS.stepFree : ACCESS.lift) : hill ? ACCESS.hill : ACCESS.steps;
			const dir = rng.pick(DIRECTIONS)(rng.int(1, 24), rng.chance(0.5) ? nb.name : rng.pick(LANDMARKS), rng.int(2, 9));
			const name = i === 0 ? org.name : `${org.name} – ${street}`;
			const loc: DemoLocation = {
				id: rng.uuid(),
				organisationId: org.id,
				name: { en: name, it: name },
				transportation: dir,
				address1,
				city: 'Portavera',
				postalCode: `1999${input.neighbourhoods.indexOf(nb) % 10}`,
				latitude: Math.round((nb.latitude + (rng.next() - 0.5) * 0.005) * 1e6) / 1e6,
				longitude: Math.round((nb.longitude + (rng.next() - 0.5) * 0.006) * 1e6) / 1e6,
				neighbourhoodId: nb.id,
				wheelchairAccessible: wheelchair,
				accessibility: { en: access.en, it: access.it, ar: access.ar },
				createdAt: org.createdAt
			};
			list.push(loc);
			out.locations.push(loc);
			if (rng.chance(0.6)) {
				out.phones.push({
					id: rng.uuid(),
					serviceId: null,
					locationId: loc.id,
					number: phoneNumber(),
					type: 'voice',
					description: pickText(RECEPTION, TEXT_LOCALES),
					languages: ['it']
				});
			}
		}
		locationsOf.set(org.id, list);
	}

	// How many services each organisation runs, scaled to DEMO_SERVICE_COUNT in all.
	const counts = new Map<string, number>();
	for (const org of orgs) {
		const [min, max] = SERVICES_PER_ORG[org.type] ?? [1, 2];
		counts.set(org.id, rng.int(min, max));
	}
	let total = [...counts.values()].reduce((a, b) => a + b, 0);
	const big = orgs.filter((o) => o.type === 'ngo' || o.type === 'public_body');
	while (total !== DEMO_SERVICE_COUNT) {
		const org = rng.pick(big);
		const c = counts.get(org.id)!;
		if (total < DEMO_SERVICE_COUNT && c < 24) {
			counts.set(org.id, c + 1);
			total++;
		} else if (total > DEMO_SERVICE_COUNT && c > 4) {
			counts.set(org.id, c - 1);
			total--;
		}
	}

	// Gaps: may a service with these needs be given at this location of this organisation?
	const allowedAt = (needs: readonly NeedCode[], org: Organisation, loc: DemoLocation | null): boolean => {
		for (const gap of DEMO_GAPS) {
			if (!needs.includes(gap.need)) continue;
			const nbs = [nbById.get(org.neighbourhoodId)!.slug, ...(loc ? [nbById.get(loc.neighbourhoodId)!.slug] : [])];
			if (gap.absentFrom && nbs.some((s) => gap.absentFrom!.includes(s))) return false;
			if (gap.onlyIn && nbs.some((s) => !gap.onlyIn!.includes(s))) return false;
			if (!loc) return false; // remote services never carry a gap's need
		}
		return true;
	};

	// Services ------------------------------------------------------------------
	const state = new Map(
		orgs.map((org) => [
			org.id,
			{ made: 0, occurrences: new Map<string, number>(), pool: rng.shuffle(input.profiles.get(org.id)?.kinds ?? []) }
		])
	);

	/** Adds one more service to an organisation; false when it has nothing new left to offer. */
	const addService = (org: Organisation): boolean => {
		const profile = input.profiles.get(org.id) ?? { kinds: [], languages: [] };
		const st = state.get(org.id)!;
		const locs = locationsOf.get(org.id)!;
		const members = membersOf.get(org.id) ?? [];
		const domain = `${org.slug}.example`;
		const orgCreated = Date.parse(org.createdAt);
		const orgAgeDays = Math.floor((base - orgCreated) / DAY);

		// A kind the organisation offers that fits its places, with a distinct name: first each
		// kind once, then at another of its sites, then a second group (evening, Saturdays…).
		let chosen: { kind: Kind; places: DemoLocation[]; qualifier: QualifierKey | DemoLocation | null } | null = null;
		const n = st.pool.length;
		const r = n ? st.made % n : 0;
		const candidates = [...st.pool.slice(r), ...st.pool.slice(0, r)];
		// An organisation whose every kind falls in a gap still offers volunteering.
		if (st.made === 0) candidates.push('volunteer');
		for (const key of candidates) {
			const kind = KIND_BY_KEY.get(key);
			if (!kind) throw new Error(`unknown service kind ${key}`);
			const places = kind.remote ? [] : locs.filter((l) => allowedAt(kind.needs, org, l));
			if (kind.remote ? !allowedAt(kind.needs, org, null) : places.length === 0) continue;
			const k = st.occurrences.get(key) ?? 0;
			if (k === 0) {
				chosen = { kind, places, qualifier: null };
				break;
			}
			if (kind.remote) continue;
			const variants: (QualifierKey | DemoLocation)[] = [...places.slice(1), ...(kind.groups ?? [])];
			if (k - 1 < variants.length) {
				chosen = { kind, places, qualifier: variants[k - 1] };
				break;
			}
		}
		if (!chosen) return false;
		const { kind, qualifier } = chosen;
		st.occurrences.set(kind.key, (st.occurrences.get(kind.key) ?? 0) + 1);
		st.made++;

		// Where: 1–2 of the allowed locations (a site variant is given at that site only).
		let places: DemoLocation[];
		if (kind.remote) places = [];
		else if (qualifier && typeof qualifier === 'object') places = [qualifier];
		else places = chosen.places.length > 1 && rng.chance(0.35) ? chosen.places.slice(0, 2) : [chosen.places[0]];

		// Text locales
		const communityLocales = profile.languages.filter((l): l is TextLocale => (TEXT_LOCALES as readonly string[]).includes(l));
		const p = TRANSLATED[org.type] ?? 0.8;
		const locales = TEXT_LOCALES.filter((l) => l === 'en' || l === 'it' || communityLocales.includes(l) || rng.chance(p));

		// Features
		const features = new Set<string>(kind.always ?? []);
		for (const [f, chance] of kind.maybe ?? []) if (rng.chance(chance)) features.add(f);
		const apply = rng.pick(kind.apply);
		if (apply === 'walkIn' || apply === 'early') features.add('no-appointment');
		if (apply === 'anonymous') features.add('anonymous');
		const cost = kind.cost && rng.chance(kind.cost[1]) ? COSTS[kind.cost[0]] : null;
		if (cost) features.delete('free');
		else if (kind.cost) features.add('free');
		if (places.some((l) => l.wheelchairAccessible)) features.add('wheelchair');
		if (!kind.needs.includes('women')) features.delete('women-only');
		if (!kind.remote) features.delete('remote');

		// Languages spoken
		const languages = ['it', ...profile.languages.filter((l) => l !== 'it')];
		const extra = kind.remote ? rng.int(3, 6) : rng.weighted([[0, 25], [1, 35], [2, 25], [3, 10], [4, 5]] as const);
		for (let i = 0; i < extra * 3 && languages.length < 1 + profile.languages.length + extra; i++) {
			const l = rng.weighted(EXTRA_LANGUAGES);
			if (!languages.includes(l)) languages.push(l);
		}

		// Name and text
		const suffix = (l: TextLocale) =>
			qualifier === null ? '' : typeof qualifier === 'object' ? ` – ${nbById.get(qualifier.neighbourhoodId)!.name}` : QUALIFIERS[qualifier][l];
		const name: DemoText = {};
		const description: DemoText = {};
		const eligibility: DemoText = {};
		const applicationProcess: DemoText = {};
		const elig = ELIGIBILITY[rng.pick(kind.eligibility)];
		for (const l of locales) {
			name[l] = kind.name[l] + suffix(l);
			description[l] = `${kind.description[l]} ${OFFERED_BY[l](org.name)}${features.has('interpreter') ? ` ${INTERPRETER[l]}` : ''}`;
			eligibility[l] = elig[l];
			applicationProcess[l] = APPLY[apply][l];
		}

		// Freshness: a quarter of records due for the 6-month reminder, …, ~9 % older than a year.
		const band = rng.weighted([
			[[1, 175], 54],
			[[190, 265], 22],
			[[280, 358], 14],
			[[372, 455], 10]
		] as const);
		let age = rng.int(band[0], band[1]);
		if (age >= orgAgeDays) age = rng.int(0, Math.max(0, Math.min(175, orgAgeDays - 1)));
		const verifiedMs = base - age * DAY - rng.int(0, 600) * 60_000;
		const createdMs = Math.max(orgCreated, verifiedMs - rng.int(0, 900) * DAY);
		const reminder9 = age >= 280 && (age >= 365 || rng.chance(0.7));
		const reminder6 = reminder9 || (age >= 190 && rng.chance(0.75));
		const owners = members.filter((m) => m.role === 'owner' || m.role === 'coordinator');
		const verifier = rng.chance(0.8) && owners.length ? rng.pick(owners).userId : rng.pick(input.verifiers);

		const service: DemoService = {
			id: rng.uuid(),
			organisationId: org.id,
			kind: kind.key,
			name,
			description,
			eligibility,
			applicationProcess,
			feesDescription: cost ? pickText(REDUCED, locales) : {},
			url: org.website && rng.chance(0.35) ? `${org.website}services/${kind.key}` : null,
			email: rng.chance(0.3) ? `${kind.key}@${domain}` : null,
			status: rng.chance(0.02) ? 'temporarily closed' : 'active',
			needs: [...kind.needs],
			features: [...features].sort(),
			languages,
			minimumAge: kind.age?.[0] ?? null,
			maximumAge: kind.age?.[1] ?? null,
			lastVerifiedAt: isoDate(verifiedMs),
			lastVerifiedBy: verifier,
			reminder6SentAt: reminder6 ? isoDate(Math.min(base - 60_000, verifiedMs + (183 + rng.int(0, 2)) * DAY)) : null,
			reminder9SentAt: reminder9 ? isoDate(Math.min(base - 60_000, verifiedMs + (274 + rng.int(0, 2)) * DAY)) : null,
			createdAt: isoDate(createdMs)
		};
		out.services.push(service);

		for (const l of places) out.serviceAtLocations.push({ id: rng.uuid(), serviceId: service.id, locationId: l.id });
		if (kind.remote) {
			out.serviceAreas.push({
				id: rng.uuid(),
				serviceId: service.id,
				neighbourhoodId: null,
				name: 'Portavera (whole city)',
				description: pickText(WHOLE_CITY, locales)
			});
		}

		// Weekly hours: the qualifier decides when a second group meets.
		const hoursKey: HoursKey =
			qualifier === 'morning' ? 'morningClass' : qualifier === 'evening' ? 'evening' : qualifier === 'saturday' ? 'saturday' : rng.pick(kind.hours);
		const hours = HOURS[hoursKey];
		const split = places.length === 2 && hours.length === 1 && hours[0][0].length >= 4 && rng.chance(0.5);
		for (const [days, opens, closes] of hours) {
			days.forEach((weekday, i) => {
				out.schedules.push({
					id: rng.uuid(),
					serviceId: service.id,
					locationId: split ? places[i < days.length / 2 ? 0 : 1].id : null,
					kind: 'weekly',
					weekday,
					opensAt: opens,
					closesAt: closes,
					validFrom: null,
					validTo: null,
					closed: false,
					description: {}
				});
			});
		}
		const exception = (e: keyof typeof EXCEPTIONS, open: readonly [string, string] | null) => {
			const x = EXCEPTIONS[e];
			out.schedules.push({
				id: rng.uuid(),
				serviceId: service.id,
				locationId: null,
				kind: 'exception',
				weekday: null,
				opensAt: open?.[0] ?? null,
				closesAt: open?.[1] ?? null,
				validFrom: x.from,
				validTo: x.to,
				closed: open === null,
				description: pickText(x.text, locales)
			});
		};
		if (service.status === 'temporarily closed') exception('works', null);
		else if (!kind.remote || rng.chance(0.3)) {
			if (rng.chance(0.35)) exception('christmas', null);
			if (rng.chance(0.1)) exception('newYearsEve', ['09:00', '12:00']);
			if (rng.chance(0.15)) exception('summer', null);
		}

		// Phones, contacts, documents, costs
		if (kind.remote || rng.chance(0.45)) {
			out.phones.push({
				id: rng.uuid(),
				serviceId: service.id,
				locationId: null,
				number: phoneNumber(kind.remote),
				type: 'voice',
				description: pickText(APPOINTMENTS, locales),
				languages: languages.slice(0, rng.int(1, Math.min(3, languages.length)))
			});
			if (kind.remote || rng.chance(0.1)) {
				out.phones.push({
					id: rng.uuid(),
					serviceId: service.id,
					locationId: null,
					number: phoneNumber(true),
					type: 'text',
					description: pickText(TEXT_LINE, locales),
					languages: languages.slice(0, Math.min(4, languages.length))
				});
			}
		}
		if (members.length && rng.chance(0.25)) {
			const m = rng.pick(members.filter((x) => x.role !== 'member').length ? members.filter((x) => x.role !== 'member') : members);
			const u = usersById.get(m.userId)!;
			out.contacts.push({
				id: rng.uuid(),
				serviceId: service.id,
				name: u.displayName,
				title: TITLES[m.role] ?? 'Staff member',
				email: u.email && u.email.endsWith(`@${domain}`) ? u.email : null,
				phone: rng.chance(0.3) ? phoneNumber(true) : null
			});
		}
		if (kind.documents && rng.chance(0.7)) {
			const first = rng.pick(kind.documents);
			const docs = first === 'none' ? ['none' as const] : [first, ...(rng.chance(0.3) ? kind.documents.filter((d) => d !== first && d !== 'none').slice(0, 1) : [])];
			for (const d of docs) out.requiredDocuments.push({ id: rng.uuid(), serviceId: service.id, document: pickText(DOCUMENTS[d], locales) });
		}
		if (cost) {
			out.costOptions.push({
				id: rng.uuid(),
				serviceId: service.id,
				option: pickText(cost.option, locales),
				amountCents: Math.round(rng.int(cost.min, cost.max) / 50) * 50,
				currency: 'EUR',
				amountDescription: rng.chance(0.5) ? pickText(REDUCED, locales) : {}
			});
		}
		return true;
	};

	for (const org of orgs) {
		for (let i = 0; i < counts.get(org.id)!; i++) if (!addService(org)) break;
	}
	// Organisations that ran out of distinct services leave a shortfall: the big ones make it up.
	const open = [...big];
	while (out.services.length < DEMO_SERVICE_COUNT && open.length) {
		const i = rng.int(0, open.length - 1);
		if (!addService(open[i])) open.splice(i, 1);
	}
	return out;
}
