/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core, contexts
 * with and without JavaScript, an axe-core accessibility check on every page
 * visited, and screenshots written outside the repository.
 *
 * A test opens a `Tab` (one page in its own context: cookies, locale,
 * JavaScript on or off) and moves with `tab.visit(path)` or by clicking and
 * then `tab.check()`. Every page reached this way must:
 *   - have no axe-core violation of impact "serious" or "critical"
 *     (WCAG 2.0/2.1 A and AA, and best practices),
 *   - throw no uncaught JavaScript error,
 *   - not trip the app's Content Security Policy (a violation means the
 *     browser blocked something the app itself tried to do).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM_PATH}. Install Debian's package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.`
		);
	}
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
let axeSource: string | undefined;
function axe(): string {
	axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
	return axeSource;
}

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	helpUrl: string;
	nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
	// page.evaluate goes through the DevTools protocol, which the page's CSP
	// does not govern, so axe can be injected without `bypassCSP`. We keep the
	// CSP enforced on purpose: the tests must see the app exactly as a browser
	// does, and notice when the CSP blocks one of the app's own scripts or
	// styles. (page.addScriptTag would add an inline <script>, which the
	// nonce-based CSP rightly blocks.)
	const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
	if (!loaded) await page.evaluate(`${axe()}\n;0`);
	return page.evaluate(async (tags) => {
		const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } };
		const result = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) }))
		}));
	}, AXE_TAGS);
}

/**
 * Pages without JavaScript cannot run axe in place (axe needs timers, and
 * Chromium's renderer dies when a promise waits on a timer in a page whose
 * scripts are disabled). So we audit a snapshot: the page's current DOM,
 * served at the same URL to a JavaScript-enabled auditor page, with the app's
 * scripts removed so nothing hydrates or changes it. Styles (inlined by the
 * build) and linked assets load as usual. The snapshot is served without the
 * app's CSP header, which would otherwise stop axe here: that is fine because
 * only the audit runs in this page, never the app.
 */
async function runAxeOnSnapshot(auditor: Page, url: string, html: string): Promise<AxeViolation[]> {
	const stripped = html
		.replace(/<script\b[\s\S]*?<\/script>/gi, '')
		.replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, '');
	const target = url.split('#')[0];
	await auditor.route(
		(u) => u.href.split('#')[0] === target,
		(route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: stripped }),
		{ times: 1 }
	);
	await auditor.goto(target, { waitUntil: 'load' });
	return runAxe(auditor);
}

function formatViolations(where: string, violations: AxeViolation[]): string {
	const lines = [`axe-core: ${violations.length} serious/critical accessibility violation(s) on ${where}:`];
	for (const v of violations) {
		lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
		for (const n of v.nodes.slice(0, 5)) {
			lines.push(`    at ${JSON.stringify(n.target)}: ${n.html}`);
			if (n.failureSummary) lines.push(`      ${n.failureSummary.replace(/\n\s*/g, ' / ')}`);
		}
		if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
	}
	return lines.join('\n');
}

/**
 * Fails, listing every violation, when axe-core finds a problem of impact
 * "serious" or "critical" on the page as it is now.
 */
export async function checkA11y(page: Page, opts: { label?: string; auditor?: () => Promise<Page> } = {}): Promise<void> {
	let violations: AxeViolation[];
	if (jsDisabled.has(page.context())) {
		if (!opts.auditor) throw new Error('checkA11y on a page without JavaScript needs an auditor page (use Tab)');
		violations = await runAxeOnSnapshot(await opts.auditor(), page.url(), await page.content());
	} else {
		try {
			violations = await runAxe(page);
		} catch (err) {
			// The page navigated while axe ran (a redirect landing late on a busy machine):
			// audit the page it settled on instead.
			if (!/Execution context was destroyed/.test(String(err))) throw err;
			await page.waitForLoadState('load');
			violations = await runAxe(page);
		}
	}
	const failing = violations.filter((v) => v.impact && FAILING_IMPACTS.has(v.impact));
	if (failing.length) throw new Error(formatViolations(opts.label ?? page.url(), failing));
}

/** Contexts opened with JavaScript off (Playwright has no getter for it). */
const jsDisabled = new WeakSet<BrowserContext>();

/** Where screenshots go: a temporary directory, never the repository. */
export const SCREENSHOT_DIR = path.join(tmpdir(), 'convive-browser-screenshots');
let shotCount = 0;

/** Saves a full-page screenshot in a temporary directory and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const safe = name.replace(/[^\w.-]+/g, '-').slice(0, 80);
	const file = path.join(SCREENSHOT_DIR, `${Date.now()}-${++shotCount}-${safe}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

export interface TabOptions {
	/** JavaScript on (default) or off. */
	js?: boolean;
	/** Browser locale; also sent as Accept-Language. Default 'en'. */
	locale?: string;
	/** Viewport; default a small phone (360×740). */
	viewport?: { width: number; height: number };
}

/**
 * One browser tab in its own context (own cookies), pointed at the app.
 * `problems` collects uncaught page errors and CSP violations as they happen.
 */
export class Tab {
	readonly problems: string[] = [];
	readonly visited: string[] = [];
	readonly browser: Browser;
	readonly context: BrowserContext;
	readonly page: Page;
	readonly base: string;
	readonly js: boolean;

