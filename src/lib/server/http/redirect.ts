/**
 * A `next` parameter is only followed to a path on this site: never to
 * another host (`//evil.example`, `https://…`, `\\evil`) or a script URL.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	if (!next || next.length > 2000) return fallback;
	if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
	return next;
}

/** Where a person lands after signing in (or visiting a sign-in page while signed in) when no safe `next` is given. */
export const AFTER_SIGN_IN = '/app';
