/**
 * An organisation's directory records as HSDS tabular files (a zip of CSV
 * files) or as one spreadsheet, in the same columns the importer reads
 * (import/tables.ts), so an export imports again unchanged. Every cell is
 * neutralised against formula injection (spreadsheet.ts).
 */
import { asc, eq } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import type { Db } from '../db/index.ts';
import { services } from '../db/schema/index.ts';
import type { LocalText } from '../../directory/text.ts';
import { csvLine, neutraliseCell } from './spreadsheet.ts';
import { loadServices, type ServiceRecord } from './records.ts';
import { BASE_LOCALE, columns, fileForTable, localized, otherLocales, tableNames, type TableName } from './import/tables.ts';

type Row = Record<string, string | LocalText | null | undefined>;
export type Tables = Record<TableName, { header: string[]; rows: string[][] }>;

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const str = (x: unknown): string => (x === null || x === undefined ? '' : x instanceof Date ? x.toISOString() : String(x));
const day = (x: string | Date | null): string => (x === null ? '' : typeof x === 'string' ? x.slice(0, 10) : x.toISOString().slice(0, 10));

/** All records of one organisation (public or not: its members and city staff export them). */
export async function organisationRecords(db: Db, organisationId: string): Promise<ServiceRecord[]> {
	const ids = (await db.select({ id: services.id }).from(services).where(eq(services.organisationId, organisationId)).orderBy(asc(services.createdAt), asc(services.id))).map(
		(r) => r.id
	);
	return loadServices(db, ids);
}

