/**
 * City staff verify organisations: verified ones appear in the public
 * directory. Rejecting needs a reason, which the organisation's owners read.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { organisations, users } from '../db/schema/index.ts';
import type { VerificationState } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { can } from '../policy/index.ts';
import { m } from '#lib/paraglide/messages.js';
import { Refusal, forbidden, isUuid } from '../organisations/errors.ts';
import { audit } from '../organisations/organisations.ts';
import { ownersOf } from '../organisations/members.ts';
import { mailLocale } from '../organisations/mail.ts';

export const QUEUE_PAGE = 20;

function requireVerifier(ctx: Ctx) {
	if (can(ctx.actor, 'organisation.verify') !== 'allowed') throw forbidden();
}

/** Organisations in one verification state; the unverified ones oldest first, so none waits forever. */
export async function verificationQueue(ctx: Ctx, state: VerificationState = 'unverified', page = 1) {
	requireVerifier(ctx);
	const where = eq(organisations.verification, state);
	const [{ total }] = await ctx.db.select({ total: count() }).from(organisations).where(where);
	const pageCount = Math.max(1, Math.ceil(Number(total) / QUEUE_PAGE));
	const p = Math.min(Math.max(1, page), pageCount);
	const rows = await ctx.db
		.select({
			id: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			type: organisations.type,
			description: organisations.description,
			website: organisations.website,
			email: organisations.email,
			createdAt: organisations.createdAt,
			verifiedAt: organisations.verifiedAt,
			rejectionReason: organisations.rejectionReason,
			verifiedBy: users.displayName
		})
		.from(organisations)
		.leftJoin(users, eq(users.id, organisations.verifiedBy))
		.where(where)
		.orderBy(state === 'unverified' ? asc(organisations.createdAt) : desc(organisations.verifiedAt), asc(organisations.id))
		.limit(QUEUE_PAGE)
		.offset((p - 1) * QUEUE_PAGE);
	return { rows, total: Number(total), page: p, pageCount };
}

async function decide(ctx: Ctx, organisationId: string, to: 'verified' | 'rejected', reason: string | null) {
	requireVerifier(ctx);
	if (ctx.actor.kind !== 'user') throw forbidden();
	const actorId = ctx.actor.userId;
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	const org = await ctx.db.transaction(async (tx) => {
		const [current] = await tx.select().from(organisations).where(eq(organisations.id, organisationId)).for('update').limit(1);
		if (!current) throw new Refusal(404, 'org_not_found');
		if (current.verification === to) throw new Refusal(409, to === 'verified' ? 'admin_already_verified' : 'admin_already_rejected');
		await tx
			.update(organisations)
			.set({ verification: to, verifiedAt: new Date(), verifiedBy: actorId, rejectionReason: reason, updatedAt: new Date() })
			.where(and(eq(organisations.id, current.id), eq(organisations.verification, current.verification)));
		await audit(ctx, tx, {
			action: to === 'verified' ? 'organisation.verify' : 'organisation.reject',
			resourceType: 'organisation',
			resourceId: current.id,
			details: { from: current.verification, to }
		});
		return current;
	});
	const owners = await ownersOf(ctx.db, org.id);
	for (const owner of owners) {
		if (!owner.email) continue;
		const locale = mailLocale(owner.locale);
		const link = `${ctx.origin}/app/organisations/${org.id}`;
		await sendEmail(ctx.db, {
			to: owner.email,
			template: to === 'verified' ? 'organisation_verified' : 'organisation_rejected',
			subject:
				to === 'verified'
					? m.admin_verified_email_subject({ organisation: org.name }, { locale })
					: m.admin_rejected_email_subject({ organisation: org.name }, { locale }),
			text:
				to === 'verified'
					? m.admin_verified_email_body({ organisation: org.name, link }, { locale })
					: m.admin_rejected_email_body({ organisation: org.name, reason: reason ?? '', link }, { locale })
		});
	}
}

export async function verifyOrganisation(ctx: Ctx, organisationId: string) {
	return decide(ctx, organisationId, 'verified', null);
}

export async function rejectOrganisation(ctx: Ctx, organisationId: string, reason: string) {
	const r = reason.trim();
	if (!r) throw new Refusal(400, 'admin_reason_required', 'reason');
	return decide(ctx, organisationId, 'rejected', r);
}

/** Counts per state, for the administration overview. */
export async function verificationCounts(ctx: Ctx) {
	requireVerifier(ctx);
	const rows = await ctx.db
		.select({ state: organisations.verification, n: sql<number>`count(*)::int`.mapWith(Number) })
		.from(organisations)
		.groupBy(organisations.verification);
	const out: Record<VerificationState, number> = { unverified: 0, verified: 0, rejected: 0 };
	for (const r of rows) out[r.state] = r.n;
	return out;
}
