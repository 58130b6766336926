/**
 * The phrases the demo directory is built from: service kinds per need, who
 * they are for, how to get them, documents, costs, hours and directions.
 *
 * Written by hand in English, Italian, Spanish, French, Ukrainian and Arabic
 * (`T(en, it, es, fr, uk, ar)`); the other interface locales are left out on
 * purpose so the portal's fallback order shows. Directions in words exist in
 * English, Italian and Arabic only.
 */
import type { NeedCode } from '../../src/lib/directory/taxonomy.ts';

export type TextLocale = 'en' | 'it' | 'es' | 'fr' | 'uk' | 'ar';
export type Text6 = Record<TextLocale, string>;
export const TEXT_LOCALES: readonly TextLocale[] = ['en', 'it', 'es', 'fr', 'uk', 'ar'];

export function T(en: string, it: string, es: string, fr: string, uk: string, ar: string): Text6 {
	return { en, it, es, fr, uk, ar };
}

// ---------------------------------------------------------------------------
// Who a service is for

export const ELIGIBILITY = {
	everyone: T(
		'Everyone in Portavera, whatever their papers.',
		'Tutte le persone che vivono a Portavera, con o senza documenti.',
		'Todas las personas que viven en Portavera, tengan o no papeles.',
		'Toute personne vivant à Portavera, avec ou sans papiers.',
		'Усі, хто живе в Портавері, незалежно від документів.',
		'كل من يعيش في بورتافيرا، مهما كانت أوراقه.'
	),
	adults: T(
		'Adults aged 18 and over.',
		'Persone maggiorenni (dai 18 anni).',
		'Personas adultas, a partir de 18 años.',
		'Adultes de 18 ans et plus.',
		'Дорослі від 18 років.',
		'البالغون من عمر 18 عامًا فما فوق.'
	),
	women: T(
		'Women, with or without children.',
		'Donne, con o senza figli.',
		'Mujeres, con o sin hijos.',
		'Femmes, avec ou sans enfants.',
		'Жінки — з дітьми або без.',
		'النساء، مع أطفالهن أو من دونهم.'
	),
	families: T(
		'Families with children up to 14 years old.',
		'Famiglie con bambini fino a 14 anni.',
		'Familias con niños de hasta 14 años.',
		'Familles avec des enfants jusqu’à 14 ans.',
		'Сім’ї з дітьми віком до 14 років.',
		'العائلات التي لديها أطفال حتى سن 14 عامًا.'
	),
	pupils: T(
		'Children and teenagers aged 6 to 17.',
		'Bambini e ragazzi dai 6 ai 17 anni.',
		'Niños y adolescentes de 6 a 17 años.',
		'Enfants et adolescents de 6 à 17 ans.',
		'Діти та підлітки від 6 до 17 років.',
		'الأطفال والمراهقون من 6 إلى 17 عامًا.'
	),
	young: T(
		'Young people aged 16 to 25.',
		'Ragazze e ragazzi dai 16 ai 25 anni.',
		'Jóvenes de 16 a 25 años.',
		'Jeunes de 16 à 25 ans.',
		'Молодь віком від 16 до 25 років.',
		'الشباب من عمر 16 إلى 25 عامًا.'
	),
	unaccompanied: T(
		'Children who came to Italy without a parent or guardian, and young people up to 21 who arrived that way.',
		'Minori arrivati in Italia senza genitori o tutori, e giovani fino a 21 anni arrivati così.',
		'Menores que llegaron a Italia sin padres ni tutores, y jóvenes de hasta 21 años que llegaron así.',
		'Mineurs arrivés en Italie sans parent ni tuteur, et jeunes jusqu’à 21 ans arrivés ainsi.',
		'Діти, які приїхали до Італії без батьків чи опікунів, а також молодь до 21 року, що прибула так само.',
		'الأطفال الذين وصلوا إلى إيطاليا من دون أحد الوالدين أو وصيّ، والشباب حتى سن 21 عامًا الذين وصلوا بهذه الطريقة.'
	),
	newcomers: T(
		'People who arrived in Italy in the last five years.',
		'Persone arrivate in Italia negli ultimi cinque anni.',
		'Personas que llegaron a Italia en los últimos cinco años.',
		'Personnes arrivées en Italie au cours des cinq dernières années.',
		'Люди, які приїхали до Італії за останні п’ять років.',
		'الأشخاص الذين وصلوا إلى إيطاليا خلال السنوات الخمس الماضية.'
	),
	protection: T(
		'People who have asked for international protection, or want to.',
		'Persone che hanno chiesto protezione internazionale o intendono chiederla.',
		'Personas que han solicitado protección internacional o quieren hacerlo.',
		'Personnes qui ont demandé une protection internationale ou souhaitent le faire.',
		'Люди, які попросили міжнародного захисту або хочуть це зробити.',
		'الأشخاص الذين طلبوا الحماية الدولية أو يرغبون في طلبها.'
	),
	registered: T(
		'People registered as living in Portavera; ask us if you are not sure.',
		'Persone iscritte all’anagrafe di Portavera; se hai dubbi, chiedici.',
		'Personas empadronadas en Portavera; si tienes dudas, pregúntanos.',
		'Personnes inscrites au registre de la population de Portavera ; en cas de doute, demandez-nous.',
		'Люди, зареєстровані як мешканці Портавери; якщо не впевнені — запитайте нас.',
		'الأشخاص المسجّلون كسكان في بورتافيرا؛ اسألنا إن لم تكن متأكدًا.'
	),
	jobseekers: T(
		'Job seekers aged 18 and over with basic Italian (A2).',
		'Persone in cerca di lavoro dai 18 anni, con un italiano di base (A2).',
		'Personas que buscan trabajo, mayores de 18 años, con italiano básico (A2).',
		'Demandeurs d’emploi de 18 ans et plus, avec un italien de base (A2).',
		'Шукачі роботи від 18 років з базовим рівнем італійської (A2).',
		'الباحثون عن عمل من عمر 18 عامًا فما فوق ولديهم معرفة أساسية بالإيطالية (A2).'
	),
	parents: T(
		'Parents and carers of young children.',
		'Genitori e chi si prende cura di bambini piccoli.',
		'Madres, padres y cuidadores de niños pequeños.',
		'Parents et personnes qui s’occupent de jeunes enfants.',
		'Батьки та опікуни маленьких дітей.',
		'الآباء والأمهات ومقدّمو الرعاية للأطفال الصغار.'
	),
	volunteers: T(
		'Anyone aged 16 and over with a few hours a month to give.',
		'Chiunque abbia almeno 16 anni e qualche ora al mese da dedicare.',
		'Cualquier persona de 16 años o más con unas horas al mes para dedicar.',
		'Toute personne de 16 ans et plus qui dispose de quelques heures par mois.',
		'Кожен віком від 16 років, хто має кілька вільних годин на місяць.',
		'كل من بلغ 16 عامًا ولديه بضع ساعات في الشهر يقدّمها.'
	)
} as const;
export type EligibilityKey = keyof typeof ELIGIBILITY;

// ---------------------------------------------------------------------------
// How to get it

export const APPLY = {
	walkIn: T(
		'Just come during opening hours: no appointment needed.',
		'Vieni negli orari di apertura: non serve appuntamento.',
		'Ven en el horario de apertura: no hace falta cita.',
		'Venez aux heures d’ouverture : pas besoin de rendez-vous.',
		'Просто приходьте в години роботи — запис не потрібен.',
		'تعال خلال ساعات العمل، ولا حاجة إلى موعد.'
	),
	phone: T(
		'Call us to book an appointment.',
		'Telefona per prendere un appuntamento.',
		'Llámanos para pedir cita.',
		'Appelez-nous pour prendre rendez-vous.',
		'Зателефонуйте нам, щоб записатися на прийом.',
		'اتصل بنا لحجز موعد.'
	),
	online: T(
		'Write to us or fill in the form on our website; we reply within two working days.',
		'Scrivici o compila il modulo sul nostro sito: rispondiamo entro due giorni lavorativi.',
		'Escríbenos o rellena el formulario de nuestra web; respondemos en dos días laborables.',
		'Écrivez-nous ou remplissez le formulaire sur notre site ; nous répondons sous deux jours ouvrables.',
		'Напишіть нам або заповніть форму на нашому сайті — ми відповімо протягом двох робочих днів.',
		'راسلنا أو املأ النموذج على موقعنا، وسنرد خلال يومَي عمل.'
	),
	referral: T(
		'Ask your social worker or another organisation to refer you to us.',
		'Chiedi al tuo assistente sociale o a un’altra organizzazione di segnalarti a noi.',
		'Pide a tu trabajador social o a otra organización que te derive a nosotros.',
		'Demandez à votre assistant social ou à une autre association de vous orienter vers nous.',
		'Попросіть свого соціального працівника або іншу організацію направити вас до нас.',
		'اطلب من الأخصائي الاجتماعي أو من منظمة أخرى أن تحيلك إلينا.'
	),
	enrol: T(
		'Sign up in person at the start of each term (September and February).',
		'Iscriviti di persona all’inizio di ogni corso (settembre e febbraio).',
		'Inscríbete en persona al comienzo de cada periodo (septiembre y febrero).',
		'Inscrivez-vous sur place au début de chaque session (septembre et février).',
		'Запишіться особисто на початку кожного семестру (у вересні та лютому).',
		'سجّل حضوريًا في بداية كل فصل دراسي (سبتمبر وفبراير).'
	),
	early: T(
		'Places are limited: come a quarter of an hour early; first come, first served.',
		'I posti sono limitati: arriva un quarto d’ora prima, si entra in ordine di arrivo.',
		'Las plazas son limitadas: llega un cuarto de hora antes; se atiende por orden de llegada.',
		'Les places sont limitées : venez un quart d’heure en avance, dans l’ordre d’arrivée.',
		'Кількість місць обмежена: приходьте на чверть години раніше, обслуговуємо в порядку черги.',
		'الأماكن محدودة: تعال قبل ربع ساعة، والأولوية لمن يصل أولًا.'
	),
	anonymous: T(
		'Call or send a message; you do not have to give your name.',
		'Chiama o manda un messaggio; non devi dire il tuo nome.',
		'Llama o envía un mensaje; no tienes que dar tu nombre.',
		'Appelez ou envoyez un message ; vous n’êtes pas obligé de donner votre nom.',
		'Зателефонуйте або напишіть — називати своє ім’я не обов’язково.',
		'اتصل أو أرسل رسالة، ولست مضطرًا إلى ذكر اسمك.'
	)
} as const;
export type ApplyKey = keyof typeof APPLY;

// ---------------------------------------------------------------------------
// What to bring

export const DOCUMENTS = {
	id: T(
		'An identity document (any, even expired)',
		'Un documento d’identità (qualsiasi, anche scaduto)',
		'Un documento de identidad (cualquiera, aunque esté caducado)',
		'Une pièce d’identité (n’importe laquelle, même périmée)',
		'Документ, що посвідчує особу (будь-який, навіть прострочений)',
		'وثيقة هوية (أي وثيقة، حتى لو كانت منتهية الصلاحية)'
	),
	none: T(
		'No document needed',
		'Nessun documento richiesto',
		'No se necesita ningún documento',
		'Aucun document nécessaire',
		'Документи не потрібні',
		'لا حاجة إلى أي وثيقة'
	),
	taxCode: T(
		'Tax code (codice fiscale), if you have one',
		'Codice fiscale, se ce l’hai',
		'Código fiscal (codice fiscale), si lo tienes',
		'Code fiscal (codice fiscale), si vous en avez un',
		'Податковий код (codice fiscale), якщо він у вас є',
		'الرمز الضريبي (codice fiscale) إن كان لديك'
	),
	permit: T(
		'Residence permit, or the receipt of your application',
		'Permesso di soggiorno, o la ricevuta della richiesta',
		'Permiso de residencia, o el resguardo de la solicitud',
		'Titre de séjour, ou le récépissé de la demande',
		'Дозвіл на проживання або квитанція про подання заяви',
		'تصريح الإقامة أو إيصال تقديم الطلب'
	),
	vaccination: T(
		'Your child’s vaccination record',
		'Il libretto delle vaccinazioni del bambino',
		'La cartilla de vacunación de tu hijo o hija',
		'Le carnet de vaccination de l’enfant',
		'Картка щеплень дитини',
		'بطاقة تطعيم طفلك'
	),
	referral: T(
		'The referral letter from your social worker',
		'La lettera di segnalazione del tuo assistente sociale',
		'La carta de derivación de tu trabajador social',
		'La lettre d’orientation de votre assistant social',
		'Направлення від вашого соціального працівника',
		'رسالة الإحالة من الأخصائي الاجتماعي'
	),
	diploma: T(
		'Any school or university certificates you have, even in another language',
		'I titoli di studio che hai, anche in un’altra lingua',
		'Los títulos o certificados de estudios que tengas, aunque estén en otro idioma',
		'Vos diplômes ou certificats, même dans une autre langue',
		'Будь-які дипломи чи атестати, навіть іншою мовою',
		'أي شهادات مدرسية أو جامعية لديك، حتى لو كانت بلغة أخرى'
	)
} as const;
export type DocumentKey = keyof typeof DOCUMENTS;

