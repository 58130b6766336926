/**
 * The validation panels pages over real HTTP and without JavaScript: opting
 * in (and a child refused, in Arabic), an officer composing a panel, inviting
 * and sharing a draft with a picture (multipart posts), a member accepting
 * and answering a picture-choice question in Tigrinya, bad answers refused
 * with a translated message, the answers side by side (hostile text shown as
 * text), the pictures served only to members and staff, the summary.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { createUser, signIn, type TestUser } from '../helpers/users.ts';
import { emailOutbox, panelAnswers, panelMembers, panelPool, panelQuestions, panels } from '../../src/lib/server/db/schema/index.ts';
import { jpeg, pngClaiming } from '../fixtures/documents-files.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let officer: TestUser;
let selam: TestUser;
let outsider: TestUser;
let panelId = '';
let draftId = '';

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);

/** A multipart form post, as a browser without JavaScript sends one with a file. */
async function multipart(user: TestUser, path: string, fields: Record<string, string>, files: Record<string, { name: string; bytes: Uint8Array; type: string }> = {}) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	for (const [k, f] of Object.entries(files)) form.append(k, new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type }), f.name);
	const encoded = new Response(form);
	const res = await fetch(app.url + path, {
		method: 'POST',
		body: await encoded.arrayBuffer(),
		headers: { 'content-type': encoded.headers.get('content-type')!, cookie: `convive_session=${user.token}`, origin: app.url, accept: 'text/html', 'accept-language': 'en' },
		redirect: 'manual'
	});
	return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	officer = await createUser(db, { displayName: 'Officer Rossi', platformRole: 'integration_officer', totp: true, secondFactor: true });
	selam = await createUser(db, { displayName: 'Selam', kind: 'newcomer' });
	outsider = await createUser(db, { displayName: 'Outsider' });
	await app.client({ locale: 'en' }).get('/panels');
}, 180_000);
afterAll(() => app?.stop());

describe('opting in', () => {
	it('is linked from the home page and the workspace, and explains who sees what', async () => {
		expect((await app.client().get('/')).html).toContain('href="/panels"');
		expect((await as(selam).get('/app')).html).toContain('href="/panels/me"');
		expect((await as(officer).get('/app')).html).toContain('href="/app/panels"');
		const page = await as(selam).get('/panels/join');
		expect(page.status).toBe(200);
		expect(text(page.html)).toContain('Only the city\'s integration officers who run panels see your answers');
	});

	it('refuses a child and a missing consent with translated messages, keeping nothing', async () => {
		const child = await as(selam, 'ar').post('/panels/join?/join', { languages: 'ti', ageBand: 'under_18', consent: 'on' });
		expect(child.status).toBe(400);
		expect(text(child.html)).toContain('المجموعات للأشخاص الذين أعمارهم 18 سنة فأكثر');
		expect(child.html).toMatch(/<html[^>]*dir="rtl"/);
		const noConsent = await as(selam).post('/panels/join?/join', { languages: 'ti', ageBand: '25_34' });
		expect(noConsent.status).toBe(400);
		expect(text(noConsent.html)).toContain('Please tick the box to agree');
		const hostile = await as(selam).post('/panels/join?/join', { languages: ['ti', '<script>alert(1)</script>'], ageBand: '25_34', consent: 'on' });
		expect(hostile.status).toBe(400);
		expect(hostile.html).not.toContain('<script>alert(1)</script>');
		expect(await db.select().from(panelPool)).toEqual([]);
	});

	it('keeps the profile from a plain form post', async () => {
		const res = await as(selam).post('/panels/join?/join', { languages: ['ti', 'en'], ageBand: '25_34', gender: 'woman', services: 'housing', consent: 'on' });
		expect(res.status).toBe(303);
		expect(res.location).toBe('/panels/join?joined');
		const [row] = await db.select().from(panelPool).where(eq(panelPool.userId, selam.id));
		expect(row).toMatchObject({ languages: ['ti', 'en'], ageBand: '25_34', gender: 'woman', services: ['housing'] });
		expect(text((await as(selam).get('/panels/join?joined')).html)).toContain('You are in the pool');
	});
});

