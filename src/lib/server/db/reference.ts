/**
 * Reference data every installation has, written after the migrations on
 * every start: the needs and features taxonomies (src/lib/directory/taxonomy.ts).
 * Upserts by code, so a new translation or icon reaches existing databases
 * and ids stay stable for the HSDS API and imports.
 */
import { sql } from 'drizzle-orm';
import {
	FEATURES_TAXONOMY,
	NEEDS_TAXONOMY,
	features,
	needs,
	type TermDefinition
} from '../../directory/taxonomy.ts';
import type { Db } from './index.ts';
import { taxonomies, taxonomyTerms } from './schema/index.ts';

const sets: { code: string; name: string; description: string; terms: readonly TermDefinition[] }[] = [
	{
		code: NEEDS_TAXONOMY,
		name: 'Convive needs',
		description: 'What a newcomer looks for help with.',
		terms: needs
	},
	{
		code: FEATURES_TAXONOMY,
		name: 'Convive features',
		description: 'Conditions a newcomer filters services on (free, anonymous, no residence permit needed…).',
		terms: features
	}
];

export async function ensureReferenceData(db: Db): Promise<void> {
	await db.transaction(async (tx) => {
		for (const set of sets) {
			const [tax] = await tx
				.insert(taxonomies)
				.values({ code: set.code, name: set.name, description: set.description, version: '1' })
				.onConflictDoUpdate({
					target: taxonomies.code,
					set: { name: set.name, description: set.description }
				})
				.returning({ id: taxonomies.id });
			await tx
				.insert(taxonomyTerms)
				.values(
					set.terms.map((t, i) => ({
						taxonomyId: tax.id,
						code: t.code,
						name: t.name,
						icon: t.icon,
						position: i
					}))
				)
				.onConflictDoUpdate({
					target: [taxonomyTerms.taxonomyId, taxonomyTerms.code],
					set: {
						name: sql`excluded.name`,
						icon: sql`excluded.icon`,
						position: sql`excluded.position`
					}
				});
		}
	});
}