// ---------------------------------------------------------------------------
// What it costs (only for services that are not free)

export const COSTS = {
	lesson: { option: T('Per lesson', 'A lezione', 'Por clase', 'Par séance', 'За одне заняття', 'للحصة الواحدة'), min: 300, max: 600 },
	term: {
		option: T('Course fee for the term', 'Quota di iscrizione al corso', 'Matrícula del curso', 'Frais d’inscription à la session', 'Оплата за курс', 'رسوم التسجيل في الدورة'),
		min: 2000,
		max: 6000
	},
	week: { option: T('Per week', 'A settimana', 'Por semana', 'Par semaine', 'За тиждень', 'في الأسبوع'), min: 3000, max: 6500 },
	visit: { option: T('Per visit', 'A visita', 'Por visita', 'Par consultation', 'За один візит', 'للزيارة الواحدة'), min: 1500, max: 3000 }
} as const;
export type CostKey = keyof typeof COSTS;

export const REDUCED = T(
	'Reduced or free for families on low incomes: ask us.',
	'Ridotto o gratuito per le famiglie a basso reddito: chiedici.',
	'Reducido o gratuito para familias con pocos ingresos: pregúntanos.',
	'Réduit ou gratuit pour les familles à faibles revenus : renseignez-vous.',
	'Знижка або безкоштовно для сімей з низьким доходом — запитайте нас.',
	'مخفّض أو مجاني للعائلات ذات الدخل المحدود، اسألنا.'
);

// ---------------------------------------------------------------------------
// Sentences added to descriptions

export const OFFERED_BY: Record<TextLocale, (org: string) => string> = {
	en: (o) => `Offered by ${o}.`,
	it: (o) => `Un servizio di ${o}.`,
	es: (o) => `Un servicio de ${o}.`,
	fr: (o) => `Un service proposé par ${o}.`,
	uk: (o) => `Послугу надає ${o}.`,
	ar: (o) => `تقدّم هذه الخدمة ${o}.`
};

export const INTERPRETER = T(
	'We can arrange an interpreter: tell us your language when you book.',
	'Possiamo organizzare un interprete: dicci la tua lingua quando prenoti.',
	'Podemos organizar un intérprete: dinos tu idioma al pedir cita.',
	'Nous pouvons prévoir un interprète : indiquez votre langue en prenant rendez-vous.',
	'Ми можемо залучити перекладача: повідомте свою мову під час запису.',
	'يمكننا توفير مترجم: أخبرنا بلغتك عند الحجز.'
);

/** A second group of the same service, told apart by when it meets. */
export const QUALIFIERS = {
	morning: T(' (morning group)', ' (gruppo del mattino)', ' (grupo de mañana)', ' (groupe du matin)', ' (ранкова група)', ' (مجموعة الصباح)'),
	evening: T(' (evening group)', ' (gruppo serale)', ' (grupo de tarde)', ' (groupe du soir)', ' (вечірня група)', ' (مجموعة المساء)'),
	saturday: T(' (Saturdays)', ' (il sabato)', ' (los sábados)', ' (le samedi)', ' (по суботах)', ' (أيام السبت)')
} as const;
export type QualifierKey = keyof typeof QUALIFIERS;

// ---------------------------------------------------------------------------
// Opening hours: [ISO weekdays, opens, closes][]

export type Hours = readonly (readonly [days: readonly number[], opens: string, closes: string])[];

export const HOURS = {
	officeMornings: [[[1, 2, 3, 4, 5], '09:00', '13:00']],
	officeLong: [[[1, 2, 3, 4, 5], '09:00', '13:00'], [[2, 4], '14:30', '17:30']],
	afternoons: [[[1, 3, 5], '14:30', '18:30']],
	twoMornings: [[[2, 4], '09:30', '12:30']],
	afterSchool: [[[1, 2, 3, 4, 5], '15:00', '18:00']],
	evening: [[[2, 4], '18:30', '20:30']],
	eveningMW: [[[1, 3], '18:00', '20:00']],
	morningClass: [[[1, 3, 5], '09:30', '11:30']],
	saturday: [[[6], '09:30', '12:30']],
	foodBank: [[[3], '15:00', '18:00'], [[6], '09:00', '12:00']],
	meals: [[[1, 2, 3, 4, 5, 6, 7], '12:00', '14:00'], [[1, 2, 3, 4, 5], '19:00', '20:30']],
	shelter: [[[1, 2, 3, 4, 5, 6, 7], '19:00', '23:30']],
	clinic: [[[1, 2, 3, 4, 5], '08:30', '12:30'], [[1, 3], '14:00', '17:00']],
	weekend: [[[6], '15:00', '19:00'], [[7], '10:00', '13:00']],
	helpline: [[[1, 2, 3, 4, 5, 6], '08:00', '20:00']],
	oneAfternoon: [[[4], '15:00', '18:00']]
} as const satisfies Record<string, Hours>;
export type HoursKey = keyof typeof HOURS;

export const EXCEPTIONS = {
	christmas: {
		from: '2026-12-24',
		to: '2026-12-26',
		text: T('Closed for the Christmas holidays', 'Chiuso per le festività natalizie', 'Cerrado por las fiestas de Navidad', 'Fermé pour les fêtes de Noël', 'Зачинено на різдвяні свята', 'مغلق خلال عطلة عيد الميلاد')
	},
	newYearsEve: {
		from: '2026-12-31',
		to: '2026-12-31',
		text: T('31 December: mornings only', '31 dicembre: solo al mattino', '31 de diciembre: solo por la mañana', '31 décembre : le matin seulement', '31 грудня: лише зранку', '31 ديسمبر: في الصباح فقط')
	},
	summer: {
		from: '2027-08-09',
		to: '2027-08-22',
		text: T('Closed for the summer break', 'Chiuso per la pausa estiva', 'Cerrado por vacaciones de verano', 'Fermé pour la pause estivale', 'Зачинено на літню перерву', 'مغلق خلال العطلة الصيفية')
	},
	works: {
		from: '2026-11-02',
		to: '2027-01-31',
		text: T('Closed for building works', 'Chiuso per lavori di ristrutturazione', 'Cerrado por obras', 'Fermé pour travaux', 'Зачинено на ремонт', 'مغلق بسبب أعمال الترميم')
	}
} as const;

// ---------------------------------------------------------------------------
// Places

export const WHOLE_CITY = T(
	'The whole city of Portavera, by phone and online',
	'Tutta la città di Portavera, al telefono e online',
	'Toda la ciudad de Portavera, por teléfono y en línea',
	'Toute la ville de Portavera, par téléphone et en ligne',
	'Усе місто Портавера — телефоном та онлайн',
	'مدينة بورتافيرا كلها، عبر الهاتف والإنترنت'
);

export const STREETS = [
	'Via dei Cordai', 'Via del Pozzo', 'Vico dei Pescatori', 'Salita San Rocco', 'Piazza della Lanterna', 'Via delle Reti',
	'Via dei Calafati', 'Vico del Sale', 'Via Santa Chiara', 'Corso Marinai', 'Via del Faro', 'Largo dei Gelsi',
	'Via degli Ulivi', 'Via delle Vele', 'Vico dei Carrubi', 'Via del Mulino', 'Piazza del Mercato', 'Via dei Bottai',
	'Salita delle Monache', 'Via Ponte Vecchio', 'Via delle Ortensie', 'Via della Dogana', 'Vico dei Gabbiani', 'Viale dei Tigli'
] as const;

export const LANDMARKS = [
	'Stazione Marittima', 'Mercato del Pesce', 'Ospedale Vecchio', 'Piazza Nuova', 'Porta a Mare', 'Giardini Pubblici', 'Teatro Civico', 'Capolinea Nord'
] as const;

type Directions = (n: number, stop: string, minutes: number) => { en: string; it: string; ar: string };
export const DIRECTIONS: readonly Directions[] = [
	(n, stop, m) => ({
		en: `Bus ${n} to the ${stop} stop, then ${m} minutes on foot.`,
		it: `Autobus ${n} fino alla fermata ${stop}, poi ${m} minuti a piedi.`,
		ar: `الحافلة رقم ${n} حتى محطة ${stop}، ثم ${m} دقائق سيرًا على الأقدام.`
	}),
	(n, stop) => ({
		en: `Tram ${n} to ${stop}; the entrance is on the corner, next to the pharmacy.`,
		it: `Tram ${n} fino a ${stop}; l’ingresso è sull’angolo, accanto alla farmacia.`,
		ar: `الترام رقم ${n} حتى ${stop}؛ المدخل عند الزاوية بجانب الصيدلية.`
	}),
	(n, stop) => ({
		en: `Bus ${n} to ${stop}. Walk into the courtyard: second door on the left, first floor.`,
		it: `Autobus ${n} fino a ${stop}. Entra nel cortile: seconda porta a sinistra, primo piano.`,
		ar: `الحافلة رقم ${n} حتى ${stop}. ادخل إلى الفناء: الباب الثاني على اليسار، الطابق الأول.`
	}),
	(_n, stop, m) => ({
		en: `Harbour ferry to the ${stop} pier, then ${m} minutes up the steps; look for the blue door.`,
		it: `Battello del porto fino al molo ${stop}, poi ${m} minuti su per la scalinata; cerca la porta blu.`,
		ar: `عبّارة الميناء حتى رصيف ${stop}، ثم ${m} دقائق صعودًا على الدرج؛ ابحث عن الباب الأزرق.`
	})
];

export const ACCESS = {
	stepFree: {
		en: 'Step-free entrance and an accessible toilet.',
		it: 'Ingresso senza gradini e bagno accessibile.',
		ar: 'مدخل بلا درجات ودورة مياه مهيّأة للكراسي المتحركة.'
	},
	lift: {
		en: 'Ramp at the entrance and a lift to every floor.',
		it: 'Rampa all’ingresso e ascensore a tutti i piani.',
		ar: 'منحدر عند المدخل ومصعد إلى جميع الطوابق.'
	},
	steps: {
		en: 'Three steps at the entrance and no lift: call us and we will come down to meet you.',
		it: 'Tre gradini all’ingresso e niente ascensore: chiamaci e scendiamo a incontrarti.',
		ar: 'ثلاث درجات عند المدخل ولا يوجد مصعد: اتصل بنا وسننزل لمقابلتك.'
	},
	hill: {
		en: 'Up a steep lane with steps; not reachable by wheelchair.',
		it: 'In cima a una salita ripida con gradini; non raggiungibile in sedia a rotelle.',
		ar: 'في أعلى زقاق شديد الانحدار فيه درجات؛ لا يمكن الوصول إليه بكرسي متحرك.'
	}
} as const;

// ---------------------------------------------------------------------------
// Service kinds

export interface Kind {
	key: string;
	/** 1–3 need codes; the first is the main one. */
	needs: readonly NeedCode[];
	name: Text6;
	description: Text6;
	eligibility: readonly EligibilityKey[];
	apply: readonly ApplyKey[];
	hours: readonly HoursKey[];
	documents?: readonly DocumentKey[];
	/** Chance that the service has a price (then not 'free'). */
	cost?: readonly [CostKey, number];
	/** Features it always has / may have (with the chance). */
	always?: readonly string[];
	maybe?: readonly (readonly [string, number])[];
	/** Given by phone and online only: no location, a service area. */
	remote?: boolean;
	age?: readonly [number, number];
	/** Second groups an organisation may run (classes, groups): "(evening group)", … */
	groups?: readonly QualifierKey[];
}

const NO_PERMIT: readonly [string, number] = ['no-permit-needed', 0.85];

