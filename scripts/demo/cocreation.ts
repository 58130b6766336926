/**
 * The demo city's co-creation (issue 7), from its own stream of randomness:
 * three calls for ideas in different phases (one open for ideas, one in
 * review with a jury scoring, one with its results out and two pilots
 * running), 150 ideas in many languages with threads of comments, official
 * answers and supports, and a little moderation: one comment hidden with its
 * reason, one idea reported and waiting, one flagged by the word list.
 *
 * The featured newcomer (newcomer@portavera.example) sent an idea, in Arabic,
 * to the open call; the featured resident (resident@portavera.example) sits
 * on the jury of the call in review with the integration officer.
 */
import type { Rng, DemoUser } from './generate.ts';
import { zonedInstant, addDays as addYmd } from '../../src/lib/directory/hours.ts';
import type { CallAudience, IdeaStatus, PilotStatus } from '../../src/lib/server/db/schema/index.ts';

export const DEMO_IDEAS = 150;
const TZ = 'Europe/Rome';

export interface DemoCall {
	id: string;
	title: string;
	question: string;
	rules: string;
	language: string;
	translations: Record<string, { title: string; question: string; rules: string }>;
	audience: CallAudience;
	opensAt: string;
	reviewAt: string;
	selectionAt: string;
	resultsAt: string;
	followUpAt: string;
	publishedAt: string;
	resultsPublishedAt: string | null;
	createdBy: string;
}
export interface DemoIdea {
	id: string;
	callId: string;
	title: string;
	description: string;
	language: string;
	neighbourhoodId: string | null;
	authorId: string;
	organisationId: string | null;
	anonymous: boolean;
	status: IdeaStatus;
	resultReason: string | null;
	supportCount: number;
	commentCount: number;
	flaggedTerms: string[];
	hiddenAt: string | null;
	hiddenReason: string | null;
	createdAt: string;
}
export interface DemoComment {
	id: string;
	ideaId: string;
	parentId: string | null;
	authorId: string;
	body: string;
	language: string;
	official: boolean;
	hiddenAt: string | null;
	hiddenReason: string | null;
	createdAt: string;
}
export interface DemoCocreation {
	calls: DemoCall[];
	criteria: { id: string; callId: string; name: string; description: string; weight: number; position: number }[];
	jurors: { callId: string; userId: string }[];
	ideas: DemoIdea[];
	supports: { ideaId: string; userId: string; createdAt: string }[];
	comments: DemoComment[];
	scores: { ideaId: string; criterionId: string; jurorId: string; score: number; note: string }[];
	conflicts: { ideaId: string; jurorId: string; reason: string }[];
	pilots: { id: string; ideaId: string; title: string; summary: string; organisationId: string | null; status: PilotStatus; createdAt: string }[];
	pilotUpdates: { id: string; pilotId: string; status: PilotStatus; body: string; authorId: string; createdAt: string }[];
	reports: { id: string; subjectType: 'idea' | 'comment'; subjectId: string; reporterId: string; reason: string; note: string; createdAt: string; resolvedAt: string | null }[];
	decisions: { id: string; subjectType: 'idea' | 'comment'; subjectId: string; action: 'hide'; reason: string; moderatorId: string; createdAt: string }[];
}

export interface CocreationInput {
	baseDate: string;
	neighbourhoods: readonly { id: string; name: string }[];
	organisations: readonly { id: string; slug: string; verification: string; type: string }[];
	users: readonly DemoUser[];
	memberships: readonly { organisationId: string; userId: string; role: string }[];
}

