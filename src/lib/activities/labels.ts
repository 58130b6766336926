/** Words for the activities pages: kinds, statuses, accessibility features (messages/activities). */
import { m } from '#lib/paraglide/messages.js';
import { accessibilityFeatures, activityKinds } from './lists.ts';

const messages = m as unknown as Record<string, (() => string) | undefined>;
const word = (key: string, fallback: string) => messages[key]?.() ?? fallback;

export const activityKindLabel = (k: string) => word(`activities_kind_${k}`, k);
export const activityStatusLabel = (k: string) => word(`activities_status_${k}`, k);
export const rsvpStatusLabel = (k: string) => word(`activities_rsvp_${k}`, k);
export const accessibilityLabel = (k: string) => word(`activities_access_${k}`, k);

export const kindOptions = () => activityKinds.map((value) => ({ value, label: activityKindLabel(value) }));
export const accessibilityOptions = () => accessibilityFeatures.map((value) => ({ value, label: accessibilityLabel(value) }));
