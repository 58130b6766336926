/**
 * The demo city: Portavera, a fictional Mediterranean port city.
 *
 * `generateDemoCity(seed)` is a pure function: the same seed gives the same
 * city on every machine (own PRNG, no Math.random, no clock, no locale-aware
 * formatting). It returns plain data that `seed.ts` writes to the database.
 *
 * Everything here is invented. Every e-mail address and website is under the
 * reserved `.example` top-level domain (RFC 2606) and every phone number uses
 * the unassigned international code +999, so nothing can reach a real person.
 * No nationality, legal status or residence field exists here, as in the
 * schema: names only pick a plausible display name and interface language.
 */
import type { MemberRole, OrganisationType, PersonKind, PlatformRole, VerificationState } from '../../src/lib/server/db/schema/index.ts';
import {
	BUSINESS_DEFAULT_KINDS,
	BUSINESS_KINDS,
	COMMUNITY_LANGUAGES,
	INFORMAL_GROUP_KINDS,
	MIGRANT_KINDS,
	NGO_FOCUS_KINDS,
	NGO_GENERAL_KINDS,
	PUBLIC_BODY_KINDS,
	generateDirectory,
	socialEnterpriseKinds,
	type DemoDirectory,
	type OrgProfile
} from './directory.ts';

import { generateSupport, type DemoSupport, type NamePool } from './support.ts';
import { generateEngagement, type DemoEngagement } from './engagement.ts';
import { generateBuddies, type DemoBuddies } from './buddies.ts';
import { generateActivities, type DemoActivities } from './activities.ts';
import { generatePanels, type DemoPanels } from './panels.ts';
import { generateAssemblies, type DemoAssemblies } from './assemblies.ts';
import { generateSurveys, type DemoSurveys } from './surveys.ts';
import { generateCocreation, type DemoCocreation } from './cocreation.ts';

export type { DemoDirectory } from './directory.ts';
export type { DemoSupport } from './support.ts';

export const DEMO_SEED = 20261123;
/** "Now" for the demo city: all dates are before it. */
export const DEMO_BASE_DATE = '2026-11-23T09:00:00.000Z';
/**
 * The city centre. Deliberately a point in the open Ligurian Sea (between
 * Cap Corse and Capraia), so no real district can be mistaken for a demo one.
 */
export const DEMO_CITY = {
	name: 'Portavera',
	description: 'Portavera is a fictional Mediterranean port city, invented for the Convive demo. Its neighbourhoods, organisations and people do not exist.',
	latitude: 43.2,
	longitude: 9.55,
	domain: 'portavera.example'
} as const;

export type PasswordKey =
	| 'admin'
	| 'integration_officer'
	| 'evaluator'
	| 'owner'
	| 'coordinator'
	| 'case_worker'
	| 'volunteer_coordinator'
	| 'member'
	| 'newcomer'
	| 'resident'
	| 'guardianship_office'
	| 'guardian';

/** One known password per role, printed when the demo is seeded. Never use these anywhere real. */
export const DEMO_PASSWORDS: Readonly<Record<PasswordKey, string>> = {
	admin: 'demo-admin-2026',
	integration_officer: 'demo-officer-2026',
	evaluator: 'demo-evaluator-2026',
	owner: 'demo-owner-2026',
	coordinator: 'demo-coordinator-2026',
	case_worker: 'demo-caseworker-2026',
	volunteer_coordinator: 'demo-volunteers-2026',
	member: 'demo-member-2026',
	newcomer: 'demo-newcomer-2026',
	resident: 'demo-resident-2026',
	guardianship_office: 'demo-guardianship-2026',
	guardian: 'demo-guardian-2026'
};

export interface DemoNeighbourhood {
	id: string;
	slug: string;
	name: string;
	latitude: number;
	longitude: number;
}

export interface DemoUser {
	id: string;
	displayName: string;
	email: string | null;
	/**
	 * A short sign-in name for people without an e-mail address ([a-z0-9],
	 * lower-case); null for everyone else. Written only when the database has
	 * a `username` column.
	 */
	username: string | null;
	emailVerifiedAt: string | null;
	kind: PersonKind;
	platformRole: PlatformRole | null;
	locale: string;
	createdAt: string;
	/** Which of DEMO_PASSWORDS this account signs in with. */
	password: PasswordKey;
}

export interface DemoOrganisation {
	id: string;
	slug: string;
	name: string;
	type: OrganisationType;
	description: string;
	website: string | null;
	email: string | null;
	phone: string | null;
	neighbourhoodId: string;
	verification: VerificationState;
	verifiedAt: string | null;
	verifiedBy: string | null;
	createdBy: string;
	createdAt: string;
}

export interface DemoMembership {
	organisationId: string;
	userId: string;
	role: MemberRole;
	createdAt: string;
}

/** An account worth trying, printed after seeding. */
export interface DemoAccount {
	label: string;
	email: string;
	password: string;
	userId: string;
	/** Whether the account will be asked to set up a second factor (TOTP) on first sensitive access. */
	secondFactor: boolean;
}

export interface DemoCity {
	seed: number;
	baseDate: string;
	city: typeof DEMO_CITY;
	neighbourhoods: DemoNeighbourhood[];
	organisations: DemoOrganisation[];
	users: DemoUser[];
	memberships: DemoMembership[];
	accounts: DemoAccount[];
	/** The service directory: services, locations, hours, phones… (directory.ts). */
	directory: DemoDirectory;
	/** Support folders, referrals and guardianship (support.ts). */
	support: DemoSupport;
	/** Volunteering: opportunities, shifts, volunteers and their hours (engagement.ts). */
	engagement: DemoEngagement;
	/** Buddy and mentoring programmes (buddies.ts). */
	buddies: DemoBuddies;
	/** Neighbourhood activities: houses, activities, RSVPs (activities.ts). */
	activities: DemoActivities;
	/** Validation panels: the pool, two panels, drafts, answers, vouchers (panels.ts). */
	panels: DemoPanels;
	/** Assemblies: members, meetings, answers, attendance, minutes, decisions (assemblies.ts). */
	assemblies: DemoAssemblies;
	/** Surveys: one open, one closed, with anonymous responses (surveys.ts). */
	surveys: DemoSurveys;
	/** Co-creation: calls for ideas, ideas, comments, supports, jury, pilots, moderation (cocreation.ts). */
	cocreation: DemoCocreation;
}