/** Ideas people send, in the language they wrote them in. */
const IDEAS: readonly { lang: string; title: string; text: string }[] = [
	{ lang: 'it', title: 'Doposcuola in biblioteca il sabato', text: 'Ragazzi delle superiori aiutano i bambini arrivati da poco con i compiti, e intanto imparano loro stessi a insegnare.' },
	{ lang: 'en', title: 'Welcome walks for new families', text: 'Once a month a neighbour shows new families the market, the clinic, the school and the bus stops, in their language if possible.' },
	{ lang: 'ar', title: 'مطبخ مشترك في الحي', text: 'مكان نطبخ فيه معًا أطباقًا من بلداننا مرة في الأسبوع، ونتعرف على الجيران ونتبادل الوصفات.' },
	{ lang: 'uk', title: 'Розмовний клуб італійської для мам', text: 'Зустрічі в парку, поки діти граються: практика мови без підручників і без страху помилок.' },
	{ lang: 'fr', title: 'Une boîte à outils partagée', text: 'Prêter des outils entre voisins : perceuse, échelle, machine à coudre. Un local de la maison de quartier suffirait.' },
	{ lang: 'ti', title: 'ናይ ቋንቋ ምትሕግጋዝ ኣብ ቤት መጻሕፍቲ', text: 'ሓደስቲ መጻእቲ ምስ ነበርቲ ተራኺቦም ቋንቋ ዝለማመድሉ ሰሙናዊ ኣኼባ።' },
	{ lang: 'fa', title: 'باغچه مشترک برای همه', text: 'یک باغچه کوچک در حیاط مدرسه که خانواده‌های تازه‌وارد و ساکنان با هم در آن کار کنند.' },
	{ lang: 'es', title: 'Cine de barrio con subtítulos', text: 'Una película al mes en la plaza, con subtítulos en varios idiomas y una charla después.' },
	{ lang: 'it', title: 'Sportello di quartiere senza appuntamento', text: 'Un pomeriggio a settimana qualcuno del Comune è nella casa di quartiere per rispondere a domande su casa, scuola e salute.' },
	{ lang: 'en', title: 'Free repair café', text: 'Volunteers fix bicycles, phones and clothes together with the owners, so people learn to repair things themselves.' },
	{ lang: 'ar', title: 'دروس سباحة للنساء', text: 'ساعات خاصة للنساء في المسبح البلدي مع مدربة، لأن كثيرات منا لم يتعلمن السباحة أبدًا.' },
	{ lang: 'uk', title: 'Футбольна ліга для підлітків', text: 'Змішані команди з різних районів, тренування двічі на тиждень, турнір наприкінці літа.' },
	{ lang: 'it', title: 'Mappa dei luoghi gratuiti', text: 'Una mappa di carta e online con fontanelle, bagni, wi-fi gratuito, biblioteche e parchi, in tante lingue.' },
	{ lang: 'en', title: 'Night bus to the hospital', text: 'People who work night shifts or need the emergency room have no bus after midnight from the harbour area.' },
	{ lang: 'fr', title: 'Ateliers CV et entretien', text: 'Des bénévoles aident à écrire un CV et à se préparer à un entretien, avec des simulations.' },
	{ lang: 'ro', title: 'Grădiniță de vară în cartier', text: 'O tabără de zi pentru copii în iulie, cu jocuri și limba italiană, pentru părinții care lucrează.' },
	{ lang: 'pl', title: 'Wymiana ubrań dla dzieci', text: 'Raz w miesiącu rodzice wymieniają się ubraniami, z których dzieci wyrosły.' },
	{ lang: 'el', title: 'Μαθήματα ποδηλάτου για ενήλικες', text: 'Πολλοί ενήλικες δεν έμαθαν ποτέ ποδήλατο· εθελοντές θα μπορούσαν να τους μάθουν στο πάρκο.' },
	{ lang: 'de', title: 'Nachbarschaftschor', text: 'Ein Chor mit Liedern aus allen Ländern der Nachbarschaft, ohne Noten, für alle Stimmen.' },
	{ lang: 'it', title: 'Bacheca di lavoretti', text: 'Una bacheca dove i vicini cercano aiuto per traslochi, giardino o pulizie, pagando il giusto.' },
	{ lang: 'en', title: 'Quiet study room in the evening', text: 'Many teenagers share a room with siblings; a quiet room open until 21:00 would help them study.' },
	{ lang: 'ar', title: 'مترجمون متطوعون في المستوصف', text: 'متطوعون يتكلمون العربية والتغرينية والفارسية يرافقون المرضى إلى المواعيد الطبية.' },
	{ lang: 'uk', title: 'Обмін книжками різними мовами', text: 'Полиці в бібліотеці з книжками українською, арабською, тигринья — беремо і приносимо.' },
	{ lang: 'es', title: 'Huerto escolar con las familias', text: 'Las familias cuidan el huerto del colegio los fines de semana y los niños aprenden de dónde viene la comida.' },
	{ lang: 'fa', title: 'کلاس کامپیوتر برای بزرگسالان', text: 'یاد گرفتن ایمیل، فرم‌های آنلاین و تماس تصویری برای کسانی که هرگز کامپیوتر نداشته‌اند.' },
	{ lang: 'ti', title: 'ናይ ኣዴታት ጉጅለ ምትሕግጋዝ', text: 'ኣዴታት ሓደስቲ ቆልዑ ዘለዉወን ሰሙናዊ ዝራኸባሉን ዝተሓጋገዛሉን ቦታ።' },
	{ lang: 'it', title: 'Panchine e ombra in piazza', text: 'La piazza del mercato non ha ombra: alberi e panchine renderebbero possibile incontrarsi d’estate.' },
	{ lang: 'en', title: 'Mentors for young job seekers', text: 'Retired professionals meet young newcomers once a month to talk about work, studies and contacts.' },
	{ lang: 'fr', title: 'Fête des voisins multilingue', text: 'Une grande table dans la rue, chacun apporte un plat, et des jeux pour les enfants.' },
	{ lang: 'it', title: 'Corso di bici per bambini', text: 'Insegnare ai bambini ad andare in bici in sicurezza nel cortile della scuola, con bici prestate.' }
];

