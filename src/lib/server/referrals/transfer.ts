/**
 * Transfer of a whole case to another organisation, with the person's
 * consent (policy `folder.transfer`: the lead worker or a coordinator or
 * owner of the lead worker's organisation).
 *
 * The receiving organisation must be named by an active `share` consent,
 * which the form chooses. In one transaction: it joins the case team, one of
 * its workers becomes the lead worker, the old organisation leaves the team
 * (its row stays, with the time it left) and a `case_transfers` row records
 * who moved the case from where to where, under which consent and why.
 * Nothing else is touched: the folder, its consents, notes, referrals and
 * their events stay as they were, so the history is kept. The new lead
 * worker gets an e-mail.
 */
import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context.ts';
import { caseTeam, caseTransfers, caseWorkers, consents, memberships, organisations, people, users } from '../db/schema/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit, withFolder } from '../support/folders.ts';
import { mailTransferred } from './emails.ts';
import { cityTimeZone } from './workdays.ts';

const workerRoles = ['owner', 'coordinator', 'case_worker'] as const;

export interface TransferInput {
	consentId: string;
	leadUserId: string;
	reason: string;
}

export interface TransferPage {
	person: { id: string; preferredName: string };
	leadOrganisationId: string | null;
	leadOrganisationName: string | null;
	/** Organisations the case may move to: named by an active `share` consent, not the lead's own. */
	targets: { consentId: string; organisationId: string; organisationName: string; workers: { userId: string; name: string }[] }[];
	history: { id: string; from: string | null; to: string | null; byName: string | null; reason: string | null; at: Date }[];
	timeZone: string;
}

export async function transferPage(ctx: Ctx, personId: string): Promise<TransferPage> {
	return withFolder(ctx, 'folder.transfer', personId, 'share', async (tx, facts) => {
		const [person] = await tx.select({ id: people.id, preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
		const shares = await tx
			.select({ consentId: consents.id, organisationId: organisations.id, organisationName: organisations.name })
			.from(consents)
			.innerJoin(organisations, eq(organisations.id, consents.organisationId))
			.where(
				and(
					eq(consents.personId, personId),
					eq(consents.purpose, 'share'),
					isNull(consents.withdrawnAt),
					eq(organisations.verification, 'verified'),
					facts.leadOrganisationId ? ne(organisations.id, facts.leadOrganisationId) : undefined
				)
			)
			.orderBy(asc(organisations.name));
		const workers = shares.length
			? await tx
					.select({ userId: users.id, name: users.displayName, organisationId: memberships.organisationId })
					.from(memberships)
					.innerJoin(users, eq(users.id, memberships.userId))
					.where(and(inArray(memberships.organisationId, shares.map((s) => s.organisationId)), inArray(memberships.role, [...workerRoles])))
					.orderBy(asc(users.displayName), asc(users.id))
			: [];
		const fromOrg = alias(organisations, 'from_org');
		const toOrg = alias(organisations, 'to_org');
		const history = await tx
			.select({ id: caseTransfers.id, from: fromOrg.name, to: toOrg.name, byName: users.displayName, reason: caseTransfers.reason, at: caseTransfers.transferredAt })
			.from(caseTransfers)
			.leftJoin(fromOrg, eq(fromOrg.id, caseTransfers.fromOrganisationId))
			.leftJoin(toOrg, eq(toOrg.id, caseTransfers.toOrganisationId))
			.leftJoin(users, eq(users.id, caseTransfers.transferredBy))
			.where(eq(caseTransfers.personId, personId))
			.orderBy(desc(caseTransfers.transferredAt), desc(caseTransfers.id));
		const [lead] = facts.leadOrganisationId
			? await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, facts.leadOrganisationId))
			: [];
		await audit(ctx, tx, 'support.transfer.viewed', personId);
		return {
			person,
			leadOrganisationId: facts.leadOrganisationId,
			leadOrganisationName: lead?.name ?? null,
			targets: shares.map((s) => ({ ...s, workers: workers.filter((w) => w.organisationId === s.organisationId).map(({ userId, name }) => ({ userId, name })) })),
			history,
			timeZone: cityTimeZone()
		};
	});
}

export async function transferCase(ctx: Ctx, personId: string, input: TransferInput): Promise<{ transferId: string; organisationId: string }> {
	const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
	return withFolder(ctx, 'folder.transfer', personId, 'update', async (tx, facts) => {
		const [consent] = await tx
			.select({ id: consents.id, organisationId: consents.organisationId })
			.from(consents)
			.innerJoin(organisations, eq(organisations.id, consents.organisationId))
			.where(
				and(
					eq(consents.id, input.consentId),
					eq(consents.personId, personId),
					eq(consents.purpose, 'share'),
					isNull(consents.withdrawnAt),
					eq(organisations.verification, 'verified')
				)
			);
		if (!consent?.organisationId) throw new Refusal(400, 'referrals_transfer_consent_unknown', 'consentId');
		const to = consent.organisationId;
		const from = facts.leadOrganisationId;
		if (to === from) throw new Refusal(409, 'referrals_transfer_same_organisation', 'consentId');
		const [member] = await tx
			.select({ userId: memberships.userId })
			.from(memberships)
			.where(and(eq(memberships.organisationId, to), eq(memberships.userId, input.leadUserId), inArray(memberships.role, [...workerRoles])));
		if (!member) throw new Refusal(400, 'referrals_transfer_worker_unknown', 'leadUserId');

		// The new organisation joins the team (again, if it was on it before).
		const [onTeam] = await tx
			.select({ removedAt: caseTeam.removedAt })
			.from(caseTeam)
			.where(and(eq(caseTeam.personId, personId), eq(caseTeam.organisationId, to)));
		if (!onTeam) await tx.insert(caseTeam).values({ personId, organisationId: to, addedBy: userId });
		else if (onTeam.removedAt)
			await tx
				.update(caseTeam)
				.set({ removedAt: null, addedAt: new Date(), addedBy: userId })
				.where(and(eq(caseTeam.personId, personId), eq(caseTeam.organisationId, to)));
		// The lead moves: the old lead stays a worker (history), the new one leads.
		await tx.update(caseWorkers).set({ lead: false }).where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.lead, true)));
		const [already] = await tx
			.select({ userId: caseWorkers.userId })
			.from(caseWorkers)
			.where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.userId, input.leadUserId)));
		if (already)
			await tx
				.update(caseWorkers)
				.set({ lead: true, organisationId: to })
				.where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.userId, input.leadUserId)));
		else await tx.insert(caseWorkers).values({ personId, userId: input.leadUserId, organisationId: to, lead: true, addedBy: userId });
		// The old organisation leaves the team; its row stays with the time it left.
		if (from)
			await tx
				.update(caseTeam)
				.set({ removedAt: new Date() })
				.where(and(eq(caseTeam.personId, personId), eq(caseTeam.organisationId, from), isNull(caseTeam.removedAt)));
		const [row] = await tx
			.insert(caseTransfers)
			.values({ personId, fromOrganisationId: from, toOrganisationId: to, consentId: consent.id, reason: input.reason, transferredBy: userId })
			.returning({ id: caseTransfers.id });
		await audit(ctx, tx, 'support.case.transferred', personId, 'done', { transferId: row.id, fromOrganisationId: from, toOrganisationId: to, leadUserId: input.leadUserId });
		const names = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [to, ...(from ? [from] : [])]));
		const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? '';
		if (input.leadUserId !== userId) await mailTransferred(tx, input.leadUserId, { personId, fromOrganisation: nameOf(from), toOrganisation: nameOf(to), origin: ctx.origin });
		return { transferId: row.id, organisationId: to };
	});
}
