/**
 * The survey pictograms (24×24, stroked lines): big, plain drawings a
 * person who reads little can tell apart. Decorative: a choice's words are
 * always shown beside its icon. Kept as data so a test checks every name
 * of the list has a drawing.
 */
import { needIcons } from '../components/need-icons.ts';
import type { SurveyIconName } from './lists.ts';

const circle = (cx: number, cy: number, r: number) => `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
const face = (mouth: string) => `${circle(12, 12, 9.5)}M9 9.5v.5M15 9.5v.5${mouth}`;

export const surveyIcons: Record<SurveyIconName, string> = {
	none: '',
	yes: 'M4 12.5 9.5 18 20 6',
	no: 'M5 5l14 14M19 5 5 19',
	dont_know: `${circle(12, 12, 9.5)}M9.2 9.3a2.9 2.9 0 1 1 4 2.7c-.8.4-1.2 1-1.2 1.8v.7M12 17.3v.2`,
	very_happy: face('M7.5 13.5h9a4.5 4.5 0 0 1-9 0Z'),
	happy: face('M8 14.5a5 5 0 0 0 8 0'),
	neutral: face('M8.5 15h7'),
	sad: face('M8 16.5a5 5 0 0 1 8 0'),
	very_sad: face('M7.5 17.5a5 5 0 0 1 9 0M8 12.5l-.5 1.5'),
	house: needIcons.house,
	work: needIcons.briefcase,
	school: needIcons.school,
	health: needIcons.health,
	money: needIcons.coin,
	language: needIcons.speech,
	family: needIcons.family,
	transport: `M5 4h14a1 1 0 0 1 1 1v12H4V5a1 1 0 0 1 1-1ZM4 11h16M4 8h16${circle(8, 14.5, 1)}${circle(16, 14.5, 1)}M7 17v3M17 17v3`,
	food: 'M7 3v8M5 3v5a2 2 0 0 0 4 0V3M7 11v10M17 21V3c-2.5 1.5-3.5 4-3.5 7v3H17',
	safety: needIcons.shield,
	friends: needIcons.people,
	time: needIcons.clock,
	other: `${circle(6, 12, 1.3)}${circle(12, 12, 1.3)}${circle(18, 12, 1.3)}`
};
