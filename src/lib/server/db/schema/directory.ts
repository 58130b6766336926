/**
 * The service directory, after Open Referral HSDS 3.0
 * (organization → our `organisations`, service, location, service_at_location,
 * schedule, phone, contact, cost_option, required_document, service_area,
 * accessibility, language, taxonomy, taxonomy_term, attribute).
 *
 * Differences from HSDS, on purpose (docs/decisions/014-directory-model.md):
 * - Text a newcomer reads (name, description, eligibility, application
 *   process, fees, transport…) is `jsonb` holding one string per locale
 *   (see src/lib/directory/text.ts), not one row per language.
 * - A service's needs and features (HSDS `attribute` rows pointing at terms
 *   of our two taxonomies) are kept as arrays of term codes on the service,
 *   GIN-indexed, because every search filters on them; the HSDS API renders
 *   them as attribute objects with ids derived from (service, term).
 * - A service's spoken languages (HSDS `language`) are an array of ISO 639-1
 *   codes on the service, likewise.
 * - `search_vector` and `search_names` are generated columns, so whatever
 *   writes a service (workspace, import, demo seed) keeps search current.
 */
import { sql } from 'drizzle-orm';
import {
	boolean,
	customType,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type { LocalText } from '../../../directory/text.ts';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';
import { neighbourhoods } from './places.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const localText = (name: string) => jsonb(name).$type<LocalText>();

export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const taxonomies = pgTable(
	'taxonomies',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Stable code, e.g. convive-needs. */
		code: text('code').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		uri: text('uri'),
		version: text('version')
	},
	(t) => [uniqueIndex('taxonomies_code_key').on(t.code)]
);

export const taxonomyTerms = pgTable(
	'taxonomy_terms',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		taxonomyId: uuid('taxonomy_id')
			.notNull()
			.references(() => taxonomies.id, { onDelete: 'cascade' }),
		parentId: uuid('parent_id'),
		code: text('code').notNull(),
		name: localText('name').notNull(),
		description: localText('description').notNull().default({}),
		icon: text('icon'),
		position: integer('position').notNull().default(0)
	},
	(t) => [uniqueIndex('taxonomy_terms_code_key').on(t.taxonomyId, t.code)]
);

/** Per-locale search text of the four fields a newcomer searches. */
const searchVectorSql = sql.raw(
	[
		['english', 'en'],
		['italian', 'it'],
		['spanish', 'es'],
		['french', 'fr'],
		['german', 'de'],
		['simple', 'pl'],
		['greek', 'el'],
		['romanian', 'ro'],
		['simple', 'uk'],
		['arabic', 'ar'],
		['simple', 'fa'],
		['simple', 'ti']
	]
		.map(
			([cfg, l]) =>
				`setweight(to_tsvector('${cfg}'::regconfig, coalesce(name->>'${l}', '') || ' ' || coalesce(alternate_name->>'${l}', '')), 'A') || ` +
				`setweight(to_tsvector('${cfg}'::regconfig, coalesce(description->>'${l}', '')), 'B')`
		)
		.join(' || ')
);

const searchNamesSql = sql.raw(
	`lower(${['en', 'it', 'es', 'fr', 'de', 'pl', 'el', 'ro', 'uk', 'ar', 'fa', 'ti']
		.map((l) => `coalesce(name->>'${l}', '')`)
		.join(` || ' ' || `)})`
);

export const services = pgTable(
	'services',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		name: localText('name').notNull(),
		alternateName: localText('alternate_name').notNull().default({}),
		description: localText('description').notNull().default({}),
		/** Who it is for. */
		eligibility: localText('eligibility').notNull().default({}),
		/** How to get it: walk in, call, book online… */
		applicationProcess: localText('application_process').notNull().default({}),
		feesDescription: localText('fees_description').notNull().default({}),
		url: text('url'),
		email: text('email'),
		status: text('status', { enum: serviceStatuses }).notNull().default('active'),
		/** Term codes of the needs taxonomy. */
		needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
		/** Term codes of the features taxonomy (free, anonymous, …). */
		features: text('features').array().notNull().default(sql`'{}'::text[]`),
		/** ISO 639-1 codes of the languages its staff speak. */
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
		/** Minimum and maximum age served, when it matters (children's services). */
		minimumAge: smallint('minimum_age'),
		maximumAge: smallint('maximum_age'),
		/** When someone last confirmed the record is right (HSDS last_modified is updatedAt). */
		lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }).notNull().defaultNow(),
		lastVerifiedBy: uuid('last_verified_by').references(() => users.id, { onDelete: 'set null' }),
		/** Freshness reminders already sent for the current verification (6 and 9 months). */
		reminder6SentAt: timestamp('reminder_6_sent_at', { withTimezone: true }),
		reminder9SentAt: timestamp('reminder_9_sent_at', { withTimezone: true }),
		/** Optimistic concurrency: an edit form carries the version it was based on. */
		version: integer('version').notNull().default(1),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		searchVector: tsvector('search_vector').generatedAlwaysAs(searchVectorSql),
		searchNames: text('search_names').generatedAlwaysAs(searchNamesSql)
	},
	(t) => [
		index('services_organisation_idx').on(t.organisationId),
		index('services_needs_idx').using('gin', t.needs),
		index('services_features_idx').using('gin', t.features),
		index('services_languages_idx').using('gin', t.languages),
		index('services_search_idx').using('gin', t.searchVector),
		index('services_names_trgm_idx').using('gin', sql`${t.searchNames} gin_trgm_ops`),
		index('services_verified_idx').on(t.lastVerifiedAt)
	]
);

