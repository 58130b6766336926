/**
 * Signing up for shifts (issue 6). A volunteer accepted for an opportunity
 * signs up for its shifts; when a shift is full they join its waiting list,
 * and when someone cancels, the first in line gets the place and an e-mail.
 *
 * Capacity holds under concurrent requests: the sign-up locks the shift row
 * (`for update`), counts its confirmed sign-ups and inserts in the same
 * transaction, so simultaneous requests for the last places queue on the
 * lock and exactly `capacity` are confirmed. The partial unique index on
 * (shift, volunteer) refuses a second sign-up by the same person.
 *
 * Refused with a reason: a shift that started, was cancelled or belongs to an
 * opportunity that is not open; a volunteer not accepted; one already signed
 * up; one with another shift at an overlapping time; and, for an opportunity
 * with children or vulnerable adults, one whose criminal-record check is not
 * valid on the day of the shift.
 */
import { and, asc, count, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
import { shiftSignups, users, volunteerApplications, volunteerOpportunities, volunteerProfiles, volunteerShifts, type SignupStatus } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { cityToday } from '../guardianship/age.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin, mailMoment } from '../referrals/emails.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, me, orgResource, requirePolicy, shiftNotFound, titleIn } from './common.ts';
import { shiftHead } from './opportunities.ts';
import { clearance, touch } from './volunteers.ts';

export interface SignupResult {
	id: string;
	status: Exclude<SignupStatus, 'cancelled'>;
}

export async function signUp(ctx: Ctx, shiftId: string, now: Date = new Date()): Promise<SignupResult> {
	const userId = me(ctx);
	const s = await shiftHead(ctx.db, shiftId);
	if (s.cancelledAt) throw new Refusal(409, 'engagement_shift_cancelled');
	if (s.startsAt <= now) throw new Refusal(409, 'engagement_shift_started');
	if (s.opportunity.status !== 'open') throw new Refusal(409, 'engagement_opportunity_closed');
	return ctx.db.transaction(async (tx) => {
		const [accepted] = await tx
			.select({ id: volunteerApplications.id })
			.from(volunteerApplications)
			.where(and(eq(volunteerApplications.opportunityId, s.opportunityId), eq(volunteerApplications.userId, userId), eq(volunteerApplications.status, 'accepted')));
		if (!accepted) throw new Refusal(403, 'engagement_not_accepted');
		if (s.opportunity.involvesVulnerable) {
			const c = await clearance(tx, s.opportunity.organisationId, userId, cityToday(s.endsAt));
			if (!c.cleared) throw new Refusal(409, c.expiresOn ? 'engagement_clearance_expired' : 'engagement_clearance_required');
		}
		// The lock that makes capacity exact: concurrent sign-ups for this shift wait here.
		await tx.select({ id: volunteerShifts.id }).from(volunteerShifts).where(eq(volunteerShifts.id, shiftId)).for('update');
		const [mine] = await tx
			.select({ id: shiftSignups.id })
			.from(shiftSignups)
			.where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, userId), ne(shiftSignups.status, 'cancelled')));
		if (mine) throw new Refusal(409, 'engagement_already_signed_up');
		const [overlap] = await tx
			.select({ id: shiftSignups.id })
			.from(shiftSignups)
			.innerJoin(volunteerShifts, eq(volunteerShifts.id, shiftSignups.shiftId))
			.where(
				and(
					eq(shiftSignups.userId, userId),
					ne(shiftSignups.status, 'cancelled'),
					isNull(volunteerShifts.cancelledAt),
					lt(volunteerShifts.startsAt, s.endsAt),
					gt(volunteerShifts.endsAt, s.startsAt)
				)
			)
			.limit(1);
		if (overlap) throw new Refusal(409, 'engagement_shift_overlaps');
		const [{ taken }] = await tx
			.select({ taken: count() })
			.from(shiftSignups)
			.where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'confirmed')));
		const status = taken < s.capacity ? 'confirmed' : 'waitlisted';
		const [row] = await tx.insert(shiftSignups).values({ shiftId, userId, status }).returning({ id: shiftSignups.id });
		await touch(tx, userId);
		await audit(ctx, tx, `volunteering.shift.${status === 'confirmed' ? 'signup' : 'waitlist'}`, 'volunteer_shift', shiftId);
		return { id: row.id, status };
	});
}

