/**
 * Our directory records as Open Referral HSDS 3.0 objects, and the queries
 * behind the public HSDS API (/api/hsds/…).
 *
 * Only public data leaves here: services and locations of verified
 * organisations, their published contact points, never anything about
 * members or accounts. Text a newcomer reads is stored per locale; HSDS has
 * one string per field, so the API picks the reader's locale (`?locale=`,
 * default English) with the usual fallback order (pickText).
 *
 * Records HSDS wants as rows but we keep as codes on the service (languages,
 * needs and features as attributes) get ids derived from the service id and
 * the code (md5, formatted as a version-3 UUID), so they are stable between
 * calls and exports.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { locations, organisations, phones, serviceAtLocations, services, taxonomies, taxonomyTerms } from '../db/schema/index.ts';
import { pickText, type LocalText } from '../../directory/text.ts';
import { FEATURES_TAXONOMY, NEEDS_TAXONOMY, spokenLanguages } from '../../directory/taxonomy.ts';
import { loadServices, type LocationRecord, type OrganisationRow, type ScheduleRow, type ServiceRecord } from './records.ts';

export const HSDS_VERSION = '3.0';
/** No local profile: the API follows HSDS 3.0 as published. */
export const HSDS_PROFILE = 'https://docs.openreferral.org/en/3.0/';

type Obj = Record<string, unknown>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(x: unknown): x is string {
	return typeof x === 'string' && UUID_RE.test(x);
}

