/**
 * Services in the workspace: create, edit, confirm as still correct,
 * delete; their locations, opening hours and exceptions, phones, required
 * documents, costs, contacts and areas served; their history.
 *
 * Every write takes the service's organisation from the database (never
 * from the form), asks the policy for directory.manage on it, runs in one
 * transaction, bumps `services.version` (a form based on an older version
 * is refused), and leaves an audit entry and a directory_history snapshot.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
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
	services,
	users
} from '../db/schema/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { freshness, type Freshness } from '../../directory/freshness.ts';
import type { LocalText } from '../../directory/text.ts';
import { actorId, addHistory, auditDirectory, findCreatedBy, lockFormId, requireManage } from './access.ts';
import { checkNeighbourhood } from './locations.ts';
import { loadService, type ServiceRecord } from './records.ts';
import { itemKinds, type AreaInput, type ContactInput, type ExceptionInput, type ServiceInput, type WeeklyHoursInput } from './schemas.ts';

export const serviceNotFound = () => new Refusal(404, 'directory_service_not_found');

/** What a history row keeps of a service: everything a person edits, in a stable shape. */
export interface ServiceSnapshot {
	formId?: string;
	name: LocalText;
	description: LocalText;
	eligibility: LocalText;
	applicationProcess: LocalText;
	feesDescription: LocalText;
	url: string | null;
	email: string | null;
	status: string;
	needs: string[];
	features: string[];
	languages: string[];
	minimumAge: number | null;
	maximumAge: number | null;
	lastVerifiedAt: string;
	version: number;
	locations: { id: string; name: LocalText; address: string | null }[];
	hours: string[];
	phones: string[];
	documents: LocalText[];
	costs: string[];
	/** "Name, title, department, e-mail, phone" of each contact (absent in snapshots older than the contacts form). */
	contacts?: string[];
	/** The neighbourhood's or the wider area's name of each area served (absent in older snapshots). */
	areas?: string[];
}

function contactLine(c: ServiceRecord['contacts'][number]): string {
	return [c.name, c.title, c.department, c.email, c.phone].filter((x) => x).join(', ');
}

function hoursLine(s: ServiceRecord['schedules'][number]): string {
	const where = s.locationId ? ` @${s.locationId.slice(0, 8)}` : '';
	if (s.kind === 'exception') {
		const span = s.validFrom === s.validTo ? `${s.validFrom}` : `${s.validFrom}..${s.validTo}`;
		return `${span} ${s.closed ? 'closed' : `${s.opensAt}-${s.closesAt}`}${where}`;
	}
	return `${s.weekday} ${s.opensAt}-${s.closesAt}${where}`;
}

export function snapshotOf(r: ServiceRecord, extra: { formId?: string } = {}): ServiceSnapshot {
	const s = r.service;
	return {
		...extra,
		name: s.name,
		description: s.description,
		eligibility: s.eligibility,
		applicationProcess: s.applicationProcess,
		feesDescription: s.feesDescription,
		url: s.url,
		email: s.email,
		status: s.status,
		needs: [...s.needs].sort(),
		features: [...s.features].sort(),
		languages: [...s.languages].sort(),
		minimumAge: s.minimumAge,
		maximumAge: s.maximumAge,
		lastVerifiedAt: new Date(s.lastVerifiedAt).toISOString(),
		version: s.version,
		locations: r.atLocations
			.map((a) => ({ id: a.location.id, name: a.location.name, address: a.location.address1 }))
			.sort((a, b) => a.id.localeCompare(b.id)),
		hours: r.schedules.map(hoursLine).sort(),
		phones: r.phones.map((p) => `${p.number} (${p.type})`).sort(),
		documents: r.requiredDocuments.map((d) => d.document),
		costs: r.costOptions.map((c) => `${Object.values(c.option)[0] ?? ''}: ${c.amountCents === null ? '' : (c.amountCents / 100).toFixed(2)} ${c.currency}`).sort(),
		contacts: r.contacts.map(contactLine).sort(),
		areas: r.serviceAreas.map((a) => a.neighbourhoodName ?? a.name ?? '').sort()
	};
}

