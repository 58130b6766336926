/**
 * Platform roles, given by an administrator. A change signs the person out
 * everywhere so their privileges are read again; the last administrator
 * cannot be removed.
 */
import { and, asc, count, eq, ilike, isNotNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { users } from '../db/schema/index.ts';
import type { PlatformRole } from '../db/schema/index.ts';
import { deleteUserSessions } from '../auth/session.ts';
import { can } from '../policy/index.ts';
import { Refusal, forbidden, isUuid } from '../organisations/errors.ts';
import { audit } from '../organisations/organisations.ts';

export const USERS_PAGE = 25;
/** Any constant: every role change takes the same lock, so two admins cannot demote each other at once. */
const ROLE_LOCK = 42_4243;

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchUsers(ctx: Ctx, query: { q?: string; role?: PlatformRole | 'any'; page?: number }) {
	if (can(ctx.actor, 'platform.users.view') !== 'allowed') throw forbidden();
	const conds = [];
	const q = query.q?.normalize('NFC').trim().slice(0, 100);
	if (q) {
		const p = `%${escapeLike(q)}%`;
		conds.push(or(ilike(users.displayName, p), ilike(users.email, p))!);
	}
	if (query.role && query.role !== 'any') conds.push(eq(users.platformRole, query.role));
	const where = conds.length ? and(...conds) : undefined;
	return ctx.db.transaction(async (tx) => {
		const [{ total }] = await tx.select({ total: count() }).from(users).where(where);
		const pageCount = Math.max(1, Math.ceil(Number(total) / USERS_PAGE));
		const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
		const rows = await tx
			.select({
				id: users.id,
				displayName: users.displayName,
				email: users.email,
				kind: users.kind,
				platformRole: users.platformRole,
				totpEnabled: isNotNull(users.totpEnabledAt),
				disabled: isNotNull(users.disabledAt),
				createdAt: users.createdAt
			})
			.from(users)
			.where(where)
			.orderBy(asc(sql`lower(${users.displayName})`), asc(users.id))
			.limit(USERS_PAGE)
			.offset((page - 1) * USERS_PAGE);
		await audit(ctx, tx, {
			action: 'platform.users.view',
			resourceType: 'platform',
			details: { searched: Boolean(q), role: query.role ?? 'any', page, count: rows.length }
		});
		return { rows, total: Number(total), page, pageCount };
	});
}

async function adminCount(tx: Tx): Promise<number> {
	const [{ n }] = await tx.select({ n: count() }).from(users).where(and(eq(users.platformRole, 'admin'), sql`${users.disabledAt} is null`));
	return Number(n);
}

/** Sets (or, with null, removes) a person's platform role. */
export async function setPlatformRole(ctx: Ctx, userId: string, role: PlatformRole | null): Promise<{ changed: boolean }> {
	if (can(ctx.actor, 'platform.roles.manage') !== 'allowed') throw forbidden();
	if (!isUuid(userId)) throw new Refusal(404, 'admin_user_not_found');
	return ctx.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${ROLE_LOCK})`);
		const [target] = await tx.select({ id: users.id, role: users.platformRole }).from(users).where(eq(users.id, userId)).limit(1);
		if (!target) throw new Refusal(404, 'admin_user_not_found');
		const from = target.role ?? null;
		if (from === role) return { changed: false };
		if (from === 'admin' && (await adminCount(tx)) <= 1) throw new Refusal(409, 'admin_last_admin');
		await tx.update(users).set({ platformRole: role, updatedAt: new Date() }).where(eq(users.id, target.id));
		await deleteUserSessions(tx, target.id);
		await audit(ctx, tx, {
			action: 'platform.roles.manage',
			resourceType: 'account',
			resourceId: target.id,
			details: { from, to: role }
		});
		return { changed: true };
	});
}
