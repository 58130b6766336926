/**
 * The two taxonomies every Convive city starts with (HSDS taxonomy +
 * taxonomy_term): the needs a newcomer looks for help with, and the
 * features they filter on. Codes are stable identifiers used in URLs, forms,
 * imports and the database; names are translated into every locale here, so
 * a term can never be missing a language. `icon` names a drawing in
 * src/lib/components/NeedIcon.svelte.
 *
 * The database holds a copy (taxonomy_terms), written at start by
 * ensureTaxonomy(), so the HSDS API and imports can refer to terms by id.
 */
import type { DirectoryLocale } from './text.ts';

export type Translations = Record<DirectoryLocale, string>;

export interface TermDefinition {
	code: string;
	icon: string;
	name: Translations;
}

export const NEEDS_TAXONOMY = 'convive-needs';
export const FEATURES_TAXONOMY = 'convive-features';

export const needs = [
	{
		code: 'basic-needs',
		icon: 'basket',
		name: {
			en: 'Food, clothes and shelter',
			it: 'Cibo, vestiti e riparo',
			es: 'Comida, ropa y refugio',
			fr: 'Nourriture, vêtements et hébergement d’urgence',
			de: 'Essen, Kleidung und Unterkunft',
			pl: 'Jedzenie, ubrania i schronienie',
			el: 'Τροφή, ρούχα και στέγη',
			ro: 'Hrană, haine și adăpost',
			uk: 'Їжа, одяг і притулок',
			ar: 'الطعام والملابس والمأوى',
			fa: 'غذا، لباس و سرپناه',
			ti: 'መግቢ፡ ክዳን ከምኡ’ውን መዕቈቢ'
		}
	},
	{
		code: 'housing',
		icon: 'house',
		name: {
			en: 'Housing',
			it: 'Casa',
			es: 'Vivienda',
			fr: 'Logement',
			de: 'Wohnen',
			pl: 'Mieszkanie',
			el: 'Στέγαση',
			ro: 'Locuință',
			uk: 'Житло',
			ar: 'السكن',
			fa: 'مسکن',
			ti: 'መንበሪ ገዛ'
		}
	},
	{
		code: 'health',
		icon: 'health',
		name: {
			en: 'Health',
			it: 'Salute',
			es: 'Salud',
			fr: 'Santé',
			de: 'Gesundheit',
			pl: 'Zdrowie',
			el: 'Υγεία',
			ro: 'Sănătate',
			uk: 'Здоров’я',
			ar: 'الصحة',
			fa: 'سلامت',
			ti: 'ጥዕና'
		}
	},
	{
		code: 'mental-health',
		icon: 'mind',
		name: {
			en: 'Mental health',
			it: 'Salute mentale',
			es: 'Salud mental',
			fr: 'Santé mentale',
			de: 'Psychische Gesundheit',
			pl: 'Zdrowie psychiczne',
			el: 'Ψυχική υγεία',
			ro: 'Sănătate mintală',
			uk: 'Психічне здоров’я',
			ar: 'الصحة النفسية',
			fa: 'سلامت روان',
			ti: 'ጥዕና ኣእምሮ'
		}
	},
	{
		code: 'legal',
		icon: 'document',
		name: {
			en: 'Legal advice and documents',
			it: 'Consulenza legale e documenti',
			es: 'Asesoría jurídica y documentos',
			fr: 'Conseil juridique et papiers',
			de: 'Rechtsberatung und Dokumente',
			pl: 'Porady prawne i dokumenty',
			el: 'Νομικές συμβουλές και έγγραφα',
			ro: 'Consiliere juridică și acte',
			uk: 'Юридична допомога та документи',
			ar: 'الاستشارة القانونية والوثائق',
			fa: 'مشاوره حقوقی و مدارک',
			ti: 'ሕጋዊ ምኽሪ ከምኡ’ውን ሰነዳት'
		}
	},
	{
		code: 'asylum',
		icon: 'shield',
		name: {
			en: 'Asylum procedure',
			it: 'Procedura d’asilo',
			es: 'Procedimiento de asilo',
			fr: 'Procédure d’asile',
			de: 'Asylverfahren',
			pl: 'Procedura azylowa',
			el: 'Διαδικασία ασύλου',
			ro: 'Procedura de azil',
			uk: 'Процедура притулку',
			ar: 'إجراءات اللجوء',
			fa: 'روند پناهندگی',
			ti: 'መስርሕ ዑቕባ'
		}
	},
	{
		code: 'family-reunification',
		icon: 'family',
		name: {
			en: 'Family reunification',
			it: 'Ricongiungimento familiare',
			es: 'Reagrupación familiar',
			fr: 'Regroupement familial',
			de: 'Familiennachzug',
			pl: 'Łączenie rodzin',
			el: 'Οικογενειακή επανένωση',
			ro: 'Reîntregirea familiei',
			uk: 'Возз’єднання сім’ї',
			ar: 'لمّ شمل الأسرة',
			fa: 'پیوستن خانواده',
			ti: 'ሕውየት ስድራቤት'
		}
	},
	{
		code: 'language-courses',
		icon: 'speech',
		name: {
			en: 'Language courses',
			it: 'Corsi di lingua',
			es: 'Cursos de idiomas',
			fr: 'Cours de langue',
			de: 'Sprachkurse',
			pl: 'Kursy językowe',
			el: 'Μαθήματα γλώσσας',
			ro: 'Cursuri de limbă',
			uk: 'Мовні курси',
			ar: 'دورات اللغة',
			fa: 'کلاس‌های زبان',
			ti: 'ትምህርቲ ቋንቋ'
		}
	},
	{
		code: 'education',
		icon: 'school',
		name: {
			en: 'Education and schools',
			it: 'Istruzione e scuole',
			es: 'Educación y escuelas',
			fr: 'Éducation et écoles',
			de: 'Bildung und Schulen',
			pl: 'Edukacja i szkoły',
			el: 'Εκπαίδευση και σχολεία',
			ro: 'Educație și școli',
			uk: 'Освіта та школи',
			ar: 'التعليم والمدارس',
			fa: 'آموزش و مدرسه',
			ti: 'ትምህርትን ቤት ትምህርትን'
		}
	},
	{
		code: 'work',
		icon: 'briefcase',
		name: {
			en: 'Work and training',
			it: 'Lavoro e formazione',
			es: 'Trabajo y formación',
			fr: 'Travail et formation',
			de: 'Arbeit und Ausbildung',
			pl: 'Praca i szkolenia',
			el: 'Εργασία και κατάρτιση',
			ro: 'Muncă și formare',
			uk: 'Робота та навчання',
			ar: 'العمل والتدريب',
			fa: 'کار و آموزش حرفه‌ای',
			ti: 'ስራሕን ስልጠናን'
		}
	},
	{
		code: 'money',
		icon: 'coin',
		name: {
			en: 'Money and banking',
			it: 'Soldi e banca',
			es: 'Dinero y banca',
			fr: 'Argent et banque',
			de: 'Geld und Bank',
			pl: 'Pieniądze i bank',
			el: 'Χρήματα και τράπεζα',
			ro: 'Bani și bancă',
			uk: 'Гроші та банк',
			ar: 'المال والبنوك',
			fa: 'پول و بانک',
			ti: 'ገንዘብን ባንክን'
		}
	},
	{
		code: 'children-families',
		icon: 'stroller',
		name: {
			en: 'Children and families',
			it: 'Bambini e famiglie',
			es: 'Niños y familias',
			fr: 'Enfants et familles',
			de: 'Kinder und Familien',
			pl: 'Dzieci i rodziny',
			el: 'Παιδιά και οικογένειες',
			ro: 'Copii și familii',
			uk: 'Діти та сім’ї',
			ar: 'الأطفال والأسر',
			fa: 'کودکان و خانواده‌ها',
			ti: 'ቆልዑን ስድራቤታትን'
		}
	},
	{
		code: 'women',
		icon: 'woman',
		name: {
			en: 'Women',
			it: 'Donne',
			es: 'Mujeres',
			fr: 'Femmes',
			de: 'Frauen',
			pl: 'Kobiety',
			el: 'Γυναίκες',
			ro: 'Femei',
			uk: 'Жінки',
			ar: 'النساء',
			fa: 'زنان',
			ti: 'ደቂ ኣንስትዮ'
		}
	},
	{
		code: 'unaccompanied-children',
		icon: 'child',
		name: {
			en: 'Unaccompanied children',
			it: 'Minori non accompagnati',
			es: 'Menores no acompañados',
			fr: 'Mineurs non accompagnés',
			de: 'Unbegleitete Minderjährige',
			pl: 'Dzieci bez opieki',
			el: 'Ασυνόδευτα παιδιά',
			ro: 'Copii neînsoțiți',
			uk: 'Діти без супроводу',
			ar: 'الأطفال غير المصحوبين',
			fa: 'کودکان بدون همراه',
			ti: 'ዘይተሰነዩ ቆልዑ'
		}
	},
	{
		code: 'community',
		icon: 'people',
		name: {
			en: 'Community and leisure',
			it: 'Comunità e tempo libero',
			es: 'Comunidad y ocio',
			fr: 'Vie sociale et loisirs',
			de: 'Gemeinschaft und Freizeit',
			pl: 'Społeczność i czas wolny',
			el: 'Κοινότητα και ελεύθερος χρόνος',
			ro: 'Comunitate și timp liber',
			uk: 'Громада та дозвілля',
			ar: 'المجتمع والترفيه',
			fa: 'اجتماع و اوقات فراغت',
			ti: 'ማሕበረሰብን ምዝንጋዕን'
		}
	},
	{
		code: 'volunteering',
		icon: 'hand',
		name: {
			en: 'Volunteering',
			it: 'Volontariato',
			es: 'Voluntariado',
			fr: 'Bénévolat',
			de: 'Ehrenamt',
			pl: 'Wolontariat',
			el: 'Εθελοντισμός',
			ro: 'Voluntariat',
			uk: 'Волонтерство',
			ar: 'التطوع',
			fa: 'داوطلبی',
			ti: 'ወለንታዊ ስራሕ'
		}
	}
] as const satisfies readonly TermDefinition[];