async function snapshot(tx: Tx, id: string, extra: { formId?: string } = {}): Promise<ServiceSnapshot> {
	const r = await loadService(tx as Db, id);
	if (!r) throw serviceNotFound();
	return snapshotOf(r, extra);
}

/** The organisation's services for the workspace list, with how fresh each is. */
export async function listServices(ctx: Ctx, organisationId: string, now = new Date()) {
	requireManage(ctx, organisationId);
	const rows = await ctx.db
		.select({
			id: services.id,
			name: services.name,
			status: services.status,
			needs: services.needs,
			lastVerifiedAt: services.lastVerifiedAt,
			updatedAt: services.updatedAt
		})
		.from(services)
		.where(eq(services.organisationId, organisationId))
		.orderBy(asc(services.lastVerifiedAt), asc(services.id));
	return rows.map((r) => ({ ...r, freshness: freshness(r.lastVerifiedAt, now) as Freshness }));
}

/** The organisation's locations, for the service form's checkboxes. */
export async function organisationLocations(db: Tx, organisationId: string) {
	return db
		.select({ id: locations.id, name: locations.name, address1: locations.address1, city: locations.city })
		.from(locations)
		.where(eq(locations.organisationId, organisationId))
		.orderBy(asc(locations.createdAt), asc(locations.id));
}

/**
 * A service for its edit page. Not a uuid, not there, or not of the
 * organisation in the address: 404; another organisation's (and not staff): 403.
 */
export async function getServiceForEdit(ctx: Ctx, organisationId: string, serviceId: string): Promise<ServiceRecord> {
	if (!isUuid(serviceId)) throw serviceNotFound();
	const r = await loadService(ctx.db, serviceId);
	if (!r) throw serviceNotFound();
	requireManage(ctx, r.service.organisationId);
	if (r.service.organisationId !== organisationId) throw serviceNotFound();
	return r;
}

async function checkLocations(tx: Tx, organisationId: string, ids: string[], field: string): Promise<void> {
	if (ids.length === 0) return;
	const found = await tx
		.select({ id: locations.id })
		.from(locations)
		.where(and(eq(locations.organisationId, organisationId), inArray(locations.id, ids)));
	if (found.length !== new Set(ids).size) throw new Refusal(400, 'directory_location_not_ours', field);
}

function serviceValues(input: ServiceInput) {
	return {
		name: input.name,
		description: input.description,
		eligibility: input.eligibility,
		applicationProcess: input.applicationProcess,
		feesDescription: input.feesDescription,
		url: input.url,
		email: input.email,
		status: input.status,
		needs: input.needs,
		features: input.features,
		languages: input.languages,
		minimumAge: input.minimumAge,
		maximumAge: input.maximumAge
	};
}

async function setLocations(tx: Tx, serviceId: string, ids: string[]): Promise<void> {
	const current = await tx
		.select({ locationId: serviceAtLocations.locationId })
		.from(serviceAtLocations)
		.where(eq(serviceAtLocations.serviceId, serviceId));
	const have = new Set(current.map((c) => c.locationId));
	const want = new Set(ids);
	const drop = [...have].filter((id) => !want.has(id));
	const add = [...want].filter((id) => !have.has(id));
	if (drop.length) {
		await tx.delete(serviceAtLocations).where(and(eq(serviceAtLocations.serviceId, serviceId), inArray(serviceAtLocations.locationId, drop)));
	}
	if (add.length) {
		await tx
			.insert(serviceAtLocations)
			.values(add.map((locationId) => ({ serviceId, locationId })))
			.onConflictDoNothing();
	}
}

/**
 * Creates a service. `formId` is the one-off token of the form: posting the
 * same form again returns the service it created the first time.
 */
