/**
 * Nationality and residence status over real HTTP, without JavaScript:
 * recorded only when the person asks (a `protected_fields` consent, how they
 * asked), sealed in the database, shown only to the lead worker's
 * organisation, and deleted the moment the consent is withdrawn, from this
 * page or from the folder's overview. Every read and write is audited,
 * never with the values.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { auditLog, caseTeam, caseWorkers, consents, organisations, people, personProtected } from '../../src/lib/server/db/schema/index.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let lead: TestUser;
let colleague: TestUser;
let partner: TestUser;
let stranger: TestUser;
let personId: string;
let otherPersonId: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const url = (p = personId) => `/app/folders/${p}/protected`;
const protectedConsent = (p = personId) =>
	db.select().from(consents).where(and(eq(consents.personId, p), eq(consents.purpose, 'protected_fields'), isNull(consents.withdrawnAt)));
const stored = (p = personId) => db.select().from(personProtected).where(eq(personProtected.personId, p));
const audits = (action: string, p = personId) => db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, p)));

async function folder(name: string) {
	const [p] = await db.insert(people).values({ preferredName: name, createdByOrganisationId: orgA }).returning({ id: people.id });
	await db.insert(consents).values({ personId: p.id, purpose: 'coordination', method: 'written', recordedBy: lead.id, recordedByOrganisationId: orgA });
	await db.insert(caseTeam).values([
		{ personId: p.id, organisationId: orgA, addedBy: lead.id },
		{ personId: p.id, organisationId: orgB, addedBy: lead.id }
	]);
	await db.insert(consents).values({ personId: p.id, purpose: 'share', organisationId: orgB, method: 'written', recordedBy: lead.id, recordedByOrganisationId: orgA });
	await db.insert(caseWorkers).values({ personId: p.id, userId: lead.id, organisationId: orgA, lead: true, addedBy: lead.id });
	return p.id;
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const orgs = await db
		.insert(organisations)
		.values([
			{ slug: 'prot-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'prot-b', name: 'Sportello Diritti', type: 'ngo', verification: 'verified' },
			{ slug: 'prot-c', name: 'Terza', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	[orgA, orgB] = orgs.map((o) => o.id);
	lead = await createUser(db, { displayName: 'Anna', totp: true, secondFactor: true });
	colleague = await createUser(db, { displayName: 'Carlo', totp: true, secondFactor: true });
	partner = await createUser(db, { displayName: 'Pia', totp: true, secondFactor: true });
	stranger = await createUser(db, { displayName: 'Sara', totp: true, secondFactor: true });
	await addMember(db, orgA, lead.id, 'case_worker');
	await addMember(db, orgA, colleague.id, 'case_worker');
	await addMember(db, orgB, partner.id, 'coordinator');
	await addMember(db, orgs[2].id, stranger.id, 'owner');
	personId = await folder('Amina');
	otherPersonId = await folder('Bashir');
});
afterAll(() => app?.stop());

describe('recording at the person’s request', () => {
	it('shows that nothing is required and nothing is recorded', async () => {
		const page = await as(lead).get(url());
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toContain('Nationality and residence status');
		expect(t).toContain('Never required. Record them only if the person asks you to.');
		expect(t).toContain('Nothing is recorded.');
		expect(page.html).toContain('name="asked"');
	});

	it('records nothing unless the box says the person asked, how they asked, and at least one value', async () => {
		const c = as(lead);
		const unasked = await c.post(`${url()}?/record`, { nationality: 'Eritrea', method: 'written' });
		expect(unasked.status).toBe(400);
		expect(text(unasked.html)).toContain('Record this only if the person asked for it, and tick the box to say so.');
		// What was typed is kept on the page.
		expect(unasked.html).toMatch(/name="nationality"[^>]*value="Eritrea"|value="Eritrea"[^>]*name="nationality"/);
		const noMethod = await c.post(`${url()}?/record`, { nationality: 'Eritrea', asked: 'on' });
		expect(noMethod.status).toBe(400);
		const nothing = await c.post(`${url()}?/record`, { asked: 'on', method: 'written', nationality: '  ' });
		expect(nothing.status).toBe(400);
		expect(text(nothing.html)).toContain('Write the nationality, the residence status, or both.');
		expect(await protectedConsent()).toHaveLength(0);
		expect(await stored()).toHaveLength(0);
	});

	it('records the consent and the values, sealed, and shows them to the lead worker’s organisation', async () => {
		const res = await as(lead).post(`${url()}?/record`, { asked: 'on', method: 'oral_interpreter', nationality: 'Eritrea', residenceStatus: 'Asylum seeker, waiting for the hearing' });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('Saved, encrypted.');
		const [consent] = await protectedConsent();
		expect(consent).toMatchObject({ method: 'oral_interpreter', recordedBy: lead.id, recordedByOrganisationId: orgA });
		const [row] = await stored();
		expect(row.consentId).toBe(consent.id);
		expect(row.iv).toHaveLength(12);
		const sealed = Buffer.from(row.sealed).toString('latin1');
		expect(sealed).not.toContain('Eritrea');
		expect(sealed).not.toContain('Asylum');

		for (const who of [lead, colleague]) {
			const t = text((await as(who).get(url())).html);
			expect(t).toContain('Eritrea');
			expect(t).toContain('Asylum seeker, waiting for the hearing');
			expect(t).toMatch(/The person asked for this on .+ \(orally, with an interpreter\); recorded by Anna\./i);
		}
	});

	it('changes the values without a second consent', async () => {
		const res = await as(colleague).post(`${url()}?/record`, { nationality: 'Eritrea', residenceStatus: 'Refugee status granted' });
		expect(res.status).toBe(200);
		expect(await protectedConsent()).toHaveLength(1);
		expect(text((await as(lead).get(url())).html)).toContain('Refugee status granted');
	});

	it('keeps them from every other organisation, even one on the team that may open the folder', async () => {
		const b = as(partner);
		expect((await b.get(`/app/folders/${personId}`)).status).toBe(200);
		const page = await b.get(url());
		expect(page.status).toBe(403);
		expect(page.html).not.toContain('Refugee status granted');
		const write = await b.post(`${url()}?/record`, { nationality: 'Somalia' });
		expect(write.status).toBe(403);
		expect((await as(stranger).get(url())).status).toBe(403);
		expect((await audits('folder.protected.manage')).filter((a) => a.outcome === 'denied').length).toBeGreaterThanOrEqual(3);
		const [row] = await stored();
		expect(row.updatedBy).toBe(colleague.id);
	});

	it('audits every read and write, never with the values', async () => {
		expect((await audits('support.protected.viewed')).length).toBeGreaterThanOrEqual(3);
		expect(await audits('support.protected.recorded')).toHaveLength(2);
		const everything = JSON.stringify(await db.select().from(auditLog));
		expect(everything).not.toContain('Eritrea');
		expect(everything).not.toContain('Refugee');
	});

	it('does not open sealed values copied to another person', async () => {
		const [row] = await stored();
		const c = as(lead);
		expect((await c.post(`${url(otherPersonId)}?/record`, { asked: 'on', method: 'written', nationality: 'Sudan' })).status).toBe(200);
		const [otherConsent] = await protectedConsent(otherPersonId);
		await db.update(personProtected).set({ keyId: row.keyId, iv: row.iv, sealed: row.sealed }).where(eq(personProtected.personId, otherPersonId));
		const page = text((await c.get(url(otherPersonId))).html);
		expect(page).toContain('The recorded values can no longer be opened.');
		expect(page).not.toContain('Eritrea');
		expect(otherConsent).toBeDefined();
	});
});

describe('withdrawing', () => {
	it('refuses to withdraw any other consent from this page', async () => {
		const [coordination] = await db.select().from(consents).where(and(eq(consents.personId, personId), eq(consents.purpose, 'coordination')));
		const res = await as(lead).post(`${url()}?/withdraw`, { consentId: coordination.id, reason: 'trying' });
		expect(res.status).toBe(404);
		const [still] = await db.select().from(consents).where(eq(consents.id, coordination.id));
		expect(still.withdrawnAt).toBeNull();
		expect(await stored()).toHaveLength(1);
	});

	it('deletes both values at once when the consent is withdrawn here', async () => {
		const [consent] = await protectedConsent();
		const res = await as(lead).post(`${url()}?/withdraw`, { consentId: consent.id, reason: 'The person asked' });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('The consent was withdrawn and the values were deleted.');
		expect(text(res.html)).toContain('Nothing is recorded.');
		expect(await stored()).toHaveLength(0);
		const [after] = await db.select().from(consents).where(eq(consents.id, consent.id));
		expect(after).toMatchObject({ withdrawnBy: lead.id, withdrawalReason: 'The person asked' });
		expect(await audits('support.protected.deleted')).toHaveLength(1);
		// A withdrawn consent still open in another tab: refused, nothing changes.
		const stale = await as(lead).post(`${url()}?/withdraw`, { consentId: consent.id, reason: 'again' });
		expect(stale.status).toBe(404);
	});

	it('deletes them too when the consent is withdrawn from the folder’s overview', async () => {
		const c = as(lead);
		expect((await c.post(`${url()}?/record`, { asked: 'on', method: 'written', residenceStatus: 'No permit' })).status).toBe(200);
		expect(await stored()).toHaveLength(1);
		const [consent] = await protectedConsent();
		const overview = await c.get(`/app/folders/${personId}`);
		expect(overview.html).toContain(`value="${consent.id}"`);
		const res = await c.post(`/app/folders/${personId}?/withdrawConsent`, { consentId: consent.id, reason: 'No longer wanted' });
		expect(res.status).toBe(200);
		expect(await stored()).toHaveLength(0);
		expect(await protectedConsent()).toHaveLength(0);
		expect(text((await c.get(url())).html)).toContain('Nothing is recorded.');
		expect(await audits('support.protected.deleted')).toHaveLength(2);
	});
});