describe('an officer composes a panel', () => {
	it('asks staff for the second factor and refuses everyone else', async () => {
		expect((await as(selam).get('/app/panels')).status).toBe(403);
		const noFactor = await createUser(db, { displayName: 'Officer 2', platformRole: 'integration_officer', totp: true, secondFactor: false });
		expect((await as(noFactor).get('/app/panels')).location).toMatch(/^\/signin\/verify/);
	});

	it('creates a panel with targets and shows what is missing in words, not colour', async () => {
		const bad = await as(officer).post('/app/panels?/create', { name: '', languages: 'en', target1: 'language:klingon', min1: '900' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Please give a number from 1 to 50.');
		expect(await db.select().from(panels)).toEqual([]);
		const res = await as(officer).post('/app/panels?/create', { name: 'Welcome leaflet', purpose: 'Check the new leaflet', languages: ['en', 'ti', 'ar'], target1: 'language:ti', min1: '1', target2: 'gender:man', min2: '1' });
		expect(res.status).toBe(303);
		panelId = res.location!.split('/').pop()!;
		const page = await as(officer).get(`/app/panels/${panelId}`);
		const t = text(page.html);
		expect(t).toContain('ትግርኛ');
		expect(t).toContain('1 missing');
		expect(t).toContain('Selam');
		// The draft form sends its picture without JavaScript.
		expect(page.html).toMatch(/<form[^>]*action="\?\/draft"[^>]*enctype="multipart\/form-data"|<form[^>]*enctype="multipart\/form-data"[^>]*action="\?\/draft"/);
	});

	it('invites from the pool by e-mail; a forged id changes nothing', async () => {
		const forged = await as(officer).post(`/app/panels/${panelId}?/invite`, { userIds: [selam.id, '00000000-0000-4000-8000-000000000000'] });
		expect(forged.status).toBe(400);
		expect(text(forged.html)).toContain('Nobody was invited');
		expect(await db.select().from(panelMembers)).toEqual([]);
		const res = await as(officer).post(`/app/panels/${panelId}?/invite`, { userIds: selam.id });
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('1 people invited.');
		const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'panel_invitation'));
		expect(mails.map((x) => x.toAddress)).toEqual([selam.email]);
		expect(text((await as(officer).get(`/app/panels/${panelId}`)).html)).toContain('Covered');
	});

	it('records a voucher and shows the total in the reader’s language', async () => {
		const [mem] = await db.select().from(panelMembers);
		const bad = await as(officer).post(`/app/panels/${panelId}?/compensate`, { memberId: mem.id, amount: '-3', currency: 'EUR', givenOn: '2026-12-01' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Please give an amount such as 15 or 12.50.');
		const ok = await as(officer).post(`/app/panels/${panelId}?/compensate`, { memberId: mem.id, amount: '15', currency: 'EUR', givenOn: '2026-12-01', note: 'Voucher' });
		expect(ok.status).toBe(200);
		expect(text((await as(officer).get(`/app/panels/${panelId}`)).html)).toContain('€15.00');
		const again = await as(officer).post(`/app/panels/${panelId}?/compensate`, { memberId: mem.id, amount: '15', currency: 'EUR', givenOn: '2026-12-01', note: 'Voucher' });
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('This voucher is already recorded');
	});

	it('creates a draft with a picture (a pixel bomb refused), adds a picture question and shares it', async () => {
		const bomb = await multipart(officer, `/app/panels/${panelId}?/draft`, { title: 'Leaflet', body: 'Text', language: 'en', imageAlt: 'Front' }, { image: { name: 'x.png', bytes: pngClaiming(50000, 50000), type: 'image/png' } });
		expect(bomb.status).toBe(400);
		expect(text(bomb.html)).toContain('too many pixels');
		// More than the form's limit in all: never read, refused in words.
		const big = await multipart(officer, `/app/panels/${panelId}?/draft`, { title: 'Too big', language: 'en' }, { image: { name: 'a.jpg', bytes: new Uint8Array(5 * 1024 * 1024).fill(0xff), type: 'image/jpeg' } });
		expect(big.status).toBe(413);
		expect(text(big.html)).toContain('These pictures are too large together');
		// Above the site's usual 2 MB but within the form's limit: read, and each picture checked (this one is over 1 MB).
		const over = await multipart(officer, `/app/panels/${panelId}?/draft`, { title: 'Over one', language: 'en' }, { image: { name: 'a.jpg', bytes: new Uint8Array(2.5 * 1024 * 1024).fill(0xff), type: 'image/jpeg' } });
		expect(over.status).toBe(413);
		expect(text(over.html)).toContain('This picture is larger than 1 MB');
		const res = await multipart(officer, `/app/panels/${panelId}?/draft`, { title: 'New welcome leaflet', body: 'Where to find help.', language: 'en', imageAlt: 'The front page' }, { image: { name: 'front.jpg', bytes: jpeg(), type: 'image/jpeg' } });
		expect(res.status).toBe(303);
		draftId = res.location!.split('/').pop()!;
		const q = await multipart(officer, `/app/panels/${panelId}/drafts/${draftId}?/question`, {
			kind: 'choice',
			text_en: 'Is it easy to read?',
			text_ti: 'ንምንባብ ቀሊል ድዩ?',
			text_ar: 'هل قراءتها سهلة؟',
			c1_pictogram: 'smile',
			c1_label_en: 'Yes',
			c1_label_ti: 'እወ',
			c1_label_ar: 'نعم',
			c2_pictogram: 'frown',
			c2_label_en: 'No',
			c2_label_ti: 'ኣይፋል',
			c2_label_ar: 'لا'
		});
		expect(q.status).toBe(200);
		expect(text(q.html)).toContain('Question added.');
		const missing = await multipart(officer, `/app/panels/${panelId}/drafts/${draftId}?/question`, { kind: 'text', text_en: 'Only English' });
		expect(missing.status).toBe(400);
		expect(text(missing.html)).toContain('Please write the question in every language of the panel.');
		// Nobody has accepted yet: sharing tells nobody, but works.
		expect((await as(officer).post(`/app/panels/${panelId}/drafts/${draftId}?/share`, {})).status).toBe(200);
	});
});

describe('a member answers', () => {
	it('accepts the invitation with consent on /panels/me', async () => {
		const [mem] = await db.select().from(panelMembers);
		const noConsent = await as(selam).post('/panels/me?/respond', { memberId: mem.id, decision: 'accept' });
		expect(noConsent.status).toBe(400);
		const other = await as(outsider).post('/panels/me?/respond', { memberId: mem.id, decision: 'accept', consent: 'on' });
		expect(other.status).toBe(404);
		const ok = await as(selam).post('/panels/me?/respond', { memberId: mem.id, decision: 'accept', consent: 'on' });
		expect(ok.status).toBe(200);
		const page = await as(selam).get('/panels/me');
		expect(page.html).toContain(`href="/panels/${panelId}/drafts/${draftId}"`);
	});

	it('shows the draft in Tigrinya with large picture tiles, and keeps the answer with its language', async () => {
		const page = await as(selam, 'ti').get(`/panels/${panelId}/drafts/${draftId}`);
		expect(page.status).toBe(200);
		expect(page.html).toMatch(/<html[^>]*lang="ti"/);
		expect(text(page.html)).toContain('ንምንባብ ቀሊል ድዩ?');
		expect(page.html).toMatch(/class="tile[^"]*"[\s\S]*?type="radio"/);
		expect(page.html).toContain('alt="The front page"');
		const [q] = await db.select().from(panelQuestions);
		const wrong = await as(selam, 'ti').post(`/panels/${panelId}/drafts/${draftId}`, { [`q_${q.id}`]: 'c7' });
		expect(wrong.status).toBe(400);
		expect(text(wrong.html)).toContain('በጃኻ ካብቶም ዝረኣዩ ስእልታት ሓደ ምረጽ።');
		const foreign = await as(selam, 'ti').post(`/panels/${panelId}/drafts/${draftId}`, { q_00000000_fake: 'c1' });
		expect(foreign.status).toBe(400);
		expect(await db.select().from(panelAnswers)).toEqual([]);
		const ok = await as(selam, 'ti').post(`/panels/${panelId}/drafts/${draftId}`, { [`q_${q.id}`]: 'c1' });
		expect(ok.status).toBe(303);
		const [a] = await db.select().from(panelAnswers);
		expect(a).toMatchObject({ choice: 'c1', language: 'ti' });
		expect((await as(selam, 'ti').get(ok.location!)).html).toMatch(/value="c1"[^>]*checked|checked[^>]*value="c1"/);
	});

	it('refuses people who are not members', async () => {
		expect((await as(outsider).get(`/panels/${panelId}/drafts/${draftId}`)).status).toBe(403);
		expect((await app.client().get(`/panels/${panelId}/drafts/${draftId}`)).location).toMatch(/^\/signin/);
		expect((await as(selam).get(`/panels/${panelId}/drafts/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
	});

	it('serves the draft picture to the member and staff only, as an image that runs nothing', async () => {
		const page = await as(selam).get(`/panels/${panelId}/drafts/${draftId}`);
		const src = /src="(\/panels\/images\/[0-9a-f-]+)"/.exec(page.html)![1];
		const res = await fetch(app.url + src, { headers: { cookie: `convive_session=${selam.token}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/jpeg');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-security-policy')).toContain('sandbox');
		expect((await fetch(app.url + src, { headers: { cookie: `convive_session=${outsider.token}` } })).status).toBe(404);
		expect((await fetch(app.url + src, { headers: { cookie: `convive_session=${officer.token}` } })).status).toBe(200);
	});
});

describe('the officer reads the answers and publishes a summary', () => {
	it('shows the answers side by side with the language, hostile text as text', async () => {
		await db.update(panelAnswers).set({ text: null, choice: 'c2' });
		const page = await as(officer).get(`/app/panels/${panelId}/drafts/${draftId}`);
		const t = text(page.html);
		expect(t).toContain('Selam');
		expect(t).toContain('ትግርኛ');
		expect(t).toContain('No');
		expect(t).toContain('1 chose this');
		const hidden = text((await as(officer).get(`/app/panels/${panelId}/drafts/${draftId}?pseudonyms=1`)).html);
		expect(hidden).toContain('Member 1');
		expect(hidden).not.toContain('Selam');
	});

	it('publishes the summary: members read it and get an e-mail', async () => {
		const empty = await as(officer).post(`/app/panels/${panelId}/drafts/${draftId}?/summary`, { summary: '' });
		expect(empty.status).toBe(400);
		const res = await as(officer).post(`/app/panels/${panelId}/drafts/${draftId}?/summary`, { summary: 'We add a phone number. <script>alert(1)</script>' });
		expect(res.status).toBe(200);
		const page = await as(selam).get(`/panels/${panelId}/drafts/${draftId}`);
		expect(text(page.html)).toContain('We add a phone number.');
		expect(page.html).not.toContain('<script>alert(1)</script>');
		expect(page.html).toContain('&lt;script>alert(1)&lt;/script>');
		const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'panel_summary'));
		expect(mails.map((x) => x.toAddress)).toEqual([selam.email]);
		const closed = await as(selam).post(`/panels/${panelId}/drafts/${draftId}`, { [`q_${(await db.select().from(panelQuestions))[0].id}`]: 'c1' });
		expect(closed.status).toBe(409);
	});
});