// ---------------------------------------------------------------------------
// Seeded randomness

export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	shuffle<T>(items: readonly T[]): T[];
	uuid(): string;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** mulberry32: a tiny 32-bit PRNG, plenty for demo data and identical on every platform. */
export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		chance: (p) => next() < p,
		pick: (items) => items[Math.floor(next() * items.length)],
		weighted(items) {
			const total = items.reduce((s, [, w]) => s + w, 0);
			let r = next() * total;
			for (const [item, w] of items) {
				r -= w;
				if (r < 0) return item;
			}
			return items[items.length - 1][0];
		},
		shuffle(items) {
			const out = [...items];
			for (let i = out.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[out[i], out[j]] = [out[j], out[i]];
			}
			return out;
		},
		uuid() {
			// Sixteen bytes from the stream (the demo makes about 100,000 of these, so no arrays).
			let out = '';
			for (let i = 0; i < 16; i++) {
				let b = int(0, 255);
				if (i === 6) b = (b & 0x0f) | 0x40; // version 4
				else if (i === 8) b = (b & 0x3f) | 0x80; // RFC 4122 variant
				out += HEX[b];
				if (i === 3 || i === 5 || i === 7 || i === 9) out += '-';
			}
			return out;
		}
	};
}

// ---------------------------------------------------------------------------
// Word lists (all names invented or common; no real organisation is meant)

/**
 * Twelve neighbourhoods around the old port (the centre): the sea is to the
 * south, the two hill neighbourhoods (Monte Acero, Valle dei Carrubi) are
 * the farthest north, about 3.5 km from the centre.
 */
const NEIGHBOURHOODS: readonly (readonly [name: string, dLat: number, dLon: number, weight: number])[] = [
	['Lanterna Vecchia', 0.0, 0.0, 10],
	['Borgo dei Gelsi', 0.0064, -0.0112, 6],
	['Scalo delle Reti', -0.0047, -0.0068, 7],
	['Collevento', 0.0187, 0.0043, 4],
	['Riva dei Cordai', -0.0031, 0.0126, 6],
	['Piano dei Mulini', 0.0129, -0.0214, 5],
	['Saline Basse', -0.0072, 0.0238, 3],
	['Monte Acero', 0.0286, -0.0091, 2],
	['Pozzo delle Vele', 0.0093, 0.0181, 5],
	['Torre dei Gabbiani', -0.0058, -0.0196, 4],
	['Giardini del Faro', 0.0021, -0.0305, 4],
	['Valle dei Carrubi', 0.0314, 0.0158, 2]
];

interface Culture {
	locale: string;
	given: readonly string[];
	family: readonly string[];
}

