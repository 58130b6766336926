/**
 * The demo city's buddy and mentoring programmes (issue 6, decision 020),
 * from their own stream of randomness. Open Harbour Portavera runs two: a
 * buddy programme ("Kompis Portavera") and a mentoring-into-work programme.
 * Each has newcomers and residents who applied, and pairs at every stage:
 * applicants not matched yet, proposals waiting for the coordinator (with
 * the scoring model's explanation), active pairs with answered check-ins
 * (a few with low wellbeing, flagged) and check-ins due, ended pairs with
 * feedback from both sides, and newcomers re-matched after an ending.
 *
 * The featured newcomer (newcomer@portavera.example) has an active buddy
 * with a check-in due, so /buddies/me shows one to answer.
 */
import type { Rng, DemoOrganisation, DemoUser } from './generate.ts';
import { addDays } from '../../src/lib/directory/hours.ts';
import { INTERESTS } from '../../src/lib/engagement/lists.ts';
import { brokenRule, scorePair, type Criterion, type SideProfile } from '../../src/lib/server/matching/scoring.ts';
import { BUDDY_SETTINGS } from '../../src/lib/server/buddies/settings.ts';
import type { AgeBand, BuddyEndReason, BuddyGender, BuddyGenderPreference, BuddyProgrammeKind, BuddySide, BuddyTranslations } from '../../src/lib/server/db/schema/index.ts';

const DAY = 86_400_000;

export interface DemoBuddyProgramme {
	id: string;
	organisationId: string;
	kind: BuddyProgrammeKind;
	name: string;
	description: string;
	language: string;
	translations: BuddyTranslations;
	criteria: string;
	durationWeeks: number;
	checkInDays: number;
	matchingProgrammeId: string;
	createdBy: string | null;
	createdAt: string;
}

export interface DemoBuddyApplication {
	id: string;
	programmeId: string;
	userId: string;
	side: BuddySide;
	languages: string[];
	interests: string[];
	ageBand: AgeBand | null;
	gender: BuddyGender | null;
	preferredGender: BuddyGenderPreference;
	neighbourhoodId: string | null;
	availability: number;
	capacity: number;
	note: string;
	createdAt: string;
}

export interface DemoBuddyPair {
	id: string;
	programmeId: string;
	newcomerApplicationId: string;
	residentApplicationId: string;
	status: 'proposed' | 'active' | 'ended';
	score: number | null;
	criteria: Criterion[];
	confirmedBy: string | null;
	startedOn: string | null;
	endsOn: string | null;
	endedAt: string | null;
	endReason: BuddyEndReason | null;
	endedBy: string | null;
	createdAt: string;
}

export interface DemoCheckIn {
	id: string;
	pairId: string;
	dueOn: string;
	newcomerWellbeing: number | null;
	newcomerAnsweredAt: string | null;
	residentWellbeing: number | null;
	residentAnsweredAt: string | null;
}

export interface DemoFeedback {
	id: string;
	pairId: string;
	side: BuddySide;
	rating: number;
	comment: string;
	createdAt: string;
}

export interface DemoBuddies {
	matchingProgrammes: { id: string; name: string; organisationId: string }[];
	programmes: DemoBuddyProgramme[];
	applications: DemoBuddyApplication[];
	pairs: DemoBuddyPair[];
	checkIns: DemoCheckIn[];
	feedback: DemoFeedback[];
}

export interface BuddiesInput {
	baseDate: string;
	neighbourhoods: readonly { id: string; name: string; latitude: number; longitude: number }[];
	organisations: readonly DemoOrganisation[];
	users: readonly DemoUser[];
	memberships: readonly { organisationId: string; userId: string; role: string }[];
}

