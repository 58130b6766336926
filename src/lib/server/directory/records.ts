/**
 * Whole directory records, read in a fixed number of queries whatever their
 * count: a service with its organisation, locations, hours, phones,
 * contacts, costs, required documents and areas. The service page, the
 * HSDS API, the exports and the offline copy all read through here.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import {
	contacts,
	costOptions,
	locations,
	neighbourhoods,
	organisations,
	phones,
	requiredDocuments,
	schedules,
	serviceAreas,
	serviceAtLocations,
	services
} from '../db/schema/index.ts';

export type ServiceRow = typeof services.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type ScheduleRow = typeof schedules.$inferSelect;
export type PhoneRow = typeof phones.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type CostOptionRow = typeof costOptions.$inferSelect;
export type RequiredDocumentRow = typeof requiredDocuments.$inferSelect;
export type ServiceAreaRow = typeof serviceAreas.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;

export interface LocationRecord extends LocationRow {
	neighbourhood: { id: string; slug: string; name: string } | null;
	phones: PhoneRow[];
}

export interface ServiceRecord {
	service: Omit<ServiceRow, 'searchVector' | 'searchNames'>;
	organisation: OrganisationRow;
	/** Where it is given: one entry per service_at_location. */
	atLocations: { id: string; description: ServiceRow['description']; location: LocationRecord }[];
	schedules: ScheduleRow[];
	phones: PhoneRow[];
	contacts: ContactRow[];
	costOptions: CostOptionRow[];
	requiredDocuments: RequiredDocumentRow[];
	serviceAreas: (ServiceAreaRow & { neighbourhoodName: string | null })[];
}

/** Columns of a service without the generated search columns. */
export const serviceColumns = {
	id: services.id,
	organisationId: services.organisationId,
	name: services.name,
	alternateName: services.alternateName,
	description: services.description,
	eligibility: services.eligibility,
	applicationProcess: services.applicationProcess,
	feesDescription: services.feesDescription,
	url: services.url,
	email: services.email,
	status: services.status,
	needs: services.needs,
	features: services.features,
	languages: services.languages,
	minimumAge: services.minimumAge,
	maximumAge: services.maximumAge,
	lastVerifiedAt: services.lastVerifiedAt,
	lastVerifiedBy: services.lastVerifiedBy,
	reminder6SentAt: services.reminder6SentAt,
	reminder9SentAt: services.reminder9SentAt,
	version: services.version,
	createdAt: services.createdAt,
	updatedAt: services.updatedAt
};

function group<T, K extends keyof T>(rows: T[], key: K): Map<T[K], T[]> {
	const m = new Map<T[K], T[]>();
	for (const r of rows) {
		const list = m.get(r[key]);
		if (list) list.push(r);
		else m.set(r[key], [r]);
	}
	return m;
}

/**
 * Full records of the given services, in the order of `ids`; ids that do not
 * exist are left out. `publicOnly` keeps only services of verified
 * organisations (what the portal and the HSDS API may show).
 */
export async function loadServices(
	db: Db,
	ids: readonly string[],
	opts: { publicOnly?: boolean } = {}
): Promise<ServiceRecord[]> {
	if (ids.length === 0) return [];
	const where = opts.publicOnly
		? and(inArray(services.id, [...ids]), eq(organisations.verification, 'verified'))
		: inArray(services.id, [...ids]);
	const base = await db
		.select({ service: serviceColumns, organisation: organisations })
		.from(services)
		.innerJoin(organisations, eq(organisations.id, services.organisationId))
		.where(where);
	if (base.length === 0) return [];
	const found = base.map((b) => b.service.id);

	const [sal, sched, ph, co, cost, docs, areas] = await Promise.all([
		db
			.select({ sal: serviceAtLocations, location: locations, neighbourhood: neighbourhoods })
			.from(serviceAtLocations)
			.innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
			.leftJoin(neighbourhoods, eq(neighbourhoods.id, locations.neighbourhoodId))
			.where(inArray(serviceAtLocations.serviceId, found)),
		db.select().from(schedules).where(inArray(schedules.serviceId, found)),
		db.select().from(phones).where(inArray(phones.serviceId, found)),
		db.select().from(contacts).where(inArray(contacts.serviceId, found)),
		db.select().from(costOptions).where(inArray(costOptions.serviceId, found)),
		db.select().from(requiredDocuments).where(inArray(requiredDocuments.serviceId, found)),
		db
			.select({ area: serviceAreas, neighbourhoodName: neighbourhoods.name })
			.from(serviceAreas)
			.leftJoin(neighbourhoods, eq(neighbourhoods.id, serviceAreas.neighbourhoodId))
			.where(inArray(serviceAreas.serviceId, found))
	]);
	const locationIds = [...new Set(sal.map((s) => s.location.id))];
	const locationPhones = locationIds.length
		? await db.select().from(phones).where(inArray(phones.locationId, locationIds))
		: [];
	const phonesByLocation = group(locationPhones, 'locationId');

	const salByService = new Map<string, ServiceRecord['atLocations']>();
	for (const s of sal) {
		const entry = {
			id: s.sal.id,
			description: s.sal.description,
			location: {
				...s.location,
				neighbourhood: s.neighbourhood
					? { id: s.neighbourhood.id, slug: s.neighbourhood.slug, name: s.neighbourhood.name }
					: null,
				phones: phonesByLocation.get(s.location.id) ?? []
			}
		};
		const list = salByService.get(s.sal.serviceId);
		if (list) list.push(entry);
		else salByService.set(s.sal.serviceId, [entry]);
	}
	const schedBy = group(sched, 'serviceId');
	const phBy = group(ph, 'serviceId');
	const coBy = group(co, 'serviceId');
	const costBy = group(cost, 'serviceId');
	const docsBy = group(docs, 'serviceId');
	const areasBy = new Map<string, ServiceRecord['serviceAreas']>();
	for (const a of areas) {
		const list = areasBy.get(a.area.serviceId) ?? [];
		list.push({ ...a.area, neighbourhoodName: a.neighbourhoodName });
		areasBy.set(a.area.serviceId, list);
	}

	const byId = new Map(base.map((b) => [b.service.id, b]));
	const out: ServiceRecord[] = [];
	for (const id of ids) {
		const b = byId.get(id);
		if (!b) continue;
		out.push({
			service: b.service,
			organisation: b.organisation,
			atLocations: salByService.get(id) ?? [],
			schedules: schedBy.get(id) ?? [],
			phones: phBy.get(id) ?? [],
			contacts: coBy.get(id) ?? [],
			costOptions: costBy.get(id) ?? [],
			requiredDocuments: docsBy.get(id) ?? [],
			serviceAreas: areasBy.get(id) ?? []
		});
	}
	return out;
}

/** One full record, or null when it does not exist (or is not public, with publicOnly). */
export async function loadService(
	db: Db,
	id: string,
	opts: { publicOnly?: boolean } = {}
): Promise<ServiceRecord | null> {
	return (await loadServices(db, [id], opts))[0] ?? null;
}
