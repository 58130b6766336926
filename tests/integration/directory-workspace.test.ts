/**
 * The directory workspace over real HTTP: an organisation's members write
 * their services in several languages, stale and forged forms change
 * nothing, city staff may edit anyone's, and every change leaves history and
 * an audit entry.
 */
import { and, count, eq, like } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { createUser, signIn, twoOrganisations, type TestUser } from '../helpers/users.ts';
import { auditLog, directoryHistory, locations, neighbourhoods, phones, serviceAtLocations, services } from '../../src/lib/server/db/schema/index.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let member: TestUser;
let ownerB: TestUser;
let officer: TestUser;
let outsider: TestUser;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const serviceCount = async (org: string) => Number((await db.select({ n: count() }).from(services).where(eq(services.organisationId, org)))[0].n);

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	({ orgA, orgB, member, ownerB, outsider } = await twoOrganisations(db, 'ws'));
	officer = await createUser(db, { displayName: 'Officer Olga', platformRole: 'integration_officer', totp: true, secondFactor: true });
});
afterAll(() => app?.stop());

const base = (org: string) => `/app/organisations/${org}/services`;

async function createService(u: TestUser, org: string, form: Record<string, string | string[]>) {
	const c = as(u);
	const page = await c.get(`${base(org)}/new`);
	expect(page.status).toBe(200);
	const formId = inputValue(page.html, 'formId')!;
	const res = await c.post(`${base(org)}/new?/create`, { formId, status: 'active', ...form });
	return { res, formId, c };
}

