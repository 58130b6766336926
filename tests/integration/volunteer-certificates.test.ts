/**
 * Volunteer certificates over HTTP (issue 6): a volunteer with confirmed
 * hours makes a certificate from a form (no JavaScript), downloads the PDF
 * (checked with a real PDF parser), and anyone checks its code on the public
 * page, in English and in Arabic; a tampered code and someone else's code
 * reveal nothing.
 */
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, volunteerCertificates } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import type { SignedInActor } from '../../src/lib/server/policy/index.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { createOpportunity } from '../../src/lib/server/engagement/opportunities.ts';
import { apply, decide } from '../../src/lib/server/engagement/volunteers.ts';
import { logHours, reviewHours } from '../../src/lib/server/engagement/hours.ts';
import { opportunityForm } from '../../src/lib/server/engagement/schemas.ts';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import { pdfText } from '../helpers/pdf.ts';

let app: TestApp;
let volunteer: TestUser;

const actor = (id: string, memberships: Map<string, 'volunteer_coordinator'> = new Map()): SignedInActor => ({
	kind: 'user',
	userId: id,
	personKind: 'newcomer',
	platformRole: null,
	memberships,
	emailVerified: true,
	secondFactor: true,
	totpEnabled: true
});

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	const db = app.database.db;
	const [org] = await db.insert(organisations).values({ slug: 'cert-org', name: 'Orti Condivisi', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
	const coordinator = await createUser(db, { displayName: 'Chiara', totp: true, secondFactor: true });
	await addMember(db, org.id, coordinator.id, 'volunteer_coordinator');
	volunteer = await createUser(db, { displayName: 'Yonas Tesfay', kind: 'newcomer' });
	const ctx = (a: SignedInActor): Ctx => ({ db, actor: a, ip: null, requestId: null, locale: 'en', origin: app.url });
	const coord = actor(coordinator.id, new Map([[org.id, 'volunteer_coordinator']]));
	const opp = await createOpportunity(
		ctx(coord),
		org.id,
		opportunityForm.parse({ title: 'Community garden', description: 'Growing vegetables together.', kind: 'ongoing', mode: 'in_person', open: 'on' })
	);
	await decide(ctx(coord), { applicationId: await apply(ctx(actor(volunteer.id)), opp, ''), decision: 'accepted', reason: '' });
	const hours = await logHours(ctx(actor(volunteer.id)), { opportunityId: opp, shiftId: null, workedOn: addDays(cityToday(), -3), minutes: 195, tasks: 'Planting and watering', skills: ['gardening'] });
	await reviewHours(ctx(coord), hours, 'confirmed');
}, 60_000);

afterAll(async () => {
	await app?.stop();
});

