/**
 * What an uploaded file really is, decided from its bytes (never from its
 * name or the type the browser declared), and whether a support folder may
 * keep it (docs/decisions/016-support-folder.md): PDF, JPEG, PNG and WebP
 * only, at most 10 MB.
 *
 * Refused, each with its own reason so the person is told what to do:
 * - programs, whatever they are called: Windows (MZ), Linux (ELF), macOS
 *   (Mach-O), scripts (#!), WebAssembly;
 * - archives and office containers: anything that is a zip (so .docx, .xlsx,
 *   .odt, .jar, .apk and every zip bomb), rar, 7z, gzip and the like, and the
 *   old OLE office files (.doc, .xls, .msi);
 * - polyglots: an allowed file with a zip's central directory at its end, or
 *   with anything attached after the picture or PDF ends (for JPEG, where
 *   phones append motion-photo video, only an attached archive, program or
 *   document is refused);
 * - PDFs that carry active content (JavaScript, launch actions, embedded
 *   files, rich media), found in the file and in its compressed object
 *   streams, which are inflated under a budget (a PDF whose streams inflate
 *   past it is refused as a bomb);
 * - pictures too large to open safely ("pixel bombs": a few kilobytes that
 *   claim billions of pixels);
 * - a name whose extension says one allowed type (or a program) while the
 *   bytes say another: "invoice.pdf" that is not a PDF, "photo.exe" that is.
 *
 * Nothing here decodes a picture or renders a PDF: the checks read headers
 * and structure only, in time linear in the file's size.
 */
import { inflateSync } from 'node:zlib';

/** The largest document a folder keeps. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Pictures larger than this (either side, or in all) are refused. */
export const MAX_SIDE_PIXELS = 20_000;
export const MAX_PIXELS = 100_000_000;
/** How much a PDF's compressed object streams may inflate to, in all, while we look inside them. */
const PDF_INFLATE_BUDGET = 64 * 1024 * 1024;

export const documentTypes = {
	'application/pdf': { extension: 'pdf', extensions: ['pdf'] },
	'image/jpeg': { extension: 'jpg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
	'image/png': { extension: 'png', extensions: ['png'] },
	'image/webp': { extension: 'webp', extensions: ['webp'] }
} as const;
export type DocumentType = keyof typeof documentTypes;
export const documentMediaTypes = Object.keys(documentTypes) as DocumentType[];

export const sniffRefusals = [
	'empty',
	'too_large',
	'executable',
	'archive',
	'office',
	'polyglot',
	'active_content',
	'bomb',
	'pixels',
	'damaged',
	'name_mismatch',
	'not_allowed'
] as const;
export type SniffRefusal = (typeof sniffRefusals)[number];

export type Sniffed =
	| { ok: true; mediaType: DocumentType; extension: string; width?: number; height?: number }
	| { ok: false; reason: SniffRefusal; /** What the bytes look like, for the audit log (never the content). */ detected: string };

const refuse = (reason: SniffRefusal, detected: string): Sniffed => ({ ok: false, reason, detected });

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
	if (b.length < at + sig.length) return false;
	for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
	return true;
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32le = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;

/** Finds `sig` in `b` from `from` (to `to`), or -1. */
function indexOf(b: Uint8Array, sig: readonly number[], from = 0, to = b.length): number {
	const end = Math.min(to, b.length) - sig.length;
	outer: for (let i = Math.max(0, from); i <= end; i++) {
		if (b[i] !== sig[0]) continue;
		for (let j = 1; j < sig.length; j++) if (b[i + j] !== sig[j]) continue outer;
		return i;
	}
	return -1;
}

/** Programs, by the signature they start with. */
function program(b: Uint8Array, at = 0): string | null {
	if (startsWith(b, [0x4d, 0x5a], at)) return 'windows-executable';
	if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46], at)) return 'elf-executable';
	for (const sig of [
		[0xfe, 0xed, 0xfa, 0xce],
		[0xfe, 0xed, 0xfa, 0xcf],
		[0xce, 0xfa, 0xed, 0xfe],
		[0xcf, 0xfa, 0xed, 0xfe],
		[0xca, 0xfe, 0xba, 0xbe]
	])
		if (startsWith(b, sig, at)) return 'mach-o-or-java';
	if (startsWith(b, ascii('#!'), at)) return 'script';
	if (startsWith(b, [0x00, 0x61, 0x73, 0x6d], at)) return 'webassembly';
	if (startsWith(b, ascii('dex\n'), at)) return 'android-dex';
	return null;
}