	private constructor(browser: Browser, context: BrowserContext, page: Page, base: string, js: boolean) {
		this.browser = browser;
		this.context = context;
		this.page = page;
		this.base = base;
		this.js = js;
		page.on('pageerror', (err) => this.problems.push(`uncaught error on ${page.url()}: ${err.message}`));
		page.on('console', (msg) => {
			if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
				this.problems.push(`CSP violation on ${page.url()}: ${msg.text()} (from ${msg.location().url || 'the page'})`);
			}
		});
	}

	static async open(browser: Browser, base: string, opts: TabOptions = {}): Promise<Tab> {
		const js = opts.js !== false;
		const locale = opts.locale ?? 'en';
		const context = await browser.newContext({
			baseURL: base,
			javaScriptEnabled: js,
			locale,
			extraHTTPHeaders: { 'accept-language': locale },
			viewport: opts.viewport ?? { width: 360, height: 740 },
			reducedMotion: 'reduce'
		});
		if (!js) jsDisabled.add(context);
		const page = await context.newPage();
		return new Tab(browser, context, page, base, js);
	}

	private auditorPage: Page | undefined;
	private auditorContext: BrowserContext | undefined;
	private async auditor(): Promise<Page> {
		if (!this.auditorPage) {
			const vp = this.page.viewportSize() ?? { width: 360, height: 740 };
			this.auditorContext = await this.browser.newContext({ javaScriptEnabled: true, viewport: vp, reducedMotion: 'reduce' });
			this.auditorPage = await this.auditorContext.newPage();
		}
		return this.auditorPage;
	}

	/** A short description for messages: the URL, JS on/off. */
	where(): string {
		return `${this.page.url()} (JavaScript ${this.js ? 'on' : 'off'})`;
	}

	/**
	 * Checks the current page: accessible (axe), no uncaught errors, no CSP
	 * violations since the last check.
	 */
	async check(): Promise<void> {
		await this.page.waitForLoadState('load');
		this.visited.push(this.page.url());
		await checkA11y(this.page, { label: this.where(), auditor: () => this.auditor() });
		const problems = this.problems.splice(0);
		if (problems.length) throw new Error(`${this.where()}:\n${problems.join('\n')}`);
	}

	/**
	 * Opens a path of the app and checks the page. Fails unless the final
	 * response status is `status` (default: any 2xx).
	 */
	async visit(pathname: string, opts: { status?: number } = {}): Promise<Response> {
		const res = await this.page.goto(pathname, { waitUntil: 'load' });
		if (!res) throw new Error(`no response for ${pathname}`);
		const ok = opts.status === undefined ? res.status() >= 200 && res.status() < 300 : res.status() === opts.status;
		if (!ok) throw new Error(`GET ${pathname} answered ${res.status()}${opts.status ? `, expected ${opts.status}` : ''}`);
		if (this.js) await this.page.waitForLoadState('networkidle');
		await this.check();
		return res;
	}

	/**
	 * Clicks (a submit button, a link), waits for the resulting page or
	 * client-side update to settle, then checks the page.
	 */
	async clickAndCheck(target: Locator): Promise<void> {
		await target.click();
		await this.page.waitForLoadState('load');
		await this.page.waitForLoadState('networkidle');
		await this.check();
	}

	/** Presses Tab until the focused element matches `selector` (at most `max` presses). */
	async tabTo(selector: string, max = 60): Promise<void> {
		for (let i = 0; i < max; i++) {
			await this.page.keyboard.press('Tab');
			if (await this.focusedMatches(selector)) return;
		}
		throw new Error(`pressed Tab ${max} times without reaching ${selector} on ${this.where()}`);
	}

	async focusedMatches(selector: string): Promise<boolean> {
		return this.page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
	}

	async htmlAttrs(): Promise<{ lang: string | null; dir: string | null }> {
		const html = this.page.locator('html');
		return { lang: await html.getAttribute('lang'), dir: await html.getAttribute('dir') };
	}

	async screenshot(name: string): Promise<string> {
		return screenshot(this.page, name);
	}

	async close(): Promise<void> {
		await this.auditorContext?.close();
		await this.context.close();
	}
}

export interface BrowserTestApp {
	/** The app under test (started before the file's tests). */
	readonly app: TestApp;
	readonly browser: Browser;
	/** A fresh tab; on a failed test its page is saved as a screenshot (path printed). */
	tab(opts?: TabOptions): Promise<Tab>;
}

/**
 * A browser test file's set-up: starts the app (then `setup`, e.g. to seed
 * records) and Chromium before its tests, closes every tab, the browser and
 * the app after them.
 */
export function browserTestApp(opts: { name: string; smtp?: boolean; setup?: (app: TestApp) => Promise<void> }): BrowserTestApp {
	let app: TestApp | undefined;
	let browser: Browser | undefined;
	const tabs: Tab[] = [];
	beforeAll(async () => {
		app = await startTestApp({ smtp: opts.smtp ?? false });
		browser = await launchBrowser();
		await opts.setup?.(app);
	});
	afterAll(async () => {
		for (const t of tabs) await t.close().catch(() => {});
		await browser?.close();
		await app?.stop();
	});
	return {
		get app() {
			if (!app) throw new Error('the test app has not started');
			return app;
		},
		get browser() {
			if (!browser) throw new Error('the browser has not started');
			return browser;
		},
		async tab(tabOpts: TabOptions = {}) {
			const t = await Tab.open(this.browser, this.app.url, tabOpts);
			tabs.push(t);
			onTestFailed(async () => {
				console.error(`screenshot of ${t.where()}: ${await t.screenshot(`${opts.name}-failed`)}`);
			});
			return t;
		}
	};
}
