/**
 * The demo city's volunteering (issue 6), from its own stream of randomness:
 * 300 opportunities posted by verified organisations, 3,000 volunteers (a
 * fifth of them newcomers), their applications at every stage, each
 * organisation's screening, shifts from four weeks before the demo's "now"
 * to eight weeks after, sign-ups within capacity (and waiting lists), and
 * hours, mostly confirmed.
 *
 * The featured newcomer (newcomer@portavera.example, Arabic) volunteers at
 * Open Harbour Portavera with confirmed hours, so the demo can show her
 * certificate; Open Harbour's volunteer coordinator has applicants to screen
 * and hours to confirm.
 *
 * Shift times are local times in the city's zone (zonedInstant), so weekly
 * shifts keep their hour across the change of clocks.
 */
import type { Rng, DemoOrganisation, DemoUser } from './generate.ts';
import type { NamePool } from './support.ts';
import { zonedInstant, addDays as addYmd } from '../../src/lib/directory/hours.ts';
import { INTERESTS, SKILLS } from '../../src/lib/engagement/lists.ts';
import type { ApplicationStatus, HoursStatus, OpportunityKind, OpportunityMode, OpportunityStatus, OpportunityTranslations, ScreeningStep, SignupStatus } from '../../src/lib/server/db/schema/index.ts';

export const DEMO_OPPORTUNITIES = 300;
export const DEMO_VOLUNTEERS = 3000;
const TZ = 'Europe/Rome';
const DAY = 86_400_000;

export interface DemoOpportunity {
	id: string;
	organisationId: string;
	title: string;
	description: string;
	language: string;
	translations: OpportunityTranslations;
	kind: OpportunityKind;
	mode: OpportunityMode;
	neighbourhoodId: string | null;
	address: string | null;
	skills: string[];
	languages: string[];
	availability: number;
	involvesVulnerable: boolean;
	status: OpportunityStatus;
	createdBy: string | null;
	createdAt: string;
}

export interface DemoShift {
	id: string;
	opportunityId: string;
	startsAt: string;
	endsAt: string;
	capacity: number;
	seriesId: string | null;
}

export interface DemoProfile {
	userId: string;
	skills: string[];
	interests: string[];
	otherSkills: string;
	languages: string[];
	availability: number;
	neighbourhoodId: string | null;
	travelKm: number;
	remote: boolean;
	reminders: boolean;
	missYou: boolean;
	lastActiveAt: string;
	createdAt: string;
}

export interface DemoApplication {
	id: string;
	opportunityId: string;
	userId: string;
	status: ApplicationStatus;
	message: string;
	reason: string | null;
	decidedBy: string | null;
	decidedAt: string | null;
	createdAt: string;
}

export interface DemoScreening {
	organisationId: string;
	userId: string;
	step: ScreeningStep;
	verifiedBy: string | null;
	verifiedAt: string;
	expiresOn: string | null;
	reference: string | null;
}

export interface DemoSignup {
	id: string;
	shiftId: string;
	userId: string;
	status: SignupStatus;
	createdAt: string;
}

export interface DemoHours {
	id: string;
	userId: string;
	opportunityId: string;
	shiftId: string | null;
	workedOn: string;
	minutes: number;
	tasks: string;
	skills: string[];
	status: HoursStatus;
	reviewedBy: string | null;
	reviewedAt: string | null;
	createdAt: string;
}

export interface DemoEngagement {
	opportunities: DemoOpportunity[];
	shifts: DemoShift[];
	profiles: DemoProfile[];
	applications: DemoApplication[];
	screeningSteps: { organisationId: string; step: ScreeningStep }[];
	screening: DemoScreening[];
	signups: DemoSignup[];
	hours: DemoHours[];
}

export interface EngagementInput {
	baseDate: string;
	neighbourhoods: readonly { id: string; name: string }[];
	organisations: readonly DemoOrganisation[];
	users: readonly DemoUser[];
	memberships: readonly { organisationId: string; userId: string; role: string }[];
	newcomerNames: readonly NamePool[];
	residentNames: readonly NamePool[];
	uniqueEmail(local: string, domain: string): string;
	emailProviders: readonly string[];
}

