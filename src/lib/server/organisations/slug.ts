/**
 * Readable, URL-safe slugs from organisation names in any script. Latin
 * letters lose their accents, Greek and Cyrillic are transliterated; names in
 * scripts we do not transliterate (Arabic, Persian, Ge'ez…) get a short
 * neutral slug with a random part, never an empty one.
 */
import { randomBytes } from 'node:crypto';

const MAP: Record<string, string> = {
	// Latin letters that do not decompose
	ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ŧ: 't', ħ: 'h',
	// Greek
	α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
	ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
	// Cyrillic (Ukrainian and Russian letters)
	а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'y', і: 'i',
	ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
	ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'yu', я: 'ya', ё: 'yo', ы: 'y',
	э: 'e', ъ: ''
};

export const SLUG_MAX = 60;

/** The readable part of a slug; may be empty when nothing in the name transliterates. */
export function slugBase(name: string): string {
	// Greek digraphs first (after accents are gone: "ού" → "ου" → "ou").
	const lower = name
		.normalize('NFKC')
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, (mark, i, all: string) => (/[α-ω]/.test(all[i - 1] ?? '') ? '' : mark))
		.normalize('NFC')
		.replace(/ου/g, 'ou');
	let out = '';
	for (const ch of lower) {
		if (MAP[ch] !== undefined) {
			out += MAP[ch];
			continue;
		}
		const stripped = ch.normalize('NFD').replace(/\p{M}+/gu, '');
		for (const c of stripped) out += MAP[c] ?? (/[a-z0-9]/.test(c) ? c : '-');
	}
	out = out.replace(/-+/g, '-').replace(/^-|-$/g, '');
	if (out.length > SLUG_MAX) out = out.slice(0, SLUG_MAX).replace(/-[^-]*$/, '') || out.slice(0, SLUG_MAX);
	return out.replace(/-$/, '');
}

export function randomSuffix(): string {
	// base32-ish, lowercase letters and digits only
	return Array.from(randomBytes(5), (b) => 'abcdefghijkmnpqrstuvwxyz23456789'[b % 32]).join('');
}

/**
 * Candidate slugs in order: the base, then base-2 … base-9, then random
 * suffixes. The caller tries each against the database.
 */
export function* slugCandidates(name: string): Generator<string> {
	const base = slugBase(name);
	if (base.length >= 2) {
		yield base;
		for (let i = 2; i <= 9; i++) yield `${base}-${i}`;
	}
	for (;;) yield base.length >= 2 ? `${base}-${randomSuffix()}` : `org-${randomSuffix()}`;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
