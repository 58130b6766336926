/**
 * An organisation's locations in the workspace: create, edit, delete. The
 * organisation of an existing location comes from the database; every
 * write is audited and kept as a directory_history snapshot.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { locations, neighbourhoods, serviceAtLocations } from '../db/schema/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { addHistory, auditDirectory, findCreatedBy, lockFormId, requireManage } from './access.ts';
import type { LocationInput } from './schemas.ts';

export type LocationRow = typeof locations.$inferSelect;
export const locationNotFound = () => new Refusal(404, 'directory_location_not_found');

export async function listNeighbourhoods(db: Tx) {
	return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
}

export async function listLocations(ctx: Ctx, organisationId: string) {
	requireManage(ctx, organisationId);
	const rows = await ctx.db
		.select({ location: locations, neighbourhood: neighbourhoods.name })
		.from(locations)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, locations.neighbourhoodId))
		.where(eq(locations.organisationId, organisationId))
		.orderBy(asc(locations.createdAt), asc(locations.id));
	const used = await ctx.db
		.select({ locationId: serviceAtLocations.locationId, n: count() })
		.from(serviceAtLocations)
		.innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
		.where(eq(locations.organisationId, organisationId))
		.groupBy(serviceAtLocations.locationId);
	const counts = new Map(used.map((u) => [u.locationId, Number(u.n)]));
	return rows.map((r) => ({ ...r.location, neighbourhood: r.neighbourhood, services: counts.get(r.location.id) ?? 0 }));
}

export async function getLocationForEdit(ctx: Ctx, organisationId: string, locationId: string): Promise<LocationRow> {
	if (!isUuid(locationId)) throw locationNotFound();
	const [row] = await ctx.db.select().from(locations).where(eq(locations.id, locationId)).limit(1);
	if (!row) throw locationNotFound();
	requireManage(ctx, row.organisationId);
	if (row.organisationId !== organisationId) throw locationNotFound();
	return row;
}

/** Refuses an id that is not one of the city's neighbourhoods (a forged or outdated form). */
export async function checkNeighbourhood(tx: Tx, id: string | null): Promise<void> {
	if (!id) return;
	const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id)).limit(1);
	if (!n) throw new Refusal(400, 'directory_neighbourhood_unknown', 'neighbourhood');
}

function values(input: LocationInput) {
	return {
		name: input.name,
		transportation: input.transportation,
		accessibility: input.accessibility,
		address1: input.address1,
		address2: input.address2,
		postalCode: input.postalCode,
		city: input.city,
		neighbourhoodId: input.neighbourhoodId,
		latitude: input.latitude,
		longitude: input.longitude,
		wheelchairAccessible: input.wheelchairAccessible
	};
}

function snapshot(row: LocationRow, extra: { formId?: string } = {}) {
	const { createdAt: _c, updatedAt: _u, ...rest } = row;
	return { ...extra, ...rest };
}

export async function createLocation(
	ctx: Ctx,
	organisationId: string,
	input: { formId: string; location: LocationInput }
): Promise<{ id: string; replayed: boolean }> {
	requireManage(ctx, organisationId);
	return ctx.db.transaction(async (tx) => {
		await lockFormId(tx, input.formId);
		const earlier = await findCreatedBy(tx, 'location', organisationId, input.formId);
		if (earlier) return { id: earlier, replayed: true };
		await checkNeighbourhood(tx, input.location.neighbourhoodId);
		const [row] = await tx
			.insert(locations)
			.values({ organisationId, ...values(input.location) })
			.returning();
		await addHistory(ctx, tx, { entity: 'location', entityId: row.id, organisationId, change: 'created', snapshot: snapshot(row, { formId: input.formId }) });
		await auditDirectory(ctx, tx, 'directory.location.created', 'location', row.id, { organisationId });
		return { id: row.id, replayed: false };
	});
}

async function lockLocation(ctx: Ctx, tx: Tx, organisationId: string, locationId: string) {
	if (!isUuid(locationId)) throw locationNotFound();
	const [row] = await tx.select().from(locations).where(eq(locations.id, locationId)).limit(1).for('update');
	if (!row) throw locationNotFound();
	requireManage(ctx, row.organisationId);
	if (row.organisationId !== organisationId) throw locationNotFound();
	return row;
}

export async function updateLocation(ctx: Ctx, organisationId: string, locationId: string, input: { location: LocationInput }): Promise<void> {
	await ctx.db.transaction(async (tx) => {
		const row = await lockLocation(ctx, tx, organisationId, locationId);
		await checkNeighbourhood(tx, input.location.neighbourhoodId);
		const [next] = await tx
			.update(locations)
			.set({ ...values(input.location), updatedAt: new Date() })
			.where(eq(locations.id, row.id))
			.returning();
		await addHistory(ctx, tx, { entity: 'location', entityId: row.id, organisationId: row.organisationId, change: 'updated', snapshot: snapshot(next) });
		await auditDirectory(ctx, tx, 'directory.location.updated', 'location', row.id, { organisationId: row.organisationId });
	});
}

/** Deletes a location; the services given there lose it (their other locations stay). */
export async function deleteLocation(ctx: Ctx, organisationId: string, locationId: string): Promise<void> {
	await ctx.db.transaction(async (tx) => {
		const row = await lockLocation(ctx, tx, organisationId, locationId);
		const [{ n }] = await tx.select({ n: count() }).from(serviceAtLocations).where(eq(serviceAtLocations.locationId, row.id));
		await tx.delete(locations).where(and(eq(locations.id, row.id), eq(locations.organisationId, row.organisationId)));
		await addHistory(ctx, tx, { entity: 'location', entityId: row.id, organisationId: row.organisationId, change: 'deleted', snapshot: snapshot(row) });
		await auditDirectory(ctx, tx, 'directory.location.deleted', 'location', row.id, { organisationId: row.organisationId, services: Number(n) });
	});
}