export async function createService(
	ctx: Ctx,
	organisationId: string,
	input: { formId: string; service: ServiceInput }
): Promise<{ id: string; replayed: boolean }> {
	requireManage(ctx, organisationId);
	return ctx.db.transaction(async (tx) => {
		await lockFormId(tx, input.formId);
		const earlier = await findCreatedBy(tx, 'service', organisationId, input.formId);
		if (earlier) return { id: earlier, replayed: true };
		await checkLocations(tx, organisationId, input.service.locationIds, 'locationIds');
		const now = new Date();
		const [row] = await tx
			.insert(services)
			.values({
				organisationId,
				...serviceValues(input.service),
				lastVerifiedAt: now,
				lastVerifiedBy: actorId(ctx),
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: services.id });
		await setLocations(tx, row.id, input.service.locationIds);
		await addHistory(ctx, tx, {
			entity: 'service',
			entityId: row.id,
			organisationId,
			change: 'created',
			snapshot: await snapshot(tx, row.id, { formId: input.formId })
		});
		await auditDirectory(ctx, tx, 'directory.service.created', 'service', row.id, { organisationId });
		return { id: row.id, replayed: false };
	});
}

interface WriteOpts {
	organisationId: string;
	serviceId: string;
	/** The version the form was based on; a different one is a conflict. */
	version?: number;
	action: string;
	change: 'updated' | 'verified' | 'deleted';
	details?: Record<string, string | number | boolean | null>;
}

/** The frame of every change to an existing service. */
async function writeService<T>(ctx: Ctx, opts: WriteOpts, work: (tx: Tx, row: { id: string; organisationId: string; version: number }) => Promise<T>): Promise<T> {
	if (!isUuid(opts.serviceId)) throw serviceNotFound();
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.select({ id: services.id, organisationId: services.organisationId, version: services.version })
			.from(services)
			.where(eq(services.id, opts.serviceId))
			.limit(1)
			.for('update');
		if (!row) throw serviceNotFound();
		// The organisation comes from the database: a forged id cannot borrow another's rights.
		requireManage(ctx, row.organisationId);
		if (row.organisationId !== opts.organisationId) throw serviceNotFound();
		if (opts.version !== undefined && row.version !== opts.version) throw new Refusal(409, 'directory_conflict');
		const before = opts.change === 'deleted' ? await snapshot(tx, row.id) : null;
		const result = await work(tx, row);
		let snap: ServiceSnapshot;
		if (opts.change === 'deleted') snap = before!;
		else {
			await tx
				.update(services)
				.set({ version: sql`${services.version} + 1`, updatedAt: new Date() })
				.where(eq(services.id, row.id));
			snap = await snapshot(tx, row.id);
		}
		await addHistory(ctx, tx, { entity: 'service', entityId: row.id, organisationId: row.organisationId, change: opts.change, snapshot: snap });
		await auditDirectory(ctx, tx, opts.action, 'service', row.id, { organisationId: row.organisationId, ...opts.details });
		return result;
	});
}

export async function updateService(
	ctx: Ctx,
	organisationId: string,
	serviceId: string,
	input: { version: number; service: ServiceInput }
): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, version: input.version, action: 'directory.service.updated', change: 'updated' }, async (tx, row) => {
		await checkLocations(tx, row.organisationId, input.service.locationIds, 'locationIds');
		await tx.update(services).set(serviceValues(input.service)).where(eq(services.id, row.id));
		await setLocations(tx, row.id, input.service.locationIds);
	});
}

/** "Still correct": the record was checked today; reminders start again from now. */
export async function verifyService(ctx: Ctx, organisationId: string, serviceId: string, version: number, now = new Date()): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, version, action: 'directory.service.verified', change: 'verified' }, async (tx, row) => {
		await tx
			.update(services)
			.set({ lastVerifiedAt: now, lastVerifiedBy: actorId(ctx), reminder6SentAt: null, reminder9SentAt: null })
			.where(eq(services.id, row.id));
	});
}

export async function deleteService(ctx: Ctx, organisationId: string, serviceId: string, version: number): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, version, action: 'directory.service.deleted', change: 'deleted' }, async (tx, row) => {
		await tx.delete(services).where(eq(services.id, row.id));
	});
}

