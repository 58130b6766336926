/**
 * The tables an import reads and an export writes: the HSDS 3.0 tabular
 * files (services.csv, locations.csv, …) with their HSDS column names, plus
 * a few Convive columns, documented in docs/directory-import.md:
 *
 * - Text a newcomer reads is per locale. The HSDS column (`name`) holds the
 *   English text; `name_it`, `name_ar`, … (column + `_` + locale code) hold
 *   the other locales. Every locale of src/lib/directory/text.ts is accepted.
 * - services.csv: `needs`, `features` (term codes of our two taxonomies) and
 *   `languages` (ISO 639-1 codes of the languages staff speak), separated by
 *   spaces, commas or semicolons; `location_ids` links a service to
 *   locations without a service_at_location file (handy in the spreadsheet).
 * - locations.csv may carry the address (address_1, city, postal_code, …)
 *   directly; addresses.csv is read too.
 * - schedules.csv: a row with `freq` WEEKLY and `byday` (MO…SU, several
 *   separated by commas) is weekly opening hours; a row without `freq` is an
 *   exception for the dates valid_from…valid_to, closed when `closed` is
 *   true, else open only at opens_at…closes_at.
 * - service_areas.csv: a `name` that is one of the city's neighbourhoods (its
 *   name or slug, case and spaces ignored) is stored as that neighbourhood;
 *   any other name is a wider area. The export writes a neighbourhood area as
 *   the neighbourhood's name, so it comes back the same.
 * - `organization_id` columns are ignored: what is imported always belongs
 *   to the organisation it is imported into.
 */
import { directoryLocales } from '../../../directory/text.ts';

export const tableNames = [
	'services',
	'locations',
	'addresses',
	'service_at_locations',
	'schedules',
	'phones',
	'contacts',
	'cost_options',
	'required_documents',
	'service_areas'
] as const;
export type TableName = (typeof tableNames)[number];

/** Columns we read and write, in export order. */
export const columns: Record<TableName, string[]> = {
	services: [
		'id', 'organization_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status',
		'application_process', 'fees_description', 'eligibility_description', 'minimum_age', 'maximum_age',
		'needs', 'features', 'languages', 'location_ids', 'assured_date', 'last_modified'
	],
	locations: [
		'id', 'organization_id', 'location_type', 'name', 'description', 'transportation', 'latitude', 'longitude',
		'address_1', 'address_2', 'city', 'state_province', 'postal_code', 'country', 'wheelchair_accessible', 'accessibility'
	],
	addresses: ['id', 'location_id', 'address_1', 'address_2', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
	service_at_locations: ['id', 'service_id', 'location_id', 'description'],
	schedules: ['id', 'service_id', 'location_id', 'freq', 'wkst', 'byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to', 'closed', 'description'],
	phones: ['id', 'service_id', 'location_id', 'number', 'type', 'description', 'languages'],
	contacts: ['id', 'service_id', 'name', 'title', 'department', 'email', 'phone'],
	cost_options: ['id', 'service_id', 'option', 'amount', 'currency', 'amount_description', 'valid_from', 'valid_to'],
	required_documents: ['id', 'service_id', 'document', 'uri'],
	service_areas: ['id', 'service_id', 'name', 'description']
};

/** Other HSDS columns of the same files: accepted, not stored. */
const hsdsOnly: Record<TableName, string[]> = {
	services: ['program_id', 'interpretation_services', 'wait_time', 'fees', 'accreditations', 'assurer_email', 'licenses', 'alert'],
	locations: ['url', 'alternate_name', 'external_identifier', 'external_identifier_type', 'region'],
	addresses: ['attention', 'region'],
	service_at_locations: [],
	schedules: ['service_at_location_id', 'dtstart', 'timezone', 'until', 'count', 'interval', 'byweekno', 'bymonthday', 'byyearday', 'schedule_link', 'attending_type', 'notes'],
	phones: ['organization_id', 'contact_id', 'service_at_location_id', 'extension'],
	contacts: ['organization_id', 'service_at_location_id', 'location_id'],
	cost_options: [],
	required_documents: [],
	service_areas: ['extent', 'extent_type', 'uri']
};

/** Columns that must be there for a file to be read at all. */
export const requiredColumns: Record<TableName, string[]> = {
	services: ['id', 'name'],
	locations: ['id'],
	addresses: ['location_id', 'address_1'],
	service_at_locations: ['service_id', 'location_id'],
	schedules: ['service_id'],
	phones: ['number'],
	contacts: ['service_id'],
	cost_options: ['service_id'],
	required_documents: ['service_id', 'document'],
	service_areas: ['service_id']
};

/** Text columns stored per locale. */
export const localized: Partial<Record<TableName, string[]>> = {
	services: ['name', 'alternate_name', 'description', 'application_process', 'fees_description', 'eligibility_description'],
	locations: ['name', 'description', 'transportation', 'accessibility'],
	service_at_locations: ['description'],
	schedules: ['description'],
	phones: ['description'],
	cost_options: ['option', 'amount_description'],
	required_documents: ['document'],
	service_areas: ['description']
};

/** The locale of the unsuffixed column. */
export const BASE_LOCALE = 'en';
export const otherLocales = directoryLocales.filter((l) => l !== BASE_LOCALE);

export function knownColumn(table: TableName, col: string): boolean {
	if (columns[table].includes(col) || hsdsOnly[table].includes(col)) return true;
	const m = /^(.+)_([a-z]{2})$/.exec(col);
	return !!m && (localized[table] ?? []).includes(m[1]) && (otherLocales as string[]).includes(m[2]);
}

/** File names (HSDS tabular paths, and the plural our export used to write) → table. */
export function tableForFile(name: string): TableName | null {
	const base = name.split('/').pop()!.toLowerCase();
	if (base === 'service_at_location.csv') return 'service_at_locations';
	const t = base.replace(/\.csv$/, '');
	return (tableNames as readonly string[]).includes(t) && base.endsWith('.csv') ? (t as TableName) : null;
}

/** Sheet names of the spreadsheet template → table. */
export const sheetTables: Record<string, TableName> = {
	services: 'services',
	locations: 'locations',
	hours: 'schedules',
	schedules: 'schedules',
	service_at_locations: 'service_at_locations',
	phones: 'phones',
	contacts: 'contacts',
	cost_options: 'cost_options',
	required_documents: 'required_documents',
	service_areas: 'service_areas',
	addresses: 'addresses'
};

/** The file name a table is written to (HSDS tabular paths). */
export function fileForTable(t: TableName): string {
	return t === 'service_at_locations' ? 'service_at_location.csv' : `${t}.csv`;
}
