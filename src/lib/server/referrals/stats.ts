/**
 * Per-service statistics of the referrals an organisation received: how many,
 * the median time from sending to acceptance, the share completed of those
 * that ended (declined, completed or closed), and why referrals were
 * declined. No person appears here, and every count under 5 is suppressed
 * (null; shown as "fewer than 5"), with everything computed from it: a median
 * over fewer than 5 acceptances, a share whose part or whole is under 5.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { organisations, referralEvents, referrals, services } from '../db/schema/index.ts';
import { PolicyDenied, can, require as requirePolicy } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { localText, type LocalText } from '../../directory/text.ts';
import { declineReasons, readDecline, type DeclineReason } from './transitions.ts';
import { record } from '../audit/index.ts';

/** Counts under this are never shown. */
export const SMALL_CELL = 5;

/** A count, or null when it is under 5. */
export type Cell = number | null;
export const suppress = (n: number): Cell => (n < SMALL_CELL ? null : n);

export interface ServiceStats {
	serviceId: string | null;
	service: string;
	total: Cell;
	accepted: Cell;
	/** Median seconds from sent to accepted, over at least 5 acceptances. */
	medianSecondsToAccept: number | null;
	finished: Cell;
	completed: Cell;
	/** completed ÷ finished, when both are 5 or more. */
	shareCompleted: number | null;
	declined: Cell;
	reasons: { reason: DeclineReason; count: Cell }[];
}

interface Raw {
	serviceId: string | null;
	name: string;
	total: number;
	accepted: number;
	median: number | null;
	finished: number;
	completed: number;
	declined: number;
	reasons: Map<DeclineReason, number>;
}

function cellsOf(r: Raw): ServiceStats {
	const total = suppress(r.total);
	const hidden = total === null;
	const accepted = hidden ? null : suppress(r.accepted);
	const finished = hidden ? null : suppress(r.finished);
	const completed = hidden ? null : suppress(r.completed);
	const declined = hidden ? null : suppress(r.declined);
	return {
		serviceId: r.serviceId,
		service: r.name,
		total,
		accepted,
		medianSecondsToAccept: accepted === null ? null : r.median,
		finished,
		completed,
		shareCompleted: finished !== null && completed !== null ? r.completed / r.finished : null,
		declined,
		reasons: hidden ? [] : declineReasons.filter((x) => r.reasons.has(x)).map((x) => ({ reason: x, count: suppress(r.reasons.get(x) ?? 0) }))
	};
}

/** Organisations whose statistics the actor may read: their own (owner, coordinator), or, for city staff, every one that received a referral. */
export async function statsOrganisations(ctx: Ctx): Promise<{ id: string; name: string }[]> {
	if (ctx.actor.kind !== 'user') return [];
	const staff = can(ctx.actor, 'referral.stats', { type: 'organisation', id: '00000000-0000-0000-0000-000000000000' }) === 'allowed';
	if (staff) {
		return ctx.db
			.select({ id: organisations.id, name: organisations.name })
			.from(organisations)
			.where(sql`exists (select 1 from ${referrals} where ${referrals.toOrganisationId} = ${organisations.id})`)
			.orderBy(asc(organisations.name), asc(organisations.id));
	}
	const ids = [...ctx.actor.memberships.keys()].filter((id) => can(ctx.actor, 'referral.stats', { type: 'organisation', id }) === 'allowed');
	if (ids.length === 0) return [];
	return ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.name), asc(organisations.id));
}

export async function referralStats(ctx: Ctx, organisationId: string): Promise<{ organisationId: string; organisationName: string; all: ServiceStats; services: ServiceStats[] }> {
	if (!isUuid(organisationId)) throw new Refusal(403, 'referrals_stats_forbidden');
	try {
		requirePolicy(ctx.actor, 'referral.stats', { type: 'organisation', id: organisationId });
	} catch (err) {
		if (err instanceof PolicyDenied && err.decision === 'denied') throw new Refusal(403, 'referrals_stats_forbidden');
		throw err;
	}
	const [org] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
	if (!org) throw new Refusal(403, 'referrals_stats_forbidden');

	const acceptedAt = sql`(select min(${referralEvents.at}) from ${referralEvents} where ${referralEvents.referralId} = ${referrals.id} and ${referralEvents.toState} = 'accepted')`;
	const seconds = sql`extract(epoch from (${acceptedAt} - ${referrals.createdAt}))`;
	const columns = {
		total: sql<number>`count(*)`.mapWith(Number),
		accepted: sql<number>`count(${acceptedAt})`.mapWith(Number),
		median: sql<number | null>`percentile_cont(0.5) within group (order by ${seconds})`.mapWith((v) => (v === null ? null : Number(v))),
		finished: sql<number>`count(*) filter (where ${referrals.state} in ('declined', 'completed', 'closed'))`.mapWith(Number),
		completed: sql<number>`count(*) filter (where ${referrals.state} = 'completed')`.mapWith(Number),
		declined: sql<number>`count(*) filter (where ${referrals.state} = 'declined')`.mapWith(Number)
	};
	const mine = eq(referrals.toOrganisationId, organisationId);
	const perService = await ctx.db
		.select({ serviceId: referrals.serviceId, fallback: sql<string>`max(${referrals.serviceName})`, ...columns })
		.from(referrals)
		.where(mine)
		.groupBy(referrals.serviceId);
	const [whole] = await ctx.db.select(columns).from(referrals).where(mine);
	const reasonRows = await ctx.db
		.select({ serviceId: referrals.serviceId, reason: referralEvents.reason })
		.from(referralEvents)
		.innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
		.where(and(mine, eq(referralEvents.toState, 'declined')));
	const ids = perService.map((s) => s.serviceId).filter((x): x is string => x !== null);
	const names = ids.length ? await ctx.db.select({ id: services.id, name: services.name }).from(services).where(inArray(services.id, ids)) : [];
	const nameOf = new Map(names.map((n) => [n.id, localText(n.name as LocalText, ctx.locale)]));

	const reasonsOf = (serviceId: string | null | undefined) => {
		const out = new Map<DeclineReason, number>();
		for (const r of reasonRows) {
			if (serviceId !== undefined && r.serviceId !== serviceId) continue;
			const code = readDecline(r.reason ?? '').code;
			out.set(code, (out.get(code) ?? 0) + 1);
		}
		return out;
	};
	await record(ctx.db, {
		actorId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
		action: 'referral.stats',
		resourceType: 'organisation',
		resourceId: organisationId,
		outcome: 'done',
		ip: ctx.ip,
		requestId: ctx.requestId
	});
	return {
		organisationId,
		organisationName: org.name,
		all: cellsOf({ serviceId: null, name: '', ...whole, reasons: reasonsOf(undefined) }),
		services: perService
			.map((s) => cellsOf({ ...s, name: (s.serviceId && nameOf.get(s.serviceId)) || s.fallback, reasons: reasonsOf(s.serviceId) }))
			.sort((a, b) => a.service.localeCompare(b.service, ctx.locale))
	};
}
