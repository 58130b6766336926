/**
 * Each kind of programme's default rules and weights (decision 018). Apart
 * from programmes.ts so the demo seed can use it without the web layer.
 */
import type { ProgrammeKind } from '../db/schema/index.ts';
import { DEFAULT_SETTINGS, settingsSchema, type ProgrammeSettings } from './scoring.ts';

/** The defaults of a kind of programme (decision 018). */
export function defaultSettings(kind: ProgrammeKind): ProgrammeSettings {
	switch (kind) {
		case 'guardianship':
			// A child and a guardian need a language in common before anything else;
			// living near each other makes the monthly visit easy. No availability,
			// interests or skills are recorded for guardians, so their weights do nothing.
			return settingsSchema.parse({ weights: { languages: 60, distance: 40, interests: 0, skills: 0, availability: 0 } });
		case 'volunteering':
			return settingsSchema.parse({ safeguardingSide: 'person', rules: { requireAvailabilityOverlap: true } });
		default:
			return DEFAULT_SETTINGS;
	}
}

