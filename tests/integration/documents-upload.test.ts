/**
 * Documents in a support folder, over real HTTP as a browser without
 * JavaScript sends them (a multipart form post): a case worker uploads the
 * four allowed types and downloads the very same bytes; the database holds
 * only ciphertext; the download address answers 403 to another
 * organisation's worker and to forged ids; 100 MB, programs named .pdf, zip
 * bombs, office files and polyglots are refused with a clear message,
 * nothing is stored, and every attempt is in the audit log.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { auditLog, caseTeam, caseWorkers, consents, documents, organisations, people } from '../../src/lib/server/db/schema/index.ts';
import { docx, jpeg, linuxProgram, pdf, png, polyglots, shellScript, webp, windowsProgram, zipBomb } from '../fixtures/documents-files.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let orgC: string;
let lead: TestUser;
let colleague: TestUser;
let outsider: TestUser;
let partner: TestUser;
let personId: string;
let otherPersonId: string;

/** Making and sending 100 MB takes a while on a busy machine. */
const BIG_TIMEOUT_MS = 120_000;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const docsUrl = (p = personId) => `/app/folders/${p}/documents`;

interface Reply {
	status: number;
	location: string | null;
	headers: Headers;
	html: string;
}

function headers(user: TestUser | null, locale = 'en'): Record<string, string> {
	const h: Record<string, string> = { accept: 'text/html', 'accept-language': locale, origin: app.url };
	if (user) h.cookie = `convive_session=${user.token}`;
	return h;
}

/** Posts a file as a browser without JavaScript does: multipart/form-data, one `file` part. */
async function upload(user: TestUser | null, name: string, bytes: Uint8Array, type = 'application/octet-stream', opts: { locale?: string; person?: string } = {}): Promise<Reply> {
	const form = new FormData();
	form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
	// The multipart body is made before the request starts: making 100 MB of it can take longer than
	// the server keeps an idle connection open, and the client would reuse one as it closes.
	const encoded = new Response(form);
	const body = await encoded.arrayBuffer();
	const contentType = encoded.headers.get('content-type')!;
	const res = await fetch(`${app.url}${docsUrl(opts.person)}?/upload`, {
		method: 'POST',
		body,
		headers: { ...headers(user, opts.locale), 'content-type': contentType },
		redirect: 'manual'
	});
	return { status: res.status, location: res.headers.get('location'), headers: res.headers, html: await res.text() };
}

async function get(user: TestUser | null, path: string): Promise<Reply & { bytes: Uint8Array }> {
	const res = await fetch(app.url + path, { headers: headers(user), redirect: 'manual' });
	const bytes = new Uint8Array(await res.arrayBuffer());
	return { status: res.status, location: res.headers.get('location'), headers: res.headers, html: new TextDecoder().decode(bytes), bytes };
}

const storedCount = async () => (await db.select({ n: count() }).from(documents))[0].n;
const audits = (action: string, outcome: 'done' | 'denied', person = personId) =>
	db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, person), eq(auditLog.outcome, outcome)));

