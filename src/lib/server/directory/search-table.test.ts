/**
 * The search table (migration 0004) is kept by triggers: whatever is written
 * to services, places, areas, hours or organisations, search must see it at
 * once, and the table must hold exactly what a full rebuild would.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { MONDAY_MORNING, seedSearchFixtures, type SearchFixtures } from '../../../../tests/helpers/search-fixtures.ts';
import { locations, neighbourhoods, organisations, schedules, serviceAreas, serviceAtLocations, services } from '../db/schema/index.ts';
import { localMoment as zonedMoment } from '../../directory/hours.ts';
import { localMoment, rowsOf, searchServices } from './search.ts';
import { deferSearchRefresh, refreshSearch } from './search-table.ts';

let d: TestDatabase;
let f: SearchFixtures;

beforeAll(async () => {
	d = await testDatabase();
	f = await seedSearchFixtures(d.db);
});
afterAll(() => d?.dispose());

const ids = async (query: Record<string, unknown>, now = MONDAY_MORNING) =>
	(await searchServices(d.db, { perPage: '50', ...query }, { locale: 'en', now })).results.map((r) => r.id);

/** The table as the triggers left it, and as a rebuild from scratch makes it. */
async function keptAndRebuilt() {
	const read = async () =>
		rowsOf<Record<string, unknown>>(
			await d.db.execute(sql`select service_id, needs, features, languages, locales, neighbourhood_ids, latitudes,
				longitudes, search_vector::text, last_verified_at, week_open::text, closed_days::text, exception_days::text, irregular_hours
				from service_search order by service_id`)
		);
	const kept = await read();
	await d.db.execute(sql`select service_search_refresh(array(select id from services))`);
	return { kept, rebuilt: await read() };
}

