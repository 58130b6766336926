/** Words for the co-creation pages: phases, audiences, statuses, report reasons (messages/cocreation). */
import { m } from '#lib/paraglide/messages.js';

const messages = m as unknown as Record<string, (() => string) | undefined>;
const word = (key: string, fallback: string) => messages[key]?.() ?? fallback;

export const phaseLabel = (p: string) => word(`cocreation_phase_${p}`, p);
export const audienceLabel = (a: string) => word(`cocreation_audience_${a}`, a);
export const ideaStatusLabel = (s: string) => word(`cocreation_status_${s}`, s);
export const pilotStatusLabel = (s: string) => word(`cocreation_pilot_${s}`, s);
export const reportReasonLabel = (r: string) => word(`cocreation_reason_${r}`, r);
export const notificationKindLabel = (k: string) => word(`notifications_kind_${k}`, k);
export const emailModeLabel = (k: string) => word(`notifications_email_${k}`, k);

/** The phases a call goes through, in order, for its timeline. */
export const timeline = ['ideas', 'review', 'selection', 'results', 'follow_up'] as const;
