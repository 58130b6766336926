/**
 * The phrases of the demo city's support folders, referrals and
 * guardianship (scripts/demo/support.ts). Everything is invented; no real
 * person, case or place is meant.
 *
 * Workers write in their own language: Italian for most staff, English for
 * the others. A plan goal also has the person's own words, in the person's
 * language where it is one of these (French, Spanish, Ukrainian, Arabic,
 * Persian), else as the worker noted them with an interpreter (English or
 * Italian).
 */
import type { LifeDomain } from '../../src/lib/server/db/schema/index.ts';

/** A phrase in the two languages workers write in. */
export interface Phrase {
	en: string;
	it: string;
}

/** The languages own words are written in (besides en and it). */
export type OwnWordsLocale = 'en' | 'it' | 'fr' | 'es' | 'uk' | 'ar' | 'fa';

export interface DomainTexts {
	/** Goals in the worker's words. */
	goals: readonly Phrase[];
	/** The same kind of goal as people say it, per language. */
	ownWords: Readonly<Record<OwnWordsLocale, readonly string[]>>;
	/** Actions towards a goal of this domain. */
	actions: readonly Phrase[];
}

export const DOMAIN_TEXTS: Readonly<Record<LifeDomain, DomainTexts>> = {
	housing: {
		goals: [
			{ en: 'Move from the night shelter to stable accommodation', it: 'Passare dal dormitorio a un alloggio stabile' },
			{ en: 'Find a room with a regular rental contract', it: 'Trovare una stanza con un contratto d’affitto regolare' },
			{ en: 'Apply for social housing', it: 'Presentare domanda per una casa popolare' }
		],
		ownWords: {
			en: ['I want a place where I can close the door and sleep.', 'A room of my own, with a contract in my name.'],
			it: ['Voglio un posto mio dove dormire tranquillo.', 'Una stanza con il contratto a mio nome.'],
			fr: ['Je veux un endroit à moi pour dormir tranquille.', 'Une chambre avec un contrat à mon nom.'],
			es: ['Quiero un lugar propio donde dormir tranquilo.', 'Una habitación con contrato a mi nombre.'],
			uk: ['Хочу мати своє житло, де можна спокійно спати.', 'Кімнату з договором на моє ім’я.'],
			ar: ['أريد مكانًا خاصًا بي أنام فيه بهدوء.', 'غرفة بعقد إيجار باسمي.'],
			fa: ['می‌خواهم جایی از خودم داشته باشم که آرام بخوابم.', 'یک اتاق با قرارداد به نام خودم.']
		},
		actions: [
			{ en: 'Accompany to the Housing Agency desk to register the application', it: 'Accompagnare allo sportello dell’Agenzia per la casa per registrare la domanda' },
			{ en: 'Collect payslips and ID for the rental application', it: 'Raccogliere buste paga e documento per la domanda d’affitto' },
			{ en: 'Look at three rooms with the housing volunteer', it: 'Visitare tre stanze con il volontario per la casa' },
			{ en: 'Ask the shelter for an extension while the application is pending', it: 'Chiedere al dormitorio una proroga in attesa della risposta' }
		]
	},
	income: {
		goals: [
			{ en: 'Get the income support the person is entitled to', it: 'Ottenere il sostegno al reddito a cui ha diritto' },
			{ en: 'Open a bank account and plan a monthly budget', it: 'Aprire un conto corrente e pianificare un bilancio mensile' },
			{ en: 'Pay off the electricity arrears', it: 'Saldare gli arretrati della bolletta elettrica' }
		],
		ownWords: {
			en: ['I want to pay my bills without asking anyone.', 'Enough money to send something home every month.'],
			it: ['Voglio pagare le bollette senza chiedere a nessuno.', 'Avere abbastanza soldi per arrivare a fine mese.'],
			fr: ['Je veux payer mes factures sans demander à personne.', 'Avoir assez d’argent jusqu’à la fin du mois.'],
			es: ['Quiero pagar mis cuentas sin pedir a nadie.', 'Tener dinero suficiente para llegar a fin de mes.'],
			uk: ['Хочу сама платити рахунки, нікого не просячи.', 'Щоб грошей вистачало до кінця місяця.'],
			ar: ['أريد أن أدفع فواتيري دون أن أطلب من أحد.', 'أن يكفيني المال حتى آخر الشهر.'],
			fa: ['می‌خواهم قبض‌هایم را بدون کمک کسی بپردازم.', 'پول کافی تا آخر ماه داشته باشم.']
		},
		actions: [
			{ en: 'Fill in the income support application together', it: 'Compilare insieme la domanda di sostegno al reddito' },
			{ en: 'Book an appointment at the bank with a mediator', it: 'Prenotare un appuntamento in banca con un mediatore' },
			{ en: 'Agree an instalment plan with the energy supplier', it: 'Concordare una rateizzazione con il fornitore di energia' },
			{ en: 'Go through a month of expenses with the budgeting volunteer', it: 'Rivedere le spese del mese con la volontaria del bilancio familiare' }
		]
	},
	work: {
		goals: [
			{ en: 'Find a first job or traineeship', it: 'Trovare un primo lavoro o un tirocinio' },
			{ en: 'Have previous work experience recognised', it: 'Far riconoscere le esperienze di lavoro precedenti' },
			{ en: 'Get a forklift licence', it: 'Ottenere il patentino per il muletto' }
		],
		ownWords: {
			en: ['I was a tailor for ten years. I want to work with my hands again.', 'Any job, but with a contract.'],
			it: ['Facevo il sarto da dieci anni, voglio tornare a lavorare con le mani.', 'Un lavoro qualsiasi, ma con il contratto.'],
			fr: ['J’étais mécanicien, je veux retrouver un travail.', 'N’importe quel travail, mais déclaré.'],
			es: ['Era cocinera, quiero volver a trabajar en una cocina.', 'Cualquier trabajo, pero con contrato.'],
			uk: ['Я була бухгалтеркою, хочу знову працювати за фахом.', 'Будь-яку роботу, але офіційно.'],
			ar: ['كنت خياطًا عشر سنوات، أريد أن أعمل بيدي من جديد.', 'أي عمل، لكن بعقد.'],
			fa: ['ده سال نجار بودم، می‌خواهم دوباره با دستانم کار کنم.', 'هر کاری، ولی با قرارداد.']
		},
		actions: [
			{ en: 'Write a CV together in Italian', it: 'Scrivere insieme il curriculum in italiano' },
			{ en: 'Register at the Work Mediation Centre for a skills profile', it: 'Iscriversi al Centro di mediazione al lavoro per il bilancio di competenze' },
			{ en: 'Sign up for the next safety-at-work course', it: 'Iscriversi al prossimo corso sulla sicurezza sul lavoro' },
			{ en: 'Prepare for the interview at the bakery', it: 'Prepararsi al colloquio al panificio' }
		]
	},
	language: {
		goals: [
			{ en: 'Reach A2 Italian', it: 'Raggiungere il livello A2 di italiano' },
			{ en: 'Learn to read and write in the Latin alphabet', it: 'Imparare a leggere e scrivere in alfabeto latino' },
			{ en: 'Pass the B1 Italian exam', it: 'Superare l’esame di italiano B1' }
		],
		ownWords: {
			en: ['I want to speak to the doctor without an interpreter.', 'To understand my children’s teachers.'],
			it: ['Voglio parlare con il medico senza interprete.', 'Capire cosa dicono gli insegnanti dei miei figli.'],
			fr: ['Je veux parler au médecin sans interprète.', 'Comprendre les professeurs de mes enfants.'],
			es: ['Quiero hablar con el médico sin intérprete.', 'Entender a los maestros de mis hijos.'],
			uk: ['Хочу говорити з лікарем без перекладача.', 'Розуміти вчителів моїх дітей.'],
			ar: ['أريد أن أتكلم مع الطبيب بدون مترجم.', 'أن أفهم معلمي أولادي.'],
			fa: ['می‌خواهم بدون مترجم با دکتر حرف بزنم.', 'حرف معلم‌های بچه‌هایم را بفهمم.']
		},
		actions: [
			{ en: 'Enrol in the A1 course at the Adult Education Centre', it: 'Iscrizione al corso A1 del Centro per l’educazione degli adulti' },
			{ en: 'Join the weekly conversation club', it: 'Partecipare al club di conversazione settimanale' },
			{ en: 'Book the B1 exam session', it: 'Prenotare la sessione d’esame B1' },
			{ en: 'Find an evening class compatible with work shifts', it: 'Trovare un corso serale compatibile con i turni di lavoro' }
		]
	},
	education: {
		goals: [
			{ en: 'Obtain the lower-secondary diploma', it: 'Conseguire la licenza media' },
			{ en: 'Enrol the children in school', it: 'Iscrivere i figli a scuola' },
			{ en: 'Get the foreign school certificate recognised', it: 'Far riconoscere il titolo di studio estero' }
		],
		ownWords: {
			en: ['I want to finish school and then study nursing.', 'My daughter should go to school like the others.'],
			it: ['Voglio finire la scuola e poi studiare da infermiere.', 'Mia figlia deve andare a scuola come gli altri.'],
			fr: ['Je veux finir l’école puis devenir infirmier.', 'Ma fille doit aller à l’école comme les autres.'],
			es: ['Quiero terminar la escuela y luego estudiar enfermería.', 'Mi hija tiene que ir a la escuela como los demás.'],
			uk: ['Хочу закінчити школу, а потім вчитися на медсестру.', 'Моя донька має ходити до школи, як інші діти.'],
			ar: ['أريد أن أكمل المدرسة ثم أدرس التمريض.', 'ابنتي يجب أن تذهب إلى المدرسة مثل الآخرين.'],
			fa: ['می‌خواهم مدرسه را تمام کنم و بعد پرستاری بخوانم.', 'دخترم باید مثل بقیه به مدرسه برود.']
		},
		actions: [
			{ en: 'Meet the Schools Welcome Office to choose a school', it: 'Incontrare l’Ufficio accoglienza scuole per scegliere l’istituto' },
			{ en: 'Translate and legalise the school certificates', it: 'Tradurre e legalizzare i certificati scolastici' },
			{ en: 'Enrol in the adult diploma course', it: 'Iscriversi al corso per la licenza media per adulti' },
			{ en: 'Arrange after-school homework help', it: 'Organizzare l’aiuto compiti al doposcuola' }
		]
	},
	health: {
		goals: [
			{ en: 'Register with a family doctor', it: 'Iscriversi al servizio sanitario e scegliere il medico di base' },
			{ en: 'Complete the vaccinations', it: 'Completare le vaccinazioni' },
			{ en: 'Get the dental treatment that was postponed', it: 'Fare le cure dentistiche rimandate' }
		],
		ownWords: {
			en: ['I want a doctor who knows me.', 'My tooth has hurt for months.'],
			it: ['Voglio un medico che mi conosca.', 'Il dente mi fa male da mesi.'],
			fr: ['Je veux un médecin qui me connaît.', 'J’ai mal aux dents depuis des mois.'],
			es: ['Quiero un médico que me conozca.', 'Me duele la muela desde hace meses.'],
			uk: ['Хочу мати свого лікаря.', 'Зуб болить уже кілька місяців.'],
			ar: ['أريد طبيبًا يعرفني.', 'ضرسي يؤلمني منذ شهور.'],
			fa: ['می‌خواهم دکتری داشته باشم که مرا بشناسد.', 'ماه‌هاست دندانم درد می‌کند.']
		},
		actions: [
			{ en: 'Accompany to the health registration desk', it: 'Accompagnare allo sportello di iscrizione sanitaria' },
			{ en: 'Book the vaccination appointment at the Open Clinic', it: 'Prenotare la vaccinazione all’Ambulatorio aperto' },
			{ en: 'Book a dental check-up', it: 'Prenotare una visita odontoiatrica' },
			{ en: 'Ask for a cultural mediator for the next visit', it: 'Chiedere un mediatore culturale per la prossima visita' }
		]
	},
	mental_health: {
		goals: [
			{ en: 'Sleep better and have someone to talk to', it: 'Dormire meglio e avere qualcuno con cui parlare' },
			{ en: 'Start counselling in the person’s language', it: 'Iniziare un percorso di ascolto nella propria lingua' },
			{ en: 'Join a peer support group', it: 'Partecipare a un gruppo di auto-mutuo aiuto' }
		],
		ownWords: {
			en: ['I want to sleep through the night.', 'I need someone to talk to who understands.'],
			it: ['Voglio dormire tutta la notte.', 'Ho bisogno di parlare con qualcuno che capisca.'],
			fr: ['Je veux dormir toute la nuit.', 'J’ai besoin de parler à quelqu’un qui comprend.'],
			es: ['Quiero dormir toda la noche.', 'Necesito hablar con alguien que entienda.'],
			uk: ['Хочу спати всю ніч.', 'Мені потрібно з кимось поговорити, хто зрозуміє.'],
			ar: ['أريد أن أنام الليل كله.', 'أحتاج أن أتكلم مع شخص يفهمني.'],
			fa: ['می‌خواهم تمام شب را بخوابم.', 'نیاز دارم با کسی حرف بزنم که مرا بفهمد.']
		},
		actions: [
			{ en: 'First meeting with the psychologist, with an interpreter', it: 'Primo colloquio con la psicologa, con interprete' },
			{ en: 'Introduce to the women’s circle on Thursdays', it: 'Presentare al cerchio delle donne del giovedì' },
			{ en: 'Check in by phone every two weeks', it: 'Sentirsi al telefono ogni due settimane' }
		]
	},
	legal_procedure: {
		goals: [
			{ en: 'Prepare for the asylum interview', it: 'Prepararsi all’audizione in Commissione' },
			{ en: 'Renew the permit before it expires', it: 'Rinnovare il permesso prima della scadenza' },
			{ en: 'Get an identity document from the registry', it: 'Ottenere un documento d’identità dall’anagrafe' }
		],
		ownWords: {
			en: ['I want my papers in order so I can stop being afraid.', 'I need to know what happens next.'],
			it: ['Voglio i documenti in regola per smettere di avere paura.', 'Ho bisogno di sapere cosa succede adesso.'],
			fr: ['Je veux mes papiers en règle pour ne plus avoir peur.', 'J’ai besoin de savoir ce qui va se passer.'],
			es: ['Quiero tener los papeles en regla para no tener miedo.', 'Necesito saber qué pasa ahora.'],
			uk: ['Хочу мати документи в порядку, щоб не боятися.', 'Мені треба знати, що буде далі.'],
			ar: ['أريد أن تكون أوراقي سليمة حتى لا أخاف.', 'أحتاج أن أعرف ماذا سيحدث الآن.'],
			fa: ['می‌خواهم مدارکم درست باشد تا دیگر نترسم.', 'باید بدانم حالا چه می‌شود.']
		},
		actions: [
			{ en: 'Appointment with the legal advice desk', it: 'Appuntamento allo sportello di consulenza legale' },
			{ en: 'Write down the story in the person’s words with an interpreter', it: 'Mettere per iscritto la storia con le sue parole, con interprete' },
			{ en: 'Book the renewal appointment and gather the documents', it: 'Prenotare l’appuntamento per il rinnovo e raccogliere i documenti' },
			{ en: 'Accompany to the Civic Registry Desk', it: 'Accompagnare allo sportello dell’anagrafe' }
		]
	},
	family: {
		goals: [
			{ en: 'Stay in touch with family abroad', it: 'Mantenere i contatti con la famiglia all’estero' },
			{ en: 'Find a nursery place for the youngest child', it: 'Trovare un posto al nido per il figlio più piccolo' },
			{ en: 'Start the family reunification procedure', it: 'Avviare la procedura di ricongiungimento familiare' }
		],
		ownWords: {
			en: ['I want my children here with me.', 'I need time to work while the baby is looked after.'],
			it: ['Voglio i miei figli qui con me.', 'Mi serve tempo per lavorare mentre qualcuno guarda il bambino.'],
			fr: ['Je veux mes enfants ici avec moi.', 'J’ai besoin de temps pour travailler pendant qu’on garde le bébé.'],
			es: ['Quiero a mis hijos aquí conmigo.', 'Necesito tiempo para trabajar mientras cuidan al bebé.'],
			uk: ['Хочу, щоб мої діти були тут зі мною.', 'Мені потрібен час на роботу, поки хтось доглядає малюка.'],
			ar: ['أريد أولادي هنا معي.', 'أحتاج وقتًا للعمل بينما يعتني أحد بالطفل.'],
			fa: ['می‌خواهم بچه‌هایم اینجا پیش من باشند.', 'وقت لازم دارم کار کنم وقتی کسی از بچه مراقبت می‌کند.']
		},
		actions: [
			{ en: 'Meeting with the Family Counselling Centre', it: 'Incontro con il Centro per la famiglia' },
			{ en: 'Gather the documents for family reunification', it: 'Raccogliere i documenti per il ricongiungimento' },
			{ en: 'Apply for a nursery place', it: 'Presentare la domanda per il nido' }
		]
	},
	social_network: {
		goals: [
			{ en: 'Meet people in the neighbourhood', it: 'Conoscere persone nel quartiere' },
			{ en: 'Find a buddy through the buddy programme', it: 'Trovare un buddy con il programma di affiancamento' },
			{ en: 'Volunteer once a week', it: 'Fare volontariato una volta a settimana' }
		],
		ownWords: {
			en: ['I don’t want to spend Sundays alone.', 'I would like to help others the way I was helped.'],
			it: ['Non voglio passare le domeniche da solo.', 'Vorrei aiutare gli altri come hanno aiutato me.'],
			fr: ['Je ne veux plus passer les dimanches seul.', 'J’aimerais aider les autres comme on m’a aidé.'],
			es: ['No quiero pasar los domingos solo.', 'Me gustaría ayudar a otros como me ayudaron a mí.'],
			uk: ['Не хочу проводити неділі сама.', 'Хочу допомагати іншим, як допомогли мені.'],
			ar: ['لا أريد أن أقضي أيام الأحد وحدي.', 'أريد أن أساعد الآخرين كما ساعدوني.'],
			fa: ['نمی‌خواهم یکشنبه‌ها تنها باشم.', 'دوست دارم به دیگران کمک کنم همان‌طور که به من کمک کردند.']
		},
		actions: [
			{ en: 'Introduce to the Neighbourhood House', it: 'Presentare alla Casa di quartiere' },
			{ en: 'Sign up for the buddy programme', it: 'Iscriversi al programma buddy' },
			{ en: 'Try the Sunday football group', it: 'Provare il gruppo di calcio della domenica' }
		]
	},
	daily_life: {
		goals: [
			{ en: 'Manage appointments and letters independently', it: 'Gestire da solo appuntamenti e lettere' },
			{ en: 'Learn to use the city’s online services', it: 'Imparare a usare i servizi online del Comune' },
			{ en: 'Get around the city by bus', it: 'Muoversi in città con l’autobus' }
		],
		ownWords: {
			en: ['I want to read my own letters.', 'I want to go to appointments on my own.'],
			it: ['Voglio leggere da solo le mie lettere.', 'Voglio andare agli appuntamenti da sola.'],
			fr: ['Je veux lire mes lettres moi-même.', 'Je veux aller seul à mes rendez-vous.'],
			es: ['Quiero leer mis cartas yo solo.', 'Quiero ir sola a mis citas.'],
			uk: ['Хочу сама читати свої листи.', 'Хочу самостійно ходити на прийоми.'],
			ar: ['أريد أن أقرأ رسائلي بنفسي.', 'أريد أن أذهب إلى المواعيد وحدي.'],
			fa: ['می‌خواهم نامه‌هایم را خودم بخوانم.', 'می‌خواهم خودم تنها به قرارهایم بروم.']
		},
		actions: [
			{ en: 'Digital skills workshop at the library', it: 'Laboratorio di competenze digitali in biblioteca' },
			{ en: 'Set up the digital identity together', it: 'Attivare insieme l’identità digitale' },
			{ en: 'Get a monthly bus pass', it: 'Fare l’abbonamento mensile dell’autobus' }
		]
	}
};

