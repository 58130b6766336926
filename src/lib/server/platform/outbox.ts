/** The e-mail outbox, read by administrators (audited: it holds people's addresses and links). */
import { count, desc } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { can } from '../policy/index.ts';
import { forbidden } from '../organisations/errors.ts';
import { audit } from '../organisations/organisations.ts';

export const OUTBOX_PAGE = 20;

export async function readOutbox(ctx: Ctx, page = 1) {
	if (can(ctx.actor, 'platform.outbox.view') !== 'allowed') throw forbidden();
	return ctx.db.transaction(async (tx) => {
		const [{ total }] = await tx.select({ total: count() }).from(emailOutbox);
		const pageCount = Math.max(1, Math.ceil(Number(total) / OUTBOX_PAGE));
		const p = Math.min(Math.max(1, page), pageCount);
		const rows = await tx
			.select()
			.from(emailOutbox)
			.orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
			.limit(OUTBOX_PAGE)
			.offset((p - 1) * OUTBOX_PAGE);
		await audit(ctx, tx, {
			action: 'platform.outbox.view',
			resourceType: 'platform',
			details: { page: p, count: rows.length }
		});
		return { rows, total: Number(total), page: p, pageCount };
	});
}
