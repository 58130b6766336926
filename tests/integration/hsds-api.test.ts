/**
 * The public HSDS 3.0 API over real HTTP against the built app. Every
 * endpoint's real answer is validated with ajv against the HSDS 3.0 JSON
 * schemas (copies in tests/fixtures/hsds-3.0), lists and details alike.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import {
	contacts,
	costOptions,
	locations,
	organisations,
	phones,
	requiredDocuments,
	schedules,
	serviceAreas,
	serviceAtLocations,
	services,
	taxonomyTerms
} from '../../src/lib/server/db/schema/index.ts';

const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
const dir = 'tests/fixtures/hsds-3.0';
const load = (name: string) =>
	JSON.parse(name.endsWith('.gz') ? gunzipSync(readFileSync(`${dir}/${name}`)).toString('utf8') : readFileSync(`${dir}/${name}`, 'utf8'));

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('csv', true);
ajv.addSchema(load('metadata.json'), 'metadata.json');
ajv.addSchema(load('taxonomy.json'), 'taxonomy.json');
const schemas: Record<string, ValidateFunction> = {};
function schema(name: string): ValidateFunction {
	if (!schemas[name]) {
		schemas[name] = name === 'taxonomy' ? ajv.getSchema('taxonomy.json')! : ajv.compile(load(name === 'taxonomy_term' ? 'taxonomy_term.json' : `${name}.json.gz`));
	}
	return schemas[name];
}
function expectValid(name: string, value: unknown) {
	const v = schema(name);
	const ok = v(value);
	expect(ok, `${name}: ${ajv.errorsText(v.errors)}`).toBe(true);
}

let app: TestApp;
let base: string;
const ids: Record<string, string> = {};

async function get(path: string, headers: Record<string, string> = {}) {
	const res = await fetch(base + path, { headers });
	const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
	return { status: res.status, headers: res.headers, body: body as any };
}

beforeAll(async () => {
	// Compiling the big schemas takes seconds: done before the server starts, so no
	// kept-alive connection sits idle past the server's timeout in the middle of a test.
	for (const name of ['service', 'service_list', 'organization', 'organization_list', 'service_at_location', 'service_at_location_list', 'taxonomy', 'taxonomy_term']) schema(name);
	app = await startTestApp({ smtp: false });
	base = app.url;
	const db = app.database.db;
	const [org, hidden] = await db
		.insert(organisations)
		.values([
			{ slug: 'casa-aperta', name: 'Casa Aperta', type: 'ngo', verification: 'verified', description: 'Help for newcomers.', website: 'https://casa.example', email: 'info@casa.example', phone: '+39 055 123' },
			{ slug: 'hidden-group', name: 'Hidden Group', type: 'informal_group' }
		])
		.returning();
	ids.org = org.id;
	ids.hidden = hidden.id;
	const [loc] = await db
		.insert(locations)
		.values({
			organisationId: org.id,
			name: { en: 'Main office', it: 'Sede' },
			transportation: { en: 'Tram 4 to Piazza Nuova' },
			address1: 'Via Roma 1',
			city: 'Fiorenza',
			postalCode: '50100',
			latitude: 43.77,
			longitude: 11.25,
			wheelchairAccessible: true,
			accessibility: { en: 'Lift at the back' }
		})
		.returning();
	ids.location = loc.id;
	await db.insert(phones).values({ locationId: loc.id, number: '+39 055 999', languages: ['it'] });
	const [food, lessons, secret] = await db
		.insert(services)
		.values([
			{
				organisationId: org.id,
				name: { en: 'Food parcels', it: 'Pacchi alimentari', ar: 'طرود غذائية' },
				description: { en: 'Weekly food parcels for families.' },
				eligibility: { en: 'Anyone living in the city' },
				needs: ['basic-needs'],
				features: ['free', 'no-appointment', 'interpreter'],
				languages: ['it', 'ar', 'en'],
				url: 'https://casa.example/food',
				email: 'food@casa.example'
			},
			{
				organisationId: org.id,
				name: { it: 'Corso di italiano' },
				needs: ['language-courses'],
				features: [],
				languages: ['it']
			},
			{ organisationId: hidden.id, name: { en: 'Secret soup kitchen' }, needs: ['basic-needs'] }
		])
		.returning();
	ids.food = food.id;
	ids.lessons = lessons.id;
	ids.secret = secret.id;
	const [sal] = await db.insert(serviceAtLocations).values({ serviceId: food.id, locationId: loc.id, description: { en: 'Ring the bell' } }).returning();
	ids.sal = sal.id;
	await db.insert(schedules).values([
		{ serviceId: food.id, kind: 'weekly', weekday: 1, opensAt: '09:00', closesAt: '12:00' },
		{ serviceId: food.id, kind: 'weekly', weekday: 7, opensAt: '10:00', closesAt: '11:00', locationId: loc.id },
		{ serviceId: food.id, kind: 'exception', validFrom: '2026-12-24', validTo: '2026-12-26', closed: true, description: { en: 'Christmas' } }
	]);
	await db.insert(phones).values({ serviceId: food.id, number: '+39 055 111', type: 'voice', description: { en: 'Mornings' }, languages: ['ar'] });
	await db.insert(contacts).values({ serviceId: food.id, name: 'Reception', email: 'desk@casa.example', phone: '+39 055 222' });
	await db.insert(costOptions).values({ serviceId: food.id, option: { en: 'Per parcel' }, amountCents: 0 });
	await db.insert(requiredDocuments).values({ serviceId: food.id, document: { en: 'Any ID', it: 'Documento' } });
	await db.insert(serviceAreas).values({ serviceId: food.id, name: 'Whole city' });
	const terms = await db.select().from(taxonomyTerms);
	ids.basicNeeds = terms.find((t) => t.code === 'basic-needs')!.id;
	ids.languageCourses = terms.find((t) => t.code === 'language-courses')!.id;
	ids.needsTaxonomy = terms.find((t) => t.code === 'basic-needs')!.taxonomyId;
	ids.featuresTaxonomy = terms.find((t) => t.code === 'free')!.taxonomyId;
});
afterAll(() => app?.stop());

describe('HSDS API responses follow the HSDS 3.0 schemas', () => {
	it('answers the meta information', async () => {
		const r = await get('/api/hsds');
		expect(r.status).toBe(200);
		expect(r.body.version).toBe('3.0');
		expect(r.body.profile).toMatch(/^https:\/\//);
	});

	it('lists services with paging fields, each a valid service_list object', async () => {
		const r = await get('/api/hsds/services');
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ total_items: 2, total_pages: 1, page_number: 1, size: 2, first_page: true, last_page: true, empty: false });
		for (const s of r.body.contents) expectValid('service_list', s);
		expect(r.body.contents.map((s: any) => s.name).sort()).toEqual(['Corso di italiano', 'Food parcels']);
		expect(r.headers.get('access-control-allow-origin')).toBe('*');
		expect(r.headers.get('cache-control')).toContain('max-age');
	});

	it('returns fully nested services that validate against compiled/service.json', async () => {
		const full = await get('/api/hsds/services?full=true');
		for (const s of full.body.contents) expectValid('service', s);
		const r = await get(`/api/hsds/services/${ids.food}`);
		expect(r.status).toBe(200);
		expectValid('service', r.body);
		expect(r.body.organization.name).toBe('Casa Aperta');
		expect(r.body.languages.map((l: any) => l.code).sort()).toEqual(['ar', 'en', 'it']);
		// Derived ids are stable between calls.
		const again = await get(`/api/hsds/services/${ids.food}`);
		expect(again.body.languages.map((l: any) => l.id)).toEqual(r.body.languages.map((l: any) => l.id));
		const weekly = r.body.schedules.find((s: any) => s.byday === 'MO');
		expect(weekly).toMatchObject({ freq: 'WEEKLY', opens_at: '09:00', closes_at: '12:00' });
		const exception = r.body.schedules.find((s: any) => s.valid_from === '2026-12-24');
		expect(exception).toMatchObject({ valid_to: '2026-12-26', description: 'Christmas' });
		expect(r.body.service_at_locations[0].location.addresses[0]).toMatchObject({ address_1: 'Via Roma 1', city: 'Fiorenza', postal_code: '50100' });
		expect(r.body.service_at_locations[0].schedules[0]).toMatchObject({ byday: 'SU' });
		const attributeCodes = r.body.attributes.map((a: any) => a.taxonomy_term.code).sort();
		expect(attributeCodes).toEqual(['basic-needs', 'free', 'interpreter', 'no-appointment']);
		expect(r.body.required_documents[0].document).toBe('Any ID');
	});

	it('picks the text in the requested locale, with the fallback order', async () => {
		const ar = await get(`/api/hsds/services/${ids.food}?locale=ar`);
		expect(ar.body.name).toBe('طرود غذائية');
		// No Arabic description: falls back to English.
		expect(ar.body.description).toBe('Weekly food parcels for families.');
		const it_ = await get(`/api/hsds/services/${ids.food}?locale=it`);
		expect(it_.body.required_documents[0].document).toBe('Documento');
		const bad = await get('/api/hsds/services?locale=xx');
		expect(bad.status).toBe(400);
		expect(bad.body.code).toBe('invalid_parameter');
	});

	it('lists and shows organisations (list, full, detail)', async () => {
		const list = await get('/api/hsds/organizations');
		expect(list.body.total_items).toBe(1);
		for (const o of list.body.contents) expectValid('organization_list', o);
		const full = await get('/api/hsds/organizations?full=true&full_service=true');
		for (const o of full.body.contents) expectValid('organization', o);
		const one = await get(`/api/hsds/organizations/${ids.org}`);
		expect(one.status).toBe(200);
		expectValid('organization', one.body);
		expect(one.body.services.map((s: any) => s.id).sort()).toEqual([ids.food, ids.lessons].sort());
		expect(one.body.locations[0].id).toBe(ids.location);
		expect(JSON.stringify(one.body)).not.toMatch(/member|password|user/i);
	});

	it('lists and shows service_at_locations', async () => {
		const list = await get('/api/hsds/service_at_locations');
		expect(list.body.total_items).toBe(1);
		for (const s of list.body.contents) expectValid('service_at_location_list', s);
		const full = await get('/api/hsds/service_at_locations?full=true');
		for (const s of full.body.contents) expectValid('service_at_location', s);
		const one = await get(`/api/hsds/service_at_locations/${ids.sal}`);
		expect(one.status).toBe(200);
		expectValid('service_at_location', one.body);
		expect(one.body.location.id).toBe(ids.location);
		expect(one.body.service.id).toBe(ids.food);
	});

	it('lists and shows taxonomies and terms', async () => {
		const tax = await get('/api/hsds/taxonomies');
		expect(tax.body.total_items).toBe(2);
		for (const t of tax.body.contents) expectValid('taxonomy', t);
		const one = await get(`/api/hsds/taxonomies/${ids.needsTaxonomy}`);
		expectValid('taxonomy', one.body);
		const terms = await get(`/api/hsds/taxonomy_terms?taxonomy_id=${ids.needsTaxonomy}&per_page=5&page=2`);
		expect(terms.body).toMatchObject({ total_items: 16, total_pages: 4, page_number: 2, size: 5, first_page: false, last_page: false });
		for (const t of terms.body.contents) expectValid('taxonomy_term', t);
		const term = await get(`/api/hsds/taxonomy_terms/${ids.basicNeeds}?locale=it`);
		expectValid('taxonomy_term', term.body);
		expect(term.body.name).toBe('Cibo, vestiti e riparo');
		const last = await get(`/api/hsds/taxonomy_terms?taxonomy_id=${ids.needsTaxonomy}&per_page=5&page=4`);
		expect(last.body).toMatchObject({ size: 1, last_page: true, empty: false });
	});
});

describe('filters and paging', () => {
	it('filters services by term, taxonomy, organisation, search and date', async () => {
		const byTerm = await get(`/api/hsds/services?taxonomy_term_id=${ids.languageCourses}`);
		expect(byTerm.body.contents.map((s: any) => s.id)).toEqual([ids.lessons]);
		const byTax = await get(`/api/hsds/services?taxonomy_id=${ids.featuresTaxonomy}`);
		expect(byTax.body.contents.map((s: any) => s.id)).toEqual([ids.food]);
		const byOrg = await get(`/api/hsds/services?organization_id=${ids.hidden}`);
		expect(byOrg.body).toMatchObject({ total_items: 0, empty: true, size: 0 });
		const search = await get('/api/hsds/services?search=' + encodeURIComponent('italiano'));
		expect(search.body.contents.map((s: any) => s.id)).toEqual([ids.lessons]);
		const sqlish = await get('/api/hsds/services?search=' + encodeURIComponent("%' or 1=1 --"));
		expect(sqlish.status).toBe(200);
		expect(sqlish.body.total_items).toBe(0);
		const future = await get('/api/hsds/services?modified_after=2999-01-01');
		expect(future.body.total_items).toBe(0);
		const past = await get('/api/hsds/services?modified_after=2000-01-01T00:00:00Z');
		expect(past.body.total_items).toBe(2);
		const minimal = await get('/api/hsds/services?minimal=true');
		expect(Object.keys(minimal.body.contents[0]).sort()).toEqual(['id', 'last_modified']);
		const page2 = await get('/api/hsds/services?per_page=1&page=2');
		expect(page2.body).toMatchObject({ total_items: 2, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true });
		const beyond = await get('/api/hsds/services?per_page=1&page=9');
		expect(beyond.body).toMatchObject({ size: 0, empty: true, contents: [] });
	});

	it('never shows services of organisations that are not verified', async () => {
		const all = await get('/api/hsds/services?per_page=100');
		expect(all.body.contents.map((s: any) => s.id)).not.toContain(ids.secret);
		expect((await get(`/api/hsds/services/${ids.secret}`)).status).toBe(404);
		expect((await get(`/api/hsds/organizations/${ids.hidden}`)).status).toBe(404);
		const orgs = await get('/api/hsds/organizations?search=hidden');
		expect(orgs.body.total_items).toBe(0);
	});

	it('answers bad parameters with 400 and a clear JSON message, unknown ids with 404', async () => {
		for (const q of ['per_page=101', 'per_page=0', 'page=-1', 'page=abc', 'taxonomy_term_id=nope', 'organization_id=1%27%20or%201=1', 'modified_after=yesterday', 'full=maybe', 'format=ndjson']) {
			const r = await get(`/api/hsds/services?${q}`);
			expect(r.status, q).toBe(400);
			expect(r.body.code).toMatch(/invalid_parameter|unsupported_format/);
			expect(r.body.message.length).toBeGreaterThan(10);
		}
		const huge = await get('/api/hsds/services?search=' + 'a'.repeat(10_000));
		expect(huge.status).toBe(400);
		for (const path of ['services', 'organizations', 'service_at_locations', 'taxonomies', 'taxonomy_terms']) {
			const missing = await get(`/api/hsds/${path}/00000000-0000-4000-8000-000000000000`);
			expect(missing.status, path).toBe(404);
			expect(missing.body.code).toBe('not_found');
			const malformed = await get(`/api/hsds/${path}/not-an-id`);
			expect(malformed.status, path).toBe(404);
			expect(malformed.headers.get('content-type')).toContain('application/json');
		}
	});
});

describe('CORS and rate limit', () => {
	it('answers a CORS preflight for GET', async () => {
		const res = await fetch(`${base}/api/hsds/services`, {
			method: 'OPTIONS',
			headers: { origin: 'https://other.example', 'access-control-request-method': 'GET' }
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('access-control-allow-methods')).toContain('GET');
		const get_ = await get('/api/hsds/taxonomies', { origin: 'https://other.example' });
		expect(get_.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('answers 429 with Retry-After once a client address used up its minute', async () => {
		await app.database.db.execute(sql`delete from rate_limits`);
		let last = 0;
		for (let i = 0; i < 600; i++) {
			const res = await fetch(`${base}/api/hsds`);
			await res.arrayBuffer();
			last = res.status;
		}
		expect(last).toBe(200);
		const r = await get('/api/hsds/services');
		expect(r.status).toBe(429);
		expect(r.body.code).toBe('rate_limited');
		expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
		await app.database.db.execute(sql`delete from rate_limits`);
	});
});
