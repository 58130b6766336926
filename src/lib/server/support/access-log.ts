/**
 * "Who opened this folder": the folder's entries in the audit log, with the
 * names of the people who acted, newest first, a page at a time. Only the
 * lead worker and the lead organisation's coordinators and owners may read
 * it (`folder.access_log.view`), and reading it is itself audited.
 */
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { auditLog, people, users } from '../db/schema/index.ts';
import { grantsOf } from './breakglass.ts';
import { audit, withFolder } from './folders.ts';

export const ACCESS_PAGE_SIZE = 50;

export interface AccessEntry {
	seq: number;
	at: string;
	actorId: string | null;
	actorName: string | null;
	/** The actor's account exists no more (or never did). */
	actorGone: boolean;
	action: string;
	outcome: 'allowed' | 'denied' | 'done';
	details: Record<string, string | number | boolean | null> | null;
}

/** The folder's audit entries, newest first, with the actors' names. */
export async function accessEntries(db: Tx, personId: string, opts: { limit?: number; offset?: number } = {}): Promise<AccessEntry[]> {
	let q = db
		.select({ seq: auditLog.seq, at: auditLog.at, actorId: auditLog.actorId, action: auditLog.action, outcome: auditLog.outcome, details: auditLog.details })
		.from(auditLog)
		.where(and(eq(auditLog.resourceType, 'folder'), eq(auditLog.resourceId, personId)))
		.orderBy(desc(auditLog.seq))
		.$dynamic();
	if (opts.limit !== undefined) q = q.limit(opts.limit);
	if (opts.offset) q = q.offset(opts.offset);
	const rows = await q;
	const ids = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => x !== null))];
	const names = new Map(
		ids.length ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : []
	);
	return rows.map((r) => ({
		...r,
		at: new Date(r.at).toISOString(),
		actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
		actorGone: r.actorId !== null && !names.has(r.actorId)
	}));
}

/** The person's id and preferred name, for the heading of a folder page (call it after the policy said yes). */
export async function personHeading(db: Tx, personId: string): Promise<{ id: string; preferredName: string }> {
	const [p] = await db.select({ id: people.id, preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
	return p;
}

export interface AccessLogPage {
	person: { id: string; preferredName: string };
	entries: AccessEntry[];
	page: number;
	pageCount: number;
	total: number;
	grants: Awaited<ReturnType<typeof grantsOf>>;
}

/** One page of the access log (1-based; past the end shows the last page). Audited as `support.access_log.viewed`. */
export async function readAccessLog(ctx: Ctx, personId: string, page = 1): Promise<AccessLogPage> {
	return withFolder(ctx, 'folder.access_log.view', personId, 'share', async (tx) => {
		const [{ n }] = await tx
			.select({ n: count() })
			.from(auditLog)
			.where(and(eq(auditLog.resourceType, 'folder'), eq(auditLog.resourceId, personId)));
		const pageCount = Math.max(1, Math.ceil(n / ACCESS_PAGE_SIZE));
		const p = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
		const entries = await accessEntries(tx, personId, { limit: ACCESS_PAGE_SIZE, offset: (p - 1) * ACCESS_PAGE_SIZE });
		const grants = await grantsOf(tx, personId);
		await audit(ctx, tx, 'support.access_log.viewed', personId, 'done', { page: p });
		return { person: await personHeading(tx, personId), entries, page: p, pageCount, total: n, grants };
	});
}
