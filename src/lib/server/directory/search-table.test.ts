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
import { localMoment, rowsOf, searchServices } from './search.ts';

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

	it('says open now the same way from stored week hours as from the schedules, at every hour of a week', async () => {
		// The fast path (minutes of the week) against the schedules themselves, for every service.
		const wrong: string[] = [];
		for (let h = 0; h < 7 * 24; h += 1) {
			const at = new Date(Date.UTC(2026, 0, 12, 0, 30) + h * 3_600_000);
			const m = localMoment(at, 'Europe/Rome');
			const [hh, mm] = m.time.split(':').map(Number);
			const rows = rowsOf<{ service_id: string; fast: boolean; slow: boolean }>(
				await d.db.execute(sql`select x.service_id, x.week_open @> ${(m.weekday - 1) * 1440 + hh * 60 + mm}::int as fast,
					exists (select 1 from schedules w where w.service_id = x.service_id and w.kind = 'weekly'
					        and w.weekday = ${m.weekday} and w.opens_at <= ${m.time} and w.closes_at > ${m.time}) as slow
					from service_search x where not x.irregular_hours`)
			);
			for (const r of rows) if (r.fast !== r.slow) wrong.push(`${r.service_id} at ${at.toISOString()}`);
		}
		expect(wrong).toEqual([]);
	});
});