export const features = [
	{
		code: 'free',
		icon: 'free',
		name: {
			en: 'Free',
			it: 'Gratuito',
			es: 'Gratis',
			fr: 'Gratuit',
			de: 'Kostenlos',
			pl: 'Bezpłatne',
			el: 'Δωρεάν',
			ro: 'Gratuit',
			uk: 'Безкоштовно',
			ar: 'مجاني',
			fa: 'رایگان',
			ti: 'ብነጻ'
		}
	},
	{
		code: 'no-permit-needed',
		icon: 'open-door',
		name: {
			en: 'No residence permit needed',
			it: 'Non serve il permesso di soggiorno',
			es: 'No hace falta permiso de residencia',
			fr: 'Titre de séjour non exigé',
			de: 'Kein Aufenthaltstitel nötig',
			pl: 'Karta pobytu nie jest potrzebna',
			el: 'Δεν χρειάζεται άδεια διαμονής',
			ro: 'Nu este nevoie de permis de ședere',
			uk: 'Посвідка на проживання не потрібна',
			ar: 'لا يلزم تصريح إقامة',
			fa: 'اجازه اقامت لازم نیست',
			ti: 'ፍቓድ መንበሪ ኣየድልን'
		}
	},
	{
		code: 'anonymous',
		icon: 'mask',
		name: {
			en: 'Anonymous',
			it: 'Anonimo',
			es: 'Anónimo',
			fr: 'Anonyme',
			de: 'Anonym',
			pl: 'Anonimowo',
			el: 'Ανώνυμα',
			ro: 'Anonim',
			uk: 'Анонімно',
			ar: 'دون ذكر الاسم',
			fa: 'بدون نام',
			ti: 'ብዘይ ስም'
		}
	},
	{
		code: 'no-appointment',
		icon: 'walk-in',
		name: {
			en: 'No appointment needed',
			it: 'Senza appuntamento',
			es: 'Sin cita previa',
			fr: 'Sans rendez-vous',
			de: 'Ohne Termin',
			pl: 'Bez umawiania wizyty',
			el: 'Χωρίς ραντεβού',
			ro: 'Fără programare',
			uk: 'Без попереднього запису',
			ar: 'دون موعد مسبق',
			fa: 'بدون نوبت قبلی',
			ti: 'ቆጸራ ኣየድልን'
		}
	},
	{
		code: 'women-only',
		icon: 'woman',
		name: {
			en: 'Women only',
			it: 'Solo donne',
			es: 'Solo mujeres',
			fr: 'Réservé aux femmes',
			de: 'Nur für Frauen',
			pl: 'Tylko dla kobiet',
			el: 'Μόνο για γυναίκες',
			ro: 'Doar pentru femei',
			uk: 'Лише для жінок',
			ar: 'للنساء فقط',
			fa: 'فقط برای زنان',
			ti: 'ንደቂ ኣንስትዮ ጥራይ'
		}
	},
	{
		code: 'for-children',
		icon: 'child',
		name: {
			en: 'For children',
			it: 'Per bambini',
			es: 'Para niños',
			fr: 'Pour les enfants',
			de: 'Für Kinder',
			pl: 'Dla dzieci',
			el: 'Για παιδιά',
			ro: 'Pentru copii',
			uk: 'Для дітей',
			ar: 'للأطفال',
			fa: 'برای کودکان',
			ti: 'ንቆልዑ'
		}
	},
	{
		code: 'wheelchair',
		icon: 'wheelchair',
		name: {
			en: 'Wheelchair accessible',
			it: 'Accessibile in sedia a rotelle',
			es: 'Accesible en silla de ruedas',
			fr: 'Accessible en fauteuil roulant',
			de: 'Rollstuhlgerecht',
			pl: 'Dostępne dla wózków',
			el: 'Προσβάσιμο με αναπηρικό αμαξίδιο',
			ro: 'Accesibil cu scaunul cu rotile',
			uk: 'Доступно для візка',
			ar: 'يمكن الوصول بالكرسي المتحرك',
			fa: 'دسترسی با ویلچر',
			ti: 'ንዓረብያ ስንኩላን ምቹእ'
		}
	},
	{
		code: 'interpreter',
		icon: 'speech',
		name: {
			en: 'Interpreter available',
			it: 'Interprete disponibile',
			es: 'Intérprete disponible',
			fr: 'Interprète disponible',
			de: 'Dolmetscher verfügbar',
			pl: 'Dostępny tłumacz',
			el: 'Διαθέσιμος διερμηνέας',
			ro: 'Interpret disponibil',
			uk: 'Є перекладач',
			ar: 'يتوفر مترجم',
			fa: 'مترجم در دسترس است',
			ti: 'ተርጓሚ ኣሎ'
		}
	},
	{
		code: 'remote',
		icon: 'phone',
		name: {
			en: 'Online or by phone',
			it: 'Online o per telefono',
			es: 'En línea o por teléfono',
			fr: 'En ligne ou par téléphone',
			de: 'Online oder telefonisch',
			pl: 'Online lub telefonicznie',
			el: 'Διαδικτυακά ή τηλεφωνικά',
			ro: 'Online sau la telefon',
			uk: 'Онлайн або телефоном',
			ar: 'عبر الإنترنت أو الهاتف',
			fa: 'آنلاین یا تلفنی',
			ti: 'ብኢንተርነት ወይ ብተሌፎን'
		}
	}
] as const satisfies readonly TermDefinition[];

