/**
 * Keeping volunteers (issue 6): a thank-you when confirmed hours pass a
 * milestone, a "we miss you" note after three months without activity (once,
 * and never to someone who turned it off), and the figures a coordinator
 * reads to see whether volunteers stay.
 *
 * Activity is anything the volunteer does (apply, sign up, log hours, save
 * the profile): `touch` in volunteers.ts moves `last_active_at` and clears a
 * sent note, so the next lapse gets a note again.
 */
import { and, count, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
import { users, volunteerApplications, volunteerHours, volunteerOpportunities, volunteerProfiles } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, orgResource, requirePolicy } from './common.ts';
import { hoursText } from '../../engagement/hours.ts';

/** Confirmed hours that earn a thank-you. */
export const MILESTONE_HOURS = [10, 25, 50, 100, 250, 500, 1000] as const;

/** The milestone crossed going from `before` to `after` confirmed minutes, if any (the highest). */
export function milestoneCrossed(before: number, after: number): number | null {
	let hit: number | null = null;
	for (const h of MILESTONE_HOURS) if (before < h * 60 && after >= h * 60) hit = h;
	return hit;
}

/** After hours were confirmed: thanks the volunteer if their total just passed a milestone. */
export async function thankOnMilestone(tx: Tx, userId: string, addedMinutes: number, origin?: string): Promise<number | null> {
	const [{ total }] = await tx
		.select({ total: sql<number>`coalesce(sum(${volunteerHours.minutes}), 0)`.mapWith(Number) })
		.from(volunteerHours)
		.where(and(eq(volunteerHours.userId, userId), eq(volunteerHours.status, 'confirmed')));
	const hit = milestoneCrossed(total - addedMinutes, total);
	if (hit === null) return null;
	const [u] = await tx.select({ email: users.email, name: users.displayName, locale: users.locale }).from(users).where(eq(users.id, userId));
	if (u?.email) {
		const locale = mailLocale(u.locale);
		const hours = hoursText(hit * 60, locale);
		await sendEmail(tx, {
			to: u.email,
			template: 'volunteer_milestone',
			subject: m.engagement_mail_milestone_subject({ hours }, { locale }),
			text: m.engagement_mail_milestone_body({ name: u.name, hours, link: `${linkOrigin(origin)}/volunteer/certificate` }, { locale })
		});
	}
	return hit;
}

export const MISS_YOU_AFTER_DAYS = 90;

/**
 * "We miss you": to volunteers inactive for MISS_YOU_AFTER_DAYS who once
 * applied somewhere, kept the note on, and were not sent one since their last
 * activity. Run by the hourly housekeeping. Returns how many were sent.
 */
export async function sendMissYouNotes(db: Db, now: Date = new Date()): Promise<number> {
	const before = new Date(now.getTime() - MISS_YOU_AFTER_DAYS * 86_400_000);
	const due = await db
		.select({ userId: volunteerProfiles.userId, email: users.email, name: users.displayName, locale: users.locale })
		.from(volunteerProfiles)
		.innerJoin(users, eq(users.id, volunteerProfiles.userId))
		.where(
			and(
				eq(volunteerProfiles.missYou, true),
				isNull(volunteerProfiles.missYouSentAt),
				lt(volunteerProfiles.lastActiveAt, before),
				isNotNull(users.email),
				isNull(users.disabledAt),
				sql`exists (select 1 from ${volunteerApplications} a where a.user_id = ${sql.raw('"volunteer_profiles"."user_id"')})`
			)
		)
		.limit(2000);
	let sent = 0;
	for (const d of due) {
		await db.transaction(async (tx) => {
			const [claimed] = await tx
				.update(volunteerProfiles)
				.set({ missYouSentAt: now })
				.where(and(eq(volunteerProfiles.userId, d.userId), isNull(volunteerProfiles.missYouSentAt)))
				.returning({ userId: volunteerProfiles.userId });
			if (!claimed) return;
			const locale = mailLocale(d.locale);
			await sendEmail(tx, {
				to: d.email!,
				template: 'volunteer_miss_you',
				subject: m.engagement_mail_miss_you_subject({}, { locale }),
				text: m.engagement_mail_miss_you_body({ name: d.name, link: `${linkOrigin()}/volunteer`, profile: `${linkOrigin()}/volunteer/profile` }, { locale })
			});
			sent++;
		});
	}
	return sent;
}

export interface Retention {
	/** Volunteers the organisation accepted (ever). */
	accepted: number;
	/** Of them, active in the last 90 days (any activity anywhere on Convive). */
	activeLast90Days: number;
	/** Of them, with confirmed hours for this organisation in the last 90 days. */
	withHoursLast90Days: number;
	/** Accepted in the last 90 days. */
	newLast90Days: number;
	/** Confirmed hours for this organisation in the last 365 days, in minutes. */
	confirmedMinutesLastYear: number;
	/** Newcomers among the accepted (their account says so; nothing else is asked). */
	newcomers: number;
}

/** How many of an organisation's volunteers stay: counts only, no names. */
export async function retention(ctx: Ctx, organisationId: string, now: Date = new Date()): Promise<Retention> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(organisationId), { type: 'volunteer', id: null });
	const d90 = new Date(now.getTime() - 90 * 86_400_000);
	const d365 = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
	const opps = ctx.db.select({ id: volunteerOpportunities.id }).from(volunteerOpportunities).where(eq(volunteerOpportunities.organisationId, organisationId));
	const acceptedIds = ctx.db
		.selectDistinct({ userId: volunteerApplications.userId })
		.from(volunteerApplications)
		.where(and(inArray(volunteerApplications.opportunityId, opps), eq(volunteerApplications.status, 'accepted')));
	const [[a], [active], [withHours], [fresh], [minutes], [newcomers]] = await Promise.all([
		ctx.db.select({ n: count() }).from(acceptedIds.as('x')),
		ctx.db
			.select({ n: count() })
			.from(volunteerProfiles)
			.where(and(inArray(volunteerProfiles.userId, acceptedIds), gte(volunteerProfiles.lastActiveAt, d90))),
		ctx.db
			.select({ n: sql<number>`count(distinct ${volunteerHours.userId})`.mapWith(Number) })
			.from(volunteerHours)
			.where(and(inArray(volunteerHours.opportunityId, opps), eq(volunteerHours.status, 'confirmed'), gte(volunteerHours.workedOn, d90.toISOString().slice(0, 10)))),
		ctx.db
			.select({ n: sql<number>`count(distinct ${volunteerApplications.userId})`.mapWith(Number) })
			.from(volunteerApplications)
			.where(and(inArray(volunteerApplications.opportunityId, opps), eq(volunteerApplications.status, 'accepted'), gte(volunteerApplications.decidedAt, d90))),
		ctx.db
			.select({ n: sql<number>`coalesce(sum(${volunteerHours.minutes}), 0)`.mapWith(Number) })
			.from(volunteerHours)
			.where(and(inArray(volunteerHours.opportunityId, opps), eq(volunteerHours.status, 'confirmed'), gte(volunteerHours.workedOn, d365))),
		ctx.db
			.select({ n: count() })
			.from(users)
			.where(and(inArray(users.id, acceptedIds), eq(users.kind, 'newcomer')))
	]);
	await audit(ctx, ctx.db, 'volunteering.retention.view', 'volunteer', null, 'done', { organisationId });
	return {
		accepted: a.n,
		activeLast90Days: active.n,
		withHoursLast90Days: withHours.n,
		newLast90Days: fresh.n,
		confirmedMinutesLastYear: minutes.n,
		newcomers: newcomers.n
	};
}
