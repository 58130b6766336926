/** Words for the assemblies pages: kinds, statuses, presences (messages/assemblies). */
import { m } from '#lib/paraglide/messages.js';

const messages = m as unknown as Record<string, (() => string) | undefined>;
const word = (key: string, fallback: string) => messages[key]?.() ?? fallback;

export const assemblyKindLabel = (k: string) => word(`assemblies_kind_${k}`, k);
export const meetingStatusLabel = (k: string) => word(`assemblies_meetingstatus_${k}`, k);
export const decisionStatusLabel = (k: string) => word(`assemblies_dstatus_${k}`, k);
export const presenceLabel = (k: string) => word(`assemblies_presence_${k}`, k);

export const decisionStatusOptions = () => (['open', 'in_progress', 'done'] as const).map((value) => ({ value, label: decisionStatusLabel(value) }));
export const presenceOptions = () => (['present', 'excused', 'absent'] as const).map((value) => ({ value, label: presenceLabel(value) }));
