/**
 * Matching programmes and their settings (issue 5, decision 018): the hard
 * rules and weights a coordinator adjusts, stored in matching_programmes as
 * JSON and always read back through the scoring model's zod schema, so a
 * stored value out of range (or from an older version) can never reach the
 * engine: it falls back to the defaults, key by key.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorId, type Ctx } from '../context.ts';
import { matchingProgrammes, users, type ProgrammeKind } from '../db/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { fields } from '../http/form.ts';
import { record } from '../audit/index.ts';
import { can, PolicyDenied, type Action, type ProgrammeResource } from '../policy/index.ts';
import { rulesSchema, settingsSchema, weightsSchema, type ProgrammeSettings } from './scoring.ts';
import { defaultSettings } from './defaults.ts';
import { cityToday } from '../guardianship/age.ts';
export { defaultSettings };

/**
 * Stored settings → settings the engine may use. A key that is missing or
 * invalid takes the kind's default (never an exception on a page load);
 * safeguarding is always on for guardianship, whatever is stored.
 */
export function readSettings(kind: ProgrammeKind, stored: unknown): ProgrammeSettings {
	const base = defaultSettings(kind);
	const obj = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
	const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
		const r = schema.safeParse(value);
		return r.success ? r.data : fallback;
	};
	const storedRules = (obj.rules && typeof obj.rules === 'object' ? obj.rules : {}) as Record<string, unknown>;
	const storedWeights = (obj.weights && typeof obj.weights === 'object' ? obj.weights : {}) as Record<string, unknown>;
	const rules = { ...base.rules };
	for (const k of Object.keys(rules) as (keyof typeof rules)[]) {
		if (k in storedRules) (rules as Record<string, unknown>)[k] = pick(rulesSchema.shape[k] as z.ZodType<unknown>, storedRules[k], rules[k]);
	}
	const weights = { ...base.weights };
	for (const k of Object.keys(weights) as (keyof typeof weights)[]) {
		if (k in storedWeights) weights[k] = pick(weightsSchema.shape[k], storedWeights[k], weights[k]);
	}
	const settings: ProgrammeSettings = {
		rules,
		weights,
		// Only a stored key: the schema's own defaults would otherwise replace the kind's (a volunteer, not the opportunity, holds the clearance).
		objective: 'objective' in obj ? pick(settingsSchema.shape.objective, obj.objective, base.objective) : base.objective,
		safeguardingSide: 'safeguardingSide' in obj ? pick(settingsSchema.shape.safeguardingSide, obj.safeguardingSide, base.safeguardingSide) : base.safeguardingSide
	};
	if (kind === 'guardianship') {
		settings.rules.requireSafeguarding = true;
		settings.safeguardingSide = 'slot';
	}
	return settings;
}

/** A number field: blank is refused, a comma decimal is accepted ("2,5"). */
const numberField = (min: number, max: number, error: string) =>
	z
		.string({ error })
		.transform((s) => s.trim().replace(',', '.'))
		.pipe(z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, { error }))
		.transform(Number)
		.pipe(z.number().min(min, { error }).max(max, { error }));

/** The settings form as posted (checkboxes are absent when off). */
export const settingsForm = z.object({
	requireSharedLanguage: fields.checkbox(),
	requireAvailabilityOverlap: fields.checkbox(),
	respectGenderPreference: fields.checkbox(),
	maxDistanceKm: fields.blankOrNull(numberField(0, 500, 'matching_distance_invalid')),
	weightLanguages: numberField(0, 100, 'matching_weight_invalid'),
	weightDistance: numberField(0, 100, 'matching_weight_invalid'),
	weightInterests: numberField(0, 100, 'matching_weight_invalid'),
	weightSkills: numberField(0, 100, 'matching_weight_invalid'),
	weightAvailability: numberField(0, 100, 'matching_weight_invalid'),
	objective: z.enum(['score', 'count-then-score'], { error: 'field_invalid_choice' })
});
export type SettingsFormInput = z.infer<typeof settingsForm>;

