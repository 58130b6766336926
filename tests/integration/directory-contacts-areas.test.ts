/**
 * Contacts and areas served on the service edit page, over real HTTP and
 * without JavaScript: what a member adds shows on the page, on the public
 * service page (contacts) and in the neighbourhood search (areas); bad or
 * forged input and other organisations change nothing; the history says
 * what changed in words.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { signIn, twoOrganisations, type TestUser } from '../helpers/users.ts';
import { auditLog, contacts, directoryHistory, neighbourhoods, serviceAreas, services } from '../../src/lib/server/db/schema/index.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let member: TestUser;
let ownerB: TestUser;
let outsider: TestUser;
let serviceId: string;
let theirServiceId: string;
let porto: string;
let centro: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const base = (org: string) => `/app/organisations/${org}/services`;
const url = () => `${base(orgA)}/${serviceId}`;
/** The service ids a public search page links to. */
const links = (html: string) => [...html.matchAll(/href="\/services\/([0-9a-f-]{36})"/g)].map((x) => x[1]);

async function createService(u: TestUser, org: string, name: string): Promise<string> {
	const c = as(u);
	const page = await c.get(`${base(org)}/new`);
	const res = await c.post(`${base(org)}/new?/create`, { formId: inputValue(page.html, 'formId')!, locales: 'en', name_en: name, status: 'active', needs: ['basic-needs'] });
	expect(res.status).toBe(303);
	return /services\/([0-9a-f-]{36})\?created=1$/.exec(res.location ?? '')![1];
}

const version = async (id: string) => (await db.select({ v: services.version }).from(services).where(eq(services.id, id)))[0].v;
const contactsOf = (id: string) => db.select().from(contacts).where(eq(contacts.serviceId, id));
const areasOf = (id: string) => db.select().from(serviceAreas).where(eq(serviceAreas.serviceId, id));

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	({ orgA, orgB, member, ownerB, outsider } = await twoOrganisations(db, 'ca'));
	const ns = await db
		.insert(neighbourhoods)
		.values([
			{ slug: 'ca-porto', name: 'Porto' },
			{ slug: 'ca-centro', name: 'Centro' }
		])
		.returning({ id: neighbourhoods.id });
	[porto, centro] = ns.map((n) => n.id);
	serviceId = await createService(member, orgA, 'Food bank');
	theirServiceId = await createService(ownerB, orgB, 'Legal advice');
});
afterAll(() => app?.stop());