const COMMENTS: readonly { lang: string; text: string }[] = [
	{ lang: 'it', text: 'Bellissima idea, posso aiutare il sabato mattina.' },
	{ lang: 'en', text: 'I would come with my children. Where would it be?' },
	{ lang: 'ar', text: 'فكرة رائعة، أستطيع المساعدة في الترجمة.' },
	{ lang: 'uk', text: 'Чудова ідея! Я можу допомогти з організацією.' },
	{ lang: 'fr', text: 'Il faudrait penser aux horaires pour les parents qui travaillent.' },
	{ lang: 'it', text: 'La casa di quartiere ha una stanza libera il giovedì.' },
	{ lang: 'en', text: 'Something similar worked well in my old city.' },
	{ lang: 'es', text: 'Me apunto. ¿Hace falta inscribirse?' },
	{ lang: 'fa', text: 'من هم می‌خواهم شرکت کنم.' },
	{ lang: 'ti', text: 'ጽቡቕ ሓሳብ እዩ፡ ክሕግዝ እኽእል እየ።' }
];
const REPLIES: readonly { lang: string; text: string }[] = [
	{ lang: 'en', text: 'Thank you! We could start in the spring.' },
	{ lang: 'it', text: 'Grazie, ci sentiamo alla prossima assemblea.' },
	{ lang: 'ar', text: 'شكرًا لك، سنتواصل قريبًا.' },
	{ lang: 'uk', text: 'Дякую, напишу вам!' }
];
const OFFICIAL = 'Thank you for this idea. The city’s team has talked to the neighbourhood house: a room is free on Thursdays. We will say more when the review is over.';

