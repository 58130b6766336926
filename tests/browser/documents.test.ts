/**
 * Documents and protected fields in a real browser: a case worker uploads a
 * picture and a PDF with JavaScript in English and without it in Arabic,
 * is told clearly why a program named .pdf was refused, downloads the file
 * back, and records a nationality at the person's request. Every page on
 * the way is accessible (axe) and right-to-left in Arabic; screenshots are
 * saved for a person to look at.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addMember, createUser, type TestUser } from '../helpers/users.ts';
import { caseTeam, caseWorkers, consents, documents, organisations, people, personProtected } from '../../src/lib/server/db/schema/index.ts';
import { jpeg, pdf, png, webp, windowsProgram } from '../fixtures/documents-files.ts';
import { browserTestApp, type Tab } from './helpers.ts';

let worker: TestUser;
const folders: Record<string, string> = {};

const env = browserTestApp({
	name: 'documents',
	setup: async (app) => {
		const db = app.database.db;
		const [org] = await db.insert(organisations).values({ slug: 'bd-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' }).returning({ id: organisations.id });
		worker = await createUser(db, { displayName: 'Marta', totp: true, secondFactor: true });
		await addMember(db, org.id, worker.id, 'case_worker');
		for (const [locale, name] of [
			['en', 'Amina'],
			['ar', 'أمينة']
		]) {
			const [p] = await db.insert(people).values({ preferredName: name, createdByOrganisationId: org.id }).returning({ id: people.id });
			await db.insert(consents).values({ personId: p.id, purpose: 'coordination', method: 'written', recordedBy: worker.id, recordedByOrganisationId: org.id });
			await db.insert(caseTeam).values({ personId: p.id, organisationId: org.id, addedBy: worker.id });
			await db.insert(caseWorkers).values({ personId: p.id, userId: worker.id, organisationId: org.id, lead: true, addedBy: worker.id });
			folders[locale] = p.id;
		}
	}
});

async function open(js: boolean, locale: string): Promise<Tab> {
	const t = await env.tab({ js, locale });
	await t.context.addCookies([{ name: 'convive_session', value: worker.token, url: env.app.url }]);
	return t;
}

describe('the fixture pictures are real pictures', () => {
	it('decodes the JPEG, PNG and WebP in Chromium', async () => {
		const t = await open(true, 'en');
		await t.visit('/');
		const sizes = await t.page.evaluate(async (files) => {
			const out: string[] = [];
			for (const [type, bytes] of files) {
				const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type }));
				out.push(`${bitmap.width}x${bitmap.height}`);
			}
			return out;
		}, [
			['image/jpeg', [...jpeg()]],
			['image/png', [...png(24, 12)]],
			['image/webp', [...webp(30, 20)]]
		] as [string, number[]][]);
		expect(sizes).toEqual(['16x16', '24x12', '30x20']);
	});
});

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English', uploaded: 'was uploaded and stored encrypted', program: 'This file is a program, not a document' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic', uploaded: 'وهو محفوظ مشفّرًا', program: 'هذا الملف برنامج وليس مستندًا' }
])('a case worker keeps documents ($mode)', ({ js, locale, uploaded, program }) => {
	it('uploads a picture and a PDF, is told why a program is refused, downloads the same bytes', async () => {
		const t = await open(js, locale);
		const base = `/app/folders/${folders[locale]}/documents`;
		await t.visit(base);
		expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
		console.log(`documents page, empty (${locale}): ${await t.screenshot(`documents-empty-${locale}`)}`);

		const photo = png(64, 40);
		await t.page.locator('#file').setInputFiles({ name: 'passport photo.png', mimeType: 'image/png', buffer: Buffer.from(photo) });
		await t.clickAndCheck(t.page.locator('form[action="?/upload"] button[type="submit"]'));
		await t.page.waitForURL(/\?uploaded=[0-9a-f-]{36}$/, { timeout: 15_000 });
		await expect(t.page.locator('main').innerText()).resolves.toContain(uploaded);
		await expect(t.page.locator('.document-name').allInnerTexts()).resolves.toEqual(['passport photo.png']);

		await t.page.locator('#file').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf('Letter')) });
		await t.clickAndCheck(t.page.locator('form[action="?/upload"] button[type="submit"]'));
		await t.page.waitForURL(/\?uploaded=/, { timeout: 15_000 });
		await expect(t.page.locator('.document-name').allInnerTexts()).resolves.toEqual(['letter.pdf', 'passport photo.png']);

		// A program named .pdf: refused, said near the form, focus on the message, nothing stored.
		const before = (await env.app.database.db.select().from(documents)).length;
		await t.page.locator('#file').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from(windowsProgram()) });
		await t.clickAndCheck(t.page.locator('form[action="?/upload"] button[type="submit"]'));
		await expect(t.page.locator('form[action="?/upload"] .error-summary').innerText()).resolves.toContain(program);
		await expect(t.page.locator('#file').getAttribute('aria-invalid')).resolves.toBe('true');
		expect(await t.focusedMatches('.error-summary')).toBe(true);
		expect((await env.app.database.db.select().from(documents)).length).toBe(before);
		console.log(`documents page, refused program (${locale}): ${await t.screenshot(`documents-refused-${locale}`)}`);

		// Downloading gives back the very bytes uploaded.
		await t.visit(base);
		const [download] = await Promise.all([t.page.waitForEvent('download'), t.page.locator('.document-name a', { hasText: 'passport photo.png' }).click()]);
		expect(download.suggestedFilename()).toBe('passport photo.png');
		expect(Buffer.compare(readFileSync((await download.path())!), Buffer.from(photo))).toBe(0);
		console.log(`documents page, two documents (${locale}): ${await t.screenshot(`documents-list-${locale}`)}`);
	});

	it('records a nationality at the person’s request, and every page is accessible', async () => {
		const t = await open(js, locale);
		const page = `/app/folders/${folders[locale]}/protected`;
		await t.visit(page);
		await t.page.locator('#asked').check();
		await t.page.locator('#method').selectOption('oral_interpreter');
		await t.page.locator('#nationality').fill(locale === 'ar' ? 'سوريا' : 'Eritrea');
		await t.clickAndCheck(t.page.locator('form[action="?/record"] button[type="submit"]'));
		await expect
			.poll(() => t.page.locator('main dl').innerText().catch(() => ''), { timeout: 15_000 })
			.toContain(locale === 'ar' ? 'سوريا' : 'Eritrea');
		const stored = await env.app.database.db.select().from(personProtected);
		expect(stored.some((r) => r.personId === folders[locale])).toBe(true);
		console.log(`protected page (${locale}): ${await t.screenshot(`protected-${locale}`)}`);
	});
});
