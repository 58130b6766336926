/**
 * Guardianship matching (issue 5, decision 018): the first real use of the
 * matching engine. The office runs it over
 *   - the people side: unaccompanied children under 18 without a guardian
 *     (the same list as "children without a guardian" in monitoring.ts);
 *   - the slot side: active guardians whose vetting is complete and not
 *     expired, with a free place (capacity = 3 − their active children);
 *     their clearance is the criminal-record certificate's expiry;
 * with languages and neighbourhoods (their centroids) from the people and
 * guardians tables, scored by the city's guardianship programme
 * (programmes.ts). The proposals are only proposals: confirming one calls
 * assignGuardian, which checks status, vetting and the free place again, so
 * nothing is assigned without the office's click and nothing stale slips in.
 *
 * Every run is audited (it reads children's data); confirming is audited by
 * assignGuardian, once per child, plus one entry for the batch.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
import { guardians, guardianships, guardianVetting, neighbourhoods, people, users } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { fairnessReport, ProblemError, solve, type FairnessReport, type PairRef, type UnmatchedReason } from '../../matching/index.ts';
import { buildProblem, pairKey, placeOf, type Criterion, type HardRule, type SideProfile } from '../matching/scoring.ts';
import { guardianshipProgramme, requireProgramme, type Programme } from '../matching/programmes.ts';
import { ageOn, cityToday, isMinorOn, type Ymd } from './age.ts';
import { assignGuardian } from './assign.ts';
import { currentWards, vettingState } from './guardians.ts';

/** At most this many children a guardian takes (the database's check, decision 016). */
export const GUARDIAN_CAPACITY = 3;

export interface ChildSide {
	id: string;
	name: string;
	age: number;
	languages: string[];
	neighbourhood: string | null;
}

export interface GuardianSide {
	id: string;
	name: string;
	languages: string[];
	neighbourhood: string | null;
	free: number;
	certificateUntil: Ymd;
}

export interface Proposal {
	child: ChildSide;
	guardian: GuardianSide;
	score: number;
	fixed: boolean;
	criteria: Criterion[];
}

export interface UnmatchedChild {
	child: ChildSide;
	reason: UnmatchedReason;
	/** For 'no-allowed-slot': the hard rule that excluded the most guardians, and how many it excluded. */
	rule: { rule: HardRule; guardians: number } | null;
}

export interface MatchingRun {
	programme: Programme;
	today: Ymd;
	children: number;
	guardians: GuardianSide[];
	proposals: Proposal[];
	unmatched: UnmatchedChild[];
	fixed: PairRef[];
	forbidden: PairRef[];
	/** Fixed pairs left out: a child or guardian no longer in the lists, or a pair a hard rule excludes. */
	rejectedFixed: { child: string; guardian: string; rule: HardRule | 'unknown' }[];
	/** A problem the engine refused (e.g. more children fixed to a guardian than free places). */
	problem: { code: string; slot?: string } | null;
	objective: number;
	gap: number;
	fairness: FairnessReport | null;
}

/** A child's or guardian's neighbourhood and its centre, from a left join on neighbourhoods. */
const place = { neighbourhood: neighbourhoods.name, lat: neighbourhoods.latitude, lon: neighbourhoods.longitude };

async function loadChildren(ctx: Ctx, today: Ymd): Promise<(ChildSide & SideProfile)[]> {
	const rows = await ctx.db
		.select({
			id: people.id,
			name: people.preferredName,
			birthDate: people.birthDate,
			languages: people.languages,
			...place
		})
		.from(people)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, people.neighbourhoodId))
		.where(
			and(
				eq(people.unaccompanied, true),
				isNull(people.erasedAt),
				sql`not exists (select 1 from ${guardianships} g where g.child_id = ${people.id} and g.ended_at is null)`
			)
		)
		.orderBy(people.birthDate, people.preferredName, people.id);
	return rows
		.filter((r): r is typeof r & { birthDate: Ymd } => r.birthDate !== null && isMinorOn(r.birthDate, today))
		.map((r) => ({
			id: r.id,
			name: r.name,
			age: ageOn(r.birthDate, today),
			languages: r.languages,
			neighbourhood: r.neighbourhood,
			location: placeOf(r),
			involvesChildren: true,
			// The fairness report's groups; a missing one is counted by the engine as "not recorded".
			groups: { ...(r.languages[0] ? { language: r.languages[0] } : {}), ...(r.neighbourhood ? { neighbourhood: r.neighbourhood } : {}) }
		}));
}

