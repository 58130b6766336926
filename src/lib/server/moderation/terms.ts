/**
 * A first filter (issue 7): words of insult or hate per language. A match
 * only FLAGS a text for a moderator to look at; nothing is hidden or deleted
 * for it, because such lists are blunt (a word quoted to report it, a name,
 * a word that is innocent in another language).
 *
 * These are short starting lists; a city extends them with its own
 * community's advice. Matching ignores case, accents and letter-spacing
 * tricks like "v.e.r.m.i.n" only partly: it is a first filter, not a judge.
 */

const lists: Record<string, string[]> = {
	en: ['vermin', 'parasites', 'invaders', 'subhuman', 'go back where you came from', 'scum', 'bastard', 'fuck', 'shit', 'bitch', 'kill them'],
	it: ['invasori', 'parassiti', 'tornate a casa vostra', 'feccia', 'bastardo', 'stronzo', 'vaffanculo', 'merda', 'puttana'],
	es: ['invasores', 'parásitos', 'escoria', 'volved a vuestro país', 'bastardo', 'cabrón', 'mierda', 'puta', 'gilipollas'],
	fr: ['envahisseurs', 'parasites', 'vermine', 'rentrez chez vous', 'racaille', 'connard', 'salope', 'merde', 'putain'],
	de: ['invasoren', 'parasiten', 'ungeziefer', 'abschaum', 'geht zurück', 'arschloch', 'scheiße', 'hure', 'fotze'],
	pl: ['najeźdźcy', 'pasożyty', 'robactwo', 'wracajcie do siebie', 'szumowiny', 'kurwa', 'chuj', 'gówno', 'spierdalaj'],
	el: ['εισβολείς', 'παράσιτα', 'αποβράσματα', 'γυρίστε πίσω', 'μαλάκα', 'γαμώ', 'σκατά', 'πουτάνα'],
	ro: ['invadatori', 'paraziți', 'gunoaie', 'întoarceți-vă acasă', 'bastard', 'muie', 'căcat', 'curvă'],
	uk: ['загарбники', 'паразити', 'покидьки', 'вертайтеся додому', 'сука', 'блядь', 'хуй', 'лайно'],
	ar: ['حشرات', 'طفيليات', 'غزاة', 'ارجعوا إلى بلادكم', 'حثالة', 'كلب', 'شرموطة', 'منيوك'],
	fa: ['انگل', 'مهاجمان', 'برگردید به کشورتان', 'آشغال', 'کثافت', 'جنده', 'کونی'],
	ti: ['ወራሪ', 'ተባይ', 'ናብ ሃገርኩም ተመለሱ', 'ርኹስ']
};

/** Lower case, compatibility forms folded, Latin and Greek accents removed. */
export function fold(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\u064b-\u065f\u0670]/g, '') // Arabic vowel marks
		.normalize('NFC');
}

const LETTER = '[\\p{L}\\p{N}]';
const compiled = new Map<string, RegExp[]>();
function patterns(locale: string): RegExp[] {
	let p = compiled.get(locale);
	if (!p) {
		p = (lists[locale] ?? []).map((t) => new RegExp(`(?<!${LETTER})${fold(t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?!${LETTER})`, 'u'));
		compiled.set(locale, p);
	}
	return p;
}

/** The listed words found in `text`, checking its language's list and English's. */
export function flagTerms(text: string, language: string): string[] {
	const folded = fold(text);
	const found = new Set<string>();
	for (const locale of new Set([language, 'en'])) {
		const words = lists[locale] ?? [];
		patterns(locale).forEach((re, i) => {
			if (re.test(folded)) found.add(words[i]);
		});
	}
	return [...found].slice(0, 20);
}

export const termLocales = Object.keys(lists);
