/**
 * Whole journeys in a real browser, the way a person does them: sign up,
 * confirm the e-mail from a real SMTP server, sign in and out, turn on
 * two-step sign-in (TOTP), switch to Arabic, create an organisation, invite
 * someone who signs up in another browser and accepts. Then sign-up, sign-in
 * and the language switch again with JavaScript off. axe-core checks every
 * page on the way (Tab.visit / Tab.check).
 *
 * Everything that depends on the pages' markup is in SEL below, so a renamed
 * field or path is a one-line change.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import { browserTestApp, type Tab, type TabOptions } from './helpers.ts';

interface FieldSel {
	/** The field's label as a person reads it in English (tried first). */
	label: RegExp;
	/** Its form field name, used when the label does not match (e.g. in Arabic). */
	name: string | readonly string[];
}

const SEL = {
	signup: {
		path: '/signup',
		displayName: { label: /^(display name|your name)/i, name: 'display_name' },
		email: { label: /^e-?mail/i, name: 'email' },
		password: { label: /^password/i, name: 'password' },
		submit: /create|sign up|register/i
	},
	signin: {
		path: '/signin',
		email: { label: /^e-?mail/i, name: 'identifier' },
		password: { label: /^password/i, name: 'password' },
		submit: /sign in|log in/i
	},
	signinVerify: {
		path: '/signin/verify',
		code: { label: /code/i, name: 'code' },
		submit: /verify|continue|sign in|confirm/i
	},
	security: {
		path: '/account/security',
		secret: '[data-testid="totp-key"]',
		/** The button that starts the set-up (form ?/start); the key is shown after it. */
		start: 'main form[action="?/start"] button',
		code: { label: /code/i, name: 'code' },
		submit: /turn on|enable|confirm|verify|save|activate/i
	},
	/** Header sign-out: a form posting to /signout (language-independent). */
	signOut: 'form[action="/signout"] button',
	signInLink: 'header a[href="/signin"]',
	languageSwitch: {
		summary: 'details.language-switch > summary',
		link: (locale: string) => `details.language-switch a[hreflang="${locale}"]`
	},
	/** What the page a verification link opens shows when it worked. */
	verified: 'main [role="status"]',
	orgNew: {
		path: '/app/organisations/new',
		name: { label: /^name/i, name: 'name' },
		/** A <select> or a group of radio buttons. */
		type: { label: /type|kind/i, name: 'type' },
		description: { label: /description|about/i, name: 'description' },
		submit: /create|save/i
	},
	/** The page after creating an organisation is under this path. */
	orgPath: /\/app\/organisations\/(?!new\b)([^/?#]+)/,
	invitations: {
		path: (orgId: string) => `/app/organisations/${orgId}/invitations`,
		email: { label: /e-?mail/i, name: 'email' },
		/** A <select> or a group of radio buttons. */
		role: { label: /role/i, name: 'role' },
		/** Which role to give: the first option whose value matches, else the first non-empty one. */
		preferredRole: /member/i,
		submit: /invite|send/i
	},
	members: (orgId: string) => `/app/organisations/${orgId}/members`,
	invitationLink: /\/invitations\/[A-Za-z0-9_-]{16,}/,
	acceptInvitation: /accept|join/i,
	mail: { verify: /verif|confirm/i, invite: /invit/i },
	/** Anything showing a form error. */
	formError: '[aria-invalid="true"], .error-summary, [role="alert"]',
	/** Public pages: no JavaScript at all (csr = false). */
	publicPages: ['/', '/services', '/signin', '/signup', '/forgot-password', '/reset-password', '/verify-email', '/recover', '/account-deleted', '/organisations', '/design']
} as const;

const MAIL_TIMEOUT = 15_000;

const env = browserTestApp({ name: 'flow', smtp: true });
const tab = (opts: TabOptions = {}) => env.tab(opts);

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathOf = (page: Page) => new URL(page.url()).pathname;

const namesOf = (f: FieldSel): readonly string[] => (typeof f.name === 'string' ? [f.name] : f.name);
const byNames = (page: Page, f: FieldSel) => page.locator(namesOf(f).map((n) => `[name="${n}"]`).join(', '));

/** The field by its label when that is unambiguous and is the right field, else by its name. */
async function field(page: Page, f: FieldSel): Promise<Locator> {
	const byLabel = page.getByLabel(f.label);
	if ((await byLabel.count()) === 1 && namesOf(f).includes((await byLabel.getAttribute('name')) ?? '')) return byLabel;
	const byName = byNames(page, f);
	expect(await byName.count(), `exactly one field named ${namesOf(f).join(' or ')} on ${page.url()}`).toBe(1);
	return byName;
}

/** The submit button of the form holding `inside`. */
async function submitOf(page: Page, inside: Locator, name: RegExp): Promise<Locator> {
	const form = page.locator('form').filter({ has: inside });
	expect(await form.count(), `one form around the field on ${page.url()}`).toBe(1);
	const buttons = form.locator('button:not([type="button"]):not([type="reset"]), input[type="submit"]');
	if ((await buttons.count()) === 1) return buttons;
	const named = form.getByRole('button', { name });
	expect(await named.count(), `one submit button named ${name} on ${page.url()}`).toBe(1);
	return named;
}

async function fill(page: Page, f: FieldSel, value: string): Promise<Locator> {
	const el = await field(page, f);
	await el.fill(value);
	return el;
}

/**
 * Picks a choice in a <select> or a radio group: the first whose value
 * matches `prefer`, else the first with a value.
 */
async function choose(page: Page, f: FieldSel, prefer?: RegExp): Promise<string> {
	const inputs = byNames(page, f);
	expect(await inputs.count(), `a choice named ${namesOf(f).join(' or ')} on ${page.url()}`).toBeGreaterThan(0);
	const tag = await inputs.first().evaluate((el) => el.tagName.toLowerCase());
	if (tag === 'select') {
		expect(await inputs.count()).toBe(1);
		const values = (await inputs.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== '');
		expect(values.length, `options in ${namesOf(f).join(' or ')}`).toBeGreaterThan(0);
		const value = (prefer && values.find((v) => prefer.test(v))) || values[0];
		await inputs.selectOption(value);
		return value;
	}
	const radios = page.locator(namesOf(f).map((n) => `input[type="radio"][name="${n}"]`).join(', '));
	const values = (await radios.evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value))).filter((v) => v !== '');
	expect(values.length, `radio buttons named ${namesOf(f).join(' or ')}`).toBeGreaterThan(0);
	const value = (prefer && values.find((v) => prefer.test(v))) || values[0];
	// Checked through its label, the way a person does.
	await radios.and(page.locator(`[value="${value}"]`)).check();
	return value;
}

