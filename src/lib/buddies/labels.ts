/** Words for the buddy-programme pages (messages/buddies): kinds, sides, genders, the wellbeing scale with its pictures. */
import { m } from '#lib/paraglide/messages.js';

// The same lists as the schema (src/lib/server/db/schema/buddies.ts), which the browser may not import.
const buddyProgrammeKinds = ['buddy', 'language_cafe', 'mentoring_work', 'co_housing'];
const buddyGenderPreferences = ['any', 'woman', 'man'];
const ageBands = ['18_25', '26_35', '36_50', '51_65', '66_plus'];
const buddyEndReasons = ['completed', 'not_a_fit', 'moved_away', 'no_time', 'other'];

const messages = m as unknown as Record<string, (() => string) | undefined>;
const word = (key: string, fallback: string) => messages[key]?.() ?? fallback;

export const kindLabel = (k: string) => word(`buddies_kind_${k}`, k);
export const sideLabel = (k: string) => word(`buddies_side_${k}`, k);
export const genderLabel = (k: string | null) => word(`buddies_gender_${k ?? 'prefer_not'}`, k ?? '');
export const preferenceLabel = (k: string) => word(`buddies_pref_${k}`, k);
export const reasonLabel = (k: string) => word(`buddies_reason_${k}`, k);
export const ageLabel = (k: string) => (k === '66_plus' ? m.buddies_age_66_plus() : k.replace('_', '–'));

/** Pictures that carry the meaning with the words (never colour alone). */
export const WELLBEING_FACES = ['', '😢', '😞', '😐', '😊', '😄'];
export const wellbeingLabel = (n: number) => word(`buddies_wellbeing_${n}`, String(n));
export const wellbeingText = (n: number) => `${WELLBEING_FACES[n] ?? ''} ${wellbeingLabel(n)}`.trim();

export const kindOptions = () => buddyProgrammeKinds.map((value) => ({ value, label: kindLabel(value) }));
export const sideOptions = () => ['newcomer', 'resident'].map((value) => ({ value, label: sideLabel(value) }));
export const genderOptions = () => ['woman', 'man', 'non_binary', 'prefer_not'].map((value) => ({ value, label: genderLabel(value) }));
export const preferenceOptions = () => buddyGenderPreferences.map((value) => ({ value, label: preferenceLabel(value) }));
export const ageOptions = () => ageBands.map((value) => ({ value, label: ageLabel(value) }));
export const reasonOptions = () => buddyEndReasons.map((value) => ({ value, label: reasonLabel(value) }));
export const scale = [1, 2, 3, 4, 5];
