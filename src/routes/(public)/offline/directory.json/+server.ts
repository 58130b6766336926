/**
 * The compact copy of the public directory in one language, for the service
 * worker to keep on the phone: GET /offline/directory.json?locale=xx (the
 * reader's language when not given). Gzipped when the client accepts it;
 * cacheable for an hour (public data only, the same for everyone).
 */
import { gzipSync } from 'node:zlib';
import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { getDb } from '#lib/server/db/index.ts';
import { offlineDirectory } from '#lib/server/directory/portal.ts';
import { features, needs } from '#lib/directory/taxonomy.ts';
import { isDirectoryLocale } from '#lib/directory/text.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await authorize(event, 'directory.view');
	const asked = event.url.searchParams.get('locale');
	const locale = isDirectoryLocale(asked) ? asked : isDirectoryLocale(event.locals.locale) ? event.locals.locale : 'en';
	const opts = { locale };
	const body = JSON.stringify({
		v: 1,
		locale,
		savedAt: new Date().toISOString(),
		messages: {
			offline: m.portal_offline_notice({ date: '{date}' }, opts),
			saved: m.portal_offline_saved({ date: '{date}' }, opts)
		},
		needs: needs.map((n) => [n.code, n.name[locale]]),
		features: features.map((f) => [f.code, f.name[locale]]),
		services: await offlineDirectory(await getDb(), locale)
	});
	const headers: Record<string, string> = {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'public, max-age=3600',
		vary: 'accept-encoding'
	};
	if (/\bgzip\b/.test(event.request.headers.get('accept-encoding') ?? '')) {
		return new Response(gzipSync(body, { level: 9 }), { headers: { ...headers, 'content-encoding': 'gzip' } });
	}
	return new Response(body, { headers });
};
