/**
 * Volunteer hours (issue 6): the volunteer logs them, the organisation
 * confirms or rejects them, and only confirmed hours count (and go on a
 * certificate).
 *
 * Forged hours are refused: for an opportunity the volunteer was not
 * accepted for; on a day in the future or more than a year ago; for a shift
 * of another opportunity, one they had no place on, or on another day than
 * the shift's; for more minutes than the shift lasted; twice for one shift.
 * A review is made once: a replayed confirmation changes nothing.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { organisations, shiftSignups, users, volunteerApplications, volunteerHours, volunteerOpportunities, volunteerShifts, type HoursStatus } from '../db/schema/index.ts';
import { addDays, cityToday, type Ymd } from '../guardianship/age.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { pgError } from '../guardianship/assign.ts';
import { audit, me, opportunityHead, orgResource, requirePolicy, titleIn } from './common.ts';
import { shiftHead } from './opportunities.ts';
import { touch } from './volunteers.ts';
import { thankOnMilestone } from './retention.ts';
import type { HoursInput } from './schemas.ts';

export async function logHours(ctx: Ctx, input: HoursInput, today: Ymd = cityToday()): Promise<string> {
	const userId = me(ctx);
	const o = await opportunityHead(ctx.db, input.opportunityId);
	if (input.workedOn > today) throw new Refusal(400, 'engagement_hours_future', 'workedOn');
	if (input.workedOn < addDays(today, -366)) throw new Refusal(400, 'engagement_hours_too_old', 'workedOn');
	const [accepted] = await ctx.db
		.select({ id: volunteerApplications.id })
		.from(volunteerApplications)
		.where(and(eq(volunteerApplications.opportunityId, o.id), eq(volunteerApplications.userId, userId), eq(volunteerApplications.status, 'accepted')));
	if (!accepted) throw new Refusal(403, 'engagement_not_accepted');
	if (input.shiftId) {
		const s = await shiftHead(ctx.db, input.shiftId);
		if (s.opportunityId !== o.id) throw new Refusal(400, 'engagement_shift_not_found', 'shiftId');
		const [had] = await ctx.db
			.select({ id: shiftSignups.id })
			.from(shiftSignups)
			.where(and(eq(shiftSignups.shiftId, s.id), eq(shiftSignups.userId, userId), eq(shiftSignups.status, 'confirmed')));
		if (!had || s.cancelledAt) throw new Refusal(400, 'engagement_hours_no_place', 'shiftId');
		if (cityToday(s.startsAt) !== input.workedOn) throw new Refusal(400, 'engagement_hours_wrong_day', 'workedOn');
		const length = Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000);
		if (input.minutes > length) throw new Refusal(400, 'engagement_hours_longer_than_shift', 'minutes');
	}
	try {
		return await ctx.db.transaction(async (tx) => {
			const [row] = await tx
				.insert(volunteerHours)
				.values({ userId, opportunityId: o.id, shiftId: input.shiftId, workedOn: input.workedOn, minutes: input.minutes, tasks: input.tasks, skills: input.skills })
				.returning({ id: volunteerHours.id });
			await touch(tx, userId);
			await audit(ctx, tx, 'volunteering.hours.log', 'volunteer_hours', row.id, 'done', { minutes: input.minutes });
			return row.id;
		});
	} catch (err) {
		if (pgError(err)?.code === '23505') throw new Refusal(409, 'engagement_hours_already_logged', 'shiftId');
		throw err;
	}
}

export async function reviewHours(ctx: Ctx, hoursId: string, decision: Exclude<HoursStatus, 'logged'>): Promise<void> {
	if (!isUuid(hoursId)) throw new Refusal(404, 'engagement_hours_not_found');
	const [h] = await ctx.db
		.select({ id: volunteerHours.id, organisationId: volunteerOpportunities.organisationId, userId: volunteerHours.userId })
		.from(volunteerHours)
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerHours.opportunityId))
		.where(eq(volunteerHours.id, hoursId));
	if (!h) throw new Refusal(404, 'engagement_hours_not_found');
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(h.organisationId), { type: 'volunteer_hours', id: hoursId });
	if (h.userId === me(ctx)) throw new Refusal(403, 'engagement_hours_own');
	await ctx.db.transaction(async (tx) => {
		const [done] = await tx
			.update(volunteerHours)
			.set({ status: decision, reviewedBy: me(ctx), reviewedAt: new Date() })
			.where(and(eq(volunteerHours.id, hoursId), eq(volunteerHours.status, 'logged')))
			.returning({ id: volunteerHours.id, minutes: volunteerHours.minutes });
		if (!done) throw new Refusal(409, 'engagement_hours_already_reviewed');
		await audit(ctx, tx, `volunteering.hours.${decision}`, 'volunteer_hours', hoursId);
		if (decision === 'confirmed') await thankOnMilestone(tx, h.userId, done.minutes, ctx.origin);
	});
}

export interface HoursRow {
	id: string;
	opportunityId: string;
	title: string;
	organisationName?: string;
	workedOn: Ymd;
	minutes: number;
	tasks: string;
	skills: string[];
	status: HoursStatus;
}

/** The actor's hours, newest first, with the confirmed total. */
export async function myHours(ctx: Ctx): Promise<{ rows: HoursRow[]; confirmedMinutes: number }> {
	const userId = me(ctx);
	const rows = await ctx.db
		.select({
			id: volunteerHours.id,
			opportunityId: volunteerHours.opportunityId,
			title: titleIn(ctx.locale),
			workedOn: volunteerHours.workedOn,
			minutes: volunteerHours.minutes,
			tasks: volunteerHours.tasks,
			skills: volunteerHours.skills,
			status: volunteerHours.status
		})
		.from(volunteerHours)
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerHours.opportunityId))
		.where(eq(volunteerHours.userId, userId))
		.orderBy(desc(volunteerHours.workedOn), desc(volunteerHours.createdAt))
		.limit(500);
	return { rows, confirmedMinutes: rows.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.minutes, 0) };
}