/** Archives (a zip is also every modern office file) and old office containers. */
function container(b: Uint8Array, at = 0): { reason: 'archive' | 'office'; detected: string } | null {
	const a = (detected: string) => ({ reason: 'archive' as const, detected });
	if (startsWith(b, [0x50, 0x4b, 0x03, 0x04], at) || startsWith(b, [0x50, 0x4b, 0x05, 0x06], at) || startsWith(b, [0x50, 0x4b, 0x07, 0x08], at))
		return a('zip');
	if (startsWith(b, ascii('Rar!\x1a\x07'), at)) return a('rar');
	if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], at)) return a('7z');
	if (startsWith(b, [0x1f, 0x8b], at)) return a('gzip');
	if (startsWith(b, ascii('BZh'), at)) return a('bzip2');
	if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], at)) return a('xz');
	if (startsWith(b, [0x28, 0xb5, 0x2f, 0xfd], at)) return a('zstd');
	if (startsWith(b, ascii('MSCF'), at)) return a('cab');
	if (at === 0 && startsWith(b, ascii('ustar'), 257)) return a('tar');
	if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], at)) return { reason: 'office', detected: 'ole-compound' };
	if (startsWith(b, ascii('{\\rtf'), at)) return { reason: 'office', detected: 'rtf' };
	return null;
}

/** A zip's "end of central directory" near the end of the file: what zip readers look for first. */
function zipAtEnd(b: Uint8Array): boolean {
	return indexOf(b, [0x50, 0x4b, 0x05, 0x06], b.length - (65_535 + 22)) >= 0;
}

/**
 * Data attached after a file's end that is an archive, a program or a
 * document of its own: zip headers, a real PE (MZ with "PE\0\0" where its
 * header points), ELF, Mach-O, PDF, HTML.
 */
