/**
 * The demo city's neighbourhood activities (issue 6), from their own stream
 * of randomness: a neighbourhood house in most neighbourhoods (run by a
 * verified organisation), 400 published activities over the two months after
 * the demo's "now" by organisations, houses and residents, of every kind
 * (trainings and networking events for volunteers among them), some residents'
 * proposals waiting for review and one rejected, and RSVPs: some activities
 * are full with a waiting list. The featured newcomer (newcomer@portavera.example)
 * is going to two activities.
 *
 * Times are local times in the city's zone (zonedInstant).
 */
import type { Rng, DemoOrganisation, DemoUser } from './generate.ts';
import { zonedInstant, addDays as addYmd } from '../../src/lib/directory/hours.ts';
import type { ActivityAudience, ActivityKind, ActivityStatus, ActivityTranslations, RsvpStatus } from '../../src/lib/server/db/schema/index.ts';

export const DEMO_ACTIVITIES = 400;
export const DEMO_PENDING_PROPOSALS = 6;
const TZ = 'Europe/Rome';

export interface DemoHouse {
	id: string;
	neighbourhoodId: string;
	organisationId: string;
	name: string;
	address: string;
}

export interface DemoActivity {
	id: string;
	organisationId: string | null;
	proposedBy: string | null;
	neighbourhoodId: string | null;
	kind: ActivityKind;
	audience: ActivityAudience;
	title: string;
	description: string;
	language: string;
	translations: ActivityTranslations;
	startsAt: string;
	endsAt: string;
	placeName: string | null;
	address: string | null;
	onlineUrl: string | null;
	capacity: number | null;
	languages: string[];
	childFriendly: boolean;
	accessibility: string[];
	status: ActivityStatus;
	reviewReason: string | null;
	createdAt: string;
}

export interface DemoRsvp {
	id: string;
	activityId: string;
	userId: string;
	status: RsvpStatus;
	createdAt: string;
}

export interface DemoActivities {
	houses: DemoHouse[];
	activities: DemoActivity[];
	rsvps: DemoRsvp[];
}

export interface ActivitiesInput {
	baseDate: string;
	neighbourhoods: readonly { id: string; name: string }[];
	organisations: readonly DemoOrganisation[];
	users: readonly DemoUser[];
}

