/**
 * The co-creation pages over real HTTP and without JavaScript: the calls and
 * a call's ideas (sorting, junk query strings), sending an idea in Ukrainian,
 * supporting once (a second post is refused with a sentence), comments (100 KB
 * and hostile text), the jury's page, publishing results, moderation, and
 * notification preferences; Arabic pages are right-to-left.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { createUser, signIn, type TestUser } from '../helpers/users.ts';
import { callCriteria, callJurors, calls, ideaComments, ideaImages, ideas, ideaSupports, notificationKinds, notificationPreferences } from '../../src/lib/server/db/schema/index.ts';
import { concat, jpeg, pngClaiming, windowsProgram } from '../fixtures/documents-files.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
let db: TestApp['database']['db'];
let olena: TestUser;
let officer: TestUser;
let juror: TestUser;
let openCall = '';
let reviewCall = '';
let reviewIdea = '';
let criterion = '';
const FORGED = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const anon = (locale = 'en') => app.client({ locale });

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const now = Date.now();
	const [a, b] = await db
		.insert(calls)
		.values([
			{ title: 'Open call', question: 'What would help?', rules: 'Be kind.', opensAt: new Date(now - DAY), reviewAt: new Date(now + 10 * DAY), selectionAt: new Date(now + 20 * DAY), resultsAt: new Date(now + 30 * DAY), followUpAt: new Date(now + 40 * DAY), publishedAt: new Date(), translations: { ar: { title: 'دعوة مفتوحة', question: 'ما الذي يساعد؟', rules: '' } } },
			{ title: 'Call in selection', question: 'Sport?', opensAt: new Date(now - 30 * DAY), reviewAt: new Date(now - 10 * DAY), selectionAt: new Date(now - DAY), resultsAt: new Date(now + 10 * DAY), followUpAt: new Date(now + 20 * DAY), publishedAt: new Date() }
		])
		.returning({ id: calls.id });
	openCall = a.id;
	reviewCall = b.id;
	olena = await createUser(db, { displayName: 'Olena', kind: 'newcomer' });
	officer = await createUser(db, { displayName: 'Officer', platformRole: 'integration_officer', totp: true, secondFactor: true });
	juror = await createUser(db, { displayName: 'Juror' });
	const author = await createUser(db, { displayName: 'Author' });
	const [i] = await db.insert(ideas).values({ callId: reviewCall, title: 'Football for all', description: 'Mixed teams.', language: 'en', authorId: author.id }).returning({ id: ideas.id });
	reviewIdea = i.id;
	const [c] = await db.insert(callCriteria).values({ callId: reviewCall, name: 'Impact', weight: 2 }).returning({ id: callCriteria.id });
	criterion = c.id;
	await db.insert(callJurors).values({ callId: reviewCall, userId: juror.id });
	await anon().get('/calls');
}, 180_000);
afterAll(() => app?.stop());

describe('the public pages', () => {
	it('lists calls and a call’s ideas; junk query strings are ignored; the home page links to them', async () => {
		const list = text((await anon().get('/calls')).html);
		expect(list).toContain('Open call');
		expect(list).toContain('Open for ideas');
		const junk = await anon().get(`/calls/${openCall}?sort=%3Cscript%3E&page=-4&nb=${'x'.repeat(500)}`);
		expect(junk.status).toBe(200);
		expect(junk.html).not.toContain('<script>alert');
		expect((await anon().get('/')).html).toContain('href="/calls"');
	});

	it('shows a call in Arabic, right-to-left, with its translation', async () => {
		const page = await anon('ar').get(`/calls/${openCall}`);
		expect(page.html).toMatch(/<html[^>]*dir="rtl"/);
		expect(page.html).toContain('دعوة مفتوحة');
	});

	it('answers forged and garbage ids with the 404 page', async () => {
		for (const p of [`/calls/${FORGED}`, '/calls/nope', `/calls/${openCall}/ideas/${reviewIdea}`, `/calls/${openCall}/ideas/${FORGED}`, `/pilots/${FORGED}`]) {
			expect((await anon().get(p)).status, p).toBe(404);
		}
	});
});

describe('taking part without JavaScript', () => {
	let ideaId = '';
	it('sends an idea in Ukrainian, then shows it with the sender told it went', async () => {
		const c = as(olena, 'uk');
		expect((await anon().post(`/calls/${openCall}/propose`, { title: 'x', description: 'y', language: 'uk' })).status).toBe(303);
		const bad = await c.post(`/calls/${openCall}/propose`, { title: '', description: 'x'.repeat(6000), language: 'klingon' });
		expect(bad.status).toBe(400);
		expect(text(bad.html)).toContain('Будь ласка, заповніть це поле.');
		const sent = await c.post(`/calls/${openCall}/propose`, { title: 'Клуб домашніх завдань', description: 'Щосуботи в бібліотеці для дітей, які щойно приїхали.', language: 'uk', anonymous: 'on' });
		expect(sent.status).toBe(303);
		const location = sent.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^/calls/${openCall}/ideas/[0-9a-f-]{36}\\?sent$`));
		ideaId = location.split('/ideas/')[1].split('?')[0];
		const page = await c.get(location);
		expect(text(page.html)).toContain('Клуб домашніх завдань');
		const [row] = await db.select().from(ideas).where(eq(ideas.id, ideaId));
		expect(row).toMatchObject({ language: 'uk', anonymous: true, authorId: olena.id });
		// The public sees "Anonymous", not the name.
		const pub = text((await anon().get(`/calls/${openCall}/ideas/${ideaId}`)).html);
		expect(pub).toContain('Anonymous');
		expect(pub).not.toContain('Olena');
	});

	it('supports once: a second post is refused with a sentence and counts nothing', async () => {
		const fan = await createUser(db, { displayName: 'Fan' });
		const c = as(fan);
		const first = await c.post(`/calls/${openCall}/ideas/${ideaId}?/support`, {});
		expect(first.status).toBe(200);
		const again = await c.post(`/calls/${openCall}/ideas/${ideaId}?/support`, {});
		expect(again.status).toBe(409);
		expect(text(again.html)).toContain('You already support this idea');
		const rows = await db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, ideaId));
		expect(rows).toHaveLength(1);
		expect(text((await c.get(`/calls/${openCall}/ideas/${ideaId}`)).html)).toContain('1 supports');
	});

	it('refuses a 100 KB comment and shows hostile text as text', async () => {
		const c = as(olena);
		const huge = await c.post(`/calls/${openCall}/ideas/${ideaId}?/comment`, { body: 'x'.repeat(100_000) });
		expect(huge.status).toBe(400);
		const ok = await c.post(`/calls/${openCall}/ideas/${ideaId}?/comment`, { body: '<script>alert("x")</script><img src=x onerror=alert(1)>' });
		expect(ok.status).toBe(200);
		const page = await anon().get(`/calls/${openCall}/ideas/${ideaId}`);
		expect(page.html).not.toContain('<script>alert("x")');
		expect(page.html).not.toContain('<img src=x');
		expect(text(page.html)).toContain('<script>alert("x")</script>');
		const rows = await db.select().from(ideaComments).where(eq(ideaComments.ideaId, ideaId));
		expect(rows).toHaveLength(1);
	});

	it('keeps a support after the phase closed from counting', async () => {
		const late = await createUser(db, { displayName: 'Late' });
		const res = await as(late).post(`/calls/${reviewCall}/ideas/${reviewIdea}?/support`, {});
		expect(res.status).toBe(409);
		expect(text(res.html)).toContain('Support is closed');
		expect(await db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, reviewIdea))).toHaveLength(0);
	});
});

describe('pictures of an idea', () => {
	const latin1 = (x: string) => Uint8Array.from([...x].map((ch) => ch.charCodeAt(0)));
	/** A phone's JPEG: an Exif segment with the place it was taken, before the image. */
	const phoneJpeg = () => {
		const base = jpeg();
		const exif = latin1('Exif\0\0GPSLatitude 44.4056 N GPSLongitude 8.9463 E');
		return concat(base.subarray(0, 2), Uint8Array.of(0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 255), exif, base.subarray(2));
	};
	async function upload(user: TestUser, ideaId: string, name: string, bytes: Uint8Array, alt = '') {
		const form = new FormData();
		form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), name);
		form.append('alt', alt);
		const encoded = new Response(form);
		const res = await fetch(`${app.url}/calls/${openCall}/ideas/${ideaId}?/image`, {
			method: 'POST',
			body: await encoded.arrayBuffer(),
			headers: { 'content-type': encoded.headers.get('content-type')!, cookie: `convive_session=${user.token}`, origin: app.url, 'accept-language': 'en' },
			redirect: 'manual'
		});
		return { status: res.status, html: await res.text() };
	}

	it('keeps a photo without its place and time, serves it as an image, and refuses bombs, programs and strangers', async () => {
		const author = await createUser(db, { displayName: 'Photographer' });
		const [idea] = await db.insert(ideas).values({ callId: openCall, title: 'Benches in the square', description: 'Shade and benches.', language: 'en', authorId: author.id }).returning({ id: ideas.id });
		const ok = await upload(author, idea.id, 'square.jpg', phoneJpeg(), 'The square at noon, no shade');
		expect(ok.status).toBe(200);
		const [img] = await db.select().from(ideaImages).where(eq(ideaImages.ideaId, idea.id));
		expect(new TextDecoder('latin1').decode(img.bytes)).not.toContain('GPSLatitude');
		const served = await fetch(`${app.url}/calls/${openCall}/ideas/${idea.id}/images/${img.id}`);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		expect(served.headers.get('x-content-type-options')).toBe('nosniff');
		expect(new Uint8Array(await served.arrayBuffer())).toEqual(jpeg());
		expect((await anon().get(`/calls/${openCall}/ideas/${idea.id}`)).html).toContain('alt="The square at noon, no shade"');

		const bomb = await upload(author, idea.id, 'bomb.png', pngClaiming(100_000, 100_000));
		expect(bomb.status).toBe(400);
		expect(text(bomb.html)).toContain('too large to show');
		const program = await upload(author, idea.id, 'photo.jpg', windowsProgram());
		expect(program.status).toBe(400);
		expect(text(program.html)).toContain('is not a JPEG, PNG or WebP picture');
		const stranger = await createUser(db, { displayName: 'Stranger' });
		expect((await upload(stranger, idea.id, 'x.jpg', jpeg())).status).toBe(404);
		expect(await db.select().from(ideaImages).where(eq(ideaImages.ideaId, idea.id))).toHaveLength(1);
		expect((await fetch(`${app.url}/calls/${openCall}/ideas/${idea.id}/images/${FORGED}`)).status).toBe(404);
		// A phone's 4 MB photo is not read at all, and refused in words (not a bare "Payload too large").
		const big = await upload(author, idea.id, 'big.jpg', concat(jpeg(), new Uint8Array(4_000_000)));
		expect(big.status).toBe(413);
		expect(text(big.html)).toContain('larger than 1.5 MB');
		// Just over the picture limit but under the request limit: read, then refused by the use case.
		const over = await upload(author, idea.id, 'over.jpg', concat(jpeg(), new Uint8Array(1_520_000)));
		expect(over.status).toBe(413);
		expect(text(over.html)).toContain('larger than 1.5 MB');
		expect(await db.select().from(ideaImages).where(eq(ideaImages.ideaId, idea.id))).toHaveLength(1);
	});
});