function dangerousTrailer(b: Uint8Array, from: number): string | null {
	for (const [sig, name] of [
		[[0x50, 0x4b, 0x03, 0x04], 'zip'],
		[[0x50, 0x4b, 0x05, 0x06], 'zip'],
		[[0x7f, 0x45, 0x4c, 0x46], 'elf-executable'],
		[ascii('Rar!\x1a\x07'), 'rar'],
		[[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7z'],
		[[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'ole-compound'],
		[ascii('%PDF-'), 'pdf'],
		[[0xfe, 0xed, 0xfa, 0xce], 'mach-o'],
		[[0xfe, 0xed, 0xfa, 0xcf], 'mach-o'],
		[[0xce, 0xfa, 0xed, 0xfe], 'mach-o'],
		[[0xcf, 0xfa, 0xed, 0xfe], 'mach-o']
	] as const)
		if (indexOf(b, sig, from) >= 0) return name;
	for (let i = indexOf(b, [0x4d, 0x5a], from); i >= 0; i = indexOf(b, [0x4d, 0x5a], i + 1)) {
		if (i + 0x40 > b.length) break;
		const pe = i + u32le(b, i + 0x3c);
		if (pe > i && startsWith(b, [0x50, 0x45, 0x00, 0x00], pe)) return 'windows-executable';
	}
	const tail = new TextDecoder('latin1').decode(b.subarray(from)).toLowerCase();
	if (tail.includes('<script') || tail.includes('<html') || tail.includes('<svg')) return 'html';
	return null;
}

function dimensions(width: number, height: number, type: string): Sniffed | null {
	if (width === 0 || height === 0) return refuse('damaged', type);
	if (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS || width * height > MAX_PIXELS) return refuse('pixels', `${type} ${width}x${height}`);
	return null;
}

function png(b: Uint8Array): Sniffed {
	// Signature, then chunks: length, type, data, CRC. IHDR first; the file ends with IEND.
	if (b.length < 8 + 25 + 12 || !startsWith(b, ascii('IHDR'), 12)) return refuse('damaged', 'png');
	const bad = dimensions(u32be(b, 16), u32be(b, 20), 'png');
	if (bad) return bad;
	let at = 8;
	while (at + 12 <= b.length) {
		const length = u32be(b, at);
		const type = String.fromCharCode(b[at + 4], b[at + 5], b[at + 6], b[at + 7]);
		const next = at + 12 + length;
		if (next > b.length) return refuse('damaged', 'png');
		if (type === 'IEND') {
			if (next !== b.length) return refuse('polyglot', `png+${dangerousTrailer(b, next) ?? 'data'}`);
			return { ok: true, mediaType: 'image/png', extension: 'png', width: u32be(b, 16), height: u32be(b, 20) };
		}
		at = next;
	}
	return refuse('damaged', 'png');
}

function webp(b: Uint8Array): Sniffed {
	// RIFF <size> WEBP, then one of VP8 (lossy), VP8L (lossless), VP8X (extended).
	const end = 8 + u32le(b, 4);
	if (end > b.length || b.length < 30) return refuse('damaged', 'webp');
	const padded = end + (end % 2);
	if (padded < b.length) return refuse('polyglot', `webp+${dangerousTrailer(b, end) ?? 'data'}`);
	const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
	let width: number;
	let height: number;
	if (chunk === 'VP8X') {
		width = 1 + (b[24] | (b[25] << 8) | (b[26] << 16));
		height = 1 + (b[27] | (b[28] << 8) | (b[29] << 16));
	} else if (chunk === 'VP8L') {
		if (b[20] !== 0x2f) return refuse('damaged', 'webp');
		const bits = u32le(b, 21);
		width = 1 + (bits & 0x3fff);
		height = 1 + ((bits >>> 14) & 0x3fff);
	} else if (chunk === 'VP8 ') {
		if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return refuse('damaged', 'webp');
		width = u16le(b, 26) & 0x3fff;
		height = u16le(b, 28) & 0x3fff;
	} else return refuse('damaged', 'webp');
	const bad = dimensions(width, height, 'webp');
	if (bad) return bad;
	return { ok: true, mediaType: 'image/webp', extension: 'webp', width, height };
}

/**
 * Walks a JPEG's segments to its end: the frame header gives the size; the
 * scans run to the next marker; EOI ends the picture. Progressive files have
 * many scans with tables between them.
 */
function jpeg(b: Uint8Array): Sniffed {
	let at = 2;
	let width = 0;
	let height = 0;
	while (at + 2 <= b.length) {
		if (b[at] !== 0xff) return refuse('damaged', 'jpeg');
		const marker = b[at + 1];
		if (marker === 0xff) {
			at++; // fill byte
			continue;
		}
		if (marker === 0xd9) {
			if (width === 0) return refuse('damaged', 'jpeg');
			const end = at + 2;
			if (end < b.length) {
				const attached = dangerousTrailer(b, end);
				if (attached) return refuse('polyglot', `jpeg+${attached}`);
			}
			return { ok: true, mediaType: 'image/jpeg', extension: 'jpg', width, height };
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		if (at + 4 > b.length) break;
		const length = u16be(b, at + 2);
		if (length < 2 || at + 2 + length > b.length) return refuse('damaged', 'jpeg');
		// SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			height = u16be(b, at + 5);
			width = u16be(b, at + 7);
			const bad = dimensions(width, height, 'jpeg');
			if (bad) return bad;
		}
		at += 2 + length;
		if (marker === 0xda) {
			// Entropy-coded data: runs to the next marker that is not a stuffed 00 or a restart.
			while (at + 1 < b.length && !(b[at] === 0xff && b[at + 1] !== 0x00 && !(b[at + 1] >= 0xd0 && b[at + 1] <= 0xd7))) at++;
		}
	}
	return refuse('damaged', 'jpeg');
}

/** PDF names that start something on their own: scripts, launching programs, files inside, media. */
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia']);

/** The names (/Name) in PDF text, with #xx escapes decoded: /J#61vaScript is /JavaScript. */
function activeName(text: string): string | null {
	for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
		const name = match[1].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
		if (ACTIVE_NAMES.has(name)) return name;
	}
	return null;
}

function pdf(b: Uint8Array): Sniffed {
	const text = new TextDecoder('latin1').decode(b);
	const eof = text.lastIndexOf('%%EOF');
	if (eof < 0) return refuse('damaged', 'pdf');
	// After the last %%EOF only line ends and spaces: a PDF does not go on after its end.
	const after = eof + 5;
	if (/\S/.test(text.slice(after))) return refuse('polyglot', `pdf+${dangerousTrailer(b, after) ?? 'data'}`);
	// Dictionaries live outside streams (or inside compressed object streams, PDF 1.5): names are
	// looked for there only, never in the bytes of pictures and fonts, where "/JS" turns up by chance.
	let outside = '';
	let at = 0;
	let budget = PDF_INFLATE_BUDGET;
	const streamStart = />>\s*stream(?:\r\n|\n|\r)/g;
	for (let m = streamStart.exec(text); m; m = streamStart.exec(text)) {
		const data = m.index + m[0].length;
		const end = text.indexOf('endstream', data);
		if (end < 0) return refuse('damaged', 'pdf');
		const before = text.slice(at, data);
		outside += before;
		// This stream's own dictionary: from its "obj" keyword (at most 2000 characters back).
		const window = before.slice(-2000);
		const dict = window.slice(Math.max(0, window.lastIndexOf('obj')));
		if (/\/Type\s*\/ObjStm\b/.test(dict) && /\/FlateDecode\b/.test(dict)) {
			let inflated: Buffer;
			try {
				inflated = inflateSync(b.subarray(data, end), { maxOutputLength: budget });
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return refuse('bomb', 'pdf object streams');
				inflated = Buffer.alloc(0); // A damaged stream: a reader would not use it either.
			}
			budget -= inflated.length;
			if (budget <= 0) return refuse('bomb', 'pdf object streams');
			const hidden = activeName(new TextDecoder('latin1').decode(inflated));
			if (hidden) return refuse('active_content', `pdf object stream /${hidden}`);
		}
		at = end;
		streamStart.lastIndex = end;
	}
	outside += text.slice(at);
	const direct = activeName(outside);
	if (direct) return refuse('active_content', `pdf /${direct}`);
	return { ok: true, mediaType: 'application/pdf', extension: 'pdf' };
}

/** Extensions that name a program, a script or a page a browser or system would run or render. */
const RUNNABLE_EXTENSIONS = new Set(
	'exe com scr bat cmd msi msp dll cpl pif lnk vbs vbe js jse wsf wsh hta ps1 psm1 sh bash zsh command app dmg pkg deb rpm apk jar class elf bin run html htm xhtml svg svgz xml shtml php'.split(' ')
);
/** Other file types a name might claim, which are not allowed (the bytes would have to match them). */
const OTHER_KNOWN_EXTENSIONS = new Set(
	'zip rar 7z gz tgz bz2 xz zst tar cab iso doc docx docm xls xlsx xlsm ppt pptx odt ods odp rtf txt csv gif bmp tif tiff heic heif avif ico mp4 mov avi mkv mp3 wav ogg'.split(' ')
);

/** The extension of a file name, lowercased, when it looks like one (letters first, at most 5 characters). */
export function extensionOf(name: string): string | null {
	const m = /\.([a-z][a-z0-9]{0,4})$/i.exec(name.trim());
	return m ? m[1].toLowerCase() : null;
}

/**
 * The type of `bytes`, or why they are refused. `name`, when given, is only
 * checked against the bytes: an extension that claims another type is a
 * refusal, never a reason to believe it.
 */
export function sniff(bytes: Uint8Array, name?: string): Sniffed {
	if (bytes.length === 0) return refuse('empty', 'empty');
	if (bytes.length > MAX_DOCUMENT_BYTES) return refuse('too_large', `${bytes.length} bytes`);
	const prog = program(bytes);
	if (prog) return refuse('executable', prog);
	const box = container(bytes);
	if (box) return refuse(box.reason, box.detected);

	let found: Sniffed;
	if (startsWith(bytes, ascii('%PDF-'))) found = pdf(bytes);
	else if (startsWith(bytes, [0xff, 0xd8, 0xff])) found = jpeg(bytes);
	else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) found = png(bytes);
	else if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) found = webp(bytes);
	else return refuse('not_allowed', describe(bytes));
	if (!found.ok) return found;
	// A zip whose directory sits at the end opens as a zip, whatever comes first.
	if (zipAtEnd(bytes)) return refuse('polyglot', `${found.extension}+zip`);

	const ext = name ? extensionOf(name) : null;
	if (ext && !(documentTypes[found.mediaType].extensions as readonly string[]).includes(ext)) {
		const claimsAllowed = documentMediaTypes.some((t) => (documentTypes[t].extensions as readonly string[]).includes(ext));
		if (claimsAllowed || RUNNABLE_EXTENSIONS.has(ext) || OTHER_KNOWN_EXTENSIONS.has(ext)) return refuse('name_mismatch', `${found.extension} named .${ext}`);
	}
	return found;
}

