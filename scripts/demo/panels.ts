/**
 * The demo city's validation panels (issue 7), from their own stream of
 * randomness: a pool of 80 people who opted in (their languages follow their
 * own language, with Italian or English often beside it), and two panels run
 * by the integration officer:
 *
 * - "New welcome leaflet": Arabic, Tigrinya, Ukrainian and Farsi speakers; a
 *   closed draft with a picture-choice and a free-text question, answered in
 *   several languages, and its summary published; vouchers recorded.
 * - "Redesigned housing help": people who know the housing services; an open
 *   draft still being answered; some invitations not answered, one declined.
 *
 * Times are UTC instants before the demo's "now".
 */
import type { Rng, DemoUser } from './generate.ts';
import type { PanelText, PanelChoice, PanelTarget } from '../../src/lib/server/db/schema/index.ts';

export const DEMO_POOL = 80;

export interface DemoPoolProfile {
	userId: string;
	languages: string[];
	ageBand: string;
	gender: string | null;
	services: string[];
	consentedAt: string;
}
export interface DemoPanel {
	id: string;
	name: string;
	purpose: string;
	languages: string[];
	targets: PanelTarget[];
	createdBy: string | null;
	createdAt: string;
}
export interface DemoPanelMember {
	id: string;
	panelId: string;
	userId: string;
	status: 'invited' | 'accepted' | 'declined';
	invitedAt: string;
	respondedAt: string | null;
}
export interface DemoPanelDraft {
	id: string;
	panelId: string;
	title: string;
	body: string;
	language: string;
	status: 'open' | 'closed';
	sharedAt: string;
	summary: string | null;
	summaryPublishedAt: string | null;
	closedAt: string | null;
	createdAt: string;
}
export interface DemoPanelQuestion {
	id: string;
	draftId: string;
	position: number;
	kind: 'text' | 'choice';
	text: PanelText;
	choices: PanelChoice[];
}
export interface DemoPanelAnswer {
	id: string;
	questionId: string;
	memberId: string;
	language: string;
	text: string | null;
	choice: string | null;
	at: string;
}
export interface DemoCompensation {
	id: string;
	panelId: string;
	memberId: string;
	amountCents: number;
	currency: string;
	givenOn: string;
	note: string;
}
export interface DemoPanels {
	pool: DemoPoolProfile[];
	panels: DemoPanel[];
	members: DemoPanelMember[];
	drafts: DemoPanelDraft[];
	questions: DemoPanelQuestion[];
	answers: DemoPanelAnswer[];
	compensations: DemoCompensation[];
}

const AGE_BANDS = [['18_24', 3], ['25_34', 5], ['35_49', 4], ['50_64', 2], ['65_plus', 1]] as const;
const GENDERS = [['woman', 10], ['man', 10], ['non_binary', 1], ['prefer_not_to_say', 3]] as const;
const SERVICES = ['housing', 'health', 'legal', 'language-courses', 'work', 'education', 'children-families', 'asylum', 'basic-needs'];
const POOL_LANGUAGES = ['ar', 'ti', 'uk', 'fa', 'fr', 'en', 'es', 'ro', 'pl', 'so', 'ps', 'ur'];

/** Free-text answers about the leaflet, in the language they were written in. */
const LEAFLET_TEXT: Record<string, string[]> = {
	ar: ['أريد رقم هاتف للطوارئ في الصفحة الأولى.', 'الخريطة صغيرة جدًا، لم أجد العنوان.', 'جيد، لكن أضيفوا ساعات الفتح.'],
	ti: ['ቁጽሪ ተሌፎን ይጎድል።', 'እቲ ካርታ ንእሽቶ እዩ።', 'ጽቡቕ እዩ፡ ግን ሰዓታት ስራሕ ወስኹ።'],
	uk: ['Не вистачає номера телефону на першій сторінці.', 'Карта замала, я не знайшла адресу.', 'Добре, але додайте години роботи.'],
	fa: ['شمارهٔ تلفن در صفحهٔ اول نیست.', 'نقشه خیلی کوچک است.', 'خوب است، ولی ساعت کار را اضافه کنید.'],
	en: ['A phone number is missing on the first page.', 'The map is too small to find the address.'],
	fr: ['Il manque un numéro de téléphone en première page.', 'La carte est trop petite.']
};
const HOUSING_TEXT: Record<string, string[]> = {
	ar: ['أحتاج إلى موعد مسائي، أعمل في النهار.', 'اشرحوا ما هي الوثائق المطلوبة.'],
	uk: ['Потрібен запис увечері, бо я працюю вдень.', 'Поясніть, які документи потрібні.'],
	ti: ['ምሸት ቆጸራ የድልየኒ፡ ቀትሪ እሰርሕ።'],
	en: ['Please explain which papers I need to bring.', 'An evening appointment would help.'],
	fr: ['Expliquez quels papiers il faut apporter.']
};

