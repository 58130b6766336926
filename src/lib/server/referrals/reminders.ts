/**
 * Response-time targets: a referral still `sent` after its due time (3
 * working days) gets a reminder to the receiving organisation's inbox people
 * and an escalation e-mail to the person's lead worker, once each
 * (`reminded_at`, `escalated_at`). Rows are taken with SKIP LOCKED, so two
 * runs at once never send twice. Each escalation is written to the audit log
 * on the person's folder (the lead worker hears about their person).
 *
 * Run from the hourly housekeeping (src/lib/server/auth/housekeeping.ts).
 */
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { record } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { organisations, referrals } from '../db/schema/index.ts';
import { alias } from 'drizzle-orm/pg-core';
import { inboxPeople, leadWorkers, linkOrigin, mailEscalation, mailReminder } from './emails.ts';

export interface ReferralReminderRun {
	/** Referrals overdue in this run that still needed a reminder or an escalation. */
	referrals: number;
	reminders: number;
	escalations: number;
}

export async function sendReferralReminders(db: Db, now: Date = new Date(), opts: { origin?: string } = {}): Promise<ReferralReminderRun> {
	const origin = linkOrigin(opts.origin);
	return db.transaction(async (tx) => {
		const fromOrg = alias(organisations, 'from_org');
		const due = await tx
			.select({
				id: referrals.id,
				personId: referrals.personId,
				toOrganisationId: referrals.toOrganisationId,
				toOrganisation: organisations.name,
				fromOrganisation: fromOrg.name,
				serviceName: referrals.serviceName,
				createdAt: referrals.createdAt,
				respondBy: referrals.respondBy,
				remindedAt: referrals.remindedAt,
				escalatedAt: referrals.escalatedAt
			})
			.from(referrals)
			.innerJoin(organisations, eq(organisations.id, referrals.toOrganisationId))
			.leftJoin(fromOrg, eq(fromOrg.id, referrals.fromOrganisationId))
			.where(and(eq(referrals.state, 'sent'), lte(referrals.respondBy, now), or(isNull(referrals.remindedAt), isNull(referrals.escalatedAt))))
			.orderBy(referrals.respondBy)
			.for('update', { of: referrals, skipLocked: true });
		if (due.length === 0) return { referrals: 0, reminders: 0, escalations: 0 };

		const toRemind = due.filter((d) => !d.remindedAt);
		const toEscalate = due.filter((d) => !d.escalatedAt);
		const receivers = await inboxPeople(tx, [...new Set(toRemind.map((d) => d.toOrganisationId))]);
		const leads = await leadWorkers(tx, [...new Set(toEscalate.map((d) => d.personId))]);
		let reminders = 0;
		let escalations = 0;
		const facts = (d: (typeof due)[number]) => ({
			referralId: d.id,
			service: d.serviceName,
			fromOrganisation: d.fromOrganisation ?? '',
			toOrganisation: d.toOrganisation,
			origin,
			sentAt: d.createdAt,
			respondBy: d.respondBy
		});
		for (const d of toRemind) {
			for (const r of receivers.filter((x) => x.organisationId === d.toOrganisationId)) {
				await mailReminder(tx, r, facts(d));
				reminders++;
			}
		}
		for (const d of toEscalate) {
			const lead = leads.get(d.personId);
			if (lead) {
				await mailEscalation(tx, lead, facts(d));
				escalations++;
			}
			await record(tx, {
				actorId: null,
				action: 'referral.escalated',
				resourceType: 'folder',
				resourceId: d.personId,
				outcome: 'done',
				details: { referralId: d.id, leadNotified: Boolean(lead) }
			});
		}
		if (toRemind.length) await tx.update(referrals).set({ remindedAt: now }).where(inArray(referrals.id, toRemind.map((d) => d.id)));
		if (toEscalate.length) await tx.update(referrals).set({ escalatedAt: now }).where(inArray(referrals.id, toEscalate.map((d) => d.id)));
		return { referrals: due.length, reminders, escalations };
	});
}