/** Notes everyone on the team may read. */
export const TEAM_NOTES: readonly Phrase[] = [
	{ en: 'Came to the appointment on time. We reviewed the plan together.', it: 'Puntuale all’appuntamento. Abbiamo rivisto insieme il piano.' },
	{ en: 'Phone call: the housing application was registered.', it: 'Telefonata: la domanda per la casa è stata protocollata.' },
	{ en: 'Missed the appointment; called back and rescheduled for next week.', it: 'Non si è presentato; richiamato e spostato alla settimana prossima.' },
	{ en: 'Started the Italian course. Says the teacher is patient.', it: 'Ha iniziato il corso di italiano. Dice che l’insegnante è paziente.' },
	{ en: 'Brought the payslips for the rental application.', it: 'Ha portato le buste paga per la domanda d’affitto.' },
	{ en: 'Met with the partner organisation to agree who does what.', it: 'Incontro con l’ente partner per concordare chi fa cosa.' },
	{ en: 'The interview at the bakery went well; waiting for an answer.', it: 'Il colloquio al panificio è andato bene; in attesa di risposta.' },
	{ en: 'The children are now enrolled; the school asked for the vaccination record.', it: 'I figli sono iscritti; la scuola chiede il libretto vaccinale.' },
	{ en: 'Interpreter present (Tigrinya). Everything was explained and understood.', it: 'Presente l’interprete (tigrino). Tutto spiegato e compreso.' },
	{ en: 'Received the reply from the registry: the ID card is ready.', it: 'Arrivata la risposta dell’anagrafe: la carta d’identità è pronta.' },
	{ en: 'Reviewed the budget: the arrears are half paid.', it: 'Rivisto il bilancio: gli arretrati sono pagati a metà.' },
	{ en: 'Case discussed at the team meeting; no change to the plan.', it: 'Caso discusso in équipe; nessuna modifica al piano.' },
	{ en: 'Passed the A2 test. Very proud.', it: 'Superato il test A2. Molto orgoglioso.' },
	{ en: 'Asked for help reading a letter from the energy supplier.', it: 'Ha chiesto aiuto per leggere una lettera del fornitore di luce.' }
];

