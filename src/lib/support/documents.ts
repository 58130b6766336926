/** How the documents page names a document's type and size. */
import type { DocumentType } from '#lib/server/support/sniff.ts';

/** Format names, the same in every language. */
export function documentTypeLabel(t: DocumentType): string {
	return { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' }[t];
}

/** A size in the person's language: "820 kB", "3.4 MB". */
export function documentSize(bytes: number, locale: string): string {
	const [value, unit, digits] = bytes < 1024 * 1024 ? [Math.max(1, Math.round(bytes / 1024)), 'kilobyte', 0] : [bytes / 1024 / 1024, 'megabyte', 1];
	try {
		return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
	} catch {
		return `${value.toFixed(digits)} ${unit === 'kilobyte' ? 'kB' : 'MB'}`;
	}
}
