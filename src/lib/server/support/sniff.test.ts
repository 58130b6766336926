import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentName, extensionOf, MAX_DOCUMENT_BYTES, sniff } from './sniff.ts';
import {
	activePdfs,
	concat,
	docx,
	jpeg,
	linuxProgram,
	macProgram,
	oleDocument,
	pdf,
	png,
	pngClaiming,
	polyglots,
	shellScript,
	webp,
	windowsProgram,
	zipBomb
} from '../../../../tests/fixtures/documents-files.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('the four allowed types, from their bytes', () => {
	it.each([
		['a PDF', pdf(), 'application/pdf', 'pdf'],
		['a JPEG', jpeg(), 'image/jpeg', 'jpg'],
		['a PNG', png(), 'image/png', 'png'],
		['a WebP', webp(), 'image/webp', 'webp']
	])('recognises %s whatever it is called or declared', (_, bytes, mediaType, extension) => {
		expect(sniff(bytes)).toMatchObject({ ok: true, mediaType, extension });
		expect(sniff(bytes, `scan.${extension}`)).toMatchObject({ ok: true, mediaType });
		// No extension, or a suffix that is no file type: the bytes decide.
		expect(sniff(bytes, 'Scan 12.05.2024')).toMatchObject({ ok: true, mediaType });
		expect(sniff(bytes, 'Dr.Ahmed')).toMatchObject({ ok: true, mediaType });
	});

	it('reads the pictures’ sizes', () => {
		expect(sniff(png(30, 20))).toMatchObject({ width: 30, height: 20 });
		expect(sniff(jpeg([[10, 20, 30]]))).toMatchObject({ width: 24, height: 8 });
		expect(sniff(webp(300, 7))).toMatchObject({ width: 300, height: 7 });
	});

	it('takes a file of exactly 10 MB and refuses one byte more', () => {
		const base = pdf();
		const tail = new TextDecoder('latin1').decode(base).lastIndexOf('%%EOF');
		const exact = new Uint8Array(MAX_DOCUMENT_BYTES);
		exact.set(base.subarray(0, tail));
		// Padding in a comment line, then the end marker at the very end.
		exact.fill(0x20, tail, MAX_DOCUMENT_BYTES - 7);
		exact.set(text('\n%%EOF\n'), MAX_DOCUMENT_BYTES - 7);
		expect(sniff(exact)).toMatchObject({ ok: true, mediaType: 'application/pdf' });
		expect(sniff(concat(exact, text(' ')))).toMatchObject({ ok: false, reason: 'too_large' });
	});
});

