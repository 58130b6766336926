import { doublePrecision, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The city's neighbourhoods: where services are, where people live, where gaps show. */
export const neighbourhoods = pgTable(
	'neighbourhoods',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude')
	},
	(t) => [uniqueIndex('neighbourhoods_slug_key').on(t.slug)]
);