const PROGRAMMES = [
	{
		kind: 'buddy' as const,
		name: 'Kompis Portavera',
		description: 'A newcomer and a resident meet every week for six months: a coffee, a walk, a museum, a football match. Fictional demo programme.',
		it: ['Kompis Portavera', 'Una persona arrivata da poco e una residente si incontrano ogni settimana per sei mesi: un caffè, una passeggiata, un museo, una partita. Programma dimostrativo fittizio.'],
		criteria: 'Adults who arrived in Portavera in the last three years, and residents of any origin with an hour a week.',
		durationWeeks: 26,
		checkInDays: 14,
		newcomers: 46,
		residents: 36
	},
	{
		kind: 'mentoring_work' as const,
		name: 'Into work: mentoring',
		description: 'A mentor from a local business or trade meets a job seeker weekly for four months: CV, interviews, the first weeks at work. Fictional demo programme.',
		it: ['Verso il lavoro: mentoring', 'Una mentore di un\'impresa o di un mestiere del territorio incontra ogni settimana chi cerca lavoro, per quattro mesi: CV, colloqui, prime settimane. Programma dimostrativo fittizio.'],
		criteria: 'Job seekers who arrived in the last five years; mentors with at least five years of work in Portavera.',
		durationWeeks: 16,
		checkInDays: 7,
		newcomers: 30,
		residents: 24
	}
];

const LANGUAGES: readonly (readonly [string[], number])[] = [
	[['it'], 20],
	[['it', 'en'], 20],
	[['it', 'ar'], 10],
	[['ar', 'fr'], 10],
	[['ar', 'it'], 8],
	[['uk', 'en'], 6],
	[['ti', 'en'], 5],
	[['fa', 'en'], 5],
	[['es', 'it'], 6],
	[['fr', 'it'], 6]
];
const AGES: readonly AgeBand[] = ['18_25', '26_35', '36_50', '51_65', '66_plus'];
const NOTES = ['', '', '', 'I work shifts, weekends are easier.', 'I would love to practise Italian while cooking.', 'I have two small children.', 'I like football and long walks.', 'Available from next month.'];
const COMMENTS = ['We still meet for coffee.', 'It helped a lot with the first months.', 'Our schedules never matched.', 'Thank you for the introduction!', ''];

