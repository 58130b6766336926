/**
 * Keyset cursors of the folder's date-descending lists (timeline, notes):
 * the position of the last row shown, as its time to the microsecond (UTC)
 * and its id, in a URL-safe form: `2026-03-01T09:15:02.123456Z_<uuid>`.
 * Anything else (a tampered or truncated cursor) reads as no cursor: the
 * newest page, which shows nothing the reader may not see anyway.
 */
export interface Cursor {
	/** ISO time with microseconds and a Z, for `::timestamptz`. */
	at: string;
	id: string;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6})Z_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** `at` as SQL writes it with to_char(… at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'). */
export function encodeCursor(c: { at: string; id: string }): string {
	return `${c.at.replace(/Z$/, '')}Z_${c.id}`;
}

export function decodeCursor(s: string | null | undefined): Cursor | null {
	const match = CURSOR.exec(s ?? '');
	if (!match) return null;
	const at = `${match[1]}Z`;
	if (!Number.isFinite(new Date(at).getTime())) return null;
	return { at, id: match[2] };
}
