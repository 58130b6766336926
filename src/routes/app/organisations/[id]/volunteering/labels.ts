/** Labels of the volunteering workspace: the shared lists' keys in the reader's language. */
import { m } from '#lib/paraglide/messages.js';
import { SKILLS } from '#lib/engagement/lists.ts';

const messages = m as unknown as Record<string, (() => string) | undefined>;
const byKey = (key: string, fallback: string) => messages[key]?.() ?? fallback;

export const skillLabel = (k: string) => byKey(`engagement_skill_${k}`, k);
export const kindLabel = (k: string) => byKey(`engagement_kind_${k}`, k);
export const modeLabel = (k: string) => byKey(`engagement_mode_${k}`, k);
export const applicationStatusLabel = (k: string) => byKey(`engagement_status_${k}`, k);
export const stepLabel = (k: string) => byKey(`engagement_step_${k}`, k);
export const opportunityStatusLabel = (k: string) => byKey(`volunteering_opportunity_status_${k}`, k);

export const KINDS = ['one_off', 'recurring', 'ongoing'] as const;
export const MODES = ['in_person', 'remote'] as const;
export const STEPS = ['conversation', 'identity', 'criminal_record', 'training'] as const;

export const skillOptions = () => SKILLS.map((s) => ({ value: s, label: skillLabel(s) }));
export const stepOptions = () => STEPS.map((s) => ({ value: s, label: stepLabel(s) }));

/** Monday … Sunday in the reader's language (1 January 2024 was a Monday). */
export function weekdays(locale: string): string[] {
	let fmt: Intl.DateTimeFormat;
	try {
		fmt = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
	} catch {
		fmt = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });
	}
	return Array.from({ length: 7 }, (_, d) => fmt.format(new Date(Date.UTC(2024, 0, 1 + d))));
}

export const dayParts = () => [m.volunteering_part_morning(), m.volunteering_part_afternoon(), m.volunteering_part_evening()];

/** A calendar date (YYYY-MM-DD) in the reader's language. */
export function formatDay(ymd: string, locale: string): string {
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`));
	} catch {
		return ymd;
	}
}