/** Kinds of help, each in English and Italian, with what it asks for. */
const TEMPLATES: readonly {
	en: [string, string];
	it: [string, string];
	skills: string[];
	vulnerable: boolean;
	kind: OpportunityKind;
	remote?: boolean;
	/** Local start and end, minutes after midnight. */
	hours: [number, number];
}[] = [
	{ en: ['Homework club helper', 'Help children aged 8 to 12 with their homework after school. Patience matters more than being good at maths.'], it: ['Aiuto compiti', 'Aiuta bambine e bambini dagli 8 ai 12 anni con i compiti dopo la scuola. Conta più la pazienza che la matematica.'], skills: ['homework_help', 'teaching'], vulnerable: true, kind: 'recurring', hours: [16 * 60 + 30, 18 * 60 + 30] },
	{ en: ['Language café host', 'Sit at a table and talk: newcomers practise Italian, you practise their language. No teaching experience needed.'], it: ['Caffè linguistico', 'Siediti a un tavolo e parla: chi è arrivato da poco pratica l\'italiano, tu la sua lingua. Non serve esperienza.'], skills: ['language_support', 'listening'], vulnerable: false, kind: 'recurring', hours: [18 * 60, 19 * 60 + 30] },
	{ en: ['Food bank shift', 'Sort donations and pack food parcels for families in the neighbourhood.'], it: ['Turno al banco alimentare', 'Smista le donazioni e prepara pacchi alimentari per le famiglie del quartiere.'], skills: ['sorting_donations', 'event_help'], vulnerable: false, kind: 'recurring', hours: [9 * 60, 12 * 60] },
	{ en: ['Community kitchen cook', 'Cook a shared lunch with neighbours from many countries. Bring a recipe from home.'], it: ['Cucina di comunità', 'Cucina un pranzo condiviso con vicini da tanti paesi. Porta una ricetta di casa.'], skills: ['cooking'], vulnerable: false, kind: 'recurring', hours: [10 * 60, 14 * 60] },
	{ en: ['Interpreter at the health desk', 'Help people understand the doctor and the forms at the health information desk.'], it: ['Interprete allo sportello salute', 'Aiuta le persone a capire il medico e i moduli allo sportello informazioni sanitarie.'], skills: ['interpreting', 'health_care'], vulnerable: true, kind: 'recurring', hours: [9 * 60, 13 * 60] },
	{ en: ['Phone and computer help', 'Show people how to use e-mail, video calls and public websites on their phone.'], it: ['Aiuto con telefono e computer', 'Mostra come usare e-mail, videochiamate e siti pubblici dal telefono.'], skills: ['it_help', 'teaching'], vulnerable: false, kind: 'recurring', hours: [15 * 60, 17 * 60] },
	{ en: ['Forms and paperwork desk', 'Help fill in forms for schools, housing and benefits, with a coordinator nearby.'], it: ['Sportello moduli e pratiche', 'Aiuta a compilare moduli per scuola, casa e sussidi, con una coordinatrice accanto.'], skills: ['admin_paperwork', 'legal_knowledge'], vulnerable: false, kind: 'recurring', hours: [14 * 60, 17 * 60] },
	{ en: ['Football coach for teenagers', 'Coach a mixed team of teenagers on Saturday mornings.'], it: ['Allenatore di calcio per ragazzi', 'Allena una squadra mista di ragazze e ragazzi il sabato mattina.'], skills: ['sports_coaching'], vulnerable: true, kind: 'recurring', hours: [10 * 60, 12 * 60] },
	{ en: ['Community garden', 'Grow vegetables together in the shared garden. All seasons, all ages.'], it: ['Orto condiviso', 'Coltiviamo insieme verdure nell\'orto comune. Tutte le stagioni, tutte le età.'], skills: ['gardening'], vulnerable: false, kind: 'ongoing', hours: [9 * 60, 12 * 60] },
	{ en: ['Bike repair workshop', 'Fix donated bicycles so newcomers can get to work and school.'], it: ['Ciclofficina', 'Ripara biciclette donate perché chi è arrivato da poco possa andare al lavoro e a scuola.'], skills: ['repairs_diy'], vulnerable: false, kind: 'recurring', hours: [17 * 60, 19 * 60] },
	{ en: ['Job coaching', 'Meet a job seeker once a week: CV, interviews, first weeks at work.'], it: ['Accompagnamento al lavoro', 'Incontra una persona in cerca di lavoro una volta a settimana: CV, colloqui, prime settimane.'], skills: ['job_coaching'], vulnerable: false, kind: 'ongoing', hours: [18 * 60, 19 * 60] },
	{ en: ['Neighbourhood festival steward', 'Welcome visitors, set up stalls and keep the festival running smoothly.'], it: ['Volontari alla festa di quartiere', 'Accogli chi arriva, monta i banchi e aiuta la festa a filare liscia.'], skills: ['event_help'], vulnerable: false, kind: 'one_off', hours: [14 * 60, 20 * 60] },
	{ en: ['Clothes swap', 'Sort and hand out winter clothes at the clothes swap.'], it: ['Scambio di vestiti', 'Smista e distribuisci vestiti invernali allo scambio.'], skills: ['sorting_donations'], vulnerable: false, kind: 'one_off', hours: [10 * 60, 13 * 60] },
	{ en: ['Music workshop for children', 'Play and sing with children at the neighbourhood house.'], it: ['Laboratorio musicale per bambini', 'Suona e canta con i bambini alla casa di quartiere.'], skills: ['music'], vulnerable: true, kind: 'recurring', hours: [16 * 60, 17 * 60 + 30] },
	{ en: ['Online Italian conversation', 'Talk with a learner over a video call for an hour a week.'], it: ['Conversazione di italiano online', 'Parla con chi impara l\'italiano in videochiamata un\'ora a settimana.'], skills: ['language_support'], vulnerable: false, kind: 'ongoing', remote: true, hours: [19 * 60, 20 * 60] },
	{ en: ['Drivers for medical visits', 'Drive people to hospital appointments with the association\'s car.'], it: ['Autisti per visite mediche', 'Accompagna in auto le persone alle visite in ospedale con la macchina dell\'associazione.'], skills: ['driving'], vulnerable: true, kind: 'ongoing', hours: [8 * 60, 12 * 60] },
	{ en: ['Arts and crafts afternoon', 'Run a crafts table for families on Sunday afternoons.'], it: ['Pomeriggio creativo', 'Conduci un tavolo di lavoretti per famiglie la domenica pomeriggio.'], skills: ['arts_crafts'], vulnerable: true, kind: 'recurring', hours: [15 * 60, 17 * 60] },
	{ en: ['Welcome desk', 'Greet people at the welcome desk and show them where to go.'], it: ['Sportello accoglienza', 'Accogli le persone allo sportello e indica dove andare.'], skills: ['listening', 'interpreting'], vulnerable: false, kind: 'recurring', hours: [9 * 60, 12 * 60] }
];

