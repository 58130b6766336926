/**
 * Support statistics for city staff and evaluators (`support.stats.view`):
 * people by neighbourhood, people by life domain and the band of their
 * latest score, referrals by state. Only people with an active `statistics`
 * consent count (anonymised folders keep theirs, without identity); every
 * count goes through small-cell suppression (suppression.ts) before it
 * leaves this module, so no page or export can show a raw small count.
 */
import { asc, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { consents, lifeDomains, neighbourhoods, people, referralStates, type LifeDomain, type ReferralState } from '../db/schema/index.ts';
import { require as requirePolicy } from '../policy/index.ts';
import { suppressList, suppressRows, type Shown } from './suppression.ts';

export const bands = ['low', 'mid', 'high'] as const;
export type Band = (typeof bands)[number];
export const bandOf = (score: number): Band => (score <= 2 ? 'low' : score === 3 ? 'mid' : 'high');

export interface SupportStats {
	byNeighbourhood: { rows: { name: string | null; people: Shown }[]; total: Shown };
	byDomain: { rows: { domain: LifeDomain; bands: Record<Band, Shown>; total: Shown }[] };
	byState: { rows: { state: ReferralState; referrals: Shown }[]; total: Shown };
}

/** People who agreed to anonymised statistics (an active consent of that purpose). */
const consented = sql`exists (select 1 from ${consents} c where c.person_id = ${people.id} and c.purpose = 'statistics' and c.withdrawn_at is null)`;

export async function supportStats(ctx: Ctx): Promise<SupportStats> {
	requirePolicy(ctx.actor, 'support.stats.view');
	const db = ctx.db;

	// Every neighbourhood is listed, with none as 0, so that a missing row never says "nobody".
	const places = await db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
	const perPlace = await db
		.select({ id: people.neighbourhoodId, n: sql<number>`count(*)::int` })
		.from(people)
		.where(consented)
		.groupBy(people.neighbourhoodId);
	const count = new Map(perPlace.map((r) => [r.id, Number(r.n)]));
	const placeRows = [...places.map((p) => ({ name: p.name as string | null, n: count.get(p.id) ?? 0 })), { name: null, n: count.get(null) ?? 0 }];
	const places_ = suppressList(placeRows.map((r) => r.n));

	// Each consenting person's latest assessment, its scores banded.
	const latest = await db.execute<{ domain: LifeDomain; score: number }>(sql`
		select s.domain, s.score
		from (
			select distinct on (a.person_id) a.id
			from assessments a join people p on p.id = a.person_id
			where exists (select 1 from consents c where c.person_id = p.id and c.purpose = 'statistics' and c.withdrawn_at is null)
			order by a.person_id, a.taken_at desc, a.id
		) l
		join assessment_scores s on s.assessment_id = l.id`);
	const grid = new Map<LifeDomain, Record<Band, number>>(lifeDomains.map((d) => [d, { low: 0, mid: 0, high: 0 }]));
	for (const r of rowsOf<{ domain: LifeDomain; score: number }>(latest)) grid.get(r.domain)![bandOf(Number(r.score))]++;
	const domains = suppressRows(lifeDomains.map((d) => bands.map((b) => grid.get(d)![b])));

	const perState = await db.execute<{ state: ReferralState; n: number }>(sql`
		select r.state, count(*)::int as n
		from referrals r join people p on p.id = r.person_id
		where exists (select 1 from consents c where c.person_id = p.id and c.purpose = 'statistics' and c.withdrawn_at is null)
		group by r.state`);
	const stateCount = new Map(rowsOf<{ state: ReferralState; n: number }>(perState).map((r) => [r.state, Number(r.n)]));
	const states = suppressList(referralStates.map((s) => stateCount.get(s) ?? 0));

	return {
		byNeighbourhood: { rows: placeRows.map((r, i) => ({ name: r.name, people: places_.counts[i] })), total: places_.total },
		byDomain: {
			rows: lifeDomains.map((d, i) => ({ domain: d, bands: { low: domains.cells[i][0], mid: domains.cells[i][1], high: domains.cells[i][2] }, total: domains.totals[i] }))
		},
		byState: { rows: referralStates.map((s, i) => ({ state: s, referrals: states.counts[i] })), total: states.total }
	};
}

/** Rows of a raw query, on node-postgres and PGlite alike. */
function rowsOf<T>(res: unknown): T[] {
	return (Array.isArray(res) ? res : ((res as { rows?: T[] }).rows ?? [])) as T[];
}