/** Notes only the author's organisation may read. */
export const ORGANISATION_NOTES: readonly Phrase[] = [
	{ en: 'Internal: the voucher budget for this quarter is used up; ask the coordinator.', it: 'Interno: il budget buoni del trimestre è esaurito; chiedere alla coordinatrice.' },
	{ en: 'Internal: the partner’s waiting list is long; follow up with them directly.', it: 'Interno: la lista d’attesa del partner è lunga; sollecitare direttamente.' },
	{ en: 'Internal: agreed with the coordinator to cover the bus pass for two months.', it: 'Interno: concordato con la coordinatrice di coprire l’abbonamento per due mesi.' },
	{ en: 'Internal: volunteer available on Tuesdays to accompany.', it: 'Interno: volontario disponibile il martedì per gli accompagnamenti.' },
	{ en: 'Internal: the landlord’s contact is in the organisation’s address book.', it: 'Interno: il contatto del proprietario è nella rubrica dell’ente.' }
];

/** Notes for the author and the lead worker only. */
export const AUTHOR_NOTES: readonly Phrase[] = [
	{ en: 'Talked about the journey for the first time. Did not push; offered the psychologist again.', it: 'Ha parlato per la prima volta del viaggio. Non ho insistito; riproposto la psicologa.' },
	{ en: 'Mentioned trouble sleeping and nightmares. Agreed to think about counselling.', it: 'Riferisce insonnia e incubi. D’accordo a pensare a un percorso di ascolto.' },
	{ en: 'Disclosed a health condition in confidence; wants it kept out of the team notes.', it: 'Ha confidato un problema di salute; chiede che resti fuori dalle note di équipe.' },
	{ en: 'Worried about a relative abroad. Listened; no action requested.', it: 'Preoccupato per un familiare all’estero. Ascoltato; nessuna azione richiesta.' },
	{ en: 'Tension with the flatmate. Will raise it again next time if it continues.', it: 'Tensioni con il coinquilino. Da riprendere la prossima volta se continua.' }
];

