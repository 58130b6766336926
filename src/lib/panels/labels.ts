/** Words for the fixed lists of validation panels, in the reader's language. */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { needs, spokenLanguages } from '../directory/taxonomy.ts';
import { needIcons } from '../components/need-icons.ts';

export function ageBandLabel(a: string): string {
	switch (a) {
		case '18_24':
			return m.panels_age_18_24();
		case '25_34':
			return m.panels_age_25_34();
		case '35_49':
			return m.panels_age_35_49();
		case '50_64':
			return m.panels_age_50_64();
		case '65_plus':
			return m.panels_age_65_plus();
		case 'under_18':
			return m.panels_age_under_18();
		default:
			return a;
	}
}

export function genderLabel(g: string | null, self?: string | null): string {
	switch (g) {
		case 'woman':
			return m.panels_gender_woman();
		case 'man':
			return m.panels_gender_man();
		case 'non_binary':
			return m.panels_gender_non_binary();
		case 'self_described':
			return self ? self : m.panels_gender_self_described();
		case 'prefer_not_to_say':
			return m.panels_gender_prefer_not();
		default:
			return m.panels_gender_not_given();
	}
}

export const languageName = (code: string) => spokenLanguages[code] ?? code;

export function serviceName(code: string): string {
	const n = needs.find((x) => x.code === code);
	if (!n) return code;
	const names = n.name as Record<string, string>;
	return names[getLocale()] ?? names.en;
}
export const serviceIcon = (code: string) => needs.find((x) => x.code === code)?.icon ?? 'search';

export function dimensionLabel(d: string): string {
	switch (d) {
		case 'language':
			return m.panels_dimension_language();
		case 'ageBand':
			return m.panels_dimension_age();
		case 'gender':
			return m.panels_dimension_gender();
		default:
			return m.panels_dimension_service();
	}
}

/** A target's value in words ("ትግርኛ", "18–24", "Housing"). */
export function targetValueLabel(d: string, v: string): string {
	if (d === 'language') return languageName(v);
	if (d === 'ageBand') return ageBandLabel(v);
	if (d === 'gender') return genderLabel(v);
	return serviceName(v);
}

export function memberStatusLabel(s: string): string {
	if (s === 'accepted') return m.panels_status_accepted();
	if (s === 'declined') return m.panels_status_declined();
	return m.panels_status_invited();
}

export function draftStatusLabel(s: string): string {
	if (s === 'open') return m.panels_draft_open();
	if (s === 'closed') return m.panels_draft_closed_label();
	return m.panels_draft_preparing();
}

export function pictogramLabel(p: string): string {
	const labels: Record<string, () => string> = {
		yes: m.panels_picto_yes,
		no: m.panels_picto_no,
		unsure: m.panels_picto_unsure,
		smile: m.panels_picto_smile,
		neutral: m.panels_picto_neutral,
		frown: m.panels_picto_frown,
		house: m.panels_picto_house,
		document: m.panels_picto_document,
		people: m.panels_picto_people,
		speech: m.panels_picto_speech,
		health: m.panels_picto_health,
		school: m.panels_picto_school
	};
	return labels[p]?.() ?? p;
}
export const hasPictogram = (p: string | null) => !!p && p in needIcons;
