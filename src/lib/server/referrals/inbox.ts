/**
 * The receiving organisation's referral inbox: one page of its referrals,
 * newest first, optionally of one state (or only those overdue), with the
 * counts per state for the filter. Each row carries only what was shared,
 * and nothing of a person whose `share` consent was withdrawn.
 *
 * Fast at 10,000 referrals: the filter and the order follow the index
 * `referrals_inbox_idx (to_organisation_id, state, created_at)`; the counts
 * are one grouped scan of the same index; the page joins by primary keys.
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { consents, organisations, people, referralStates, referrals, services } from '../db/schema/index.ts';
import type { ReferralState } from '../db/schema/index.ts';
import { PolicyDenied, require as requirePolicy } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { audit } from '../support/folders.ts';
import { localText, type LocalText } from '../../directory/text.ts';
import { cityTimeZone } from './workdays.ts';

export const INBOX_PAGE_SIZE = 25;

/** A state, or `overdue`: still `sent` after its response time. */
export type InboxFilter = ReferralState | 'overdue';
export const inboxFilters: readonly InboxFilter[] = [...referralStates, 'overdue'];

export interface InboxRow {
	id: string;
	state: ReferralState;
	service: string;
	fromOrganisationName: string | null;
	/** Null when the name was not shared, or the consent behind it is withdrawn. */
	preferredName: string | null;
	languages: string[] | null;
	createdAt: Date;
	respondBy: Date;
	overdue: boolean;
}

export interface Inbox {
	organisationId: string;
	rows: InboxRow[];
	total: number;
	page: number;
	pages: number;
	state: InboxFilter | null;
	counts: Record<InboxFilter, number> & { all: number };
	timeZone: string;
}

/** The organisations whose inbox the actor may open (owner, coordinator, case worker), by name. */
export async function inboxOrganisations(ctx: Ctx): Promise<{ id: string; name: string }[]> {
	if (ctx.actor.kind !== 'user') return [];
	const ids = [...ctx.actor.memberships].filter(([, r]) => r === 'owner' || r === 'coordinator' || r === 'case_worker').map(([id]) => id);
	if (ids.length === 0) return [];
	return ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.name), asc(organisations.id));
}

export async function referralInbox(
	ctx: Ctx,
	organisationId: string,
	opts: { state?: InboxFilter | null; page?: number } = {},
	now = new Date()
): Promise<Inbox> {
	try {
		requirePolicy(ctx.actor, 'referral.inbox', { type: 'organisation', id: isUuid(organisationId) ? organisationId : '' });
	} catch (err) {
		if (err instanceof PolicyDenied && err.decision === 'denied') {
			await audit(ctx, ctx.db, 'referral.inbox', null, 'denied', { organisationId: organisationId.slice(0, 64) });
			throw new Refusal(403, 'referrals_inbox_forbidden');
		}
		throw err;
	}
	const state = opts.state ?? null;
	const mine = eq(referrals.toOrganisationId, organisationId);
	let where: SQL | undefined = mine;
	if (state === 'overdue') where = and(mine, eq(referrals.state, 'sent'), lte(referrals.respondBy, now));
	else if (state) where = and(mine, eq(referrals.state, state));

	const grouped = await ctx.db
		.select({
			state: referrals.state,
			n: sql<number>`count(*)`.mapWith(Number),
			overdue: sql<number>`count(*) filter (where ${referrals.state} = 'sent' and ${referrals.respondBy} <= ${now})`.mapWith(Number)
		})
		.from(referrals)
		.where(mine)
		.groupBy(referrals.state);
	const counts = Object.fromEntries([...inboxFilters, 'all'].map((k) => [k, 0])) as Inbox['counts'];
	for (const g of grouped) {
		counts[g.state] = g.n;
		counts.all += g.n;
		counts.overdue += g.overdue;
	}
	const total = state ? counts[state] : counts.all;
	const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);

	const rows = await ctx.db
		.select({
			id: referrals.id,
			state: referrals.state,
			serviceName: referrals.serviceName,
			liveName: services.name,
			fromOrganisationName: organisations.name,
			sharedFields: referrals.sharedFields,
			consentId: consents.id,
			preferredName: people.preferredName,
			languages: people.languages,
			createdAt: referrals.createdAt,
			respondBy: referrals.respondBy
		})
		.from(referrals)
		.leftJoin(consents, and(eq(consents.id, referrals.consentId), isNull(consents.withdrawnAt)))
		.leftJoin(people, and(eq(people.id, referrals.personId), isNull(people.erasedAt)))
		.leftJoin(organisations, eq(organisations.id, referrals.fromOrganisationId))
		.leftJoin(services, eq(services.id, referrals.serviceId))
		.where(where)
		.orderBy(desc(referrals.createdAt), desc(referrals.id))
		.limit(INBOX_PAGE_SIZE)
		.offset((page - 1) * INBOX_PAGE_SIZE);

	await audit(ctx, ctx.db, 'referral.inbox', null, 'done', { organisationId, state: state ?? 'all', page, count: rows.length });
	return {
		organisationId,
		total,
		page,
		pages,
		state,
		counts,
		timeZone: cityTimeZone(),
		rows: rows.map((r) => {
			const shared = r.consentId !== null;
			return {
				id: r.id,
				state: r.state,
				service: localText(r.liveName as LocalText | null, ctx.locale) || r.serviceName,
				fromOrganisationName: r.fromOrganisationName,
				preferredName: shared && r.sharedFields.includes('preferred_name') ? r.preferredName : null,
				languages: shared && r.sharedFields.includes('languages') ? r.languages : null,
				createdAt: r.createdAt,
				respondBy: r.respondBy,
				overdue: r.state === 'sent' && r.respondBy <= now
			};
		})
	};
}
