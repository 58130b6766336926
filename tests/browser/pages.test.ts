/**
 * Every page a person reaches, audited by axe-core in a real browser (Tab.visit
 * runs the audit, and fails on uncaught errors and CSP violations):
 *   - the signed-in workspace and account pages with JavaScript on (English)
 *     and off (Arabic, right to left), including the city staff's pages;
 *   - the public pages with JavaScript off in English and Arabic, and the
 *     organisation directory and a public profile with JavaScript on.
 * Then the workspace forms: with JavaScript on they submit through
 * `use:enhance` (no full page load: a marker on `window` survives and no
 * document is requested), with it off they are plain POSTs, and both show
 * the same result.
 *
 * People, organisations and sessions are made directly in the database or
 * over HTTP (the flows in flows.test.ts go through the pages themselves).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn as withSession, type TestUser } from '../helpers/users.ts';
import { organisations } from '../../src/lib/server/db/schema/index.ts';
import { launchBrowser, Tab, type TabOptions } from './helpers.ts';

const SESSION_COOKIE = 'convive_session';
const MAIL_TIMEOUT = 15_000;

let app: TestApp;
let browser: Browser;
const tabs: Tab[] = [];

/** What the pages below need: an owner with a second factor, a member, city staff, a verified organisation, an open invitation. */
let owner: TestUser;
let admin: TestUser;
let invitee: TestUser;
let org: { id: string; slug: string; name: string };
let invitationPath: string;

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const pathOf = (page: Page) => new URL(page.url()).pathname;

