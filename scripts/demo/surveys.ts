/**
 * The demo city's surveys (issue 7), from their own stream of randomness:
 * one open ("Life in Portavera", about 300 responses) and one closed with
 * results ("Language courses", about 150), both anonymous, written in
 * several languages (the rest fall back to English), answered in English,
 * Italian, Arabic, Ukrainian, Persian, Tigrinya and French. Every response
 * carries only its day; some questions are skipped, as people do.
 */
import type { Rng } from './generate.ts';
import { zonedInstant, addDays as addYmd } from '../../src/lib/directory/hours.ts';
import type { DraftAnswers, Localised, QuestionKind, SurveyStatus } from '../../src/lib/server/db/schema/index.ts';

const TZ = 'Europe/Rome';

export interface DemoSurvey {
	id: string;
	title: Localised;
	intro: Localised;
	status: SurveyStatus;
	opensAt: string;
	closesAt: string;
	publishedAt: string;
}
export interface DemoSurveyQuestion {
	id: string;
	surveyId: string;
	position: number;
	kind: QuestionKind;
	prompt: Localised;
}
export interface DemoSurveyChoice {
	id: string;
	questionId: string;
	position: number;
	label: Localised;
	icon: string;
}
export interface DemoSurveyResponse {
	id: string;
	surveyId: string;
	locale: string;
	submittedOn: string;
}
export interface DemoSurveyAnswer {
	id: string;
	responseId: string;
	questionId: string;
	choiceId: string | null;
	scale: number | null;
	text: string | null;
}
export interface DemoSurveys {
	surveys: DemoSurvey[];
	questions: DemoSurveyQuestion[];
	choices: DemoSurveyChoice[];
	responses: DemoSurveyResponse[];
	answers: DemoSurveyAnswer[];
}

type Q = { kind: QuestionKind; prompt: Localised; choices?: [Localised, string, number][]; scale?: number[]; texts?: [string, string][]; skip: number };
interface Spec {
	title: Localised;
	intro: Localised;
	status: SurveyStatus;
	opens: number;
	closes: number;
	responses: number;
	questions: Q[];
}

