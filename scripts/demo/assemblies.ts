/**
 * The demo city's assemblies (issue 7), from their own stream of randomness:
 * two neighbourhood assemblies and two thematic ones, each with members (a
 * chair and a secretary among them), monthly meetings before the demo's
 * "now" (held, with attendance, guests, minutes and decisions in every
 * status, some overdue) and after it (planned, with answers and interpreter
 * requests). The featured resident (resident@portavera.example) chairs the
 * first; the featured newcomer (newcomer@portavera.example) is a member and
 * asked for an Arabic interpreter at its next meeting. One meeting was cancelled.
 *
 * Times are local times in the city's zone (zonedInstant).
 */
import type { Rng, DemoUser } from './generate.ts';
import { zonedInstant, addDays as addYmd } from '../../src/lib/directory/hours.ts';
import type { AgendaItem, AssemblyJoinRule, AssemblyKind, AssemblyTranslations, DecisionStatus, MeetingStatus, Presence } from '../../src/lib/server/db/schema/index.ts';

const TZ = 'Europe/Rome';
export const DEMO_ASSEMBLIES = 4;

export interface DemoAssembly {
	id: string;
	kind: AssemblyKind;
	neighbourhoodId: string | null;
	theme: string | null;
	name: string;
	description: string;
	translations: AssemblyTranslations;
	languages: string[];
	joinRule: AssemblyJoinRule;
	chairId: string;
	secretaryId: string;
	createdAt: string;
}
export interface DemoAssemblyMember {
	id: string;
	assemblyId: string;
	userId: string;
	status: 'active' | 'requested';
	requestedAt: string;
	joinedAt: string | null;
}
export interface DemoMeeting {
	id: string;
	assemblyId: string;
	startsAt: string;
	endsAt: string;
	placeName: string | null;
	address: string | null;
	onlineUrl: string | null;
	agenda: AgendaItem[];
	status: MeetingStatus;
	cancelReason: string | null;
	minutes: string | null;
	minutesAt: string | null;
	guests: number;
	attendanceAt: string | null;
	createdAt: string;
}
export interface DemoReply {
	meetingId: string;
	userId: string;
	coming: 'yes' | 'no';
	interpreter: string | null;
}
export interface DemoAttendance {
	meetingId: string;
	userId: string;
	presence: Presence;
}
export interface DemoDecision {
	id: string;
	assemblyId: string;
	meetingId: string;
	text: string;
	ownerUserId: string | null;
	ownerOrganisation: string | null;
	dueOn: string;
	status: DecisionStatus;
	doneOn: string | null;
	createdAt: string;
}
export interface DemoAssemblies {
	assemblies: DemoAssembly[];
	members: DemoAssemblyMember[];
	meetings: DemoMeeting[];
	replies: DemoReply[];
	attendance: DemoAttendance[];
	decisions: DemoDecision[];
}

export interface AssembliesInput {
	baseDate: string;
	neighbourhoods: readonly { id: string; name: string }[];
	users: readonly DemoUser[];
}

const h = (hh: number, mm = 0) => hh * 60 + mm;

interface Plan {
	kind: AssemblyKind;
	theme: string | null;
	name: (nb: string) => string;
	it: (nb: string) => string;
	ar?: (nb: string) => string;
	description: string;
	descriptionIt: string;
	languages: string[];
	joinRule: AssemblyJoinRule;
	online: boolean;
	topics: readonly [string, string][];
	decisions: readonly [string, string | null][];
}

