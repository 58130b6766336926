/**
 * The shapes of the directory's workspace forms (services, their hours,
 * phones, documents, costs, contacts and areas served; locations), shared by routes and tests.
 *
 * Text a newcomer reads comes as one set of fields per locale the editor
 * chose to fill: `name_en`, `description_en`, `name_ar`, … Empty fields are
 * dropped, so a locale with nothing written is simply not stored.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { serviceStatuses } from '../db/schema/index.ts';
import { featureCodes, needCodes, spokenLanguages } from '../../directory/taxonomy.ts';
import { directoryLocales, type DirectoryLocale, type LocalText } from '../../directory/text.ts';

export const serviceTextFields = ['name', 'description', 'eligibility', 'applicationProcess', 'feesDescription'] as const;
export type ServiceTextField = (typeof serviceTextFields)[number];
export const locationTextFields = ['name', 'transportation', 'accessibility'] as const;
export type LocationTextField = (typeof locationTextFields)[number];

/** Longest text per field (names are short; descriptions may be long). */
const textMax: Record<string, number> = { name: 200, description: 4000 };

const localeList = z
	.array(z.enum(directoryLocales, { error: 'field_invalid_choice' }))
	.max(directoryLocales.length)
	.optional()
	.transform((l) => [...new Set(l ?? [])]);

/** `{ name_en: …, name_it: …, description_en: … }` for every locale and field: all optional. */
function localeShape(names: readonly string[]) {
	const shape: Record<string, z.ZodType> = {};
	for (const f of names) for (const l of directoryLocales) shape[`${f}_${l}`] = fields.optionalText(textMax[f] ?? 2000);
	return shape;
}

/** Collects `${field}_${locale}` values into a LocalText, dropping empty ones. */
export function collectText(values: Record<string, unknown>, field: string): LocalText {
	const out: LocalText = {};
	for (const l of directoryLocales) {
		const v = values[`${field}_${l}`];
		if (typeof v === 'string' && v !== '') out[l] = v;
	}
	return out;
}

/** The locales that have any text in these fields, in the directory's order. */
export function localesWithText(texts: LocalText[]): DirectoryLocale[] {
	return directoryLocales.filter((l) => texts.some((t) => typeof t[l] === 'string' && t[l] !== ''));
}

const codes = (known: readonly string[]) =>
	z
		.array(z.string())
		.optional()
		.transform((a) => [...new Set(a ?? [])])
		.refine((a) => a.every((c) => known.includes(c)), { error: 'field_invalid_choice' });

const optionalInt = (min: number, max: number) =>
	fields.blankOrNull(
		z
			.string()
			.regex(/^-?\d{1,6}$/, { error: 'directory_number_invalid' })
			.transform(Number)
			.pipe(z.number().min(min, { error: 'directory_number_range' }).max(max, { error: 'directory_number_range' }))
	);

const optionalNumber = (min: number, max: number, error: string) =>
	fields.blankOrNull(
		z
			.string()
			.transform((s) => s.replace(',', '.'))
			.pipe(
				z
					.string()
					.regex(/^-?\d{1,7}(\.\d{1,12})?$/, { error })
					.transform(Number)
					.pipe(z.number().min(min, { error }).max(max, { error }))
			)
	);

export const webAddress = fields.optionalWebAddress(500, 'directory_url_invalid');

const optionalUuid = fields.blankOrNull(z.uuid({ error: 'field_invalid_choice' }));

const version = z.coerce.number({ error: 'directory_conflict' }).int().min(1);

/** Fields that are arrays (checkbox groups) in the service form, for readForm's `multi`. */
export const serviceMulti = ['locales', 'needs', 'features', 'languages', 'locationIds'];
export const locationMulti = ['locales'];

/** The "also write in" picker is part of the form; a plain save sends it too and it is ignored. */
const addLocalePicker = z.string().max(10).optional();

const serviceBase = {
	locales: localeList,
	addLocale: addLocalePicker,
	...localeShape(serviceTextFields),
	url: webAddress,
	email: fields.optionalEmail(),
	status: z.enum(serviceStatuses, { error: 'field_invalid_choice' }),
	needs: codes(needCodes),
	features: codes(featureCodes),
	languages: codes(Object.keys(spokenLanguages)),
	minimumAge: optionalInt(0, 120),
	maximumAge: optionalInt(0, 120),
	locationIds: z.array(z.uuid({ error: 'field_invalid_choice' })).max(500).optional().transform((a) => [...new Set(a ?? [])])
};

export interface ServiceInput {
	name: LocalText;
	description: LocalText;
	eligibility: LocalText;
	applicationProcess: LocalText;
	feesDescription: LocalText;
	url: string | null;
	email: string | null;
	status: (typeof serviceStatuses)[number];
	needs: string[];
	features: string[];
	languages: string[];
	minimumAge: number | null;
	maximumAge: number | null;
	locationIds: string[];
}