/**
 * Cancels the actor's sign-up for a shift. If it held a place, the first
 * volunteer on the waiting list gets it (and an e-mail saying so).
 */
export async function cancelSignup(ctx: Ctx, shiftId: string): Promise<{ promoted: boolean }> {
	const userId = me(ctx);
	if (!isUuid(shiftId)) throw shiftNotFound();
	return ctx.db.transaction(async (tx) => {
		await tx.select({ id: volunteerShifts.id }).from(volunteerShifts).where(eq(volunteerShifts.id, shiftId)).for('update');
		const [was] = await tx
			.update(shiftSignups)
			.set({ status: 'cancelled', cancelledAt: new Date() })
			.where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, userId), ne(shiftSignups.status, 'cancelled')))
			.returning({ id: shiftSignups.id });
		if (!was) throw new Refusal(404, 'engagement_signup_not_found');
		await audit(ctx, tx, 'volunteering.shift.cancel_signup', 'volunteer_shift', shiftId);
		const promoted = await fillFromWaitlist(ctx, tx, shiftId);
		return { promoted };
	});
}

/** Gives free places of a shift to the waiting list, first come first served; e-mails each. */
export async function fillFromWaitlist(ctx: Ctx, tx: Tx, shiftId: string): Promise<boolean> {
	const [shift] = await tx
		.select({ capacity: volunteerShifts.capacity, startsAt: volunteerShifts.startsAt, cancelledAt: volunteerShifts.cancelledAt, title: volunteerOpportunities.title })
		.from(volunteerShifts)
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerShifts.opportunityId))
		.where(eq(volunteerShifts.id, shiftId));
	if (!shift || shift.cancelledAt || shift.startsAt <= new Date()) return false;
	const [{ taken }] = await tx.select({ taken: count() }).from(shiftSignups).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'confirmed')));
	const free = shift.capacity - taken;
	if (free <= 0) return false;
	const next = await tx
		.select({ id: shiftSignups.id, userId: shiftSignups.userId, email: users.email, locale: users.locale })
		.from(shiftSignups)
		.innerJoin(users, eq(users.id, shiftSignups.userId))
		.where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.status, 'waitlisted')))
		.orderBy(asc(shiftSignups.createdAt), asc(shiftSignups.id))
		.limit(free);
	if (next.length === 0) return false;
	await tx
		.update(shiftSignups)
		.set({ status: 'confirmed', promotedAt: new Date() })
		.where(inArray(shiftSignups.id, next.map((n) => n.id)));
	for (const n of next) {
		await audit(ctx, tx, 'volunteering.shift.promote', 'volunteer_shift', shiftId, 'done', { userId: n.userId });
		if (!n.email) continue;
		const locale = mailLocale(n.locale);
		await sendEmail(tx, {
			to: n.email,
			template: 'volunteer_shift_place',
			subject: m.engagement_mail_place_subject({}, { locale }),
			text: m.engagement_mail_place_body({ title: shift.title, when: mailMoment(shift.startsAt, locale), link: `${linkOrigin(ctx.origin)}/volunteer/me` }, { locale })
		});
	}
	return true;
}

export interface MyShift {
	shiftId: string;
	opportunityId: string;
	title: string;
	startsAt: Date;
	endsAt: Date;
	status: SignupStatus;
	cancelled: boolean;
	/** Place on the waiting list (1 = next), for a waitlisted sign-up. */
	position: number | null;
}