describe('the search table', () => {
	it('holds the public services only, exactly as a rebuild would', async () => {
		const { kept, rebuilt } = await keptAndRebuilt();
		expect(kept).toEqual(rebuilt);
		const held = kept.map((r) => r.service_id);
		for (const hidden of [f.ids.shadow, f.ids.refused, f.ids.retired]) expect(held).not.toContain(hidden);
		expect(held).toContain(f.ids.clinic);
	});

	it('follows an organisation’s verification and a service’s status', async () => {
		await d.db.update(organisations).set({ verification: 'verified' }).where(eq(organisations.id, f.orgs.unverified));
		expect(await ids({ q: 'shadow' })).toEqual([f.ids.shadow]);
		await d.db.update(organisations).set({ verification: 'rejected' }).where(eq(organisations.id, f.orgs.unverified));
		expect(await ids({ q: 'shadow' })).toEqual([]);
		await d.db.update(services).set({ status: 'inactive' }).where(eq(services.id, f.ids.food));
		expect(await ids({ q: 'food bank' })).not.toContain(f.ids.food);
		await d.db.update(services).set({ status: 'active' }).where(eq(services.id, f.ids.food));
		expect(await ids({ q: 'food bank' })).toContain(f.ids.food);
		const { kept, rebuilt } = await keptAndRebuilt();
		expect(kept).toEqual(rebuilt);
	});

	it('follows renamed services, moved locations and areas served', async () => {
		await d.db.update(services).set({ name: { en: 'Pantry of the harbour' } }).where(eq(services.id, f.ids.food));
		expect(await ids({ q: 'pantry' })).toEqual([f.ids.food]);

		const [collina] = await d.db.select().from(neighbourhoods).where(eq(neighbourhoods.slug, 'collina'));
		expect(await ids({ nb: 'collina' })).not.toContain(f.ids.clinic);
		// The health clinic's location moves to Collina.
		const [place] = await d.db
			.select({ id: serviceAtLocations.locationId })
			.from(serviceAtLocations)
			.where(eq(serviceAtLocations.serviceId, f.ids.clinic))
			.limit(1);
		await d.db.update(locations).set({ neighbourhoodId: collina.id, latitude: 40.86, longitude: 14.23 }).where(eq(locations.id, place.id));
		expect(await ids({ nb: 'collina' })).toContain(f.ids.clinic);
		const near = await searchServices(d.db, { lat: '40.86', lng: '14.23' }, { locale: 'en', now: MONDAY_MORNING });
		expect(near.results[0].id).toBe(f.ids.clinic);
		expect(near.results[0].distanceMetres).toBeLessThan(5);

		// The online service starts serving Collina, then stops.
		const [area] = await d.db.insert(serviceAreas).values({ serviceId: f.ids.online, neighbourhoodId: collina.id }).returning();
		expect(await ids({ nb: 'collina' })).toContain(f.ids.online);
		await d.db.delete(serviceAreas).where(eq(serviceAreas.id, area.id));
		expect(await ids({ nb: 'collina' })).not.toContain(f.ids.online);

		const { kept, rebuilt } = await keptAndRebuilt();
		expect(kept).toEqual(rebuilt);
	});

	it('measures to the nearest of one, two or three places', async () => {
		const near = async (lat: number, lng: number) =>
			(await searchServices(d.db, { q: 'ambulatorio', lat: String(lat), lng: String(lng) }, { locale: 'it', now: MONDAY_MORNING })).results.find(
				(r) => r.id === f.ids.clinic
			)?.distanceMetres;
		const [org] = await d.db.select({ id: services.organisationId }).from(services).where(eq(services.id, f.ids.clinic));
		const before = await near(40.83, 14.3);
		for (const [i, [lat, lng]] of [
			[40.9, 14.4],
			[40.83, 14.3]
		].entries()) {
			const [place] = await d.db.insert(locations).values({ organisationId: org.id, name: { en: `Extra ${i}` }, latitude: lat, longitude: lng }).returning();
			await d.db.insert(serviceAtLocations).values({ serviceId: f.ids.clinic, locationId: place.id });
		}
		expect(before).toBeGreaterThan(1000);
		// Three places now; the third is at the point.
		expect(await near(40.83, 14.3)).toBeLessThan(2);
		// About 1 km north of the third place (0.009° of latitude ≈ 1,000 m).
		expect(await near(40.839, 14.3)).toBeGreaterThan(980);
		expect(await near(40.839, 14.3)).toBeLessThan(1020);
	});

	it('follows opening hours and a holiday added today', async () => {
		const now = new Date('2026-01-14T16:00:00Z'); // Wednesday 17:00 in Rome
		expect(await ids({ open: '1' }, now)).not.toContain(f.ids.online);
		const [evening] = await d.db
			.insert(schedules)
			.values({ serviceId: f.ids.online, kind: 'weekly', weekday: 3, opensAt: '16:00', closesAt: '20:00' })
			.returning();
		expect(await ids({ open: '1' }, now)).toContain(f.ids.online);
		const { date } = localMoment(now, 'Europe/Rome');
		const [holiday] = await d.db
			.insert(schedules)
			.values({ serviceId: f.ids.online, kind: 'exception', validFrom: date, closed: true })
			.returning();
		expect(await ids({ open: '1' }, now)).not.toContain(f.ids.online);
		await d.db.delete(schedules).where(eq(schedules.id, holiday.id));
		expect(await ids({ open: '1' }, now)).toContain(f.ids.online);
		// Seasonal hours: outside the season the service is closed.
		await d.db.update(schedules).set({ validFrom: '2026-06-01', validTo: '2026-09-30' }).where(eq(schedules.id, evening.id));
		expect(await ids({ open: '1' }, now)).not.toContain(f.ids.online);
		expect(await ids({ open: '1' }, new Date('2026-07-15T16:00:00Z'))).toContain(f.ids.online);
		const { kept, rebuilt } = await keptAndRebuilt();
		expect(kept).toEqual(rebuilt);
	});

	it('lets a bulk writer defer to one refresh at the end of its transaction', async () => {
		const [org] = await d.db.select({ id: services.organisationId }).from(services).where(eq(services.id, f.ids.food));
		const [collina] = await d.db.select().from(neighbourhoods).where(eq(neighbourhoods.slug, 'collina'));
		let created = '';
		await d.db.transaction(async (tx) => {
			await deferSearchRefresh(tx);
			const [s] = await tx.insert(services).values({ organisationId: org.id, name: { en: 'Bicycle repair workshop' }, needs: ['community'] }).returning();
			created = s.id;
			await tx.insert(serviceAreas).values({ serviceId: s.id, neighbourhoodId: collina.id });
			await tx.update(services).set({ name: { en: 'Pantry by the sea' } }).where(eq(services.id, f.ids.food));
			// Deferred: search does not see either change yet, inside the transaction.
			const seen = rowsOf<{ n: number }>(
				await tx.execute(sql`select count(*)::int as n from service_search where service_id = ${s.id}`)
			)[0].n;
			expect(seen).toBe(0);
			await refreshSearch(tx, { serviceIds: [s.id, f.ids.food] });
		});
		expect(await ids({ q: 'bicycle', nb: 'collina' })).toEqual([created]);
		expect(await ids({ q: 'pantry sea' })).toEqual([f.ids.food]);
		// The deferral ended with the transaction: an ordinary write is followed again.
		await d.db.update(services).set({ name: { en: 'Bike repair workshop' } }).where(eq(services.id, created));
		expect(await ids({ q: 'bike' })).toEqual([created]);
		const { kept, rebuilt } = await keptAndRebuilt();
		expect(kept).toEqual(rebuilt);
	});

	it('finds the same page by walking the nearest places as by measuring every candidate', async () => {
		// The walk is taken only past 1,000 candidates; here it is forced and compared, for points
		// across the city, with and without filters, on the first pages.
		const points = [
			[40.85, 14.27],
			[40.8405, 14.2505],
			[40.862, 14.231],
			[40.9, 14.4],
			[40.7, 14.1]
		];
		const filters: Record<string, string>[] = [{}, { need: 'volunteering' }, { need: 'legal' }, { open: '1' }, { feature: 'free' }];
		for (const [lat, lng] of points) {
			for (const extra of filters) {
				for (const page of ['1', '2', '3']) {
					const query = { lat: String(lat), lng: String(lng), perPage: '2', page, ...extra };
					const measured = await searchServices(d.db, query, { locale: 'en', now: MONDAY_MORNING });
					const walked = await searchServices(d.db, query, { locale: 'en', now: MONDAY_MORNING, walkAbove: 0 });
					expect(walked.results.map((r) => [r.id, r.distanceMetres])).toEqual(measured.results.map((r) => [r.id, r.distanceMetres]));
					expect(walked.total).toBe(measured.total);
				}
			}
		}
	});

	it('says open now the same way from stored week hours as from the schedules, at every hour of a week', async () => {
		// The fast path (minutes of the week) against the schedules themselves, for every service.
		const wrong: string[] = [];
		for (let h = 0; h < 7 * 24; h += 1) {
			const at = new Date(Date.UTC(2026, 0, 12, 0, 30) + h * 3_600_000);
			const m = localMoment(at, 'Europe/Rome');
			const { minutes } = zonedMoment(at, 'Europe/Rome');
			const rows = rowsOf<{ service_id: string; fast: boolean; slow: boolean }>(
				await d.db.execute(sql`select x.service_id, x.week_open @> ${(m.weekday - 1) * 1440 + minutes}::int as fast,
					exists (select 1 from schedules w where w.service_id = x.service_id and w.kind = 'weekly'
					        and w.weekday = ${m.weekday} and w.opens_at <= ${m.time} and w.closes_at > ${m.time}) as slow
					from service_search x where not x.irregular_hours`)
			);
			for (const r of rows) if (r.fast !== r.slow) wrong.push(`${r.service_id} at ${at.toISOString()}`);
		}
		expect(wrong).toEqual([]);
	});
});