async function loadGuardians(ctx: Ctx, today: Ymd): Promise<(GuardianSide & SideProfile)[]> {
	const rows = await ctx.db
		.select({
			id: guardians.id,
			name: users.displayName,
			languages: guardians.languages,
			...place,
			children: currentWards()
		})
		.from(guardians)
		.innerJoin(users, eq(users.id, guardians.userId))
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, guardians.neighbourhoodId))
		.where(and(eq(guardians.status, 'active'), isNull(users.disabledAt)))
		.orderBy(users.displayName, guardians.id);
	const ids = rows.map((r) => r.id);
	const vetting = ids.length
		? await ctx.db.select({ guardianId: guardianVetting.guardianId, step: guardianVetting.step, expiresOn: guardianVetting.expiresOn }).from(guardianVetting).where(inArray(guardianVetting.guardianId, ids))
		: [];
	const stepsOf = Map.groupBy(vetting, (v) => v.guardianId);
	const out: (GuardianSide & SideProfile)[] = [];
	for (const r of rows) {
		const free = GUARDIAN_CAPACITY - r.children;
		const state = vettingState(stepsOf.get(r.id) ?? [], today);
		if (free <= 0 || !state.valid || !state.expiresOn) continue;
		out.push({
			id: r.id,
			name: r.name,
			languages: r.languages,
			neighbourhood: r.neighbourhood,
			free,
			certificateUntil: state.expiresOn,
			capacity: free,
			location: placeOf(r),
			safeguardingUntil: state.expiresOn
		});
	}
	return out;
}

/** "childId:guardianId" pairs from a form, forged or malformed ones dropped. */
export function parsePairs(values: readonly string[]): PairRef[] {
	const out = new Map<string, PairRef>();
	for (const v of values.slice(0, 1000)) {
		const [person, slot, extra] = v.split(':');
		if (extra === undefined && isUuid(person) && isUuid(slot)) out.set(pairKey(person, slot), { person, slot });
	}
	return [...out.values()];
}

/**
 * Runs the engine with the office's fixed and forbidden pairs. Pairs naming
 * a child or guardian no longer in the lists are left out (and reported).
 */
export async function runGuardianshipMatching(ctx: Ctx, opts: { fixed?: PairRef[]; forbidden?: PairRef[] } = {}): Promise<MatchingRun> {
	await requireProgramme(ctx, 'matching.run');
	const programme = await guardianshipProgramme(ctx);
	const today = cityToday();
	const [children, slots] = [await loadChildren(ctx, today), await loadGuardians(ctx, today)];
	const built = buildProblem(children, slots, programme.settings, { today, fixed: opts.fixed ?? [], forbidden: opts.forbidden ?? [] });
	const childOf = new Map(children.map((c) => [c.id, c]));
	const guardianOf = new Map(slots.map((g) => [g.id, g]));
	const strip = ({ id, name, age, languages, neighbourhood }: ChildSide): ChildSide => ({ id, name, age, languages, neighbourhood });
	const stripG = ({ id, name, languages, neighbourhood, free, certificateUntil }: GuardianSide): GuardianSide => ({ id, name, languages, neighbourhood, free, certificateUntil });

	let problem: MatchingRun['problem'] = null;
	let result;
	try {
		result = solve(built.problem);
	} catch (err) {
		if (!(err instanceof ProblemError)) throw err;
		// Most likely more fixed pairs on one guardian than free places: solve without the fixed pairs and say so.
		problem = { code: err.code, ...(err.path ? { slot: err.path } : {}) };
		result = solve({ ...built.problem, fixed: [] });
	}
	const proposals: Proposal[] = result.assignments.map((a) => ({
		child: strip(childOf.get(a.person)!),
		guardian: stripG(guardianOf.get(a.slot)!),
		score: a.score,
		fixed: a.fixed,
		criteria: built.criteria.get(pairKey(a.person, a.slot)) ?? []
	}));
	const unmatched: UnmatchedChild[] = result.unmatched.map((u) => {
		const counts = Object.entries(built.excludedBy.get(u.person) ?? {}) as [HardRule, number][];
		counts.sort((a, b) => b[1] - a[1]);
		return {
			child: strip(childOf.get(u.person)!),
			reason: u.reason,
			rule: u.reason === 'no-allowed-slot' && counts.length ? { rule: counts[0][0], guardians: counts[0][1] } : null
		};
	});
	await record(ctx.db, {
		actorId: actorId(ctx),
		action: 'guardianship.matching.run',
		resourceType: 'guardianship',
		resourceId: null,
		outcome: 'done',
		ip: ctx.ip,
		requestId: ctx.requestId,
		details: { children: children.length, guardians: slots.length, proposals: proposals.length, unmatched: unmatched.length, fixed: built.problem.fixed?.length ?? 0, forbidden: built.problem.forbidden?.length ?? 0 }
	});
	return {
		programme,
		today,
		children: children.length,
		guardians: slots.map(stripG),
		proposals,
		unmatched,
		fixed: built.problem.fixed ?? [],
		forbidden: built.problem.forbidden ?? [],
		rejectedFixed: built.rejectedFixed.map((r) => ({ child: r.person, guardian: r.slot, rule: r.rule })),
		problem,
		objective: result.objective,
		gap: result.gap,
		fairness: fairnessReport(built.problem, result)
	};
}