const PLANS: readonly Plan[] = [
	{
		kind: 'neighbourhood',
		theme: null,
		name: (nb) => `${nb} neighbourhood assembly`,
		it: (nb) => `Assemblea di quartiere ${nb}`,
		ar: (nb) => `جمعية حي ${nb}`,
		description: 'Every month neighbours meet to talk about streets, parks, noise and festivals, and decide who does what.',
		descriptionIt: 'Ogni mese i vicini si incontrano per parlare di strade, parchi, rumore e feste, e decidere chi fa cosa.',
		languages: ['it', 'ar', 'en'],
		joinRule: 'open',
		online: false,
		topics: [
			['Cleaning the square', 'Report from the district office'],
			['Summer festival', 'Who cooks, who plays, who cleans'],
			['Bus stop without shelter', ''],
			['Playground repairs', 'Photos from residents'],
			['Noise at night', 'A proposal from the bar owners']
		],
		decisions: [
			['Ask the district office for two more bins in the square', 'Municipio Centro'],
			['Organise the summer festival on the last Saturday of June', null],
			['Write a letter about the bus stop shelter', null],
			['Paint the playground fence with the children', 'Casa di quartiere'],
			['Meet the bar owners about noise after midnight', null]
		]
	},
	{
		kind: 'neighbourhood',
		theme: null,
		name: (nb) => `${nb} neighbourhood assembly`,
		it: (nb) => `Assemblea di quartiere ${nb}`,
		ar: (nb) => `جمعية حي ${nb}`,
		description: 'Residents old and new meet at the library to improve life in the neighbourhood together.',
		descriptionIt: 'Residenti vecchi e nuovi si incontrano in biblioteca per migliorare insieme la vita del quartiere.',
		languages: ['it', 'uk', 'fr'],
		joinRule: 'open',
		online: false,
		topics: [
			['Street lights on the stairs', ''],
			['Welcome walk for new families', 'Route and date'],
			['Community garden', 'Who waters in August'],
			['Parking on the pavement', '']
		],
		decisions: [
			['Report the broken street lights on the stairs', 'Ufficio tecnico comunale'],
			['Hold a welcome walk for new families every season', null],
			['Make a watering rota for the garden in August', null],
			['Ask the traffic police to check the pavement parking', 'Polizia locale']
		]
	},
	{
		kind: 'thematic',
		theme: 'Housing',
		name: () => 'Housing assembly',
		it: () => 'Assemblea sulla casa',
		description: 'Tenants, newcomers and housing organisations meet about rents, repairs and finding a home without discrimination.',
		descriptionIt: 'Inquilini, nuovi arrivati e associazioni si incontrano su affitti, riparazioni e trovare casa senza discriminazioni.',
		languages: ['it', 'en', 'ar', 'ti'],
		joinRule: 'request',
		online: false,
		topics: [
			['Rental contracts explained', 'With a volunteer lawyer'],
			['Mould and repairs: who pays?', ''],
			['Discrimination when renting', 'Stories and what to do'],
			['Shared flats for young people', '']
		],
		decisions: [
			['Publish a simple guide to rental contracts in five languages', 'Open Harbour Portavera'],
			['Collect cases of refused rentals for the city', null],
			['Invite the tenants\' union to the next meeting', null],
			['Ask the city for a housing desk with interpreters', 'Comune di Portavera']
		]
	},
	{
		kind: 'thematic',
		theme: 'Women',
		name: () => 'Women\'s voices assembly',
		it: () => 'Assemblea Voci di donne',
		description: 'A space for women of every origin to talk about work, health, safety and childcare, and to bring proposals to the city.',
		descriptionIt: 'Uno spazio per donne di ogni origine per parlare di lavoro, salute, sicurezza e cura dei figli, e portare proposte alla città.',
		languages: ['it', 'ar', 'fa', 'uk', 'es'],
		joinRule: 'request',
		online: true,
		topics: [
			['Childcare during language courses', ''],
			['Safe walk home at night', 'Map of dark streets'],
			['Women\'s health days', 'With the family clinic'],
			['Work and qualifications from abroad', '']
		],
		decisions: [
			['Ask the language school for a crèche during evening courses', 'Scuola di lingua Portavera'],
			['Walk the dark streets with the city\'s lighting office', null],
			['Plan a health day with the family clinic', 'Consultorio familiare'],
			['Collect questions about recognition of diplomas', null]
		]
	}
];

