/**
 * The guardianship office's monitoring view (issue 4): what needs someone's
 * attention today, each list reckoned in the city's time zone.
 *
 *   - overdue visits: an active guardianship with no visit (a report does
 *     not count) in the last OVERDUE_DAYS = 30 days, or none since it began
 *     more than 30 days ago. Thirty days is the monthly meeting that Italian
 *     guardianship protocols ask of a volunteer guardian (tutore volontario);
 *     the constant is the one place to change it;
 *   - children without a guardian: unaccompanied people under 18 with no
 *     active guardianship;
 *   - guardians (active or being vetted) whose criminal-record certificate
 *     has expired or expires within EXPIRY_WARNING_DAYS = 60 days;
 *   - children turning 18 within TRANSITION_MONTHS = 6 months, with or
 *     without a transition plan (the office records the plan here);
 *   - visits and reports flagged with a concern in the last CONCERN_DAYS = 90
 *     days.
 *
 * The office sees guardianship facts (a child's preferred name, birth date,
 * guardian, visits), never the support folder. Every view is audited.
 */
import { and, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { config } from '../config.ts';
import { guardians, guardianships, guardianVetting, guardianVisits, people, transitionPlans, users } from '../db/schema/index.ts';
import type { GuardianStatus, VisitKind } from '../db/schema/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { addDays, addMonths, ageOn, cityToday, daysBetween, eighteenthBirthday, isMinorOn, turns18Within, type Ymd } from './age.ts';
import { audit, actorId, currentWards, EXPIRY_WARNING_DAYS, requireOffice } from './guardians.ts';
import type { TransitionPlanInput } from './schemas.ts';

export const OVERDUE_DAYS = 30;
export const TRANSITION_MONTHS = 6;
export const CONCERN_DAYS = 90;

export interface Monitoring {
	today: Ymd;
	overdue: { childId: string; name: string; guardianId: string; guardianName: string; startedOn: Ymd; lastVisit: Ymd | null; days: number }[];
	withoutGuardian: { childId: string; name: string; birthDate: Ymd; age: number }[];
	vetting: { guardianId: string; name: string; status: GuardianStatus; expiresOn: Ymd; expired: boolean; children: number }[];
	turning18: { childId: string; name: string; birthDate: Ymd; adultOn: Ymd; guardianName: string | null; plan: { summary: string; agreedOn: Ymd } | null }[];
	concerns: { visitId: string; childId: string; name: string; guardianName: string; kind: VisitKind; visitedOn: Ymd; summary: string }[];
}

/** Unaccompanied, not erased, with a birth date no more than 19 years back (the exact test is in age.ts). */
async function children(ctx: Ctx, today: Ymd) {
	return ctx.db
		.select({ id: people.id, name: people.preferredName, birthDate: people.birthDate })
		.from(people)
		.where(and(eq(people.unaccompanied, true), isNull(people.erasedAt), gte(people.birthDate, addMonths(today, -19 * 12)), lte(people.birthDate, today)))
		.orderBy(people.birthDate, people.preferredName);
}

export async function monitoring(ctx: Ctx, now: Date = new Date()): Promise<Monitoring> {
	await requireOffice(ctx);
	const tz = config().CITY_TIME_ZONE;
	const today = cityToday(now, tz);
	const startedOn = sql<string>`to_char(${guardianships.startedAt} at time zone ${tz}, 'YYYY-MM-DD')`;

	const lastVisit = sql<string | null>`(select max(v.visited_on)::text from ${guardianVisits} v where v.guardianship_id = ${guardianships.id} and v.kind = 'visit')`;
	const active = await ctx.db
		.select({
			childId: guardianships.childId,
			name: people.preferredName,
			guardianId: guardianships.guardianId,
			guardianName: users.displayName,
			startedOn,
			lastVisit
		})
		.from(guardianships)
		.innerJoin(people, eq(people.id, guardianships.childId))
		.innerJoin(guardians, eq(guardians.id, guardianships.guardianId))
		.innerJoin(users, eq(users.id, guardians.userId))
		.where(and(isNull(guardianships.endedAt), isNull(people.erasedAt)));
	const cutoff = addDays(today, -OVERDUE_DAYS);
	const overdue = active
		.map((a) => ({ ...a, since: a.lastVisit ?? a.startedOn }))
		.filter((a) => a.since < cutoff)
		.map(({ since, ...a }) => ({ ...a, days: daysBetween(since, today) }))
		.sort((a, b) => b.days - a.days || a.name.localeCompare(b.name));

	const kids = (await children(ctx, today)).filter((c): c is typeof c & { birthDate: Ymd } => c.birthDate !== null && isMinorOn(c.birthDate, today));
	const guarded = new Map(active.map((a) => [a.childId, a.guardianName]));
	const withoutGuardian = kids.filter((c) => !guarded.has(c.id)).map((c) => ({ childId: c.id, name: c.name, birthDate: c.birthDate, age: ageOn(c.birthDate, today) }));

	const soon = kids.filter((c) => turns18Within(c.birthDate, today, TRANSITION_MONTHS));
	const plans = soon.length
		? await ctx.db
				.select({ childId: transitionPlans.childId, summary: transitionPlans.summary, agreedOn: transitionPlans.agreedOn })
				.from(transitionPlans)
				.where(inArray(transitionPlans.childId, soon.map((c) => c.id)))
		: [];
	const turning18 = soon
		.map((c) => {
			const p = plans.find((x) => x.childId === c.id);
			return {
				childId: c.id,
				name: c.name,
				birthDate: c.birthDate,
				adultOn: eighteenthBirthday(c.birthDate),
				guardianName: guarded.get(c.id) ?? null,
				plan: p ? { summary: p.summary, agreedOn: p.agreedOn } : null
			};
		})
		.sort((a, b) => a.adultOn.localeCompare(b.adultOn) || a.name.localeCompare(b.name));

	const vettingRows = await ctx.db
		.select({
			guardianId: guardians.id,
			name: users.displayName,
			status: guardians.status,
			expiresOn: guardianVetting.expiresOn,
			children: currentWards()
		})
		.from(guardianVetting)
		.innerJoin(guardians, eq(guardians.id, guardianVetting.guardianId))
		.innerJoin(users, eq(users.id, guardians.userId))
		.where(
			and(
				eq(guardianVetting.step, 'criminal_record'),
				inArray(guardians.status, ['active', 'vetting']),
				lte(guardianVetting.expiresOn, addDays(today, EXPIRY_WARNING_DAYS))
			)
		)
		.orderBy(guardianVetting.expiresOn, users.displayName);
	const vetting = vettingRows.map((v) => ({ ...v, expiresOn: v.expiresOn!, expired: v.expiresOn! < today }));

	const concernRows = await ctx.db
		.select({
			visitId: guardianVisits.id,
			childId: guardianships.childId,
			name: people.preferredName,
			guardianName: users.displayName,
			kind: guardianVisits.kind,
			visitedOn: guardianVisits.visitedOn,
			summary: guardianVisits.summary
		})
		.from(guardianVisits)
		.innerJoin(guardianships, eq(guardianships.id, guardianVisits.guardianshipId))
		.innerJoin(people, eq(people.id, guardianships.childId))
		.innerJoin(guardians, eq(guardians.id, guardianships.guardianId))
		.innerJoin(users, eq(users.id, guardians.userId))
		.where(and(eq(guardianVisits.concern, true), gte(guardianVisits.visitedOn, addDays(today, -CONCERN_DAYS)), isNull(people.erasedAt)))
		.orderBy(desc(guardianVisits.visitedOn), desc(guardianVisits.recordedAt))
		.limit(200);

	await audit(ctx, ctx.db, 'guardianship.monitoring.viewed', 'guardianship', null, 'done', {
		overdue: overdue.length,
		withoutGuardian: withoutGuardian.length,
		vetting: vetting.length,
		turning18: turning18.length,
		concerns: concernRows.length
	});
	return { today, overdue, withoutGuardian, vetting, turning18, concerns: concernRows };
}

/** Children the office may give a guardian: unaccompanied, under 18, without one. */
export async function assignableChildren(ctx: Ctx): Promise<{ id: string; name: string; birthDate: Ymd; age: number }[]> {
	await requireOffice(ctx);
	const today = cityToday();
	const kids = await children(ctx, today);
	const taken = kids.length
		? await ctx.db
				.select({ childId: guardianships.childId })
				.from(guardianships)
				.where(and(isNull(guardianships.endedAt), inArray(guardianships.childId, kids.map((k) => k.id))))
		: [];
	const busy = new Set(taken.map((t) => t.childId));
	return kids
		.filter((k): k is typeof k & { birthDate: Ymd } => k.birthDate !== null && isMinorOn(k.birthDate, today) && !busy.has(k.id))
		.map((k) => ({ id: k.id, name: k.name, birthDate: k.birthDate, age: ageOn(k.birthDate, today) }));
}

/** Records (or replaces) a child's plan for leaving care at 18. The child must be an unaccompanied minor. */
export async function recordTransitionPlan(ctx: Ctx, input: TransitionPlanInput): Promise<void> {
	await requireOffice(ctx, { type: 'guardianship', id: isUuid(input.childId) ? input.childId : null });
	await ctx.db.transaction(async (tx) => {
		const [child] = await tx
			.select({ birthDate: people.birthDate, unaccompanied: people.unaccompanied })
			.from(people)
			.where(and(eq(people.id, input.childId), isNull(people.erasedAt)));
		if (!child || !child.unaccompanied || !child.birthDate || !isMinorOn(child.birthDate, cityToday())) {
			throw new Refusal(400, 'guardianship_not_a_child', 'childId');
		}
		const values = { summary: input.summary, agreedOn: input.agreedOn, recordedBy: actorId(ctx), recordedAt: new Date() };
		await tx.insert(transitionPlans).values({ childId: input.childId, ...values }).onConflictDoUpdate({ target: transitionPlans.childId, set: values });
		await audit(ctx, tx, 'guardianship.transition_plan.recorded', 'guardianship', input.childId, 'done', { agreedOn: input.agreedOn });
	});
}
