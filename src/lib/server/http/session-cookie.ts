/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Lax (not
 * sent on cross-site posts), Path=/, and Secure whenever the site is served
 * over https.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { cookieMaxAge, cookieName as localeCookie, isLocale } from '#lib/paraglide/runtime.js';
import { SESSION_COOKIE, type NewSession } from '../auth/session.ts';

export function setSessionCookie(event: RequestEvent, session: NewSession): void {
	event.cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: session.expiresAt
	});
}

export function clearSessionCookie(event: RequestEvent): void {
	event.cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: event.url.protocol === 'https:' });
}

/** Switches the site language to the person's saved choice. */
export function setLocaleCookie(event: RequestEvent, locale: string | null | undefined): void {
	if (!isLocale(locale)) return;
	event.cookies.set(localeCookie, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:'
	});
}