/** Measures: help given, recorded as a note of kind `measure`. */
export const MEASURES: readonly Phrase[] = [
	{ en: 'Emergency food parcel handed over.', it: 'Consegnato pacco alimentare d’emergenza.' },
	{ en: 'Monthly bus pass paid by the organisation.', it: 'Abbonamento mensile dell’autobus pagato dall’ente.' },
	{ en: 'Two nights at the shelter arranged.', it: 'Organizzate due notti in dormitorio.' },
	{ en: 'Winter coat and shoes from the clothes store.', it: 'Cappotto e scarpe invernali dal guardaroba solidale.' },
	{ en: 'Contribution to the electricity bill (one instalment).', it: 'Contributo per la bolletta della luce (una rata).' },
	{ en: 'School books for the children bought.', it: 'Acquistati i libri di scuola per i figli.' },
	{ en: 'Phone top-up to stay reachable for job offers.', it: 'Ricarica telefonica per restare reperibile per le offerte di lavoro.' },
	{ en: 'Interpreter booked for the hospital appointment.', it: 'Prenotato l’interprete per la visita in ospedale.' }
];

export const TASKS: readonly Phrase[] = [
	{ en: 'Call back about the housing application', it: 'Richiamare per la domanda di alloggio' },
	{ en: 'Check that the permit renewal appointment is booked', it: 'Verificare che l’appuntamento per il rinnovo sia prenotato' },
	{ en: 'Send the CV to the Work Mediation Centre', it: 'Inviare il curriculum al Centro di mediazione al lavoro' },
	{ en: 'Remind about the vaccination appointment', it: 'Ricordare l’appuntamento per la vaccinazione' },
	{ en: 'Ask the school for the enrolment confirmation', it: 'Chiedere alla scuola la conferma d’iscrizione' },
	{ en: 'Prepare the documents for the next meeting', it: 'Preparare i documenti per il prossimo incontro' },
	{ en: 'Follow up the referral with the partner', it: 'Sollecitare l’invio presso l’ente partner' },
	{ en: 'Book an interpreter for the next appointment', it: 'Prenotare l’interprete per il prossimo appuntamento' },
	{ en: 'Repeat the needs assessment', it: 'Ripetere la valutazione dei bisogni' },
	{ en: 'Check the instalment plan with the energy supplier', it: 'Verificare la rateizzazione con il fornitore di energia' },
	{ en: 'Collect the ID card at the registry', it: 'Ritirare la carta d’identità all’anagrafe' },
	{ en: 'Update the support plan with the person', it: 'Aggiornare il piano con la persona' }
];

