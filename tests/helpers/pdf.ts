/** Reading a PDF as a person (or a screen reader) would: its text, with a real parser (pdf.js). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The number of pages and the text of every page, whitespace collapsed. */
export async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
	const task = getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true });
	const pdf = await task.promise;
	const out: string[] = [];
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		out.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
	}
	const pages = pdf.numPages;
	await task.destroy();
	return { pages, text: out.join(' ').replace(/\s+/g, ' ') };
}

/** The text of every page of a PDF, whitespace collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	return (await readPdf(bytes)).text;
}