const CULTURES: Record<string, Culture> = {
	italian: {
		locale: 'it',
		given: ['Giulia', 'Marco', 'Chiara', 'Luca', 'Francesca', 'Alessandro', 'Sofia', 'Matteo', 'Elena', 'Davide', 'Martina', 'Paolo', 'Anna', 'Stefano', 'Valentina', 'Giorgio', 'Silvia', 'Roberto', 'Federica', 'Simone'],
		family: ['Bianchi', 'Esposito', 'Ferraro', 'Greco', 'Marino', 'Romano', 'Colombo', 'Ricci', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Marchetti', 'Caruso']
	},
	arabic: {
		locale: 'ar',
		given: ['Ahmad', 'Fatima', 'Omar', 'Layla', 'Youssef', 'Mariam', 'Khaled', 'Nour', 'Hassan', 'Amina', 'Karim', 'Rania', 'Samir', 'Huda', 'Tariq', 'Salma', 'Bilal', 'Yasmin'],
		family: ['Al-Hassan', 'Haddad', 'Khalil', 'Mansour', 'Nasser', 'Saleh', 'Darwish', 'Bakr', 'El Amrani', 'Benali', 'Trabelsi', 'Idrissi', 'Osman', 'Hamdan']
	},
	persian: {
		locale: 'fa',
		given: ['Farhad', 'Zahra', 'Reza', 'Maryam', 'Ali', 'Parisa', 'Hamid', 'Soraya', 'Mehdi', 'Shirin', 'Javad', 'Nasrin', 'Habib', 'Laleh', 'Omid', 'Roya'],
		family: ['Ahmadi', 'Rahimi', 'Karimi', 'Hosseini', 'Sadeghi', 'Mohammadi', 'Noori', 'Azizi', 'Rezaei', 'Jafari', 'Safi', 'Wardak']
	},
	tigrinya: {
		locale: 'ti',
		given: ['Yonas', 'Selam', 'Tesfay', 'Mebrat', 'Dawit', 'Hiwet', 'Filmon', 'Saba', 'Habtom', 'Luwam', 'Kidane', 'Senait', 'Biniam', 'Yordanos', 'Mulugeta', 'Rahel'],
		family: ['Tesfamariam', 'Gebremedhin', 'Haile', 'Berhane', 'Kiflom', 'Tekle', 'Woldu', 'Asmerom', 'Ghebreyesus', 'Mehari']
	},
	ukrainian: {
		locale: 'uk',
		given: ['Olena', 'Andriy', 'Iryna', 'Dmytro', 'Oksana', 'Taras', 'Yulia', 'Serhiy', 'Kateryna', 'Bohdan', 'Natalia', 'Mykola', 'Viktoria', 'Oleksandr', 'Halyna', 'Yaroslav'],
		family: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko', 'Oliynyk', 'Lysenko', 'Marchenko', 'Savchenko', 'Rudenko']
	},
	westAfrican: {
		locale: 'fr',
		given: ['Aminata', 'Moussa', 'Fatou', 'Ibrahima', 'Awa', 'Mamadou', 'Aïssatou', 'Cheikh', 'Mariama', 'Ousmane', 'Khady', 'Abdoulaye', 'Adama', 'Seynabou'],
		family: ['Diop', 'Ndiaye', 'Fall', 'Sow', 'Diallo', 'Ba', 'Traoré', 'Coulibaly', 'Koné', 'Camara', 'Sarr', 'Mbaye']
	},
	anglophoneAfrican: {
		locale: 'en',
		given: ['Chinedu', 'Ngozi', 'Emeka', 'Blessing', 'Kwame', 'Abena', 'Oluwaseun', 'Funmilayo', 'Kofi', 'Ama', 'Ifeoma', 'Yaw'],
		family: ['Okafor', 'Adeyemi', 'Eze', 'Mensah', 'Boateng', 'Okonkwo', 'Balogun', 'Asante', 'Nwosu', 'Owusu']
	},
	southAsian: {
		locale: 'en',
		given: ['Rahim', 'Nusrat', 'Imran', 'Ayesha', 'Farhana', 'Arif', 'Sadia', 'Tanvir', 'Sana', 'Zainab', 'Kamal', 'Rubina'],
		family: ['Hossain', 'Rahman', 'Chowdhury', 'Islam', 'Khan', 'Akhtar', 'Siddiqui', 'Malik', 'Qureshi', 'Uddin']
	},
	somali: {
		locale: 'en',
		given: ['Abdi', 'Hodan', 'Faduma', 'Mohamed', 'Ayaan', 'Abdirahman', 'Hibo', 'Yusuf', 'Sahra', 'Liban'],
		family: ['Warsame', 'Farah', 'Jama', 'Hussein', 'Aden', 'Abdullahi', 'Egal', 'Nur']
	},
	hispanic: {
		locale: 'es',
		given: ['Lucía', 'Carlos', 'Valeria', 'José', 'Camila', 'Luis', 'Gabriela', 'Diego', 'Daniela', 'Andrés', 'María', 'Jorge'],
		family: ['Quispe', 'Mamani', 'García', 'Rodríguez', 'Flores', 'Torres', 'Vargas', 'Huamán', 'Rojas', 'Castillo', 'Mendoza', 'Gutiérrez']
	},
	romanian: {
		locale: 'ro',
		given: ['Andreea', 'Ionuț', 'Elena', 'Mihai', 'Ioana', 'Florin', 'Cristina', 'Adrian', 'Roxana', 'Vasile', 'Alina', 'Gabriel'],
		family: ['Popescu', 'Ionescu', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Munteanu', 'Constantin', 'Dobre', 'Matei']
	},
	polish: {
		locale: 'pl',
		given: ['Agnieszka', 'Piotr', 'Katarzyna', 'Tomasz', 'Magdalena', 'Krzysztof', 'Joanna', 'Paweł', 'Ewa', 'Marek'],
		family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zielińska', 'Szymański']
	},
	greek: {
		locale: 'el',
		given: ['Eleni', 'Giorgos', 'Maria', 'Nikos', 'Katerina', 'Dimitris', 'Sofia', 'Kostas'],
		family: ['Papadopoulos', 'Georgiou', 'Nikolaidis', 'Christodoulou', 'Dimitriou', 'Vlachos']
	},
	german: {
		locale: 'de',
		given: ['Anna', 'Lukas', 'Lena', 'Jonas', 'Miriam', 'Felix', 'Hannah', 'Tobias'],
		family: ['Becker', 'Hoffmann', 'Schulz', 'Wagner', 'Keller', 'Brandt']
	},
	chinese: {
		locale: 'en',
		given: ['Wei', 'Li Na', 'Jun', 'Mei', 'Hao', 'Xiu', 'Yan', 'Bo'],
		family: ['Chen', 'Wang', 'Zhang', 'Liu', 'Huang', 'Lin']
	},
	albanian: {
		locale: 'it',
		given: ['Arben', 'Blerina', 'Dritan', 'Elira', 'Gentian', 'Mirela'],
		family: ['Hoxha', 'Krasniqi', 'Berisha', 'Shehu', 'Gashi']
	}
};

type CultureKey = keyof typeof CULTURES;

/** The languages people of each culture speak (ISO 639-1), as alternatives. */
const CULTURE_LANGUAGES: Record<CultureKey, readonly (readonly string[])[]> = {
	italian: [['it']],
	arabic: [['ar'], ['ar', 'fr'], ['ar', 'en']],
	persian: [['fa'], ['fa', 'ps'], ['ps'], ['fa', 'en']],
	tigrinya: [['ti'], ['ti', 'am'], ['ti', 'ar']],
	ukrainian: [['uk'], ['uk', 'ru'], ['uk', 'en']],
	westAfrican: [['fr'], ['fr', 'wo'], ['fr', 'bm']],
	anglophoneAfrican: [['en'], ['en', 'yo'], ['en', 'ig']],
	southAsian: [['bn'], ['ur'], ['bn', 'en'], ['ur', 'en']],
	somali: [['so'], ['so', 'ar'], ['so', 'en']],
	hispanic: [['es'], ['es', 'qu']],
	romanian: [['ro']],
	polish: [['pl']],
	greek: [['el']],
	german: [['de']],
	chinese: [['zh']],
	albanian: [['sq'], ['sq', 'it']]
};

const namePools = (weights: readonly (readonly [CultureKey, number])[]): NamePool[] =>
	weights.map(([key, weight]) => ({ ...CULTURES[key], weight, languages: CULTURE_LANGUAGES[key] }));

/** How likely each culture's names are for a newcomer, a resident and a staff member. */
const NEWCOMER_CULTURES: readonly (readonly [CultureKey, number])[] = [
	['arabic', 16], ['persian', 12], ['tigrinya', 10], ['ukrainian', 12], ['westAfrican', 10],
	['anglophoneAfrican', 9], ['southAsian', 9], ['somali', 6], ['hispanic', 7], ['chinese', 3],
	['albanian', 3], ['romanian', 3]
];
const RESIDENT_CULTURES: readonly (readonly [CultureKey, number])[] = [
	['italian', 60], ['romanian', 6], ['albanian', 5], ['polish', 4], ['greek', 3], ['german', 3],
	['arabic', 5], ['hispanic', 4], ['westAfrican', 3], ['chinese', 3], ['ukrainian', 3], ['southAsian', 3]
];
const STAFF_CULTURES: readonly (readonly [CultureKey, number])[] = [
	['italian', 60], ['arabic', 6], ['persian', 4], ['tigrinya', 3], ['ukrainian', 4], ['westAfrican', 4],
	['anglophoneAfrican', 3], ['hispanic', 4], ['romanian', 4], ['polish', 3], ['greek', 2], ['german', 3]
];

/** Migrant associations: [community name, culture of its members]. */
const COMMUNITIES: readonly (readonly [string, CultureKey])[] = [
	['Eritrean', 'tigrinya'], ['Syrian', 'arabic'], ['Afghan', 'persian'], ['Ukrainian', 'ukrainian'],
	['Senegalese', 'westAfrican'], ['Nigerian', 'anglophoneAfrican'], ['Bangladeshi', 'southAsian'],
	['Moroccan', 'arabic'], ['Peruvian', 'hispanic'], ['Somali', 'somali'], ['Tunisian', 'arabic'],
	['Pakistani', 'southAsian'], ['Ivorian', 'westAfrican'], ['Ghanaian', 'anglophoneAfrican'],
	['Sudanese', 'arabic'], ['Iranian', 'persian'], ['Albanian', 'albanian'], ['Chinese', 'chinese'],
	['Colombian', 'hispanic'], ['Malian', 'westAfrican'], ['Romanian', 'romanian'], ['Ethiopian', 'tigrinya']
];

const PUBLIC_BODIES: readonly (readonly [name: string, description: string])[] = [
	['Portavera City Social Services', 'The city’s social services: reception, social secretariat and case work for families, adults and children.'],
	['Portavera Guardianship Office', 'Recruits, trains and supports volunteer guardians for unaccompanied children, and follows each child until 18 and beyond.'],
	['Portavera Municipal Integration Office', 'Coordinates the city’s inclusion strategy, calls for ideas and partnerships with civil society.'],
	['Portavera Work Mediation Centre', 'Skills profiling, job matching, traineeships and work placements with local employers.'],
	['Portavera Housing Agency', 'Social housing, emergency accommodation and help to find a home.'],
	['Portavera Adult Education Centre', 'Free language classes at every level, literacy courses and lower-secondary diplomas for adults.'],
	['Portavera Health District – Open Clinic', 'Primary care, vaccinations and health guidance open to everyone, with cultural mediators.'],
	['Portavera Public Libraries', 'Libraries in five neighbourhoods with books in many languages, free internet and homework help.'],
	['Portavera Youth Services', 'Youth centres, after-school programmes and support for young people leaving care.'],
	['Portavera Civic Registry Desk', 'Registry, identity documents and certificates, with appointments in several languages.'],
	['Portavera Family Counselling Centre', 'Counselling for couples, parents and children; mediation in family conflicts.'],
	['Portavera Schools Welcome Office', 'Helps families enrol children in school at any time of year, with language support.'],
	['Portavera Equality and Anti-Discrimination Office', 'Receives reports of discrimination and supports people who experienced it.'],
	['Portavera Neighbourhood Houses Network', 'Neighbourhood houses where residents meet, propose activities and hold assemblies.']
];

const NGO_FIRST = ['Open', 'Harbour', 'Bridge', 'Lighthouse', 'Compass', 'Anchor', 'Welcome', 'Olive Tree', 'Crossroads', 'Safe Port', 'New Horizons', 'Sea Breeze', 'Common Ground', 'Many Voices', 'Second Home', 'Tidewater'];
const NGO_SECOND = ['Association', 'Foundation', 'Network', 'Project', 'Centre', 'Collective', 'Trust', 'Aid', 'Alliance', 'House'];
const NGO_FOCUS = [
	'free language classes', 'legal advice', 'housing support', 'help with job applications', 'psychological support',
	'after-school help for children', 'a food bank', 'health guidance', 'a women’s circle', 'sports for young people',
	'digital skills workshops', 'help with school enrolment', 'a buddy programme', 'support for unaccompanied children',
	'cultural mediation', 'second-hand clothes and furniture', 'help with paperwork', 'a helpline in several languages'
];

const SE_NAMES = ['Harbour Kitchen', 'Second Chance Bikes', 'Spice Route Catering', 'Needle and Thread Tailoring', 'Green Roofs Gardening', 'Salt and Bread Bakery', 'Portside Repairs', 'Many Hands Cleaning', 'Loom Textiles', 'Open Table Café', 'Seaglass Crafts', 'Fresh Start Logistics', 'Clay and Colour Pottery', 'Good Wood Carpentry', 'Citrus Grove Farm', 'Paper Boat Printing', 'Welcome Table Restaurant', 'Fair Wash Laundry', 'Solar Hands Installers', 'Book Harbour Bindery'];
const SE_FORM = ['Cooperative', 'Social Cooperative', 'Social Enterprise'];
const SE_WHAT = ['trains and employs newcomers', 'offers paid traineeships to young people', 'hires people who were long out of work', 'runs an apprenticeship programme with the Work Mediation Centre'];

const BUSINESS_TRADES: readonly (readonly [trade: string, offer: string])[] = [
	['Bakery', 'offers traineeships to bakers'],
	['Construction', 'hires apprentices on its building sites'],
	['Logistics', 'hires warehouse staff and offers forklift training'],
	['Hotel', 'offers seasonal jobs and hospitality training'],
	['Restaurant', 'offers kitchen traineeships'],
	['Hair Salon', 'trains apprentice hairdressers'],
	['Shipyard', 'runs welding and carpentry apprenticeships'],
	['Pharmacy', 'offers volunteering hours of its staff for health talks'],
	['Supermarket', 'donates surplus food and offers shop-floor jobs'],
	['IT Services', 'gives pro-bono computer training'],
	['Accounting Studio', 'gives pro-bono help with tax forms'],
	['Law Firm', 'gives pro-bono legal advice sessions'],
	['Garage', 'offers mechanic apprenticeships'],
	['Fish Market', 'hires early-morning market staff'],
	['Print Shop', 'prints leaflets for community groups at cost'],
	['Florist', 'offers part-time jobs'],
	['Dental Practice', 'gives free check-ups one afternoon a month'],
	['Ferry Company', 'hires deck and catering staff']
];

const INFORMAL_KINDS: readonly (readonly [name: string, what: string])[] = [
	['Conversation Club', 'meets every week to practise Italian over tea'],
	['Community Garden', 'grows vegetables together on a shared plot'],
	['Football Sundays', 'plays football every Sunday morning; everyone welcome'],
	['Cricket in the Park', 'plays cricket on summer evenings'],
	['Mothers’ Coffee Morning', 'meets with small children for coffee and advice'],
	['Homework Helpers', 'helps children with homework after school'],
	['Walking Group', 'walks together along the coast on Saturdays'],
	['Cooking Circle', 'cooks and shares dishes from many kitchens'],
	['Repair Café', 'fixes bikes, phones and clothes together once a month'],
	['Choir of Many Voices', 'sings songs from everywhere'],
	['Chess Corner', 'plays chess in the square'],
	['Neighbours’ Welcome Team', 'welcomes new families in the building blocks'],
	['Sewing Circle', 'sews and mends clothes together'],
	['Reading Club', 'reads easy books together in Italian'],
	['Running Club', 'runs along the seafront twice a week']
];

const EMAIL_PROVIDERS = ['mail.example', 'posta.example', 'inbox.example', 'correo.example', 'post.example'];

// ---------------------------------------------------------------------------

/** Lower-case ASCII slug: "Borgo dei Gelsi" → "borgo-dei-gelsi". */
export function slugify(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[’']/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

const DAY = 86_400_000;
const BASE_MS = Date.parse(DEMO_BASE_DATE);

function daysBefore(days: number, minutes = 0): string {
	return new Date(BASE_MS - days * DAY - minutes * 60_000).toISOString();
}

/** `days` after an ISO date, but never after the demo's "now". */
function laterBy(iso: string, days: number): string {
	return new Date(Math.min(BASE_MS - 60_000, Date.parse(iso) + days * DAY)).toISOString();
}

const ROLE_RANK: readonly MemberRole[] = ['owner', 'coordinator', 'case_worker', 'volunteer_coordinator', 'member'];

export function generateDemoCity(seed: number = DEMO_SEED): DemoCity {
	const rng = createRng(seed);
	const usedEmails = new Set<string>();
	const usedSlugs = new Set<string>();
	const usedUsernames = new Set<string>();

	const uniqueEmail = (local: string, domain: string): string => {
		const base = slugify(local).replace(/-/g, '.') || 'person';
		let email = `${base}@${domain}`;
		for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${domain}`;
		usedEmails.add(email);
		return email;
	};
	const uniqueSlug = (name: string): string => {
		const base = slugify(name);
		let slug = base;
		for (let n = 2; usedSlugs.has(slug); n++) slug = `${base}-${n}`;
		usedSlugs.add(slug);
		return slug;
	};

	// Neighbourhoods ----------------------------------------------------------
	const neighbourhoods: DemoNeighbourhood[] = NEIGHBOURHOODS.map(([name, dLat, dLon]) => ({
		id: rng.uuid(),
		slug: slugify(name),
		name,
		latitude: Math.round((DEMO_CITY.latitude + dLat) * 1e5) / 1e5,
		longitude: Math.round((DEMO_CITY.longitude + dLon) * 1e5) / 1e5
	}));
	const nbWeights = neighbourhoods.map((n, i) => [n, NEIGHBOURHOODS[i][3]] as const);
	const centre = neighbourhoods[0];

	// People ------------------------------------------------------------------
	const users: DemoUser[] = [];
	const memberships: DemoMembership[] = [];
	const accounts: DemoAccount[] = [];

	const person = (cultures: readonly (readonly [CultureKey, number])[]) => {
		const c = CULTURES[rng.weighted(cultures)];
		return { given: rng.pick(c.given), family: rng.pick(c.family), locale: c.locale };
	};

	const addUser = (u: Omit<DemoUser, 'id' | 'password' | 'username'> & { password?: PasswordKey; username?: string | null }): DemoUser => {
		const user: DemoUser = { ...u, username: u.username ?? null, id: rng.uuid(), password: u.password ?? u.kind };
		users.push(user);
		return user;
	};

	const staffUser = (domain: string, createdDaysAgo: number, cultures = STAFF_CULTURES): DemoUser => {
		const p = person(cultures);
		const createdAt = daysBefore(createdDaysAgo, rng.int(0, 600));
		return addUser({
			displayName: `${p.given} ${p.family}`,
			email: uniqueEmail(`${p.given}.${p.family}`, domain),
			emailVerifiedAt: createdAt,
			kind: 'resident',
			platformRole: null,
			locale: rng.chance(0.75) ? 'it' : p.locale,
			createdAt
		});
	};

	const featured = (
		label: string,
		displayName: string,
		email: string,
		kind: PersonKind,
		platformRole: PlatformRole | null,
		locale: string,
		password: PasswordKey,
		secondFactor: boolean
	): DemoUser => {
		usedEmails.add(email);
		const createdAt = daysBefore(400);
		const user = addUser({ displayName, email, emailVerifiedAt: createdAt, kind, platformRole, locale, createdAt, password });
		accounts.push({ label, email, password: DEMO_PASSWORDS[password], userId: user.id, secondFactor });
		return user;
	};

	// City staff
	const d = DEMO_CITY.domain;
	const admin = featured('Administrator', 'Elisa Marchetti', `admin@${d}`, 'resident', 'admin', 'it', 'admin', true);
	const officer = featured('Integration officer', 'Karim Benali', `officer@${d}`, 'resident', 'integration_officer', 'it', 'integration_officer', true);
	const officer2 = featured('Integration officer (second)', 'Sofia Greco', `officer2@${d}`, 'resident', 'integration_officer', 'it', 'integration_officer', true);
	featured('Evaluator (aggregates only)', 'Joanna Zielińska', `evaluator@${d}`, 'resident', 'evaluator', 'en', 'evaluator', false);
	const verifiers = [admin, officer, officer2];

	// Organisations -------------------------------------------------------------
	const organisations: DemoOrganisation[] = [];
	/** What each organisation offers, for the directory. */
	const profiles = new Map<string, OrgProfile>();
	const memberOf = new Map<string, Set<string>>(); // org id → user ids

	const join = (org: DemoOrganisation, user: DemoUser, role: MemberRole, createdAt: string) => {
		let set = memberOf.get(org.id);
		if (!set) memberOf.set(org.id, (set = new Set()));
		if (set.has(user.id)) return;
		set.add(user.id);
		memberships.push({ organisationId: org.id, userId: user.id, role, createdAt });
	};

	const phone = () => `+999 55 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`;
	const fictional = ' (Fictional organisation in the Portavera demo city.)';

	interface OrgDraft {
		name: string;
		type: OrganisationType;
		description: string;
		neighbourhood: DemoNeighbourhood;
		withWebsite: boolean;
		withEmail: boolean;
		withPhone: boolean;
		verification: VerificationState;
	}

	const addOrg = (draft: OrgDraft, owner: (domain: string, createdDaysAgo: number) => DemoUser, ageDays: number): DemoOrganisation => {
		const slug = uniqueSlug(draft.name);
		const domain = `${slug}.example`;
		const ownerUser = owner(domain, ageDays);
		let createdAt = daysBefore(ageDays, rng.int(0, 600));
		if (ownerUser.createdAt > createdAt) createdAt = ownerUser.createdAt;
		const verifiedAt = laterBy(createdAt, rng.int(1, 30));
		const org: DemoOrganisation = {
			id: rng.uuid(),
			slug,
			name: draft.name,
			type: draft.type,
			description: draft.description + fictional,
			website: draft.withWebsite ? `https://${domain}/` : null,
			email: draft.withEmail ? `info@${domain}` : null,
			phone: draft.withPhone ? phone() : null,
			neighbourhoodId: draft.neighbourhood.id,
			verification: draft.verification,
			verifiedAt: draft.verification === 'unverified' ? null : verifiedAt,
			verifiedBy: draft.verification === 'unverified' ? null : rng.pick(verifiers).id,
			createdBy: ownerUser.id,
			createdAt
		};
		organisations.push(org);
		join(org, ownerUser, 'owner', createdAt);
		return org;
	};

	/** Adds `count` new staff members with `role` to an organisation. */
	const staff = (org: DemoOrganisation, role: MemberRole, count: number, ageDays: number) => {
		const domain = `${org.slug}.example`;
		for (let i = 0; i < count; i++) {
			const days = rng.int(1, Math.max(1, ageDays - 1));
			const u = staffUser(domain, days);
			join(org, u, role, u.createdAt);
		}
	};

	const verificationFor = (type: OrganisationType): VerificationState => {
		if (type === 'public_body') return 'verified';
		return rng.chance(type === 'informal_group' ? 0.2 : 0.09) ? 'unverified' : 'verified';
	};

	// Public bodies: all in the city, all verified, with case workers and volunteer coordinators.
	PUBLIC_BODIES.forEach(([name, description], i) => {
		const age = rng.int(700, 1500);
		const org = addOrg(
			{
				name,
				type: 'public_body',
				description,
				neighbourhood: i < 4 ? centre : rng.weighted(nbWeights),
				withWebsite: true,
				withEmail: true,
				withPhone: true,
				verification: 'verified'
			},
			(domain, days) => staffUser(domain, days),
			age
		);
		profiles.set(org.id, { kinds: PUBLIC_BODY_KINDS[name], languages: [] });
		staff(org, 'coordinator', rng.int(1, 2), age);
		staff(org, 'case_worker', name.includes('Social Services') ? 8 : rng.int(2, 5), age);
		staff(org, 'volunteer_coordinator', rng.int(1, 2), age);
		staff(org, 'member', rng.int(0, 3), age);
	});

	// NGOs. The first is the featured one with the demo owner, case worker and volunteer coordinator.
	const ngoNames = new Set<string>();
	while (ngoNames.size < 55) {
		const first = rng.pick(NGO_FIRST);
		const second = rng.pick(NGO_SECOND);
		ngoNames.add(rng.chance(0.5) ? `${first} ${second} Portavera` : `${first} ${second}`);
	}
	ngoNames.delete('Open Harbour Portavera');
	const ngoList = ['Open Harbour Portavera', ...[...ngoNames].slice(0, 54)];
	ngoList.forEach((name, i) => {
		const age = rng.int(200, 2500);
		const [f1, f2] = rng.shuffle(NGO_FOCUS);
		const nb = i === 0 ? centre : rng.weighted(nbWeights);
		const draft: OrgDraft = {
			name,
			type: 'ngo',
			description: `${name} is a fictional non-profit in ${nb.name} offering ${f1} and ${f2} to newcomers and long-time residents.`,
			neighbourhood: nb,
			withWebsite: rng.chance(0.9),
			withEmail: true,
			withPhone: rng.chance(0.85),
			verification: i === 0 ? 'verified' : verificationFor('ngo')
		};
		const org =
			i === 0
				? addOrg(draft, () => featured('NGO owner (Open Harbour Portavera)', 'Marta Colombo', 'owner@open-harbour-portavera.example', 'resident', null, 'it', 'owner', true), age)
				: addOrg(draft, (domain, days) => staffUser(domain, days), age);
		if (i === 0) {
			const cw = featured('Case worker (Open Harbour Portavera)', 'Yonas Tesfamariam', 'caseworker@open-harbour-portavera.example', 'resident', null, 'en', 'case_worker', true);
			join(org, cw, 'case_worker', cw.createdAt);
			const vc = featured('Volunteer coordinator (Open Harbour Portavera)', 'Agnieszka Nowak', 'volunteers@open-harbour-portavera.example', 'resident', null, 'it', 'volunteer_coordinator', true);
			join(org, vc, 'volunteer_coordinator', vc.createdAt);
		}
		profiles.set(org.id, {
			kinds: [...new Set([...NGO_FOCUS_KINDS[f1], ...NGO_FOCUS_KINDS[f2], ...rng.shuffle(NGO_GENERAL_KINDS).slice(0, 3)])],
			languages: []
		});
		staff(org, 'coordinator', rng.chance(0.6) ? 1 : 0, age);
		staff(org, 'case_worker', rng.int(1, 4), age);
		staff(org, 'volunteer_coordinator', rng.int(1, 2), age);
		staff(org, 'member', rng.int(0, 3), age);
	});

	// Public accounts: newcomers and residents, some without e-mail.
	const publicUsers: { user: DemoUser; culture: CultureKey }[] = [];
	const addPublic = (kind: PersonKind) => {
		const cultures = kind === 'newcomer' ? NEWCOMER_CULTURES : RESIDENT_CULTURES;
		const key = rng.weighted(cultures);
		const c = CULTURES[key];
		const given = rng.pick(c.given);
		const family = rng.pick(c.family);
		const style = rng.next();
		const displayName = style < 0.5 ? `${given} ${family}` : style < 0.75 ? `${given} ${family[0]}.` : given;
		const noEmail = rng.chance(kind === 'newcomer' ? 0.22 : 0.05);
		const createdAt = daysBefore(rng.int(1, 700), rng.int(0, 1400));
		const email = noEmail
			? null
			: uniqueEmail(rng.chance(0.6) ? `${given}.${family}` : `${given}${rng.int(10, 99)}`, rng.pick(EMAIL_PROVIDERS));
		let username: string | null = null;
		if (!email) {
			const base = slugify(given).replace(/-/g, '') || 'person';
			do username = `${base}${rng.int(10, 999)}`;
			while (usedUsernames.has(username));
			usedUsernames.add(username);
		}
		const user = addUser({
			displayName,
			email,
			username,
			emailVerifiedAt: email && rng.chance(0.85) ? createdAt : null,
			kind,
			platformRole: null,
			locale: kind === 'newcomer' ? (rng.chance(0.85) ? c.locale : rng.pick(['it', 'en', 'fr'])) : rng.chance(0.9) ? c.locale : 'en',
			createdAt
		});
		publicUsers.push({ user, culture: key });
	};
	featured('Newcomer', 'Amina', `newcomer@${d}`, 'newcomer', null, 'ar', 'newcomer', false);
	featured('Resident', 'Paolo Ferraro', `resident@${d}`, 'resident', null, 'it', 'resident', false);
	for (let i = 0; i < 260; i++) addPublic('newcomer');
	for (let i = 0; i < 160; i++) addPublic('resident');

	// Migrant associations: run by people from the community (often newcomers themselves).
	const formats = [
		(c: string) => `${c} Community of Portavera`,
		(c: string) => `${c} Association Portavera`,
		(c: string) => `${c} Women’s Network`,
		(c: string) => `${c} Youth Club`,
		(c: string) => `${c} Cultural Centre`
	];
	// Every community once, then more groups (women, youth, culture) of some of them.
	const maNames: { name: string; community: string; culture: CultureKey; form: number }[] = COMMUNITIES.map(([community, culture]) => ({
		form: 0,
		name: formats[0](community),
		community,
		culture
	}));
	const maSeen = new Set(maNames.map((m) => m.name));
	while (maNames.length < 45) {
		const [community, culture] = rng.pick(COMMUNITIES);
		const form = rng.int(1, formats.length - 1);
		const name = formats[form](community);
		if (maSeen.has(name)) continue;
		maSeen.add(name);
		maNames.push({ name, community, culture, form });
	}
	const pickPublic = (culture: CultureKey | null, taken: Set<string>): DemoUser | null => {
		const pool = publicUsers.filter((p) => (culture === null || p.culture === culture) && !taken.has(p.user.id));
		return pool.length ? rng.pick(pool).user : null;
	};
	const taken = new Set<string>(accounts.map((a) => a.userId));
	for (const ma of maNames) {
		const age = rng.int(120, 3000);
		const nb = rng.weighted(nbWeights);
		const what = ['meets on Sundays', 'runs mother-tongue classes for children', 'celebrates festivals with the whole neighbourhood', 'helps new arrivals find their way', 'organises sports and music', 'accompanies people to appointments and translates'];
		const org = addOrg(
			{
				name: ma.name,
				type: 'migrant_association',
				description: `A fictional association of the ${ma.community} community in ${nb.name}: it ${rng.pick(what)} and ${rng.pick(what)}.`,
				neighbourhood: nb,
				withWebsite: rng.chance(0.5),
				withEmail: rng.chance(0.9),
				withPhone: rng.chance(0.8),
				verification: verificationFor('migrant_association')
			},
			(domain, days) => {
				const u = rng.chance(0.5) ? pickPublic(ma.culture, taken) : null;
				if (u) {
					taken.add(u.id);
					return u;
				}
				return staffUser(domain, days, [[ma.culture, 1]]);
			},
			age
		);
		profiles.set(org.id, { kinds: MIGRANT_KINDS[ma.form], languages: COMMUNITY_LANGUAGES[ma.community] ?? [] });
		if (rng.chance(0.4)) staff(org, 'coordinator', 1, age);
		if (rng.chance(0.4)) staff(org, 'volunteer_coordinator', 1, age);
		for (let k = rng.int(1, 5); k > 0; k--) {
			const u = pickPublic(ma.culture, new Set());
			if (u) join(org, u, 'member', u.createdAt > org.createdAt ? u.createdAt : org.createdAt);
		}
	}

	// Social enterprises
	const seNames = rng.shuffle(SE_NAMES).slice(0, 20);
	for (let i = 0; i < 30; i++) {
		const base = seNames[i % seNames.length];
		const name = i < seNames.length ? `${base} ${rng.pick(SE_FORM)}` : `${base} ${rng.pick(neighbourhoods).name}`;
		const age = rng.int(150, 2500);
		const nb = rng.weighted(nbWeights);
		const org = addOrg(
			{
				name,
				type: 'social_enterprise',
				description: `A fictional social enterprise in ${nb.name} that ${rng.pick(SE_WHAT)}.`,
				neighbourhood: nb,
				withWebsite: rng.chance(0.9),
				withEmail: true,
				withPhone: rng.chance(0.9),
				verification: verificationFor('social_enterprise')
			},
			(domain, days) => staffUser(domain, days),
			age
		);
		profiles.set(org.id, { kinds: socialEnterpriseKinds(name), languages: [] });
		staff(org, 'coordinator', rng.chance(0.5) ? 1 : 0, age);
		staff(org, 'case_worker', rng.chance(0.25) ? 1 : 0, age);
		staff(org, 'member', rng.int(1, 3), age);
	}

	// Businesses
	for (let i = 0; i < 45; i++) {
		const [trade, offer] = BUSINESS_TRADES[i % BUSINESS_TRADES.length];
		const p = person(RESIDENT_CULTURES);
		const nb = rng.weighted(nbWeights);
		const name = rng.chance(0.5) ? `${p.family} ${trade}` : `${trade} ${nb.name}`;
		const age = rng.int(60, 2000);
		const org = addOrg(
			{
				name: usedSlugs.has(slugify(name)) ? `${p.given} ${p.family} ${trade}` : name,
				type: 'business',
				description: `A fictional ${trade.toLowerCase()} in ${nb.name} that ${offer}.`,
				neighbourhood: nb,
				withWebsite: rng.chance(0.8),
				withEmail: true,
				withPhone: true,
				verification: verificationFor('business')
			},
			(domain, days) => staffUser(domain, days),
			age
		);
		profiles.set(org.id, { kinds: BUSINESS_KINDS[trade] ?? BUSINESS_DEFAULT_KINDS, languages: [] });
		staff(org, 'member', rng.int(0, 2), age);
	}

	// Informal groups: run by residents and newcomers themselves.
	for (let i = 0; i < 21; i++) {
		const [kind, what] = INFORMAL_KINDS[i % INFORMAL_KINDS.length];
		const nb = rng.weighted(nbWeights);
		const age = rng.int(30, 900);
		const org = addOrg(
			{
				name: `${kind} ${nb.name}`,
				type: 'informal_group',
				description: `A fictional informal group of neighbours in ${nb.name} that ${what}.`,
				neighbourhood: nb,
				withWebsite: false,
				withEmail: rng.chance(0.6),
				withPhone: rng.chance(0.4),
				verification: verificationFor('informal_group')
			},
			(domain, days) => {
				const u = pickPublic(null, taken);
				if (u) {
					taken.add(u.id);
					return u;
				}
				return staffUser(domain, days);
			},
			age
		);
		profiles.set(org.id, { kinds: INFORMAL_GROUP_KINDS[kind], languages: [] });
		for (let k = rng.int(1, 5); k > 0; k--) {
			const u = pickPublic(null, taken);
			if (u) join(org, u, 'member', u.createdAt > org.createdAt ? u.createdAt : org.createdAt);
		}
	}

	// A couple of organisations the city turned down (duplicates or not a real group).
	const rejectable = organisations.filter((o) => o.type === 'business' || o.type === 'informal_group');
	for (const o of rng.shuffle(rejectable).slice(0, 3)) {
		o.verification = 'rejected';
		o.verifiedAt ??= laterBy(o.createdAt, rng.int(1, 20));
		o.verifiedBy ??= rng.pick(verifiers).id;
	}

	// Each account signs in with the password of its strongest role.
	const strongest = new Map<string, MemberRole>();
	for (const m of memberships) {
		const cur = strongest.get(m.userId);
		if (!cur || ROLE_RANK.indexOf(m.role) < ROLE_RANK.indexOf(cur)) strongest.set(m.userId, m.role);
	}
	for (const u of users) {
		if (u.platformRole) u.password = u.platformRole;
		else u.password = strongest.get(u.id) ?? u.kind;
	}

	// The service directory, from its own stream of randomness: changing it leaves the people alone.
	const directory = generateDirectory(createRng((seed ^ 0x5eed_d1e5) >>> 0), {
		baseDate: DEMO_BASE_DATE,
		neighbourhoods,
		weights: NEIGHBOURHOODS.map((n) => n[3]),
		organisations,
		users,
		memberships,
		profiles,
		verifiers: verifiers.map((u) => u.id)
	});

	// Support folders, referrals and guardianship, from a stream of their own too.
	const support = generateSupport(createRng((seed ^ 0x5a9b_0c7e) >>> 0), {
		baseDate: DEMO_BASE_DATE,
		neighbourhoods,
		weights: NEIGHBOURHOODS.map((n) => n[3]),
		organisations,
		users,
		memberships,
		services: directory.services,
		newcomerNames: namePools(NEWCOMER_CULTURES),
		residentNames: namePools(RESIDENT_CULTURES),
		uniqueEmail,
		emailProviders: EMAIL_PROVIDERS
	});
	users.push(...support.users);
	accounts.push(...support.accounts);

	// Volunteering, from a stream of its own.
	const engagement = generateEngagement(createRng((seed ^ 0x0e6a_6e11) >>> 0), {
		baseDate: DEMO_BASE_DATE,
		neighbourhoods,
		organisations,
		users,
		memberships,
		newcomerNames: namePools(NEWCOMER_CULTURES),
		residentNames: namePools(RESIDENT_CULTURES),
		uniqueEmail,
		emailProviders: EMAIL_PROVIDERS
	});
	users.push(...engagement.users);

	// Buddy and mentoring programmes, from a stream of their own (existing accounts only).
	const buddies = generateBuddies(createRng((seed ^ 0x0b0d_d1e5) >>> 0), { baseDate: DEMO_BASE_DATE, neighbourhoods, organisations, users, memberships });
	// Neighbourhood activities, from a stream of their own.
	const activities = generateActivities(createRng((seed ^ 0x0ac7_1f1e) >>> 0), { baseDate: DEMO_BASE_DATE, neighbourhoods, organisations, users });
	// Validation panels, from a stream of their own (existing accounts only).
	const panels = generatePanels(createRng((seed ^ 0x0a9e_1500) >>> 0), { baseDate: DEMO_BASE_DATE, users });
	// Assemblies and meetings, from a stream of their own (existing accounts only).
	const assemblies = generateAssemblies(createRng((seed ^ 0x0a55_e3b1) >>> 0), { baseDate: DEMO_BASE_DATE, neighbourhoods, users });
	// Surveys, from a stream of their own.
	const surveys = generateSurveys(createRng((seed ^ 0x5a1e_7e75) >>> 0), { baseDate: DEMO_BASE_DATE });
	// Co-creation, from a stream of its own (existing accounts only).
	const cocreation = generateCocreation(createRng((seed ^ 0x0c0c_4ea7) >>> 0), { baseDate: DEMO_BASE_DATE, neighbourhoods, organisations, users, memberships });

	return {
		seed,
		baseDate: DEMO_BASE_DATE,
		city: DEMO_CITY,
		neighbourhoods,
		organisations,
		users,
		memberships,
		accounts,
		directory,
		support: support.support,
		engagement: engagement.engagement,
		buddies,
		activities,
		panels,
		assemblies,
		surveys,
		cocreation
	};
}