export const locationTypes = ['physical', 'postal', 'virtual'] as const;

export const locations = pgTable(
	'locations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		locationType: text('location_type', { enum: locationTypes }).notNull().default('physical'),
		name: localText('name').notNull().default({}),
		description: localText('description').notNull().default({}),
		/** Directions in words: "Tram 4 to Piazza Nuova, the blue door left of the pharmacy". */
		transportation: localText('transportation').notNull().default({}),
		address1: text('address_1'),
		address2: text('address_2'),
		city: text('city'),
		postalCode: text('postal_code'),
		region: text('region'),
		country: text('country').notNull().default('IT'),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'set null' }),
		wheelchairAccessible: boolean('wheelchair_accessible'),
		/** HSDS accessibility: free text per locale ("lift at the back entrance"). */
		accessibility: localText('accessibility').notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('locations_organisation_idx').on(t.organisationId),
		index('locations_neighbourhood_idx').on(t.neighbourhoodId),
		index('locations_earth_idx').using('gist', sql`ll_to_earth(${t.latitude}, ${t.longitude})`)
	]
);

export const serviceAtLocations = pgTable(
	'service_at_locations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		locationId: uuid('location_id')
			.notNull()
			.references(() => locations.id, { onDelete: 'cascade' }),
		description: localText('description').notNull().default({})
	},
	(t) => [
		uniqueIndex('service_at_locations_key').on(t.serviceId, t.locationId),
		index('service_at_locations_location_idx').on(t.locationId)
	]
);

/**
 * Opening hours. A `weekly` row says a service (optionally at one location)
 * is open on `weekday` (1 = Monday … 7 = Sunday, ISO) from `opensAt` to
 * `closesAt`, local time in the city's zone, between validFrom and validTo
 * when given. An `exception` row covers the dates validFrom..validTo
 * (holidays, a closed week): closed when `closed`, else open only at the
 * hours given. Rendered as HSDS schedule (freq WEEKLY, byday MO…).
 */
export const scheduleKinds = ['weekly', 'exception'] as const;

export const schedules = pgTable(
	'schedules',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		/** Hours at one location only; null means the service's hours everywhere. */
		locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: scheduleKinds }).notNull().default('weekly'),
		weekday: smallint('weekday'),
		/** 'HH:MM', 24 h, city time. */
		opensAt: text('opens_at'),
		closesAt: text('closes_at'),
		validFrom: date('valid_from'),
		validTo: date('valid_to'),
		closed: boolean('closed').notNull().default(false),
		description: localText('description').notNull().default({})
	},
	(t) => [index('schedules_service_idx').on(t.serviceId)]
);

export const phones = pgTable(
	'phones',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id').references(() => services.id, { onDelete: 'cascade' }),
		locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
		number: text('number').notNull(),
		/** HSDS phone type: voice, text, fax, cell, video, pager, textphone. */
		type: text('type').notNull().default('voice'),
		description: localText('description').notNull().default({}),
		languages: text('languages').array().notNull().default(sql`'{}'::text[]`)
	},
	(t) => [index('phones_service_idx').on(t.serviceId), index('phones_location_idx').on(t.locationId)]
);

export const contacts = pgTable(
	'contacts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		name: text('name'),
		title: text('title'),
		department: text('department'),
		email: text('email'),
		phone: text('phone')
	},
	(t) => [index('contacts_service_idx').on(t.serviceId)]
);

export const costOptions = pgTable(
	'cost_options',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		/** What the price is for ("per lesson"). */
		option: localText('option').notNull().default({}),
		/** Integer cents. */
		amountCents: integer('amount_cents'),
		currency: text('currency').notNull().default('EUR'),
		amountDescription: localText('amount_description').notNull().default({}),
		validFrom: date('valid_from'),
		validTo: date('valid_to')
	},
	(t) => [index('cost_options_service_idx').on(t.serviceId)]
);

export const requiredDocuments = pgTable(
	'required_documents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		document: localText('document').notNull(),
		uri: text('uri')
	},
	(t) => [index('required_documents_service_idx').on(t.serviceId)]
);

export const serviceAreas = pgTable(
	'service_areas',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		/** A neighbourhood served; null with a name means a wider area ("the whole city"). */
		neighbourhoodId: uuid('neighbourhood_id').references(() => neighbourhoods.id, { onDelete: 'cascade' }),
		name: text('name'),
		description: localText('description').notNull().default({})
	},
	(t) => [
		index('service_areas_service_idx').on(t.serviceId),
		index('service_areas_neighbourhood_idx').on(t.neighbourhoodId)
	]
);

/**
 * Every change to a directory record, kept as a snapshot after the change.
 * The audit log says who did what; this says what the record looked like.
 */
export const directoryHistory = pgTable(
	'directory_history',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** service | location | organisation */
		entity: text('entity').notNull(),
		entityId: uuid('entity_id').notNull(),
		/** The organisation it belongs to, so a history can be shown per organisation. */
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
		/** created | updated | verified | deleted | imported */
		change: text('change').notNull(),
		snapshot: jsonb('snapshot').notNull(),
		changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('directory_history_entity_idx').on(t.entity, t.entityId, t.changedAt)]
);