const PLACES = ['Casa di quartiere', 'Biblioteca', 'Sala civica', 'Centro sociale'];
const STREETS = ['del Porto', 'Garibaldi', 'dei Mille', 'Roma', 'delle Rose', 'San Marco'];

/** Monthly meetings: four before the demo's "now" (one cancelled), two after. */
const PAST_WEEKS = [-16, -12, -8, -4] as const;
const NEXT_WEEKS = [3, 7] as const;

export function generateAssemblies(rng: Rng, input: AssembliesInput): DemoAssemblies {
	const BASE = Date.parse(input.baseDate);
	const baseYmd = input.baseDate.slice(0, 10);
	const DAY = 86_400_000;
	const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
	const people = input.users.filter((u) => u.platformRole === null && u.email !== null);
	const featuredResident = input.users.find((u) => u.email === 'resident@portavera.example');
	const featuredNewcomer = input.users.find((u) => u.email === 'newcomer@portavera.example');

	const out: DemoAssemblies = { assemblies: [], members: [], meetings: [], replies: [], attendance: [], decisions: [] };
	PLANS.forEach((plan, i) => {
		const nb = plan.kind === 'neighbourhood' ? input.neighbourhoods[i % input.neighbourhoods.length] : null;
		const nbName = nb?.name ?? '';
		const created = BASE - rng.int(150, 200) * DAY;
		const size = rng.int(14, 26);
		let chosen = rng.shuffle(people.filter((u) => u !== featuredResident && u !== featuredNewcomer)).slice(0, size);
		if (i === 0 && featuredResident && featuredNewcomer) chosen = [featuredResident, featuredNewcomer, ...chosen];
		const assemblyId = rng.uuid();
		const translations: AssemblyTranslations = { it: { name: plan.it(nbName), description: plan.descriptionIt } };
		if (plan.ar) translations.ar = { name: plan.ar(nbName), description: '' };
		out.assemblies.push({
			id: assemblyId,
			kind: plan.kind,
			neighbourhoodId: nb?.id ?? null,
			theme: plan.theme,
			name: plan.name(nbName),
			description: plan.description,
			translations,
			languages: plan.languages,
			joinRule: plan.joinRule,
			chairId: chosen[0].id,
			secretaryId: chosen[2].id,
			createdAt: iso(created)
		});
		const members = chosen.map((u, k) => {
			const joined = created + (k + 1) * rng.int(1, 4) * DAY;
			return { id: rng.uuid(), assemblyId, userId: u.id, status: 'active' as const, requestedAt: iso(joined), joinedAt: iso(joined) };
		});
		out.members.push(...members);
		// A by-request assembly has two people waiting for the chair's answer.
		if (plan.joinRule === 'request') {
			for (const u of rng.shuffle(people.filter((p) => !chosen.includes(p))).slice(0, 2)) {
				out.members.push({ id: rng.uuid(), assemblyId, userId: u.id, status: 'requested', requestedAt: iso(BASE - rng.int(1, 6) * DAY), joinedAt: null });
			}
		}
		const place = plan.online ? null : `${rng.pick(PLACES)} ${nbName || 'Portavera'}`.trim();
		const address = plan.online ? null : `Via ${rng.pick(STREETS)} ${rng.int(1, 90)}`;
		const online = plan.online ? `https://meet.portavera.example/assembly-${i + 1}` : null;
		const meeting = (weeks: number, status: MeetingStatus, topics: [string, string][]): DemoMeeting => {
			const day = addYmd(baseYmd, weeks * 7 + i);
			const startsAt = zonedInstant(day, h(18, 30), TZ).getTime();
			return {
				id: rng.uuid(),
				assemblyId,
				startsAt: iso(startsAt),
				endsAt: iso(zonedInstant(day, h(20), TZ).getTime()),
				placeName: place,
				address,
				onlineUrl: online,
				agenda: topics.map(([title, description]) => ({ title, description })),
				status,
				cancelReason: status === 'cancelled' ? 'The hall was closed for repairs; the points move to the next meeting.' : null,
				minutes: null,
				minutesAt: null,
				guests: 0,
				attendanceAt: null,
				createdAt: iso(startsAt - 21 * DAY)
			};
		};
		let d = 0;
		PAST_WEEKS.forEach((w, k) => {
			const topics = rng.shuffle(plan.topics).slice(0, 3) as [string, string][];
			// The third meeting of the second assembly was cancelled.
			if (i === 1 && k === 2) {
				out.meetings.push(meeting(w, 'cancelled', topics));
				return;
			}
			const mt = meeting(w, 'held', topics);
			const start = Date.parse(mt.startsAt);
			let present = 0;
			for (const m of members) {
				const presence: Presence = rng.weighted([
					['present', 6],
					['excused', 2],
					['absent', 2]
				]);
				if (presence === 'present') present++;
				out.attendance.push({ meetingId: mt.id, userId: m.userId, presence });
			}
			mt.guests = rng.int(0, 7);
			mt.attendanceAt = iso(start + 3 * 3_600_000);
			mt.minutes = [
				`Present: ${present} members and ${mt.guests} guests. Chair: ${chosen[0].displayName}. Minutes: ${chosen[2].displayName}.`,
				...topics.map(([title], n) => `${n + 1}. ${title}: discussed; ${rng.pick(['agreed unanimously', 'agreed after a vote', 'to be continued next time', 'a small group will prepare a proposal'])}.`),
				'Next meeting: in four weeks, same place.'
			].join('\n\n');
			mt.minutesAt = iso(start + 26 * 3_600_000);
			out.meetings.push(mt);
			// One or two decisions per held meeting, in every status; the oldest open ones are overdue.
			const taken = k === PAST_WEEKS.length - 1 ? 1 : 2;
			for (let j = 0; j < taken && d < plan.decisions.length; j++, d++) {
				const [text, org] = plan.decisions[d];
				const owner = org ? null : rng.pick(members).userId;
				const dueWeeks = w + rng.int(3, 10);
				const dueOn = addYmd(baseYmd, dueWeeks * 7);
				const status: DecisionStatus = d === 0 ? 'done' : d === 1 ? 'in_progress' : d === 2 ? 'open' : d % 2 ? 'done' : 'in_progress';
				out.decisions.push({
					id: rng.uuid(),
					assemblyId,
					meetingId: mt.id,
					text,
					ownerUserId: owner,
					ownerOrganisation: org,
					dueOn,
					status,
					doneOn: status === 'done' ? addYmd(baseYmd, w * 7 + rng.int(7, 20)) : null,
					createdAt: iso(start + 26 * 3_600_000)
				});
			}
		});
		NEXT_WEEKS.forEach((w, k) => {
			const topics = rng.shuffle(plan.topics).slice(0, k === 0 ? 4 : 2) as [string, string][];
			const mt = meeting(w, 'scheduled', topics);
			out.meetings.push(mt);
			if (k !== 0) return;
			// Answers to the next meeting, with interpreter requests in the assembly's languages.
			for (const m of members) {
				if (!rng.chance(0.7)) continue;
				const coming = rng.chance(0.8) ? 'yes' : 'no';
				const interpreter = coming === 'yes' && rng.chance(0.3) ? rng.pick(plan.languages.filter((l) => l !== 'it')) : null;
				out.replies.push({ meetingId: mt.id, userId: m.userId, coming, interpreter });
			}
			if (i === 0 && featuredNewcomer) {
				const at = out.replies.findIndex((r) => r.meetingId === mt.id && r.userId === featuredNewcomer.id);
				const mine: DemoReply = { meetingId: mt.id, userId: featuredNewcomer.id, coming: 'yes', interpreter: 'ar' };
				if (at >= 0) out.replies[at] = mine;
				else out.replies.push(mine);
			}
		});
	});
	return out;
}