/**
 * Confirms the selected proposals: each is an assignGuardian (which checks
 * the guardian's status, vetting and free place again). All or nothing: if
 * one is refused (the guardian became full, or was suspended, or the child
 * got a guardian meanwhile), none is made, and the refusal names the pair.
 */
export async function confirmGuardianProposals(ctx: Ctx, pairs: PairRef[]): Promise<{ assigned: number }> {
	await requireProgramme(ctx, 'matching.run');
	if (pairs.length === 0) throw new Refusal(400, 'matching_nothing_selected', 'confirm');
	const children = new Set<string>();
	for (const p of pairs) {
		if (children.has(p.person)) throw new Refusal(400, 'matching_child_twice', 'confirm');
		children.add(p.person);
	}
	try {
		await confirmAll(ctx, pairs);
	} catch (err) {
		if (err instanceof ConfirmRefused) {
			err.names = await pairNames(ctx, err.pair);
			// The batch was rolled back with its audit entries: say what was attempted and why it was refused.
			await record(ctx.db, {
				actorId: actorId(ctx),
				action: 'guardianship.matching.confirmed',
				resourceType: 'guardianship',
				resourceId: isUuid(err.pair.person) ? err.pair.person : null,
				outcome: 'denied',
				ip: ctx.ip,
				requestId: ctx.requestId,
				details: { guardianId: err.pair.slot, reason: err.reason, selected: pairs.length }
			});
		}
		throw err;
	}
	return { assigned: pairs.length };
}

/** The child's and the guardian's names, for a refusal the office reads (null for an unknown id). */
async function pairNames(ctx: Ctx, pair: PairRef): Promise<{ child: string; guardian: string } | null> {
	const [c] = await ctx.db.select({ name: people.preferredName }).from(people).where(and(eq(people.id, pair.person), isNull(people.erasedAt)));
	const [g] = await ctx.db.select({ name: users.displayName }).from(guardians).innerJoin(users, eq(users.id, guardians.userId)).where(eq(guardians.id, pair.slot));
	return c && g ? { child: c.name, guardian: g.name } : null;
}

async function confirmAll(ctx: Ctx, pairs: PairRef[]) {
	await ctx.db.transaction(async (tx) => {
		const inner: Ctx = { ...ctx, db: tx as unknown as Ctx['db'] };
		for (const p of pairs) {
			try {
				await assignGuardian(inner, p.slot, p.person);
			} catch (err) {
				if (err instanceof Refusal) throw new ConfirmRefused(err, p);
				throw err;
			}
		}
		await record(tx, {
			actorId: actorId(ctx),
			action: 'guardianship.matching.confirmed',
			resourceType: 'guardianship',
			resourceId: null,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: { assigned: pairs.length }
		});
	});
}

/** A refusal of one pair of a batch: the batch was rolled back. */
export class ConfirmRefused extends Refusal {
	readonly pair: PairRef;
	readonly reason: string;
	names: { child: string; guardian: string } | null = null;
	constructor(err: Refusal, pair: PairRef) {
		super(err.status, 'matching_confirm_refused', 'confirm');
		this.pair = pair;
		this.reason = err.key;
	}
}