/** A short, content-free description of bytes that are not an allowed type, for the audit log. */
function describe(b: Uint8Array): string {
	if (startsWith(b, ascii('GIF8'))) return 'gif';
	if (startsWith(b, ascii('BM'))) return 'bmp';
	if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
	if (startsWith(b, ascii('ftyp'), 4)) return 'iso-media (heic, mp4, mov)';
	if (startsWith(b, ascii('RIFF'))) return 'riff';
	const head = new TextDecoder('latin1').decode(b.subarray(0, 512)).trimStart().toLowerCase();
	if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
	if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<script')) return 'html';
	if (head.startsWith('<?xml')) return 'xml';
	if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(head)) return 'text';
	return 'unknown';
}

/** Characters never kept in a stored name: controls, direction overrides (the "fdp.exe" trick), path and shell punctuation. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*]/g;

/**
 * The name a document is kept and offered under: the last path part of what
 * the browser sent, without controls, direction overrides or path and shell
 * punctuation, at most 120 characters, ending in the extension of the type
 * the bytes are (added when the name has none of that type's).
 */
export function documentName(name: string, mediaType: DocumentType): string {
	const spec = documentTypes[mediaType];
	let base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
	base = base.replace(UNSAFE_NAME, ' ').replace(/\s+/g, ' ').trim();
	const ext = extensionOf(base);
	let stem = ext && (spec.extensions as readonly string[]).includes(ext) ? base.slice(0, -(ext.length + 1)) : base;
	stem = stem.replace(/^[.\s]+|[.\s]+$/g, '');
	if (!stem) stem = 'document';
	const suffix = ext && (spec.extensions as readonly string[]).includes(ext) ? base.slice(-(ext.length + 1)) : `.${spec.extension}`;
	const chars = [...stem];
	if (chars.length > 120 - suffix.length) stem = chars.slice(0, 120 - suffix.length).join('').trim();
	return stem + suffix;
}