export async function addWeeklyHours(ctx: Ctx, organisationId: string, serviceId: string, input: WeeklyHoursInput): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: 'directory.service.hours_added', change: 'updated' }, async (tx, row) => {
		if (input.locationId) await checkLocations(tx, row.organisationId, [input.locationId], 'locationId');
		await tx.insert(schedules).values({
			serviceId: row.id,
			locationId: input.locationId,
			kind: 'weekly',
			weekday: input.weekday,
			opensAt: input.opensAt,
			closesAt: input.closesAt
		});
	});
}

export async function addException(ctx: Ctx, organisationId: string, serviceId: string, input: ExceptionInput): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: 'directory.service.exception_added', change: 'updated' }, async (tx, row) => {
		if (input.locationId) await checkLocations(tx, row.organisationId, [input.locationId], 'locationId');
		await tx.insert(schedules).values({
			serviceId: row.id,
			locationId: input.locationId,
			kind: 'exception',
			validFrom: input.validFrom,
			validTo: input.validTo,
			closed: input.closed,
			opensAt: input.closed ? null : input.opensAt,
			closesAt: input.closed ? null : input.closesAt,
			description: input.note ? { [input.noteLocale]: input.note } : {}
		});
	});
}

export async function addPhone(ctx: Ctx, organisationId: string, serviceId: string, input: { number: string; type: string }): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: 'directory.service.phone_added', change: 'updated' }, async (tx, row) => {
		await tx.insert(phones).values({ serviceId: row.id, number: input.number, type: input.type });
	});
}

export async function addDocument(ctx: Ctx, organisationId: string, serviceId: string, input: { document: string; locale: string }): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: 'directory.service.document_added', change: 'updated' }, async (tx, row) => {
		await tx.insert(requiredDocuments).values({ serviceId: row.id, document: { [input.locale]: input.document } });
	});
}

export async function addCost(
	ctx: Ctx,
	organisationId: string,
	serviceId: string,
	input: { option: string; locale: string; amountCents: number | null }
): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: 'directory.service.cost_added', change: 'updated' }, async (tx, row) => {
		await tx.insert(costOptions).values({ serviceId: row.id, option: { [input.locale]: input.option }, amountCents: input.amountCents });
	});
}

export async function addContact(ctx: Ctx, organisationId: string, serviceId: string, input: ContactInput): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: 'directory.service.contact_added', change: 'updated' }, async (tx, row) => {
		await tx.insert(contacts).values({ serviceId: row.id, ...input });
	});
}

/**
 * Adds a neighbourhood served or a wider area by name. An id that is not one
 * of the city's neighbourhoods, or an area the service already lists, is refused.
 */
export async function addArea(ctx: Ctx, organisationId: string, serviceId: string, input: AreaInput): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: 'directory.service.area_added', change: 'updated' }, async (tx, row) => {
		await checkNeighbourhood(tx, input.neighbourhoodId);
		// The service row is locked by writeService, so two posts of the same area cannot both pass this check.
		const same = input.neighbourhoodId
			? eq(serviceAreas.neighbourhoodId, input.neighbourhoodId)
			: and(isNull(serviceAreas.neighbourhoodId), sql`lower(${serviceAreas.name}) = lower(${input.name})`);
		const [dup] = await tx
			.select({ id: serviceAreas.id })
			.from(serviceAreas)
			.where(and(eq(serviceAreas.serviceId, row.id), same))
			.limit(1);
		if (dup) throw new Refusal(400, 'directory_area_duplicate', input.neighbourhoodId ? 'neighbourhood' : 'name');
		await tx.insert(serviceAreas).values({ serviceId: row.id, neighbourhoodId: input.neighbourhoodId, name: input.name });
	});
}

export type ItemKind = (typeof itemKinds)[number];

/** Removes one of the service's hours, phones, documents, costs, contacts or areas; an id of anything else is refused. */
export async function removeItem(ctx: Ctx, organisationId: string, serviceId: string, kind: ItemKind, itemId: string): Promise<void> {
	await writeService(ctx, { organisationId, serviceId, action: `directory.service.${kind}_removed`, change: 'updated' }, async (tx, row) => {
		const table = { hours: schedules, phone: phones, document: requiredDocuments, cost: costOptions, contact: contacts, area: serviceAreas }[kind];
		const gone = await tx
			.delete(table)
			.where(and(eq(table.id, itemId), eq(table.serviceId, row.id)))
			.returning({ id: table.id });
		if (gone.length === 0) throw new Refusal(404, 'directory_item_not_found');
	});
}