export function generateBuddies(rng: Rng, input: BuddiesInput): DemoBuddies {
	const BASE = Date.parse(input.baseDate);
	const today = input.baseDate.slice(0, 10);
	const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
	const orgs = input.organisations.filter((o) => o.verification === 'verified');
	const harbour = orgs.find((o) => o.slug === 'open-harbour-portavera') ?? orgs[0];
	const coordinator = input.memberships.find((m) => m.organisationId === harbour.id && m.role === 'volunteer_coordinator')?.userId ?? input.memberships.find((m) => m.organisationId === harbour.id)?.userId ?? null;
	const place = new Map(input.neighbourhoods.map((n) => [n.id, { lat: n.latitude, lon: n.longitude }]));
	const featured = input.users.find((u) => u.email === 'newcomer@portavera.example') ?? null;
	const newcomers = input.users.filter((u) => u.kind === 'newcomer' && u.platformRole === null && u !== featured && u.email);
	const residents = input.users.filter((u) => u.kind === 'resident' && u.platformRole === null && u.email && !u.email.includes('portavera.example'));
	const usedNewcomers = rng.shuffle(newcomers);
	const usedResidents = rng.shuffle(residents);
	const out: DemoBuddies = { matchingProgrammes: [], programmes: [], applications: [], pairs: [], checkIns: [], feedback: [] };

	const mask = (parts: number) => {
		let m = 0;
		for (let i = 0; i < parts; i++) m |= 1 << rng.int(0, 20);
		return m;
	};
	const profile = (a: DemoBuddyApplication, capacity: number): SideProfile => ({
		id: a.id,
		capacity,
		languages: a.languages,
		interests: a.interests.length ? a.interests : null,
		location: a.neighbourhoodId ? (place.get(a.neighbourhoodId) ?? null) : null,
		availability: a.availability || null,
		gender: a.gender,
		genderPreference: a.preferredGender === 'any' ? null : a.preferredGender
	});

	PROGRAMMES.forEach((t, pi) => {
		const matchingId = rng.uuid();
		const programmeId = rng.uuid();
		out.matchingProgrammes.push({ id: matchingId, name: t.name, organisationId: harbour.id });
		out.programmes.push({
			id: programmeId,
			organisationId: harbour.id,
			kind: t.kind,
			name: t.name,
			description: t.description,
			language: 'en',
			translations: { it: { name: t.it[0], description: t.it[1] } },
			criteria: t.criteria,
			durationWeeks: t.durationWeeks,
			checkInDays: t.checkInDays,
			matchingProgrammeId: matchingId,
			createdBy: coordinator,
			createdAt: iso(BASE - rng.int(300, 400) * DAY)
		});
		const apply = (u: DemoUser, side: BuddySide, over: Partial<DemoBuddyApplication> = {}): DemoBuddyApplication => {
			const gender = rng.weighted([['woman', 45], ['man', 45], ['non_binary', 3], [null, 7]] as const) as BuddyGender | null;
			const a: DemoBuddyApplication = {
				id: rng.uuid(),
				programmeId,
				userId: u.id,
				side,
				languages: rng.weighted(LANGUAGES),
				interests: rng.shuffle(INTERESTS).slice(0, rng.int(1, 4)),
				ageBand: rng.chance(0.9) ? rng.pick(AGES) : null,
				gender,
				// A few women ask for a woman; most have no preference.
				preferredGender: gender === 'woman' && rng.chance(0.35) ? 'woman' : 'any',
				neighbourhoodId: rng.pick(input.neighbourhoods).id,
				availability: mask(rng.int(3, 8)),
				capacity: side === 'resident' && rng.chance(0.25) ? 2 : 1,
				note: rng.pick(NOTES),
				createdAt: iso(BASE - rng.int(1, 280) * DAY),
				...over
			};
			// Residents speak Italian.
			if (side === 'resident' && !a.languages.includes('it')) a.languages = ['it', ...a.languages];
			out.applications.push(a);
			return a;
		};
		const ns: DemoBuddyApplication[] = [];
		const rs: DemoBuddyApplication[] = [];
		if (pi === 0 && featured) ns.push(apply(featured, 'newcomer', { languages: ['ar', 'fr', 'it'], gender: 'woman', preferredGender: 'woman', interests: ['food', 'women', 'culture'], note: '' }));
		while (ns.length < t.newcomers) ns.push(apply(usedNewcomers.pop()!, 'newcomer'));
		while (rs.length < t.residents) rs.push(apply(usedResidents.pop()!, 'resident'));

		/** Live pairs per application (a resident takes up to their capacity). */
		const load = new Map<string, number>();
		const past = new Set<string>();
		const free = (r: DemoBuddyApplication) => (load.get(r.id) ?? 0) < r.capacity;
		const bestFor = (n: DemoBuddyApplication) => {
			let best: { r: DemoBuddyApplication; score: number; criteria: Criterion[] } | null = null;
			for (const r of rs) {
				if (!free(r) || past.has(`${n.id}:${r.id}`)) continue;
				if (brokenRule(profile(n, 1), profile(r, r.capacity), BUDDY_SETTINGS, { today })) continue;
				const s = scorePair(profile(n, 1), profile(r, r.capacity), BUDDY_SETTINGS, { today });
				if (s.allowed && (!best || s.score > best.score)) best = { r, score: s.score, criteria: s.criteria };
			}
			return best;
		};
		const pair = (n: DemoBuddyApplication, status: DemoBuddyPair['status'], startedDaysAgo: number | null, ended?: { daysAgo: number; reason: BuddyEndReason }) => {
			const best = bestFor(n);
			if (!best) return null;
			const startedOn = startedDaysAgo === null ? null : addDays(today, -startedDaysAgo);
			const p: DemoBuddyPair = {
				id: rng.uuid(),
				programmeId,
				newcomerApplicationId: n.id,
				residentApplicationId: best.r.id,
				status,
				score: best.score,
				criteria: best.criteria,
				confirmedBy: status === 'proposed' ? null : coordinator,
				startedOn,
				endsOn: startedOn ? addDays(startedOn, t.durationWeeks * 7) : null,
				endedAt: ended ? iso(BASE - ended.daysAgo * DAY) : null,
				endReason: ended?.reason ?? null,
				endedBy: ended ? (rng.chance(0.5) ? coordinator : null) : null,
				createdAt: iso(BASE - (startedDaysAgo ?? rng.int(0, 3)) * DAY - DAY)
			};
			out.pairs.push(p);
			past.add(`${n.id}:${best.r.id}`);
			if (status !== 'ended') load.set(best.r.id, (load.get(best.r.id) ?? 0) + 1);
			if (startedOn) {
				// Check-ins every checkInDays up to today (and up to the end).
				// Check-ins every checkInDays: answered up to today (the latest maybe not yet), the later ones to come.
				const last = ended ? addDays(today, -ended.daysAgo) : today;
				const lowPair = rng.chance(0.15);
				const isFeatured = n.userId === featured?.id;
				for (let d = addDays(startedOn, t.checkInDays); d <= (p.endsOn ?? d) && (!ended || d <= last); d = addDays(d, t.checkInDays)) {
					if (d > today) {
						out.checkIns.push({ id: rng.uuid(), pairId: p.id, dueOn: d, newcomerWellbeing: null, newcomerAnsweredAt: null, residentWellbeing: null, residentAnsweredAt: null });
						continue;
					}
					const latest = addDays(d, t.checkInDays) > last;
					const answer = (low: boolean) => (low ? rng.int(1, 2) : rng.int(3, 5));
					const nAns = !latest || (!isFeatured && rng.chance(0.4)) ? answer(lowPair && rng.chance(0.5)) : null;
					const rAns = !latest || rng.chance(0.5) ? answer(false) : null;
					const at = (ans: number | null) => (ans === null ? null : iso(Date.parse(`${d}T12:00:00Z`) + rng.int(0, 2) * DAY));
					out.checkIns.push({ id: rng.uuid(), pairId: p.id, dueOn: d, newcomerWellbeing: nAns, newcomerAnsweredAt: at(nAns), residentWellbeing: rAns, residentAnsweredAt: at(rAns) });
				}
			}
			if (ended) {
				for (const side of ['newcomer', 'resident'] as const) {
					if (side === 'resident' && rng.chance(0.3)) continue;
					out.feedback.push({ id: rng.uuid(), pairId: p.id, side, rating: ended.reason === 'not_a_fit' ? rng.int(1, 3) : rng.int(3, 5), comment: rng.pick(COMMENTS), createdAt: p.endedAt! });
				}
			}
			return p;
		};

		const order = rng.shuffle(ns.filter((n) => n.userId !== featured?.id));
		if (pi === 0 && featured) order.unshift(ns[0]);
		const pairsWanted = Math.floor(ns.length * 0.45);
		let i = 0;
		// Ended pairs, some of whose newcomers were matched again (re-matching).
		const endedCount = Math.floor(ns.length * 0.2);
		const ended: DemoBuddyApplication[] = [];
		for (let k = 0; k < endedCount; k++) {
			const n = order[order.length - 1 - k];
			const reason = rng.weighted([['completed', 50], ['not_a_fit', 20], ['moved_away', 10], ['no_time', 15], ['other', 5]] as const) as BuddyEndReason;
			const weeks = reason === 'completed' ? t.durationWeeks : rng.int(3, t.durationWeeks - 2);
			const daysAgo = rng.int(20, 120);
			if (pair(n, 'ended', daysAgo + weeks * 7, { daysAgo, reason })) ended.push(n);
		}
		// Active pairs (the featured newcomer first).
		for (; i < pairsWanted; i++) pair(order[i], 'active', i === 0 && pi === 0 && featured ? 17 : rng.int(3, t.durationWeeks * 7 - 7));
		// Re-matched: half of those whose pair ended (but not completed) have a new active pair.
		for (const n of ended.filter((_, k) => k % 2 === 0)) pair(n, 'active', rng.int(3, 15));
		// Proposals waiting for the coordinator.
		for (let k = 0; k < 6; k++, i++) pair(order[i], 'proposed', null);
		// The others wait (unmatched applicants).
	});
	return out;
}