type Template = { en: [string, string]; it: [string, string]; kind: ActivityKind; hours: [number, number]; child: boolean; online?: boolean };
const h = (hh: number, mm = 0) => hh * 60 + mm;
const TEMPLATES: readonly Template[] = [
	{ en: ['Cooking together', 'Cook a dish from your country and share it. Everyone brings one ingredient.'], it: ['Cuciniamo insieme', 'Cucina un piatto del tuo paese e condividilo. Ognuno porta un ingrediente.'], kind: 'activity', hours: [h(18), h(20, 30)], child: true },
	{ en: ['Language café', 'Practise Italian over tea, in small tables by level.'], it: ['Caffè linguistico', 'Pratica l\'italiano davanti a un tè, in piccoli tavoli per livello.'], kind: 'activity', hours: [h(17, 30), h(19)], child: false },
	{ en: ['Football in the park', 'A friendly match for all ages. Bring water and good shoes.'], it: ['Calcio al parco', 'Una partita amichevole per tutte le età. Porta acqua e scarpe comode.'], kind: 'activity', hours: [h(10), h(12)], child: true },
	{ en: ['Story time for children', 'Stories in many languages for children from 3 to 8, with their parents.'], it: ['Storie per bambini', 'Storie in tante lingue per bambini dai 3 agli 8 anni, con i genitori.'], kind: 'activity', hours: [h(16, 30), h(17, 30)], child: true },
	{ en: ['Neighbourhood dinner', 'A long table in the courtyard: meet the people who live next door.'], it: ['Cena di quartiere', 'Una lunga tavolata in cortile: conosci chi abita accanto a te.'], kind: 'event', hours: [h(19, 30), h(22)], child: true },
	{ en: ['Music evening', 'Musicians from the neighbourhood play; bring your instrument if you like.'], it: ['Serata di musica', 'Suonano musicisti del quartiere; porta il tuo strumento se vuoi.'], kind: 'event', hours: [h(20), h(22, 30)], child: false },
	{ en: ['Sewing and repair workshop', 'Fix your clothes with our machines and help from volunteers.'], it: ['Laboratorio di cucito e riparazioni', 'Ripara i tuoi vestiti con le nostre macchine e l\'aiuto dei volontari.'], kind: 'activity', hours: [h(15), h(18)], child: false },
	{ en: ['Walk and talk', 'A gentle walk through the neighbourhood with a local guide.'], it: ['Passeggiata e chiacchiere', 'Una passeggiata tranquilla nel quartiere con una guida del posto.'], kind: 'activity', hours: [h(10), h(11, 30)], child: true },
	{ en: ['Info evening: schools in Portavera', 'How enrolment works, in simple words, with interpreters.'], it: ['Serata informativa: le scuole a Portavera', 'Come funzionano le iscrizioni, in parole semplici, con interpreti.'], kind: 'event', hours: [h(18), h(19, 30)], child: false },
	{ en: ['Online chat: first weeks in the city', 'Ask your questions about the first weeks in Portavera in a video call.'], it: ['Chat online: le prime settimane in città', 'Fai le tue domande sulle prime settimane a Portavera in videochiamata.'], kind: 'event', hours: [h(19), h(20)], child: false, online: true },
	{ en: ['Board games afternoon', 'Games that need few words: fun for everyone.'], it: ['Pomeriggio di giochi da tavolo', 'Giochi con poche parole: divertenti per tutti.'], kind: 'activity', hours: [h(15), h(18)], child: true },
	{ en: ['Community garden morning', 'Plant, water, harvest, and take some vegetables home.'], it: ['Mattina all\'orto comune', 'Pianta, annaffia, raccogli e porta a casa un po\' di verdura.'], kind: 'activity', hours: [h(9), h(12)], child: true }
];
const VOLUNTEER_TEMPLATES: readonly Template[] = [
	{ en: ['Training: welcoming people who just arrived', 'How to listen, what to say, where to send people. For new volunteers.'], it: ['Formazione: accogliere chi è appena arrivato', 'Come ascoltare, cosa dire, dove indirizzare. Per nuovi volontari.'], kind: 'training', hours: [h(18), h(20)], child: false },
	{ en: ['Training: first aid basics', 'A first aid course with a certificate, for volunteers.'], it: ['Formazione: primo soccorso', 'Un corso di primo soccorso con attestato, per volontari.'], kind: 'training', hours: [h(9), h(13)], child: false },
	{ en: ['Training: safeguarding children', 'What every volunteer working with children must know.'], it: ['Formazione: tutela dei minori', 'Quello che ogni volontario che lavora con i bambini deve sapere.'], kind: 'training', hours: [h(17), h(19)], child: false },
	{ en: ['Online training: interpreting in practice', 'Tips for volunteers who interpret at desks and visits.'], it: ['Formazione online: interpretare nella pratica', 'Consigli per volontari che interpretano agli sportelli e alle visite.'], kind: 'training', hours: [h(18, 30), h(20)], child: false, online: true },
	{ en: ['Volunteers\' aperitivo', 'Meet volunteers from other organisations and swap ideas.'], it: ['Aperitivo dei volontari', 'Incontra volontari di altre associazioni e scambiate idee.'], kind: 'networking', hours: [h(19), h(21)], child: false },
	{ en: ['Volunteers\' breakfast', 'Coffee, pastries and news from the city\'s volunteering.'], it: ['Colazione dei volontari', 'Caffè, brioche e novità dal volontariato in città.'], kind: 'networking', hours: [h(8, 30), h(10)], child: false }
];
const LANGUAGE_SETS: readonly (readonly [string[], number])[] = [
	[['it'], 30],
	[['it', 'en'], 20],
	[['it', 'ar'], 12],
	[['it', 'fr'], 8],
	[['it', 'uk'], 8],
	[['it', 'ti', 'en'], 4],
	[['it', 'fa'], 4],
	[['it', 'es'], 6]
];
const ACCESS = ['step_free', 'accessible_toilet', 'hearing_loop', 'sign_language', 'quiet_space', 'seating'] as const;
const STREETS = ['del Porto', 'Garibaldi', 'dei Mille', 'Roma', 'delle Rose', 'San Marco', 'del Faro', 'delle Vele'];

