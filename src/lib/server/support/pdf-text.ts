/**
 * Multilingual text for pdfkit: Latin, Greek and Cyrillic (Noto Sans),
 * Arabic and Persian (Noto Sans Arabic, shaped by fontkit and laid out right
 * to left), Tigrinya (Noto Sans Ethiopic). The fonts are OFL, committed in
 * src/lib/server/fonts with their licence.
 *
 * pdfkit shapes a run with fontkit but knows nothing of the Unicode
 * bidirectional algorithm nor of mixing fonts in one line. So this module
 * wraps paragraphs itself: it picks a font per character, breaks lines at
 * spaces by measured widths, orders each line's runs visually with bidi-js,
 * and draws run by run. fontkit reverses a run it recognises as Arabic
 * script (after shaping it in logical order); every other run is handed over
 * already in visual order, mirrored where right to left.
 *
 * Noto Sans Arabic decomposes some letters into a skeleton and its dots
 * (`ccmp`); the dots then carry no character, and text copied out of the PDF
 * (or read by a screen reader or a test) comes out broken. The precomposed
 * glyphs look the same, so `ccmp` is turned off for Arabic runs.
 */
import path from 'node:path';
import bidiFactory from 'bidi-js';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
export type FontKey = 'latin' | 'arabic' | 'ethiopic';
export type Weight = 'regular' | 'bold';

const bidi = bidiFactory();

export const fontDir = () => path.resolve(process.cwd(), 'src/lib/server/fonts');