const SPECS: Spec[] = [
	{
		title: { en: 'Life in Portavera', it: 'La vita a Portavera', ar: 'الحياة في بورتافيرا', uk: 'Життя в Портавері', fa: 'زندگی در پورتاورا', fr: 'La vie à Portavera' },
		intro: {
			en: 'Four short questions about how you live here. Anonymous: nobody will know your answers are yours.',
			it: 'Quattro brevi domande su come vivi qui. Anonimo: nessuno saprà che le risposte sono tue.',
			ar: 'أربعة أسئلة قصيرة عن حياتك هنا. مجهول الهوية: لن يعرف أحد أن الإجابات لك.',
			uk: 'Чотири короткі питання про те, як вам тут живеться. Анонімно: ніхто не знатиме, що відповіді ваші.',
			fa: 'چهار پرسش کوتاه دربارهٔ زندگی شما در اینجا. ناشناس: هیچ‌کس نمی‌داند پاسخ‌ها از شماست.'
		},
		status: 'published',
		opens: -14,
		closes: 120,
		responses: 300,
		questions: [
			{
				kind: 'single',
				prompt: { en: 'Do you feel at home in your neighbourhood?', it: 'Ti senti a casa nel tuo quartiere?', ar: 'هل تشعر أنك في بيتك في حيّك؟', uk: 'Чи почуваєтеся ви як удома у своєму районі?', fa: 'آیا در محله‌تان احساس خانه دارید؟' },
				choices: [
					[{ en: 'Yes', it: 'Sì', ar: 'نعم', uk: 'Так', fa: 'بله' }, 'yes', 55],
					[{ en: 'No', it: 'No', ar: 'لا', uk: 'Ні', fa: 'نه' }, 'no', 25],
					[{ en: 'I do not know', it: 'Non lo so', ar: 'لا أعرف', uk: 'Не знаю', fa: 'نمی‌دانم' }, 'dont_know', 20]
				],
				skip: 0.02
			},
			{
				kind: 'multiple',
				prompt: { en: 'What would help you most now?', it: 'Cosa ti aiuterebbe di più adesso?', ar: 'ما الذي سيساعدك أكثر الآن؟', uk: 'Що б вам зараз найбільше допомогло?', fa: 'اکنون چه چیزی بیشتر به شما کمک می‌کند؟' },
				choices: [
					[{ en: 'A home', it: 'Una casa', ar: 'مسكن', uk: 'Житло', fa: 'خانه' }, 'house', 45],
					[{ en: 'Work', it: 'Lavoro', ar: 'عمل', uk: 'Робота', fa: 'کار' }, 'work', 50],
					[{ en: 'Language lessons', it: 'Corsi di lingua', ar: 'دروس لغة', uk: 'Уроки мови', fa: 'کلاس زبان' }, 'language', 35],
					[{ en: 'A doctor', it: 'Un medico', ar: 'طبيب', uk: 'Лікар', fa: 'پزشک' }, 'health', 20],
					[{ en: 'School for my children', it: 'Scuola per i miei figli', ar: 'مدرسة لأطفالي', uk: 'Школа для дітей', fa: 'مدرسه برای فرزندانم' }, 'school', 15],
					[{ en: 'Friends', it: 'Amici', ar: 'أصدقاء', uk: 'Друзі', fa: 'دوستان' }, 'friends', 25],
					[{ en: 'Something else', it: 'Altro', ar: 'شيء آخر', uk: 'Щось інше', fa: 'چیز دیگر' }, 'other', 1]
				],
				skip: 0.05
			},
			{ kind: 'scale', prompt: { en: 'How easy is it to find help in the city?', it: 'Quanto è facile trovare aiuto in città?', ar: 'ما مدى سهولة العثور على مساعدة في المدينة؟', uk: 'Наскільки легко знайти допомогу в місті?', fa: 'پیدا کردن کمک در شهر چقدر آسان است؟' }, scale: [8, 15, 30, 32, 15], skip: 0.04 },
			{
				kind: 'text',
				prompt: { en: 'What one thing would you change?', it: 'Quale cosa cambieresti?', ar: 'ما الشيء الواحد الذي ستغيّره؟', uk: 'Що одне ви б змінили?', fa: 'چه یک چیزی را تغییر می‌دهید؟' },
				texts: [
					['en', 'More buses in the evening.'],
					['en', 'Offices that answer the phone in English.'],
					['it', 'Più corsi di italiano il sabato.'],
					['it', 'Case a prezzi giusti.'],
					['ar', 'مواعيد أسرع عند الطبيب.'],
					['ar', 'مكان يلعب فيه الأطفال بأمان.'],
					['uk', 'Більше інформації українською.'],
					['fa', 'کلاس زبان نزدیک خانه.'],
					['fr', 'Des horaires plus longs à la mairie.'],
					['ti', 'ብዙሕ ስራሕ ንመንእሰያት።']
				],
				skip: 0.55
			}
		]
	},
	{
		title: { en: 'Language courses', it: 'Corsi di lingua', ar: 'دورات اللغة', uk: 'Мовні курси', fa: 'دوره‌های زبان', ti: 'ትምህርቲ ቋንቋ' },
		intro: { en: 'Tell us about the city’s Italian courses this autumn.', it: 'Raccontaci dei corsi di italiano della città di quest’autunno.', ar: 'أخبرنا عن دورات اللغة الإيطالية في المدينة هذا الخريف.', uk: 'Розкажіть нам про міські курси італійської цієї осені.' },
		status: 'closed',
		opens: -90,
		closes: -30,
		responses: 150,
		questions: [
			{ kind: 'scale', prompt: { en: 'How useful was your course?', it: 'Quanto è stato utile il tuo corso?', ar: 'ما مدى فائدة دورتك؟', uk: 'Наскільки корисним був ваш курс?', ti: 'ትምህርትኻ ክንደይ ጠቒሙካ?' }, scale: [3, 6, 20, 40, 31], skip: 0.03 },
			{
				kind: 'single',
				prompt: { en: 'When can you come to class?', it: 'Quando puoi venire a lezione?', ar: 'متى يمكنك حضور الدرس؟', uk: 'Коли ви можете приходити на заняття?' },
				choices: [
					[{ en: 'Mornings', it: 'Mattina', ar: 'صباحاً', uk: 'Зранку' }, 'time', 30],
					[{ en: 'Evenings', it: 'Sera', ar: 'مساءً', uk: 'Увечері' }, 'work', 50],
					[{ en: 'Weekends', it: 'Fine settimana', ar: 'عطلة نهاية الأسبوع', uk: 'На вихідних' }, 'family', 18],
					[{ en: 'I cannot come', it: 'Non posso venire', ar: 'لا أستطيع الحضور', uk: 'Не можу приходити' }, 'no', 2]
				],
				skip: 0.02
			},
			{
				kind: 'multiple',
				prompt: { en: 'What makes it hard to come?', it: 'Cosa rende difficile venire?', ar: 'ما الذي يصعّب الحضور؟', uk: 'Що заважає приходити?' },
				choices: [
					[{ en: 'Work hours', it: 'Orari di lavoro', ar: 'ساعات العمل', uk: 'Робочий час' }, 'work', 40],
					[{ en: 'Children at home', it: 'Figli a casa', ar: 'الأطفال في البيت', uk: 'Діти вдома' }, 'family', 25],
					[{ en: 'The bus', it: 'L’autobus', ar: 'الحافلة', uk: 'Автобус' }, 'transport', 20],
					[{ en: 'Money', it: 'Soldi', ar: 'المال', uk: 'Гроші' }, 'money', 2],
					[{ en: 'Nothing', it: 'Niente', ar: 'لا شيء', uk: 'Нічого' }, 'yes', 30]
				],
				skip: 0.05
			},
			{
				kind: 'text',
				prompt: { en: 'What should we change next year?', it: 'Cosa dovremmo cambiare il prossimo anno?', ar: 'ماذا نغيّر في العام القادم؟', uk: 'Що нам змінити наступного року?' },
				texts: [
					['en', 'A class for beginners on Saturday.'],
					['it', 'Più esercizi di conversazione.'],
					['ar', 'حضانة للأطفال أثناء الدرس.'],
					['uk', 'Підручник, який можна взяти додому.'],
					['fa', 'کلاس‌های کوچک‌تر.'],
					['en', 'Start later in the evening.']
				],
				skip: 0.6
			}
		]
	}
];