describe('volunteer certificates over HTTP', () => {
	let code = '';

	it('sends a signed-out visitor to sign in, and shows a volunteer their confirmed hours', async () => {
		const anon = await app.client().get('/volunteer/certificate');
		expect(anon.status).toBe(303);
		expect(anon.location).toMatch(/^\/signin\?next=/);
		const page = await signIn(app.client(), volunteer).get('/volunteer/certificate');
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('3 h 15 min');
	});

	it('makes the certificate from a plain form post and serves it as a PDF in two languages', async () => {
		const c = signIn(app.client(), volunteer);
		const posted = await c.post('/volunteer/certificate?/issue', {});
		expect(posted.status).toBe(303);
		expect(posted.location).toMatch(/^\/volunteer\/certificate\/[0-9A-Z]{10}$/);
		code = posted.location!.split('/').pop()!;
		const res = await fetch(app.url + posted.location, { headers: { cookie: `convive_session=${volunteer.token}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const pdf = await pdfText(new Uint8Array(await res.arrayBuffer()));
		expect(pdf).toContain('Yonas Tesfay');
		expect(pdf).toContain('Community garden');
		expect(pdf).toContain('Gardening');
		expect(pdf).toContain('Certificato di volontariato');
		// Someone else asking for this code finds nothing.
		const other = await createUser(app.database.db, { displayName: 'Nosy' });
		const theirs = await signIn(app.client(), other).get(`/volunteer/certificate/${code}`);
		expect(theirs.status).toBe(404);
	});

	it('checks the code publicly, in Arabic too, and says nothing about a tampered one', async () => {
		const shown = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
		const ok = await app.client().get(`/certificates?code=${encodeURIComponent(shown.toLowerCase())}`);
		expect(ok.status).toBe(200);
		expect(text(ok.html)).toContain('This certificate is genuine.');
		expect(text(ok.html)).toContain('Yonas Tesfay');
		const ar = await app.client({ locale: 'ar' }).get(`/certificates?code=${shown}`);
		expect(ar.html).toMatch(/<html[^>]*dir="rtl"/);
		expect(text(ar.html)).toContain('Yonas Tesfay');
		const tampered = code.slice(0, 9) + (code.endsWith('Z') ? 'Y' : 'Z');
		const bad = await app.client().get(`/certificates?code=${tampered}`);
		expect(bad.status).toBe(200);
		expect(text(bad.html)).toContain('No valid certificate has this code');
		expect(text(bad.html)).not.toContain('Yonas');
		const hostile = await app.client().get(`/certificates?code=${encodeURIComponent('<script>alert(1)</script>'.repeat(50))}`);
		expect(hostile.status).toBe(200);
		expect(hostile.html).not.toContain('<script>alert(1)');
	});

	it('tells a volunteer without confirmed hours why there is no certificate, and changes nothing', async () => {
		const fresh = await createUser(app.database.db, { displayName: 'New Volunteer' });
		const c = signIn(app.client(), fresh);
		const posted = await c.post('/volunteer/certificate?/issue', {});
		expect(posted.status).toBe(409);
		expect(text(posted.html)).toContain('There are no confirmed hours yet');
	});
});

describe('withdrawing and revoking certificates', () => {
	const shown = (c: string) => `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
	const genuine = async (c: string) => text((await app.client().get(`/certificates?code=${shown(c)}`)).html).includes('This certificate is genuine.');
	const revokedCount = async () => (await app.database.db.select({ n: count() }).from(volunteerCertificates).where(isNotNull(volunteerCertificates.revokedAt)))[0].n;

	it('lets the volunteer withdraw their own certificate, and no one else\'s', async () => {
		const c = signIn(app.client(), volunteer);
		const code = (await c.post('/volunteer/certificate?/issue', {})).location!.split('/').pop()!;
		expect(await genuine(code)).toBe(true);
		// Someone else cannot withdraw it: the same answer as for a code that does not exist.
		const other = await createUser(app.database.db, { displayName: 'Mallory' });
		const foreign = await signIn(app.client(), other).post('/volunteer/certificate?/withdraw', { code });
		expect(foreign.status).toBe(404);
		expect(text(foreign.html)).toContain('This certificate does not exist.');
		expect(await genuine(code)).toBe(true);

		const page = await c.get('/volunteer/certificate');
		expect(page.html).toContain(`name="code" value="${code}"`);
		const done = await c.post('/volunteer/certificate?/withdraw', { code });
		expect(done.status).toBe(200);
		expect(text(done.html)).toContain('Certificate withdrawn.');
		expect(done.html).not.toContain(`name="code" value="${code}"`);
		expect(await genuine(code)).toBe(false);
		// A replayed form changes nothing and says why.
		const again = await c.post('/volunteer/certificate?/withdraw', { code });
		expect(again.status).toBe(404);
		expect(text(again.html)).toContain('This certificate does not exist.');
		// A new certificate gets a new code.
		const fresh = (await c.post('/volunteer/certificate?/issue', {})).location!.split('/').pop()!;
		expect(fresh).not.toBe(code);
		expect(await genuine(fresh)).toBe(true);
	});

	it('lets a city administrator revoke a certificate with a reason kept in the audit log', async () => {
		const db = app.database.db;
		const code = (await signIn(app.client(), volunteer).post('/volunteer/certificate?/issue', {})).location!.split('/').pop()!;
		const admin = await createUser(db, { displayName: 'Admin', platformRole: 'admin', totp: true, secondFactor: true });
		const a = signIn(app.client(), admin);
		expect((await a.get('/app/admin/certificates')).status).toBe(200);
		const before = await revokedCount();

		const empty = await a.post('/app/admin/certificates?/revoke', { code: '', reason: '' });
		expect(empty.status).toBe(400);
		const unknown = await a.post('/app/admin/certificates?/revoke', { code: '7KQ2-M9XD-4T', reason: 'Hours were invented' });
		expect(unknown.status).toBe(404);
		expect(text(unknown.html)).toContain('This certificate does not exist.');
		expect(await revokedCount()).toBe(before);
		// A volunteer coordinator or the volunteer themself cannot use the city's page.
		expect((await signIn(app.client(), volunteer).post('/app/admin/certificates?/revoke', { code, reason: 'x' })).status).toBe(403);

		const done = await a.post('/app/admin/certificates?/revoke', { code: shown(code).toLowerCase(), reason: 'Hours confirmed by mistake (organisation\'s request)' });
		expect(done.status).toBe(200);
		expect(text(done.html)).toContain(`Certificate ${shown(code)} of Yonas Tesfay revoked.`);
		expect(await genuine(code)).toBe(false);
		const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'volunteering.certificate.revoke'), eq(auditLog.outcome, 'done')));
		expect(entry.details).toMatchObject({ certificate: shown(code), reason: "Hours confirmed by mistake (organisation's request)" });
		const listed = await a.get('/app/admin/certificates');
		expect(text(listed.html)).toContain(shown(code));

		const twice = await a.post('/app/admin/certificates?/revoke', { code, reason: 'Again' });
		expect(twice.status).toBe(409);
		expect(text(twice.html)).toContain('This certificate was already revoked.');
	});
});
