/**
 * The real built app on a random port, backed by a fresh test database and
 * (optionally) a real local SMTP server. Requests go over real HTTP.
 */
import { resetConfig } from '../../src/lib/server/config.ts';
import { startServer, type RunningServer } from '../../scripts/server.ts';
import { testDatabase, type TestDatabase } from './db.ts';
import { startSmtp, type TestSmtp } from './smtp.ts';

export interface TestApp {
	url: string;
	database: TestDatabase;
	smtp: TestSmtp | null;
	server: RunningServer;
	client(opts?: { locale?: string }): Client;
	stop(): Promise<void>;
}

export async function startTestApp(opts: { smtp?: boolean } = {}): Promise<TestApp> {
	const smtp = opts.smtp === false ? null : await startSmtp();
	if (smtp) process.env.SMTP_URL = smtp.url;
	else delete process.env.SMTP_URL;
	delete process.env.ORIGIN;
	delete process.env.DATABASE_URL;
	resetConfig();
	const database = await testDatabase();
	const server = await startServer({ port: 0, host: '127.0.0.1' });
	return {
		url: server.url,
		database,
		smtp,
		server,
		client: (o) => new Client(server.url, o?.locale),
		async stop() {
			await server.stop(2000);
			await database.dispose();
			await smtp?.close();
		}
	};
}

export interface Page {
	status: number;
	headers: Headers;
	html: string;
	/** Where a redirect pointed (relative to the app), if any. */
	location: string | null;
}

/** A browser-like client: keeps cookies, sends Origin on posts, never follows redirects by itself. */
export class Client {
	readonly base: string;
	readonly cookies = new Map<string, string>();
	locale: string | undefined;

	constructor(base: string, locale?: string) {
		this.base = base;
		this.locale = locale;
	}

	private headers(extra: Record<string, string> = {}): Record<string, string> {
		// Like a browser: without it SvelteKit answers a form post with JSON meant for `enhance`.
		const h: Record<string, string> = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', ...extra };
		if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		if (this.locale) h['accept-language'] = this.locale;
		return h;
	}

	private keepCookies(res: Response) {
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some((a) => /max-age=0\b/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	private async page(res: Response): Promise<Page> {
		this.keepCookies(res);
		const location = res.headers.get('location');
		return { status: res.status, headers: res.headers, html: await res.text(), location };
	}

	async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
		const res = await fetch(this.base + path, { headers: this.headers(headers), redirect: 'manual' });
		return this.page(res);
	}

	/** Follows redirects like a browser would (GET after 303). */
	async follow(p: Page, max = 5): Promise<Page> {
		let page = p;
		for (let i = 0; i < max && page.location && page.status >= 300 && page.status < 400; i++) {
			const loc = page.location.startsWith('http') ? new URL(page.location).pathname + new URL(page.location).search : page.location;
			page = await this.get(loc);
		}
		return page;
	}

	/** Posts a form as a browser without JavaScript does. */
	async post(
		path: string,
		form: Record<string, string | string[]> | URLSearchParams | string,
		opts: { origin?: string | null; contentType?: string; headers?: Record<string, string> } = {}
	): Promise<Page> {
		let body: string;
		if (typeof form === 'string') body = form;
		else if (form instanceof URLSearchParams) body = form.toString();
		else {
			const p = new URLSearchParams();
			for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
			body = p.toString();
		}
		const headers = this.headers({
			'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
			...opts.headers
		});
		if (opts.origin !== null) headers.origin = opts.origin ?? this.base;
		const res = await fetch(this.base + path, { method: 'POST', body, headers, redirect: 'manual' });
		return this.page(res);
	}
}

/** The value of a hidden or text input in a page, by name. */
export function inputValue(html: string, name: string): string | null {
	const re = new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'i');
	const tag = re.exec(html)?.[0];
	return tag ? (/value="([^"]*)"/.exec(tag)?.[1] ?? '') : null;
}

/** Plain text of a page, for asserting what a person reads. */
export function text(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/gi, ' ')
		.replace(/<style[\s\S]*?<\/style>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}
