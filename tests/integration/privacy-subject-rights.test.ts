/**
 * Subject rights over real HTTP: the lead worker exports everything held
 * about a person as JSON (every part of the folder, protected fields opened
 * only while their consent holds) and as a PDF in the person's language
 * (parsed back with pdf.js: the name and the headings come out as text, in
 * English and in Arabic, shaped and right to left); then erases: deletion is
 * refused inside the retention, anonymising wipes the identity and keeps the
 * counts, an old folder may be deleted, and the housekeeping anonymises
 * closed folders past the retention. Every step is audited; anyone but the
 * lead organisation is refused; statistics count only consenting people and
 * never show a count under 5.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import {
	assessmentScores,
	assessments,
	auditLog,
	breakGlass,
	caseTeam,
	caseWorkers,
	consents,
	documents,
	guardians,
	guardianships,
	guardianVisits,
	neighbourhoods,
	notes,
	organisations,
	people,
	personProtected,
	planActions,
	planGoals,
	referralEvents,
	referrals,
	services,
	tasks,
	transitionPlans
} from '../../src/lib/server/db/schema/index.ts';
import { seal, sealText } from '../../src/lib/server/support/sealing.ts';
import { runHousekeeping } from '../../src/lib/server/auth/housekeeping.ts';
import type { SubjectExport } from '../../src/lib/server/support/subject-export.ts';
import { pdfText } from '../helpers/pdf.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let lead: TestUser;
let workerB: TestUser;
let evaluator: TestUser;
let personId: string;
let borgo: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const folder = (id = personId) => `/app/folders/${id}`;
const audits = (action: string, id = personId, outcome: 'done' | 'denied' = 'done') =>
	db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, id), eq(auditLog.outcome, outcome)));

async function newFolder(name: string): Promise<string> {
	const c = as(lead);
	const page = await c.get('/app/folders/new');
	const res = await c.post('/app/folders/new?/create', { formId: inputValue(page.html, 'formId')!, preferredName: name, birthYear: '1994', languages: 'ar, fr', contact: '+39 333 1234567', method: 'written' });
	return /\/app\/folders\/([0-9a-f-]{36})/.exec(res.location ?? '')![1];
}

/** A download, as raw bytes (the test client reads text). */
async function download(u: TestUser, id: string, form: Record<string, string>) {
	const res = await fetch(`${app.url}${folder(id)}/export/download`, {
		method: 'POST',
		headers: { cookie: `convive_session=${u.token}`, origin: app.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams(form),
		redirect: 'manual'
	});
	return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Moves everything of a folder `years` into the past. */
async function age(id: string, years: number) {
	const back = sql`now() - make_interval(years => ${years})`;
	await db.update(people).set({ createdAt: back }).where(eq(people.id, id));
	await db.update(consents).set({ recordedAt: back }).where(eq(consents.personId, id));
	await db.update(consents).set({ withdrawnAt: back }).where(and(eq(consents.personId, id), sql`${consents.withdrawnAt} is not null`));
	await db.update(caseTeam).set({ addedAt: back }).where(eq(caseTeam.personId, id));
	await db.update(caseWorkers).set({ addedAt: back }).where(eq(caseWorkers.personId, id));
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	[{ id: orgA }, { id: orgB }] = await db
		.insert(organisations)
		.values([
			{ slug: 'sr-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'sr-b', name: 'Sportello Casa', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	lead = await createUser(db, { displayName: 'Anna', totp: true, secondFactor: true });
	workerB = await createUser(db, { displayName: 'Bilal', totp: true, secondFactor: true });
	evaluator = await createUser(db, { displayName: 'Eva', platformRole: 'evaluator' });
	await addMember(db, orgA, lead.id, 'case_worker');
	await addMember(db, orgB, workerB.id, 'case_worker');
	[{ id: borgo }] = await db.insert(neighbourhoods).values({ slug: 'borgo-vecchio', name: 'Borgo Vecchio' }).returning({ id: neighbourhoods.id });

	personId = await newFolder('Amina');
	await db.update(people).set({ neighbourhoodId: borgo, unaccompanied: true, birthDate: '2009-05-01' }).where(eq(people.id, personId));
	const now = new Date();
	const protectedConsent = await db
		.insert(consents)
		.values([
			{ personId, purpose: 'share', organisationId: orgB, method: 'oral_interpreter', recordedBy: lead.id, recordedByOrganisationId: orgA },
			{ personId, purpose: 'statistics', method: 'written', recordedBy: lead.id, recordedByOrganisationId: orgA },
			{ personId, purpose: 'protected_fields', method: 'written', recordedBy: lead.id, recordedByOrganisationId: orgA }
		])
		.returning({ id: consents.id })
		.then((rows) => rows[2]);
	await db.insert(caseTeam).values({ personId, organisationId: orgB, addedBy: lead.id });
	await db.insert(caseWorkers).values({ personId, userId: workerB.id, organisationId: orgB, addedBy: lead.id });
	const [a] = await db.insert(assessments).values({ personId, takenBy: lead.id, organisationId: orgA, comment: 'First meeting' }).returning({ id: assessments.id });
	await db.insert(assessmentScores).values([
		{ assessmentId: a.id, domain: 'housing', score: 2 },
		{ assessmentId: a.id, domain: 'health', score: 4 }
	]);
	const [g] = await db.insert(planGoals).values({ personId, domain: 'housing', text: 'Find a room', ownWords: 'A room near the school', createdBy: lead.id, organisationId: orgA }).returning({ id: planGoals.id });
	await db.insert(planActions).values({ goalId: g.id, personId, text: 'Call the housing desk', ownerUserId: lead.id, dueOn: '2026-03-01', createdBy: lead.id });
	await db.insert(notes).values([
		{ personId, authorId: lead.id, organisationId: orgA, body: 'Met at the centre with her cousin', sensitivity: 'team' },
		{ personId, authorId: workerB.id, organisationId: orgB, body: 'Told me about the journey', sensitivity: 'author' }
	]);
	await db.insert(tasks).values({ personId, title: 'Book the health card appointment', assigneeId: lead.id, createdBy: lead.id, organisationId: orgA, dueAt: now });
	const docId = randomUUID();
	const sealed = seal(new TextEncoder().encode('%PDF-1.4 permesso'), `document:${docId}`);
	await db.insert(documents).values({ id: docId, personId, name: 'permesso.pdf', mediaType: 'application/pdf', size: 17, sha256: 'ab'.repeat(32), ...sealed, uploadedBy: lead.id, organisationId: orgA });
	const prot = sealText(JSON.stringify({ nationality: 'Eritrea', residenceStatus: 'asylum seeker' }), `person_protected:${personId}`);
	await db.insert(personProtected).values({ personId, consentId: protectedConsent.id, ...prot, updatedBy: lead.id });
	const [svc] = await db.insert(services).values({ organisationId: orgB, name: { en: 'Housing desk' }, needs: ['housing'] }).returning({ id: services.id });
	const [r] = await db
		.insert(referrals)
		.values({ personId, fromOrganisationId: orgA, fromUserId: lead.id, serviceId: svc.id, serviceName: 'Housing desk', toOrganisationId: orgB, message: 'Needs a room soon', state: 'accepted', respondBy: now })
		.returning({ id: referrals.id });
	await db.insert(referralEvents).values([
		{ referralId: r.id, fromState: null, toState: 'sent', actorId: lead.id, organisationId: orgA },
		{ referralId: r.id, fromState: 'sent', toState: 'accepted', actorId: workerB.id, organisationId: orgB }
	]);
	const guardianUser = await createUser(db, { displayName: 'Giulia' });
	const [gd] = await db.insert(guardians).values({ userId: guardianUser.id, status: 'active' }).returning({ id: guardians.id });
	const [ship] = await db.insert(guardianships).values({ guardianId: gd.id, childId: personId, slot: 1 }).returning({ id: guardianships.id });
	await db.insert(guardianVisits).values({ guardianshipId: ship.id, visitedOn: '2026-01-10', summary: 'School is going well', recordedBy: guardianUser.id });
	await db.insert(transitionPlans).values({ childId: personId, summary: 'Semi-independent flat at 18', agreedOn: '2026-02-01', recordedBy: lead.id });
	await db.insert(breakGlass).values({ userId: workerB.id, personId, organisationId: orgB, reason: 'Night emergency at the shelter', expiresAt: new Date(Date.now() + 3600_000) });
	await db.update(breakGlass).set({ endedAt: new Date() }).where(eq(breakGlass.personId, personId));
}, 180_000);
afterAll(() => app?.stop());

describe('the export page', () => {
	it('offers the PDF in the person’s own language and the JSON, to the lead organisation only', async () => {
		const page = await as(lead).get(`${folder()}/export`);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Export everything held');
		expect(page.html).toMatch(/<option value="ar"[^>]*selected/);
		expect((await as(workerB).get(`${folder()}/export`)).status).toBe(403);
		expect((await as(evaluator).get(`${folder()}/export`)).status).toBe(403);
	});
});

describe('the JSON export', () => {
	let data: SubjectExport;

	it('holds every part of the folder, and is audited', async () => {
		const res = await download(lead, personId, { format: 'json' });
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^application\/json/);
		expect(res.disposition).toBe(`attachment; filename="convive-folder-${personId}.json"`);
		data = JSON.parse(new TextDecoder().decode(res.bytes)) as SubjectExport;
		expect(data.format).toBe('convive.subject-access/1');
		expect(data.person).toMatchObject({ id: personId, preferredName: 'Amina', birthYear: 1994, birthDate: '2009-05-01', languages: ['ar', 'fr'], contact: '+39 333 1234567', neighbourhood: 'Borgo Vecchio', unaccompanied: true });
		expect(data.consents.map((c) => c.purpose).sort()).toEqual(['coordination', 'protected_fields', 'share', 'statistics']);
		expect(data.consents.find((c) => c.purpose === 'share')).toMatchObject({ organisation: 'Sportello Casa', method: 'oral_interpreter', recordedBy: 'Anna' });
		expect(data.team.map((t) => t.organisation).sort()).toEqual(['Casa dei Popoli', 'Sportello Casa']);
		expect(data.workers).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Anna', lead: true }), expect.objectContaining({ name: 'Bilal', lead: false })]));
		expect(data.assessments).toMatchObject([{ takenBy: 'Anna', comment: 'First meeting', scores: { housing: 2, health: 4 } }]);
		expect(data.plan).toMatchObject([{ text: 'Find a room', ownWords: 'A room near the school', actions: [{ text: 'Call the housing desk', owner: 'Anna', dueOn: '2026-03-01' }] }]);
		// Every note, whatever its sensitivity: it is the person's own data.
		expect(data.notes.map((n) => n.body).sort()).toEqual(['Met at the centre with her cousin', 'Told me about the journey']);
		expect(data.tasks).toMatchObject([{ title: 'Book the health card appointment', assignee: 'Anna' }]);
		expect(data.documents).toMatchObject([{ name: 'permesso.pdf', mediaType: 'application/pdf', size: 17 }]);
		expect(JSON.stringify(data.documents)).not.toMatch(/sealed|"iv"/);
		expect(data.protectedFields).toMatchObject({ status: 'shown', values: { nationality: 'Eritrea', residenceStatus: 'asylum seeker' } });
		expect(data.referrals).toMatchObject([{ service: 'Housing desk', toOrganisation: 'Sportello Casa', state: 'accepted', message: 'Needs a room soon' }]);
		expect(data.referrals[0].events.map((e) => e.toState)).toEqual(['sent', 'accepted']);
		expect(data.guardianships).toMatchObject([{ guardian: 'Giulia', visits: [{ summary: 'School is going well' }] }]);
		expect(data.transitionPlan).toMatchObject({ summary: 'Semi-independent flat at 18' });
		expect(data.breakGlass).toMatchObject([{ user: 'Bilal', organisation: 'Sportello Casa', reason: 'Night emergency at the shelter' }]);
		expect(data.accessLog.map((e) => e.action)).toContain('support.folder.created');
		const logged = await audits('support.folder.exported');
		expect(logged).toHaveLength(1);
		expect(logged[0].details).toMatchObject({ format: 'json' });
	});

	it('keeps the protected fields sealed once their consent is withdrawn, and says they are held', async () => {
		await db
			.update(consents)
			.set({ withdrawnAt: new Date(), withdrawalReason: 'asked' })
			.where(and(eq(consents.personId, personId), eq(consents.purpose, 'protected_fields')));
		const res = await download(lead, personId, { format: 'json' });
		const again = JSON.parse(new TextDecoder().decode(res.bytes)) as SubjectExport;
		expect(again.protectedFields).toMatchObject({ status: 'sealed', values: null });
		expect(new TextDecoder().decode(res.bytes)).not.toContain('Eritrea');
	});

	it('refuses another team organisation and a bad form, exporting nothing', async () => {
		const before = (await audits('support.folder.exported')).length;
		const deniedBefore = (await audits('folder.export', personId, 'denied')).length;
		const theirs = await download(workerB, personId, { format: 'json' });
		expect(theirs.status).toBe(403);
		expect(new TextDecoder().decode(theirs.bytes)).not.toContain('Amina');
		const denied = await audits('folder.export', personId, 'denied');
		expect(denied).toHaveLength(deniedBefore + 1);
		expect(denied.at(-1)?.actorId).toBe(workerB.id);
		expect((await download(lead, personId, { format: 'xml' })).status).toBe(400);
		expect((await download(lead, personId, { format: 'pdf', locale: 'xx' })).status).toBe(400);
		expect((await audits('support.folder.exported')).length).toBe(before);
	});
});

describe('the PDF export', () => {
	it('reads back in English: the name, the headings, what the folder holds', async () => {
		const res = await download(lead, personId, { format: 'pdf', locale: 'en' });
		expect(res.status).toBe(200);
		expect(res.type).toBe('application/pdf');
		expect(new TextDecoder('latin1').decode(res.bytes.slice(0, 5))).toBe('%PDF-');
		const t = await pdfText(res.bytes);
		for (const s of ['Everything held about Amina', 'About you', 'Your consents', 'Your support team', 'Needs assessments', 'Support plan', 'Referrals', 'Guardianship', 'Emergency accesses', 'Who opened your folder'])
			expect(t).toContain(s);
		expect(t).toContain('Met at the centre with her cousin');
		expect(t).toContain('Housing: 2 vulnerable');
		const logged = await audits('support.folder.exported');
		expect(logged.at(-1)?.details).toMatchObject({ format: 'pdf', locale: 'en' });
	});

	it('reads back in Arabic, shaped and right to left, with the fonts embedded', async () => {
		const arabicId = await newFolder('أمينة');
		const res = await download(lead, arabicId, { format: 'pdf', locale: 'ar' });
		expect(res.status).toBe(200);
		const raw = new TextDecoder('latin1').decode(res.bytes);
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansArabic-Regular/);
		expect(raw).toMatch(/\/Lang \(ar\)/);
		const t = await pdfText(res.bytes);
		// pdf.js gives right-to-left text back in reading order only if the glyphs were drawn right to left.
		expect(t).toContain('كل البيانات المحفوظة عن أمينة');
		for (const s of ['عنك', 'موافقاتك', 'فريق دعمك', 'من فتح ملفك']) expect(t).toContain(s);
		expect(t).toContain('تنسيق دعمي');
	});

	it('reads back in Tigrinya', async () => {
		const res = await download(lead, personId, { format: 'pdf', locale: 'ti' });
		const t = await pdfText(res.bytes);
		expect(t).toContain('ብዛዕባ Amina ዝተዓቀበ ኩሉ ሓበሬታ');
		expect(t).toContain('ፍቓዳትካ');
	});
});

describe('erasure', () => {
	it('shows the retention rule and refuses to delete inside it', async () => {
		const c = as(lead);
		const page = await c.get(`${folder()}/erase`);
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Records are kept for 10 years after the folder');
		expect(text(page.html)).toMatch(/Until .* the folder may only be anonymised\./);
		const res = await c.post(`${folder()}/erase?/erase`, { mode: 'delete', confirm: 'Amina', reason: 'In writing on 3 March' });
		expect(res.status).toBe(409);
		expect(text(res.html)).toContain('These records must still be kept: anonymise them instead.');
		expect(await db.select().from(people).where(eq(people.id, personId))).toHaveLength(1);
	});

	it('refuses another organisation and a wrong confirmation, changing nothing', async () => {
		expect((await as(workerB).post(`${folder()}/erase?/erase`, { mode: 'anonymise', confirm: 'Amina', reason: 'x' })).status).toBe(403);
		const wrong = await as(lead).post(`${folder()}/erase?/erase`, { mode: 'anonymise', confirm: 'Amira', reason: 'In writing' });
		expect(wrong.status).toBe(400);
		expect(text(wrong.html)).toContain('Type the preferred name exactly as it is shown.');
		const [p] = await db.select().from(people).where(eq(people.id, personId));
		expect(p).toMatchObject({ preferredName: 'Amina', erasedAt: null });
	});

	it('anonymises: the identity goes, the folder closes, the counts stay, and it is audited', async () => {
		const c = as(lead);
		const res = await c.post(`${folder()}/erase?/erase`, { mode: 'anonymise', confirm: ' amina ', reason: 'In writing on 3 March' });
		expect(res.status).toBe(303);
		expect(res.location).toBe('/app/folders/erased?mode=anonymise');
		expect(text((await c.follow(res)).html)).toContain('The folder was anonymised.');

		const [p] = await db.select().from(people).where(eq(people.id, personId));
		expect(p).toMatchObject({ preferredName: '', birthYear: null, birthDate: null, languages: [], contact: null, neighbourhoodId: borgo });
		expect(p.erasedAt).not.toBeNull();
		expect((await db.select().from(notes).where(eq(notes.personId, personId))).map((n) => n.body)).toEqual(['', '']);
		expect((await db.select().from(planGoals).where(eq(planGoals.personId, personId)))[0]).toMatchObject({ text: '', ownWords: null });
		expect(await db.select().from(documents).where(eq(documents.personId, personId))).toHaveLength(0);
		expect(await db.select().from(personProtected).where(eq(personProtected.personId, personId))).toHaveLength(0);
		expect((await db.select().from(referrals).where(eq(referrals.personId, personId)))[0]).toMatchObject({ message: '', state: 'accepted' });
		expect((await db.select().from(guardianVisits))[0].summary).toBe('');
		expect((await db.select().from(breakGlass).where(eq(breakGlass.personId, personId)))[0].reason).toBe('');
		// Counts stay.
		expect(await db.select({ n: count() }).from(assessmentScores)).toEqual([{ n: 2 }]);
		expect((await db.select().from(consents).where(eq(consents.personId, personId))).length).toBe(4);

		const logged = await audits('support.folder.anonymised');
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({ actorId: lead.id, details: { mode: 'anonymise', request: 'In writing on 3 March' } });
		// Nobody opens it any more.
		for (const path of [folder(), `${folder()}/export`, `${folder()}/access`, `${folder()}/erase`]) expect((await c.get(path)).status, path).toBe(403);
	});

	it('deletes a folder whose last activity is older than the retention', async () => {
		const oldId = await newFolder('Old Case');
		await age(oldId, 11);
		const c = as(lead);
		expect(text((await c.get(`${folder(oldId)}/erase`)).html)).toContain('That time has passed: the folder may be deleted.');
		const res = await c.post(`${folder(oldId)}/erase?/erase`, { mode: 'delete', confirm: 'Old Case', reason: 'By e-mail' });
		expect(res.status).toBe(303);
		expect(res.location).toBe('/app/folders/erased?mode=delete');
		expect(await db.select().from(people).where(eq(people.id, oldId))).toHaveLength(0);
		expect(await db.select().from(consents).where(eq(consents.personId, oldId))).toHaveLength(0);
		expect(await audits('support.folder.deleted', oldId)).toHaveLength(1);
	});

	it('anonymises closed folders past the retention at housekeeping, and nothing else', async () => {
		const closedOld = await newFolder('Closed Old');
		const openOld = await newFolder('Open Old');
		const closedNew = await newFolder('Closed New');
		for (const id of [closedOld, closedNew]) {
			await db.update(consents).set({ withdrawnAt: new Date(), withdrawalReason: 'moved away' }).where(eq(consents.personId, id));
		}
		await age(closedOld, 11);
		await age(openOld, 11);
		await runHousekeeping(db);
		const rows = await db.select().from(people).where(sql`${people.id} in (${closedOld}, ${openOld}, ${closedNew})`);
		const by = (id: string) => rows.find((r) => r.id === id)!;
		expect(by(closedOld)).toMatchObject({ preferredName: '' });
		expect(by(closedOld).erasedAt).not.toBeNull();
		expect(by(openOld)).toMatchObject({ preferredName: 'Open Old', erasedAt: null });
		expect(by(closedNew)).toMatchObject({ preferredName: 'Closed New', erasedAt: null });
		const logged = await audits('support.folder.anonymised', closedOld);
		expect(logged).toMatchObject([{ actorId: null, details: { automatic: true, retentionYears: 10 } }]);
	});
});

describe('statistics', () => {
	it('count only people with an active statistics consent, the anonymised included, and never show fewer than 5', async () => {
		const [kalsa] = await db.insert(neighbourhoods).values({ slug: 'kalsa', name: 'Kalsa' }).returning({ id: neighbourhoods.id });
		const add = async (where: string, stats: 'active' | 'withdrawn' | 'none', housing: number | null) => {
			const [p] = await db.insert(people).values({ preferredName: `S ${randomUUID().slice(0, 6)}`, neighbourhoodId: where }).returning({ id: people.id });
			if (stats !== 'none')
				await db.insert(consents).values({ personId: p.id, purpose: 'statistics', method: 'written', ...(stats === 'withdrawn' ? { withdrawnAt: new Date(), withdrawalReason: 'no' } : {}) });
			if (housing !== null) {
				const [a] = await db.insert(assessments).values({ personId: p.id }).returning({ id: assessments.id });
				await db.insert(assessmentScores).values({ assessmentId: a.id, domain: 'housing', score: housing });
			}
		};
		// Borgo Vecchio: the anonymised Amina and 5 more who agreed; one who did not, one who withdrew.
		for (let i = 0; i < 5; i++) await add(borgo, 'active', 1);
		await add(borgo, 'none', 1);
		await add(borgo, 'withdrawn', 1);
		// Kalsa: 2 who agreed.
		await add(kalsa.id, 'active', 5);
		await add(kalsa.id, 'active', 5);

		const page = await as(evaluator).get('/app/support/stats');
		expect(page.status).toBe(200);
		const t = text(page.html);
		expect(t).toMatch(/Borgo Vecchio 6 /);
		expect(t).toMatch(/Kalsa hidden /);
		// Kalsa's 2 and "not given" (0) are both hidden, so the total (8) gives neither away.
		expect(t).toMatch(/Not given hidden /);
		expect(t).toMatch(/People by neighbourhood.*Total 8/);
		// Housing: 6 in crisis or vulnerable (Amina's 2 and five 1s), the 2 thriving hidden, and the stable (0) with them.
		expect(t).toMatch(/Housing 6 hidden hidden 8/);
		// No count under 5 anywhere in the tables.
		const cells = [...page.html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<td class="num[^"]*">\s*(\d+)\s*<\/td>/g)].map((x) => Number(x[1]));
		expect(cells.length).toBeGreaterThan(0);
		for (const n of cells) expect(n).toBeGreaterThanOrEqual(5);
		expect((await as(lead).get('/app/support/stats')).status).toBe(403);
	});
});