const LANGUAGE_SETS: readonly (readonly [string[], number])[] = [
	[['it'], 30],
	[['it', 'en'], 20],
	[['it', 'ar'], 10],
	[['it', 'fr'], 8],
	[['ar', 'fr'], 6],
	[['uk', 'ru'], 6],
	[['ti', 'en'], 4],
	[['fa', 'en'], 4],
	[['es', 'it'], 6],
	[['it', 'ro'], 6]
];

export interface EngagementOutput {
	engagement: DemoEngagement;
	/** New accounts: the volunteers who had none. */
	users: DemoUser[];
}

export function generateEngagement(rng: Rng, input: EngagementInput): EngagementOutput {
	const BASE = Date.parse(input.baseDate);
	const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
	const baseYmd = input.baseDate.slice(0, 10);
	const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	const orgs = input.organisations.filter((o) => o.verification === 'verified');
	const harbour = orgs.find((o) => o.slug === 'open-harbour-portavera') ?? orgs[0];
	const staffOf = new Map<string, string[]>();
	for (const m of input.memberships)
		if (m.role === 'owner' || m.role === 'coordinator' || m.role === 'volunteer_coordinator') staffOf.set(m.organisationId, [...(staffOf.get(m.organisationId) ?? []), m.userId]);
	const staff = (orgId: string): string | null => {
		const list = staffOf.get(orgId);
		return list ? rng.pick(list) : null;
	};
	const randomMask = (parts: number) => {
		let mask = 0;
		for (let i = 0; i < parts; i++) mask |= 1 << rng.int(0, 20);
		return mask;
	};
	const pickSome = <T>(items: readonly T[], min: number, max: number): T[] => rng.shuffle(items).slice(0, rng.int(min, max));

	// Organisations that take volunteers (Open Harbour first), their screening.
	const posting = [harbour, ...rng.shuffle(orgs.filter((o) => o.id !== harbour.id)).slice(0, 79)];
	const screeningSteps: DemoEngagement['screeningSteps'] = [];
	for (const o of posting) {
		const steps: ScreeningStep[] = o.id === harbour.id ? ['conversation', 'identity', 'criminal_record', 'training'] : (['conversation', ...(rng.chance(0.5) ? ['identity'] : []), ...(rng.chance(0.4) ? ['training'] : [])] as ScreeningStep[]);
		for (const step of steps) screeningSteps.push({ organisationId: o.id, step });
	}
	const stepsOf = new Map<string, ScreeningStep[]>();
	for (const s of screeningSteps) stepsOf.set(s.organisationId, [...(stepsOf.get(s.organisationId) ?? []), s.step]);

	// Opportunities and their shifts.
	const opportunities: DemoOpportunity[] = [];
	const shifts: DemoShift[] = [];
	for (let i = 0; i < DEMO_OPPORTUNITIES; i++) {
		const org = i < 8 ? harbour : rng.pick(posting);
		const t = i < TEMPLATES.length && i < 8 ? TEMPLATES[i] : rng.pick(TEMPLATES);
		const nb = rng.pick(input.neighbourhoods);
		const remote = t.remote === true || (t.kind === 'ongoing' && rng.chance(0.1));
		const italianFirst = rng.chance(0.7);
		const [title, description] = italianFirst ? t.it : t.en;
		const other = italianFirst ? t.en : t.it;
		const status: OpportunityStatus = i < 8 ? 'open' : rng.weighted([['open', 90], ['draft', 5], ['closed', 5]] as const);
		const id = rng.uuid();
		opportunities.push({
			id,
			organisationId: org.id,
			title: remote ? title : `${title} · ${nb.name}`,
			description,
			language: italianFirst ? 'it' : 'en',
			translations: { [italianFirst ? 'en' : 'it']: { title: remote ? other[0] : `${other[0]} · ${nb.name}`, description: other[1] } },
			kind: t.kind,
			mode: remote ? 'remote' : 'in_person',
			neighbourhoodId: remote ? null : nb.id,
			address: remote ? null : `Via ${rng.pick(['del Porto', 'Garibaldi', 'dei Mille', 'Roma', 'delle Rose', 'San Marco'])} ${rng.int(1, 120)}`,
			skills: t.skills,
			languages: rng.weighted(LANGUAGE_SETS),
			availability: t.kind === 'ongoing' ? randomMask(4) : 0,
			involvesVulnerable: t.vulnerable,
			status,
			createdBy: staff(org.id),
			createdAt: iso(BASE - rng.int(10, 200) * DAY)
		});
		const capacity = rng.int(2, 10);
		const weekday = rng.int(0, 6);
		const firstDay = addYmd(baseYmd, ((weekday - new Date(BASE).getUTCDay() + 7) % 7) - 28);
		if (t.kind === 'recurring') {
			const seriesId = rng.uuid();
			for (let w = 0; w < 12; w++) {
				const day = addYmd(firstDay, 7 * w);
				shifts.push({ id: rng.uuid(), opportunityId: id, startsAt: zonedInstant(day, t.hours[0], TZ).toISOString(), endsAt: zonedInstant(day, t.hours[1], TZ).toISOString(), capacity, seriesId });
			}
		} else if (t.kind === 'one_off') {
			const day = addYmd(baseYmd, rng.int(-20, 60));
			shifts.push({ id: rng.uuid(), opportunityId: id, startsAt: zonedInstant(day, t.hours[0], TZ).toISOString(), endsAt: zonedInstant(day, t.hours[1], TZ).toISOString(), capacity: capacity * 2, seriesId: null });
		}
	}

	// Volunteers: new accounts (a fifth newcomers) plus the featured newcomer.
	const users: DemoUser[] = [];
	const featuredNewcomer = input.users.find((u) => u.email === 'newcomer@portavera.example');
	const volunteers: DemoUser[] = featuredNewcomer ? [featuredNewcomer] : [];
	while (volunteers.length < DEMO_VOLUNTEERS) {
		const newcomer = volunteers.length % 5 === 0;
		const pool = rng.weighted((newcomer ? input.newcomerNames : input.residentNames).map((p) => [p, p.weight] as const));
		const given = rng.pick(pool.given);
		const family = rng.pick(pool.family);
		const created = BASE - rng.int(20, 900) * DAY;
		const u: DemoUser = {
			id: rng.uuid(),
			displayName: `${given} ${family}`,
			email: input.uniqueEmail(`${given}.${family}`, rng.pick(input.emailProviders)),
			username: null,
			emailVerifiedAt: iso(created),
			kind: newcomer ? 'newcomer' : 'resident',
			platformRole: null,
			locale: newcomer ? pool.locale : rng.chance(0.8) ? 'it' : pool.locale,
			createdAt: iso(created),
			password: newcomer ? 'newcomer' : 'resident'
		};
		users.push(u);
		volunteers.push(u);
	}
	const profiles: DemoProfile[] = volunteers.map((u) => {
		const featured = u === featuredNewcomer;
		const lastActive = featured ? BASE - 2 * DAY : BASE - rng.weighted([[rng.int(0, 30), 60], [rng.int(31, 89), 25], [rng.int(90, 400), 15]] as const) * DAY;
		return {
			userId: u.id,
			skills: featured ? ['cooking', 'interpreting', 'listening'] : pickSome(SKILLS, 1, 4),
			interests: featured ? ['food', 'women'] : pickSome(INTERESTS, 1, 3),
			otherSkills: '',
			languages: featured ? ['ar', 'fr', 'it'] : rng.weighted(LANGUAGE_SETS),
			availability: featured ? 0b000_000_000_110_110_110_110 : randomMask(rng.int(2, 8)),
			neighbourhoodId: rng.pick(input.neighbourhoods).id,
			travelKm: rng.int(2, 15),
			remote: rng.chance(0.3),
			reminders: rng.chance(0.9),
			missYou: rng.chance(0.85),
			lastActiveAt: iso(Math.min(lastActive, BASE)),
			createdAt: iso(Math.max(Date.parse(u.createdAt), BASE - 600 * DAY))
		};
	});

	// Applications, screening, sign-ups and hours.
	const applications: DemoApplication[] = [];
	const screening: DemoScreening[] = [];
	const signups: DemoSignup[] = [];
	const hours: DemoHours[] = [];
	const screened = new Set<string>();
	/** One row per organisation, volunteer and step (the table's key). */
	const recorded = new Set<string>();
	const addScreening = (row: DemoScreening) => {
		const key = `${row.organisationId}:${row.userId}:${row.step}`;
		if (recorded.has(key)) return;
		recorded.add(key);
		screening.push(row);
	};
	const shiftsOf = new Map<string, DemoShift[]>();
	for (const s of shifts) shiftsOf.set(s.opportunityId, [...(shiftsOf.get(s.opportunityId) ?? []), s]);
	const taken = new Map<string, number>();
	const busy = new Map<string, { start: number; end: number }[]>();
	const open = opportunities.filter((o) => o.status !== 'draft');
	const harbourOpen = opportunities.filter((o) => o.organisationId === harbour.id);

	const screen = (orgId: string, userId: string, vulnerable: boolean, decided: number) => {
		const key = `${orgId}:${userId}`;
		if (screened.has(key)) return;
		screened.add(key);
		const by = staff(orgId);
		for (const step of stepsOf.get(orgId) ?? []) {
			addScreening({ organisationId: orgId, userId, step, verifiedBy: by, verifiedAt: iso(decided - DAY), expiresOn: step === 'criminal_record' ? ymd(decided + rng.int(200, 900) * DAY) : null, reference: step === 'criminal_record' ? `CR-${rng.int(100000, 999999)}` : null });
		}
		if (vulnerable && !(stepsOf.get(orgId) ?? []).includes('criminal_record'))
			addScreening({ organisationId: orgId, userId, step: 'criminal_record', verifiedBy: by, verifiedAt: iso(decided - DAY), expiresOn: ymd(decided + rng.int(200, 900) * DAY), reference: `CR-${rng.int(100000, 999999)}` });
	};

	volunteers.forEach((u, vi) => {
		const featured = u === featuredNewcomer;
		const count = featured ? 2 : rng.weighted([[0, 25], [1, 45], [2, 22], [3, 8]] as const);
		const chosen = featured ? harbourOpen.filter((o) => !o.involvesVulnerable).slice(0, 2) : rng.shuffle(vi % 10 === 1 ? harbourOpen : open).slice(0, count);
		for (const o of chosen) {
			const created = Math.max(Date.parse(o.createdAt) + DAY, BASE - rng.int(3, 120) * DAY);
			const status: ApplicationStatus = featured ? 'accepted' : rng.weighted([['accepted', 55], ['applied', 18], ['screening', 10], ['declined', 5], ['withdrawn', 12]] as const);
			const decided = created + rng.int(1, 10) * DAY;
			const decidedAt = status === 'applied' ? null : iso(Math.min(decided, BASE));
			applications.push({
				id: rng.uuid(),
				opportunityId: o.id,
				userId: u.id,
				status,
				message: rng.chance(0.5) ? rng.pick(['I have free afternoons.', 'Ho esperienza con i bambini.', 'Parlo arabo e francese.', 'I would like to help in my neighbourhood.']) : '',
				reason: status === 'declined' ? rng.pick(['We have enough volunteers for now: please try our other shifts.', 'Al momento abbiamo abbastanza volontari.']) : null,
				decidedBy: status === 'applied' ? null : staff(o.organisationId),
				decidedAt,
				createdAt: iso(Math.min(created, BASE - DAY))
			});
			if (status === 'screening') {
				const by = staff(o.organisationId);
				addScreening({ organisationId: o.organisationId, userId: u.id, step: 'conversation', verifiedBy: by, verifiedAt: iso(Math.min(decided, BASE)), expiresOn: null, reference: null });
			}
			if (status !== 'accepted') continue;
			screen(o.organisationId, u.id, o.involvesVulnerable, Math.min(decided, BASE));
			// Sign-ups: a few of the opportunity's shifts, past and coming, within capacity.
			const mine = busy.get(u.id) ?? [];
			for (const s of (shiftsOf.get(o.id) ?? []).filter(() => featured || rng.chance(0.35))) {
				const start = Date.parse(s.startsAt);
				const end = Date.parse(s.endsAt);
				if (start < Math.min(decided, BASE) || mine.some((b) => b.start < end && b.end > start)) continue;
				const n = taken.get(s.id) ?? 0;
				const status: SignupStatus = n < s.capacity ? 'confirmed' : start > BASE ? 'waitlisted' : 'confirmed';
				if (status === 'confirmed' && n >= s.capacity) continue;
				if (status === 'confirmed') taken.set(s.id, n + 1);
				mine.push({ start, end });
				signups.push({ id: rng.uuid(), shiftId: s.id, userId: u.id, status, createdAt: iso(Math.min(start - rng.int(2, 14) * DAY, BASE)) });
				if (status === 'confirmed' && end < BASE) {
					const hStatus: HoursStatus = featured ? 'confirmed' : rng.weighted([['confirmed', 80], ['logged', 15], ['rejected', 5]] as const);
					hours.push({
						id: rng.uuid(),
						userId: u.id,
						opportunityId: o.id,
						shiftId: s.id,
						workedOn: ymd(start + 2 * 3_600_000),
						minutes: Math.round((end - start) / 60_000),
						tasks: rng.pick(['Welcomed people and explained the service', 'Cooked and served lunch', 'Sorted donations', 'Helped with homework', 'Talked in Italian and Arabic', '']),
						skills: o.skills.slice(0, rng.int(1, o.skills.length)),
						status: hStatus,
						reviewedBy: hStatus === 'logged' ? null : staff(o.organisationId),
						reviewedAt: hStatus === 'logged' ? null : iso(Math.min(end + rng.int(1, 5) * DAY, BASE)),
						createdAt: iso(Math.min(end + 3_600_000, BASE))
					});
				}
			}
			busy.set(u.id, mine);
		}
	});

	return { engagement: { opportunities, shifts, profiles, applications, screeningSteps, screening, signups, hours }, users };
}