/** The first link in an e-mail that points at the env.app. */
function linkIn(text: string, pattern?: RegExp): string {
	const origin = new URL(env.app.url).origin;
	const links = (text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? []).filter((l) => {
		try {
			return new URL(l).origin === origin && (!pattern || pattern.test(new URL(l).pathname));
		} catch {
			return false;
		}
	});
	expect(links.length, `a link to ${origin} in the e-mail:\n${text}`).toBeGreaterThan(0);
	const u = new URL(links[0]);
	return u.pathname + u.search;
}

interface Person {
	displayName: string;
	email: string;
	password: string;
}

function person(first: string): Person {
	const id = unique();
	return {
		displayName: `${first} ${id.slice(-4)}`,
		email: `${first.toLowerCase().replace(/[^a-z]/g, '')}.${id}@example.org`,
		password: `Portavera river ${id} lantern`
	};
}

async function expectNoFormError(t: Tab): Promise<void> {
	await expect(t.page.locator('[aria-invalid="true"]').count(), `no field marked invalid on ${t.where()}`).resolves.toBe(0);
}

async function signUp(t: Tab, p: Person): Promise<void> {
	await t.visit(SEL.signup.path);
	await fill(t.page, SEL.signup.displayName, p.displayName);
	const email = await fill(t.page, SEL.signup.email, p.email);
	const password = await fill(t.page, SEL.signup.password, p.password);
	await expect(password.getAttribute('type')).resolves.toBe('password');
	await t.clickAndCheck(await submitOf(t.page, email, SEL.signup.submit));
	await expectNoFormError(t);
}

/** Opens the verification link from the real e-mail, then makes sure the person is signed in. */
async function verifyEmail(t: Tab, p: Person): Promise<void> {
	const mail = await env.app.smtp!.waitFor(p.email, SEL.mail.verify, MAIL_TIMEOUT);
	expect(mail.text).not.toContain(p.password);
	await t.visit(linkIn(mail.text));
	expect(pathOf(t.page)).toBe('/verify-email');
	await expect(t.page.locator(SEL.verified).innerText()).resolves.toContain(p.email);
	await expect(t.page.locator('main [role="alert"]').count()).resolves.toBe(0);
}

async function signIn(t: Tab, p: Person, password = p.password): Promise<void> {
	if (pathOf(t.page) !== SEL.signin.path) await t.visit(SEL.signin.path);
	const email = await fill(t.page, SEL.signin.email, p.email);
	await fill(t.page, SEL.signin.password, password);
	await t.clickAndCheck(await submitOf(t.page, email, SEL.signin.submit));
}