function toServiceInput(v: Record<string, unknown>): ServiceInput {
	return {
		name: collectText(v, 'name'),
		description: collectText(v, 'description'),
		eligibility: collectText(v, 'eligibility'),
		applicationProcess: collectText(v, 'applicationProcess'),
		feesDescription: collectText(v, 'feesDescription'),
		url: (v.url as string) || null,
		email: (v.email as string) || null,
		status: v.status as ServiceInput['status'],
		needs: v.needs as string[],
		features: v.features as string[],
		languages: v.languages as string[],
		minimumAge: v.minimumAge as number | null,
		maximumAge: v.maximumAge as number | null,
		locationIds: v.locationIds as string[]
	};
}

function checkService(v: Record<string, unknown>, ctx: z.RefinementCtx) {
	const names = collectText(v, 'name');
	if (Object.keys(names).length === 0) {
		const first = ((v.locales as string[]) ?? [])[0] ?? 'en';
		ctx.addIssue({ code: 'custom', path: [`name_${first}`], message: 'directory_name_required' });
	}
	if (v.minimumAge != null && v.maximumAge != null && (v.minimumAge as number) > (v.maximumAge as number)) {
		ctx.addIssue({ code: 'custom', path: ['maximumAge'], message: 'directory_age_order' });
	}
}

export const newServiceForm = z
	.strictObject({ ...serviceBase, formId: z.uuid({ error: 'directory_form_expired' }) })
	.superRefine(checkService)
	.transform((v) => ({ formId: v.formId as string, service: toServiceInput(v) }));

export const editServiceForm = z
	.strictObject({ ...serviceBase, version })
	.superRefine(checkService)
	.transform((v) => ({ version: v.version as number, service: toServiceInput(v) }));

/** The "add a language" button of the service and location forms: which locales to show. */
export const addLocaleForm = z.object({ locales: localeList, addLocale: z.enum(directoryLocales, { error: 'field_invalid_choice' }) });

export const versionForm = z.strictObject({ version });
/** Deleting a location carries an explicit confirmation (an empty post deletes nothing). */
export const deleteLocationForm = z.strictObject({ confirm: z.literal('yes', { error: 'field_required' }) });
export const itemKinds = ['hours', 'phone', 'document', 'cost', 'contact', 'area'] as const;
export const itemForm = z.strictObject({
	kind: z.enum(itemKinds, { error: 'directory_item_not_found' }),
	itemId: z.uuid({ error: 'directory_item_not_found' })
});

const time = z
	.string()
	.optional()
	.transform((s) => (s ?? '').trim())
	.pipe(z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'directory_time_invalid' })]));
const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'directory_date_invalid' })
	.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
		error: 'directory_date_invalid'
	});

export const weeklyHoursForm = z
	.strictObject({
		weekday: z.coerce.number({ error: 'field_invalid_choice' }).int().min(1, { error: 'field_invalid_choice' }).max(7, { error: 'field_invalid_choice' }),
		opensAt: time,
		closesAt: time,
		locationId: optionalUuid
	})
	.superRefine((v, ctx) => {
		if (!v.opensAt) ctx.addIssue({ code: 'custom', path: ['opensAt'], message: 'directory_time_invalid' });
		if (!v.closesAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'directory_time_invalid' });
		if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'directory_time_order' });
	});
export type WeeklyHoursInput = z.infer<typeof weeklyHoursForm>;

export const exceptionForm = z
	.strictObject({
		validFrom: isoDate,
		validTo: z
			.string()
			.optional()
			.transform((s) => (s ?? '').trim())
			.pipe(z.union([z.literal(''), isoDate])),
		closed: fields.checkbox(),
		opensAt: time,
		closesAt: time,
		note: fields.optionalText(300),
		noteLocale: z.enum(directoryLocales, { error: 'field_invalid_choice' }),
		locationId: optionalUuid
	})
	.superRefine((v, ctx) => {
		if (v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'directory_date_order' });
		if (!v.closed) {
			if (!v.opensAt) ctx.addIssue({ code: 'custom', path: ['opensAt'], message: 'directory_exception_hours' });
			if (!v.closesAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'directory_exception_hours' });
			if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'directory_time_order' });
		}
	})
	.transform((v) => ({ ...v, validTo: v.validTo || v.validFrom }));
export type ExceptionInput = z.infer<typeof exceptionForm>;

export const phoneTypes = ['voice', 'cell', 'text', 'video', 'fax', 'textphone'] as const;
const phoneNumber = z.string().max(40).regex(/^\+?[0-9][0-9 ()./-]{3,38}$/, { error: 'directory_phone_invalid' });
export const phoneForm = z.strictObject({
	number: z
		.string()
		.transform((s) => s.trim())
		.pipe(phoneNumber),
	type: z.enum(phoneTypes, { error: 'field_invalid_choice' })
});

