/**
 * Shared by the directory's use cases: who may write an organisation's
 * records (asked of the policy with the organisation found in the database),
 * the audit entry and the history snapshot every write leaves.
 */
import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
export { actorId };
import type { Tx } from '../db/index.ts';
import { directoryHistory } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { PolicyDenied, require as requirePolicy } from '../policy/index.ts';
import { Refusal } from '../organisations/errors.ts';

/** Throws a Refusal (403, "belongs to another organisation") unless the actor may manage this organisation's directory. */
export function requireManage(ctx: Ctx, organisationId: string): void {
	try {
		requirePolicy(ctx.actor, 'directory.manage', { type: 'organisation', id: organisationId });
	} catch (err) {
		if (err instanceof PolicyDenied) throw new Refusal(403, 'directory_forbidden');
		throw err;
	}
}

export async function auditDirectory(
	ctx: Ctx,
	tx: Tx,
	action: string,
	resourceType: 'service' | 'location',
	resourceId: string,
	details: Record<string, string | number | boolean | null> = {}
): Promise<void> {
	await record(tx, {
		actorId: actorId(ctx),
		action,
		resourceType,
		resourceId,
		outcome: 'done',
		ip: ctx.ip,
		requestId: ctx.requestId,
		details
	});
}

export async function addHistory(
	ctx: Ctx,
	tx: Tx,
	entry: { entity: 'service' | 'location'; entityId: string; organisationId: string; change: string; snapshot: unknown; at?: Date }
): Promise<void> {
	await tx.insert(directoryHistory).values({
		entity: entry.entity,
		entityId: entry.entityId,
		organisationId: entry.organisationId,
		change: entry.change,
		snapshot: entry.snapshot as object,
		changedBy: actorId(ctx),
		changedAt: entry.at ?? new Date()
	});
}

/**
 * Serialises the creation forms with one token, so a form posted twice
 * (double click, replay, back button) is created once: the second post
 * finds the first's history row.
 */
export async function lockFormId(tx: Tx, formId: string): Promise<void> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'directory-form:' + formId}))`);
}

export async function findCreatedBy(tx: Tx, entity: 'service' | 'location', organisationId: string, formId: string): Promise<string | null> {
	const rows = await tx.execute(
		sql`select entity_id from directory_history where entity = ${entity} and organisation_id = ${organisationId} and change = 'created' and snapshot->>'formId' = ${formId} limit 1`
	);
	const list = ((rows as { rows?: { entity_id: string }[] }).rows ?? (rows as unknown as { entity_id: string }[])) as { entity_id: string }[];
	return list[0]?.entity_id ?? null;
}
