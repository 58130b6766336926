/**
 * A guardian's own page: the children assigned to them, their visits and
 * reports (`guardianship.visit`: the guardian themself, or the office).
 *
 * A visit names a guardianship; the use case loads it, asks the policy with
 * the guardian's user id, and refuses the same way whether the guardianship
 * is another guardian's, ended, or does not exist (audited as denied).
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { guardians, guardianships, guardianVisits, people, users } from '../db/schema/index.ts';
import type { VisitKind } from '../db/schema/index.ts';
import { can, PolicyDenied } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { ageOn, cityToday, eighteenthBirthday, type Ymd } from './age.ts';
import { audit, actorId, myGuardian, type OwnGuardian } from './guardians.ts';
import type { VisitInput } from './schemas.ts';

/** Visits shown per child on the guardian's page. */
export const VISITS_SHOWN = 10;

export const notYourWard = () => new Refusal(403, 'guardianship_not_your_ward', 'guardianshipId');

export interface Ward {
	guardianshipId: string;
	childId: string;
	name: string;
	birthDate: Ymd | null;
	age: number | null;
	/** The day the child turns 18. */
	adultOn: Ymd | null;
	languages: string[];
	startedAt: Date;
	lastVisit: Ymd | null;
	visits: { id: string; kind: VisitKind; visitedOn: Ymd; summary: string; concern: boolean; recordedAt: Date; recordedByName: string | null }[];
}

/**
 * The actor's guardian record and, once they have children, the children
 * with their recent visits. Reading the children asks `guardianship.visit`
 * (a guardian who also has a sensitive role must have passed the second
 * factor); audited.
 */
export async function myWards(ctx: Ctx): Promise<{ guardian: OwnGuardian | null; wards: Ward[] }> {
	if (ctx.actor.kind !== 'user') throw new PolicyDenied('sign_in_required', 'guardianship.visit');
	const guardian = await myGuardian(ctx);
	if (!guardian) return { guardian, wards: [] };
	const rows = await ctx.db
		.select({
			guardianshipId: guardianships.id,
			childId: guardianships.childId,
			name: people.preferredName,
			birthDate: people.birthDate,
			languages: people.languages,
			startedAt: guardianships.startedAt
		})
		.from(guardianships)
		.innerJoin(people, eq(people.id, guardianships.childId))
		.where(and(eq(guardianships.guardianId, guardian.id), isNull(guardianships.endedAt), isNull(people.erasedAt)))
		.orderBy(guardianships.slot);
	if (rows.length === 0) return { guardian, wards: [] };
	const d = can(ctx.actor, 'guardianship.visit', { type: 'guardianship', guardianUserId: ctx.actor.userId });
	if (d !== 'allowed') throw new PolicyDenied(d, 'guardianship.visit');
	const ids = rows.map((r) => r.guardianshipId);
	const visits = await ctx.db
		.select({
			guardianshipId: guardianVisits.guardianshipId,
			id: guardianVisits.id,
			kind: guardianVisits.kind,
			visitedOn: guardianVisits.visitedOn,
			summary: guardianVisits.summary,
			concern: guardianVisits.concern,
			recordedAt: guardianVisits.recordedAt,
			recordedByName: users.displayName
		})
		.from(guardianVisits)
		.leftJoin(users, eq(users.id, guardianVisits.recordedBy))
		.where(inArray(guardianVisits.guardianshipId, ids))
		.orderBy(desc(guardianVisits.visitedOn), desc(guardianVisits.recordedAt));
	const today = cityToday();
	await audit(ctx, ctx.db, 'guardianship.wards.viewed', 'guardian', guardian.id, 'done', { count: rows.length });
	return {
		guardian,
		wards: rows.map((r) => {
			const mine = visits.filter((v) => v.guardianshipId === r.guardianshipId);
			return {
				...r,
				age: r.birthDate ? ageOn(r.birthDate, today) : null,
				adultOn: r.birthDate ? eighteenthBirthday(r.birthDate) : null,
				lastVisit: mine.find((v) => v.kind === 'visit')?.visitedOn ?? null,
				visits: mine.slice(0, VISITS_SHOWN).map(({ guardianshipId: _g, ...v }) => v)
			};
		})
	};
}

/**
 * Records a visit or a report for one of the actor's own children (or, for
 * the office, anyone's). The date may not be in the future nor before the
 * guardianship began.
 */
export async function recordVisit(ctx: Ctx, input: VisitInput): Promise<{ visitId: string }> {
	if (ctx.actor.kind !== 'user') throw new PolicyDenied('sign_in_required', 'guardianship.visit');
	const actor = ctx.actor;
	const refuse = async (childId: string | null) => {
		await audit(ctx, ctx.db, 'guardianship.visit.recorded', 'guardianship', childId, 'denied', { guardianshipId: isUuid(input.guardianshipId) ? input.guardianshipId : null });
		return notYourWard();
	};
	if (!isUuid(input.guardianshipId)) throw await refuse(null);
	const out = await ctx.db.transaction(async (tx) => {
		const [g] = await tx
			.select({
				childId: guardianships.childId,
				guardianUserId: guardians.userId,
				startedAt: guardianships.startedAt
			})
			.from(guardianships)
			.innerJoin(guardians, eq(guardians.id, guardianships.guardianId))
			.where(and(eq(guardianships.id, input.guardianshipId), isNull(guardianships.endedAt)));
		if (!g) return { refused: null } as const;
		const d = can(actor, 'guardianship.visit', { type: 'guardianship', guardianUserId: g.guardianUserId });
		if (d === 'sign_in_required' || d === 'second_factor_required') throw new PolicyDenied(d, 'guardianship.visit');
		if (d !== 'allowed') return { refused: g.childId } as const;
		const today = cityToday();
		if (input.visitedOn > today) throw new Refusal(400, 'guardianship_visit_in_future', 'visitedOn');
		if (input.visitedOn < cityToday(g.startedAt)) throw new Refusal(400, 'guardianship_visit_before_start', 'visitedOn');
		const [row] = await tx
			.insert(guardianVisits)
			.values({
				guardianshipId: input.guardianshipId,
				kind: input.kind,
				visitedOn: input.visitedOn,
				summary: input.summary,
				concern: input.concern,
				recordedBy: actorId(ctx)
			})
			.returning({ id: guardianVisits.id });
		await audit(ctx, tx, 'guardianship.visit.recorded', 'guardianship', g.childId, 'done', { guardianshipId: input.guardianshipId, kind: input.kind, concern: input.concern });
		return { visitId: row.id };
	});
	if ('refused' in out) throw await refuse(out.refused ?? null);
	return out;
}