/** A contact person or desk of a service: a name, an e-mail address or a phone number at least. */
export const contactForm = z
	.strictObject({
		name: fields.optionalText(200),
		title: fields.optionalText(200),
		department: fields.optionalText(200),
		email: fields.optionalEmail(),
		phone: z
			.string()
			.optional()
			.transform((s) => (s ?? '').trim())
			.pipe(z.union([z.literal(''), phoneNumber]))
	})
	.superRefine((v, ctx) => {
		if (!v.name && !v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['name'], message: 'directory_contact_required' });
	})
	.transform((v) => ({
		name: v.name || null,
		title: v.title || null,
		department: v.department || null,
		email: v.email || null,
		phone: v.phone || null
	}));
export type ContactInput = z.infer<typeof contactForm>;

/** An area the service serves: one of the city's neighbourhoods, or a wider area by name ("the whole city"). */
export const areaForm = z
	.strictObject({
		neighbourhood: fields.blankOrNull(z.uuid({ error: 'directory_neighbourhood_unknown' })),
		name: fields.optionalText(200)
	})
	.superRefine((v, ctx) => {
		if (!v.neighbourhood && !v.name) ctx.addIssue({ code: 'custom', path: ['neighbourhood'], message: 'directory_area_required' });
		if (v.neighbourhood && v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'directory_area_one' });
	})
	.transform((v) => (v.neighbourhood ? { neighbourhoodId: v.neighbourhood, name: null } : { neighbourhoodId: null, name: v.name }));
export type AreaInput = z.infer<typeof areaForm>;

export const documentForm = z.strictObject({
	document: fields.text(300),
	locale: z.enum(directoryLocales, { error: 'field_invalid_choice' })
});

export const costForm = z
	.strictObject({
		option: fields.text(200),
		locale: z.enum(directoryLocales, { error: 'field_invalid_choice' }),
		amount: optionalNumber(0, 1_000_000, 'directory_amount_invalid')
	})
	.transform((v) => ({ option: v.option, locale: v.locale, amountCents: v.amount === null ? null : Math.round(v.amount * 100) }));

const wheelchair = z
	.enum(['', 'yes', 'no'], { error: 'field_invalid_choice' })
	.optional()
	.transform((v) => (v === 'yes' ? true : v === 'no' ? false : null));

const locationBase = {
	locales: localeList,
	addLocale: addLocalePicker,
	...localeShape(locationTextFields),
	address1: fields.optionalText(200),
	address2: fields.optionalText(200),
	postalCode: fields.optionalText(20),
	city: fields.optionalText(100),
	neighbourhood: optionalUuid,
	latitude: optionalNumber(-90, 90, 'directory_latitude_invalid'),
	longitude: optionalNumber(-180, 180, 'directory_longitude_invalid'),
	wheelchair
};

export interface LocationInput {
	name: LocalText;
	transportation: LocalText;
	accessibility: LocalText;
	address1: string | null;
	address2: string | null;
	postalCode: string | null;
	city: string | null;
	neighbourhoodId: string | null;
	latitude: number | null;
	longitude: number | null;
	wheelchairAccessible: boolean | null;
}

function toLocationInput(v: Record<string, unknown>): LocationInput {
	return {
		name: collectText(v, 'name'),
		transportation: collectText(v, 'transportation'),
		accessibility: collectText(v, 'accessibility'),
		address1: (v.address1 as string) || null,
		address2: (v.address2 as string) || null,
		postalCode: (v.postalCode as string) || null,
		city: (v.city as string) || null,
		neighbourhoodId: v.neighbourhood as string | null,
		latitude: v.latitude as number | null,
		longitude: v.longitude as number | null,
		wheelchairAccessible: v.wheelchair as boolean | null
	};
}

function checkLocation(v: Record<string, unknown>, ctx: z.RefinementCtx) {
	if ((v.latitude === null) !== (v.longitude === null)) {
		ctx.addIssue({ code: 'custom', path: [v.latitude === null ? 'latitude' : 'longitude'], message: 'directory_coordinates_pair' });
	}
	const names = collectText(v, 'name');
	if (Object.keys(names).length === 0 && !v.address1) {
		const first = ((v.locales as string[]) ?? [])[0] ?? 'en';
		ctx.addIssue({ code: 'custom', path: [`name_${first}`], message: 'directory_location_name_required' });
	}
}

export const newLocationForm = z
	.strictObject({ ...locationBase, formId: z.uuid({ error: 'directory_form_expired' }) })
	.superRefine(checkLocation)
	.transform((v) => ({ formId: v.formId as string, location: toLocationInput(v) }));

export const editLocationForm = z
	.strictObject({ ...locationBase })
	.superRefine(checkLocation)
	.transform((v) => ({ location: toLocationInput(v) }));