export const ASSESSMENT_COMMENTS: readonly Phrase[] = [
	{ en: 'First assessment, with an interpreter.', it: 'Prima valutazione, con interprete.' },
	{ en: 'Housing is the most urgent need; everything else waits on it.', it: 'La casa è il bisogno più urgente; il resto dipende da questo.' },
	{ en: 'Clear progress on language and work since the last assessment.', it: 'Progressi evidenti su lingua e lavoro dall’ultima valutazione.' },
	{ en: 'A difficult month: lost the job, housing at risk again.', it: 'Un mese difficile: ha perso il lavoro, la casa è di nuovo a rischio.' },
	{ en: 'Stable. Scored together; the person chose the scores for health and family.', it: 'Situazione stabile. Punteggi decisi insieme; salute e famiglia li ha scelti la persona.' },
	{ en: 'Review after six months.', it: 'Verifica dopo sei mesi.' }
];

export const REFERRAL_MESSAGES: readonly Phrase[] = [
	{ en: 'Could you see this person for an intake? Speaks some Italian; an interpreter helps.', it: 'Potete fare un primo colloquio? Parla un po’ di italiano; meglio con interprete.' },
	{ en: 'Referred for the course starting next month. Works mornings.', it: 'Inviato per il corso che inizia il mese prossimo. Lavora la mattina.' },
	{ en: 'Urgent: needs a place to sleep from this week.', it: 'Urgente: ha bisogno di un posto per dormire da questa settimana.' },
	{ en: 'Please contact the lead worker before calling the person.', it: 'Per favore contattate la referente prima di chiamare la persona.' },
	{ en: 'Has an appointment letter but did not understand it; please explain in person.', it: 'Ha ricevuto una lettera di convocazione ma non l’ha capita; spiegatela di persona.' },
	{ en: 'Agreed with the person; they prefer a woman as their contact.', it: 'Concordato con la persona; preferisce una referente donna.' },
	{ en: 'Follow-up of our phone call on Tuesday.', it: 'Come da telefonata di martedì.' },
	{ en: 'Looking for a traineeship in catering.', it: 'Cerca un tirocinio nella ristorazione.' }
];

