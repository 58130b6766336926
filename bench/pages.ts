/**
 * Page weight of every public page against the budget:
 *   - HTML + critical CSS ≤ 14 KB gzip (fits the first round trip of a slow link),
 *   - everything the page needs ≤ 50 KB gzip,
 *   - no JavaScript needed (no <script>, no modulepreload).
 * Sizes are gzip level 6 computed here, the same for every file, whatever
 * the server or a proxy in front of it sends. Exits 1 when a page is over budget.
 *
 *   npm run bench:pages
 */
import { gzipSync } from 'node:zlib';
import { ensureBuild, pgliteDatabase, startChild, table } from './lib.ts';

const PAGES = ['/', '/services', '/services?need=health&lat=40.85&lng=14.27', '/signin', '/signup', '/forgot-password', '/organisations', '/design', '/no-such-page', '/offline', '/services/00000000-0000-4000-8000-000000000000'];
const BUDGET = { firstKb: 14, totalKb: 50, scripts: 0 };
/**
 * The one script a public page may load, and only on the pages named: the
 * portal's "near me" and offline saving (home, search, service pages) or the
 * offline page's reader. Each is a small same-origin file (CSP script-src
 * 'self'); the pages work without it. Any other page loading one fails.
 */
const ALLOWED_SCRIPTS: Record<string, { src: string; maxBytes: number; on: (pathname: string) => boolean }> = {
	'/portal.js': { src: '/portal.js', maxBytes: 2048, on: (p) => p === '/' || p === '/services' || /^\/services\/[^/]+$/.test(p) },
	'/offline.js': { src: '/offline.js', maxBytes: 4096, on: (p) => p === '/offline' }
};

const kb = (n: number) => (n / 1024).toFixed(1);
const gz = (b: Buffer | string) => gzipSync(b, { level: 6 }).length;

interface Fetched {
	status: number;
	body: Buffer;
	encoding: string | null;
}

async function get(url: string): Promise<Fetched> {
	// undici decompresses transparently; ask for identity to measure the raw bytes.
	const res = await fetch(url, { headers: { 'accept-encoding': 'identity', 'accept-language': 'en' }, redirect: 'manual' });
	return { status: res.status, body: Buffer.from(await res.arrayBuffer()), encoding: res.headers.get('content-encoding') };
}

/** Whether the server offers a compressed copy when asked (static assets are precompressed). */
async function servedCompressed(url: string): Promise<string | null> {
	const res = await fetch(url, { headers: { 'accept-encoding': 'gzip, br' } });
	await res.arrayBuffer();
	return res.headers.get('content-encoding');
}

function attrs(tag: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)"|='([^']*)')?/g)) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? '';
	return out;
}

ensureBuild();
const db = pgliteDatabase();
const server = await startChild(db.env);
const rows: (string | number)[][] = [];
const details = new Map<string, string>();
let failed = 0;
let htmlEncoding: string | null = null;
try {
	for (const path of PAGES) {
		const page = await get(server.url + path);
		const html = page.body.toString('utf8');
		const htmlGz = gz(page.body);
		const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
		const scriptTags = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
		const tags = [...html.matchAll(/<(link|script|img)\b[^>]*>/gi)].map((m) => ({ name: m[1].toLowerCase(), a: attrs(m[0]) }));
		const assets: { kind: 'js' | 'css' | 'img'; url: string }[] = [];
		for (const t of tags) {
			const rel = (t.a.rel ?? '').toLowerCase();
			if (t.name === 'script' && t.a.src) assets.push({ kind: 'js', url: t.a.src });
			else if (t.name === 'link' && rel === 'modulepreload' && t.a.href) assets.push({ kind: 'js', url: t.a.href });
			// SvelteKit adds the inlined CSS files again as <link disabled>: a disabled stylesheet is never fetched.
			else if (t.name === 'link' && rel === 'stylesheet' && t.a.href && !('disabled' in t.a)) assets.push({ kind: 'css', url: t.a.href });
			else if (t.name === 'link' && rel === 'icon' && t.a.href) assets.push({ kind: 'img', url: t.a.href });
			else if (t.name === 'img' && t.a.src && !t.a.src.startsWith('data:')) assets.push({ kind: 'img', url: t.a.src });
		}
		const sizes = { js: 0, css: 0, img: 0 };
		const seen = new Set<string>();
		for (const asset of assets) {
			const abs = new URL(asset.url, server.url + path).href;
			if (seen.has(abs) || new URL(abs).origin !== server.url) continue;
			seen.add(abs);
			const f = await get(abs);
			const size = gz(f.body);
			sizes[asset.kind] += size;
			const key = new URL(abs).pathname;
			if (!details.has(key)) {
				details.set(key, `  ${asset.kind.padEnd(3)} ${key}: ${kb(f.body.length)} KB raw, ${kb(size)} KB gzip (served ${(await servedCompressed(abs)) ?? 'uncompressed'} when asked)`);
			}
		}
		const first = htmlGz + sizes.css;
		const total = htmlGz + sizes.js + sizes.css + sizes.img;
		const pathname = new URL(path, server.url).pathname;
		const allowedJs = assets.filter((a) => a.kind === 'js' && a.url in ALLOWED_SCRIPTS && ALLOWED_SCRIPTS[a.url].on(pathname));
		let scriptsTooBig = false;
		for (const a of allowedJs) {
			const size = (await get(new URL(a.url, server.url).href)).body.length;
			if (size > ALLOWED_SCRIPTS[a.url].maxBytes) scriptsTooBig = true;
		}
		const scripts = scriptTags.length + assets.filter((a) => a.kind === 'js').length - 2 * allowedJs.length + (scriptsTooBig ? 1 : 0);
		const problems = [
			first > BUDGET.firstKb * 1024 ? `HTML+CSS ${kb(first)} KB > ${BUDGET.firstKb} KB` : '',
			total > BUDGET.totalKb * 1024 ? `total ${kb(total)} KB > ${BUDGET.totalKb} KB` : '',
			scripts > BUDGET.scripts ? `${scriptTags.length} script tag(s), ${assets.filter((a) => a.kind === 'js').length} JS file(s)` : ''
		].filter(Boolean);
		// A page that is not there (yet) is reported, not judged; the 404 page is judged.
		const judged = page.status === 200 || path === '/no-such-page';
		if (judged && problems.length) failed++;
		rows.push([
			path,
			page.status,
			kb(page.body.length),
			kb(htmlGz),
			kb(inlineCss),
			`${kb(sizes.js)}`,
			`${kb(sizes.css)}`,
			kb(total),
			scripts,
			judged ? (problems.length ? `FAIL: ${problems.join('; ')}` : 'PASS') : `not judged (status ${page.status})`
		]);
	}
	htmlEncoding = await servedCompressed(server.url + '/');
} finally {
	await server.stop();
	await db.dispose();
}

console.log(`Page weight (KB; gzip level 6). Budget: HTML + critical CSS ≤ ${BUDGET.firstKb} KB gzip, total ≤ ${BUDGET.totalKb} KB gzip, no JavaScript.\n`);
console.log(
	table(['page', 'status', 'HTML raw', 'HTML gz', 'inline CSS raw', 'JS gz', 'CSS files gz', 'total gz', 'scripts', 'budget'], rows)
);
if (details.size) console.log(`\nAssets (each counted in every page that references it):\n${[...details.values()].join('\n')}`);
console.log(
	`\nThe app itself sends HTML ${htmlEncoding ? `compressed (${htmlEncoding})` : 'uncompressed'} when asked for gzip; "HTML gz" is what a compressing proxy sends.`
);
process.exitCode = failed ? 1 : 0;