describe('services in the workspace', () => {
	let serviceId: string;

	it('lets a member add a language set and create a service written in two languages', async () => {
		const c = as(member);
		const page = await c.get(`${base(orgA)}/new`);
		expect(text(page.html)).toContain('Text in English');
		const formId = inputValue(page.html, 'formId')!;
		// "Add this language" keeps what was typed and shows an Arabic set, saving nothing.
		const added = await c.post(`${base(orgA)}/new?/addLocale`, { formId, locales: 'en', name_en: 'Food bank', addLocale: 'ar', status: 'active' });
		expect(added.status).toBe(200);
		expect(text(added.html)).toContain('Text in العربية');
		expect(added.html).toContain('value="Food bank"');
		expect(added.html).toMatch(/<fieldset class="locale-set[^"]*" lang="ar" dir="rtl"/);
		expect(await serviceCount(orgA)).toBe(0);

		const created = await c.post(`${base(orgA)}/new?/create`, {
			formId,
			locales: ['en', 'ar'],
			// A browser sends the "also write in" picker with every post of the form.
			addLocale: 'it',
			name_en: 'Food bank',
			name_ar: 'بنك الطعام',
			description_en: 'Groceries every Tuesday.',
			status: 'active',
			needs: ['basic-needs'],
			features: ['free', 'no-appointment'],
			languages: ['en', 'ar'],
			url: 'casa.example.org'
		});
		expect(created.status).toBe(303);
		serviceId = /services\/([0-9a-f-]{36})\?created=1$/.exec(created.location ?? '')![1];
		const [svc] = await db.select().from(services).where(eq(services.id, serviceId));
		expect(svc.name).toEqual({ en: 'Food bank', ar: 'بنك الطعام' });
		expect(svc.url).toBe('https://casa.example.org');
		expect(svc.features.sort()).toEqual(['free', 'no-appointment']);

		// Posting the same form again (double click, back button) creates nothing new.
		const replay = await c.post(`${base(orgA)}/new?/create`, { formId, locales: ['en'], name_en: 'Food bank', status: 'active' });
		expect(replay.status).toBe(303);
		expect(replay.location).toContain(serviceId);
		expect(await serviceCount(orgA)).toBe(1);

		const edit = await c.follow(created);
		expect(edit.status).toBe(200);
		expect(text(edit.html)).toContain('The service was created.');
		expect(text(edit.html)).toContain('Text in العربية');
		const list = await c.get(base(orgA));
		expect(text(list.html)).toContain('Food bank');
		expect(text(list.html)).toContain('Up to date');
	});

	it('explains what is wrong with a bad form and keeps the input', async () => {
		const { res } = await createService(member, orgA, { locales: 'fr', description_fr: 'Sans nom', needs: ['not-a-need'], url: 'javascript:alert(1)' });
		expect(res.status).toBe(400);
		const t = text(res.html);
		expect(t).toContain('Please give the service a name in at least one language.');
		expect(t).toContain('Please enter a web address like https://example.org.');
		expect(res.html).toContain('Sans nom');
		// The French set the person chose is still shown.
		expect(text(res.html)).toContain('Text in Français');
		expect(await serviceCount(orgA)).toBe(1);
	});

	it('saves an edit, and refuses a form based on an older version', async () => {
		const c = as(member);
		const page = await c.get(`${base(orgA)}/${serviceId}`);
		const version = inputValue(page.html, 'version')!;
		expect(version).toBe('1');
		const form = { version, locales: ['en', 'ar'], name_en: 'Food bank Porta Nuova', name_ar: 'بنك الطعام', status: 'active', needs: ['basic-needs', 'children-families'] };
		const saved = await c.post(`${base(orgA)}/${serviceId}?/update`, form);
		expect(saved.status).toBe(200);
		expect(text(saved.html)).toContain('Saved.');

		const stale = await c.post(`${base(orgA)}/${serviceId}?/update`, { ...form, name_en: 'Someone else’s old form' });
		expect(stale.status).toBe(409);
		expect(text(stale.html)).toContain('Someone changed this service while you were editing it. Nothing was saved');
		const [svc] = await db.select().from(services).where(eq(services.id, serviceId));
		expect(svc.name.en).toBe('Food bank Porta Nuova');
		expect(svc.version).toBe(2);

		// The same message in the editor's language.
		const it_ = await as(member, 'it').post(`${base(orgA)}/${serviceId}?/update`, { ...form, name_en: 'x' });
		expect(text(it_.html)).toContain('Qualcuno ha modificato questo servizio');
	});

	it("refuses another organisation's service under a forged id, and changes nothing", async () => {
		const { res } = await createService(ownerB, orgB, { locales: 'it', name_it: 'Consulenza legale' });
		expect(res.status).toBe(303);
		const [theirs] = await db.select().from(services).where(eq(services.organisationId, orgB));
		const c = as(member);
		expect((await c.get(`${base(orgA)}/${theirs.id}`)).status).toBe(403);
		const forged = await c.post(`${base(orgA)}/${theirs.id}?/update`, { version: '1', name_en: 'Hijacked', status: 'defunct' });
		expect(forged.status).toBe(403);
		// With JavaScript the form itself says why.
		const enhanced = await c.post(`${base(orgA)}/${theirs.id}?/update`, { version: '1', name_en: 'Hijacked', status: 'defunct' }, { headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
		expect(enhanced.html).toContain('This record belongs to another organisation. Nothing was changed.');
		const del = await c.post(`${base(orgA)}/${theirs.id}?/delete`, { version: '1' });
		expect(del.status).toBe(403);
		// Nor can their phone be removed through our service.
		await as(ownerB).post(`${base(orgB)}/${theirs.id}?/addPhone`, { number: '+39 055 000 111', type: 'voice' });
		const [phone] = await db.select().from(phones).where(eq(phones.serviceId, theirs.id));
		const removed = await c.post(`${base(orgA)}/${serviceId}?/remove`, { kind: 'phone', itemId: phone.id });
		expect(removed.status).toBe(404);
		expect(text(removed.html)).toContain('That entry is not part of this service. Nothing was changed.');
		const [after] = await db.select().from(services).where(eq(services.id, theirs.id));
		expect(after).toMatchObject({ name: { it: 'Consulenza legale' }, status: 'active', version: 2 });
		expect(await db.select().from(phones).where(eq(phones.id, phone.id))).toHaveLength(1);
	});

	it('explains a stale or forged service id in a form posted without JavaScript, and changes nothing', async () => {
		const [theirs] = await db.select().from(services).where(eq(services.organisationId, orgB));
		const before = { ours: await db.select().from(services).where(eq(services.organisationId, orgA)), theirs: await db.select().from(services).where(eq(services.id, theirs.id)) };
		const historyBefore = Number((await db.select({ n: count() }).from(directoryHistory))[0].n);
		const phonesBefore = Number((await db.select({ n: count() }).from(phones))[0].n);
		const notOurs = 'This service is not one of this organisation’s services, or it no longer exists. Nothing was changed.';
		const c = as(member);
		const gone = '00000000-0000-4000-8000-000000000000';
		// A service that does not exist (deleted meanwhile, or made up), and an id that is not one at all.
		for (const [path, form] of [
			[`${base(orgA)}/${gone}?/update`, { version: '1', locales: 'en', name_en: 'Ghost', status: 'active' }],
			[`${base(orgA)}/${gone}?/addPhone`, { number: '+39 055 000 222', type: 'voice' }],
			[`${base(orgA)}/${gone}?/delete`, { version: '1' }],
			[`${base(orgA)}/not-a-uuid?/verify`, { version: '1' }],
			[`${base(orgA)}/1'%20or%201=1--?/remove`, { kind: 'phone', itemId: gone }]
		] as const) {
			const res = await c.post(path, form);
			expect(res.status, path).toBe(404);
			const t = text(res.html);
			expect(t, path).toContain(notOurs);
			expect(t).not.toMatch(/at \w+ \(|Error:/);
		}
		// Another organisation's service under our address: its members are told it is not ours…
		const foreign = await c.post(`${base(orgA)}/${theirs.id}?/addPhone`, { number: '+39 055 000 333', type: 'voice' });
		expect(foreign.status).toBe(403);
		expect(text(foreign.html)).toContain('This record belongs to another organisation. Nothing was changed.');
		// …and city staff, who may edit it at its own address, are told it is not this organisation's.
		const staff = await as(officer).post(`${base(orgA)}/${theirs.id}?/update`, { version: String(theirs.version), locales: 'en', name_en: 'Moved', status: 'active' });
		expect(staff.status).toBe(404);
		expect(text(staff.html)).toContain(notOurs);
		// A form that is also invalid still gets the explanation, in the person's language.
		const it_ = await as(member, 'it').post(`${base(orgA)}/${gone}?/addHours`, { weekday: '9' });
		expect(it_.status).toBe(404);
		expect(text(it_.html)).toContain('Questo servizio non è tra i servizi di questa organizzazione, oppure non esiste più. Non è stato cambiato nulla.');
		// A plain visit to a wrong address is still the usual "cannot find this page", without the form's sentence.
		const visit = await c.get(`${base(orgA)}/${gone}`);
		expect(visit.status).toBe(404);
		expect(text(visit.html)).not.toContain(notOurs);

		expect(await db.select().from(services).where(eq(services.organisationId, orgA))).toEqual(before.ours);
		expect(await db.select().from(services).where(eq(services.id, theirs.id))).toEqual(before.theirs);
		expect(Number((await db.select({ n: count() }).from(directoryHistory))[0].n)).toBe(historyBefore);
		expect(Number((await db.select({ n: count() }).from(phones))[0].n)).toBe(phonesBefore);
	});

	it('keeps people who are not members out', async () => {
		const c = as(outsider);
		expect((await c.get(base(orgA))).status).toBe(403);
		expect((await c.get(`${base(orgA)}/${serviceId}`)).status).toBe(403);
		const post = await c.post(`${base(orgA)}/${serviceId}?/update`, { version: '2', name_en: 'Outsider', status: 'active' });
		expect(post.status).toBe(403);
		expect((await app.client().get(base(orgA))).location).toMatch(/^\/signin/);
		const [svc] = await db.select().from(services).where(eq(services.id, serviceId));
		expect(svc.name.en).toBe('Food bank Porta Nuova');
	});

	it("lets city staff edit any organisation's service", async () => {
		const [theirs] = await db.select().from(services).where(eq(services.organisationId, orgB));
		const c = as(officer);
		const page = await c.get(`${base(orgB)}/${theirs.id}`);
		expect(page.status).toBe(200);
		const res = await c.post(`${base(orgB)}/${theirs.id}?/update`, {
			version: inputValue(page.html, 'version')!,
			locales: ['it', 'en'],
			name_it: 'Consulenza legale',
			name_en: 'Legal advice',
			status: 'active',
			needs: ['legal'],
			languages: ['it', 'en']
		});
		expect(res.status).toBe(200);
		const [after] = await db.select().from(services).where(eq(services.id, theirs.id));
		expect(after.name).toEqual({ it: 'Consulenza legale', en: 'Legal advice' });
	});

	it('adds hours, a holiday, documents and costs, confirms the record, and shows the history in words', async () => {
		const c = as(member);
		const url = `${base(orgA)}/${serviceId}`;
		expect((await c.post(`${url}?/addHours`, { weekday: '2', opensAt: '09:00', closesAt: '12:00', locationId: '' })).status).toBe(200);
		const badHours = await c.post(`${url}?/addHours`, { weekday: '2', opensAt: '14:00', closesAt: '13:00', locationId: '' });
		expect(badHours.status).toBe(400);
		expect(text(badHours.html)).toContain('The closing time must be after the opening time.');
		expect((await c.post(`${url}?/addException`, { validFrom: '2026-12-24', validTo: '2026-12-26', closed: 'on', note: 'Christmas', noteLocale: 'en', locationId: '' })).status).toBe(200);
		expect((await c.post(`${url}?/addDocument`, { document: 'Any identity document', locale: 'en' })).status).toBe(200);
		expect((await c.post(`${url}?/addCost`, { option: 'Membership card', locale: 'en', amount: '5,50' })).status).toBe(200);
		const page = await c.get(url);
		const t = text(page.html);
		expect(t).toContain('Tuesday 09:00–12:00');
		expect(t).toMatch(/2026-12-24 – 2026-12-26 ?: Closed · Christmas/);
		expect(t).toMatch(/Membership card ?: 5\.50 EUR/);
		const verified = await c.post(`${url}?/verify`, { version: inputValue(page.html, 'version')! });
		expect(verified.status).toBe(200);
		expect(text(verified.html)).toContain('Thank you: marked as checked today.');

		const history = text((await c.get(`${url}/history`)).html);
		expect(history).toContain('Created');
		expect(history).toContain('Name (English): “Food bank” → “Food bank Porta Nuova”');
		expect(history).toContain('Needs it helps with: added Children and families');
		expect(history).toContain('Confirmed as still correct');
		expect(history).toContain('by Marta');

		const rows = await db.select().from(directoryHistory).where(eq(directoryHistory.entityId, serviceId));
		expect(rows.map((r) => r.change).sort()).toEqual(['created', 'updated', 'updated', 'updated', 'updated', 'updated', 'verified']);
		const audits = await db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.resourceId, serviceId), like(auditLog.action, 'directory.service.%')));
		expect(audits.map((a) => a.action).sort()).toEqual([
			'directory.service.cost_added',
			'directory.service.created',
			'directory.service.document_added',
			'directory.service.exception_added',
			'directory.service.hours_added',
			'directory.service.updated',
			'directory.service.verified'
		]);
	});
});