export type NeedCode = (typeof needs)[number]['code'];
export type FeatureCode = (typeof features)[number]['code'];

export const needCodes = needs.map((n) => n.code) as NeedCode[];
export const featureCodes = features.map((f) => f.code) as FeatureCode[];

export function isNeedCode(x: unknown): x is NeedCode {
	return typeof x === 'string' && (needCodes as string[]).includes(x);
}
export function isFeatureCode(x: unknown): x is FeatureCode {
	return typeof x === 'string' && (featureCodes as string[]).includes(x);
}

/**
 * Languages a service's staff may speak (ISO 639-1 codes) with their names in
 * themselves: wider than the interface locales, because a Pashto-speaking
 * social worker matters even though the interface is not in Pashto.
 */
export const spokenLanguages: Record<string, string> = {
	en: 'English',
	it: 'Italiano',
	es: 'Español',
	fr: 'Français',
	de: 'Deutsch',
	pl: 'Polski',
	el: 'Ελληνικά',
	ro: 'Română',
	uk: 'Українська',
	ru: 'Русский',
	ar: 'العربية',
	fa: 'فارسی',
	ps: 'پښتو',
	ur: 'اردو',
	ti: 'ትግርኛ',
	am: 'አማርኛ',
	so: 'Soomaali',
	tr: 'Türkçe',
	ku: 'Kurdî',
	bn: 'বাংলা',
	zh: '中文',
	sq: 'Shqip',
	wo: 'Wolof',
	pt: 'Português'
};
