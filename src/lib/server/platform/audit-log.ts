/** The audit log, read by administrators; reading it is itself recorded. */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { auditLog, users } from '../db/schema/index.ts';
import { verifyChain, type VerifyResult } from '../audit/index.ts';
import { can } from '../policy/index.ts';
import { forbidden, isUuid } from '../organisations/errors.ts';
import { audit } from '../organisations/organisations.ts';

export const AUDIT_PAGE = 50;

export async function readAuditLog(ctx: Ctx, query: { action?: string; actor?: string; page?: number }) {
	if (can(ctx.actor, 'platform.audit.view') !== 'allowed') throw forbidden();
	const conds: SQL[] = [];
	const action = query.action?.trim().slice(0, 100);
	if (action) conds.push(eq(auditLog.action, action));
	const actor = query.actor?.trim();
	if (actor) {
		// A forged actor filter simply matches nothing.
		if (!isUuid(actor)) return { rows: [], total: 0, page: 1, pageCount: 1 };
		conds.push(eq(auditLog.actorId, actor));
	}
	const where = conds.length ? and(...conds) : undefined;
	return ctx.db.transaction(async (tx) => {
		const [{ total }] = await tx.select({ total: count() }).from(auditLog).where(where);
		const pageCount = Math.max(1, Math.ceil(Number(total) / AUDIT_PAGE));
		const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
		const rows = await tx
			.select({
				seq: auditLog.seq,
				at: auditLog.at,
				actorId: auditLog.actorId,
				actorName: users.displayName,
				action: auditLog.action,
				resourceType: auditLog.resourceType,
				resourceId: auditLog.resourceId,
				outcome: auditLog.outcome,
				ip: auditLog.ip,
				details: auditLog.details
			})
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.actorId))
			.where(where)
			.orderBy(desc(auditLog.seq))
			.limit(AUDIT_PAGE)
			.offset((page - 1) * AUDIT_PAGE);
		await audit(ctx, tx, {
			action: 'platform.audit.view',
			resourceType: 'platform',
			details: { page, filtered: conds.length > 0 }
		});
		return { rows, total: Number(total), page, pageCount };
	});
}

/** The distinct actions in the log, for the filter. */
export async function auditActions(ctx: Ctx): Promise<string[]> {
	if (can(ctx.actor, 'platform.audit.view') !== 'allowed') throw forbidden();
	const rows = await ctx.db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action).limit(500);
	return rows.map((r) => r.action);
}

export async function checkAuditChain(ctx: Ctx): Promise<VerifyResult> {
	if (can(ctx.actor, 'platform.audit.view') !== 'allowed') throw forbidden();
	const result = await verifyChain(ctx.db);
	await audit(ctx, ctx.db, {
		action: 'platform.audit.verify',
		resourceType: 'platform',
		details: { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt ?? null }
	});
	return result;
}