describe('locations in the workspace', () => {
	it('creates a location with a neighbourhood, links it to a service and deletes it', async () => {
		const [n] = await db.insert(neighbourhoods).values({ slug: 'ws-centro', name: 'Centro' }).returning({ id: neighbourhoods.id });
		const c = as(member);
		const page = await c.get(`/app/organisations/${orgA}/locations/new`);
		const formId = inputValue(page.html, 'formId')!;
		const bad = await c.post(`/app/organisations/${orgA}/locations/new?/create`, { formId, locales: 'en', name_en: 'Centre', latitude: '95', longitude: '12' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Latitude is a number between -90 and 90.');
		const res = await c.post(`/app/organisations/${orgA}/locations/new?/create`, {
			formId,
			locales: ['en', 'ar'],
			name_en: 'Community centre',
			transportation_ar: 'الترام 4 حتى ساحة نوفا',
			address1: 'Via Roma 10',
			neighbourhood: n.id,
			latitude: '41.9',
			longitude: '12.5',
			wheelchair: 'yes'
		});
		expect(res.status).toBe(303);
		const id = /locations\/([0-9a-f-]{36})\?created=1$/.exec(res.location ?? '')![1];
		const [loc] = await db.select().from(locations).where(eq(locations.id, id));
		expect(loc).toMatchObject({ neighbourhoodId: n.id, wheelchairAccessible: true, latitude: 41.9, transportation: { ar: 'الترام 4 حتى ساحة نوفا' } });

		// Another organisation's location cannot be edited through ours.
		const other = await as(ownerB).post(`/app/organisations/${orgA}/locations/${id}?/update`, { address1: 'x' });
		expect(other.status).toBe(403);

		const [svc] = await db.select().from(services).where(eq(services.organisationId, orgA));
		const edit = await c.get(`${base(orgA)}/${svc.id}`);
		expect(text(edit.html)).toContain('Community centre');
		const linked = await c.post(`${base(orgA)}/${svc.id}?/update`, { version: inputValue(edit.html, 'version')!, locales: 'en', name_en: 'Food bank Porta Nuova', name_ar: 'بنك الطعام', status: 'active', locationIds: id });
		expect(linked.status).toBe(200);
		expect(await db.select().from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, svc.id))).toHaveLength(1);

		const list = await c.get(`/app/organisations/${orgA}/locations`);
		expect(text(list.html)).toContain('Centro');
		const del = await c.post(`/app/organisations/${orgA}/locations/${id}?/delete`, { confirm: 'yes' });
		expect(del.status).toBe(303);
		expect(await db.select().from(locations).where(eq(locations.id, id))).toHaveLength(0);
		const [{ n: deletions }] = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.resourceId, id), eq(auditLog.action, 'directory.location.deleted')));
		expect(Number(deletions)).toBe(1);
	});
	it('explains a stale or forged location id in a form posted without JavaScript, and changes nothing', async () => {
		const [theirs] = await db.insert(locations).values({ organisationId: orgB, address1: 'Via Dante 5', city: 'Portavera' }).returning();
		const ours = await db.select().from(locations).where(eq(locations.organisationId, orgA));
		const historyBefore = Number((await db.select({ n: count() }).from(directoryHistory))[0].n);
		const notOurs = 'This location is not one of this organisation’s locations, or it no longer exists. Nothing was changed.';
		const loc = (id: string) => `/app/organisations/${orgA}/locations/${id}`;
		const c = as(member);
		for (const path of [`${loc('00000000-0000-4000-8000-000000000000')}?/update`, `${loc('not-a-uuid')}?/update`, `${loc('00000000-0000-4000-8000-000000000000')}?/delete`]) {
			const res = await c.post(path, { locales: 'en', name_en: 'Ghost', address1: 'Nowhere 1', confirm: 'yes' });
			expect(res.status, path).toBe(404);
			expect(text(res.html), path).toContain(notOurs);
		}
		const foreign = await c.post(`${loc(theirs.id)}?/delete`, { confirm: 'yes' });
		expect(foreign.status).toBe(403);
		expect(text(foreign.html)).toContain('This record belongs to another organisation. Nothing was changed.');
		const staff = await as(officer).post(`${loc(theirs.id)}?/update`, { locales: 'en', name_en: 'Moved', address1: 'Via Roma 1' });
		expect(staff.status).toBe(404);
		expect(text(staff.html)).toContain(notOurs);
		// In Arabic, right to left.
		const ar = await as(member, 'ar').post(`${loc(theirs.id)}?/update`, { locales: 'en', address1: 'x' });
		expect(ar.status).toBe(403);
		expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
		expect(text(ar.html)).toContain('هذا السجل يخص منظمة أخرى. لم يتغير شيء.');

		expect(await db.select().from(locations).where(eq(locations.id, theirs.id))).toEqual([theirs]);
		expect(await db.select().from(locations).where(eq(locations.organisationId, orgA))).toEqual(ours);
		expect(Number((await db.select({ n: count() }).from(directoryHistory))[0].n)).toBe(historyBefore);
	});
});

