/**
 * The HTTP server around the built SvelteKit handler: decides the request
 * origin (from ORIGIN, or plain http on the Host header), counts in-flight
 * requests and shuts down gracefully (finish them, then close the database).
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { closeDatabase, database } from '../src/lib/server/db/index.ts';
import { config } from '../src/lib/server/config.ts';
import { log } from '../src/lib/server/log.ts';
import { runHousekeeping, scheduleHousekeeping, type Housekeeping } from '../src/lib/server/auth/housekeeping.ts';
import { BODY_TOO_LARGE_HEADER, DOCUMENT_BODY_LIMIT, DOCUMENT_UPLOAD_PATH, IDEA_IMAGE_BODY_LIMIT, IDEA_IMAGE_PATH, PANEL_BODY_LIMIT, PANEL_UPLOAD_PATH } from '../src/lib/server/support/upload-limits.ts';

const PROTO = 'x-convive-proto';
const HOST = 'x-convive-host';

export interface RunningServer {
	server: http.Server;
	url: string;
	/** Stops accepting, waits for in-flight requests (at most `graceMs`), closes the database. */
	stop(graceMs?: number): Promise<void>;
	inFlight(): number;
	/** The clean-up of expired sessions and old rate limits: once at start, then every hour. */
	housekeeping: Housekeeping;
}

export async function startServer(
	opts: { port?: number; host?: string; buildDir?: string; housekeepingEveryMs?: number } = {}
): Promise<RunningServer> {
	const c = config();
	// The adapter reads these when its handler is first imported.
	process.env.PROTOCOL_HEADER = PROTO;
	process.env.HOST_HEADER = HOST;
	if (c.TRUST_PROXY) {
		process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
		process.env.XFF_DEPTH ??= '1';
	}
	process.env.BODY_SIZE_LIMIT ??= '2M';
	// Directory imports (HSDS zip or XLSX, src/routes/app/organisations/[id]/import) may be up to
	// 50 MB. The adapter has one limit for every route, so it gets the import's, and requests to
	// any other path announcing more than BODY_SIZE_LIMIT are refused here before they are read.
	generalBodyLimit ??= parseBytes(process.env.BODY_SIZE_LIMIT);
	const generalLimit = generalBodyLimit;
	process.env.BODY_SIZE_LIMIT = String(Math.max(generalLimit, UPLOAD_LIMIT));

	await database(); // open and migrate before accepting requests
	// Each run asks for the current database, so tests that swap it are served too.
	const housekeeping = scheduleHousekeeping(async () => runHousekeeping((await database()).db), opts.housekeepingEveryMs);

	const buildDir = path.resolve(opts.buildDir ?? 'build');
	const { handler } = (await import(pathToFileURL(path.join(buildDir, 'handler.js')).href)) as {
		handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
	};
	const origin = c.ORIGIN ? new URL(c.ORIGIN) : null;

	let inFlight = 0;
	const server = http.createServer((req, res) => {
		inFlight++;
		res.on('close', () => inFlight--);
		delete req.headers[PROTO];
		delete req.headers[HOST];
		if (origin) {
			req.headers[PROTO] = origin.protocol.slice(0, -1);
			req.headers[HOST] = origin.host;
		} else {
			const forwarded = c.TRUST_PROXY ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() : '';
			req.headers[PROTO] = forwarded === 'https' ? 'https' : 'http';
		}
		// Support-folder documents (src/lib/server/support/upload-limits.ts): up to 10 MB on their one
		// upload path. A larger body is never read: the page gets an empty body and the mark and
		// answers 413 in the person's language, while what is still arriving is discarded.
		delete req.headers[BODY_TOO_LARGE_HEADER];
		const documentUpload = DOCUMENT_UPLOAD_PATH.test(req.url ?? '');
		// Validation panels' picture forms, likewise up to their own limit.
		const panelUpload = PANEL_UPLOAD_PATH.test(req.url ?? '');
		// A picture of an idea: a body over its limit is not read either (the page says so).
		const ideaImage = IDEA_IMAGE_PATH.test(req.url ?? '');
		const announced = Number(req.headers['content-length'] ?? 0);
		if ((documentUpload && announced > DOCUMENT_BODY_LIMIT) || (panelUpload && announced > PANEL_BODY_LIMIT) || (ideaImage && announced > IDEA_IMAGE_BODY_LIMIT)) {
			req.headers[BODY_TOO_LARGE_HEADER] = String(Number(req.headers['content-length']));
			req.headers['content-length'] = '0';
			// Discard the bytes as they come (nothing else reads them), so that the browser can finish
			// sending and read the answer on a connection that stays usable.
			req.resume();
		}
		if (Number(req.headers['content-length'] ?? 0) > generalLimit && !UPLOAD_PATH.test(req.url ?? '') && !documentUpload && !panelUpload && !ideaImage) {
			res.statusCode = 413;
			res.setHeader('content-type', 'text/plain; charset=utf-8');
			res.end('Payload too large');
			return;
		}
		if (!req.headers.host && !origin) {
			res.statusCode = 400;
			res.end('Bad request');
			return;
		}
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.keepAliveTimeout = 5_000;
	server.headersTimeout = 10_000;
	server.requestTimeout = 30_000;

	await new Promise<void>((resolve) => server.listen(opts.port ?? c.PORT, opts.host ?? '0.0.0.0', resolve));
	const address = server.address() as AddressInfo;
	const url = `http://${address.family === 'IPv6' ? 'localhost' : '127.0.0.1'}:${address.port}`;

	let stopping: Promise<void> | undefined;
	const stop = (graceMs = 30_000) =>
		(stopping ??= (async () => {
			const housekept = housekeeping.stop();
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => server.closeAllConnections(), graceMs);
				server.close(() => {
					clearTimeout(timer);
					resolve();
				});
				server.closeIdleConnections();
				// Keep-alive connections become idle as their last response ends.
				const sweep = setInterval(() => {
					server.closeIdleConnections();
					if (inFlight === 0) clearInterval(sweep);
				}, 50);
				server.on('close', () => clearInterval(sweep));
			});
			await housekept;
			await closeDatabase();
		})());

	return { server, url, stop, inFlight: () => inFlight, housekeeping };
}

/** Installs SIGTERM/SIGINT handlers that stop the server gracefully and exit. */
export function exitOnSignals(running: RunningServer): void {
	const onSignal = (signal: string) => {
		log.info({ signal, inFlight: running.inFlight() }, 'shutting down: finishing in-flight requests');
		running
			.stop()
			.then(() => {
				log.info('stopped');
				process.exit(0);
			})
			.catch((err) => {
				log.error({ err }, 'shutdown failed');
				process.exit(1);
			});
	};
	process.once('SIGTERM', onSignal);
	process.once('SIGINT', onSignal);
}

/** BODY_SIZE_LIMIT as configured, read once (the adapter's copy is raised for uploads). */
let generalBodyLimit: number | undefined;

/** Paths that take large uploads, and how large (a 50 MB file plus its multipart envelope). */
const UPLOAD_PATH = /^\/app\/organisations\/[^/?]+\/import(\?|$)/;
const UPLOAD_LIMIT = 51 * 1024 * 1024;

/** '2M', '512K', '1G', 'Infinity' or a number of bytes, as the adapter reads BODY_SIZE_LIMIT. */
function parseBytes(v: string | undefined): number {
	if (!v) return 2 * 1024 * 1024;
	if (v === 'Infinity') return Infinity;
	const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)$/i.exec(v.trim());
	if (!m) return 2 * 1024 * 1024;
	const mult = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
	return Number(m[1]) * mult;
}