beforeAll(async () => {
	app = await startTestApp({ smtp: true });
	browser = await launchBrowser();
	const db = app.database.db;
	// Owners must have passed a second factor to manage members.
	owner = await createUser(db, { displayName: 'Amina Haddad', totp: true, secondFactor: true });
	admin = await createUser(db, { displayName: 'City Admin', platformRole: 'admin', totp: true, secondFactor: true });
	invitee = await createUser(db, { displayName: 'Bilal Invitee', email: `bilal.${unique()}@example.org` });
	const member = await createUser(db, { displayName: 'Chiara Member' });

	const name = `Casa Aperta ${unique()}`;
	const created = await withSession(app.client(), owner).post('/app/organisations/new', {
		name,
		type: 'migrant_association',
		description: 'Italian lessons and a homework club, every Tuesday.'
	});
	expect(created.status).toBe(303);
	const id = /\/app\/organisations\/([0-9a-f-]{36})/.exec(created.location ?? '')?.[1];
	expect(id, `created organisation id in ${created.location}`).toBeTruthy();
	const [row] = await db.select().from(organisations).where(eq(organisations.id, id!));
	org = { id: id!, slug: row.slug, name };
	// Verified, so it has a public page.
	expect((await withSession(app.client(), admin).post('/app/admin?/verify', { organisationId: org.id })).status).toBe(200);
	await addMember(db, org.id, member.id, 'member');

	const invited = await withSession(app.client(), owner).post(`/app/organisations/${org.id}/invitations?/invite`, {
		email: invitee.email,
		role: 'member'
	});
	expect(invited.status).toBe(200);
	const mail = await app.smtp!.waitFor(invitee.email, /invit/i, MAIL_TIMEOUT);
	const link = /https?:\/\/[^\s<>"')\]]+\/invitations\/[A-Za-z0-9_-]{16,}/.exec(mail.text)?.[0];
	expect(link, `an invitation link in:\n${mail.text}`).toBeTruthy();
	invitationPath = new URL(link!).pathname;
});
afterAll(async () => {
	for (const t of tabs) await t.close().catch(() => {});
	await browser?.close();
	await app?.stop();
});

/** One tab per (person, JavaScript, locale), reused across the page tests to spare the shared machine. */
const shared = new Map<string, Promise<Tab>>();
function tabFor(user: TestUser | null, opts: TabOptions): Promise<Tab> {
	const key = `${user?.id ?? 'anonymous'} ${opts.js !== false} ${opts.locale ?? 'en'}`;
	let t = shared.get(key);
	if (!t) {
		t = (async () => {
			const created = await Tab.open(browser, app.url, opts);
			tabs.push(created);
			if (user) await created.context.addCookies([{ name: SESSION_COOKIE, value: user.token, url: app.url }]);
			return created;
		})();
		shared.set(key, t);
	}
	return t;
}

function onFailureScreenshot(t: Tab): void {
	onTestFailed(async () => {
		console.error(`screenshot of ${t.where()}: ${await t.screenshot('pages-failed')}`);
	});
}

/** Visits (axe, errors, CSP) and checks what every page needs: one h1, a title, the right language and direction. */
async function auditPage(t: Tab, path: string, status: number | undefined, locale: string): Promise<void> {
	onFailureScreenshot(t);
	await t.visit(path, { status });
	const requested = new URL(path, app.url).pathname;
	expect(pathOf(t.page), `${path} was not redirected (signed in as expected?)`).toBe(requested);
	await expect(t.page.locator('h1').count(), `one h1 on ${t.where()}`).resolves.toBe(1);
	expect((await t.page.title()).trim(), `a title on ${t.where()}`).not.toBe('');
	expect(await t.htmlAttrs()).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
}

const workspacePages = (): Array<[string, string]> => [
	['workspace home', '/app'],
	['new organisation', '/app/organisations/new'],
	['organisation', `/app/organisations/${org.id}`],
	['organisation just created', `/app/organisations/${org.id}?created=1`],
	['members', `/app/organisations/${org.id}/members`],
	['invitations', `/app/organisations/${org.id}/invitations`],
	['account', '/account'],
	['account security', '/account/security'],
	['account export', '/account/export'],
	['account delete', '/account/delete'],
	['organisation directory', '/organisations'],
	['public organisation page', `/organisations/${org.slug}`]
];

const staffPages: Array<[string, string]> = [
	['administration', '/app/admin'],
	['people', '/app/admin/users'],
	['audit log', '/app/admin/audit'],
	['outbox', '/app/admin/outbox']
];

const publicPages = (): Array<[string, string, number?]> => [
	['home', '/'],
	['sign in', '/signin'],
	['sign up', '/signup'],
	['forgotten password', '/forgot-password'],
	['reset password without a token', '/reset-password'],
	['verify e-mail without a token', '/verify-email'],
	['recovery code', '/recover'],
	['account deleted', '/account-deleted'],
	['organisation directory', '/organisations'],
	['organisation directory, searched', `/organisations?q=${encodeURIComponent('casa')}&type=migrant_association`],
	['public organisation page', `/organisations/${org.slug}`],
	['invitation', invitationPath],
	['unknown invitation', '/invitations/AAAAAAAAAAAAAAAAAAAAAAAA', 404],
	['unknown page', '/no/such/page', 404],
	['design system', '/design'],
	['server error page', '/design/error/500', 500]
];

describe.each([
	{ js: true, locale: 'en', mode: 'JavaScript on, English' },
	{ js: false, locale: 'ar', mode: 'JavaScript off, Arabic' }
])('signed-in pages are accessible ($mode)', ({ js, locale }) => {
	it('every workspace and account page', async () => {
		const t = await tabFor(owner, { js, locale });
		for (const [, path] of workspacePages()) await auditPage(t, path, undefined, locale);
	}, 180_000);

	it('the invitation, to the invited person', async () => {
		const t = await tabFor(invitee, { js, locale });
		await auditPage(t, invitationPath, undefined, locale);
		await expect(t.page.locator('main').innerText()).resolves.toContain(org.name);
		await expect(t.page.locator('main form button').count()).resolves.toBeGreaterThan(0);
	});

	it('the city staff pages', async () => {
		const t = await tabFor(admin, { js, locale });
		for (const [, path] of staffPages) await auditPage(t, path, undefined, locale);
	}, 120_000);
});

describe.each([
	{ locale: 'en', mode: 'English' },
	{ locale: 'ar', mode: 'Arabic' }
])('public pages are accessible with JavaScript off ($mode)', ({ locale }) => {
	it('every public page', async () => {
		const t = await tabFor(null, { js: false, locale });
		for (const [, path, status] of publicPages()) await auditPage(t, path, status, locale);
	}, 180_000);
});

describe('public pages are accessible with JavaScript on', () => {
	it('the organisation directory and a public profile', async () => {
		const t = await tabFor(null, { js: true, locale: 'en' });
		await auditPage(t, '/organisations', undefined, 'en');
		await expect(t.page.locator('main').innerText()).resolves.toContain(org.name);
		await auditPage(t, `/organisations/${org.slug}`, undefined, 'en');
		await expect(t.page.locator('h1').innerText()).resolves.toBe(org.name);
	});
});

/** Main-frame document requests (a full page load or a plain form post), as "METHOD path". */
function watchDocuments(page: Page): string[] {
	const seen: string[] = [];
	page.on('request', (r) => {
		if (r.isNavigationRequest() && r.frame() === page.mainFrame()) seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
	});
	return seen;
}

const MARKER = '__conviveNoReload';
const setMarker = (page: Page) => page.evaluate((k) => ((window as unknown as Record<string, unknown>)[k] = true), MARKER);
const markerKept = (page: Page) => page.evaluate((k) => (window as unknown as Record<string, unknown>)[k] === true, MARKER);

/** The submit button of the form that holds the field named `field`. */
function submitOf(page: Page, field: string) {
	return page
		.locator('main form')
		.filter({ has: page.locator(`[name="${field}"]`) })
		.locator('button[type="submit"], button:not([type])');
}

describe.each([
	{ js: true, mode: 'JavaScript on: use:enhance, no page load' },
	{ js: false, mode: 'JavaScript off: plain POST' }
])('workspace forms ($mode)', ({ js }) => {
	it('creating an organisation: a wrong form explains itself and keeps the input, a right one opens the new organisation', async () => {
		const t = await Tab.open(browser, app.url, { js, locale: 'en' });
		tabs.push(t);
		onFailureScreenshot(t);
		await t.context.addCookies([{ name: SESSION_COOKIE, value: owner.token, url: app.url }]);
		await t.visit('/app/organisations/new');
		const documents = watchDocuments(t.page);
		if (js) await setMarker(t.page);

		// No name: refused, explained, the description kept.
		const description = 'Language café on Saturdays.';
		await t.page.locator('input[name="type"][value="ngo"]').check();
		await t.page.locator('[name="description"]').fill(description);
		await submitOf(t.page, 'name').click();
		await expect.poll(() => t.page.locator('[name="name"][aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();
		expect(pathOf(t.page)).toBe('/app/organisations/new');
		await expect(t.page.locator('[name="description"]').inputValue()).resolves.toBe(description);
		await expect(t.page.locator('[role="alert"]').count()).resolves.toBeGreaterThan(0);

		// With a name: created, and the new organisation's page is shown.
		const name = `Caffè Lingua ${unique()}`;
		await t.page.locator('[name="name"]').fill(name);
		await submitOf(t.page, 'name').click();
		await t.page.waitForURL(/\/app\/organisations\/[0-9a-f-]{36}\?created=1$/, { timeout: 15_000 });
		await expect.poll(() => t.page.locator('h1').innerText(), { timeout: 15_000 }).toBe(name);
		await expect(t.page.locator('[role="status"]').count()).resolves.toBeGreaterThan(0);
		await t.check();

		if (js) {
			expect(documents, 'no full page load: the form posted with fetch and the page updated in place').toEqual([]);
			expect(await markerKept(t.page), 'the same document throughout').toBe(true);
		} else {
			// Two plain POSTs (the refused and the accepted one), then the redirect's GET.
			expect(documents.filter((d) => d === 'POST /app/organisations/new')).toHaveLength(2);
			expect(documents.at(-1)).toMatch(/^GET \/app\/organisations\/[0-9a-f-]{36}$/);
		}
	}, 90_000);

	it('inviting someone: the e-mail goes out and the invitation is listed', async () => {
		const t = await Tab.open(browser, app.url, { js, locale: 'en' });
		tabs.push(t);
		onFailureScreenshot(t);
		await t.context.addCookies([{ name: SESSION_COOKIE, value: owner.token, url: app.url }]);
		const path = `/app/organisations/${org.id}/invitations`;
		await t.visit(path);
		const documents = watchDocuments(t.page);
		if (js) await setMarker(t.page);

		// A broken address: refused with a message on the field.
		await t.page.locator('[name="email"]').fill('not an address');
		await submitOf(t.page, 'email').click();
		await expect.poll(() => t.page.locator('[name="email"][aria-invalid="true"]').count(), { timeout: 15_000 }).toBe(1);
		await t.check();

		const email = `dawit.${unique()}@example.org`;
		await t.page.locator('[name="email"]').fill(email);
		await t.page.locator('input[name="role"][value="member"]').check();
		await submitOf(t.page, 'email').click();
		await expect.poll(() => t.page.locator('main table').innerText().catch(() => ''), { timeout: 15_000 }).toContain(email);
		await expect(t.page.locator('[role="status"]').count()).resolves.toBeGreaterThan(0);
		await expect(t.page.locator('[name="email"][aria-invalid="true"]').count()).resolves.toBe(0);
		await t.check();
		const mail = await app.smtp!.waitFor(email, /invit/i, MAIL_TIMEOUT);
		expect(mail.text).toContain(org.name);
		expect(pathOf(t.page)).toBe(path);

		if (js) {
			expect(documents, 'no full page load').toEqual([]);
			expect(await markerKept(t.page)).toBe(true);
		} else {
			expect(documents).toEqual([`POST ${path}`, `POST ${path}`]);
		}
	}, 90_000);
});

describe.each([
	{ js: true, mode: 'JavaScript on' },
	{ js: false, mode: 'JavaScript off' }
])('moving around by links ($mode)', ({ js }) => {
	it('from the workspace to the account and its security page, to an organisation and its public page, and back', async () => {
		const t = await Tab.open(browser, app.url, { js, locale: 'en' });
		tabs.push(t);
		onFailureScreenshot(t);
		await t.context.addCookies([{ name: SESSION_COOKIE, value: owner.token, url: app.url }]);
		const nav = t.page.locator('header nav.main-nav');
		const documents = watchDocuments(t.page);
		const expectAt = async (path: string, h1: string | RegExp) => {
			await t.page.waitForURL((u) => u.pathname === path, { timeout: 15_000 });
			await expect.poll(() => t.page.locator('h1').innerText(), { timeout: 15_000 }).toMatch(h1);
			await t.check();
		};

		await t.visit('/app');
		// The account is one link away in the header (the pages under /account send no JavaScript).
		await nav.getByRole('link', { name: 'My account' }).click();
		await expectAt('/account', /./);
		await expect(nav.getByRole('link', { name: 'My account' }).getAttribute('aria-current')).resolves.toBe('page');
		await t.page.locator('main nav a[href="/account/security"]').click();
		await expectAt('/account/security', /./);
		await expect(t.page.locator('main').innerText()).resolves.not.toBe('');

		// Back to the workspace (JavaScript again, when on), into the organisation, out to its public page.
		await nav.getByRole('link', { name: 'My workspace' }).click();
		await expectAt('/app', /./);
		await expect(t.page.locator('main').innerText()).resolves.toContain(org.name);
		await t.page.locator(`main a[href="/app/organisations/${org.id}"]`).click();
		await expectAt(`/app/organisations/${org.id}`, org.name);
		await t.page.locator(`main a[href="/organisations/${org.slug}"]`).click();
		await expectAt(`/organisations/${org.slug}`, org.name);
		// A public page, even when reached from the workspace: no JavaScript in it.
		await expect(t.page.locator('script').count()).resolves.toBe(0);
		// Pages outside the workspace (csr = false) always come from the server as a
		// whole document; with JavaScript on, moves inside the workspace need none.
		// (/account has no JavaScript, so the way back to /app is a page load either way.)
		const expected = ['/app', '/account', '/account/security', '/app', ...(js ? [] : [`/app/organisations/${org.id}`]), `/organisations/${org.slug}`];
		expect(documents).toEqual(expected.map((p) => `GET ${p}`));
	}, 90_000);
});