type CallPlan = { title: string; question: string; rules: string; it: { title: string; question: string; rules: string }; audience: CallAudience; ideas: number; days: [number, number, number, number, number]; results: boolean };
const CALLS: readonly CallPlan[] = [
	{
		title: 'A warmer welcome in every neighbourhood',
		question: 'What would help newcomers and neighbours meet, help each other and feel at home?',
		rules: 'Anyone may send ideas, in any language; organisations and informal groups too. Ideas are supported by residents and judged by a jury that includes people who arrived recently. Up to five ideas become pilots with a budget of €5,000 each.',
		it: { title: 'Un’accoglienza più calda in ogni quartiere', question: 'Cosa aiuterebbe nuovi arrivati e vicini a incontrarsi, aiutarsi e sentirsi a casa?', rules: 'Chiunque può inviare idee, in qualsiasi lingua; anche organizzazioni e gruppi informali. Fino a cinque idee diventano progetti pilota con 5.000 € ciascuna.' },
		audience: 'anyone',
		ideas: 80,
		days: [-20, 60, 75, 90, 120],
		results: false
	},
	{
		title: 'Sport and play for young people',
		question: 'How can young people who just arrived play sport with young people who grew up here?',
		rules: 'For residents, in their own name. A jury of coaches, young people and city staff scores each idea on impact and feasibility.',
		it: { title: 'Sport e gioco per i giovani', question: 'Come possono i giovani appena arrivati fare sport con chi è cresciuto qui?', rules: 'Per residenti, a nome proprio. Una giuria di allenatori, giovani e personale del Comune valuta ogni idea.' },
		audience: 'residents',
		ideas: 40,
		days: [-60, -10, 50, 65, 95],
		results: false
	},
	{
		title: 'Language support for families',
		question: 'How can families learn Italian together, and keep their own languages too?',
		rules: 'For organisations and groups, small and new ones too: no documents needed. Three ideas were selected and are now pilots.',
		it: { title: 'Sostegno linguistico per le famiglie', question: 'Come possono le famiglie imparare l’italiano insieme, mantenendo anche le proprie lingue?', rules: 'Per organizzazioni e gruppi, anche piccoli e nuovi: nessun documento richiesto. Tre idee sono state selezionate e sono ora progetti pilota.' },
		audience: 'organisations',
		ideas: 30,
		days: [-180, -140, -120, -100, -60],
		results: true
	}
];