describe('the jury, results and moderation', () => {
	it('lets the juror score; refuses forged and out-of-range scores; keeps others out', async () => {
		const c = as(juror);
		expect(text((await c.get(`/app/cocreation/jury/${reviewCall}`)).html)).toContain('Football for all');
		expect((await as(olena).get(`/app/cocreation/jury/${reviewCall}`)).status).toBe(403);
		expect((await as(olena).post(`/app/cocreation/jury/${reviewCall}?/score`, { ideaId: reviewIdea, [`score_${criterion}`]: '10' })).status).toBe(403);
		const forged = await c.post(`/app/cocreation/jury/${reviewCall}?/score`, { ideaId: reviewIdea, [`score_${FORGED}`]: '10' });
		expect(forged.status).toBe(400);
		const range = await c.post(`/app/cocreation/jury/${reviewCall}?/score`, { ideaId: reviewIdea, [`score_${criterion}`]: '11' });
		expect(range.status).toBe(400);
		expect(text(range.html)).toContain('Give every criterion a score from 0 to 10');
		const ok = await c.post(`/app/cocreation/jury/${reviewCall}?/score`, { ideaId: reviewIdea, [`score_${criterion}`]: '8', note: 'Good' });
		expect(ok.status).toBe(200);
		expect(text((await as(officer).get(`/app/cocreation/calls/${reviewCall}`)).html)).toContain('8.0 from 1 jurors');
	});

	it('selects with a reason and publishes the results; the public then sees them', async () => {
		const c = as(officer);
		expect((await c.post(`/app/cocreation/calls/${reviewCall}?/decide`, { ideaId: reviewIdea, status: 'selected', reason: '' })).status).toBe(400);
		expect((await c.post(`/app/cocreation/calls/${reviewCall}?/decide`, { ideaId: FORGED, status: 'selected', reason: 'Good' })).status).toBe(404);
		expect((await c.post(`/app/cocreation/calls/${reviewCall}?/decide`, { ideaId: reviewIdea, status: 'selected', reason: 'Ready to start with the club.' })).status).toBe(200);
		expect((await c.post(`/app/cocreation/calls/${reviewCall}?/publishResults`, { reason: 'Thank you; not this time.' })).status).toBe(200);
		const pub = text((await anon().get(`/calls/${reviewCall}`)).html);
		expect(pub).toContain('Results: the ideas selected');
		expect(pub).toContain('Ready to start with the club.');
		expect((await c.post(`/app/cocreation/calls/${reviewCall}?/publishResults`, { reason: 'again' })).status).toBe(409);
	});

	it('hides a flagged comment with a reason from the moderation page', async () => {
		const rude = await createUser(db, { displayName: 'Rude' });
		const [i] = await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.callId, openCall));
		expect((await as(rude).post(`/calls/${openCall}/ideas/${i.id}?/comment`, { body: 'They are parasites' })).status).toBe(200);
		const [comment] = await db.select().from(ideaComments).where(eq(ideaComments.authorId, rude.id));
		expect(comment.flaggedTerms).toEqual(['parasites']);
		const c = as(officer);
		expect(text((await c.get('/app/moderation')).html)).toContain('They are parasites');
		expect((await c.post('/app/moderation?/decide', { subjectType: 'comment', subjectId: comment.id, action: 'hide', reason: '' })).status).toBe(400);
		expect((await c.post('/app/moderation?/decide', { subjectType: 'comment', subjectId: comment.id, action: 'hide', reason: 'Insults are not allowed.' })).status).toBe(200);
		const page = text((await anon().get(`/calls/${openCall}/ideas/${i.id}`)).html);
		expect(page).not.toContain('They are parasites');
		expect(page).toContain('Insults are not allowed.');
		expect(text((await as(rude).get('/account/notifications')).html)).toContain('was hidden by a moderator');
	});
});

describe('notification preferences', () => {
	it('saves a choice for every kind; a forged mode changes nothing', async () => {
		const c = as(olena);
		const page = await c.get('/account/notifications');
		expect(page.status).toBe(200);
		const bad = await c.post('/account/notifications?/preferences', { email_idea_comment: 'hourly' });
		expect(bad.status).toBe(400);
		expect(await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, olena.id))).toHaveLength(0);
		const kinds = notificationKinds;
		const form: Record<string, string> = {};
		for (const k of kinds) {
			form[`email_${k}`] = k === 'idea_comment' ? 'off' : 'daily';
			if (k !== 'pilot_update') form[`inApp_${k}`] = 'on';
		}
		expect((await c.post('/account/notifications?/preferences', form)).status).toBe(200);
		const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, olena.id));
		expect(rows).toHaveLength(kinds.length);
		expect(rows.find((r) => r.kind === 'idea_comment')).toMatchObject({ email: 'off', inApp: true });
		expect(rows.find((r) => r.kind === 'pilot_update')).toMatchObject({ email: 'daily', inApp: false });
	});
});
