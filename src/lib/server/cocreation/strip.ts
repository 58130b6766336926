/**
 * Pictures shown to the public lose what they say about the person who took
 * them (issue 7): a phone's photo carries the place it was taken (GPS), the
 * time, the camera and its serial number, sometimes a name. Before an idea's
 * picture is kept, these are cut out of the file without decoding it:
 *
 * - JPEG: the APP1–APP15 segments (Exif, XMP, Photoshop IPTC, maker notes)
 *   and comments, before the image data; APP0 (JFIF), APP2 (the colour
 *   profile) and APP14 (Adobe colour transform) are kept, as a viewer needs them;
 * - PNG: the text chunks (tEXt, zTXt, iTXt), eXIf and tIME;
 * - WebP: the EXIF and XMP chunks, with their flags in VP8X cleared.
 *
 * Anything that does not parse is refused (null), never kept as it came.
 */
import type { DocumentType } from '../support/sniff.ts';

const KEEP_JPEG_APP = new Set([0xe0, 0xe2, 0xee]);

function jpeg(b: Uint8Array): Uint8Array | null {
	if (b[0] !== 0xff || b[1] !== 0xd8) return null;
	const parts: Uint8Array[] = [b.subarray(0, 2)];
	let at = 2;
	while (at + 4 <= b.length) {
		if (b[at] !== 0xff) return null;
		const marker = b[at + 1];
		if (marker === 0xff) {
			at++; // fill byte
			continue;
		}
		if (marker === 0xd9) break;
		const len = (b[at + 2] << 8) | b[at + 3];
		if (len < 2 || at + 2 + len > b.length) return null;
		const segment = b.subarray(at, at + 2 + len);
		if (marker === 0xda) {
			// Start of scan: the image data and everything after it, as they are.
			parts.push(b.subarray(at));
			at = b.length;
			break;
		}
		const metadata = (marker >= 0xe1 && marker <= 0xef && !KEEP_JPEG_APP.has(marker)) || marker === 0xfe;
		if (!metadata) parts.push(segment);
		at += 2 + len;
	}
	if (at < b.length) parts.push(b.subarray(at));
	return join(parts);
}

const DROP_PNG = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function png(b: Uint8Array): Uint8Array | null {
	const parts: Uint8Array[] = [b.subarray(0, 8)];
	let at = 8;
	let ended = false;
	while (at + 12 <= b.length) {
		const len = ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
		const type = String.fromCharCode(b[at + 4], b[at + 5], b[at + 6], b[at + 7]);
		const end = at + 12 + len;
		if (end > b.length) return null;
		if (!DROP_PNG.has(type)) parts.push(b.subarray(at, end));
		at = end;
		if (type === 'IEND') {
			ended = true;
			break;
		}
	}
	return ended ? join(parts) : null;
}

function webp(b: Uint8Array): Uint8Array | null {
	const parts: Uint8Array[] = [];
	let at = 12;
	let vp8x: Uint8Array | null = null;
	while (at + 8 <= b.length) {
		const type = String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
		const size = b[at + 4] | (b[at + 5] << 8) | (b[at + 6] << 16) | ((b[at + 7] << 24) >>> 0);
		const end = at + 8 + size + (size & 1);
		if (end > b.length + (size & 1)) return null;
		const chunk = b.slice(at, Math.min(end, b.length));
		if (type === 'VP8X') vp8x = chunk;
		if (type !== 'EXIF' && type !== 'XMP ') parts.push(chunk);
		at = end;
	}
	// The flags say an EXIF (0x08) or XMP (0x04) chunk follows: no longer.
	if (vp8x && vp8x.length > 8) vp8x[8] &= ~0x0c;
	const body = join(parts);
	const out = new Uint8Array(12 + body.length);
	out.set(b.subarray(0, 12));
	const riff = 4 + body.length;
	out[4] = riff & 0xff;
	out[5] = (riff >> 8) & 0xff;
	out[6] = (riff >> 16) & 0xff;
	out[7] = (riff >>> 24) & 0xff;
	out.set(body, 12);
	return out;
}

function join(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** The picture without its metadata, or null when it does not parse. */
export function stripMetadata(bytes: Uint8Array, mediaType: DocumentType): Uint8Array | null {
	try {
		if (mediaType === 'image/jpeg') return jpeg(bytes);
		if (mediaType === 'image/png') return png(bytes);
		if (mediaType === 'image/webp') return webp(bytes);
	} catch {
		return null;
	}
	return null;
}