/** The actor's sign-ups from `from` on (upcoming by default), soonest first. */
export async function myShifts(ctx: Ctx, from: Date = new Date(Date.now() - 86_400_000)): Promise<MyShift[]> {
	const userId = me(ctx);
	const position = sql<number | null>`case when ${shiftSignups.status} = 'waitlisted' then (select count(*) from ${shiftSignups} w where w.shift_id = ${shiftSignups.shiftId} and w.status = 'waitlisted' and (w.created_at, w.id) <= (${shiftSignups.createdAt}, ${shiftSignups.id})) end`.mapWith((v) => (v === null ? null : Number(v)));
	const rows = await ctx.db
		.select({
			shiftId: shiftSignups.shiftId,
			opportunityId: volunteerShifts.opportunityId,
			title: titleIn(ctx.locale),
			startsAt: volunteerShifts.startsAt,
			endsAt: volunteerShifts.endsAt,
			status: shiftSignups.status,
			cancelledAt: volunteerShifts.cancelledAt,
			position
		})
		.from(shiftSignups)
		.innerJoin(volunteerShifts, eq(volunteerShifts.id, shiftSignups.shiftId))
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerShifts.opportunityId))
		.where(and(eq(shiftSignups.userId, userId), ne(shiftSignups.status, 'cancelled'), gt(volunteerShifts.endsAt, from)))
		.orderBy(asc(volunteerShifts.startsAt))
		.limit(200);
	return rows.map(({ cancelledAt, ...r }) => ({ ...r, cancelled: cancelledAt !== null }));
}

/** Who signed up for a shift (confirmed, then the waiting list in order): the organisation's volunteer staff. */
export async function shiftRoster(ctx: Ctx, shiftId: string) {
	const s = await shiftHead(ctx.db, shiftId);
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(s.opportunity.organisationId), { type: 'volunteer_shift', id: shiftId });
	const rows = await ctx.db
		.select({ userId: shiftSignups.userId, name: users.displayName, status: shiftSignups.status, createdAt: shiftSignups.createdAt })
		.from(shiftSignups)
		.innerJoin(users, eq(users.id, shiftSignups.userId))
		.where(and(eq(shiftSignups.shiftId, shiftId), ne(shiftSignups.status, 'cancelled')))
		.orderBy(asc(shiftSignups.status), asc(shiftSignups.createdAt), asc(shiftSignups.id));
	await audit(ctx, ctx.db, 'volunteering.shift.roster', 'volunteer_shift', shiftId);
	return { shift: s, rows };
}

/**
 * Reminders for confirmed shifts that start within `hours` (default 24) and
 * were not reminded yet, to volunteers who keep reminders on; each is sent
 * once. Run by the hourly housekeeping (auth/housekeeping.ts). Returns how many were sent.
 */
export async function sendShiftReminders(db: Db, now: Date = new Date(), hours = 24): Promise<number> {
	const until = new Date(now.getTime() + hours * 3_600_000);
	const due = await db
		.select({ id: shiftSignups.id, email: users.email, locale: users.locale, title: volunteerOpportunities.title, startsAt: volunteerShifts.startsAt })
		.from(shiftSignups)
		.innerJoin(volunteerShifts, eq(volunteerShifts.id, shiftSignups.shiftId))
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerShifts.opportunityId))
		.innerJoin(users, eq(users.id, shiftSignups.userId))
		.leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, shiftSignups.userId))
		.where(
			and(
				eq(shiftSignups.status, 'confirmed'),
				isNull(shiftSignups.remindedAt),
				isNull(volunteerShifts.cancelledAt),
				gt(volunteerShifts.startsAt, now),
				lt(volunteerShifts.startsAt, until),
				sql`coalesce(${volunteerProfiles.reminders}, true)`
			)
		)
		.limit(5000);
	let sent = 0;
	for (const d of due) {
		await db.transaction(async (tx) => {
			const [claimed] = await tx
				.update(shiftSignups)
				.set({ remindedAt: now })
				.where(and(eq(shiftSignups.id, d.id), isNull(shiftSignups.remindedAt)))
				.returning({ id: shiftSignups.id });
			if (!claimed || !d.email) return;
			const locale = mailLocale(d.locale);
			await sendEmail(tx, {
				to: d.email,
				template: 'volunteer_shift_reminder',
				subject: m.engagement_mail_reminder_subject({}, { locale }),
				text: m.engagement_mail_reminder_body({ title: d.title, when: mailMoment(d.startsAt, locale), link: `${linkOrigin()}/volunteer/me` }, { locale })
			});
			sent++;
		});
	}
	return sent;
}