describe('refusals', () => {
	it.each([
		['a Windows program called invoice.pdf', windowsProgram(), 'invoice.pdf', 'windows-executable'],
		['a Linux program called scan.pdf', linuxProgram(), 'scan.pdf', 'elf-executable'],
		['a macOS program called letter.pdf', macProgram(), 'letter.pdf', 'mach-o-or-java'],
		['a shell script called permit.pdf', shellScript(), 'permit.pdf', 'script']
	])('refuses %s as a program', (_, bytes, name, detected) => {
		expect(sniff(bytes, name)).toEqual({ ok: false, reason: 'executable', detected });
	});

	it('refuses a zip bomb, named anything, as an archive without opening it', () => {
		const bomb = zipBomb(100);
		expect(bomb.length).toBeLessThan(200_000);
		expect(sniff(bomb, 'bomb.zip')).toEqual({ ok: false, reason: 'archive', detected: 'zip' });
		expect(sniff(bomb, 'report.pdf')).toEqual({ ok: false, reason: 'archive', detected: 'zip' });
	});

	it('refuses office files, new (zip) and old (OLE)', () => {
		expect(sniff(docx(), 'cv.docx')).toMatchObject({ ok: false, reason: 'archive' });
		expect(sniff(oleDocument(), 'cv.doc')).toMatchObject({ ok: false, reason: 'office' });
		expect(sniff(text('{\\rtf1\\ansi hello}'), 'cv.rtf')).toMatchObject({ ok: false, reason: 'office' });
	});

	it('refuses other archives', () => {
		for (const b of [Uint8Array.of(0x1f, 0x8b, 8, 0), text('Rar!\x1a\x07\x00'), Uint8Array.of(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4)])
			expect(sniff(b)).toMatchObject({ ok: false, reason: 'archive' });
	});

	it.each([
		['a PDF with a zip after %%EOF', polyglots.pdfZip(), 'pdf+zip'],
		['a JPEG with a zip after its end', polyglots.jpegZip(), 'jpeg+zip'],
		['a PNG with a program after IEND', polyglots.pngProgram(), 'png+windows-executable'],
		['a PDF with a zip directory before %%EOF', polyglots.pdfZipInside(), 'pdf+zip']
	])('refuses %s as a polyglot', (_, bytes, detected) => {
		expect(sniff(bytes, 'file.pdf')).toMatchObject({ ok: false, reason: 'polyglot', detected });
	});

	it('refuses a WebP or PNG with anything after its end, and a PDF that goes on after %%EOF', () => {
		expect(sniff(concat(webp(), text('more data')))).toMatchObject({ ok: false, reason: 'polyglot' });
		expect(sniff(concat(png(), text('x')))).toMatchObject({ ok: false, reason: 'polyglot' });
		expect(sniff(concat(pdf(), text('<script>alert(1)</script>')))).toMatchObject({ ok: false, reason: 'polyglot', detected: 'pdf+html' });
	});

	it('lets a JPEG keep a trailer that is neither archive nor program (phones append motion-photo video)', () => {
		const video = concat(Uint8Array.of(0, 0, 0, 24), text('ftypmp42'), new Uint8Array(4000).fill(7));
		expect(sniff(concat(jpeg(), video))).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
		expect(sniff(concat(jpeg(), video, linuxProgram()))).toMatchObject({ ok: false, reason: 'polyglot', detected: 'jpeg+elf-executable' });
	});

	it.each([
		['JavaScript', activePdfs.javascript(), 'pdf /JavaScript'],
		['a launch action behind #-escapes', activePdfs.launch(), 'pdf /Launch'],
		['an embedded file', activePdfs.embeddedFile(), 'pdf /EmbeddedFiles'],
		['JavaScript in a compressed object stream', activePdfs.hidden(), 'pdf object stream /JavaScript']
	])('refuses a PDF with %s', (_, bytes, detected) => {
		expect(sniff(bytes, 'form.pdf')).toEqual({ ok: false, reason: 'active_content', detected });
	});

	it('does not mistake "/JS" inside a picture stream for a script', () => {
		const base = new TextDecoder('latin1').decode(pdf('Picture'));
		const at = base.indexOf('xref\n');
		const image = '6 0 obj\n<< /Type /XObject /Subtype /Image /Length 9 >>\nstream\nxx/JS /xx\nendstream\nendobj\n';
		const bytes = new TextEncoder().encode(base.slice(0, at) + image + base.slice(at));
		expect(sniff(bytes)).toMatchObject({ ok: true });
	});

	it('refuses a PDF whose object streams inflate past the budget, as a bomb', () => {
		const base = new TextDecoder('latin1').decode(pdf('Bomb'));
		const cut = base.indexOf('xref\n');
		// 80 MB of zeros deflate to about 80 KB.
		const zeros = new Uint8Array(80 * 1024 * 1024);
		const body = deflateSync(zeros, { level: 9 });
		const bytes = concat(
			text(base.slice(0, cut) + `6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${body.length} >>\nstream\n`),
			body,
			text('\nendstream\nendobj\n' + base.slice(cut))
		);
		expect(sniff(bytes)).toMatchObject({ ok: false, reason: 'bomb' });
	});

	it('refuses pictures that claim more pixels than anyone can open ("pixel bombs")', () => {
		expect(sniff(pngClaiming(50_000, 50_000))).toMatchObject({ ok: false, reason: 'pixels', detected: 'png 50000x50000' });
		expect(sniff(pngClaiming(15_000, 15_000))).toMatchObject({ ok: false, reason: 'pixels' });
		expect(sniff(webp(16383, 16383))).toMatchObject({ ok: false, reason: 'pixels' });
		const big = jpeg();
		big.set([0xea, 0x60, 0xea, 0x60], 2 + 18 + 69 + 5); // SOF height and width: 60000
		expect(sniff(big)).toMatchObject({ ok: false, reason: 'pixels' });
	});

	it('refuses truncated and damaged files of the allowed types', () => {
		expect(sniff(png().subarray(0, 40))).toMatchObject({ ok: false, reason: 'damaged' });
		expect(sniff(jpeg().subarray(0, 60))).toMatchObject({ ok: false, reason: 'damaged' });
		expect(sniff(webp().subarray(0, 20))).toMatchObject({ ok: false, reason: 'damaged' });
		expect(sniff(text('%PDF-1.7\nno end'))).toMatchObject({ ok: false, reason: 'damaged' });
	});

	it('refuses an allowed file whose name claims another type or a program', () => {
		expect(sniff(png(), 'passport.pdf')).toEqual({ ok: false, reason: 'name_mismatch', detected: 'png named .pdf' });
		expect(sniff(pdf(), 'photo.jpg')).toMatchObject({ ok: false, reason: 'name_mismatch' });
		expect(sniff(pdf(), 'setup.exe')).toMatchObject({ ok: false, reason: 'name_mismatch' });
		// The right-to-left override trick: shows as "invoiceexe.pdf", is "….exe".
		expect(sniff(pdf(), 'invoice\u202efdp.exe')).toMatchObject({ ok: false, reason: 'name_mismatch' });
		expect(sniff(jpeg(), 'photo.JPEG')).toMatchObject({ ok: true });
	});

	it.each([
		['plain text called .pdf', text('Dear Sir, this is not a PDF.'), 'text'],
		['HTML called .png', text('<!doctype html><script>alert(1)</script>'), 'html'],
		['SVG called .png', text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'svg'],
		['a GIF', text('GIF89a\x01\x00\x01\x00'), 'gif'],
		['a HEIC photo', concat(Uint8Array.of(0, 0, 0, 24), text('ftypheic'), new Uint8Array(16)), 'iso-media (heic, mp4, mov)']
	])('refuses %s as not allowed', (_, bytes, detected) => {
		expect(sniff(bytes, 'x.pdf')).toEqual({ ok: false, reason: 'not_allowed', detected });
	});

	it('refuses an empty file', () => {
		expect(sniff(new Uint8Array())).toMatchObject({ ok: false, reason: 'empty' });
	});

	it('never throws, and never accepts bytes that start like a program or an archive (random input)', () => {
		const heads = [[0x4d, 0x5a], [0x7f, 0x45, 0x4c, 0x46], [0x50, 0x4b, 0x03, 0x04], [0x23, 0x21], [0xcf, 0xfa, 0xed, 0xfe]];
		fc.assert(
			fc.property(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 2000 }), fc.string(), (head, rest, name) => {
				const r = sniff(Uint8Array.from([...head, ...rest]), name);
				expect(r.ok).toBe(false);
			}),
			{ numRuns: 300 }
		);
		const allowed = [pdf(), jpeg(), png(), webp()];
		fc.assert(
			fc.property(fc.constantFrom(...allowed), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 }), (file, at, junk) => {
				// Any damage in the middle: either still recognised, or refused; never an exception.
				const copy = file.slice();
				copy.set(junk.subarray(0, Math.max(0, copy.length - (at % copy.length))), at % copy.length);
				const r = sniff(copy, 'x');
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 500 }
		);
	});
});

