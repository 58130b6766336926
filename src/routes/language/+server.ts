import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '#lib/paraglide/runtime.js';
import { safeNext } from '#lib/server/http/redirect.ts';
import type { RequestHandler } from './$types';

/**
 * Switches the language without JavaScript: a plain link
 * `/language?set=ar&next=/path` remembers the choice in a cookie and goes back.
 */
export const GET: RequestHandler = ({ url, cookies }) => {
	const wanted = url.searchParams.get('set');
	if (wanted && isLocale(wanted)) {
		cookies.set(cookieName, wanted, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
	}
	redirect(303, safeNext(url.searchParams.get('next')));
};