export function settingsFromForm(kind: ProgrammeKind, f: SettingsFormInput): ProgrammeSettings {
	const base = defaultSettings(kind);
	return readSettings(kind, {
		...base,
		rules: {
			...base.rules,
			requireSharedLanguage: f.requireSharedLanguage,
			requireAvailabilityOverlap: f.requireAvailabilityOverlap,
			respectGenderPreference: f.respectGenderPreference,
			maxDistanceKm: f.maxDistanceKm
		},
		weights: { languages: f.weightLanguages, distance: f.weightDistance, interests: f.weightInterests, skills: f.weightSkills, availability: f.weightAvailability },
		objective: f.objective
	});
}

export interface Programme {
	/** null while the city has not saved settings yet (the defaults apply). */
	id: string | null;
	kind: ProgrammeKind;
	name: string | null;
	settings: ProgrammeSettings;
	updatedAt: Date | null;
	/** The day of the last change, in the city's time zone. */
	updatedOn: string | null;
	updatedByName: string | null;
}

export const guardianshipResource: ProgrammeResource = { type: 'programme', kind: 'guardianship', organisationId: null };

/** Asks the policy about the city's guardianship programme; a refusal is audited and thrown. */
export async function requireProgramme(ctx: Ctx, action: Action, resource: ProgrammeResource = guardianshipResource) {
	const d = can(ctx.actor, action, resource);
	if (d === 'allowed') return;
	if (d === 'denied') {
		await record(ctx.db, { actorId: actorId(ctx), action, resourceType: 'matching_programme', resourceId: resource.kind, outcome: 'denied', ip: ctx.ip, requestId: ctx.requestId });
	}
	throw new PolicyDenied(d, action);
}

async function readGuardianship(db: Tx): Promise<Programme> {
	const [row] = await db
		.select({ id: matchingProgrammes.id, name: matchingProgrammes.name, settings: matchingProgrammes.settings, updatedAt: matchingProgrammes.updatedAt, updatedByName: users.displayName })
		.from(matchingProgrammes)
		.leftJoin(users, eq(users.id, matchingProgrammes.updatedBy))
		.where(and(eq(matchingProgrammes.kind, 'guardianship')));
	if (!row) return { id: null, kind: 'guardianship', name: null, settings: defaultSettings('guardianship'), updatedAt: null, updatedOn: null, updatedByName: null };
	return { ...row, kind: 'guardianship', settings: readSettings('guardianship', row.settings), updatedOn: cityToday(row.updatedAt) };
}

/** The city's guardianship programme (its defaults when none is stored yet). */
export async function guardianshipProgramme(ctx: Ctx): Promise<Programme> {
	await requireProgramme(ctx, 'matching.run');
	return readGuardianship(ctx.db);
}

/** Saves the guardianship programme's rules and weights; audited with the values. */
export async function saveGuardianshipSettings(ctx: Ctx, input: SettingsFormInput): Promise<Programme> {
	await requireProgramme(ctx, 'matching.programme.edit');
	const settings = settingsFromForm('guardianship', input);
	return ctx.db.transaction(async (tx) => {
		const values = { settings: settings as unknown as Record<string, unknown>, updatedBy: actorId(ctx), updatedAt: new Date() };
		const [row] = await tx
			.insert(matchingProgrammes)
			.values({ kind: 'guardianship', name: 'Guardianship', ...values })
			.onConflictDoUpdate({ target: matchingProgrammes.kind, targetWhere: eq(matchingProgrammes.kind, 'guardianship'), set: values })
			.returning({ id: matchingProgrammes.id });
		await record(tx, {
			actorId: actorId(ctx),
			action: 'matching.programme.updated',
			resourceType: 'matching_programme',
			resourceId: row.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: {
				kind: 'guardianship',
				...Object.fromEntries(Object.entries(settings.rules).map(([k, v]) => [`rule.${k}`, v])),
				...Object.fromEntries(Object.entries(settings.weights).map(([k, v]) => [`weight.${k}`, v])),
				objective: settings.objective
			}
		});
		return readGuardianship(tx);
	});
}