export function generatePanels(rng: Rng, input: { baseDate: string; users: readonly DemoUser[] }): DemoPanels {
	const BASE = Date.parse(input.baseDate);
	const DAY = 86_400_000;
	const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
	const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	const officer = input.users.find((u) => u.platformRole === 'integration_officer');
	const people = input.users.filter((u) => u.platformRole === null && u.email !== null);

	// The pool: people whose own language is one of the panel languages come first, so both panels fill.
	const own = (u: DemoUser) => (u.locale && u.locale !== 'it' ? u.locale : rng.pick(POOL_LANGUAGES));
	const candidates = rng.shuffle(people).slice(0, DEMO_POOL);
	const pool: DemoPoolProfile[] = candidates.map((u) => {
		const first = own(u);
		const languages = [...new Set([first, ...(rng.chance(0.6) ? ['it'] : []), ...(rng.chance(0.4) ? ['en'] : [])])];
		return {
			userId: u.id,
			languages,
			ageBand: rng.weighted(AGE_BANDS),
			gender: rng.weighted(GENDERS),
			services: SERVICES.filter(() => rng.chance(0.25)),
			consentedAt: iso(BASE - rng.int(20, 90) * DAY)
		};
	});
	// At least three speakers of each of the leaflet panel's languages.
	for (const [i, lang] of ['ar', 'ar', 'ar', 'ti', 'ti', 'ti', 'uk', 'uk', 'uk', 'fa', 'fa', 'fa'].entries()) {
		const p = pool[i];
		if (!p.languages.includes(lang)) p.languages = [lang, ...p.languages.filter((l) => l !== lang)];
	}
	for (const p of pool.slice(12, 24)) if (!p.services.includes('housing')) p.services.push('housing');
	// The housing panel hears Ukrainian speakers too.
	for (const p of pool.slice(12, 15)) p.languages = ['uk', ...p.languages.filter((l) => l !== 'uk')];

	const panels: DemoPanel[] = [
		{
			id: rng.uuid(),
			name: 'New welcome leaflet',
			purpose: 'Newcomers check the new welcome leaflet before it is printed in six languages.',
			languages: ['en', 'it', 'ar', 'ti', 'uk', 'fa'],
			targets: [
				{ dimension: 'language', value: 'ar', min: 2 },
				{ dimension: 'language', value: 'ti', min: 2 },
				{ dimension: 'language', value: 'uk', min: 2 },
				{ dimension: 'language', value: 'fa', min: 2 },
				{ dimension: 'gender', value: 'woman', min: 3 },
				{ dimension: 'ageBand', value: '18_24', min: 1 }
			],
			createdBy: officer?.id ?? null,
			createdAt: iso(BASE - 30 * DAY)
		},
		{
			id: rng.uuid(),
			name: 'Redesigned housing help',
			purpose: 'People who used the housing help desk check its new appointment process.',
			languages: ['en', 'it', 'ar', 'uk'],
			targets: [
				{ dimension: 'service', value: 'housing', min: 6 },
				{ dimension: 'ageBand', value: '50_64', min: 1 },
				{ dimension: 'language', value: 'ar', min: 1 }
			],
			createdBy: officer?.id ?? null,
			createdAt: iso(BASE - 12 * DAY)
		}
	];
	const [leaflet, housing] = panels;

	const members: DemoPanelMember[] = [];
	const add = (panel: DemoPanel, p: DemoPoolProfile, status: DemoPanelMember['status'], invitedDaysAgo: number) =>
		members.push({ id: rng.uuid(), panelId: panel.id, userId: p.userId, status, invitedAt: iso(BASE - invitedDaysAgo * DAY), respondedAt: status === 'invited' ? null : iso(BASE - (invitedDaysAgo - 2) * DAY) });
	pool.slice(0, 12).forEach((p, i) => add(leaflet, p, i === 11 ? 'declined' : 'accepted', 28));
	pool.slice(12, 22).forEach((p, i) => add(housing, p, i < 6 ? 'accepted' : i < 9 ? 'invited' : 'declined', 10));

	const drafts: DemoPanelDraft[] = [
		{
			id: rng.uuid(),
			panelId: leaflet.id,
			title: 'The new welcome leaflet (draft 2)',
			body: 'Page 1: where to find help in the first week.\nPage 2: a map of the help desks.\nPage 3: phone numbers for emergencies.',
			language: 'en',
			status: 'closed',
			sharedAt: iso(BASE - 21 * DAY),
			summary: 'Thank you. Most of you found the leaflet clear. You asked for a phone number and opening hours on the first page, and a bigger map: we have added all three before printing.',
			summaryPublishedAt: iso(BASE - 7 * DAY),
			closedAt: iso(BASE - 7 * DAY),
			createdAt: iso(BASE - 22 * DAY)
		},
		{
			id: rng.uuid(),
			panelId: housing.id,
			title: 'Booking a housing help appointment',
			body: 'From January you book an appointment at the housing help desk by phone, online or at the desk, and get a text message the day before.',
			language: 'en',
			status: 'open',
			sharedAt: iso(BASE - 5 * DAY),
			summary: null,
			summaryPublishedAt: null,
			closedAt: null,
			createdAt: iso(BASE - 6 * DAY)
		}
	];
	const yesNo = (langs: string[]): PanelChoice[] => {
		const label = (t: Record<string, string>) => Object.fromEntries(langs.map((l) => [l, t[l]]));
		return [
			{ key: 'c1', pictogram: 'smile', imageId: null, label: label({ en: 'Yes, clear', it: 'Sì, chiaro', ar: 'نعم، واضح', ti: 'እወ፡ ንጹር', uk: 'Так, зрозуміло', fa: 'بله، روشن' }) },
			{ key: 'c2', pictogram: 'neutral', imageId: null, label: label({ en: 'Partly', it: 'In parte', ar: 'جزئيًا', ti: 'ብኸፊል', uk: 'Частково', fa: 'تا حدی' }) },
			{ key: 'c3', pictogram: 'frown', imageId: null, label: label({ en: 'No, not clear', it: 'No, non chiaro', ar: 'لا، غير واضح', ti: 'ኣይፋል፡ ንጹር ኣይኮነን', uk: 'Ні, незрозуміло', fa: 'نه، روشن نیست' }) }
		];
	};
	const text = (langs: string[], t: Record<string, string>) => Object.fromEntries(langs.map((l) => [l, t[l]]));
	const questions: DemoPanelQuestion[] = [
		{ id: rng.uuid(), draftId: drafts[0].id, position: 1, kind: 'choice', text: text(leaflet.languages, { en: 'Is the leaflet easy to understand?', it: 'Il volantino è facile da capire?', ar: 'هل النشرة سهلة الفهم؟', ti: 'እዚ ወረቐት ንምርዳእ ቀሊል ድዩ?', uk: 'Чи зрозуміла листівка?', fa: 'آیا بروشور آسان فهمیده می‌شود؟' }), choices: yesNo(leaflet.languages) },
		{ id: rng.uuid(), draftId: drafts[0].id, position: 2, kind: 'text', text: text(leaflet.languages, { en: 'What is missing?', it: 'Cosa manca?', ar: 'ما الذي ينقص؟', ti: 'እንታይ ጎዲሉ?', uk: 'Чого бракує?', fa: 'چه چیزی کم است؟' }), choices: [] },
		{ id: rng.uuid(), draftId: drafts[1].id, position: 1, kind: 'choice', text: text(housing.languages, { en: 'Is booking this way easy for you?', it: 'Prenotare così è facile per te?', ar: 'هل الحجز بهذه الطريقة سهل عليك؟', uk: 'Чи зручно вам так записуватися?' }), choices: yesNo(housing.languages) },
		{ id: rng.uuid(), draftId: drafts[1].id, position: 2, kind: 'text', text: text(housing.languages, { en: 'What would make it easier?', it: 'Cosa lo renderebbe più facile?', ar: 'ما الذي يجعله أسهل؟', uk: 'Що зробило б це простіше?' }), choices: [] }
	];

	const answers: DemoPanelAnswer[] = [];
	const answerAll = (panel: DemoPanel, draft: DemoPanelDraft, qs: DemoPanelQuestion[], texts: Record<string, string[]>, share: number, shift: number) => {
		for (const mem of members.filter((x) => x.panelId === panel.id && x.status === 'accepted')) {
			if (!rng.chance(share)) continue;
			const p = pool.find((x) => x.userId === mem.userId)!;
			// They answer in the first of their languages the panel's page is in, else in English.
			const language = p.languages.find((l) => panel.languages.includes(l)) ?? 'en';
			const at = iso(Date.parse(draft.sharedAt) + rng.int(1, shift) * DAY);
			answers.push({ id: rng.uuid(), questionId: qs[0].id, memberId: mem.id, language, text: null, choice: rng.weighted([['c1', 6], ['c2', 3], ['c3', 1]] as const), at });
			const pool_ = texts[language] ?? texts.en;
			if (rng.chance(0.8)) answers.push({ id: rng.uuid(), questionId: qs[1].id, memberId: mem.id, language: texts[language] ? language : 'en', text: rng.pick(pool_), choice: null, at });
		}
	};
	answerAll(leaflet, drafts[0], questions.slice(0, 2), LEAFLET_TEXT, 1, 10);
	answerAll(housing, drafts[1], questions.slice(2), HOUSING_TEXT, 0.7, 4);

	const compensations: DemoCompensation[] = members
		.filter((x) => x.panelId === leaflet.id && x.status === 'accepted')
		.map((x) => ({ id: rng.uuid(), panelId: leaflet.id, memberId: x.id, amountCents: 2000, currency: 'EUR', givenOn: ymd(BASE - 7 * DAY), note: 'Supermarket voucher' }));

	return { pool, panels, members, drafts, questions, answers, compensations };
}
