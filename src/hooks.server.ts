import { randomUUID } from 'node:crypto';
import { sequence, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit/hooks';
import { database, getDb } from '#lib/server/db/index.ts';
import { log } from '#lib/server/log.ts';
import { anonymous } from '#lib/server/policy/index.ts';
import { SESSION_COOKIE, validateSession } from '#lib/server/auth/session.ts';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { getTextDirection } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';

export const init: ServerInit = async () => {
	const d = await database();
	log.info({ database: d.kind }, 'database ready');
};

const requestContext: Handle = async ({ event, resolve }) => {
	const incoming = event.request.headers.get('x-request-id');
	event.locals.requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
	event.locals.log = log.child({ requestId: event.locals.requestId });
	try {
		event.locals.ip = event.getClientAddress();
	} catch {
		event.locals.ip = 'unknown';
	}
	const started = performance.now();
	const response = await resolve(event);
	response.headers.set('x-request-id', event.locals.requestId);
	event.locals.log.info(
		{
			method: event.request.method,
			// The route pattern, not the URL: paths and queries can carry tokens (invitations, resets).
			route: event.route.id ?? 'unmatched',
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

const locale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		// Kit 3 types the request as read-only; paraglide's middleware hands back the one to use.
		(event as { request: Request }).request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', locale).replace('%dir%', getTextDirection(locale))
		});
	});

const session: Handle = async ({ event, resolve }) => {
	event.locals.actor = anonymous;
	event.locals.session = null;
	event.locals.pendingSession = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const info = await validateSession(await getDb(), token);
		if (info?.pendingSecondFactor) {
			// Password passed, second factor still owed: anonymous everywhere; only
			// /signin/verify and /signout read locals.pendingSession.
			event.locals.pendingSession = info;
		} else if (info) {
			event.locals.session = info;
			event.locals.actor = info.actor;
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('x-content-type-options', 'nosniff');
	h.set('referrer-policy', 'strict-origin-when-cross-origin');
	h.set('x-frame-options', 'DENY');
	h.set('cross-origin-opener-policy', 'same-origin');
	h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()');
	if (event.url.protocol === 'https:') h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	if ((event.locals.session || event.locals.pendingSession) && !h.has('cache-control')) h.set('cache-control', 'private, no-store');
	return response;
};

export const handle = sequence(requestContext, securityHeaders, locale, session);

export const handleError: HandleServerError = (input) => {
	const { error, event } = input;
	const requestId = event.locals.requestId;
	// Kit 3 also calls this for `error(status, message)` thrown on purpose: keep that message.
	if (input.kind === 'app') return { ...input.error, requestId };
	// Kit 3 passes no `status`: an error of our code (or below it) is a 500; Kit's own carry theirs.
	const status = input.kind === 'unknown' ? 500 : input.error.status;
	if (status >= 500) {
		(event.locals.log ?? log).error({ err: error, route: event.route.id }, 'unhandled error');
	}
	return {
		message: status === 404 ? m.error_not_found_title() : m.error_server_title(),
		requestId
	};
};