describe('staff views', () => {
	it('lists stale records and exports the map', async () => {
		const [svc] = await db.select().from(services).where(eq(services.organisationId, orgB));
		await db.update(services).set({ lastVerifiedAt: new Date(Date.now() - 400 * 24 * 3600 * 1000) }).where(eq(services.id, svc.id));
		const c = as(officer);
		const stale = text((await c.get('/app/directory/stale')).html);
		expect(stale).toContain('Sportello Diritti');
		expect(stale).toContain('May be out of date: 1.');
		expect(stale).toContain('Legal advice');
		expect((await as(member).get('/app/directory/stale')).status).toBe(403);

		const map = await c.get('/app/directory/map?view=neighbourhoods');
		expect(map.status).toBe(200);
		expect(text(map.html)).toContain('Centro');
		const csv = await c.get('/app/directory/map/export?format=csv&view=languages');
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const rows: string[][] = parseCsv(csv.html, { bom: true });
		expect(rows[0][0]).toBe('Need');
		expect(rows.find((r) => r[0] === 'Legal advice and documents')?.[1 + rows[0].slice(1).indexOf('English')]).toBe('1');
		const res = await fetch(`${app.url}/app/directory/map/export?format=xlsx`, { headers: { cookie: `convive_session=${officer.token}` } });
		expect(res.headers.get('content-type')).toContain('spreadsheetml');
		const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
		expect(sheet.data[0][0]).toBe('Need');
		expect((await c.get('/app/directory/map/export?format=exe')).status).toBe(400);
	});
});