describe('stored names', () => {
	it('keeps the last path part, drops controls, direction overrides and shell punctuation, ends in the real extension', () => {
		expect(documentName('C:\\Users\\amina\\Desktop\\permesso.pdf', 'application/pdf')).toBe('permesso.pdf');
		expect(documentName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
		expect(documentName('invoice\u202efdp.pdf', 'application/pdf')).toBe('invoice fdp.pdf');
		expect(documentName('a<b>:"c"|?*.png', 'image/png')).toBe('a b c.png');
		expect(documentName('Foto 2024.JPEG', 'image/jpeg')).toBe('Foto 2024.JPEG');
		expect(documentName('Scan', 'image/webp')).toBe('Scan.webp');
		expect(documentName('...', 'application/pdf')).toBe('document.pdf');
		expect(documentName('', 'image/png')).toBe('document.png');
		expect(documentName('وثيقة الإقامة.pdf', 'application/pdf')).toBe('وثيقة الإقامة.pdf');
		const long = documentName('x'.repeat(500) + '.pdf', 'application/pdf');
		expect(long).toHaveLength(120);
		expect(long.endsWith('.pdf')).toBe(true);
	});

	it('finds extensions only where they look like one', () => {
		expect(extensionOf('a.PDF')).toBe('pdf');
		expect(extensionOf('Scan 12.05.2024')).toBeNull();
		expect(extensionOf('J. Smith')).toBeNull();
	});
});