describe('contacts of a service', () => {
	it('adds a contact with a plain form post and shows it on the edit page and the public page', async () => {
		const c = as(member);
		const res = await c.post(`${url()}?/addContact`, {
			name: 'Anna Rossi',
			title: 'Social worker',
			department: 'Reception',
			email: 'Anna.Rossi@Casa.example.org',
			phone: '+39 055 123 4567'
		});
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('Saved.');
		expect(await contactsOf(serviceId)).toMatchObject([{ name: 'Anna Rossi', title: 'Social worker', department: 'Reception', email: 'anna.rossi@casa.example.org', phone: '+39 055 123 4567' }]);
		// An e-mail address alone is enough.
		expect((await c.post(`${url()}?/addContact`, { email: 'desk@casa.example.org' })).status).toBe(200);

		const edit = text((await c.get(url())).html);
		expect(edit).toMatch(/Anna Rossi ?, Social worker, Reception · anna.rossi@casa.example.org · \+39 055 123 4567/);
		expect(edit).toContain('desk@casa.example.org');
		expect(edit).not.toContain('No contact people yet.');

		const pub = await app.client().get(`/services/${serviceId}`);
		expect(pub.status).toBe(200);
		expect(text(pub.html)).toMatch(/Anna Rossi ?, Social worker/);
		expect(pub.html).toContain('href="mailto:anna.rossi@casa.example.org"');
		expect(pub.html).toContain('href="tel:+390551234567"');
	});

	it('explains a bad contact in the editor’s language and saves nothing', async () => {
		const before = await version(serviceId);
		const c = as(member);
		const bad = await c.post(`${url()}?/addContact`, { name: 'Bob', email: 'bob at example' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Please enter an e-mail address like name@example.org.');
		// What was typed is still in the form.
		expect(bad.html).toContain('value="bob at example"');
		const nothing = await c.post(`${url()}?/addContact`, { title: 'Director', department: 'Office' });
		expect(text(nothing.html)).toContain('Please give at least a name, an e-mail address or a phone number.');
		const phone = await c.post(`${url()}?/addContact`, { name: 'Bob', phone: 'call me' });
		expect(text(phone.html)).toContain('Please enter a phone number with digits only');
		const it_ = await as(member, 'it').post(`${url()}?/addContact`, { name: 'Bob', email: 'bob at example' });
		expect(text(it_.html)).toContain('Scrivi un indirizzo e-mail come nome@example.org.');
		// With JavaScript (use:enhance) the same message comes back to the form.
		const enhanced = await c.post(`${url()}?/addContact`, { name: 'Bob', email: 'bob at example' }, { headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
		expect(enhanced.html).toContain('Please enter an e-mail address like name@example.org.');
		expect(await contactsOf(serviceId)).toHaveLength(2);
		expect(await version(serviceId)).toBe(before);
	});
});

describe('areas a service serves', () => {
	it('adds a neighbourhood and a wider area, and the neighbourhood search finds the service', async () => {
		const pub = app.client();
		expect(links((await pub.get('/services?nb=ca-porto')).html)).not.toContain(serviceId);
		const c = as(member);
		const edit = await c.get(url());
		expect(text(edit.html)).toContain('No areas listed');
		// The city's neighbourhoods are offered by name.
		expect(edit.html).toContain(`<option value="${porto}"`);
		expect((await c.post(`${url()}?/addArea`, { neighbourhood: porto, name: '' })).status).toBe(200);
		expect((await c.post(`${url()}?/addArea`, { neighbourhood: '', name: 'The whole city' })).status).toBe(200);
		const after = text((await c.get(url())).html);
		expect(after).toContain('Porto');
		expect(after).toContain('The whole city');
		expect(await areasOf(serviceId)).toHaveLength(2);

		expect(links((await pub.get('/services?nb=ca-porto')).html)).toContain(serviceId);
		expect(links((await pub.get('/services?nb=ca-centro')).html)).not.toContain(serviceId);
	});

	it('refuses duplicates, forged neighbourhoods and empty or double choices, changing nothing', async () => {
		const before = await version(serviceId);
		const c = as(member);
		const cases: [Record<string, string>, string][] = [
			[{ neighbourhood: porto }, 'This area is already listed for the service. Nothing was changed.'],
			[{ name: '  the WHOLE city ' }, 'This area is already listed for the service. Nothing was changed.'],
			[{ neighbourhood: randomUUID() }, 'That neighbourhood is not one of the city’s neighbourhoods.'],
			[{ neighbourhood: "1' or 1=1--" }, 'That neighbourhood is not one of the city’s neighbourhoods.'],
			[{ neighbourhood: '', name: '' }, 'Please choose a neighbourhood or write the name of a wider area.'],
			[{ neighbourhood: centro, name: 'Province' }, 'Please choose a neighbourhood or write a wider area, not both.']
		];
		for (const [form, message] of cases) {
			const res = await c.post(`${url()}?/addArea`, form);
			expect(res.status, JSON.stringify(form)).toBe(400);
			expect(text(res.html)).toContain(message);
		}
		expect(await areasOf(serviceId)).toHaveLength(2);
		expect(await version(serviceId)).toBe(before);
	});
});

describe('other organisations', () => {
	it("cannot add to or remove from another organisation's service", async () => {
		const before = { version: await version(serviceId), contacts: await contactsOf(serviceId), areas: await areasOf(serviceId) };
		const b = as(ownerB);
		expect((await b.post(`${url()}?/addContact`, { name: 'Intruder', email: 'x@example.org' })).status).toBe(403);
		expect((await b.post(`${url()}?/addArea`, { neighbourhood: centro })).status).toBe(403);
		// Under their own organisation's address the service is still ours.
		expect((await b.post(`${base(orgB)}/${serviceId}?/addArea`, { neighbourhood: centro })).status).toBe(403);
		expect((await b.post(`${url()}?/remove`, { kind: 'contact', itemId: before.contacts[0].id })).status).toBe(403);
		// Nor through their own service: our area is not part of it.
		const viaTheirs = await b.post(`${base(orgB)}/${theirServiceId}?/remove`, { kind: 'area', itemId: before.areas[0].id });
		expect(viaTheirs.status).toBe(404);
		expect(text(viaTheirs.html)).toContain('That entry is not part of this service. Nothing was changed.');
		expect((await as(outsider).post(`${url()}?/addContact`, { name: 'Otto' })).status).toBe(403);
		expect((await app.client().post(`${url()}?/addContact`, { name: 'Anon' })).location).toMatch(/^\/signin/);

		expect(await contactsOf(serviceId)).toEqual(before.contacts);
		expect(await areasOf(serviceId)).toEqual(before.areas);
		expect(await version(serviceId)).toBe(before.version);
		expect(await version(theirServiceId)).toBe(1);
	});
});

describe('removing, and the history', () => {
	it('removes a contact and an area, and the history and audit log say what changed', async () => {
		const c = as(member);
		const [anna] = (await contactsOf(serviceId)).filter((x) => x.name === 'Anna Rossi');
		const [area] = (await areasOf(serviceId)).filter((x) => x.neighbourhoodId === porto);
		expect((await c.post(`${url()}?/remove`, { kind: 'contact', itemId: anna.id })).status).toBe(200);
		expect((await c.post(`${url()}?/remove`, { kind: 'area', itemId: area.id })).status).toBe(200);
		// Removed twice: the second time there is nothing to remove.
		expect((await c.post(`${url()}?/remove`, { kind: 'area', itemId: area.id })).status).toBe(404);
		expect((await contactsOf(serviceId)).map((x) => x.email)).toEqual(['desk@casa.example.org']);
		expect((await areasOf(serviceId)).map((x) => x.name)).toEqual(['The whole city']);
		expect(links((await app.client().get('/services?nb=ca-porto')).html)).not.toContain(serviceId);
		expect(text((await app.client().get(`/services/${serviceId}`)).html)).not.toContain('Anna Rossi');

		const history = text((await c.get(`${url()}/history`)).html);
		expect(history).toContain('Contact people: added Anna Rossi, Social worker, Reception, anna.rossi@casa.example.org, +39 055 123 4567');
		expect(history).toContain('Contact people: added desk@casa.example.org');
		expect(history).toContain('Areas served: added Porto');
		expect(history).toContain('Areas served: added The whole city');
		expect(history).toContain('Contact people: removed Anna Rossi');
		expect(history).toContain('Areas served: removed Porto');

		const rows = await db.select({ change: directoryHistory.change }).from(directoryHistory).where(eq(directoryHistory.entityId, serviceId));
		// Created, two contacts and two areas added, one of each removed.
		expect(rows.map((r) => r.change).sort()).toEqual(['created', 'updated', 'updated', 'updated', 'updated', 'updated', 'updated']);
		const audits = await db
			.select({ action: auditLog.action, n: count() })
			.from(auditLog)
			.where(and(eq(auditLog.resourceId, serviceId), like(auditLog.action, 'directory.service.%')))
			.groupBy(auditLog.action);
		expect(Object.fromEntries(audits.map((a) => [a.action, Number(a.n)]))).toEqual({
			'directory.service.created': 1,
			'directory.service.contact_added': 2,
			'directory.service.area_added': 2,
			'directory.service.contact_removed': 1,
			'directory.service.area_removed': 1
		});
	});
});