const LOCALES: [string, number][] = [
	['en', 18],
	['it', 20],
	['ar', 22],
	['uk', 14],
	['fa', 10],
	['ti', 8],
	['fr', 8]
];

export function generateSurveys(rng: Rng, input: { baseDate: string }): DemoSurveys {
	const baseYmd = input.baseDate.slice(0, 10);
	const out: DemoSurveys = { surveys: [], questions: [], choices: [], responses: [], answers: [] };
	for (const spec of SPECS) {
		const id = rng.uuid();
		const opensYmd = addYmd(baseYmd, spec.opens);
		out.surveys.push({
			id,
			title: spec.title,
			intro: spec.intro,
			status: spec.status,
			opensAt: zonedInstant(opensYmd, 0, TZ).toISOString(),
			closesAt: zonedInstant(addYmd(baseYmd, spec.closes + 1), 0, TZ).toISOString(),
			publishedAt: zonedInstant(addYmd(opensYmd, -1), 9 * 60, TZ).toISOString()
		});
		const qs = spec.questions.map((q, i) => {
			const question = { id: rng.uuid(), surveyId: id, position: i + 1, kind: q.kind, prompt: q.prompt };
			out.questions.push(question);
			const choices = (q.choices ?? []).map(([label, icon, weight], j) => {
				const c = { id: rng.uuid(), questionId: question.id, position: j + 1, label, icon };
				out.choices.push(c);
				return { ...c, weight };
			});
			return { spec: q, question, choices };
		});
		// Responses on days from the opening to the closing (or the demo's "now").
		const lastDay = Math.min(spec.closes, 0) - spec.opens;
		for (let n = 0; n < spec.responses; n++) {
			const response = { id: rng.uuid(), surveyId: id, locale: rng.weighted(LOCALES), submittedOn: addYmd(opensYmd, rng.int(0, Math.max(0, lastDay))) };
			out.responses.push(response);
			const answers: DraftAnswers = {};
			for (const { spec: q, question, choices } of qs) {
				if (rng.chance(q.skip)) continue;
				if (q.kind === 'single') answers[question.id] = { choices: [rng.weighted(choices.map((c) => [c.id, c.weight] as const))] };
				else if (q.kind === 'multiple') {
					const picked = choices.filter((c) => rng.chance(c.weight / 100)).map((c) => c.id);
					if (picked.length) answers[question.id] = { choices: picked };
				} else if (q.kind === 'scale') answers[question.id] = { scale: rng.weighted(q.scale!.map((w, v) => [v + 1, w] as const)) };
				else {
					const [, t] = rng.pick(q.texts!);
					answers[question.id] = { text: t };
				}
			}
			for (const [questionId, a] of Object.entries(answers)) {
				for (const c of a.choices ?? []) out.answers.push({ id: rng.uuid(), responseId: response.id, questionId, choiceId: c, scale: null, text: null });
				if (a.scale !== undefined) out.answers.push({ id: rng.uuid(), responseId: response.id, questionId, choiceId: null, scale: a.scale, text: null });
				if (a.text !== undefined) out.answers.push({ id: rng.uuid(), responseId: response.id, questionId, choiceId: null, scale: null, text: a.text });
			}
		}
	}
	return out;
}