export const DECLINE_REASONS: readonly Phrase[] = [
	{ en: 'No places left this term; please refer again in January.', it: 'Posti esauriti per questo periodo; reinviare a gennaio.' },
	{ en: 'Outside our area: the person lives in another neighbourhood.', it: 'Fuori zona: la persona abita in un altro quartiere.' },
	{ en: 'The service is for women only.', it: 'Il servizio è riservato alle donne.' },
	{ en: 'The person is over the age limit for this service.', it: 'La persona supera il limite d’età del servizio.' },
	{ en: 'Already followed by another service of ours.', it: 'Già seguito da un altro nostro servizio.' },
	{ en: 'We cannot offer the language needed at the moment.', it: 'Al momento non possiamo offrire la lingua richiesta.' }
];

export const OUTCOMES: readonly Phrase[] = [
	{ en: 'Completed the course and passed the A1 test.', it: 'Corso completato e test A1 superato.' },
	{ en: 'Housed in a shared flat from the first of the month.', it: 'Inserito in un appartamento condiviso dal primo del mese.' },
	{ en: 'Traineeship finished; offered a six-month contract.', it: 'Tirocinio concluso; offerto un contratto di sei mesi.' },
	{ en: 'Registered with a family doctor; vaccinations up to date.', it: 'Iscritto al medico di base; vaccinazioni in regola.' },
	{ en: 'Legal advice given; the appeal was lodged in time.', it: 'Consulenza legale fornita; ricorso depositato nei termini.' },
	{ en: 'Eight counselling sessions; the person feels much better.', it: 'Otto colloqui di sostegno; la persona sta molto meglio.' },
	{ en: 'Food parcels every two weeks for three months.', it: 'Pacchi alimentari ogni due settimane per tre mesi.' },
	{ en: 'Children enrolled and attending school.', it: 'Figli iscritti e frequentanti.' }
];

