import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { features, needs } from '../../directory/taxonomy.ts';
import { directoryLocales } from '../../directory/text.ts';
import { organisations, services, taxonomyTerms } from '../db/schema/index.ts';

let d: TestDatabase;
beforeAll(async () => {
	d = await testDatabase();
});
afterAll(() => d.dispose());

describe('directory model', () => {
	it('starts with both taxonomies, every term named in every locale', async () => {
		const terms = await d.db.select().from(taxonomyTerms);
		expect(terms).toHaveLength(needs.length + features.length);
		for (const t of terms) for (const l of directoryLocales) expect(t.name[l], `${t.code} ${l}`).toBeTruthy();
	});

	it('keeps search current whoever writes a service: stemmed per language, trigram on names', async () => {
		const [org] = await d.db
			.insert(organisations)
			.values({ slug: 'model-test', name: 'Model test', type: 'ngo' })
			.returning();
		await d.db.insert(services).values({
			organisationId: org.id,
			name: { en: 'Language courses for adults', it: 'Corsi di lingua italiana', ar: 'دورات اللغة الإيطالية' },
			description: { en: 'Free evening classes' },
			needs: ['language-courses'],
			features: ['free']
		});
		const q = (cfg: string, text: string) =>
			d.db.execute(
				sql`select count(*)::int as n from services where search_vector @@ plainto_tsquery(${cfg}::regconfig, ${text})`
			);
		const rows = (r: unknown) => ((r as { rows?: { n: number }[] }).rows ?? (r as { n: number }[]))[0].n;
		expect(rows(await q('english', 'course'))).toBe(1);
		expect(rows(await q('italian', 'corso lingue'))).toBe(1);
		expect(rows(await q('arabic', 'دورات'))).toBe(1);
		expect(rows(await q('english', 'housing'))).toBe(0);
		const typo = await d.db.execute(
			sql`select count(*)::int as n from services where word_similarity(${'langauge'}, search_names) > 0.4`
		);
		expect(rows(typo)).toBe(1);
	});
});
