/**
 * Checks every row of an upload and turns it into a plan: what will be
 * created or updated, and a list of row-level problems (file or sheet, row
 * number, column, message key). Nothing is written here.
 *
 * Ids in the files are keys inside the upload ("S1", or the UUIDs of an
 * HSDS export). A UUID that names a service or location of the target
 * organisation updates it; anything else creates a new record with a new id,
 * so a file can never reach into another organisation's records.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import { locations, neighbourhoods, serviceStatuses, services, type ServiceStatus } from '../../db/schema/index.ts';
import type { LocalText } from '../../../directory/text.ts';
import { isFeatureCode, isNeedCode } from '../../../directory/taxonomy.ts';
import { isUuid } from '../hsds.ts';
import type { RawRow, RawTable } from './read.ts';
import { BASE_LOCALE, knownColumn, otherLocales, requiredColumns, type TableName } from './tables.ts';

export interface RowError {
	source: string;
	/** 0 for a problem with the whole file (its columns). */
	line: number;
	column: string;
	key: string;
	params: Record<string, string | number>;
}

export interface PlanService {
	key: string;
	existingId: string | null;
	name: LocalText;
	alternateName: LocalText;
	description: LocalText;
	eligibility: LocalText;
	applicationProcess: LocalText;
	feesDescription: LocalText;
	url: string | null;
	email: string | null;
	status: ServiceStatus;
	needs: string[];
	features: string[];
	languages: string[];
	minimumAge: number | null;
	maximumAge: number | null;
}
export interface PlanLocation {
	key: string;
	existingId: string | null;
	locationType: 'physical' | 'postal' | 'virtual';
	name: LocalText;
	description: LocalText;
	transportation: LocalText;
	accessibility: LocalText;
	address1: string | null;
	address2: string | null;
	city: string | null;
	region: string | null;
	postalCode: string | null;
	country: string;
	latitude: number | null;
	longitude: number | null;
	wheelchairAccessible: boolean | null;
}
export interface PlanSchedule {
	serviceKey: string;
	locationKey: string | null;
	kind: 'weekly' | 'exception';
	weekday: number | null;
	opensAt: string | null;
	closesAt: string | null;
	validFrom: string | null;
	validTo: string | null;
	closed: boolean;
	description: LocalText;
}
export interface Plan {
	services: PlanService[];
	locations: PlanLocation[];
	serviceAtLocations: { serviceKey: string; locationKey: string; description: LocalText }[];
	schedules: PlanSchedule[];
	phones: { serviceKey: string | null; locationKey: string | null; number: string; type: string; description: LocalText; languages: string[] }[];
	contacts: { serviceKey: string; name: string | null; title: string | null; department: string | null; email: string | null; phone: string | null }[];
	costOptions: { serviceKey: string; option: LocalText; amountCents: number | null; currency: string; amountDescription: LocalText; validFrom: string | null; validTo: string | null }[];
	requiredDocuments: { serviceKey: string; document: LocalText; uri: string | null }[];
	/** A neighbourhood of the city (name null), or a wider area by name (neighbourhoodId null). */
	serviceAreas: { serviceKey: string; neighbourhoodId: string | null; name: string | null; description: LocalText }[];
}
export interface Counts {
	servicesNew: number;
	servicesUpdated: number;
	locationsNew: number;
	locationsUpdated: number;
	rows: number;
}
export interface Checked {
	plan: Plan;
	counts: Counts;
	errors: RowError[];
	/** All problems found, when more than `errors` holds. */
	errorCount: number;
}

const MAX_ERRORS_KEPT = 500;
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const PHONE_TYPES = ['voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone'];
const tick = () => new Promise<void>((r) => setImmediate(r));

