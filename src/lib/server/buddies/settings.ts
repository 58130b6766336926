/** The matching settings a new buddy programme starts with (decision 020); pure, so the demo can use it. */
import { settingsSchema } from '../matching/scoring.ts';

/** A shared language and both sides' gender preferences are hard rules; no safeguarding (buddies are adults). */
export const BUDDY_SETTINGS = settingsSchema.parse({
	rules: { requireSharedLanguage: true, requireSafeguarding: false, respectGenderPreference: true },
	weights: { languages: 35, distance: 20, interests: 25, skills: 0, availability: 20 }
});
