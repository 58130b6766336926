/** Words for the survey lists, in the reader's language. */
import { m } from '#lib/paraglide/messages.js';
import { surveyIconNames, type QuestionKind, type SurveyIconName, type SurveyStatus } from './lists.ts';

export function questionKindLabel(k: QuestionKind): string {
	return { single: m.surveys_kind_single, multiple: m.surveys_kind_multiple, scale: m.surveys_kind_scale, text: m.surveys_kind_text }[k]();
}

export function surveyStatusLabel(s: SurveyStatus): string {
	return { draft: m.surveys_status_draft, published: m.surveys_status_published, closed: m.surveys_status_closed }[s]();
}

const iconWords: Record<SurveyIconName, () => string> = {
	none: m.surveys_icon_none,
	yes: m.surveys_icon_yes,
	no: m.surveys_icon_no,
	dont_know: m.surveys_icon_dont_know,
	very_happy: m.surveys_icon_very_happy,
	happy: m.surveys_icon_happy,
	neutral: m.surveys_icon_neutral,
	sad: m.surveys_icon_sad,
	very_sad: m.surveys_icon_very_sad,
	house: m.surveys_icon_house,
	work: m.surveys_icon_work,
	school: m.surveys_icon_school,
	health: m.surveys_icon_health,
	money: m.surveys_icon_money,
	language: m.surveys_icon_language,
	family: m.surveys_icon_family,
	transport: m.surveys_icon_transport,
	food: m.surveys_icon_food,
	safety: m.surveys_icon_safety,
	friends: m.surveys_icon_friends,
	time: m.surveys_icon_time,
	other: m.surveys_icon_other
};

export function iconOptions() {
	return surveyIconNames.map((n) => ({ value: n, label: iconWords[n]() }));
}

export function kindOptions() {
	return (['single', 'multiple', 'scale', 'text'] as const).map((k) => ({ value: k, label: questionKindLabel(k) }));
}