/** How an area's name is compared with the city's neighbourhoods: case and spaces do not count. */
export const areaKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** Undoes the apostrophe an export put before a cell that looked like a formula. */
export function unneutralise(v: string): string {
	return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

export async function checkUpload(db: Db, organisationId: string, tables: RawTable[]): Promise<Checked> {
	const errors: RowError[] = [];
	let errorCount = 0;
	const fail = (source: string, line: number, column: string, key: string, params: Record<string, string | number> = {}) => {
		errorCount++;
		if (errors.length < MAX_ERRORS_KEPT) errors.push({ source, line, column, key, params });
	};
	const plan: Plan = {
		services: [],
		locations: [],
		serviceAtLocations: [],
		schedules: [],
		phones: [],
		contacts: [],
		costOptions: [],
		requiredDocuments: [],
		serviceAreas: []
	};

	const byTable = new Map<TableName, RawTable[]>();
	for (const t of tables) {
		const missing = requiredColumns[t.table].filter((c) => !t.header.includes(c));
		const unknown = t.header.filter((c) => c && !knownColumn(t.table, c));
		if (missing.length) fail(t.source, 1, missing.join(', '), 'exchange_err_missing_columns', { columns: missing.join(', ') });
		if (unknown.length) fail(t.source, 1, unknown.join(', '), 'exchange_err_unknown_columns', { columns: unknown.join(', ') });
		if (missing.length || unknown.length) continue;
		byTable.set(t.table, [...(byTable.get(t.table) ?? []), t]);
	}
	if (!byTable.has('services') && errorCount === 0) fail('', 0, '', 'exchange_err_no_services');

	let rowCount = 0;
	async function* rowsOf(table: TableName): AsyncGenerator<{ t: RawTable; r: RawRow; v: (c: string) => string; text: (c: string) => LocalText; bad: (c: string, key: string, params?: Record<string, string | number>) => void }> {
		for (const t of byTable.get(table) ?? []) {
			for (const r of t.rows) {
				rowCount++;
				if (rowCount % 2000 === 0) await tick();
				// A cell with a formula gets that one problem, not a second one about its value.
				const bad = (c: string, key: string, params: Record<string, string | number> = {}) => {
					if (key !== 'exchange_err_formula' && r.formulas?.includes(c)) return;
					fail(t.source, r.line, c, key, params);
				};
				// A formula is a problem of its own; the row is still read (with the value the
				// spreadsheet last computed) so that rows referring to it are not blamed too.
				for (const c of r.formulas ?? []) bad(c, 'exchange_err_formula');
				const v = (c: string) => unneutralise(r.cells[c] ?? '');
				const text = (c: string): LocalText => {
					const out: LocalText = {};
					const base = v(c);
					if (base) out[BASE_LOCALE] = base;
					for (const l of otherLocales) {
						const x = v(`${c}_${l}`);
						if (x) out[l] = x;
					}
					return out;
				};
				yield { t, r, v, text, bad };
			}
		}
	}
	const empty = (t: LocalText) => Object.keys(t).length === 0;
	const optional = (s: string) => (s === '' ? null : s);
	const codes = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean);
	const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime());
	const time = (s: string): string | null => {
		const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(s);
		if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) return null;
		return `${m[1].padStart(2, '0')}:${m[2]}`;
	};
	const bool = (s: string): boolean | null | undefined => {
		const x = s.toLowerCase();
		if (x === '') return null;
		if (['true', 'yes', '1', 'y'].includes(x)) return true;
		if (['false', 'no', '0', 'n'].includes(x)) return false;
		return undefined;
	};
	const isUrl = (s: string) => {
		try {
			const u = new URL(s);
			return u.protocol === 'http:' || u.protocol === 'https:';
		} catch {
			return false;
		}
	};
	const isEmail = (s: string) => s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
	const idOk = (id: string) => id.length <= 100;

	// Services
	const serviceKeys = new Set<string>();
	for await (const { v, text, bad } of rowsOf('services')) {
		const key = v('id');
		if (!key) {
			bad('id', 'exchange_err_required');
			continue;
		}
		if (!idOk(key)) bad('id', 'exchange_err_invalid', { value: key.slice(0, 40) });
		if (serviceKeys.has(key)) {
			bad('id', 'exchange_err_duplicate_id', { id: key });
			continue;
		}
		serviceKeys.add(key);
		const name = text('name');
		if (empty(name)) bad('name', 'exchange_err_required');
		const status = (v('status') || 'active').toLowerCase();
		if (!(serviceStatuses as readonly string[]).includes(status)) bad('status', 'exchange_err_invalid', { value: v('status') });
		const url = v('url');
		if (url && !isUrl(url)) bad('url', 'exchange_err_invalid', { value: url });
		const email = v('email');
		if (email && !isEmail(email)) bad('email', 'exchange_err_invalid', { value: email });
		const age = (c: string) => {
			const s = v(c);
			if (!s) return null;
			if (!/^\d{1,3}$/.test(s) || Number(s) > 120) {
				bad(c, 'exchange_err_invalid', { value: s });
				return null;
			}
			return Number(s);
		};
		const needs = codes(v('needs'));
		for (const c of needs) if (!isNeedCode(c)) bad('needs', 'exchange_err_unknown_code', { code: c });
		const features = codes(v('features'));
		for (const c of features) if (!isFeatureCode(c)) bad('features', 'exchange_err_unknown_code', { code: c });
		const languages = codes(v('languages'));
		for (const c of languages) if (!/^[a-z]{2,3}$/.test(c)) bad('languages', 'exchange_err_unknown_code', { code: c });
		plan.services.push({
			key,
			existingId: null,
			name,
			alternateName: text('alternate_name'),
			description: text('description'),
			eligibility: text('eligibility_description'),
			applicationProcess: text('application_process'),
			feesDescription: text('fees_description'),
			url: optional(url),
			email: optional(email),
			status: status as ServiceStatus,
			needs: [...new Set(needs)],
			features: [...new Set(features)],
			languages: [...new Set(languages)],
			minimumAge: age('minimum_age'),
			maximumAge: age('maximum_age')
		});
	}

	// Locations (and their addresses)
	const locationKeys = new Map<string, PlanLocation>();
	for await (const { v, text, bad } of rowsOf('locations')) {
		const key = v('id');
		if (!key) {
			bad('id', 'exchange_err_required');
			continue;
		}
		if (locationKeys.has(key)) {
			bad('id', 'exchange_err_duplicate_id', { id: key });
			continue;
		}
		const type = (v('location_type') || 'physical').toLowerCase();
		if (!['physical', 'postal', 'virtual'].includes(type)) bad('location_type', 'exchange_err_invalid', { value: v('location_type') });
		const coord = (c: string, max: number) => {
			const s = v(c).replace(',', '.');
			if (!s) return null;
			const n = Number(s);
			if (!Number.isFinite(n) || Math.abs(n) > max) {
				bad(c, 'exchange_err_invalid', { value: v(c) });
				return null;
			}
			return n;
		};
		const wheel = bool(v('wheelchair_accessible'));
		if (wheel === undefined) bad('wheelchair_accessible', 'exchange_err_invalid', { value: v('wheelchair_accessible') });
		const country = (v('country') || 'IT').toUpperCase();
		if (!/^[A-Z]{2}$/.test(country)) bad('country', 'exchange_err_invalid', { value: v('country') });
		const loc: PlanLocation = {
			key,
			existingId: null,
			locationType: type as PlanLocation['locationType'],
			name: text('name'),
			description: text('description'),
			transportation: text('transportation'),
			accessibility: text('accessibility'),
			address1: optional(v('address_1')),
			address2: optional(v('address_2')),
			city: optional(v('city')),
			region: optional(v('state_province') || v('region')),
			postalCode: optional(v('postal_code')),
			country,
			latitude: coord('latitude', 90),
			longitude: coord('longitude', 180),
			wheelchairAccessible: wheel ?? null
		};
		locationKeys.set(key, loc);
		plan.locations.push(loc);
	}
	for await (const { v, bad } of rowsOf('addresses')) {
		const loc = locationKeys.get(v('location_id'));
		if (!loc) {
			bad('location_id', 'exchange_err_missing_ref', { id: v('location_id'), file: 'locations' });
			continue;
		}
		loc.address1 = optional(v('address_1'));
		loc.address2 = optional(v('address_2'));
		loc.city = optional(v('city'));
		loc.region = optional(v('state_province') || v('region'));
		loc.postalCode = optional(v('postal_code'));
		if (v('country')) loc.country = v('country').toUpperCase().slice(0, 2);
	}

	const serviceRef = (v: (c: string) => string, bad: (c: string, k: string, p?: Record<string, string | number>) => void, required = true): string | null | false => {
		const id = v('service_id');
		if (!id) {
			if (required) bad('service_id', 'exchange_err_required');
			return required ? false : null;
		}
		if (!serviceKeys.has(id)) {
			bad('service_id', 'exchange_err_missing_ref', { id, file: 'services' });
			return false;
		}
		return id;
	};
	const locationRef = (v: (c: string) => string, bad: (c: string, k: string, p?: Record<string, string | number>) => void): string | null | false => {
		const id = v('location_id');
		if (!id) return null;
		if (!locationKeys.has(id)) {
			bad('location_id', 'exchange_err_missing_ref', { id, file: 'locations' });
			return false;
		}
		return id;
	};

	// Links between services and locations
	const pairs = new Set<string>();
	const link = (serviceKey: string, locationKey: string, description: LocalText) => {
		const k = `${serviceKey}\u0000${locationKey}`;
		if (pairs.has(k)) return;
		pairs.add(k);
		plan.serviceAtLocations.push({ serviceKey, locationKey, description });
	};
	for (const t of byTable.get('services') ?? []) {
		for (const r of t.rows) {
			const key = unneutralise(r.cells.id ?? '');
			if (!serviceKeys.has(key)) continue;
			for (const id of unneutralise(r.cells.location_ids ?? '').split(/[\s,;]+/).filter(Boolean)) {
				if (!locationKeys.has(id)) fail(t.source, r.line, 'location_ids', 'exchange_err_missing_ref', { id, file: 'locations' });
				else link(key, id, {});
			}
		}
	}
	for await (const { v, text, bad } of rowsOf('service_at_locations')) {
		const s = serviceRef(v, bad);
		const l = locationRef(v, bad);
		if (l === null) bad('location_id', 'exchange_err_required');
		if (s && l) link(s, l, text('description'));
	}

	// Opening hours
	for await (const { v, text, bad } of rowsOf('schedules')) {
		const s = serviceRef(v, bad);
		const l = locationRef(v, bad);
		const freq = v('freq').toUpperCase();
		const from = v('valid_from');
		const to = v('valid_to');
		if (from && !isDate(from)) bad('valid_from', 'exchange_err_invalid', { value: from });
		if (to && !isDate(to)) bad('valid_to', 'exchange_err_invalid', { value: to });
		const opens = v('opens_at') ? time(v('opens_at')) : null;
		const closes = v('closes_at') ? time(v('closes_at')) : null;
		if (v('opens_at') && !opens) bad('opens_at', 'exchange_err_invalid', { value: v('opens_at') });
		if (v('closes_at') && !closes) bad('closes_at', 'exchange_err_invalid', { value: v('closes_at') });
		const closed = bool(v('closed'));
		if (closed === undefined) bad('closed', 'exchange_err_invalid', { value: v('closed') });
		if (s === false || l === false) continue;
		const base = { serviceKey: s as string, locationKey: l, opensAt: opens, closesAt: closes, validFrom: optional(from), validTo: optional(to), description: text('description') };
		if (freq === 'WEEKLY') {
			const days = v('byday').toUpperCase().split(/[\s,;]+/).filter(Boolean);
			if (days.length === 0) bad('byday', 'exchange_err_required');
			for (const d of days) if (!BYDAY.includes(d)) bad('byday', 'exchange_err_invalid', { value: d });
			if (!opens) bad('opens_at', 'exchange_err_required');
			if (!closes) bad('closes_at', 'exchange_err_required');
			for (const d of days) {
				if (BYDAY.includes(d)) plan.schedules.push({ ...base, kind: 'weekly', weekday: BYDAY.indexOf(d) + 1, closed: false });
			}
		} else if (freq === '') {
			if (!from) bad('valid_from', 'exchange_err_required');
			plan.schedules.push({ ...base, kind: 'exception', weekday: null, closed: closed ?? !opens });
		} else {
			bad('freq', 'exchange_err_invalid', { value: v('freq') });
		}
	}

	for await (const { v, text, bad } of rowsOf('phones')) {
		const s = serviceRef(v, bad, false);
		const l = locationRef(v, bad);
		const number = v('number');
		if (!number) bad('number', 'exchange_err_required');
		else if (!/^[+\d][\d\s().\-/]{2,39}$/.test(number)) bad('number', 'exchange_err_invalid', { value: number });
		const type = (v('type') || 'voice').toLowerCase();
		if (!PHONE_TYPES.includes(type)) bad('type', 'exchange_err_invalid', { value: v('type') });
		if (s === null && l === null) bad('service_id', 'exchange_err_required');
		if (s === false || l === false || !number) continue;
		const languages = codes(v('languages'));
		for (const c of languages) if (!/^[a-z]{2,3}$/.test(c)) bad('languages', 'exchange_err_unknown_code', { code: c });
		plan.phones.push({ serviceKey: s, locationKey: l, number, type, description: text('description'), languages });
	}
	for await (const { v, bad } of rowsOf('contacts')) {
		const s = serviceRef(v, bad);
		const email = v('email');
		if (email && !isEmail(email)) bad('email', 'exchange_err_invalid', { value: email });
		if (s) plan.contacts.push({ serviceKey: s, name: optional(v('name')), title: optional(v('title')), department: optional(v('department')), email: optional(email), phone: optional(v('phone')) });
	}
	for await (const { v, text, bad } of rowsOf('cost_options')) {
		const s = serviceRef(v, bad);
		const amount = v('amount').replace(',', '.');
		let cents: number | null = null;
		if (amount) {
			if (!/^\d{1,9}(\.\d{1,2})?$/.test(amount)) bad('amount', 'exchange_err_invalid', { value: v('amount') });
			else cents = Math.round(Number(amount) * 100);
		}
		const currency = (v('currency') || 'EUR').toUpperCase();
		if (!/^[A-Z]{3}$/.test(currency)) bad('currency', 'exchange_err_invalid', { value: v('currency') });
		for (const c of ['valid_from', 'valid_to']) if (v(c) && !isDate(v(c))) bad(c, 'exchange_err_invalid', { value: v(c) });
		if (s) plan.costOptions.push({ serviceKey: s, option: text('option'), amountCents: cents, currency, amountDescription: text('amount_description'), validFrom: optional(v('valid_from')), validTo: optional(v('valid_to')) });
	}
	for await (const { v, text, bad } of rowsOf('required_documents')) {
		const s = serviceRef(v, bad);
		const document = text('document');
		if (empty(document)) bad('document', 'exchange_err_required');
		const uri = v('uri');
		if (uri && !isUrl(uri)) bad('uri', 'exchange_err_invalid', { value: uri });
		if (s && !empty(document)) plan.requiredDocuments.push({ serviceKey: s, document, uri: optional(uri) });
	}
	// Areas: a name (or slug) of one of the city's neighbourhoods is that neighbourhood, so
	// search by neighbourhood and the ecosystem map find the service; any other name is a wider area.
	// An area the same service already lists (the same neighbourhood, or the same name) is read once.
	const areaTables = byTable.get('service_areas') ?? [];
	const nbByKey = new Map<string, string>();
	if (areaTables.some((t) => t.rows.length)) {
		const all = await db.select({ id: neighbourhoods.id, slug: neighbourhoods.slug, name: neighbourhoods.name }).from(neighbourhoods);
		// Names are set last, so a name wins over another neighbourhood's slug that reads the same.
		for (const n of all) nbByKey.set(areaKey(n.slug), n.id);
		for (const n of all) nbByKey.set(areaKey(n.name), n.id);
	}
	const areasSeen = new Set<string>();
	for await (const { v, text, bad } of rowsOf('service_areas')) {
		const s = serviceRef(v, bad);
		if (!s) continue;
		const name = optional(v('name').trim());
		const neighbourhoodId = name === null ? null : (nbByKey.get(areaKey(name)) ?? null);
		const seen = `${s}\u0000${neighbourhoodId ?? `name:${name === null ? '' : areaKey(name)}`}`;
		if (name !== null && areasSeen.has(seen)) continue;
		areasSeen.add(seen);
		plan.serviceAreas.push({ serviceKey: s, neighbourhoodId, name: neighbourhoodId ? null : name, description: text('description') });
	}

	// Which ids name records of this organisation already (update) and which are new.
	const serviceUuids = plan.services.map((s) => s.key).filter(isUuid).map((x) => x.toLowerCase());
	const locationUuids = plan.locations.map((l) => l.key).filter(isUuid).map((x) => x.toLowerCase());
	const ownServices = new Set(
		serviceUuids.length
			? (await db.select({ id: services.id }).from(services).where(and(eq(services.organisationId, organisationId), inArray(services.id, serviceUuids)))).map((r) => r.id)
			: []
	);
	const ownLocations = new Set(
		locationUuids.length
			? (await db.select({ id: locations.id }).from(locations).where(and(eq(locations.organisationId, organisationId), inArray(locations.id, locationUuids)))).map((r) => r.id)
			: []
	);
	for (const s of plan.services) if (ownServices.has(s.key.toLowerCase())) s.existingId = s.key.toLowerCase();
	for (const l of plan.locations) if (ownLocations.has(l.key.toLowerCase())) l.existingId = l.key.toLowerCase();

	return {
		plan,
		counts: {
			servicesNew: plan.services.filter((s) => !s.existingId).length,
			servicesUpdated: plan.services.filter((s) => s.existingId).length,
			locationsNew: plan.locations.filter((l) => !l.existingId).length,
			locationsUpdated: plan.locations.filter((l) => l.existingId).length,
			rows: tables.reduce((n, t) => n + t.rows.length, 0)
		},
		errors,
		errorCount
	};
}