export function generateActivities(rng: Rng, input: ActivitiesInput): DemoActivities {
	const BASE = Date.parse(input.baseDate);
	const baseYmd = input.baseDate.slice(0, 10);
	const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
	const DAY = 86_400_000;
	const orgs = input.organisations.filter((o) => o.verification === 'verified');
	const harbour = orgs.find((o) => o.slug === 'open-harbour-portavera') ?? orgs[0];
	const residents = input.users.filter((u) => u.platformRole === null && u.email !== null);
	const featured = input.users.find((u) => u.email === 'newcomer@portavera.example');

	// A house in all but two neighbourhoods; Open Harbour runs the first.
	const houses: DemoHouse[] = input.neighbourhoods.slice(0, Math.max(1, input.neighbourhoods.length - 2)).map((n, i) => ({
		id: rng.uuid(),
		neighbourhoodId: n.id,
		organisationId: i === 0 ? harbour.id : rng.pick(orgs).id,
		name: `Casa di quartiere ${n.name}`,
		address: `Via ${rng.pick(STREETS)} ${rng.int(1, 90)}`
	}));
	const houseOf = new Map(houses.map((hs) => [hs.neighbourhoodId, hs]));

	const activities: DemoActivity[] = [];
	const make = (status: ActivityStatus, i: number): DemoActivity => {
		const forVolunteers = status === 'published' && i % 8 === 7;
		const t = forVolunteers ? rng.pick(VOLUNTEER_TEMPLATES) : rng.pick(TEMPLATES);
		const nb = rng.pick(input.neighbourhoods);
		const house = houseOf.get(nb.id);
		const byResident = status !== 'published' || (!forVolunteers && house !== undefined && rng.chance(0.15));
		const byHouse = !byResident && house !== undefined && rng.chance(0.3);
		const organisationId = byResident || byHouse ? (house?.organisationId ?? harbour.id) : i < 10 ? harbour.id : rng.pick(orgs).id;
		const proposer = byResident ? rng.pick(residents) : null;
		const day = addYmd(baseYmd, rng.int(status === 'published' ? 0 : 5, 60));
		const startsAt = zonedInstant(day, t.hours[0], TZ).getTime();
		const online = t.online === true;
		const italianFirst = rng.chance(0.7);
		const [title, description] = italianFirst ? t.it : t.en;
		const other = italianFirst ? t.en : t.it;
		const capacity = rng.chance(0.3) ? null : rng.pick([8, 10, 12, 15, 20, 25, 30, 40]);
		return {
			id: rng.uuid(),
			organisationId: organisationId ?? null,
			proposedBy: proposer?.id ?? null,
			neighbourhoodId: online ? null : house && (byHouse || byResident) ? nb.id : nb.id,
			kind: t.kind,
			audience: forVolunteers ? 'volunteers' : 'everyone',
			title: online ? title : `${title} · ${nb.name}`,
			description,
			language: italianFirst ? 'it' : 'en',
			translations: { [italianFirst ? 'en' : 'it']: { title: online ? other[0] : `${other[0]} · ${nb.name}`, description: other[1] } },
			startsAt: iso(startsAt),
			endsAt: iso(zonedInstant(day, t.hours[1], TZ).getTime()),
			placeName: online ? null : byHouse || byResident ? (house?.name ?? `Sala ${nb.name}`) : rng.pick([`Sala ${nb.name}`, `Biblioteca ${nb.name}`, `Parco ${nb.name}`, `Cortile ${nb.name}`]),
			address: online ? null : byHouse || byResident ? (house?.address ?? null) : `Via ${rng.pick(STREETS)} ${rng.int(1, 120)}`,
			onlineUrl: online ? `https://meet.portavera.example/${rng.uuid().slice(0, 8)}` : null,
			capacity,
			languages: rng.weighted(LANGUAGE_SETS),
			childFriendly: t.child,
			accessibility: online ? [] : ACCESS.filter(() => rng.chance(0.35)),
			status,
			reviewReason: null,
			createdAt: iso(BASE - rng.int(1, 30) * DAY)
		};
	};
	for (let i = 0; i < DEMO_ACTIVITIES; i++) activities.push(make('published', i));
	for (let i = 0; i < DEMO_PENDING_PROPOSALS; i++) {
		const a = make('proposed', i);
		// Proposals are for neighbourhoods with a house.
		const house = houses[i % houses.length];
		const nb = input.neighbourhoods.find((n) => n.id === house.neighbourhoodId)!;
		activities.push({ ...a, neighbourhoodId: house.neighbourhoodId, organisationId: house.organisationId, placeName: house.name, address: house.address, onlineUrl: null, title: `${a.title.split(' · ')[0]} · ${nb.name}` });
	}
	const rejected = make('rejected', 0);
	activities.push({ ...rejected, neighbourhoodId: houses[0].neighbourhoodId, organisationId: houses[0].organisationId, placeName: houses[0].name, address: houses[0].address, onlineUrl: null, reviewReason: 'The hall is booked that evening. Could you choose another day?' });

	// RSVPs: most published activities have some; a tenth are full with a waiting list.
	const rsvps: DemoRsvp[] = [];
	const everyone = activities.filter((a) => a.status === 'published' && a.audience === 'everyone');
	for (const a of activities) {
		if (a.status !== 'published') continue;
		const full = a.capacity !== null && rng.chance(0.1);
		const n = a.capacity === null ? rng.int(0, 25) : full ? a.capacity + rng.int(1, 6) : rng.int(0, Math.floor(a.capacity * 0.8));
		const people = rng.shuffle(residents).slice(0, n).filter((u) => u !== featured);
		const created = Date.parse(a.createdAt);
		people.forEach((u, k) => {
			rsvps.push({
				id: rng.uuid(),
				activityId: a.id,
				userId: u.id,
				status: a.capacity !== null && k >= a.capacity ? 'waitlisted' : 'going',
				createdAt: iso(Math.min(BASE - 60_000, created + (k + 1) * 3_600_000))
			});
		});
	}
	if (featured) {
		const child = everyone.filter((a) => a.childFriendly && a.languages.includes('ar'));
		for (const a of (child.length >= 2 ? child : everyone).slice(0, 2)) {
			const going = rsvps.filter((r) => r.activityId === a.id && r.status === 'going').length;
			rsvps.push({ id: rng.uuid(), activityId: a.id, userId: featured.id, status: a.capacity !== null && going >= a.capacity ? 'waitlisted' : 'going', createdAt: iso(BASE - 2 * DAY) });
		}
	}
	return { houses, activities, rsvps };
}