/** A stable UUID (version 3 layout) from the parts: md5 of their join. */
export function derivedId(...parts: string[]): string {
	const h = createHash('md5').update(parts.join('\u0000')).digest('hex').split('');
	h[12] = '3';
	h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
	const s = h.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** Sets `key` only when the value is a non-empty string or a finite number. */
function put(o: Obj, key: string, value: unknown): void {
	if (typeof value === 'string' && value.trim() !== '') o[key] = value;
	else if (typeof value === 'number' && Number.isFinite(value)) o[key] = value;
}

function text(t: LocalText | null | undefined, locale: string): string | undefined {
	return pickText(t, locale)?.text;
}

function httpUrl(x: string | null | undefined): string | undefined {
	if (!x) return undefined;
	try {
		const u = new URL(x);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
	} catch {
		return undefined;
	}
}

function email(x: string | null | undefined): string | undefined {
	return x && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(x) ? x : undefined;
}

const isoDate = (d: string | Date | null | undefined): string | undefined =>
	d == null ? undefined : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const isoDateTime = (d: string | Date): string => new Date(d).toISOString();

export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

// ---------------------------------------------------------------- taxonomy

export interface TaxonomyRow {
	id: string;
	code: string;
	name: string;
	description: string;
	uri: string | null;
	version: string | null;
}
export interface TermRow {
	id: string;
	taxonomyId: string;
	parentId: string | null;
	code: string;
	name: LocalText;
	description: LocalText;
	position: number;
}

/** Both taxonomies and all their terms (a few dozen rows), indexed every way the mapping needs. */
export interface Vocabulary {
	taxonomies: TaxonomyRow[];
	terms: TermRow[];
	taxonomyById: Map<string, TaxonomyRow>;
	termById: Map<string, TermRow>;
	/** `${taxonomyCode}:${termCode}` → term */
	termByCode: Map<string, TermRow>;
}

export async function loadVocabulary(db: Db): Promise<Vocabulary> {
	const [tax, terms] = await Promise.all([
		db.select().from(taxonomies).orderBy(asc(taxonomies.code)),
		db
			.select({
				id: taxonomyTerms.id,
				taxonomyId: taxonomyTerms.taxonomyId,
				parentId: taxonomyTerms.parentId,
				code: taxonomyTerms.code,
				name: taxonomyTerms.name,
				description: taxonomyTerms.description,
				position: taxonomyTerms.position
			})
			.from(taxonomyTerms)
			.orderBy(asc(taxonomyTerms.taxonomyId), asc(taxonomyTerms.position), asc(taxonomyTerms.code))
	]);
	const taxonomyById = new Map(tax.map((t) => [t.id, t]));
	const termByCode = new Map<string, TermRow>();
	for (const t of terms) termByCode.set(`${taxonomyById.get(t.taxonomyId)?.code}:${t.code}`, t);
	return { taxonomies: tax, terms, taxonomyById, termById: new Map(terms.map((t) => [t.id, t])), termByCode };
}

export function taxonomyObject(t: TaxonomyRow): Obj {
	const o: Obj = { id: t.id, name: t.name, description: t.description || t.name };
	put(o, 'uri', httpUrl(t.uri));
	put(o, 'version', t.version);
	return o;
}

export function termObject(v: Vocabulary, t: TermRow, locale: string): Obj {
	const tax = v.taxonomyById.get(t.taxonomyId);
	const name = text(t.name, locale) ?? t.code;
	const o: Obj = { id: t.id, code: t.code, name, description: text(t.description, locale) ?? name };
	if (t.parentId) o.parent_id = t.parentId;
	if (tax) {
		o.taxonomy = tax.name;
		o.taxonomy_id = tax.id;
		o.taxonomy_detail = taxonomyObject(tax);
	}
	o.language = pickText(t.name, locale)?.locale ?? locale;
	return o;
}

// ---------------------------------------------------------------- records

export function organizationObject(org: OrganisationRow): Obj {
	const o: Obj = { id: org.id, name: org.name, description: org.description ?? '' };
	put(o, 'email', email(org.email));
	put(o, 'website', httpUrl(org.website));
	return o;
}

function phoneObject(p: { id: string; number: string; type: string; description: LocalText; languages: string[]; serviceId: string | null; locationId: string | null }, locale: string): Obj {
	const o: Obj = { id: p.id, number: p.number, type: p.type };
	put(o, 'service_id', p.serviceId ?? undefined);
	put(o, 'location_id', p.locationId ?? undefined);
	put(o, 'description', text(p.description, locale));
	if (p.languages.length) o.languages = p.languages.map((code) => languageObject(code, { phone_id: p.id }, p.id));
	return o;
}

function languageObject(code: string, link: Obj, owner: string): Obj {
	return { id: derivedId(owner, 'language', code), ...link, name: spokenLanguages[code] ?? code, code };
}

export function scheduleObject(s: ScheduleRow, locale: string): Obj {
	const o: Obj = { id: s.id, service_id: s.serviceId };
	put(o, 'location_id', s.locationId ?? undefined);
	put(o, 'valid_from', isoDate(s.validFrom));
	put(o, 'valid_to', isoDate(s.validTo));
	const desc = text(s.description, locale);
	if (s.kind === 'weekly') {
		o.freq = 'WEEKLY';
		o.wkst = 'MO';
		if (s.weekday && s.weekday >= 1 && s.weekday <= 7) o.byday = BYDAY[s.weekday - 1];
		put(o, 'opens_at', s.opensAt ?? undefined);
		put(o, 'closes_at', s.closesAt ?? undefined);
		put(o, 'description', desc);
	} else {
		// An exception: the dates it covers, closed or open only at the hours given.
		const hours = s.opensAt && s.closesAt ? `${s.opensAt}–${s.closesAt}` : '';
		put(o, 'description', desc ?? (s.closed ? 'Closed' : hours ? `Open ${hours}` : 'Exception'));
		if (!s.closed) {
			put(o, 'opens_at', s.opensAt ?? undefined);
			put(o, 'closes_at', s.closesAt ?? undefined);
		}
		o.notes = s.closed ? 'closed' : 'open at the hours given';
	}
	return o;
}

export function locationObject(l: LocationRecord, locale: string): Obj {
	const o: Obj = { id: l.id, location_type: l.locationType, organization_id: l.organisationId };
	put(o, 'name', text(l.name, locale));
	put(o, 'description', text(l.description, locale));
	put(o, 'transportation', text(l.transportation, locale));
	put(o, 'latitude', l.latitude ?? undefined);
	put(o, 'longitude', l.longitude ?? undefined);
	if (l.address1) {
		const a: Obj = {
			id: derivedId(l.id, 'address'),
			location_id: l.id,
			address_1: l.address1,
			city: l.city ?? '',
			state_province: l.region ?? '',
			postal_code: l.postalCode ?? '',
			country: l.country,
			address_type: l.locationType
		};
		put(a, 'address_2', l.address2 ?? undefined);
		put(a, 'region', l.neighbourhood?.name);
		o.addresses = [a];
	}
	const access = text(l.accessibility, locale);
	if (access || l.wheelchairAccessible !== null) {
		const a: Obj = { id: derivedId(l.id, 'accessibility'), location_id: l.id };
		put(a, 'description', access);
		if (l.wheelchairAccessible !== null) a.details = l.wheelchairAccessible ? 'wheelchair accessible' : 'not wheelchair accessible';
		o.accessibility = [a];
	}
	if (l.phones.length) o.phones = l.phones.map((p) => phoneObject(p, locale));
	return o;
}

/** The one-to-one fields of a service (what list endpoints return). */
export function serviceListObject(r: ServiceRecord, locale: string): Obj {
	const s = r.service;
	const o: Obj = { id: s.id, organization_id: s.organisationId, name: text(s.name, locale) ?? '', status: s.status };
	put(o, 'alternate_name', text(s.alternateName, locale));
	put(o, 'description', text(s.description, locale));
	put(o, 'url', httpUrl(s.url));
	put(o, 'email', email(s.email));
	put(o, 'application_process', text(s.applicationProcess, locale));
	put(o, 'fees_description', text(s.feesDescription, locale));
	put(o, 'eligibility_description', text(s.eligibility, locale));
	put(o, 'minimum_age', s.minimumAge ?? undefined);
	put(o, 'maximum_age', s.maximumAge ?? undefined);
	if (s.features.includes('interpreter')) o.interpretation_services = 'Interpreter available';
	o.assured_date = isoDate(s.lastVerifiedAt);
	o.last_modified = isoDateTime(s.updatedAt);
	o.organization = organizationObject(r.organisation);
	return o;
}

export function attributeObjects(v: Vocabulary, r: ServiceRecord, locale: string): Obj[] {
	const out: Obj[] = [];
	const add = (taxonomyCode: string, code: string) => {
		const term = v.termByCode.get(`${taxonomyCode}:${code}`);
		if (!term) return;
		out.push({
			id: derivedId(r.service.id, 'attribute', term.id),
			link_id: r.service.id,
			link_type: taxonomyCode === NEEDS_TAXONOMY ? 'need' : 'feature',
			link_entity: 'service',
			taxonomy_term_id: term.id,
			taxonomy_term: termObject(v, term, locale)
		});
	};
	for (const c of r.service.needs) add(NEEDS_TAXONOMY, c);
	for (const c of r.service.features) add(FEATURES_TAXONOMY, c);
	return out;
}

export function serviceAtLocationObject(r: ServiceRecord, at: ServiceRecord['atLocations'][number], locale: string): Obj {
	const o: Obj = { id: at.id, service_id: r.service.id, location_id: at.location.id };
	put(o, 'description', text(at.description, locale));
	o.location = locationObject(at.location, locale);
	const sched = r.schedules.filter((s) => s.locationId === at.location.id);
	if (sched.length) o.schedules = sched.map((s) => scheduleObject(s, locale));
	return o;
}

/** A fully nested service (compiled/service.json). */
export function serviceObject(v: Vocabulary, r: ServiceRecord, locale: string): Obj {
	const o = serviceListObject(r, locale);
	const id = r.service.id;
	o.phones = r.phones.map((p) => phoneObject(p, locale));
	o.schedules = r.schedules.filter((s) => !s.locationId).map((s) => scheduleObject(s, locale));
	o.service_areas = r.serviceAreas.map((a) => {
		const x: Obj = { id: a.id, service_id: id };
		put(x, 'name', a.name ?? a.neighbourhoodName ?? undefined);
		put(x, 'description', text(a.description, locale));
		return x;
	});
	o.service_at_locations = r.atLocations.map((at) => serviceAtLocationObject(r, at, locale));
	o.languages = r.service.languages.map((code) => languageObject(code, { service_id: id }, id));
	o.cost_options = r.costOptions.map((c) => {
		const x: Obj = { id: c.id, service_id: id, currency: c.currency };
		put(x, 'option', text(c.option, locale));
		if (c.amountCents != null) x.amount = c.amountCents / 100;
		put(x, 'amount_description', text(c.amountDescription, locale));
		put(x, 'valid_from', isoDate(c.validFrom));
		put(x, 'valid_to', isoDate(c.validTo));
		return x;
	});
	o.required_documents = r.requiredDocuments.map((d) => {
		const x: Obj = { id: d.id, service_id: id };
		put(x, 'document', text(d.document, locale));
		put(x, 'uri', httpUrl(d.uri));
		return x;
	});
	o.contacts = r.contacts.map((c) => {
		const x: Obj = { id: c.id, service_id: id };
		put(x, 'name', c.name ?? undefined);
		put(x, 'title', c.title ?? undefined);
		put(x, 'department', c.department ?? undefined);
		put(x, 'email', email(c.email));
		if (c.phone) x.phones = [{ id: derivedId(c.id, 'phone'), contact_id: c.id, number: c.phone }];
		return x;
	});
	o.attributes = attributeObjects(v, r, locale);
	return o;
}

// ---------------------------------------------------------------- queries

export class HsdsError extends Error {
	status: number;
	code: string;
	constructor(status: number, code: string, message: string) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

export interface Paging {
	page: number;
	perPage: number;
}

export interface PageOf<T> {
	total_items: number;
	total_pages: number;
	page_number: number;
	size: number;
	first_page: boolean;
	last_page: boolean;
	empty: boolean;
	contents: T[];
}

export function pageOf<T>(total: number, p: Paging, contents: T[]): PageOf<T> {
	const totalPages = Math.ceil(total / p.perPage);
	return {
		total_items: total,
		total_pages: totalPages,
		page_number: p.page,
		size: contents.length,
		first_page: p.page === 1,
		last_page: p.page >= totalPages,
		empty: contents.length === 0,
		contents
	};
}

export interface ServiceFilters {
	search?: string;
	taxonomyTermId?: string;
	taxonomyId?: string;
	organizationId?: string;
	modifiedAfter?: Date;
}

const verified = eq(organisations.verification, 'verified');

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The conditions on `services` for the filters; null when a filter can match nothing. */
function serviceConditions(v: Vocabulary, f: ServiceFilters): SQL[] | null {
	const where: SQL[] = [verified];
	if (f.search) {
		const q = f.search.toLowerCase();
		where.push(
			sql`(${services.searchVector} @@ plainto_tsquery('simple', ${f.search}) or ${services.searchNames} like ${'%' + escapeLike(q) + '%'})`
		);
	}
	if (f.taxonomyTermId) {
		const term = v.termById.get(f.taxonomyTermId);
		const tax = term && v.taxonomyById.get(term.taxonomyId);
		if (!term || !tax) return null;
		const col = tax.code === NEEDS_TAXONOMY ? services.needs : services.features;
		where.push(sql`${col} @> array[${term.code}]::text[]`);
	}
	if (f.taxonomyId) {
		const tax = v.taxonomyById.get(f.taxonomyId);
		if (!tax) return null;
		const col = tax.code === NEEDS_TAXONOMY ? services.needs : services.features;
		where.push(sql`cardinality(${col}) > 0`);
	}
	if (f.organizationId) where.push(eq(services.organisationId, f.organizationId));
	if (f.modifiedAfter) where.push(gte(services.updatedAt, f.modifiedAfter));
	return where;
}

/** Ids of the public services matching the filters, one page of them, and how many there are. */
export async function findServiceIds(db: Db, v: Vocabulary, f: ServiceFilters, p: Paging): Promise<{ total: number; ids: { id: string; updatedAt: Date }[] }> {
	const where = serviceConditions(v, f);
	if (!where) return { total: 0, ids: [] };
	const [[{ n }], ids] = await Promise.all([
		db.select({ n: count() }).from(services).innerJoin(organisations, eq(organisations.id, services.organisationId)).where(and(...where)),
		db
			.select({ id: services.id, updatedAt: services.updatedAt })
			.from(services)
			.innerJoin(organisations, eq(organisations.id, services.organisationId))
			.where(and(...where))
			.orderBy(asc(services.createdAt), asc(services.id))
			.limit(p.perPage)
			.offset((p.page - 1) * p.perPage)
	]);
	return { total: Number(n), ids };
}

/** Public service_at_location ids matching the service filters. */
export async function findServiceAtLocations(
	db: Db,
	v: Vocabulary,
	f: ServiceFilters,
	p: Paging
): Promise<{ total: number; rows: { id: string; serviceId: string }[] }> {
	const where = serviceConditions(v, f);
	if (!where) return { total: 0, rows: [] };
	const base = () =>
		db
			.select({ id: serviceAtLocations.id, serviceId: serviceAtLocations.serviceId })
			.from(serviceAtLocations)
			.innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
			.innerJoin(organisations, eq(organisations.id, services.organisationId))
			.where(and(...where));
	const [[{ n }], rows] = await Promise.all([
		db
			.select({ n: count() })
			.from(serviceAtLocations)
			.innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
			.innerJoin(organisations, eq(organisations.id, services.organisationId))
			.where(and(...where)),
		base()
			.orderBy(asc(services.createdAt), asc(serviceAtLocations.id))
			.limit(p.perPage)
			.offset((p.page - 1) * p.perPage)
	]);
	return { total: Number(n), rows };
}

export async function publicServices(db: Db, ids: string[]): Promise<ServiceRecord[]> {
	return loadServices(db, ids, { publicOnly: true });
}

/** Verified organisations, one page, optionally searched by name. */
export async function findOrganisations(db: Db, search: string | undefined, p: Paging): Promise<{ total: number; rows: OrganisationRow[] }> {
	const where: SQL[] = [verified];
	if (search) where.push(sql`lower(${organisations.name}) like ${'%' + escapeLike(search.toLowerCase()) + '%'}`);
	const [[{ n }], rows] = await Promise.all([
		db.select({ n: count() }).from(organisations).where(and(...where)),
		db
			.select()
			.from(organisations)
			.where(and(...where))
			.orderBy(asc(organisations.name), asc(organisations.id))
			.limit(p.perPage)
			.offset((p.page - 1) * p.perPage)
	]);
	return { total: Number(n), rows };
}

export async function publicOrganisation(db: Db, id: string): Promise<OrganisationRow | null> {
	const [org] = await db.select().from(organisations).where(and(eq(organisations.id, id), verified)).limit(1);
	return org ?? null;
}

/** A fully nested organisation: its services (list form, or full), locations and phone. */
export async function organizationFullObject(db: Db, v: Vocabulary, org: OrganisationRow, locale: string, fullService: boolean): Promise<Obj> {
	const o = organizationObject(org);
	if (org.phone) o.phones = [{ id: derivedId(org.id, 'phone'), organization_id: org.id, number: org.phone }];
	const ids = (
		await db.select({ id: services.id }).from(services).where(eq(services.organisationId, org.id)).orderBy(asc(services.createdAt), asc(services.id))
	).map((r) => r.id);
	const records = await publicServices(db, ids);
	o.services = records.map((r) => (fullService ? serviceObject(v, r, locale) : serviceListObject(r, locale)));
	const locs = await db.select().from(locations).where(eq(locations.organisationId, org.id)).orderBy(asc(locations.createdAt));
	const locPhones = locs.length ? await db.select().from(phones).where(inArray(phones.locationId, locs.map((l) => l.id))) : [];
	o.locations = locs.map((l) =>
		locationObject({ ...l, neighbourhood: null, phones: locPhones.filter((p) => p.locationId === l.id) }, locale)
	);
	return o;
}

/** The service_at_location with the service around it, when public. */
export async function findServiceAtLocation(db: Db, id: string): Promise<{ record: ServiceRecord; at: ServiceRecord['atLocations'][number] } | null> {
	const [row] = await db.select({ serviceId: serviceAtLocations.serviceId }).from(serviceAtLocations).where(eq(serviceAtLocations.id, id)).limit(1);
	if (!row) return null;
	const record = (await publicServices(db, [row.serviceId]))[0];
	const at = record?.atLocations.find((a) => a.id === id);
	return record && at ? { record, at } : null;
}