export const CLOSE_REASONS: readonly Phrase[] = [
	{ en: 'The person moved to another city.', it: 'La persona si è trasferita in un’altra città.' },
	{ en: 'No longer needed: the person found a solution themselves.', it: 'Non più necessario: la persona ha trovato una soluzione da sola.' },
	{ en: 'The person did not come to three appointments.', it: 'La persona non si è presentata a tre appuntamenti.' },
	{ en: 'Sent to the wrong service; referred elsewhere.', it: 'Inviato al servizio sbagliato; reindirizzato altrove.' },
	{ en: 'The person asked to stop.', it: 'La persona ha chiesto di interrompere.' }
];

/** When a `share` consent is withdrawn, what is still open with that organisation is closed. */
export const CLOSED_ON_WITHDRAWAL: Phrase = {
	en: 'Closed: the person withdrew consent to share with this organisation.',
	it: 'Chiuso: la persona ha revocato il consenso alla condivisione con questo ente.'
};

export const WITHDRAWAL_REASONS: readonly Phrase[] = [
	{ en: 'The person no longer wants this organisation involved.', it: 'La persona non vuole più coinvolgere questo ente.' },
	{ en: 'Asked in person to withdraw, with an interpreter.', it: 'Ha chiesto di persona la revoca, con interprete.' },
	{ en: 'The person moved away and asked us to stop.', it: 'La persona si è trasferita e ha chiesto di interrompere.' },
	{ en: 'Withdrawn in writing by the person.', it: 'Revoca per iscritto da parte della persona.' }
];

