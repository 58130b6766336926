/**
 * Per-service statistics of the referrals an organisation received: how many,
 * the median time from sending to acceptance, the share completed of those
 * that ended (declined, completed or closed), and why referrals were
 * declined. No person appears here. Every count under 5 is suppressed
 * ("fewer than 5"), with everything computed from it (a median over fewer
 * than 5 acceptances, a share whose part or whole is hidden), and so is any
 * other count from which a hidden one could be worked out (`publish`).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { organisations, referralEvents, referrals, services } from '../db/schema/index.ts';
import { PolicyDenied, can, require as requirePolicy } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { localText, type LocalText } from '../../directory/text.ts';
import { declineReasons, readDecline, type DeclineReason } from './transitions.ts';
import { record } from '../audit/index.ts';
import { hideForSums, THRESHOLD, type Sum } from '../support/suppression.ts';

/** Counts under this are never shown. */
export const SMALL_CELL = THRESHOLD;

/**
 * A published count: the number; `few` when it is under 5 (shown as "fewer
 * than 5"); `hidden` when it is 5 or more but would let a `few` one be
 * worked out from a sum (shown as "not shown").
 */
export type Cell = number | 'few' | 'hidden';

export interface ServiceStats {
	serviceId: string | null;
	service: string;
	total: Cell;
	accepted: Cell;
	/** Median seconds from sent to accepted, when the count of acceptances is shown. */
	medianSecondsToAccept: number | null;
	finished: Cell;
	completed: Cell;
	/** completed ÷ finished, when both are shown. */
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

const measures = ['total', 'accepted', 'finished', 'completed', 'declined'] as const;

/**
 * Suppression over the whole table. Primary: every count under 5, and every
 * cell of a service with fewer than 5 referrals. Secondary: the all-services
 * row is the sum of the service rows (per measure and per reason), and a
 * service's declines are the sum of its reasons; a sum with exactly one
 * hidden term would give it away, so one more term is hidden, the sum itself
 * when it still shows (the per-service figures are the point of the page),
 * else its smallest visible part, until no sum has exactly one hidden term.
 */
export function publish(all: Raw, services: readonly Raw[]): { all: ServiceStats; services: ServiceStats[] } {
	const rows = [all, ...services];
	const value = new Map<string, number>();
	const few = new Set<string>();
	const key = (row: number, m: string) => `${row}:${m}`;
	rows.forEach((r, i) => {
		const small = r.total < SMALL_CELL;
		for (const m of measures) {
			value.set(key(i, m), r[m]);
			if (small || r[m] < SMALL_CELL) few.add(key(i, m));
		}
		for (const code of declineReasons) {
			const n = r.reasons.get(code) ?? 0;
			if (n === 0) continue;
			value.set(key(i, `r:${code}`), n);
			if (small || n < SMALL_CELL) few.add(key(i, `r:${code}`));
		}
	});
	const sums: Sum[] = [];
	for (const m of [...measures, ...declineReasons.map((c) => `r:${c}`)]) {
		const parts = services.map((_, i) => key(i + 1, m)).filter((k) => value.has(k));
		if (value.has(key(0, m))) sums.push({ whole: key(0, m), parts });
	}
	rows.forEach((_, i) => {
		const parts = declineReasons.map((c) => key(i, `r:${c}`)).filter((k) => value.has(k));
		if (parts.length) sums.push({ whole: key(i, 'declined'), parts });
	});
	const hidden = hideForSums(few, value, sums, 'whole');
	const cell = (k: string): Cell => (few.has(k) ? 'few' : hidden.has(k) ? 'hidden' : (value.get(k) ?? 0));
	const out = rows.map((r, i): ServiceStats => {
		const c = (m: string) => cell(key(i, m));
		const accepted = c('accepted');
		const finished = c('finished');
		const completed = c('completed');
		return {
			serviceId: r.serviceId,
			service: r.name,
			total: c('total'),
			accepted,
			medianSecondsToAccept: typeof accepted === 'number' ? r.median : null,
			finished,
			completed,
			shareCompleted: typeof finished === 'number' && typeof completed === 'number' && finished > 0 ? completed / finished : null,
			declined: c('declined'),
			reasons: r.total < SMALL_CELL ? [] : declineReasons.filter((x) => value.has(key(i, `r:${x}`))).map((x) => ({ reason: x, count: c(`r:${x}`) }))
		};
	});
	return { all: out[0], services: out.slice(1) };
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
	const published = publish(
		{ serviceId: null, name: '', ...whole, reasons: reasonsOf(undefined) },
		perService.map((s) => ({ ...s, name: (s.serviceId && nameOf.get(s.serviceId)) || s.fallback, reasons: reasonsOf(s.serviceId) }))
	);
	return {
		organisationId,
		organisationName: org.name,
		all: published.all,
		services: published.services.sort((a, b) => a.service.localeCompare(b.service, ctx.locale))
	};
}
