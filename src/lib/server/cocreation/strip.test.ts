import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { jpeg, png, webp, concat } from '../../../../tests/fixtures/documents-files.ts';
import { sniff } from '../support/sniff.ts';
import { stripMetadata } from './strip.ts';

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const has = (b: Uint8Array, s: string) => new TextDecoder('latin1').decode(b).includes(s);
const GPS = 'GPSLatitude 44.4056 N GPSLongitude 8.9463 E Owner Olena K.';

/** A JPEG as a phone writes it: APP1 Exif with the place, an XMP packet and a comment before the image. */
function phoneJpeg(): Uint8Array {
	const base = jpeg();
	const seg = (marker: number, body: Uint8Array) => concat(Uint8Array.of(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255), body);
	return concat(base.subarray(0, 2), seg(0xe1, latin1(`Exif\0\0${GPS}`)), seg(0xe1, latin1(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${GPS}</x:xmpmeta>`)), seg(0xfe, latin1('Taken at Via Roma 3')), base.subarray(2));
}

function crc32(b: Uint8Array): number {
	let c = ~0;
	for (const x of b) {
		c ^= x;
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}
function pngChunk(type: string, data: Uint8Array): Uint8Array {
	const td = concat(latin1(type), data);
	const n = (v: number) => Uint8Array.of(v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
	return concat(n(data.length), td, n(crc32(td)));
}

describe('stripping a picture’s metadata', () => {
	it('cuts Exif, XMP and comments out of a JPEG and keeps a JPEG of the same size', () => {
		const before = phoneJpeg();
		expect(has(before, 'GPSLatitude')).toBe(true);
		const after = stripMetadata(before, 'image/jpeg')!;
		expect(has(after, 'GPSLatitude')).toBe(false);
		expect(has(after, 'Via Roma')).toBe(false);
		expect(has(after, 'JFIF')).toBe(true);
		// What is left is exactly the plain JPEG the fixture encoder wrote.
		expect(after).toEqual(jpeg());
		expect(sniff(after)).toMatchObject({ ok: true, mediaType: 'image/jpeg', width: 16, height: 16 });
	});

	it('drops the text, eXIf and time chunks of a PNG, keeping its pixels', () => {
		const base = png(8, 8);
		const iend = base.length - 12;
		const withText = concat(base.subarray(0, iend), pngChunk('tEXt', latin1(`Author\0${GPS}`)), pngChunk('iTXt', latin1(`GPS\0\0\0\0\0${GPS}`)), pngChunk('zTXt', concat(latin1('Comment\0\0'), deflateSync(latin1(GPS)))), pngChunk('eXIf', latin1(GPS)), pngChunk('tIME', Uint8Array.of(7, 234, 12, 7, 10, 0, 0)), base.subarray(iend));
		const after = stripMetadata(withText, 'image/png')!;
		expect(after).toEqual(base);
		expect(sniff(after)).toMatchObject({ ok: true, width: 8, height: 8 });
	});

	it('drops EXIF and XMP chunks of a WebP, fixing the RIFF size and the VP8X flags', () => {
		const plain = webp(8, 8);
		const vp8l = plain.subarray(12);
		const u32le = (v: number) => Uint8Array.of(v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24);
		const chunk = (type: string, data: Uint8Array) => concat(latin1(type), u32le(data.length), data, data.length % 2 ? Uint8Array.of(0) : new Uint8Array());
		const vp8x = chunk('VP8X', Uint8Array.of(0x0c, 0, 0, 0, 7, 0, 0, 7, 0, 0));
		const body = concat(vp8x, vp8l, chunk('EXIF', latin1(GPS)), chunk('XMP ', latin1(`<x>${GPS}</x>`)));
		const file = concat(latin1('RIFF'), u32le(4 + body.length), latin1('WEBP'), body);
		const after = stripMetadata(file, 'image/webp')!;
		expect(has(after, 'GPSLatitude')).toBe(false);
		const riff = after[4] | (after[5] << 8) | (after[6] << 16) | (after[7] << 24);
		expect(riff).toBe(after.length - 8);
		expect(after[20] & 0x0c).toBe(0);
	});

	it('refuses what does not parse rather than keep it as it came', () => {
		expect(stripMetadata(Uint8Array.of(0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff), 'image/jpeg')).toBeNull();
		expect(stripMetadata(png(4, 4).subarray(0, 40), 'image/png')).toBeNull();
		expect(stripMetadata(latin1('not a picture'), 'application/pdf')).toBeNull();
	});
});
