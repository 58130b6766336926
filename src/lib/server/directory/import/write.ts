/**
 * Writes a checked plan: everything in one transaction, or nothing.
 * Inserts go in batches of 500 rows with a pause between batches, so a
 * large import does not hold the event loop; `onProgress` reports rows done.
 *
 * Updating a service or location replaces its fields and everything that
 * hangs off it (hours, phones, contacts, costs, documents, areas, links)
 * with what the file says. Every record written gets a directory_history
 * row 'imported', and the import one audit entry with the counts.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/index.ts';
import {
	contacts,
	costOptions,
	directoryHistory,
	locations,
	phones,
	requiredDocuments,
	schedules,
	serviceAreas,
	serviceAtLocations,
	services
} from '../../db/schema/index.ts';
import { record } from '../../audit/index.ts';
import { deferSearchRefresh, refreshSearch } from '../search-table.ts';
import type { Counts, Plan } from './validate.ts';

const BATCH = 500;
const tick = () => new Promise<void>((r) => setImmediate(r));

export interface WriteContext {
	db: Db;
	organisationId: string;
	userId: string;
	ip: string | null;
	requestId: string | null;
	fileName: string;
	onProgress?: (done: number, total: number) => void;
}

export async function writePlan(c: WriteContext, plan: Plan, counts: Counts): Promise<void> {
	const total =
		plan.services.length + plan.locations.length + plan.serviceAtLocations.length + plan.schedules.length + plan.phones.length +
		plan.contacts.length + plan.costOptions.length + plan.requiredDocuments.length + plan.serviceAreas.length;
	let done = 0;
	await c.db.transaction(async (tx) => {
		async function insert<T extends Record<string, unknown>>(table: Parameters<Tx['insert']>[0], rows: T[]) {
			for (let i = 0; i < rows.length; i += BATCH) {
				const chunk = rows.slice(i, i + BATCH);
				if (chunk.length) await tx.insert(table).values(chunk as never);
				done += chunk.length;
				c.onProgress?.(done, total);
				await tick();
			}
		}
		// The search rows are written once, at the end, not once per table below.
		await deferSearchRefresh(tx);
		const now = new Date();
		const serviceId = new Map<string, string>();
		const locationId = new Map<string, string>();
		for (const s of plan.services) serviceId.set(s.key, s.existingId ?? randomUUID());
		for (const l of plan.locations) locationId.set(l.key, l.existingId ?? randomUUID());

		// Locations: updates in place (their phones are replaced), new ones inserted.
		const updatedLocations = plan.locations.filter((l) => l.existingId);
		for (const l of updatedLocations) {
			const { key: _k, existingId: _e, ...fields } = l;
			await tx.update(locations).set({ ...fields, updatedAt: now }).where(eq(locations.id, l.existingId!));
		}
		if (updatedLocations.length) await tx.delete(phones).where(inArray(phones.locationId, updatedLocations.map((l) => l.existingId!)));
		await insert(
			locations,
			plan.locations.filter((l) => !l.existingId).map(({ key, existingId: _e, ...fields }) => ({ id: locationId.get(key)!, organisationId: c.organisationId, ...fields }))
		);

		// Services: updates replace everything that hangs off them.
		const updated = plan.services.filter((s) => s.existingId).map((s) => s.existingId!);
		for (const s of plan.services.filter((x) => x.existingId)) {
			const { key: _k, existingId: _e, ...fields } = s;
			await tx
				.update(services)
				.set({ ...fields, updatedAt: now, lastVerifiedAt: now, lastVerifiedBy: c.userId, version: sql`${services.version} + 1` })
				.where(eq(services.id, s.existingId!));
		}
		if (updated.length) {
			for (const t of [schedules, contacts, costOptions, requiredDocuments, serviceAreas, serviceAtLocations] as const) {
				await tx.delete(t).where(inArray(t.serviceId, updated));
			}
			await tx.delete(phones).where(inArray(phones.serviceId, updated));
		}
		await insert(
			services,
			plan.services
				.filter((s) => !s.existingId)
				.map(({ key, existingId: _e, ...fields }) => ({ id: serviceId.get(key)!, organisationId: c.organisationId, ...fields, lastVerifiedAt: now, lastVerifiedBy: c.userId }))
		);

		const sid = (k: string) => serviceId.get(k)!;
		const lid = (k: string | null) => (k === null ? null : locationId.get(k)!);
		await insert(serviceAtLocations, plan.serviceAtLocations.map((x) => ({ serviceId: sid(x.serviceKey), locationId: lid(x.locationKey)!, description: x.description })));
		await insert(schedules, plan.schedules.map(({ serviceKey, locationKey, ...rest }) => ({ serviceId: sid(serviceKey), locationId: lid(locationKey), ...rest })));
		await insert(
			phones,
			plan.phones.map(({ serviceKey, locationKey, ...rest }) => ({ serviceId: serviceKey ? sid(serviceKey) : null, locationId: lid(locationKey), ...rest }))
		);
		await insert(contacts, plan.contacts.map(({ serviceKey, ...rest }) => ({ serviceId: sid(serviceKey), ...rest })));
		await insert(costOptions, plan.costOptions.map(({ serviceKey, ...rest }) => ({ serviceId: sid(serviceKey), ...rest })));
		await insert(requiredDocuments, plan.requiredDocuments.map(({ serviceKey, ...rest }) => ({ serviceId: sid(serviceKey), ...rest })));
		await insert(serviceAreas, plan.serviceAreas.map(({ serviceKey, ...rest }) => ({ serviceId: sid(serviceKey), ...rest })));

		await refreshSearch(tx, { serviceIds: [...serviceId.values()], locationIds: updatedLocations.map((l) => l.existingId!) });

		// History: a snapshot of every service and location as imported.
		await insert(directoryHistory, [
			...plan.services.map(({ key, existingId: _e, ...fields }) => ({
				entity: 'service',
				entityId: sid(key),
				organisationId: c.organisationId,
				change: 'imported',
				snapshot: { ...fields, file: c.fileName },
				changedBy: c.userId
			})),
			...plan.locations.map(({ key, existingId: _e, ...fields }) => ({
				entity: 'location',
				entityId: lid(key)!,
				organisationId: c.organisationId,
				change: 'imported',
				snapshot: { ...fields, file: c.fileName },
				changedBy: c.userId
			}))
		]);

		await record(tx, {
			actorId: c.userId,
			action: 'directory.import.completed',
			resourceType: 'organisation',
			resourceId: c.organisationId,
			outcome: 'done',
			ip: c.ip,
			requestId: c.requestId,
			details: {
				servicesNew: counts.servicesNew,
				servicesUpdated: counts.servicesUpdated,
				locationsNew: counts.locationsNew,
				locationsUpdated: counts.locationsUpdated,
				schedules: plan.schedules.length,
				rows: counts.rows,
				file: c.fileName.slice(0, 120)
			}
		});
	});
}
