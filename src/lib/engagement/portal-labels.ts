/** Words for the volunteer's pages: the shared lists' labels and statuses, from messages/engagement and messages/volunteer. */
import { m } from '#lib/paraglide/messages.js';
import { INTERESTS, SKILLS } from './lists.ts';

const messages = m as unknown as Record<string, (() => string) | undefined>;
const word = (key: string, fallback: string) => messages[key]?.() ?? fallback;

export const skillLabel = (k: string) => word(`engagement_skill_${k}`, k);
export const interestLabel = (k: string) => word(`engagement_interest_${k}`, k);
export const kindLabel = (k: string) => word(`engagement_kind_${k}`, k);
export const modeLabel = (k: string) => word(`engagement_mode_${k}`, k);
export const applicationStatusLabel = (k: string) => word(`engagement_status_${k}`, k);
export const signupStatusLabel = (k: string) => word(`volunteer_signup_${k}`, k);
export const hoursStatusLabel = (k: string) => word(`volunteer_hours_status_${k}`, k);

export const skillOptions = () => SKILLS.map((value) => ({ value, label: skillLabel(value) }));
export const interestOptions = () => INTERESTS.map((value) => ({ value, label: interestLabel(value) }));

/** Days Monday..Sunday and parts of the day, as the availability mask numbers them (bit = day × 3 + part). */
export const dayLabels = () => [m.volunteer_day_mon(), m.volunteer_day_tue(), m.volunteer_day_wed(), m.volunteer_day_thu(), m.volunteer_day_fri(), m.volunteer_day_sat(), m.volunteer_day_sun()];
export const partLabels = () => [m.volunteer_part_morning(), m.volunteer_part_afternoon(), m.volunteer_part_evening()];

/** Minutes as "3 h 30 min" in the reader's words. */
export function hoursText(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const min = minutes % 60;
	return m.volunteer_duration({ hours: String(h), minutes: String(min) });
}