/** What changed between two snapshots, as data the page puts into words. */
export type Change =
	| { kind: 'text'; field: string; locale: string; before: string; after: string }
	| { kind: 'value'; field: string; before: string; after: string }
	| { kind: 'list'; field: string; added: string[]; removed: string[] }
	| { kind: 'verified' };

const textKeys = ['name', 'description', 'eligibility', 'applicationProcess', 'feesDescription'] as const;
const valueKeys = ['url', 'email', 'status', 'minimumAge', 'maximumAge'] as const;
const listKeys = ['needs', 'features', 'languages', 'hours', 'phones', 'costs', 'contacts', 'areas'] as const;

function asList(x: unknown): string[] {
	return Array.isArray(x) ? x.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
}

export function diffSnapshots(prev: Partial<ServiceSnapshot> | null, next: Partial<ServiceSnapshot>): Change[] {
	const p = (prev ?? {}) as Partial<ServiceSnapshot>;
	const out: Change[] = [];
	for (const f of textKeys) {
		const a = (p[f] ?? {}) as Record<string, string>;
		const b = (next[f] ?? {}) as Record<string, string>;
		for (const l of new Set([...Object.keys(a), ...Object.keys(b)])) {
			if ((a[l] ?? '') !== (b[l] ?? '')) out.push({ kind: 'text', field: f, locale: l, before: a[l] ?? '', after: b[l] ?? '' });
		}
	}
	for (const f of valueKeys) {
		const a = p[f] ?? null;
		const b = next[f] ?? null;
		if (a !== b) out.push({ kind: 'value', field: f, before: a === null ? '' : String(a), after: b === null ? '' : String(b) });
	}
	const lists: Record<string, [string[], string[]]> = {};
	// A list the earlier snapshot did not record (an import's, or one older than the field) is not compared.
	for (const f of listKeys) if (!prev || f in p) lists[f] = [asList(p[f]), asList(next[f])];
	const locName = (l: { name: LocalText; address: string | null; id: string }) => Object.values(l.name ?? {})[0] || l.address || l.id.slice(0, 8);
	lists.locations = [(p.locations ?? []).map(locName), (next.locations ?? []).map(locName)];
	lists.documents = [(p.documents ?? []).map((d) => Object.values(d)[0] ?? ''), (next.documents ?? []).map((d) => Object.values(d)[0] ?? '')];
	for (const [f, [a, b]] of Object.entries(lists)) {
		const added = b.filter((x) => !a.includes(x));
		const removed = a.filter((x) => !b.includes(x));
		if (added.length || removed.length) out.push({ kind: 'list', field: f, added, removed });
	}
	if (prev && p.lastVerifiedAt !== next.lastVerifiedAt) out.push({ kind: 'verified' });
	return out;
}

/** The service's history, newest first, each entry with what it changed. */
export async function serviceHistory(ctx: Ctx, organisationId: string, serviceId: string) {
	await getServiceForEdit(ctx, organisationId, serviceId);
	const rows = await ctx.db
		.select({
			id: directoryHistory.id,
			change: directoryHistory.change,
			snapshot: directoryHistory.snapshot,
			changedAt: directoryHistory.changedAt,
			by: users.displayName
		})
		.from(directoryHistory)
		.leftJoin(users, eq(users.id, directoryHistory.changedBy))
		.where(and(eq(directoryHistory.entity, 'service'), eq(directoryHistory.entityId, serviceId)))
		.orderBy(asc(directoryHistory.changedAt), asc(directoryHistory.id));
	const out = rows.map((r, i) => ({
		id: r.id,
		change: r.change,
		changedAt: r.changedAt,
		by: r.by,
		changes: diffSnapshots(i === 0 ? null : (rows[i - 1].snapshot as Partial<ServiceSnapshot>), r.snapshot as Partial<ServiceSnapshot>)
	}));
	return out.reverse();
}
