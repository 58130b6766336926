/**
 * Matching programmes (issue 5, docs/decisions/018-matching-scoring.md): each
 * programme that matches people to places keeps its hard rules and weights,
 * which its coordinators adjust. `settings` is validated by the scoring
 * model's zod schema (src/lib/server/matching/scoring.ts) on every write and
 * read; a missing key takes the documented default.
 */
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';

export const programmeKinds = ['guardianship', 'volunteering', 'buddy', 'placement'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];

export const matchingProgrammes = pgTable(
	'matching_programmes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: programmeKinds }).notNull(),
		name: text('name').notNull(),
		/** The organisation that runs it; null for the city's own (e.g. the guardianship office). */
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
		settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
		updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('matching_programmes_kind', sql`${t.kind} in ('guardianship', 'volunteering', 'buddy', 'placement')`),
		index('matching_programmes_kind_idx').on(t.kind, t.organisationId),
		/** The city has one guardianship office, so one guardianship programme (two first saves at once cannot make two). */
		uniqueIndex('matching_programmes_guardianship_key').on(t.kind).where(sql`${t.kind} = 'guardianship'`)
	]
);
