/**
 * A small directory for the search tests: a few neighbourhoods, a verified,
 * an unverified and a rejected organisation, and services whose names,
 * places and hours each make one search behaviour visible.
 */
import type { Db } from '../../src/lib/server/db/index.ts';
import {
	locations,
	neighbourhoods,
	organisations,
	schedules,
	serviceAreas,
	serviceAtLocations,
	services
} from '../../src/lib/server/db/schema/index.ts';
import type { LocalText } from '../../src/lib/directory/text.ts';

export const CENTRE = { lat: 40.85, lng: 14.27 };
/** A Monday, 10:30 in Rome (CET, UTC+1). */
export const MONDAY_MORNING = new Date('2026-01-12T09:30:00Z');
/** 6 January 2026 is a Tuesday and a public holiday (Epiphany); 11:00 in Rome. */
export const HOLIDAY_MORNING = new Date('2026-01-06T10:00:00Z');
/** A Monday at 20:00 in Rome: everything with daytime hours is closed. */
export const MONDAY_EVENING = new Date('2026-01-12T19:00:00Z');

export interface SearchFixtures {
	ids: Record<string, string>;
	orgs: { open: string; unverified: string; rejected: string };
}

export async function seedSearchFixtures(db: Db): Promise<SearchFixtures> {
	const nbs = await db
		.insert(neighbourhoods)
		.values([
			{ slug: 'centro', name: 'Centro', latitude: 40.85, longitude: 14.27 },
			{ slug: 'porto', name: 'Porto', latitude: 40.84, longitude: 14.25 },
			{ slug: 'collina', name: 'Collina', latitude: 40.86, longitude: 14.23 }
		])
		.returning();
	const nb = Object.fromEntries(nbs.map((n) => [n.slug, n.id]));
	const [open, unverified, rejected] = await db
		.insert(organisations)
		.values([
			{ slug: 'casa-aperta', name: 'Casa Aperta', type: 'ngo', verification: 'verified' },
			{ slug: 'shadow', name: 'Shadow Org', type: 'ngo', verification: 'unverified' },
			{ slug: 'refused', name: 'Refused Org', type: 'ngo', verification: 'rejected' }
		])
		.returning();

	const ids: Record<string, string> = {};
	async function service(
		key: string,
		v: {
			org?: string;
			name: LocalText;
			description?: LocalText;
			needs?: string[];
			features?: string[];
			languages?: string[];
			status?: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
			lastVerifiedAt?: Date;
			at?: { lat: number; lng: number; nb: string; address: string }[];
			weekly?: { days: number[]; opens: string; closes: string }[];
			exceptions?: { from: string; to?: string; closed?: boolean; opens?: string; closes?: string }[];
			areas?: string[];
		}
	) {
		const [s] = await db
			.insert(services)
			.values({
				organisationId: v.org ?? open.id,
				name: v.name,
				description: v.description ?? {},
				needs: v.needs ?? [],
				features: v.features ?? [],
				languages: v.languages ?? [],
				status: v.status ?? 'active',
				...(v.lastVerifiedAt ? { lastVerifiedAt: v.lastVerifiedAt } : {})
			})
			.returning();
		ids[key] = s.id;
		for (const a of v.at ?? []) {
			const [l] = await db
				.insert(locations)
				.values({
					organisationId: v.org ?? open.id,
					latitude: a.lat,
					longitude: a.lng,
					neighbourhoodId: nb[a.nb],
					address1: a.address,
					city: 'Portavera'
				})
				.returning();
			await db.insert(serviceAtLocations).values({ serviceId: s.id, locationId: l.id });
		}
		for (const w of v.weekly ?? [])
			for (const d of w.days)
				await db.insert(schedules).values({ serviceId: s.id, kind: 'weekly', weekday: d, opensAt: w.opens, closesAt: w.closes });
		for (const e of v.exceptions ?? [])
			await db.insert(schedules).values({
				serviceId: s.id,
				kind: 'exception',
				validFrom: e.from,
				validTo: e.to ?? e.from,
				closed: e.closed ?? false,
				opensAt: e.opens ?? null,
				closesAt: e.closes ?? null
			});
		for (const area of v.areas ?? []) await db.insert(serviceAreas).values({ serviceId: s.id, neighbourhoodId: nb[area] });
	}

	const weekdays = [1, 2, 3, 4, 5];
	await service('italian', {
		name: { it: 'Corsi di italiano per adulti', en: 'Italian language course for adults', ar: 'دورات اللغة الإيطالية للكبار' },
		description: { en: 'Free evening classes, all levels', it: 'Lezioni serali gratuite' },
		needs: ['language-courses', 'education'],
		features: ['free', 'no-appointment'],
		languages: ['it', 'en', 'ar'],
		at: [{ lat: 40.851, lng: 14.271, nb: 'centro', address: 'Via Roma 1' }],
		weekly: [{ days: weekdays, opens: '09:00', closes: '17:00' }]
	});
	await service('food', {
		name: { en: 'Community food bank', it: 'Banco alimentare di quartiere', uk: 'Продовольчий банк' },
		needs: ['basic-needs'],
		features: ['free', 'anonymous'],
		languages: ['it', 'uk'],
		at: [{ lat: 40.84, lng: 14.25, nb: 'porto', address: 'Molo 3' }],
		weekly: [{ days: [6], opens: '10:00', closes: '12:00' }],
		areas: ['collina']
	});
	await service('legal', {
		name: { en: 'Legal advice clinic', fr: 'Permanence juridique', ar: 'عيادة الاستشارة القانونية' },
		description: { en: 'Help with residence permits and asylum interviews' },
		needs: ['legal', 'asylum'],
		features: ['interpreter', 'free'],
		languages: ['fr', 'en', 'ar'],
		at: [
			{ lat: 40.862, lng: 14.231, nb: 'collina', address: 'Salita Alta 7' },
			{ lat: 40.8405, lng: 14.2505, nb: 'porto', address: 'Molo 9' }
		],
		weekly: [{ days: weekdays, opens: '09:00', closes: '13:00' }],
		exceptions: [{ from: '2026-01-06', closed: true }]
	});
	await service('clinic', {
		name: { en: 'Health clinic for everyone', it: 'Ambulatorio per tutti' },
		needs: ['health'],
		features: ['no-permit-needed', 'anonymous'],
		languages: ['it', 'en'],
		at: [{ lat: 40.8502, lng: 14.2702, nb: 'centro', address: 'Piazza Grande 2' }],
		weekly: [{ days: weekdays, opens: '08:00', closes: '14:00' }],
		// Open on the holiday, but only in the morning.
		exceptions: [{ from: '2026-01-06', opens: '09:00', closes: '12:00' }],
		status: 'temporarily closed',
		lastVerifiedAt: new Date('2024-01-01T00:00:00Z')
	});
	await service('online', {
		name: { en: 'Online language exchange', uk: 'Мовний обмін онлайн' },
		needs: ['language-courses', 'community'],
		features: ['remote', 'free'],
		languages: ['en', 'uk']
	});
	await service('retired', {
		name: { en: 'Old language school' },
		needs: ['language-courses'],
		status: 'inactive',
		at: [{ lat: 40.85, lng: 14.27, nb: 'centro', address: 'Via Vecchia 1' }]
	});
	await service('shadow', {
		org: unverified.id,
		name: { en: 'Language courses shadow', it: 'Corsi di lingua ombra' },
		needs: ['language-courses'],
		features: ['free'],
		languages: ['en'],
		at: [{ lat: 40.85, lng: 14.27, nb: 'centro', address: 'Via Ombra 1' }],
		weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' }]
	});
	await service('refused', {
		org: rejected.id,
		name: { en: 'Refused language course' },
		needs: ['language-courses'],
		languages: ['en']
	});
	return { ids, orgs: { open: open.id, unverified: unverified.id, rejected: rejected.id } };
}
