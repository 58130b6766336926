/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure on https. */
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, type NewSession } from '../auth/session.ts';

export function setSessionCookie(cookies: Cookies, url: URL, session: NewSession): void {
	cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: session.expiresAt
	});
}