export const VISIT_SUMMARIES: readonly Phrase[] = [
	{ en: 'Visit at the community: doing well at school, asked about football.', it: 'Visita in comunità: va bene a scuola, ha chiesto del calcio.' },
	{ en: 'Met at the café. Worried about the permit interview; we went through it.', it: 'Incontro al bar. Preoccupato per l’audizione; l’abbiamo ripassata insieme.' },
	{ en: 'Talked with the educators: settling in, makes friends slowly.', it: 'Parlato con gli educatori: si sta ambientando, fa amicizia piano piano.' },
	{ en: 'Went together to the school meeting; teachers are positive.', it: 'Andati insieme al colloquio a scuola; insegnanti positivi.' },
	{ en: 'Short visit: tired after exams, but fine.', it: 'Visita breve: stanco dopo gli esami, ma sta bene.' },
	{ en: 'Signed the consent for the school trip.', it: 'Firmato il consenso per la gita scolastica.' },
	{ en: 'Accompanied to the health district for the check-up.', it: 'Accompagnato al distretto sanitario per la visita.' },
	{ en: 'Phone call with the family abroad, with an interpreter.', it: 'Videochiamata con la famiglia all’estero, con interprete.' }
];

export const VISIT_CONCERNS: readonly Phrase[] = [
	{ en: 'Seems withdrawn and skipped school twice. Told the community’s educators.', it: 'Sembra chiuso e ha saltato la scuola due volte. Informati gli educatori.' },
	{ en: 'Says older boys ask him for money. Reported to the office.', it: 'Riferisce che ragazzi più grandi gli chiedono soldi. Segnalato all’ufficio.' }
];

export const REPORT_SUMMARIES: readonly Phrase[] = [
	{ en: 'Quarterly report to the court: school, health and wishes of the child.', it: 'Relazione trimestrale al tribunale: scuola, salute e desideri del minore.' },
	{ en: 'Report on the asylum procedure and the child’s views.', it: 'Relazione sulla procedura di asilo e sul parere del minore.' },
	{ en: 'Six-month report; no concerns.', it: 'Relazione semestrale; nessuna criticità.' }
];

export const TRANSITION_PLANS: readonly Phrase[] = [
	{ en: 'Continued support until 21 ("prosieguo amministrativo") requested; semi-independent flat; vocational course in catering.', it: 'Richiesto il prosieguo amministrativo fino a 21 anni; appartamento di semi-autonomia; corso professionale di ristorazione.' },
	{ en: 'Apprenticeship at the shipyard from September; room in a shared flat with two former guardians’ wards.', it: 'Apprendistato al cantiere da settembre; stanza in appartamento condiviso con altri due ragazzi.' },
	{ en: 'Finishes the diploma in June; permit for study; the guardian stays as mentor.', it: 'Diploma a giugno; permesso per studio; il tutore resta come mentore.' },
	{ en: 'Moves to the youth housing project; job counselling at the Work Mediation Centre.', it: 'Trasferimento nel progetto di housing giovanile; orientamento al lavoro al Centro di mediazione.' }
];

export const GUARDIANSHIP_ENDINGS: readonly Phrase[] = [
	{ en: 'The guardian withdrew for personal reasons.', it: 'Il tutore ha rinunciato per motivi personali.' },
	{ en: 'The guardian moved away; a new guardian was appointed.', it: 'Il tutore si è trasferito; nominato un nuovo tutore.' },
	{ en: 'Suspended while the certificate is renewed.', it: 'Sospeso in attesa del rinnovo del certificato.' }
];
