import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. Each row carries the hash of the row
 * before it; `npm run audit:verify` recomputes the chain. A trigger (see the
 * migration) refuses UPDATE and DELETE. Never store secrets or message bodies.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		seq: bigserial('seq', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
		actorId: uuid('actor_id'),
		action: text('action').notNull(),
		resourceType: text('resource_type').notNull(),
		resourceId: text('resource_id'),
		outcome: text('outcome', { enum: ['allowed', 'denied', 'done'] }).notNull(),
		ip: text('ip'),
		requestId: text('request_id'),
		details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [
		index('audit_log_actor_idx').on(t.actorId),
		index('audit_log_resource_idx').on(t.resourceType, t.resourceId)
	]
);

/** Every e-mail the platform sends; the outbox when no SMTP server is configured. */
export const emailOutbox = pgTable(
	'email_outbox',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		toAddress: text('to_address').notNull(),
		subject: text('subject').notNull(),
		textBody: text('text_body').notNull(),
		template: text('template').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error')
	},
	(t) => [index('email_outbox_created_idx').on(t.createdAt)]
);