export function generateCocreation(rng: Rng, input: CocreationInput): DemoCocreation {
	const BASE = Date.parse(input.baseDate);
	const baseYmd = input.baseDate.slice(0, 10);
	const DAY = 86_400_000;
	const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
	const at = (days: number) => zonedInstant(addYmd(baseYmd, days), 0, TZ).toISOString();
	const people = input.users.filter((u) => u.platformRole === null && u.email !== null);
	const officer = input.users.find((u) => u.platformRole === 'integration_officer')!;
	const admin = input.users.find((u) => u.platformRole === 'admin')!;
	const featuredNewcomer = input.users.find((u) => u.email === 'newcomer@portavera.example');
	const featuredResident = input.users.find((u) => u.email === 'resident@portavera.example');
	const orgMembers = new Map<string, string[]>();
	for (const mm of input.memberships) (orgMembers.get(mm.organisationId) ?? orgMembers.set(mm.organisationId, []).get(mm.organisationId)!).push(mm.userId);
	const smallOrgs = input.organisations.filter((o) => orgMembers.has(o.id) && (o.type === 'migrant_association' || o.type === 'informal_group' || o.type === 'ngo'));

	const out: DemoCocreation = { calls: [], criteria: [], jurors: [], ideas: [], supports: [], comments: [], scores: [], conflicts: [], pilots: [], pilotUpdates: [], reports: [], decisions: [] };
	let template = 0;
	for (const plan of CALLS) {
		const [o, r, s, res, f] = plan.days;
		const call: DemoCall = {
			id: rng.uuid(),
			title: plan.title,
			question: plan.question,
			rules: plan.rules,
			language: 'en',
			translations: { it: plan.it },
			audience: plan.audience,
			opensAt: at(o),
			reviewAt: at(r),
			selectionAt: at(s),
			resultsAt: at(res),
			followUpAt: at(f),
			publishedAt: at(o - 7),
			resultsPublishedAt: plan.results ? at(res + 2) : null,
			createdBy: officer.id
		};
		out.calls.push(call);
		const criteria = [
			{ name: 'Impact on people who arrived recently', description: 'How many, and how much it changes for them.', weight: 3 },
			{ name: 'Can be done in a year', description: 'Places, people and money exist or can be found.', weight: 2 },
			{ name: 'Brings people together', description: 'Newcomers and residents do it side by side.', weight: 2 }
		].map((c, position) => ({ id: rng.uuid(), callId: call.id, ...c, position }));
		out.criteria.push(...criteria);
		const jury = [officer, ...(featuredResident ? [featuredResident] : []), ...rng.shuffle(people).slice(0, 3)];
		for (const j of jury) out.jurors.push({ callId: call.id, userId: j.id });

		const opens = Date.parse(call.opensAt);
		const closes = Math.min(Date.parse(call.reviewAt), BASE);
		for (let k = 0; k < plan.ideas; k++) {
			const t = IDEAS[template++ % IDEAS.length];
			const nb = rng.chance(0.8) ? rng.pick(input.neighbourhoods) : null;
			let authorId = rng.pick(people).id;
			let organisationId: string | null = null;
			if (plan.audience === 'organisations' || (plan.audience === 'anyone' && rng.chance(0.2))) {
				const org = rng.pick(smallOrgs);
				organisationId = org.id;
				authorId = rng.pick(orgMembers.get(org.id)!);
			}
			const featured = k === 0 && plan.audience === 'anyone' && featuredNewcomer;
			const idea: DemoIdea = {
				id: rng.uuid(),
				callId: call.id,
				title: featured ? 'مطبخ مشترك في الحي' : nb ? `${t.title} · ${nb.name}` : t.title,
				description: featured ? 'مكان نطبخ فيه معًا مرة في الأسبوع، ونتعرف على الجيران. يمكن أن يكون في بيت الحي.' : t.text,
				language: featured ? 'ar' : t.lang,
				neighbourhoodId: nb?.id ?? null,
				authorId: featured ? featuredNewcomer.id : authorId,
				organisationId: featured ? null : organisationId,
				anonymous: !featured && organisationId === null && rng.chance(0.15),
				status: 'submitted',
				resultReason: null,
				supportCount: 0,
				commentCount: 0,
				flaggedTerms: [],
				hiddenAt: null,
				hiddenReason: null,
				createdAt: iso(opens + rng.next() * (closes - opens) * 0.9)
			};
			out.ideas.push(idea);
			// Supports: a long tail, a few popular ideas.
			const n = Math.floor(Math.pow(rng.next(), 3) * 120) + (featured ? 25 : 0);
			const created = Date.parse(idea.createdAt);
			for (const u of rng.shuffle(people).slice(0, n)) {
				if (u.id === idea.authorId) continue;
				out.supports.push({ ideaId: idea.id, userId: u.id, createdAt: iso(created + rng.next() * Math.max(DAY, closes - created)) });
				idea.supportCount++;
			}
			// A thread or two, sometimes with replies.
			const threads = rng.int(0, featured ? 3 : 2);
			for (let th = 0; th < threads; th++) {
				const c = rng.pick(COMMENTS);
				const top: DemoComment = { id: rng.uuid(), ideaId: idea.id, parentId: null, authorId: rng.pick(people).id, body: c.text, language: c.lang, official: false, hiddenAt: null, hiddenReason: null, createdAt: iso(created + (th + 1) * 3 * 3_600_000) };
				out.comments.push(top);
				if (rng.chance(0.5)) {
					const rr = rng.pick(REPLIES);
					out.comments.push({ id: rng.uuid(), ideaId: idea.id, parentId: top.id, authorId: idea.authorId, body: rr.text, language: rr.lang, official: false, hiddenAt: null, hiddenReason: null, createdAt: iso(Date.parse(top.createdAt) + 5 * 3_600_000) });
				}
			}
			if (featured || rng.chance(0.08)) {
				out.comments.push({ id: rng.uuid(), ideaId: idea.id, parentId: null, authorId: officer.id, body: OFFICIAL, language: 'en', official: true, hiddenAt: null, hiddenReason: null, createdAt: iso(created + 2 * DAY) });
			}
			idea.commentCount = out.comments.filter((c) => c.ideaId === idea.id).length;
		}

		// The jury's scores: the call in review is half scored; the one with results fully.
		const callIdeas = out.ideas.filter((i) => i.callId === call.id);
		if (Date.parse(call.reviewAt) < BASE) {
			for (const idea of callIdeas) {
				for (const j of jury) {
					if (j.id === idea.authorId) continue;
					if (!plan.results && rng.chance(0.5)) continue;
					const quality = rng.next();
					for (const c of criteria) out.scores.push({ ideaId: idea.id, criterionId: c.id, jurorId: j.id, score: Math.max(0, Math.min(10, Math.round(3 + quality * 6 + rng.int(-1, 1)))), note: '' });
				}
			}
			const conflicted = callIdeas[1];
			const juror = jury[jury.length - 1];
			out.scores = out.scores.filter((x) => !(x.ideaId === conflicted.id && x.jurorId === juror.id));
			out.conflicts.push({ ideaId: conflicted.id, jurorId: juror.id, reason: 'The idea comes from the association where I volunteer.' });
		}
		if (plan.results) {
			const ranked = [...callIdeas].sort((a, b) => b.supportCount - a.supportCount);
			ranked.forEach((idea, k) => {
				idea.status = k < 3 ? 'selected' : 'not_selected';
				idea.resultReason =
					k < 3
						? 'Strong support from families and a partner ready to host it; the jury scored it among the highest.'
						: 'Many good ideas came in and the budget allowed three. The jury liked the idea; we suggest sending it again next year with a partner school.';
			});
			ranked.slice(0, 2).forEach((idea, k) => {
				const pilot = { id: rng.uuid(), ideaId: idea.id, title: idea.title, summary: 'Weekly sessions for parents and children together, in two neighbourhood houses, with volunteers who speak the families’ languages.', organisationId: idea.organisationId, status: (k === 0 ? 'running' : 'planned') as PilotStatus, createdAt: at(res + 10) };
				out.pilots.push(pilot);
				out.pilotUpdates.push({ id: rng.uuid(), pilotId: pilot.id, status: 'planned', body: 'The pilot is agreed with the neighbourhood house; volunteers are being trained.', authorId: officer.id, createdAt: at(res + 12) });
				if (k === 0) out.pilotUpdates.push({ id: rng.uuid(), pilotId: pilot.id, status: 'running', body: 'First sessions held: 23 parents and 31 children came, speaking seven languages.', authorId: officer.id, createdAt: at(res + 40) });
			});
		}
	}

	// A little moderation in the open call: a hidden comment, a reported idea, a flagged one.
	const open = out.ideas.filter((i) => i.callId === out.calls[0].id);
	const rude: DemoComment = { id: rng.uuid(), ideaId: open[2].id, parentId: null, authorId: rng.pick(people).id, body: 'These people should go back where they came from.', language: 'en', official: false, hiddenAt: iso(BASE - 2 * DAY), hiddenReason: 'Hate speech is not allowed here; everyone is welcome in this conversation.', createdAt: iso(BASE - 3 * DAY) };
	out.comments.push(rude);
	open[2].commentCount++;
	out.reports.push({ id: rng.uuid(), subjectType: 'comment', subjectId: rude.id, reporterId: rng.pick(people).id, reason: 'hate', note: '', createdAt: iso(BASE - 3 * DAY + 3_600_000), resolvedAt: iso(BASE - 2 * DAY) });
	out.decisions.push({ id: rng.uuid(), subjectType: 'comment', subjectId: rude.id, action: 'hide', reason: rude.hiddenReason!, moderatorId: admin.id, createdAt: iso(BASE - 2 * DAY) });
	out.reports.push({ id: rng.uuid(), subjectType: 'idea', subjectId: open[5].id, reporterId: rng.pick(people).id, reason: 'personal_data', note: 'I think this shows a private phone number.', createdAt: iso(BASE - DAY), resolvedAt: null });
	const flagged = open[7];
	flagged.title = 'Stop the parasites who sell fake tickets at the station';
	flagged.language = 'en';
	flagged.flaggedTerms = ['parasites'];
	return out;
}