export const KINDS: readonly Kind[] = [
	// basic needs
	{
		key: 'food-bank',
		needs: ['basic-needs'],
		name: T('Food bank', 'Banco alimentare', 'Banco de alimentos', 'Banque alimentaire', 'Продуктовий банк', 'بنك الطعام'),
		description: T(
			'A bag of groceries every week: pasta, rice, oil, tins, fresh fruit and vegetables when we have them.',
			'Una borsa della spesa ogni settimana: pasta, riso, olio, scatolame e, quando ci sono, frutta e verdura fresca.',
			'Una bolsa de comida cada semana: pasta, arroz, aceite, conservas y, cuando hay, fruta y verdura fresca.',
			'Un colis alimentaire chaque semaine : pâtes, riz, huile, conserves, et fruits et légumes frais quand il y en a.',
			'Щотижневий продуктовий набір: макарони, рис, олія, консерви, а коли є — свіжі овочі та фрукти.',
			'سلة غذائية كل أسبوع: معكرونة وأرز وزيت ومعلبات، وفواكه وخضار طازجة عند توفّرها.'
		),
		eligibility: ['everyone', 'families'],
		apply: ['walkIn', 'early', 'referral'],
		hours: ['foodBank'],
		documents: ['none', 'id'],
		always: ['free'],
		maybe: [NO_PERMIT]
	},
	{
		key: 'community-meals',
		needs: ['basic-needs'],
		name: T('Community meals', 'Mensa solidale', 'Comedor social', 'Repas solidaires', 'Безкоштовні обіди', 'وجبات مجانية'),
		description: T(
			'A hot meal at lunchtime every day and dinner on weekdays, eaten together at shared tables.',
			'Un pasto caldo a pranzo tutti i giorni e la cena nei giorni feriali, da consumare insieme.',
			'Una comida caliente todos los días al mediodía y cena de lunes a viernes, en mesas compartidas.',
			'Un repas chaud chaque midi et le soir en semaine, servi à des tables partagées.',
			'Гарячий обід щодня та вечеря в будні, за спільними столами.',
			'وجبة غداء ساخنة كل يوم وعشاء في أيام الأسبوع، تُقدَّم على موائد مشتركة.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn', 'early'],
		hours: ['meals'],
		documents: ['none'],
		always: ['free', 'no-permit-needed'],
		maybe: [['anonymous', 0.6]]
	},
	{
		key: 'clothes',
		needs: ['basic-needs'],
		name: T('Clothes and shoes', 'Guardaroba solidale', 'Ropero solidario', 'Vestiaire solidaire', 'Одяг і взуття', 'ملابس وأحذية'),
		description: T(
			'Clean second-hand clothes, shoes and blankets for adults and children, for every season.',
			'Vestiti, scarpe e coperte usati e puliti per adulti e bambini, per ogni stagione.',
			'Ropa, zapatos y mantas de segunda mano, limpios, para adultos y niños y para cada estación.',
			'Vêtements, chaussures et couvertures d’occasion, propres, pour adultes et enfants, en toute saison.',
			'Чистий вживаний одяг, взуття та ковдри для дорослих і дітей на будь-яку пору року.',
			'ملابس وأحذية وبطانيات مستعملة ونظيفة للكبار والأطفال، لكل المواسم.'
		),
		eligibility: ['everyone', 'families'],
		apply: ['walkIn', 'referral'],
		hours: ['twoMornings', 'afternoons', 'saturday'],
		always: ['free'],
		maybe: [NO_PERMIT]
	},
	{
		key: 'night-shelter',
		needs: ['basic-needs', 'housing'],
		name: T('Night shelter', 'Dormitorio notturno', 'Albergue nocturno', 'Hébergement de nuit', 'Нічний притулок', 'مأوى ليلي'),
		description: T(
			'A bed for the night, a shower and breakfast. Check-in is in the evening; separate rooms for women.',
			'Un letto per la notte, una doccia e la colazione. L’accoglienza è la sera; stanze separate per le donne.',
			'Una cama para pasar la noche, ducha y desayuno. La entrada es por la tarde; habitaciones separadas para mujeres.',
			'Un lit pour la nuit, une douche et le petit-déjeuner. Accueil le soir ; chambres séparées pour les femmes.',
			'Ліжко на ніч, душ і сніданок. Заселення ввечері; для жінок — окремі кімнати.',
			'سرير للمبيت ودُش وفطور. الاستقبال مساءً، وغرف منفصلة للنساء.'
		),
		eligibility: ['adults', 'everyone'],
		apply: ['walkIn', 'referral'],
		hours: ['shelter'],
		documents: ['none', 'id'],
		always: ['free', 'no-permit-needed']
	},
	{
		key: 'showers',
		needs: ['basic-needs'],
		name: T('Showers and laundry', 'Docce e lavanderia', 'Duchas y lavandería', 'Douches et laverie', 'Душ і пральня', 'حمّامات ومغسلة ملابس'),
		description: T(
			'Hot showers, towels, soap and a washing machine you can book for your clothes.',
			'Docce calde, asciugamani, sapone e una lavatrice da prenotare per i tuoi vestiti.',
			'Duchas calientes, toallas, jabón y una lavadora que puedes reservar para tu ropa.',
			'Douches chaudes, serviettes, savon et une machine à laver à réserver pour vos vêtements.',
			'Гарячий душ, рушники, мило та пральна машина, яку можна забронювати для свого одягу.',
			'دُش بماء ساخن ومناشف وصابون، وغسالة يمكنك حجزها لغسل ملابسك.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn'],
		hours: ['twoMornings', 'morningClass'],
		always: ['free', 'no-permit-needed'],
		maybe: [['anonymous', 0.5]]
	},
	// housing
	{
		key: 'housing-advice',
		needs: ['housing'],
		name: T('Help finding a home', 'Sportello casa', 'Ayuda para encontrar vivienda', 'Aide à la recherche de logement', 'Допомога в пошуку житла', 'المساعدة في إيجاد سكن'),
		description: T(
			'We look at rooms and flats with you, explain rental contracts and deposits, and can speak to landlords for you.',
			'Cerchiamo con te stanze e appartamenti, ti spieghiamo contratti d’affitto e caparre, e possiamo parlare noi con i proprietari.',
			'Buscamos contigo habitaciones y pisos, te explicamos los contratos de alquiler y la fianza, y podemos hablar con los propietarios.',
			'Nous cherchons avec vous chambres et appartements, expliquons les baux et les cautions, et pouvons parler aux propriétaires pour vous.',
			'Разом з вами шукаємо кімнати й квартири, пояснюємо договори оренди та застави і можемо поговорити з власниками замість вас.',
			'نبحث معك عن غرف وشقق، ونشرح لك عقود الإيجار والتأمين، ويمكننا التحدث مع المالكين نيابة عنك.'
		),
		eligibility: ['everyone', 'newcomers', 'adults'],
		apply: ['phone', 'walkIn', 'online'],
		hours: ['officeMornings', 'afternoons'],
		documents: ['id', 'taxCode'],
		always: ['free'],
		maybe: [['interpreter', 0.3]]
	},
	{
		key: 'social-housing',
		needs: ['housing'],
		name: T('Social housing applications', 'Domande di casa popolare', 'Solicitudes de vivienda social', 'Demandes de logement social', 'Заявки на соціальне житло', 'طلبات السكن الاجتماعي'),
		description: T(
			'Help with the application for a council flat: the points system, the papers, and where you are on the list.',
			'Aiuto per la domanda di casa popolare: come funziona il punteggio, i documenti e la posizione in graduatoria.',
			'Ayuda con la solicitud de vivienda social: cómo funciona la puntuación, los papeles y tu puesto en la lista.',
			'Aide pour la demande de logement social : le barème, les papiers et votre rang sur la liste.',
			'Допомога із заявою на соціальне житло: система балів, документи та ваше місце в черзі.',
			'المساعدة في طلب سكن اجتماعي: نظام النقاط والأوراق المطلوبة وموقعك في قائمة الانتظار.'
		),
		eligibility: ['registered'],
		apply: ['phone', 'online'],
		hours: ['officeLong'],
		documents: ['id', 'permit', 'taxCode'],
		always: ['free']
	},
	{
		key: 'tenant-rights',
		needs: ['housing', 'legal'],
		name: T('Advice for tenants', 'Consulenza per inquilini', 'Asesoría para inquilinos', 'Conseils aux locataires', 'Консультації для орендарів', 'استشارات للمستأجرين'),
		description: T(
			'Problems with your landlord, a contract without registration, an eviction letter? Bring your papers and we will look at them together.',
			'Problemi con il proprietario, un contratto non registrato, una lettera di sfratto? Porta i documenti e li guardiamo insieme.',
			'¿Problemas con el casero, un contrato sin registrar, una carta de desahucio? Trae tus papeles y los revisamos juntos.',
			'Un problème avec votre propriétaire, un bail non enregistré, une lettre d’expulsion ? Apportez vos papiers, nous les examinerons ensemble.',
			'Проблеми з орендодавцем, незареєстрований договір, лист про виселення? Принесіть документи — розберемося разом.',
			'هل لديك مشكلة مع المالك، أو عقد غير مسجّل، أو رسالة إخلاء؟ أحضر أوراقك وسننظر فيها معًا.'
		),
		eligibility: ['everyone', 'adults'],
		apply: ['phone', 'walkIn'],
		hours: ['afternoons', 'eveningMW'],
		documents: ['id'],
		always: ['free'],
		maybe: [NO_PERMIT, ['interpreter', 0.3]]
	},
	// health
	{
		key: 'walk-in-clinic',
		needs: ['health'],
		name: T('Walk-in clinic', 'Ambulatorio aperto a tutti', 'Consulta médica sin cita', 'Consultation médicale sans rendez-vous', 'Амбулаторія без запису', 'عيادة من دون موعد'),
		description: T(
			'Doctors and nurses see you for everyday health problems, prescriptions and referrals, with cultural mediators on hand.',
			'Medici e infermieri ti visitano per i problemi di salute di tutti i giorni, ricette e invii allo specialista, con mediatori culturali presenti.',
			'Médicos y enfermeras te atienden por problemas de salud cotidianos, recetas y derivaciones, con mediadores culturales.',
			'Médecins et infirmiers vous reçoivent pour les problèmes de santé courants, les ordonnances et l’orientation, avec des médiateurs culturels.',
			'Лікарі та медсестри приймають з повсякденними проблемами зі здоров’ям, виписують рецепти й направлення; працюють культурні медіатори.',
			'أطباء وممرضون يستقبلونك للمشكلات الصحية اليومية والوصفات والإحالات، بحضور وسطاء ثقافيين.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn', 'early'],
		hours: ['clinic'],
		documents: ['none', 'id'],
		always: ['free', 'no-permit-needed'],
		maybe: [['anonymous', 0.5], ['interpreter', 0.6]]
	},
	{
		key: 'health-registration',
		needs: ['health', 'legal'],
		name: T('Help registering with a family doctor', 'Iscrizione al Servizio sanitario e scelta del medico', 'Ayuda para inscribirte en la sanidad pública', 'Aide pour s’inscrire auprès d’un médecin traitant', 'Допомога з реєстрацією в сімейного лікаря', 'المساعدة في التسجيل لدى طبيب الأسرة'),
		description: T(
			'We explain how the national health service works and help you get your health card and choose a family doctor.',
			'Ti spieghiamo come funziona il Servizio sanitario nazionale e ti aiutiamo ad avere la tessera sanitaria e a scegliere il medico di base.',
			'Te explicamos cómo funciona la sanidad pública y te ayudamos a conseguir la tarjeta sanitaria y elegir médico de cabecera.',
			'Nous expliquons le fonctionnement du service national de santé et vous aidons à obtenir la carte santé et à choisir un médecin traitant.',
			'Пояснюємо, як працює національна система охорони здоров’я, допомагаємо отримати медичну картку та обрати сімейного лікаря.',
			'نشرح لك كيف يعمل النظام الصحي الوطني، ونساعدك في الحصول على البطاقة الصحية واختيار طبيب الأسرة.'
		),
		eligibility: ['newcomers', 'everyone'],
		apply: ['walkIn', 'phone'],
		hours: ['officeMornings', 'twoMornings'],
		documents: ['id', 'taxCode', 'permit'],
		always: ['free'],
		maybe: [['interpreter', 0.4]]
	},
	{
		key: 'dental',
		needs: ['health'],
		name: T('Dental check-ups', 'Controlli dentistici', 'Revisiones dentales', 'Bilans dentaires', 'Огляд у стоматолога', 'فحوصات الأسنان'),
		description: T(
			'A dentist checks your teeth, cleans them and tells you what treatment you need and where to get it at low cost.',
			'Un dentista controlla i tuoi denti, fa la pulizia e ti dice quali cure servono e dove farle a basso costo.',
			'Un dentista revisa tus dientes, hace una limpieza y te dice qué tratamiento necesitas y dónde hacerlo a bajo coste.',
			'Un dentiste examine vos dents, fait un détartrage et vous indique les soins nécessaires et où les faire à petit prix.',
			'Стоматолог огляне й почистить зуби, підкаже, яке лікування потрібне і де його зробити недорого.',
			'يفحص طبيب الأسنان أسنانك وينظّفها، ويخبرك بالعلاج الذي تحتاجه وأين تحصل عليه بتكلفة منخفضة.'
		),
		eligibility: ['everyone', 'families'],
		apply: ['phone'],
		hours: ['oneAfternoon', 'afternoons'],
		cost: ['visit', 0.4],
		maybe: [NO_PERMIT]
	},
	{
		key: 'vaccinations',
		needs: ['health', 'children-families'],
		name: T('Vaccinations', 'Vaccinazioni', 'Vacunación', 'Vaccinations', 'Вакцинація', 'التطعيمات'),
		description: T(
			'Vaccinations for children and adults, and a check of the vaccines you had in another country.',
			'Vaccinazioni per bambini e adulti, e controllo dei vaccini fatti in un altro paese.',
			'Vacunas para niños y adultos, y revisión de las vacunas que te pusieron en otro país.',
			'Vaccinations pour enfants et adultes, et vérification des vaccins reçus dans un autre pays.',
			'Щеплення для дітей і дорослих та перевірка вакцин, отриманих в іншій країні.',
			'تطعيمات للأطفال والكبار، ومراجعة اللقاحات التي أخذتها في بلد آخر.'
		),
		eligibility: ['everyone', 'families'],
		apply: ['phone', 'online'],
		hours: ['officeMornings'],
		documents: ['vaccination', 'none'],
		always: ['free', 'no-permit-needed'],
		maybe: [['for-children', 0.6]]
	},
	{
		key: 'womens-health',
		needs: ['health', 'women'],
		name: T('Women’s health clinic', 'Consultorio per la salute delle donne', 'Consulta de salud de la mujer', 'Consultation santé des femmes', 'Жіноча консультація', 'عيادة صحة المرأة'),
		description: T(
			'Pregnancy care, contraception and check-ups with women doctors and midwives.',
			'Assistenza in gravidanza, contraccezione e controlli con dottoresse e ostetriche.',
			'Seguimiento del embarazo, anticoncepción y revisiones con médicas y matronas.',
			'Suivi de grossesse, contraception et bilans avec des médecins et des sages-femmes.',
			'Ведення вагітності, контрацепція та огляди в лікарок і акушерок.',
			'متابعة الحمل ووسائل منع الحمل والفحوصات مع طبيبات وقابلات.'
		),
		eligibility: ['women'],
		apply: ['phone', 'walkIn'],
		hours: ['clinic', 'officeMornings'],
		always: ['free', 'no-permit-needed'],
		maybe: [['women-only', 0.7], ['anonymous', 0.3], ['interpreter', 0.5]]
	},
	// mental health
	{
		key: 'psych-support',
		needs: ['mental-health'],
		name: T('Psychological support', 'Supporto psicologico', 'Apoyo psicológico', 'Soutien psychologique', 'Психологічна підтримка', 'الدعم النفسي'),
		description: T(
			'Confidential talks with a psychologist, in your language or with an interpreter, for stress, sleep problems, grief or worry.',
			'Colloqui riservati con uno psicologo, nella tua lingua o con un interprete, per stress, insonnia, lutto o preoccupazioni.',
			'Conversaciones confidenciales con un psicólogo, en tu idioma o con intérprete, por estrés, insomnio, duelo o preocupaciones.',
			'Entretiens confidentiels avec un psychologue, dans votre langue ou avec un interprète : stress, troubles du sommeil, deuil, inquiétudes.',
			'Конфіденційні розмови з психологом вашою мовою або з перекладачем: стрес, проблеми зі сном, втрата, тривога.',
			'جلسات سرّية مع أخصائي نفسي بلغتك أو بمساعدة مترجم، للتوتر ومشكلات النوم والحزن والقلق.'
		),
		eligibility: ['everyone', 'adults', 'young'],
		apply: ['phone', 'referral', 'online'],
		hours: ['afternoons', 'officeMornings'],
		always: ['free'],
		maybe: [NO_PERMIT, ['anonymous', 0.3], ['interpreter', 0.5]]
	},
	{
		key: 'trauma-counselling',
		needs: ['mental-health', 'asylum'],
		name: T('Support after trauma', 'Sostegno per chi ha vissuto traumi', 'Atención psicológica tras un trauma', 'Accompagnement après un traumatisme', 'Підтримка після травми', 'الدعم بعد الصدمات'),
		description: T(
			'Specialist care for people who lived through war, torture or a dangerous journey, at their own pace.',
			'Cura specialistica per chi ha vissuto guerra, tortura o un viaggio pericoloso, con i propri tempi.',
			'Atención especializada para personas que han vivido guerra, tortura o un viaje peligroso, a su ritmo.',
			'Une prise en charge spécialisée pour les personnes qui ont vécu la guerre, la torture ou un voyage dangereux, à leur rythme.',
			'Спеціалізована допомога людям, які пережили війну, катування чи небезпечну дорогу, — у вашому темпі.',
			'رعاية متخصصة لمن عاشوا الحرب أو التعذيب أو رحلة خطرة، وفق وتيرتهم الخاصة.'
		),
		eligibility: ['protection', 'everyone'],
		apply: ['referral', 'phone'],
		hours: ['officeLong', 'afternoons'],
		always: ['free', 'no-permit-needed'],
		maybe: [['interpreter', 0.8]]
	},
	{
		key: 'peer-group',
		groups: ['morning', 'evening'],
		needs: ['mental-health', 'community'],
		name: T('Peer support group', 'Gruppo di auto-aiuto', 'Grupo de apoyo mutuo', 'Groupe de parole', 'Група взаємопідтримки', 'مجموعة دعم بين الأقران'),
		description: T(
			'A small group that meets every week to talk about life in a new country, led by people who went through it too.',
			'Un piccolo gruppo che si incontra ogni settimana per parlare della vita in un nuovo paese, guidato da chi ci è passato.',
			'Un grupo pequeño que se reúne cada semana para hablar de la vida en un país nuevo, guiado por personas que lo vivieron.',
			'Un petit groupe qui se réunit chaque semaine pour parler de la vie dans un nouveau pays, animé par des personnes qui l’ont vécue.',
			'Невелика група щотижня збирається поговорити про життя в новій країні; її ведуть люди, які самі через це пройшли.',
			'مجموعة صغيرة تلتقي كل أسبوع للحديث عن الحياة في بلد جديد، يديرها أشخاص مرّوا بالتجربة نفسها.'
		),
		eligibility: ['adults', 'everyone'],
		apply: ['walkIn', 'phone'],
		hours: ['eveningMW', 'oneAfternoon'],
		always: ['free', 'no-permit-needed'],
		maybe: [['anonymous', 0.4]]
	},
	// legal and documents
	{
		key: 'legal-advice',
		groups: ['saturday'],
		needs: ['legal'],
		name: T('Free legal advice', 'Consulenza legale gratuita', 'Asesoría jurídica gratuita', 'Conseil juridique gratuit', 'Безкоштовна юридична консультація', 'استشارة قانونية مجانية'),
		description: T(
			'A lawyer answers your questions about permits, work, family and housing, and tells you what you can do next.',
			'Un avvocato risponde alle tue domande su permessi, lavoro, famiglia e casa, e ti dice cosa puoi fare.',
			'Un abogado responde a tus preguntas sobre permisos, trabajo, familia y vivienda, y te dice qué puedes hacer.',
			'Un avocat répond à vos questions sur les titres de séjour, le travail, la famille et le logement, et vous dit quoi faire ensuite.',
			'Юрист відповість на ваші запитання про дозволи, роботу, сім’ю та житло і підкаже, що робити далі.',
			'يجيب محامٍ عن أسئلتك حول التصاريح والعمل والأسرة والسكن، ويخبرك بالخطوات التالية.'
		),
		eligibility: ['everyone', 'adults'],
		apply: ['phone', 'walkIn', 'online'],
		hours: ['afternoons', 'eveningMW', 'saturday'],
		documents: ['id', 'none'],
		always: ['free'],
		maybe: [NO_PERMIT, ['interpreter', 0.4], ['anonymous', 0.15]]
	},
	{
		key: 'documents-help',
		groups: ['saturday'],
		needs: ['legal'],
		name: T('Help with documents and forms', 'Aiuto con documenti e pratiche', 'Ayuda con documentos y trámites', 'Aide pour les papiers et démarches', 'Допомога з документами та формами', 'المساعدة في الوثائق والاستمارات'),
		description: T(
			'We read letters from offices with you, fill in forms, book appointments online and explain what each paper is for.',
			'Leggiamo insieme le lettere degli uffici, compiliamo i moduli, prenotiamo gli appuntamenti online e ti spieghiamo a cosa serve ogni documento.',
			'Leemos contigo las cartas de las oficinas, rellenamos formularios, pedimos citas por internet y te explicamos para qué sirve cada papel.',
			'Nous lisons avec vous les courriers de l’administration, remplissons les formulaires, prenons les rendez-vous en ligne et expliquons à quoi sert chaque papier.',
			'Разом читаємо листи з установ, заповнюємо форми, записуємося на прийом онлайн і пояснюємо, для чого потрібен кожен документ.',
			'نقرأ معك رسائل المكاتب الحكومية، ونملأ الاستمارات، ونحجز المواعيد عبر الإنترنت، ونشرح لك الغرض من كل ورقة.'
		),
		eligibility: ['everyone', 'newcomers'],
		apply: ['walkIn', 'phone'],
		hours: ['officeMornings', 'afternoons', 'saturday'],
		documents: ['id', 'none'],
		always: ['free'],
		maybe: [NO_PERMIT, ['interpreter', 0.35]]
	},
	{
		key: 'residence-permit',
		needs: ['legal'],
		name: T('Residence permit renewals', 'Rinnovo del permesso di soggiorno', 'Renovación del permiso de residencia', 'Renouvellement du titre de séjour', 'Продовження дозволу на проживання', 'تجديد تصريح الإقامة'),
		description: T(
			'We check your papers, fill in the renewal kit with you and tell you what the police office will ask.',
			'Controlliamo i tuoi documenti, compiliamo con te il kit per il rinnovo e ti diciamo cosa chiederà la questura.',
			'Revisamos tus papeles, rellenamos contigo el formulario de renovación y te decimos qué te pedirá la comisaría.',
			'Nous vérifions vos papiers, remplissons avec vous le dossier de renouvellement et vous disons ce que demandera la préfecture de police.',
			'Перевіряємо ваші документи, разом заповнюємо пакет на продовження і пояснюємо, що запитають у міграційній службі.',
			'نراجع أوراقك، ونملأ معك ملف التجديد، ونخبرك بما ستطلبه دائرة الشرطة.'
		),
		eligibility: ['adults'],
		apply: ['phone', 'online'],
		hours: ['officeMornings', 'twoMornings'],
		documents: ['permit', 'id', 'taxCode'],
		always: ['free'],
		maybe: [['interpreter', 0.3]]
	},
	{
		key: 'registry',
		needs: ['legal'],
		name: T('Registering your address with the city', 'Iscrizione anagrafica e residenza', 'Empadronamiento en la ciudad', 'Inscription au registre de la population', 'Реєстрація місця проживання', 'تسجيل عنوان السكن لدى البلدية'),
		description: T(
			'Register where you live, get an identity card and certificates; staff explain each step in plain words.',
			'Iscriviti all’anagrafe, richiedi la carta d’identità e i certificati; il personale spiega ogni passaggio con parole semplici.',
			'Regístrate en el padrón, pide el documento de identidad y certificados; el personal explica cada paso con palabras sencillas.',
			'Déclarez votre adresse, demandez une carte d’identité et des certificats ; le personnel explique chaque étape simplement.',
			'Зареєструйте місце проживання, отримайте посвідку та довідки; працівники простими словами пояснять кожен крок.',
			'سجّل مكان سكنك واحصل على بطاقة الهوية والشهادات؛ ويشرح لك الموظفون كل خطوة بكلمات بسيطة.'
		),
		eligibility: ['adults', 'everyone'],
		apply: ['online', 'phone'],
		hours: ['officeLong'],
		documents: ['id', 'permit'],
		always: ['free']
	},
	{
		key: 'anti-discrimination',
		needs: ['legal'],
		name: T('Report discrimination', 'Segnalare una discriminazione', 'Denunciar una discriminación', 'Signaler une discrimination', 'Повідомити про дискримінацію', 'الإبلاغ عن التمييز'),
		description: T(
			'Were you refused a flat, a job or a service because of where you come from, your religion or the colour of your skin? Tell us; we listen and act.',
			'Ti hanno rifiutato una casa, un lavoro o un servizio per la tua origine, la tua religione o il colore della pelle? Raccontacelo: ascoltiamo e interveniamo.',
			'¿Te negaron un piso, un trabajo o un servicio por tu origen, tu religión o el color de tu piel? Cuéntanoslo: escuchamos y actuamos.',
			'On vous a refusé un logement, un emploi ou un service à cause de vos origines, de votre religion ou de votre couleur de peau ? Dites-le-nous : nous écoutons et agissons.',
			'Вам відмовили в житлі, роботі чи послузі через походження, релігію або колір шкіри? Розкажіть нам — ми вислухаємо й діятимемо.',
			'هل رُفض تأجيرك سكنًا أو توظيفك أو تقديم خدمة لك بسبب أصلك أو دينك أو لون بشرتك؟ أخبرنا، فنحن نستمع ونتحرك.'
		),
		eligibility: ['everyone'],
		apply: ['anonymous', 'phone', 'online'],
		hours: ['officeMornings', 'afternoons'],
		always: ['free', 'no-permit-needed'],
		maybe: [['anonymous', 0.8], ['interpreter', 0.3]]
	},
	{
		key: 'mediation',
		needs: ['legal', 'health'],
		name: T('Cultural mediation and interpreting', 'Mediazione culturale e interpretariato', 'Mediación cultural e interpretación', 'Médiation culturelle et interprétariat', 'Культурне посередництво та усний переклад', 'الوساطة الثقافية والترجمة الفورية'),
		description: T(
			'A mediator who speaks your language comes with you to the hospital, the school or an office, and helps both sides understand each other.',
			'Un mediatore che parla la tua lingua ti accompagna in ospedale, a scuola o in un ufficio e aiuta tutti a capirsi.',
			'Un mediador que habla tu idioma te acompaña al hospital, a la escuela o a una oficina y ayuda a que todos se entiendan.',
			'Un médiateur qui parle votre langue vous accompagne à l’hôpital, à l’école ou dans un bureau et aide chacun à se comprendre.',
			'Посередник, який говорить вашою мовою, супроводить вас до лікарні, школи чи установи й допоможе обом сторонам порозумітися.',
			'يرافقك وسيط يتحدث لغتك إلى المستشفى أو المدرسة أو أحد المكاتب، ويساعد الطرفين على فهم بعضهما.'
		),
		eligibility: ['everyone'],
		apply: ['phone', 'referral'],
		hours: ['officeLong', 'officeMornings'],
		always: ['free', 'interpreter'],
		maybe: [NO_PERMIT]
	},
	// asylum
	{
		key: 'asylum-info',
		needs: ['asylum', 'legal'],
		name: T('Information on the asylum procedure', 'Informazioni sulla procedura d’asilo', 'Información sobre el procedimiento de asilo', 'Informations sur la procédure d’asile', 'Інформація про процедуру надання притулку', 'معلومات عن إجراءات اللجوء'),
		description: T(
			'How to ask for protection, what happens at each step, your rights while you wait, and where to get a lawyer.',
			'Come chiedere protezione, cosa succede a ogni passaggio, i tuoi diritti durante l’attesa e dove trovare un avvocato.',
			'Cómo pedir protección, qué pasa en cada paso, tus derechos mientras esperas y dónde encontrar un abogado.',
			'Comment demander une protection, ce qui se passe à chaque étape, vos droits pendant l’attente et où trouver un avocat.',
			'Як попросити захисту, що відбувається на кожному етапі, ваші права під час очікування і де знайти адвоката.',
			'كيف تطلب الحماية، وماذا يحدث في كل مرحلة، وما حقوقك أثناء الانتظار، وأين تجد محاميًا.'
		),
		eligibility: ['protection', 'everyone'],
		apply: ['walkIn', 'phone'],
		hours: ['officeMornings', 'afternoons'],
		documents: ['none', 'id'],
		always: ['free', 'no-permit-needed'],
		maybe: [['interpreter', 0.6], ['anonymous', 0.2]]
	},
	{
		key: 'asylum-interview',
		needs: ['asylum', 'legal'],
		name: T('Preparing for the asylum interview', 'Preparazione all’audizione in Commissione', 'Preparación para la entrevista de asilo', 'Préparation à l’entretien d’asile', 'Підготовка до співбесіди щодо притулку', 'التحضير لمقابلة اللجوء'),
		description: T(
			'A legal worker and an interpreter help you tell your story clearly and know what the commission will ask.',
			'Un operatore legale e un interprete ti aiutano a raccontare la tua storia con chiarezza e a sapere cosa chiederà la Commissione.',
			'Un asesor jurídico y un intérprete te ayudan a contar tu historia con claridad y a saber qué te preguntará la comisión.',
			'Un juriste et un interprète vous aident à raconter votre histoire clairement et à savoir ce que la commission demandera.',
			'Юрист і перекладач допоможуть чітко розповісти вашу історію та знати, про що запитає комісія.',
			'يساعدك مستشار قانوني ومترجم على سرد قصتك بوضوح ومعرفة ما ستسألك عنه اللجنة.'
		),
		eligibility: ['protection'],
		apply: ['phone', 'referral'],
		hours: ['officeMornings', 'afternoons'],
		documents: ['id', 'none'],
		always: ['free', 'no-permit-needed', 'interpreter']
	},
	// family reunification
	{
		key: 'family-reunification',
		needs: ['family-reunification', 'legal'],
		name: T('Family reunification advice', 'Consulenza sul ricongiungimento familiare', 'Asesoría sobre reagrupación familiar', 'Conseil pour le regroupement familial', 'Консультації з возз’єднання сім’ї', 'استشارات لمّ شمل الأسرة'),
		description: T(
			'Who can join you in Italy, what income and housing you need, and how to prepare the application and the visa.',
			'Chi può raggiungerti in Italia, quali requisiti di reddito e alloggio servono e come preparare la domanda e il visto.',
			'Quién puede reunirse contigo en Italia, qué ingresos y vivienda necesitas y cómo preparar la solicitud y el visado.',
			'Qui peut vous rejoindre en Italie, quels revenus et quel logement il faut, et comment préparer la demande et le visa.',
			'Хто може приїхати до вас в Італію, який потрібен дохід і житло та як підготувати заяву й візу.',
			'من يمكنه اللحاق بك في إيطاليا، وما الدخل والسكن المطلوبان، وكيف تُحضّر الطلب والتأشيرة.'
		),
		eligibility: ['adults'],
		apply: ['phone', 'online'],
		hours: ['twoMornings', 'officeMornings'],
		documents: ['permit', 'id'],
		always: ['free'],
		maybe: [['interpreter', 0.5]]
	},
	{
		key: 'family-tracing',
		needs: ['family-reunification'],
		name: T('Finding missing family members', 'Ricerca dei familiari dispersi', 'Búsqueda de familiares desaparecidos', 'Rétablissement des liens familiaux', 'Пошук зниклих родичів', 'البحث عن أفراد الأسرة المفقودين'),
		description: T(
			'Lost contact with family during the journey? We start a search with the international tracing network, free and confidential.',
			'Hai perso i contatti con la tua famiglia durante il viaggio? Avviamo una ricerca con la rete internazionale, gratuita e riservata.',
			'¿Perdiste el contacto con tu familia durante el viaje? Iniciamos una búsqueda con la red internacional, gratuita y confidencial.',
			'Vous avez perdu le contact avec votre famille pendant le voyage ? Nous lançons une recherche avec le réseau international, gratuite et confidentielle.',
			'Втратили зв’язок з рідними під час дороги? Ми розпочнемо пошук через міжнародну мережу — безкоштовно й конфіденційно.',
			'هل فقدت الاتصال بعائلتك أثناء الرحلة؟ نبدأ البحث عبر الشبكة الدولية مجانًا وبسرّية تامة.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn', 'phone'],
		hours: ['twoMornings'],
		always: ['free', 'no-permit-needed'],
		maybe: [['interpreter', 0.6]]
	},
	// language courses
	{
		key: 'italian-a1',
		groups: ['evening', 'saturday'],
		needs: ['language-courses'],
		name: T('Italian for beginners (A1)', 'Italiano per principianti (A1)', 'Italiano para principiantes (A1)', 'Italien pour débutants (A1)', 'Італійська для початківців (A1)', 'الإيطالية للمبتدئين (A1)'),
		description: T(
			'Small classes three times a week for people starting from zero: greetings, shopping, the doctor, the bus.',
			'Classi piccole tre volte a settimana per chi parte da zero: saluti, spesa, medico, autobus.',
			'Grupos pequeños tres veces por semana para quien empieza de cero: saludos, compras, el médico, el autobús.',
			'Petits groupes trois fois par semaine pour ceux qui partent de zéro : se saluer, faire les courses, le médecin, le bus.',
			'Невеликі групи тричі на тиждень для тих, хто починає з нуля: привітання, покупки, лікар, автобус.',
			'صفوف صغيرة ثلاث مرات في الأسبوع لمن يبدأ من الصفر: التحية والتسوّق والطبيب والحافلة.'
		),
		eligibility: ['adults', 'young', 'everyone'],
		apply: ['enrol', 'walkIn'],
		hours: ['morningClass'],
		documents: ['none', 'id'],
		cost: ['term', 0.15],
		maybe: [NO_PERMIT]
	},
	{
		key: 'italian-evening',
		groups: ['saturday'],
		needs: ['language-courses'],
		name: T('Evening Italian classes (A2–B1)', 'Corsi serali di italiano (A2–B1)', 'Clases de italiano por la tarde-noche (A2–B1)', 'Cours du soir d’italien (A2–B1)', 'Вечірні курси італійської (A2–B1)', 'دروس مسائية في الإيطالية (A2–B1)'),
		description: T(
			'For people who work during the day: grammar, conversation and preparing for the A2 and B1 exams.',
			'Per chi lavora di giorno: grammatica, conversazione e preparazione agli esami A2 e B1.',
			'Para quien trabaja de día: gramática, conversación y preparación de los exámenes A2 y B1.',
			'Pour celles et ceux qui travaillent en journée : grammaire, conversation et préparation aux examens A2 et B1.',
			'Для тих, хто працює вдень: граматика, розмовна практика та підготовка до іспитів A2 і B1.',
			'لمن يعمل خلال النهار: قواعد ومحادثة وتحضير لامتحانَي A2 وB1.'
		),
		eligibility: ['adults', 'everyone'],
		apply: ['enrol', 'phone'],
		hours: ['evening', 'eveningMW'],
		documents: ['none', 'id'],
		cost: ['term', 0.25],
		maybe: [NO_PERMIT]
	},
	{
		key: 'literacy',
		groups: ['evening'],
		needs: ['language-courses', 'education'],
		name: T('Reading and writing for adults', 'Alfabetizzazione per adulti', 'Alfabetización para adultos', 'Alphabétisation pour adultes', 'Читання й письмо для дорослих', 'تعليم القراءة والكتابة للكبار'),
		description: T(
			'For adults who never went to school or learned another alphabet: the Latin letters, reading and writing step by step.',
			'Per adulti che non sono andati a scuola o hanno imparato un altro alfabeto: le lettere latine, leggere e scrivere passo dopo passo.',
			'Para adultos que no fueron a la escuela o aprendieron otro alfabeto: las letras latinas, leer y escribir paso a paso.',
			'Pour les adultes qui ne sont pas allés à l’école ou ont appris un autre alphabet : l’alphabet latin, lire et écrire pas à pas.',
			'Для дорослих, які не ходили до школи або вчили інший алфавіт: латинські літери, читання й письмо крок за кроком.',
			'للكبار الذين لم يذهبوا إلى المدرسة أو تعلّموا أبجدية أخرى: الحروف اللاتينية والقراءة والكتابة خطوة بخطوة.'
		),
		eligibility: ['adults'],
		apply: ['enrol', 'walkIn'],
		hours: ['morningClass', 'twoMornings'],
		always: ['free', 'no-permit-needed']
	},
	{
		key: 'conversation',
		groups: ['evening', 'saturday'],
		needs: ['language-courses', 'community'],
		name: T('Italian conversation club', 'Caffè di conversazione in italiano', 'Club de conversación en italiano', 'Café de conversation en italien', 'Розмовний клуб італійської', 'نادي المحادثة بالإيطالية'),
		description: T(
			'Practise speaking Italian with volunteers over tea and biscuits; every level welcome, no enrolment.',
			'Pratica l’italiano con i volontari davanti a un tè e qualche biscotto; tutti i livelli, senza iscrizione.',
			'Practica italiano con voluntarios con un té y unas galletas; todos los niveles, sin inscripción.',
			'Pratiquez l’italien avec des bénévoles autour d’un thé et de biscuits ; tous niveaux, sans inscription.',
			'Практикуйте італійську з волонтерами за чаєм з печивом; будь-який рівень, без запису.',
			'تدرّب على التحدث بالإيطالية مع متطوعين على كوب شاي وبعض البسكويت؛ لجميع المستويات ومن دون تسجيل.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn'],
		hours: ['oneAfternoon', 'eveningMW', 'saturday'],
		always: ['free', 'no-permit-needed']
	},
	{
		key: 'italian-women',
		groups: ['evening'],
		needs: ['language-courses', 'women'],
		name: T('Italian for women, with childcare', 'Italiano per donne, con spazio bimbi', 'Italiano para mujeres, con cuidado infantil', 'Italien pour les femmes, avec garde d’enfants', 'Італійська для жінок, з доглядом за дітьми', 'الإيطالية للنساء مع رعاية الأطفال'),
		description: T(
			'Italian lessons in a women-only group while volunteers look after your small children in the next room.',
			'Lezioni di italiano in un gruppo di sole donne, mentre le volontarie si occupano dei bambini piccoli nella stanza accanto.',
			'Clases de italiano en un grupo solo de mujeres mientras las voluntarias cuidan a tus hijos pequeños en la sala de al lado.',
			'Des cours d’italien entre femmes pendant que des bénévoles s’occupent de vos jeunes enfants dans la pièce voisine.',
			'Уроки італійської в жіночій групі, поки волонтерки доглядають ваших малюків у сусідній кімнаті.',
			'دروس في الإيطالية ضمن مجموعة نسائية فقط، بينما تعتني المتطوعات بأطفالك الصغار في الغرفة المجاورة.'
		),
		eligibility: ['women'],
		apply: ['enrol', 'walkIn', 'phone'],
		hours: ['twoMornings', 'morningClass'],
		always: ['free', 'women-only'],
		maybe: [NO_PERMIT]
	},
	{
		key: 'italian-children',
		needs: ['language-courses', 'education', 'children-families'],
		name: T('Italian for newly arrived pupils', 'Italiano L2 per alunni neoarrivati', 'Italiano para alumnos recién llegados', 'Italien pour élèves nouvellement arrivés', 'Італійська для новоприбулих учнів', 'الإيطالية للتلاميذ الوافدين حديثًا'),
		description: T(
			'Extra Italian lessons for children who just started school here, so they can follow classes and make friends.',
			'Lezioni di italiano in più per i bambini appena arrivati a scuola, per seguire le lezioni e farsi degli amici.',
			'Clases extra de italiano para niños que acaban de empezar la escuela aquí, para seguir las clases y hacer amigos.',
			'Des cours d’italien en plus pour les enfants qui viennent d’arriver à l’école, pour suivre les cours et se faire des amis.',
			'Додаткові уроки італійської для дітей, які щойно пішли тут до школи, щоб вони встигали на уроках і знаходили друзів.',
			'دروس إضافية في الإيطالية للأطفال الذين بدأوا الدراسة هنا حديثًا، ليتابعوا الحصص ويكوّنوا صداقات.'
		),
		eligibility: ['pupils'],
		apply: ['referral', 'phone'],
		hours: ['afterSchool', 'afternoons'],
		always: ['free', 'for-children'],
		maybe: [NO_PERMIT],
		age: [6, 17]
	},
	{
		key: 'online-italian',
		needs: ['language-courses'],
		name: T('Italian online, at your own pace', 'Italiano online, con i tuoi tempi', 'Italiano en línea, a tu ritmo', 'L’italien en ligne, à votre rythme', 'Італійська онлайн у зручному темпі', 'الإيطالية عبر الإنترنت، وفق وتيرتك'),
		description: T(
			'Video lessons on your phone and a weekly call with a tutor, for people who cannot come to a class.',
			'Videolezioni sul telefono e una chiamata a settimana con un tutor, per chi non può venire in classe.',
			'Videoclases en el móvil y una llamada semanal con un tutor, para quien no puede venir a clase.',
			'Des leçons vidéo sur votre téléphone et un appel par semaine avec un tuteur, pour qui ne peut pas venir en cours.',
			'Відеоуроки на телефоні та щотижневий дзвінок з викладачем — для тих, хто не може приходити на заняття.',
			'دروس مصوّرة على هاتفك ومكالمة أسبوعية مع مدرّس، لمن لا يستطيع الحضور إلى الصف.'
		),
		eligibility: ['adults', 'everyone'],
		apply: ['online'],
		hours: ['helpline'],
		always: ['free', 'remote', 'no-permit-needed'],
		remote: true
	},
	// education
	{
		key: 'school-enrolment',
		needs: ['education', 'children-families'],
		name: T('Help enrolling children in school', 'Aiuto per l’iscrizione a scuola', 'Ayuda para matricular a los niños en la escuela', 'Aide à l’inscription scolaire', 'Допомога із записом дитини до школи', 'المساعدة في تسجيل الأطفال في المدرسة'),
		description: T(
			'Children can start school at any time of the year. We find a place, fill in the forms and meet the teachers with you.',
			'I bambini possono iniziare la scuola in qualsiasi momento dell’anno. Troviamo un posto, compiliamo i moduli e incontriamo con te gli insegnanti.',
			'Los niños pueden empezar la escuela en cualquier momento del año. Buscamos plaza, rellenamos los formularios y vemos contigo a los profesores.',
			'Les enfants peuvent entrer à l’école à tout moment de l’année. Nous trouvons une place, remplissons les formulaires et rencontrons les enseignants avec vous.',
			'Діти можуть піти до школи будь-коли протягом року. Ми знайдемо місце, заповнимо документи й разом з вами зустрінемося з учителями.',
			'يمكن للأطفال بدء الدراسة في أي وقت من السنة. نجد لهم مقعدًا، ونملأ الاستمارات، ونلتقي المعلمين معك.'
		),
		eligibility: ['families', 'pupils'],
		apply: ['phone', 'walkIn'],
		hours: ['officeMornings', 'officeLong'],
		documents: ['id', 'vaccination'],
		always: ['free', 'no-permit-needed'],
		maybe: [['interpreter', 0.4]]
	},
	{
		key: 'homework',
		groups: ['saturday'],
		needs: ['education', 'children-families'],
		name: T('After-school homework help', 'Doposcuola', 'Apoyo escolar por las tardes', 'Aide aux devoirs', 'Допомога з домашніми завданнями', 'المساعدة في الواجبات المدرسية'),
		description: T(
			'Volunteers help children with homework every afternoon, followed by games and a snack.',
			'I volontari aiutano i bambini con i compiti ogni pomeriggio; poi giochi e merenda.',
			'Voluntarios ayudan a los niños con los deberes cada tarde; después, juegos y merienda.',
			'Des bénévoles aident les enfants à faire leurs devoirs chaque après-midi, puis jeux et goûter.',
			'Щодня після обіду волонтери допомагають дітям з домашніми завданнями, а потім — ігри й перекус.',
			'يساعد متطوعون الأطفال في واجباتهم المدرسية كل بعد ظهر، ثم ألعاب ووجبة خفيفة.'
		),
		eligibility: ['pupils'],
		apply: ['enrol', 'walkIn', 'phone'],
		hours: ['afterSchool', 'afternoons'],
		always: ['free', 'for-children'],
		maybe: [NO_PERMIT],
		age: [6, 17]
	},
	{
		key: 'adult-diploma',
		groups: ['morning', 'evening'],
		needs: ['education'],
		name: T('Middle-school diploma for adults', 'Licenza media per adulti', 'Título de secundaria para adultos', 'Diplôme de fin de collège pour adultes', 'Атестат про базову освіту для дорослих', 'شهادة المرحلة المتوسطة للكبار'),
		description: T(
			'A one-year course that ends with the Italian middle-school diploma, needed for many jobs and training courses.',
			'Un corso di un anno che si conclude con la licenza media, richiesta per molti lavori e corsi di formazione.',
			'Un curso de un año que termina con el título de secundaria italiano, necesario para muchos trabajos y cursos de formación.',
			'Un cours d’un an qui mène au diplôme italien de fin de collège, demandé pour beaucoup d’emplois et de formations.',
			'Однорічний курс, який завершується італійським атестатом про базову середню освіту — він потрібен для багатьох робіт і курсів.',
			'دورة مدتها سنة تنتهي بشهادة المرحلة المتوسطة الإيطالية، وهي مطلوبة في كثير من الوظائف والدورات التدريبية.'
		),
		eligibility: ['adults', 'young'],
		apply: ['enrol'],
		hours: ['evening', 'morningClass'],
		documents: ['id', 'diploma'],
		always: ['free']
	},
	{
		key: 'qualifications',
		needs: ['education', 'work'],
		name: T('Recognition of foreign qualifications', 'Riconoscimento dei titoli di studio esteri', 'Reconocimiento de títulos extranjeros', 'Reconnaissance des diplômes étrangers', 'Визнання іноземних дипломів', 'معادلة الشهادات الأجنبية'),
		description: T(
			'Have your school, university or professional qualifications recognised in Italy: which office, which translations, how long.',
			'Fai riconoscere in Italia i tuoi titoli scolastici, universitari o professionali: quale ufficio, quali traduzioni, quanto tempo.',
			'Haz reconocer en Italia tus títulos escolares, universitarios o profesionales: qué oficina, qué traducciones, cuánto tiempo.',
			'Faites reconnaître en Italie vos diplômes scolaires, universitaires ou professionnels : quel bureau, quelles traductions, quels délais.',
			'Визнання в Італії шкільних, університетських чи професійних дипломів: яка установа, які переклади, скільки часу.',
			'معادلة شهاداتك المدرسية أو الجامعية أو المهنية في إيطاليا: أي مكتب، وأي ترجمات، وكم من الوقت.'
		),
		eligibility: ['adults'],
		apply: ['phone', 'online'],
		hours: ['twoMornings', 'officeMornings'],
		documents: ['diploma', 'id'],
		always: ['free'],
		maybe: [NO_PERMIT]
	},
	{
		key: 'mother-tongue',
		needs: ['education', 'children-families'],
		name: T('Mother-tongue classes for children', 'Corsi di lingua madre per bambini', 'Clases de lengua materna para niños', 'Cours de langue maternelle pour enfants', 'Заняття рідною мовою для дітей', 'دروس اللغة الأم للأطفال'),
		description: T(
			'Children born here or who came young learn to read and write the language of their family, with songs and stories.',
			'I bambini nati qui o arrivati da piccoli imparano a leggere e scrivere la lingua della loro famiglia, con canzoni e storie.',
			'Los niños nacidos aquí o llegados de pequeños aprenden a leer y escribir la lengua de su familia, con canciones y cuentos.',
			'Les enfants nés ici ou arrivés petits apprennent à lire et écrire la langue de leur famille, avec des chansons et des histoires.',
			'Діти, народжені тут або привезені змалку, вчаться читати й писати мовою своєї родини — з піснями та казками.',
			'يتعلم الأطفال المولودون هنا أو الذين وصلوا صغارًا قراءة لغة عائلاتهم وكتابتها، بالأغاني والحكايات.'
		),
		eligibility: ['pupils', 'families'],
		apply: ['enrol', 'walkIn'],
		hours: ['saturday', 'weekend'],
		always: ['for-children'],
		cost: ['term', 0.3],
		age: [5, 14]
	},
	// work
	{
		key: 'job-counselling',
		groups: ['saturday'],
		needs: ['work'],
		name: T('Job counselling and CV help', 'Orientamento al lavoro e curriculum', 'Orientación laboral y ayuda con el currículum', 'Orientation professionnelle et aide au CV', 'Профорієнтація та допомога з резюме', 'التوجيه المهني والمساعدة في السيرة الذاتية'),
		description: T(
			'We look at what you can do, write your CV in Italian, practise job interviews and send you to employers who are hiring.',
			'Valutiamo insieme cosa sai fare, scriviamo il tuo curriculum in italiano, simuliamo i colloqui e ti segnaliamo alle aziende che assumono.',
			'Vemos juntos lo que sabes hacer, escribimos tu currículum en italiano, practicamos entrevistas y te enviamos a empresas que contratan.',
			'Nous faisons le point sur vos compétences, rédigeons votre CV en italien, préparons les entretiens et vous orientons vers des employeurs qui recrutent.',
			'Разом визначаємо, що ви вмієте, пишемо резюме італійською, тренуємо співбесіди й направляємо до роботодавців, які наймають.',
			'نقيّم معك مهاراتك، ونكتب سيرتك الذاتية بالإيطالية، ونتدرب على مقابلات العمل، ونرشدك إلى أصحاب العمل الذين يوظّفون.'
		),
		eligibility: ['jobseekers', 'adults', 'young'],
		apply: ['phone', 'online', 'walkIn'],
		hours: ['officeMornings', 'afternoons', 'officeLong'],
		documents: ['id', 'permit', 'taxCode'],
		always: ['free'],
		maybe: [['interpreter', 0.2]]
	},
	{
		key: 'traineeships',
		needs: ['work'],
		name: T('Paid traineeships', 'Tirocini retribuiti', 'Prácticas remuneradas', 'Stages rémunérés', 'Оплачуване стажування', 'تدريب عملي مدفوع الأجر'),
		description: T(
			'Six months learning a trade in a real workplace, with a monthly allowance and a tutor.',
			'Sei mesi per imparare un mestiere in un vero posto di lavoro, con un’indennità mensile e un tutor.',
			'Seis meses aprendiendo un oficio en un lugar de trabajo real, con una ayuda mensual y un tutor.',
			'Six mois pour apprendre un métier en entreprise, avec une indemnité mensuelle et un tuteur.',
			'Шість місяців навчання професії на справжньому робочому місці з щомісячною виплатою та наставником.',
			'ستة أشهر لتعلّم مهنة في مكان عمل حقيقي، مع مكافأة شهرية ومرشد.'
		),
		eligibility: ['jobseekers', 'young'],
		apply: ['online', 'referral', 'phone'],
		hours: ['officeMornings', 'twoMornings'],
		documents: ['id', 'permit', 'taxCode'],
		always: ['free'],
		age: [18, 29]
	},
	{
		key: 'vocational-course',
		groups: ['evening'],
		needs: ['work', 'education'],
		name: T('Vocational training course', 'Corso di formazione professionale', 'Curso de formación profesional', 'Formation professionnelle', 'Курс професійного навчання', 'دورة تدريب مهني'),
		description: T(
			'A practical course with a certificate at the end: cooking, welding, care work, warehouse or hairdressing.',
			'Un corso pratico con attestato finale: cucina, saldatura, assistenza alla persona, magazzino o parrucchiere.',
			'Un curso práctico con certificado final: cocina, soldadura, cuidado de personas, almacén o peluquería.',
			'Une formation pratique avec une attestation à la fin : cuisine, soudure, aide à la personne, logistique ou coiffure.',
			'Практичний курс із сертифікатом наприкінці: кухар, зварювальник, доглядальник, склад або перукар.',
			'دورة عملية تنتهي بشهادة: الطبخ أو اللحام أو رعاية الأشخاص أو المستودعات أو تصفيف الشعر.'
		),
		eligibility: ['jobseekers', 'adults', 'young'],
		apply: ['enrol', 'online'],
		hours: ['officeMornings', 'afternoons', 'evening'],
		documents: ['id', 'taxCode'],
		cost: ['term', 0.35]
	},
	{
		key: 'digital-skills',
		groups: ['morning', 'evening', 'saturday'],
		needs: ['work', 'education'],
		name: T('Computer and digital skills', 'Corso di informatica di base', 'Informática y competencias digitales', 'Initiation à l’informatique', 'Комп’ютерна грамотність', 'مهارات الحاسوب والمهارات الرقمية'),
		description: T(
			'E-mail, digital identity, online forms and job websites, on our computers or your own phone.',
			'Posta elettronica, identità digitale, moduli online e siti per cercare lavoro, sui nostri computer o sul tuo telefono.',
			'Correo electrónico, identidad digital, formularios en línea y webs de empleo, en nuestros ordenadores o en tu móvil.',
			'Courriel, identité numérique, formulaires en ligne et sites d’emploi, sur nos ordinateurs ou votre téléphone.',
			'Електронна пошта, цифрова ідентичність, онлайн-форми та сайти з пошуку роботи — на наших комп’ютерах або на вашому телефоні.',
			'البريد الإلكتروني والهوية الرقمية والاستمارات الإلكترونية ومواقع البحث عن عمل، على حواسيبنا أو على هاتفك.'
		),
		eligibility: ['adults', 'everyone', 'young'],
		apply: ['enrol', 'walkIn', 'phone'],
		hours: ['afternoons', 'evening', 'saturday'],
		cost: ['lesson', 0.15],
		maybe: [NO_PERMIT]
	},
	// money
	{
		key: 'bank-account',
		needs: ['money'],
		name: T('Help opening a bank account', 'Aiuto per aprire un conto', 'Ayuda para abrir una cuenta bancaria', 'Aide à l’ouverture d’un compte bancaire', 'Допомога з відкриттям банківського рахунку', 'المساعدة في فتح حساب مصرفي'),
		description: T(
			'Which basic account or prepaid card suits you, what the bank will ask for, and how to avoid hidden fees.',
			'Quale conto di base o carta prepagata fa per te, cosa chiederà la banca e come evitare costi nascosti.',
			'Qué cuenta básica o tarjeta prepago te conviene, qué te pedirá el banco y cómo evitar comisiones ocultas.',
			'Quel compte de base ou quelle carte prépayée vous convient, ce que la banque demandera et comment éviter les frais cachés.',
			'Який базовий рахунок чи передплачена картка вам підходить, що попросить банк і як уникнути прихованих комісій.',
			'أي حساب أساسي أو بطاقة مسبقة الدفع تناسبك، وماذا سيطلب البنك، وكيف تتجنب الرسوم الخفية.'
		),
		eligibility: ['adults'],
		apply: ['phone', 'walkIn'],
		hours: ['twoMornings', 'afternoons'],
		documents: ['id', 'permit', 'taxCode'],
		always: ['free']
	},
	{
		key: 'budgeting',
		needs: ['money'],
		name: T('Household budget advice', 'Consulenza sul bilancio familiare', 'Asesoría sobre el presupuesto familiar', 'Conseil en budget familial', 'Консультації з сімейного бюджету', 'استشارات ميزانية الأسرة'),
		description: T(
			'Bills, debts and rent arrears: we make a plan with you and talk to the companies you owe money to.',
			'Bollette, debiti e affitti arretrati: facciamo un piano con te e parliamo con chi deve ricevere i soldi.',
			'Facturas, deudas y alquileres atrasados: hacemos un plan contigo y hablamos con las empresas a las que debes dinero.',
			'Factures, dettes et loyers impayés : nous faisons un plan avec vous et parlons aux créanciers.',
			'Рахунки, борги та заборгованість з оренди: складаємо з вами план і говоримо з тими, кому ви винні.',
			'الفواتير والديون والإيجارات المتأخرة: نضع معك خطة ونتحدث مع الجهات التي تدين لها بالمال.'
		),
		eligibility: ['adults', 'registered'],
		apply: ['phone', 'referral'],
		hours: ['afternoons', 'twoMornings'],
		always: ['free'],
		maybe: [NO_PERMIT]
	},
	{
		key: 'benefits',
		needs: ['money', 'children-families'],
		name: T('Help applying for benefits', 'Aiuto per assegni e bonus', 'Ayuda para solicitar prestaciones', 'Aide pour demander les prestations sociales', 'Допомога з оформленням соціальних виплат', 'المساعدة في طلب الإعانات الاجتماعية'),
		description: T(
			'Child benefit, income support and energy bonuses: which ones you can get and how to apply.',
			'Assegno unico per i figli, sostegno al reddito e bonus per le bollette: quali ti spettano e come fare domanda.',
			'Ayuda por hijos, apoyo a los ingresos y bonos de energía: cuáles te corresponden y cómo solicitarlos.',
			'Allocations familiales, aide au revenu et chèques énergie : lesquels vous concernent et comment les demander.',
			'Допомога на дітей, підтримка доходу та енергетичні знижки: що вам належить і як подати заяву.',
			'إعانات الأطفال ودعم الدخل ومساعدات فواتير الطاقة: ما الذي يحق لك وكيف تقدّم الطلب.'
		),
		eligibility: ['registered', 'families'],
		apply: ['phone', 'walkIn'],
		hours: ['officeLong', 'officeMornings'],
		documents: ['id', 'permit', 'taxCode'],
		always: ['free'],
		maybe: [['interpreter', 0.3]]
	},
	{
		key: 'tax-forms',
		needs: ['money'],
		name: T('Help with tax forms', 'Assistenza per la dichiarazione dei redditi', 'Ayuda con la declaración de la renta', 'Aide pour la déclaration de revenus', 'Допомога з податковою декларацією', 'المساعدة في الإقرار الضريبي'),
		description: T(
			'Your yearly tax return, the ISEE family income certificate and payslips explained.',
			'La dichiarazione dei redditi, l’ISEE e la busta paga spiegati con calma.',
			'La declaración anual, el certificado ISEE de ingresos familiares y las nóminas, explicados con calma.',
			'La déclaration annuelle, l’attestation ISEE de revenus familiaux et les fiches de paie expliquées.',
			'Щорічна податкова декларація, довідка ISEE про доходи сім’ї та пояснення розрахункових листів.',
			'الإقرار الضريبي السنوي وشهادة ISEE لدخل الأسرة وشرح قسائم الراتب.'
		),
		eligibility: ['adults'],
		apply: ['phone', 'online'],
		hours: ['afternoons', 'saturday'],
		documents: ['id', 'taxCode'],
		cost: ['visit', 0.3]
	},
	// children and families
	{
		key: 'playgroup',
		needs: ['children-families'],
		name: T('Playgroup for parents and toddlers', 'Spazio gioco per genitori e bambini', 'Espacio de juego para familias con niños pequeños', 'Espace jeux parents-enfants', 'Ігрова група для батьків і малюків', 'مجموعة لعب للأهل والأطفال الصغار'),
		description: T(
			'Toys, songs and stories for children under three, and time for parents to meet and ask questions.',
			'Giochi, canzoni e storie per bambini sotto i tre anni, e un momento per i genitori per conoscersi e fare domande.',
			'Juguetes, canciones y cuentos para menores de tres años, y un rato para que las familias se conozcan y pregunten.',
			'Jeux, chansons et histoires pour les moins de trois ans, et un moment pour que les parents se rencontrent et posent leurs questions.',
			'Іграшки, пісні й казки для дітей до трьох років і час для батьків познайомитися та поставити запитання.',
			'ألعاب وأغانٍ وحكايات للأطفال دون الثالثة، ووقت للأهل للتعارف وطرح الأسئلة.'
		),
		eligibility: ['parents'],
		apply: ['walkIn'],
		hours: ['twoMornings', 'oneAfternoon'],
		always: ['free', 'for-children', 'no-permit-needed'],
		age: [0, 3]
	},
	{
		key: 'parenting',
		needs: ['children-families'],
		name: T('Support for parents', 'Sostegno alla genitorialità', 'Apoyo a madres y padres', 'Soutien à la parentalité', 'Підтримка батьків', 'دعم الوالدين'),
		description: T(
			'Talk with a family counsellor about raising children between two cultures, school worries or conflicts at home.',
			'Parla con un consulente familiare di come crescere i figli tra due culture, di preoccupazioni per la scuola o di conflitti in casa.',
			'Habla con un orientador familiar sobre criar a los hijos entre dos culturas, preocupaciones escolares o conflictos en casa.',
			'Parlez avec un conseiller familial de l’éducation des enfants entre deux cultures, des soucis scolaires ou des conflits à la maison.',
			'Поговоріть із сімейним консультантом про виховання дітей між двома культурами, шкільні турботи чи конфлікти вдома.',
			'تحدّث مع مستشار أسري عن تربية الأطفال بين ثقافتين، أو عن مخاوف المدرسة، أو عن الخلافات في المنزل.'
		),
		eligibility: ['parents', 'families'],
		apply: ['phone', 'referral'],
		hours: ['afternoons', 'officeMornings'],
		always: ['free'],
		maybe: [NO_PERMIT, ['interpreter', 0.3]]
	},
	{
		key: 'summer-camp',
		needs: ['children-families', 'community'],
		name: T('Summer day camp for children', 'Centro estivo per bambini', 'Campamento urbano de verano', 'Centre de loisirs d’été', 'Літній табір для дітей', 'مخيم صيفي نهاري للأطفال'),
		description: T(
			'Games, swimming, trips and lunch on weekdays in July, so children keep their Italian over the summer.',
			'Giochi, piscina, gite e pranzo nei giorni feriali di luglio, così i bambini non perdono l’italiano d’estate.',
			'Juegos, piscina, excursiones y comida entre semana en julio, para que los niños no pierdan el italiano en verano.',
			'Jeux, piscine, sorties et repas en semaine en juillet, pour que les enfants gardent leur italien pendant l’été.',
			'Ігри, басейн, екскурсії та обід у будні липня, щоб діти не забували італійську за літо.',
			'ألعاب وسباحة ورحلات وغداء في أيام الأسبوع خلال شهر يوليو، كي لا ينسى الأطفال الإيطالية في الصيف.'
		),
		eligibility: ['pupils', 'families'],
		apply: ['enrol', 'online'],
		hours: ['officeMornings'],
		documents: ['id', 'vaccination'],
		always: ['for-children'],
		cost: ['week', 0.8],
		age: [6, 14]
	},
	// women
	{
		key: 'womens-centre',
		needs: ['women', 'community'],
		name: T('Women’s drop-in centre', 'Spazio donne', 'Espacio de mujeres', 'Accueil de jour pour femmes', 'Жіночий центр', 'مركز استقبال للنساء'),
		description: T(
			'A safe place for women to meet, have coffee, join workshops and get advice, with a corner for small children.',
			'Un luogo sicuro dove le donne si incontrano, prendono un caffè, partecipano a laboratori e ricevono consigli, con un angolo per i bambini.',
			'Un lugar seguro donde las mujeres se reúnen, toman un café, participan en talleres y reciben orientación, con un rincón para los niños.',
			'Un lieu sûr où les femmes se retrouvent, prennent un café, participent à des ateliers et trouvent des conseils, avec un coin pour les petits.',
			'Безпечне місце, де жінки зустрічаються, п’ють каву, відвідують майстер-класи й отримують поради; є куточок для малюків.',
			'مكان آمن تلتقي فيه النساء ويشربن القهوة ويشاركن في ورش عمل ويحصلن على المشورة، مع ركن للأطفال الصغار.'
		),
		eligibility: ['women'],
		apply: ['walkIn'],
		hours: ['twoMornings', 'afternoons'],
		always: ['free', 'women-only', 'no-permit-needed'],
		maybe: [['interpreter', 0.3]]
	},
	{
		key: 'violence-support',
		needs: ['women', 'legal'],
		name: T('Support for women facing violence', 'Sostegno alle donne che subiscono violenza', 'Apoyo a mujeres que sufren violencia', 'Accompagnement des femmes victimes de violences', 'Підтримка жінок, які зазнають насильства', 'دعم النساء المعرّضات للعنف'),
		description: T(
			'Listening, legal advice and a safe place to stay for women and their children. You decide each step; nobody is told without your consent.',
			'Ascolto, consulenza legale e un posto sicuro per le donne e i loro figli. Decidi tu ogni passo; nessuno viene informato senza il tuo consenso.',
			'Escucha, asesoría jurídica y un lugar seguro para las mujeres y sus hijos. Tú decides cada paso; nadie se entera sin tu consentimiento.',
			'Écoute, conseil juridique et un lieu sûr pour les femmes et leurs enfants. Vous décidez de chaque étape ; personne n’est prévenu sans votre accord.',
			'Вислухаємо, дамо юридичну пораду та безпечне житло для жінок і їхніх дітей. Кожен крок вирішуєте ви; без вашої згоди ніхто нічого не дізнається.',
			'استماع واستشارة قانونية ومكان آمن للنساء وأطفالهن. أنتِ تقررين كل خطوة، ولا يُبلَّغ أحد من دون موافقتك.'
		),
		eligibility: ['women'],
		apply: ['anonymous', 'phone', 'walkIn'],
		hours: ['helpline', 'officeLong'],
		always: ['free', 'women-only', 'anonymous', 'no-permit-needed'],
		maybe: [['interpreter', 0.5]]
	},
	// unaccompanied children
	{
		key: 'guardians',
		needs: ['unaccompanied-children'],
		name: T('Volunteer guardians for unaccompanied children', 'Tutori volontari per minori non accompagnati', 'Tutores voluntarios para menores no acompañados', 'Tuteurs bénévoles pour mineurs non accompagnés', 'Волонтери-опікуни для дітей без супроводу', 'أوصياء متطوعون للأطفال غير المصحوبين'),
		description: T(
			'Every child who arrives alone gets a trained volunteer guardian who speaks for them with schools, doctors and courts.',
			'Ogni minore arrivato da solo ha un tutore volontario formato che lo rappresenta con scuole, medici e tribunali.',
			'Cada menor que llega solo tiene un tutor voluntario formado que lo representa ante escuelas, médicos y tribunales.',
			'Chaque enfant arrivé seul a un tuteur bénévole formé qui le représente auprès des écoles, des médecins et des tribunaux.',
			'Кожна дитина, яка приїхала сама, отримує підготовленого волонтера-опікуна, що представляє її у школі, у лікарів і в суді.',
			'يحصل كل طفل يصل وحيدًا على وصيّ متطوع مدرَّب يمثّله أمام المدارس والأطباء والمحاكم.'
		),
		eligibility: ['unaccompanied'],
		apply: ['referral', 'phone'],
		hours: ['officeMornings'],
		always: ['free', 'no-permit-needed', 'for-children'],
		age: [0, 17]
	},
	{
		key: 'leaving-care',
		needs: ['unaccompanied-children', 'housing'],
		name: T('Support after 18 for young people leaving care', 'Accompagnamento dopo i 18 anni', 'Acompañamiento a jóvenes extutelados', 'Accompagnement des jeunes majeurs', 'Супровід молоді після 18 років', 'مرافقة الشباب بعد بلوغ 18 عامًا'),
		description: T(
			'Young people who arrived alone keep a support worker, a room in a shared flat and help with papers and work until 21.',
			'I ragazzi arrivati da soli mantengono un operatore di riferimento, una stanza in un appartamento condiviso e aiuto con documenti e lavoro fino a 21 anni.',
			'Los jóvenes que llegaron solos mantienen un educador de referencia, una habitación en un piso compartido y ayuda con papeles y trabajo hasta los 21.',
			'Les jeunes arrivés seuls gardent un éducateur référent, une chambre en appartement partagé et une aide pour les papiers et le travail jusqu’à 21 ans.',
			'Молодь, яка приїхала сама, зберігає соціального працівника, кімнату в спільній квартирі та допомогу з документами й роботою до 21 року.',
			'يحتفظ الشباب الذين وصلوا وحدهم بمرشد اجتماعي وغرفة في شقة مشتركة ومساعدة في الأوراق والعمل حتى سن 21 عامًا.'
		),
		eligibility: ['unaccompanied', 'young'],
		apply: ['referral'],
		hours: ['officeLong', 'afternoons'],
		documents: ['referral'],
		always: ['free'],
		age: [18, 21]
	},
	// community and leisure
	{
		key: 'community-house',
		needs: ['community'],
		name: T('Neighbourhood house activities', 'Attività della casa di quartiere', 'Actividades de la casa del barrio', 'Activités de la maison de quartier', 'Заходи в будинку кварталу', 'أنشطة بيت الحي'),
		description: T(
			'Workshops, film nights, a shared kitchen and rooms that residents can book for their own activities.',
			'Laboratori, serate di cinema, una cucina condivisa e sale che gli abitanti possono prenotare per le proprie attività.',
			'Talleres, noches de cine, una cocina compartida y salas que los vecinos pueden reservar para sus actividades.',
			'Ateliers, soirées cinéma, une cuisine partagée et des salles que les habitants peuvent réserver pour leurs activités.',
			'Майстер-класи, кіновечори, спільна кухня та приміщення, які мешканці можуть бронювати для своїх заходів.',
			'ورش عمل وأمسيات سينمائية ومطبخ مشترك وقاعات يمكن للسكان حجزها لأنشطتهم.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn'],
		hours: ['afternoons', 'weekend'],
		always: ['free', 'no-permit-needed']
	},
	{
		key: 'sports',
		needs: ['community'],
		name: T('Sport for everyone', 'Sport per tutti', 'Deporte para todos', 'Sport pour tous', 'Спорт для всіх', 'الرياضة للجميع'),
		description: T(
			'Football, volleyball and running sessions open to all, with kit to borrow; a good way to make friends.',
			'Calcio, pallavolo e corsa aperti a tutti, con l’attrezzatura in prestito; un buon modo per fare amicizia.',
			'Fútbol, voleibol y carrera abiertos a todos, con equipación prestada; una buena forma de hacer amigos.',
			'Football, volley et course ouverts à tous, avec du matériel prêté ; une bonne façon de se faire des amis.',
			'Футбол, волейбол і біг для всіх охочих, спорядження можна позичити; гарний спосіб знайти друзів.',
			'كرة القدم والكرة الطائرة والجري مفتوحة للجميع، مع معدات للاستعارة؛ طريقة جيدة لتكوين صداقات.'
		),
		eligibility: ['everyone', 'young'],
		apply: ['walkIn'],
		hours: ['eveningMW', 'weekend', 'saturday'],
		cost: ['term', 0.1],
		maybe: [NO_PERMIT]
	},
	{
		key: 'cultural-events',
		needs: ['community'],
		name: T('Festivals and cultural evenings', 'Feste e serate culturali', 'Fiestas y veladas culturales', 'Fêtes et soirées culturelles', 'Свята та культурні вечори', 'احتفالات وأمسيات ثقافية'),
		description: T(
			'Music, food and stories from many countries, open to the whole neighbourhood; bring a dish if you like.',
			'Musica, cibo e racconti da tanti paesi, aperti a tutto il quartiere; porta un piatto se ti va.',
			'Música, comida e historias de muchos países, abiertas a todo el barrio; trae un plato si quieres.',
			'Musique, cuisine et récits de nombreux pays, ouverts à tout le quartier ; apportez un plat si vous voulez.',
			'Музика, страви й історії з багатьох країн — для всього кварталу; можна принести свою страву.',
			'موسيقى وطعام وحكايات من بلدان كثيرة، مفتوحة للحي كله؛ أحضر طبقًا إن أحببت.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn'],
		hours: ['weekend', 'saturday'],
		always: ['free', 'no-permit-needed']
	},
	{
		key: 'buddy',
		needs: ['community', 'volunteering'],
		name: T('Buddy programme: meet someone local', 'Programma buddy: un amico del posto', 'Programa de acompañamiento: conoce a alguien del barrio', 'Parrainage : rencontrer un habitant', 'Програма «Друг»: знайомство з місцевими', 'برنامج الرفيق: تعرّف إلى أحد السكان'),
		description: T(
			'We match newcomers with a resident who has time to meet, show the city and practise Italian together.',
			'Mettiamo in contatto chi è appena arrivato con un abitante che ha tempo per incontrarsi, mostrare la città e parlare italiano insieme.',
			'Ponemos en contacto a quien acaba de llegar con un vecino que tiene tiempo para quedar, enseñarle la ciudad y practicar italiano.',
			'Nous mettons en relation les nouveaux arrivants avec un habitant qui a du temps pour se voir, faire découvrir la ville et parler italien.',
			'Ми знайомимо новоприбулих із місцевими мешканцями, які мають час зустрічатися, показати місто й разом практикувати італійську.',
			'نعرّف الوافدين الجدد على أحد السكان لديه وقت للقاء، وليريهم المدينة ويتدربوا معًا على الإيطالية.'
		),
		eligibility: ['newcomers', 'volunteers'],
		apply: ['online', 'phone'],
		hours: ['afternoons', 'oneAfternoon'],
		always: ['free', 'no-permit-needed']
	},
	{
		key: 'library',
		needs: ['community', 'education'],
		name: T('Library with books in many languages', 'Biblioteca con libri in tante lingue', 'Biblioteca con libros en muchos idiomas', 'Bibliothèque avec des livres en plusieurs langues', 'Бібліотека з книжками різними мовами', 'مكتبة بكتب بلغات عديدة'),
		description: T(
			'Borrow books, films and newspapers in many languages, use the computers and free Wi-Fi, and join story time for children.',
			'Prendi in prestito libri, film e giornali in tante lingue, usa i computer e il Wi-Fi gratuito e partecipa alle letture per bambini.',
			'Toma prestados libros, películas y periódicos en muchos idiomas, usa los ordenadores y el wifi gratis y ven a los cuentacuentos infantiles.',
			'Empruntez livres, films et journaux en plusieurs langues, utilisez les ordinateurs et le Wi-Fi gratuit, et venez à l’heure du conte pour enfants.',
			'Беріть книжки, фільми й газети різними мовами, користуйтеся комп’ютерами та безкоштовним Wi-Fi, приходьте на читання казок для дітей.',
			'استعر كتبًا وأفلامًا وصحفًا بلغات عديدة، واستخدم الحواسيب والإنترنت اللاسلكي المجاني، وشارك في جلسات الحكايات للأطفال.'
		),
		eligibility: ['everyone'],
		apply: ['walkIn'],
		hours: ['officeLong', 'saturday'],
		documents: ['none', 'id'],
		always: ['free', 'no-permit-needed', 'no-appointment']
	},
	// volunteering
	{
		key: 'volunteer',
		needs: ['volunteering'],
		name: T('Volunteer with us', 'Diventa volontario', 'Hazte voluntario', 'Devenez bénévole', 'Станьте волонтером', 'تطوّع معنا'),
		description: T(
			'Give a few hours a month: sorting food, teaching, accompanying people or helping at events. Newcomers are very welcome as volunteers.',
			'Dedica qualche ora al mese: smistare il cibo, insegnare, accompagnare le persone o aiutare agli eventi. Anche chi è appena arrivato è benvenuto.',
			'Dedica unas horas al mes: clasificar alimentos, enseñar, acompañar a personas o ayudar en eventos. Quien acaba de llegar también es bienvenido.',
			'Donnez quelques heures par mois : trier les denrées, enseigner, accompagner des personnes ou aider aux événements. Les nouveaux arrivants sont les bienvenus.',
			'Приділіть кілька годин на місяць: сортування продуктів, навчання, супровід людей чи допомога на заходах. Новоприбулим теж раді.',
			'خصّص بضع ساعات في الشهر: فرز الطعام أو التدريس أو مرافقة الناس أو المساعدة في الفعاليات. الوافدون الجدد مرحَّب بهم أيضًا.'
		),
		eligibility: ['volunteers'],
		apply: ['online', 'phone', 'walkIn'],
		hours: ['afternoons', 'saturday'],
		always: ['free', 'no-permit-needed']
	},
	// remote
	{
		key: 'helpline',
		needs: ['legal', 'basic-needs'],
		name: T('Multilingual helpline', 'Numero d’aiuto multilingue', 'Línea de ayuda multilingüe', 'Ligne d’aide multilingue', 'Багатомовна гаряча лінія', 'خط مساعدة متعدد اللغات'),
		description: T(
			'Questions about papers, housing, health or work? Call or write: we answer in several languages and tell you where to go.',
			'Domande su documenti, casa, salute o lavoro? Chiama o scrivi: rispondiamo in più lingue e ti diciamo dove andare.',
			'¿Preguntas sobre papeles, vivienda, salud o trabajo? Llama o escribe: respondemos en varios idiomas y te decimos adónde ir.',
			'Des questions sur les papiers, le logement, la santé ou le travail ? Appelez ou écrivez : nous répondons en plusieurs langues et vous orientons.',
			'Питання про документи, житло, здоров’я чи роботу? Телефонуйте або пишіть: відповідаємо кількома мовами й підкажемо, куди звернутися.',
			'لديك أسئلة عن الأوراق أو السكن أو الصحة أو العمل؟ اتصل أو اكتب: نجيب بعدة لغات ونرشدك إلى الجهة المناسبة.'
		),
		eligibility: ['everyone'],
		apply: ['anonymous'],
		hours: ['helpline'],
		always: ['free', 'remote', 'anonymous', 'no-permit-needed', 'no-appointment'],
		maybe: [['interpreter', 0.5]],
		remote: true
	}
];

export const KIND_BY_KEY: ReadonlyMap<string, Kind> = new Map(KINDS.map((k) => [k.key, k]));