const FILES: Record<FontKey, Record<Weight, string>> = {
	latin: { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
	arabic: { regular: 'NotoSansArabic-Regular.ttf', bold: 'NotoSansArabic-Bold.ttf' },
	ethiopic: { regular: 'NotoSansEthiopic-Regular.ttf', bold: 'NotoSansEthiopic-Bold.ttf' }
};

const name = (f: FontKey, w: Weight) => `${f}-${w}`;

/** Registers the six fonts on a document. */
export function registerFonts(doc: Doc): void {
	for (const f of Object.keys(FILES) as FontKey[]) for (const w of ['regular', 'bold'] as Weight[]) doc.registerFont(name(f, w), path.join(fontDir(), FILES[f][w]));
}

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const ETHIOPIC = /[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]/;
/** Letters and marks: they choose a font; anything else follows its neighbour. */
const STRONG = /[\p{L}\p{M}]/u;

function scriptFont(ch: string): FontKey | null {
	if (ARABIC.test(ch)) return 'arabic';
	if (ETHIOPIC.test(ch)) return 'ethiopic';
	if (STRONG.test(ch)) return 'latin';
	return null;
}

/** Punctuation, spaces and digits the Arabic and Ethiopic fonts draw themselves (else they use the Latin font). */
const SHARED_IN: Record<FontKey, RegExp> = {
	latin: /[\s\S]/,
	arabic: /[ .,:;!?()\-\u060c\u061b\u061f\u066a-\u066c\u06d4]/,
	ethiopic: /[ ]/
};

/** The font of each UTF-16 unit of `text`. */
export function fontsOf(text: string): FontKey[] {
	const out: FontKey[] = new Array(text.length);
	let prev: FontKey | null = null;
	for (let i = 0; i < text.length; i++) {
		const own = scriptFont(text[i]);
		if (own) {
			out[i] = own;
			prev = own;
		} else if (/\d/.test(text[i])) {
			out[i] = 'latin';
		} else {
			out[i] = prev && SHARED_IN[prev].test(text[i]) ? prev : 'latin';
		}
	}
	// Leading neutrals take the first strong character's font when it draws them.
	const first = out.findIndex((_, i) => scriptFont(text[i]) !== null);
	if (first > 0) for (let i = 0; i < first; i++) if (SHARED_IN[out[first]].test(text[i]) && !/\d/.test(text[i])) out[i] = out[first];
	return out;
}

export interface Style {
	size: number;
	weight: Weight;
	color?: string;
}

const features = (f: FontKey) => (f === 'arabic' ? ({ ccmp: false } as unknown as never) : undefined);

/** Width of a string in one font. */
function width(doc: Doc, text: string, f: FontKey, style: Style): number {
	doc.font(name(f, style.weight)).fontSize(style.size);
	return doc.widthOfString(text, { features: features(f) });
}

/** Width of a string of mixed scripts, measured run by run. */
export function measure(doc: Doc, text: string, style: Style): number {
	const fonts = fontsOf(text);
	let w = 0;
	let start = 0;
	for (let i = 1; i <= text.length; i++) {
		if (i === text.length || fonts[i] !== fonts[start]) {
			w += width(doc, text.slice(start, i), fonts[start], style);
			start = i;
		}
	}
	return w;
}

/** Breaks a paragraph into lines no wider than `max`, at spaces (a word wider than a line is cut). */
export function wrap(doc: Doc, text: string, style: Style, max: number): string[] {
	const lines: string[] = [];
	for (const para of text.split(/\r?\n/)) {
		const words = para.split(/(?<= )/);
		let line = '';
		for (let word of words) {
			if (measure(doc, (line + word).trimEnd(), style) <= max) {
				line += word;
				continue;
			}
			if (line.trim()) lines.push(line.trimEnd());
			line = '';
			while (measure(doc, word.trimEnd(), style) > max && word.length > 1) {
				let cut = word.length - 1;
				while (cut > 1 && measure(doc, word.slice(0, cut), style) > max) cut--;
				lines.push(word.slice(0, cut));
				word = word.slice(cut);
			}
			line = word;
		}
		lines.push(line.trimEnd());
	}
	return lines;
}

interface Run {
	text: string;
	font: FontKey;
	width: number;
}

/** The line's runs in visual order (left to right), each ready to hand to pdfkit. */
export function visualRuns(doc: Doc, line: string, style: Style, rtl: boolean): Run[] {
	if (line === '') return [];
	const levels = bidi.getEmbeddingLevels(line, rtl ? 'rtl' : 'ltr');
	const order = bidi.getReorderedIndices(line, levels);
	const fonts = fontsOf(line);
	const runs: { idx: number[]; font: FontKey; odd: boolean }[] = [];
	for (const i of order) {
		const odd = (levels.levels[i] & 1) === 1;
		const last = runs.at(-1);
		const prev = last?.idx.at(-1);
		const contiguous = prev !== undefined && (odd ? prev === i + 1 : prev === i - 1);
		if (last && last.font === fonts[i] && last.odd === odd && contiguous) last.idx.push(i);
		else runs.push({ idx: [i], font: fonts[i], odd });
	}
	return runs.map((r) => {
		const chars = r.idx.map((i) => line[i]);
		let text: string;
		if (chars.some((c) => ARABIC.test(c))) {
			// fontkit shapes a run of Arabic script in logical order, mirrors it (rtlm) and reverses it
			// itself: hand it the characters so that its reversal gives the visual order.
			text = chars.reverse().join('');
		} else {
			// Anything else is drawn as given: in visual order, mirrored where right to left.
			text = chars.map((c) => (r.odd ? (bidi.getMirroredCharacter(c) ?? c) : c)).join('');
		}
		return { text, font: r.font, width: width(doc, text, r.font, style) };
	});
}

/**
 * Writes paragraphs top to bottom from the document's current position,
 * within its margins, adding pages as needed. Right-to-left documents align
 * each line to the right.
 */
export class TextWriter {
	readonly doc: Doc;
	readonly rtl: boolean;
	constructor(doc: Doc, rtl: boolean) {
		this.doc = doc;
		this.rtl = rtl;
	}

	private get left() {
		return this.doc.page.margins.left;
	}
	private get right() {
		return this.doc.page.width - this.doc.page.margins.right;
	}
	private get bottom() {
		return this.doc.page.height - this.doc.page.margins.bottom;
	}

	/** Moves down; a new page when there is not `need` points left. */
	space(points: number, need = 0): void {
		this.doc.y += points;
		if (this.doc.y + need > this.bottom) {
			this.doc.addPage();
			this.doc.y = this.doc.page.margins.top;
		}
	}

	paragraph(text: string, style: Style, opts: { indent?: number; after?: number } = {}): void {
		const indent = opts.indent ?? 0;
		const lineHeight = style.size * (this.rtl ? 1.75 : 1.45);
		const max = this.right - this.left - indent;
		for (const line of wrap(this.doc, text, style, max)) {
			if (this.doc.y + lineHeight > this.bottom) {
				this.doc.addPage();
				this.doc.y = this.doc.page.margins.top;
			}
			const runs = visualRuns(this.doc, line, style, this.rtl);
			const total = runs.reduce((s, r) => s + r.width, 0);
			let x = this.rtl ? this.right - indent - total : this.left + indent;
			const y = this.doc.y;
			// One baseline for every run of the line, whatever each font's ascent.
			const baseline = y + style.size * (this.rtl ? 1.25 : 1.05);
			for (const r of runs) {
				this.doc.font(name(r.font, style.weight)).fontSize(style.size).fillColor(style.color ?? '#1a1a1a');
				this.doc.text(r.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', features: features(r.font) });
				x += r.width;
			}
			this.doc.y = y + lineHeight;
		}
		this.doc.x = this.left;
		this.doc.y += opts.after ?? 0;
	}
}