/** Goes to the workspace (signing in if asked) and checks the person's display name is shown. */
async function expectSignedIn(t: Tab, p: Person): Promise<void> {
	await t.visit('/app');
	if (pathOf(t.page) === SEL.signin.path) {
		await signIn(t, p);
		if (pathOf(t.page) !== '/app') await t.visit('/app');
	}
	expect(pathOf(t.page)).toBe('/app');
	await expect(t.page.locator('body').innerText()).resolves.toContain(p.displayName);
	await expect(t.page.locator(SEL.signOut).count()).resolves.toBe(1);
}

async function signOut(t: Tab): Promise<void> {
	await t.clickAndCheck(t.page.locator(SEL.signOut));
	await expect(t.page.locator(SEL.signInLink).count()).resolves.toBe(1);
	// The workspace now asks to sign in.
	await t.visit('/app');
	expect(pathOf(t.page)).toBe(SEL.signin.path);
}

async function switchLanguage(t: Tab, locale: string, dir: 'ltr' | 'rtl'): Promise<void> {
	const before = pathOf(t.page);
	await t.page.locator(SEL.languageSwitch.summary).click();
	await t.clickAndCheck(t.page.locator(SEL.languageSwitch.link(locale)));
	await expect.poll(async () => (await t.htmlAttrs()).lang).toBe(locale);
	expect((await t.htmlAttrs()).dir).toBe(dir);
	expect(pathOf(t.page), 'the language switch returns to the same page').toBe(before);
}

/** Waits until the TOTP time step differs from `used`, so a code is never replayed. */
async function nextTotpStep(used: number): Promise<void> {
	while (Math.floor(Date.now() / 30_000) === used) await new Promise((r) => setTimeout(r, 500));
}

describe('with JavaScript on', () => {
	it(
		'signs up, confirms the e-mail, signs out and in, turns on TOTP, switches to Arabic, creates an organisation and invites a member who accepts',
		async () => {
			const amina = person('Amina');
			const a = await tab({ js: true, locale: 'en' });

			// Sign up and confirm the address from the real e-mail.
			await signUp(a, amina);
			await verifyEmail(a, amina);
			await expectSignedIn(a, amina);

			// Sign out, and back in.
			await signOut(a);
			await signIn(a, amina);
			await expectSignedIn(a, amina);

			// Two-step sign-in with an authenticator env.app.
			await a.visit(SEL.security.path);
			// Off at first: no key until the person asks to set it up.
			await expect(a.page.locator(SEL.security.secret).count()).resolves.toBe(0);
			await a.clickAndCheck(a.page.locator(SEL.security.start));
			const secret = a.page.locator(SEL.security.secret);
			const key = (await secret.innerText()).replace(/[\s-]+/g, '').toUpperCase();
			expect(key).toMatch(/^[A-Z2-7]{16,}=*$/);
			const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) });
			const enabledAt = Math.floor(Date.now() / 30_000);
			const codeField = await fill(a.page, SEL.security.code, totp.generate());
			await a.clickAndCheck(await submitOf(a.page, codeField, SEL.security.submit));
			await expectNoFormError(a);
			// The secret is not shown again once set up.
			await a.visit(SEL.security.path);
			await expect(a.page.locator(SEL.security.secret).count()).resolves.toBe(0);

			// Signing in now asks for a code; a wrong one is refused, the right one lets in.
			await signOut(a);
			await signIn(a, amina);
			expect(pathOf(a.page)).toBe(SEL.signinVerify.path);
			const valid = [-1, 0, 1].map((k) => totp.generate({ timestamp: Date.now() + k * 30_000 }));
			const wrong = ['000000', '111111', '222222'].find((c) => !valid.includes(c))!;
			let code = await fill(a.page, SEL.signinVerify.code, wrong);
			await a.clickAndCheck(await submitOf(a.page, code, SEL.signinVerify.submit));
			expect(pathOf(a.page)).toBe(SEL.signinVerify.path);
			await expect(a.page.locator(SEL.formError).count()).resolves.toBeGreaterThan(0);
			await nextTotpStep(enabledAt);
			code = await fill(a.page, SEL.signinVerify.code, totp.generate());
			await a.clickAndCheck(await submitOf(a.page, code, SEL.signinVerify.submit));
			expect(pathOf(a.page)).not.toBe(SEL.signinVerify.path);
			await expectSignedIn(a, amina);

			// Arabic, right to left, from the language switch.
			await switchLanguage(a, 'ar', 'rtl');

			// Create an organisation (in Arabic: fields are found by name).
			const orgName = `Casa Aperta ${unique()}`;
			await a.visit(SEL.orgNew.path);
			expect(await a.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
			const nameField = await fill(a.page, SEL.orgNew.name, orgName);
			await choose(a.page, SEL.orgNew.type);
			await fill(a.page, SEL.orgNew.description, 'Italian lessons and a homework club, every Tuesday.');
			await a.clickAndCheck(await submitOf(a.page, nameField, SEL.orgNew.submit));
			// With JavaScript the form posts with use:enhance and the page changes in place: wait for it.
			await a.page.waitForURL((u) => SEL.orgPath.test(u.pathname));
			await expect.poll(() => a.page.locator('h1').innerText()).toBe(orgName);
			await a.check();
			await expectNoFormError(a);
			// Created: the new organisation's own page opens.
			const orgId = SEL.orgPath.exec(pathOf(a.page))?.[1];
			expect(orgId, `the new organisation's id (now at ${a.page.url()})`).toBeTruthy();
			await expect(a.page.locator('body').innerText()).resolves.toContain(orgName);

			// Invite a member.
			const bilal = person('Bilal');
			await a.visit(SEL.invitations.path(orgId!));
			const inviteEmail = await fill(a.page, SEL.invitations.email, bilal.email);
			await choose(a.page, SEL.invitations.role, SEL.invitations.preferredRole);
			await a.clickAndCheck(await submitOf(a.page, inviteEmail, SEL.invitations.submit));
			await expect.poll(() => a.page.locator('main').innerText()).toContain(bilal.email);
			await a.check();
			await expectNoFormError(a);
			const invitation = await env.app.smtp!.waitFor(bilal.email, SEL.mail.invite, MAIL_TIMEOUT);
			const invitationPath = linkIn(invitation.text, SEL.invitationLink);
			expect(invitation.text).toContain(orgName);

			// The invitee, in another browser: signs up, confirms, opens the invitation and accepts.
			const b = await tab({ js: true, locale: 'en' });
			await signUp(b, bilal);
			await verifyEmail(b, bilal);
			await expectSignedIn(b, bilal);
			await b.visit(invitationPath);
			if (pathOf(b.page) === SEL.signin.path) await signIn(b, bilal);
			await expect(b.page.locator('body').innerText()).resolves.toContain(orgName);
			await b.clickAndCheck(b.page.locator('main').getByRole('button', { name: SEL.acceptInvitation }));
			await expectNoFormError(b);

			// The organisation's members page lists the invitee.
			await a.visit(SEL.members(orgId!));
			await expect(a.page.locator('main').innerText()).resolves.toMatch(
				new RegExp(`${escapeRe(bilal.displayName)}|${escapeRe(bilal.email)}`)
			);

			// The invitation cannot be used twice.
			const again = await b.page.goto(invitationPath);
			expect(again?.status()).not.toBe(500);
			await expect(b.page.locator('main').getByRole('button', { name: SEL.acceptInvitation }).count()).resolves.toBe(0);
		},
		240_000
	);
});