/** Hours waiting for the organisation's review: personal data, audited. */
export async function hoursToReview(ctx: Ctx, organisationId: string) {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(organisationId), { type: 'volunteer_hours', id: null });
	const rows = await ctx.db
		.select({
			id: volunteerHours.id,
			name: users.displayName,
			title: volunteerOpportunities.title,
			workedOn: volunteerHours.workedOn,
			minutes: volunteerHours.minutes,
			tasks: volunteerHours.tasks,
			shiftStartsAt: volunteerShifts.startsAt
		})
		.from(volunteerHours)
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerHours.opportunityId))
		.innerJoin(users, eq(users.id, volunteerHours.userId))
		.leftJoin(volunteerShifts, eq(volunteerShifts.id, volunteerHours.shiftId))
		.where(and(eq(volunteerOpportunities.organisationId, organisationId), eq(volunteerHours.status, 'logged')))
		.orderBy(volunteerHours.workedOn)
		.limit(500);
	await audit(ctx, ctx.db, 'volunteering.hours.view', 'volunteer_hours', null, 'done', { organisationId, count: rows.length });
	return rows;
}

export interface SummaryLine {
	organisationName: string;
	title: string;
	minutes: number;
	first: Ymd;
	last: Ymd;
	tasks: string[];
	skills: string[];
}

/** A volunteer's confirmed hours by opportunity, with tasks and skills practised: what a certificate lists. */
export async function confirmedSummary(db: Ctx['db'], userId: string): Promise<SummaryLine[]> {
	const rows = await db
		.select({
			opportunityId: volunteerHours.opportunityId,
			organisationName: organisations.name,
			title: volunteerOpportunities.title,
			workedOn: volunteerHours.workedOn,
			minutes: volunteerHours.minutes,
			tasks: volunteerHours.tasks,
			skills: volunteerHours.skills
		})
		.from(volunteerHours)
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerHours.opportunityId))
		.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
		.where(and(eq(volunteerHours.userId, userId), eq(volunteerHours.status, 'confirmed')))
		.orderBy(volunteerHours.workedOn);
	const lines = new Map<string, SummaryLine>();
	for (const r of rows) {
		const l = lines.get(r.opportunityId) ?? { organisationName: r.organisationName, title: r.title, minutes: 0, first: r.workedOn, last: r.workedOn, tasks: [], skills: [] };
		l.minutes += r.minutes;
		l.last = r.workedOn;
		if (r.tasks && !l.tasks.includes(r.tasks) && l.tasks.length < 10) l.tasks.push(r.tasks);
		for (const k of r.skills) if (!l.skills.includes(k)) l.skills.push(k);
		lines.set(r.opportunityId, l);
	}
	return [...lines.values()];
}