/** Rows per table, text columns spread over `col`, `col_it`, `col_ar`… for the locales that have text. */
export function toTables(records: ServiceRecord[]): Tables {
	const raw: Record<TableName, Row[]> = Object.fromEntries(tableNames.map((t) => [t, []])) as never;
	const seenLocations = new Set<string>();
	for (const r of records) {
		const s = r.service;
		raw.services.push({
			id: s.id,
			organization_id: s.organisationId,
			name: s.name,
			alternate_name: s.alternateName,
			description: s.description,
			url: s.url,
			email: s.email,
			status: s.status,
			application_process: s.applicationProcess,
			fees_description: s.feesDescription,
			eligibility_description: s.eligibility,
			minimum_age: str(s.minimumAge),
			maximum_age: str(s.maximumAge),
			needs: s.needs.join(' '),
			features: s.features.join(' '),
			languages: s.languages.join(' '),
			location_ids: '',
			assured_date: day(s.lastVerifiedAt),
			last_modified: str(s.updatedAt)
		});
		for (const at of r.atLocations) {
			const l = at.location;
			raw.service_at_locations.push({ id: at.id, service_id: s.id, location_id: l.id, description: at.description });
			if (seenLocations.has(l.id)) continue;
			seenLocations.add(l.id);
			raw.locations.push({
				id: l.id,
				organization_id: l.organisationId,
				location_type: l.locationType,
				name: l.name,
				description: l.description,
				transportation: l.transportation,
				latitude: str(l.latitude),
				longitude: str(l.longitude),
				address_1: l.address1,
				address_2: l.address2,
				city: l.city,
				state_province: l.region,
				postal_code: l.postalCode,
				country: l.country,
				wheelchair_accessible: l.wheelchairAccessible === null ? '' : String(l.wheelchairAccessible),
				accessibility: l.accessibility
			});
			if (l.address1) {
				raw.addresses.push({
					id: '',
					location_id: l.id,
					address_1: l.address1,
					address_2: l.address2,
					city: l.city,
					state_province: l.region,
					postal_code: l.postalCode,
					country: l.country,
					address_type: l.locationType
				});
			}
			for (const p of l.phones) {
				raw.phones.push({ id: p.id, service_id: '', location_id: l.id, number: p.number, type: p.type, description: p.description, languages: p.languages.join(' ') });
			}
		}
		for (const h of r.schedules) {
			raw.schedules.push({
				id: h.id,
				service_id: s.id,
				location_id: h.locationId,
				freq: h.kind === 'weekly' ? 'WEEKLY' : '',
				wkst: h.kind === 'weekly' ? 'MO' : '',
				byday: h.kind === 'weekly' && h.weekday ? BYDAY[h.weekday - 1] : '',
				opens_at: h.opensAt,
				closes_at: h.closesAt,
				valid_from: h.validFrom,
				valid_to: h.validTo,
				closed: h.kind === 'exception' ? String(h.closed) : '',
				description: h.description
			});
		}
		for (const p of r.phones) {
			raw.phones.push({ id: p.id, service_id: s.id, location_id: p.locationId, number: p.number, type: p.type, description: p.description, languages: p.languages.join(' ') });
		}
		for (const c of r.contacts) raw.contacts.push({ id: c.id, service_id: s.id, name: c.name, title: c.title, department: c.department, email: c.email, phone: c.phone });
		for (const c of r.costOptions) {
			raw.cost_options.push({
				id: c.id,
				service_id: s.id,
				option: c.option,
				amount: c.amountCents === null ? '' : (c.amountCents / 100).toFixed(2),
				currency: c.currency,
				amount_description: c.amountDescription,
				valid_from: c.validFrom,
				valid_to: c.validTo
			});
		}
		for (const d of r.requiredDocuments) raw.required_documents.push({ id: d.id, service_id: s.id, document: d.document, uri: d.uri });
		// A neighbourhood area is written as the neighbourhood's name, which the import reads back as that neighbourhood.
		for (const a of r.serviceAreas) raw.service_areas.push({ id: a.id, service_id: s.id, name: a.neighbourhoodName ?? a.name, description: a.description });
	}

	const out = {} as Tables;
	for (const t of tableNames) {
		const texts = localized[t] ?? [];
		// A locale column only when some row has text in it.
		const extra: string[] = [];
		for (const col of texts) {
			for (const l of otherLocales) if (raw[t].some((row) => (row[col] as LocalText | undefined)?.[l])) extra.push(`${col}_${l}`);
		}
		const header = [...columns[t], ...extra];
		const rows = raw[t].map((row) =>
			header.map((h) => {
				const m = /^(.+)_([a-z]{2})$/.exec(h);
				if (m && texts.includes(m[1]) && !columns[t].includes(h)) return (row[m[1]] as LocalText | undefined)?.[m[2] as keyof LocalText] ?? '';
				const v = row[h];
				if (v && typeof v === 'object') return (v as LocalText)[BASE_LOCALE] ?? '';
				return str(v);
			})
		);
		out[t] = { header, rows };
	}
	return out;
}

/** The zip of CSV files (UTF-8, CRLF line ends as RFC 4180 says). */
export function tablesToZip(tables: Tables): Uint8Array {
	const files: Record<string, Uint8Array> = {};
	for (const t of tableNames) {
		const { header, rows } = tables[t];
		files[fileForTable(t)] = strToU8([header, ...rows].map(csvLine).join('\r\n') + '\r\n');
	}
	return zipSync(files, { level: 6 });
}

const sheetName: Partial<Record<TableName, string>> = { services: 'Services', locations: 'Locations', schedules: 'Hours' };

/** One sheet per table (Services, Locations, Hours first), every cell text. */
export async function tablesToXlsx(tables: Tables): Promise<Buffer> {
	const order: TableName[] = ['services', 'locations', 'schedules', ...tableNames.filter((t) => !['services', 'locations', 'schedules', 'addresses'].includes(t))];
	const sheets = order.map((t) => ({
		sheet: sheetName[t] ?? t,
		data: [tables[t].header.map((h) => ({ value: h, fontWeight: 'bold' as const })), ...tables[t].rows.map((r) => r.map((c) => (c === '' ? null : { value: neutraliseCell(c), type: String })))],
		stickyRowsCount: 1
	}));
	return writeXlsxFile(sheets as never).toBuffer();
}