describe('with JavaScript off', () => {
	it('signs up, confirms the e-mail, signs out, signs in (after a wrong password), and switches to Arabic', async () => {
		const zoe = person('Zoé');
		const t = await tab({ js: false, locale: 'en' });

		await signUp(t, zoe);
		await verifyEmail(t, zoe);
		await expectSignedIn(t, zoe);
		await signOut(t);

		// A wrong password: a clear message, the e-mail kept, the password not sent back.
		await signIn(t, zoe, 'not the right password at all');
		expect(pathOf(t.page)).toBe(SEL.signin.path);
		await expect(t.page.locator(SEL.formError).count()).resolves.toBeGreaterThan(0);
		await expect((await field(t.page, SEL.signin.email)).inputValue()).resolves.toBe(zoe.email);
		await expect((await field(t.page, SEL.signin.password)).inputValue()).resolves.toBe('');

		await signIn(t, zoe);
		await expectSignedIn(t, zoe);

		// The language switch is a <details> menu of plain links: no script needed.
		await t.visit(SEL.signin.path);
		await switchLanguage(t, 'ar', 'rtl');
		await t.visit('/app');
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
		await expect(t.page.locator('body').innerText()).resolves.toContain(zoe.displayName);
		await signOut(t);
		// Public pages in Arabic too.
		await t.visit(SEL.signup.path);
		expect(await t.htmlAttrs()).toEqual({ lang: 'ar', dir: 'rtl' });
	}, 120_000);
});

describe('public pages', () => {
	// The home and search pages alone load /portal.js (≤ 2 KB: "near me" and the offline copy; decision 010),
	// and work without it.
	it.each(SEL.publicPages)('%s loads no JavaScript but the portal script', async (path) => {
		const t = await tab({ js: true, locale: 'en' });
		const scripts: string[] = [];
		t.page.on('request', (r) => {
			if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
		});
		await t.visit(path);
		const allowed = path === '/' || path === '/services' ? ['/portal.js'] : [];
		expect(scripts, 'JavaScript files requested').toEqual(allowed);
		await expect(t.page.locator('script').count(), '<script> elements').resolves.toBe(allowed.length);
		await expect(t.page.locator('link[rel="modulepreload"]').count(), 'modulepreload links').resolves.toBe(0);
	});
});