/** A folder of `org` led by `leadUser`, with the coordination consent. */
async function folder(name: string, org: string, leadUser: TestUser) {
	const [p] = await db.insert(people).values({ preferredName: name, createdByOrganisationId: org }).returning({ id: people.id });
	await db.insert(consents).values({ personId: p.id, purpose: 'coordination', method: 'written', recordedBy: leadUser.id, recordedByOrganisationId: org });
	await db.insert(caseTeam).values({ personId: p.id, organisationId: org, addedBy: leadUser.id });
	await db.insert(caseWorkers).values({ personId: p.id, userId: leadUser.id, organisationId: org, lead: true, addedBy: leadUser.id });
	return p.id;
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const orgs = await db
		.insert(organisations)
		.values([
			{ slug: 'doc-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'doc-b', name: 'Altra Associazione', type: 'ngo', verification: 'verified' },
			{ slug: 'doc-c', name: 'Sportello Diritti', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	[orgA, orgB, orgC] = orgs.map((o) => o.id);
	lead = await createUser(db, { displayName: 'Anna', totp: true, secondFactor: true });
	colleague = await createUser(db, { displayName: 'Carlo', totp: true, secondFactor: true });
	outsider = await createUser(db, { displayName: 'Olga', totp: true, secondFactor: true });
	partner = await createUser(db, { displayName: 'Pia', totp: true, secondFactor: true });
	await addMember(db, orgA, lead.id, 'case_worker');
	await addMember(db, orgA, colleague.id, 'case_worker');
	await addMember(db, orgB, outsider.id, 'owner');
	await addMember(db, orgC, partner.id, 'case_worker');
	personId = await folder('Amina', orgA, lead);
	otherPersonId = await folder('Bashir', orgA, lead);
	// Sportello Diritti shares the folder: it may read documents, not delete Casa dei Popoli's.
	await db.insert(consents).values({ personId, purpose: 'share', organisationId: orgC, method: 'written', recordedBy: lead.id, recordedByOrganisationId: orgA });
	await db.insert(caseTeam).values({ personId, organisationId: orgC, addedBy: lead.id });
});
afterAll(() => app?.stop());

const uploaded: Record<string, { id: string; bytes: Uint8Array }> = {};

describe('uploading and downloading without JavaScript', () => {
	it('shows a plain multipart form that works without JavaScript', async () => {
		const page = await get(lead, docsUrl());
		expect(page.status).toBe(200);
		expect(page.html).toMatch(/<form[^>]*action="\?\/upload"[^>]*enctype="multipart\/form-data"|<form[^>]*enctype="multipart\/form-data"[^>]*action="\?\/upload"/);
		expect(page.html).toMatch(/<input[^>]*type="file"[^>]*name="file"|<input[^>]*name="file"[^>]*type="file"/);
		expect(text(page.html)).toContain('No documents in this folder yet.');
		expect(text(page.html)).toContain('File (PDF, JPEG, PNG or WebP, at most 10 MB)');
	});

	it.each([
		['permesso di soggiorno.pdf', pdf('Permesso di soggiorno'), 'application/pdf', 'application/pdf'],
		['foto.jpg', jpeg(), 'image/jpeg', 'image/jpeg'],
		// The declared type is never believed: the bytes decide.
		['scan.png', png(24, 12), 'application/octet-stream', 'image/png'],
		['tessera', webp(), 'text/plain', 'image/webp']
	])('uploads %s and downloads exactly the same bytes, as an attachment of the sniffed type', async (name, bytes, declared, sniffed) => {
		const res = await upload(lead, name, bytes, declared);
		expect(res.status).toBe(303);
		const id = /\?uploaded=([0-9a-f-]{36})$/.exec(res.location ?? '')?.[1];
		expect(id).toBeDefined();
		uploaded[sniffed] = { id: id!, bytes };

		const page = await get(lead, res.location!);
		const storedName = name === 'tessera' ? 'tessera.webp' : name;
		expect(text(page.html)).toContain(`“${storedName}” was uploaded and stored encrypted.`);
		expect(page.html).toContain(`href="${docsUrl()}/${id}"`);

		const file = await get(lead, `${docsUrl()}/${id}`);
		expect(file.status).toBe(200);
		expect(sha(file.bytes)).toBe(sha(bytes));
		expect(file.headers.get('content-type')).toBe(sniffed);
		expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
		expect(file.headers.get('content-disposition')).toContain(encodeURIComponent(storedName));
		expect(file.headers.get('x-content-type-options')).toBe('nosniff');
		expect(file.headers.get('cache-control')).toBe('private, no-store');
		expect(file.headers.get('content-security-policy')).toContain('sandbox');
	});

	it('lists the documents with type, size and who uploaded them, without reading their bytes', async () => {
		const page = text((await get(lead, docsUrl())).html);
		expect(page).toContain('permesso di soggiorno.pdf');
		expect(page).toContain('PDF');
		expect(page).toMatch(/Anna \(Casa dei Popoli\)/);
		expect(page).toContain('WebP');
		expect(await audits('support.document.listed', 'done')).not.toHaveLength(0);
		expect(await audits('support.document.uploaded', 'done')).toHaveLength(4);
		expect(await audits('support.document.downloaded', 'done')).toHaveLength(4);
	});

	it('keeps only ciphertext in the database: sealed, with the checksum and key id of the plain bytes', async () => {
		const rows = await db.select().from(documents).where(eq(documents.personId, personId));
		expect(rows).toHaveLength(4);
		for (const row of rows) {
			const plain = uploaded[row.mediaType].bytes;
			expect(row.size).toBe(plain.length);
			expect(row.sealed.length).toBe(plain.length + 16);
			expect(row.iv.length).toBe(12);
			expect(row.keyId).toMatch(/^[0-9a-f]{16}$/);
			expect(row.sha256).toBe(sha(plain));
			expect(Buffer.from(row.sealed).equals(Buffer.from(plain))).toBe(false);
			const sealedText = Buffer.from(row.sealed).toString('latin1');
			expect(sealedText).not.toContain('%PDF-');
			expect(sealedText).not.toContain('Permesso di soggiorno');
		}
	});

	it('lets a team organisation named by a share consent read the documents, but not delete another organisation’s', async () => {
		const pdfDoc = uploaded['application/pdf'];
		const file = await get(partner, `${docsUrl()}/${pdfDoc.id}`);
		expect(file.status).toBe(200);
		expect(sha(file.bytes)).toBe(sha(pdfDoc.bytes));
		const form = new URLSearchParams({ documentId: pdfDoc.id });
		const res = await fetch(`${app.url}${docsUrl()}?/delete`, { method: 'POST', body: form, headers: { ...headers(partner), 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
		expect(res.status).toBe(403);
		expect(text(await res.text())).toContain('Only the person who uploaded this document, their organisation or the lead worker can delete it.');
		expect(await storedCount()).toBe(4);
	});
});

describe('the download address', () => {
	it('answers 403 to another organisation’s worker, to forged ids and to another folder’s address, each audited', async () => {
		const { id } = uploaded['application/pdf'];
		const deniedBefore = (await audits('support.document.downloaded', 'denied')).length;
		const theirs = await get(outsider, `${docsUrl()}/${id}`);
		expect(theirs.status).toBe(403);
		expect(theirs.bytes.length).toBeLessThan(20_000);
		expect(Buffer.from(theirs.bytes).includes(Buffer.from('%PDF-'))).toBe(false);
		expect((await get(outsider, docsUrl())).status).toBe(403);
		expect(await audits('folder.view', 'denied')).not.toHaveLength(0);

		// The lead worker, with forged or misplaced ids: the same 403.
		expect((await get(lead, `${docsUrl()}/00000000-0000-4000-8000-000000000000`)).status).toBe(403);
		expect((await get(lead, `${docsUrl()}/not-a-uuid'%20or%201=1--`)).status).toBe(403);
		expect((await get(lead, `${docsUrl(otherPersonId)}/${id}`)).status).toBe(403);
		expect((await audits('support.document.downloaded', 'denied')).length).toBe(deniedBefore + 2);
		expect(await audits('support.document.downloaded', 'denied', otherPersonId)).toHaveLength(1);

		// Signed out: to the sign-in page, not the file.
		const anon = await get(null, `${docsUrl()}/${id}`);
		expect(anon.status).toBe(303);
		expect(anon.location).toMatch(/^\/signin\?next=/);
	});

	it('does not open a sealed document moved into another person’s folder', async () => {
		const { id, bytes } = uploaded['image/png'];
		const [row] = await db.select().from(documents).where(eq(documents.id, id));
		const [copy] = await db
			.insert(documents)
			.values({ ...row, id: undefined, personId: otherPersonId })
			.returning({ id: documents.id });
		const res = await get(lead, `${docsUrl(otherPersonId)}/${copy.id}`);
		expect(res.status).toBe(410);
		expect(text(res.html)).toContain('This document can no longer be opened');
		expect(Buffer.from(res.bytes).includes(Buffer.from(bytes.subarray(0, 16)))).toBe(false);
		await db.delete(documents).where(eq(documents.id, copy.id));
	});
});

describe('refused uploads: a clear message, nothing stored, the attempt audited', () => {
	it('answers a 100 MB upload with 413 and a clear message, reads none of it, and stores nothing', async () => {
		const before = await storedCount();
		const big = new Uint8Array(100 * 1024 * 1024);
		big.set(pdf());
		const res = await upload(lead, 'big.pdf', big, 'application/pdf');
		expect(res.status).toBe(413);
		expect(text(res.html)).toContain('This file is larger than 10 MB. Scan it at a lower resolution, or split it into several files.');
		expect(await storedCount()).toBe(before);
		const [entry] = (await audits('support.document.refused', 'denied')).filter((a) => a.details?.reason === 'too_large');
		expect(entry.details).toMatchObject({ reason: 'too_large', detected: 'before reading' });
		expect(Number(entry.details?.size)).toBeGreaterThan(100 * 1024 * 1024);
		// The server is still answering.
		expect((await get(lead, docsUrl())).status).toBe(200);
	}, BIG_TIMEOUT_MS);

	it('refuses a file just over 10 MB (read, then refused), and the same limit when the body comes without a length', async () => {
		const before = await storedCount();
		const over = new Uint8Array(10 * 1024 * 1024 + 1);
		over.set(pdf());
		const res = await upload(lead, 'over.pdf', over, 'application/pdf');
		expect(res.status).toBe(413);
		expect(text(res.html)).toContain('This file is larger than 10 MB.');

		// Chunked, no Content-Length: read up to the limit, then drained and refused.
		const boundary = '----convive' + Date.now();
		const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chunked.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
		const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
		const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = http.request(`${app.url}${docsUrl()}?/upload`, {
				method: 'POST',
				headers: { ...headers(lead), 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' }
			});
			req.on('response', (r) => {
				let body = '';
				r.setEncoding('utf8');
				r.on('data', (c) => (body += c));
				r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
			});
			req.on('error', reject);
			req.write(head);
			const mb = Buffer.alloc(1024 * 1024, 0x41);
			for (let i = 0; i < 12; i++) req.write(mb);
			req.end(tail);
		});
		expect(chunked.status).toBe(413);
		expect(text(chunked.body)).toContain('This file is larger than 10 MB.');
		expect(await storedCount()).toBe(before);
	}, BIG_TIMEOUT_MS);

	it('keeps the general 2 MB limit on every other form of the folder', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(5 * 1024 * 1024)]), 'x.pdf');
		const res = await fetch(`${app.url}/app/folders/${personId}?/recordConsent`, { method: 'POST', body: form, headers: headers(lead), redirect: 'manual' });
		expect(res.status).toBe(413);
	});

	it.each([
		['an .exe renamed invoice.pdf', 'invoice.pdf', windowsProgram(), 'windows-executable'],
		['a Linux program named scan.pdf', 'scan.pdf', linuxProgram(), 'elf-executable'],
		['a shell script named letter.pdf', 'letter.pdf', shellScript(), 'script']
	])('refuses %s as a program, whatever its name and declared type', async (_, name, bytes, detected) => {
		const before = await storedCount();
		const res = await upload(lead, name, bytes, 'application/pdf');
		expect(res.status).toBe(400);
		expect(text(res.html)).toContain('This file is a program, not a document, whatever its name says. It was not stored.');
		expect(await storedCount()).toBe(before);
		const entries = (await audits('support.document.refused', 'denied')).filter((a) => a.details?.detected === detected);
		expect(entries).toHaveLength(1);
		expect(entries[0].details).toMatchObject({ reason: 'executable', declared: 'application/pdf', size: bytes.length });
		expect(entries[0].actorId).toBe(lead.id);
		// The file's name is not in the audit log (it may itself be sensitive).
		expect(JSON.stringify(entries[0].details)).not.toContain(name);
	});

	it('refuses a zip bomb without opening it, named .zip or .pdf, and office files and polyglots', async () => {
		const before = await storedCount();
		const bomb = zipBomb(100);
		for (const name of ['bomb.zip', 'report.pdf']) {
			const res = await upload(lead, name, bomb, 'application/zip');
			expect(res.status).toBe(400);
			expect(text(res.html)).toContain('Archives such as zip files are not accepted');
		}
		expect(text((await upload(lead, 'cv.docx', docx())).html)).toContain('Word and Excel files are zip files too');
		const poly = await upload(lead, 'brochure.pdf', polyglots.pdfZip(), 'application/pdf');
		expect(poly.status).toBe(400);
		expect(text(poly.html)).toContain('This file has something else attached after its end');
		expect(await storedCount()).toBe(before);
		const reasons = (await audits('support.document.refused', 'denied')).map((a) => a.details?.reason);
		expect(reasons.filter((r) => r === 'archive')).toHaveLength(3);
		expect(reasons).toContain('polyglot');
	}, BIG_TIMEOUT_MS);

	it('says what is wrong in the worker’s language, and keeps the page usable', async () => {
		const res = await upload(lead, 'fattura.pdf', windowsProgram(), 'application/pdf', { locale: 'it' });
		expect(res.status).toBe(400);
		expect(text(res.html)).toContain('Questo file è un programma, non un documento');
		expect(res.html).toMatch(/<html lang="it"/);
		expect(res.html).toContain('enctype="multipart/form-data"');
		const ar = await upload(lead, 'photo.pdf', png(), 'application/pdf', { locale: 'ar' });
		expect(ar.status).toBe(400);
		expect(text(ar.html)).toContain('اسم الملف يدل على نوع، لكن محتواه من نوع آخر');
	});

	it('asks for a file when none was chosen', async () => {
		const res = await upload(lead, '', new Uint8Array(), 'application/octet-stream');
		expect(res.status).toBe(400);
		expect(text(res.html)).toContain('Choose a file to upload.');
		const empty = await upload(lead, 'empty.pdf', new Uint8Array(), 'application/pdf');
		expect(text(empty.html)).toContain('This file is empty.');
	});

	it('lets no worker of another organisation upload into the folder', async () => {
		const before = await storedCount();
		const res = await upload(outsider, 'x.pdf', pdf());
		expect(res.status).toBe(403);
		expect(await storedCount()).toBe(before);
		expect(await audits('folder.edit', 'denied')).not.toHaveLength(0);
	});
});

describe('deleting', () => {
	it('deletes a document for the uploader’s organisation; its address then answers 403', async () => {
		const { id } = uploaded['image/jpeg'];
		const form = new URLSearchParams({ documentId: id });
		const res = await fetch(`${app.url}${docsUrl()}?/delete`, { method: 'POST', body: form, headers: { ...headers(colleague), 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
		expect(res.status).toBe(200);
		expect(text(await res.text())).toContain('The document was deleted.');
		expect(await db.select().from(documents).where(eq(documents.id, id))).toHaveLength(0);
		expect((await get(lead, `${docsUrl()}/${id}`)).status).toBe(403);
		const again = await fetch(`${app.url}${docsUrl()}?/delete`, { method: 'POST', body: form, headers: { ...headers(lead), 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
		expect(again.status).toBe(404);
		expect(text(await again.text())).toContain('This document is no longer in the folder.');
		const [entry] = await audits('support.document.deleted', 'done');
		expect(entry.details).toMatchObject({ documentId: id });
	});
});
