/**
 * RSVPs (issue 6). Someone signed in says they are going; when the activity
 * is full they join its waiting list, and when someone cancels, the first in
 * line gets the place and an e-mail. Capacity holds under concurrent
 * requests: the RSVP locks the activity row (`for update`), counts the people
 * going and inserts in the same transaction, so exactly `capacity` go. The
 * partial unique index refuses a second active RSVP by the same person.
 * Reminders go the day before from the hourly housekeeping, each once.
 */
import { and, asc, count, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
import { activities, activityRsvps, users, type RsvpStatus } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin, mailMoment } from '../referrals/emails.ts';
import { Refusal } from '../organisations/errors.ts';
import { activityHead, activityNotFound, audit, localised, me, orgResource, requirePolicy, visible } from './common.ts';

export interface RsvpResult {
	id: string;
	status: Exclude<RsvpStatus, 'cancelled'>;
}

export async function rsvp(ctx: Ctx, activityId: string, now: Date = new Date()): Promise<RsvpResult> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'activities.self', { type: 'platform' }, { type: 'activity', id: null });
	const a = await activityHead(ctx.db, activityId);
	if (!(await visible(ctx, a))) throw activityNotFound();
	if (a.status === 'cancelled') throw new Refusal(409, 'activities_cancelled');
	if (a.status !== 'published') throw new Refusal(409, 'activities_not_open');
	if (a.startsAt <= now) throw new Refusal(409, 'activities_started');
	return ctx.db.transaction(async (tx) => {
		// The lock that makes capacity exact: concurrent RSVPs for this activity wait here.
		const [locked] = await tx.select({ capacity: activities.capacity, status: activities.status }).from(activities).where(eq(activities.id, activityId)).for('update');
		if (!locked || locked.status !== 'published') throw new Refusal(409, 'activities_not_open');
		const [mine] = await tx
			.select({ id: activityRsvps.id })
			.from(activityRsvps)
			.where(and(eq(activityRsvps.activityId, activityId), eq(activityRsvps.userId, userId), ne(activityRsvps.status, 'cancelled')));
		if (mine) throw new Refusal(409, 'activities_already_going');
		let status: RsvpResult['status'] = 'going';
		if (locked.capacity !== null) {
			const [{ taken }] = await tx
				.select({ taken: count() })
				.from(activityRsvps)
				.where(and(eq(activityRsvps.activityId, activityId), eq(activityRsvps.status, 'going')));
			if (taken >= locked.capacity) status = 'waitlisted';
		}
		const [row] = await tx.insert(activityRsvps).values({ activityId, userId, status }).returning({ id: activityRsvps.id });
		await audit(ctx, tx, `activities.rsvp.${status}`, 'activity_rsvp', row.id, 'done', { activityId });
		return { id: row.id, status };
	});
}

/** Cancels the actor's RSVP. If it held a place, the first waiting gets it (and an e-mail). */
export async function cancelRsvp(ctx: Ctx, activityId: string): Promise<{ promoted: number }> {
	const userId = me(ctx);
	const a = await activityHead(ctx.db, activityId);
	return ctx.db.transaction(async (tx) => {
		await tx.select({ id: activities.id }).from(activities).where(eq(activities.id, activityId)).for('update');
		const [was] = await tx
			.update(activityRsvps)
			.set({ status: 'cancelled', cancelledAt: new Date() })
			.where(and(eq(activityRsvps.activityId, activityId), eq(activityRsvps.userId, userId), ne(activityRsvps.status, 'cancelled')))
			.returning({ id: activityRsvps.id });
		if (!was) throw new Refusal(404, 'activities_rsvp_not_found');
		await audit(ctx, tx, 'activities.rsvp.cancel', 'activity_rsvp', was.id, 'done', { activityId });
		const promoted = await fillFromWaitlist(ctx, tx, activityId, a.title);
		return { promoted };
	});
}

/** Gives free places to the waiting list, first come first served; e-mails each. Call with the activity locked. */
export async function fillFromWaitlist(ctx: Ctx, tx: Tx, activityId: string, title: string): Promise<number> {
	const [a] = await tx.select({ capacity: activities.capacity, status: activities.status, startsAt: activities.startsAt }).from(activities).where(eq(activities.id, activityId));
	if (!a || a.status !== 'published' || a.startsAt <= new Date()) return 0;
	let free = Number.MAX_SAFE_INTEGER;
	if (a.capacity !== null) {
		const [{ taken }] = await tx.select({ taken: count() }).from(activityRsvps).where(and(eq(activityRsvps.activityId, activityId), eq(activityRsvps.status, 'going')));
		free = a.capacity - taken;
	}
	if (free <= 0) return 0;
	const next = await tx
		.select({ id: activityRsvps.id, userId: activityRsvps.userId, email: users.email, locale: users.locale })
		.from(activityRsvps)
		.innerJoin(users, eq(users.id, activityRsvps.userId))
		.where(and(eq(activityRsvps.activityId, activityId), eq(activityRsvps.status, 'waitlisted')))
		.orderBy(asc(activityRsvps.createdAt), asc(activityRsvps.id))
		.limit(Math.min(free, 5000));
	if (next.length === 0) return 0;
	await tx
		.update(activityRsvps)
		.set({ status: 'going', promotedAt: new Date() })
		.where(inArray(activityRsvps.id, next.map((n) => n.id)));
	for (const n of next) {
		await audit(ctx, tx, 'activities.rsvp.promote', 'activity_rsvp', n.id, 'done', { activityId });
		if (!n.email) continue;
		const locale = mailLocale(n.locale);
		await sendEmail(tx, {
			to: n.email,
			template: 'activity_place',
			subject: m.activities_mail_place_subject({}, { locale }),
			text: m.activities_mail_place_body({ title, when: mailMoment(a.startsAt, locale), link: `${linkOrigin(ctx.origin)}/activities/${activityId}` }, { locale })
		});
	}
	return next.length;
}

/** Raising the capacity (an edit) gives the new places to those waiting. */
export async function promoteAfterEdit(ctx: Ctx, activityId: string): Promise<number> {
	const a = await activityHead(ctx.db, activityId);
	return ctx.db.transaction(async (tx) => {
		await tx.select({ id: activities.id }).from(activities).where(eq(activities.id, activityId)).for('update');
		return fillFromWaitlist(ctx, tx, activityId, a.title);
	});
}

export interface MyRsvp {
	activityId: string;
	title: string;
	startsAt: Date;
	endsAt: Date;
	status: RsvpStatus;
	cancelled: boolean;
	position: number | null;
}

/** The actor's RSVPs still to end, soonest first, with the place on the waiting list. */
export async function myRsvps(ctx: Ctx, from: Date = new Date()): Promise<MyRsvp[]> {
	const userId = me(ctx);
	const position = sql<number | null>`case when ${activityRsvps.status} = 'waitlisted' then (select count(*) from ${activityRsvps} w where w.activity_id = ${activityRsvps.activityId} and w.status = 'waitlisted' and (w.created_at, w.id) <= (${activityRsvps.createdAt}, ${activityRsvps.id})) end`.mapWith((v) => (v === null ? null : Number(v)));
	const rows = await ctx.db
		.select({
			activityId: activityRsvps.activityId,
			title: activities.title,
			description: activities.description,
			language: activities.language,
			translations: activities.translations,
			startsAt: activities.startsAt,
			endsAt: activities.endsAt,
			status: activityRsvps.status,
			activityStatus: activities.status,
			position
		})
		.from(activityRsvps)
		.innerJoin(activities, eq(activities.id, activityRsvps.activityId))
		.where(and(eq(activityRsvps.userId, userId), ne(activityRsvps.status, 'cancelled'), gt(activities.endsAt, from)))
		.orderBy(asc(activities.startsAt))
		.limit(200);
	return rows.map(({ activityStatus, description, translations, language, ...r }) => ({
		...r,
		title: localised({ title: r.title, description, language, translations }, ctx.locale).title,
		cancelled: activityStatus === 'cancelled'
	}));
}

/** The actor's active RSVP for one activity, with the place on the waiting list. */
export async function myRsvpFor(ctx: Ctx, activityId: string): Promise<MyRsvp | null> {
	if (ctx.actor.kind !== 'user') return null;
	return (await myRsvps(ctx, new Date(0))).find((r) => r.activityId === activityId) ?? null;
}

/** Who is going and who waits, in order: the organisation's staff (personal data, audited). */
export async function attendees(ctx: Ctx, activityId: string) {
	const a = await activityHead(ctx.db, activityId);
	if (!a.organisationId) throw activityNotFound();
	await requirePolicy(ctx, 'activities.attendees', orgResource(a.organisationId), { type: 'activity', id: activityId });
	const rows = await ctx.db
		.select({ name: users.displayName, status: activityRsvps.status, createdAt: activityRsvps.createdAt })
		.from(activityRsvps)
		.innerJoin(users, eq(users.id, activityRsvps.userId))
		.where(and(eq(activityRsvps.activityId, activityId), ne(activityRsvps.status, 'cancelled')))
		.orderBy(asc(activityRsvps.status), asc(activityRsvps.createdAt), asc(activityRsvps.id));
	await audit(ctx, ctx.db, 'activities.attendees.view', 'activity', activityId);
	return { activity: a, going: rows.filter((r) => r.status === 'going'), waiting: rows.filter((r) => r.status === 'waitlisted') };
}

/**
 * Reminders for people going to activities that start within `hours`
 * (default 24) and were not reminded yet; each is claimed, then sent, once.
 * Run by the hourly housekeeping. Returns how many were sent.
 */
export async function sendActivityReminders(db: Db, now: Date = new Date(), hours = 24): Promise<number> {
	const until = new Date(now.getTime() + hours * 3_600_000);
	const due = await db
		.select({ id: activityRsvps.id, activityId: activities.id, email: users.email, locale: users.locale, title: activities.title, startsAt: activities.startsAt, place: activities.placeName, address: activities.address, online: activities.onlineUrl })
		.from(activityRsvps)
		.innerJoin(activities, eq(activities.id, activityRsvps.activityId))
		.innerJoin(users, eq(users.id, activityRsvps.userId))
		.where(and(eq(activityRsvps.status, 'going'), isNull(activityRsvps.remindedAt), eq(activities.status, 'published'), gt(activities.startsAt, now), lt(activities.startsAt, until)))
		.limit(5000);
	let sent = 0;
	for (const d of due) {
		await db.transaction(async (tx) => {
			const [claimed] = await tx
				.update(activityRsvps)
				.set({ remindedAt: now })
				.where(and(eq(activityRsvps.id, d.id), isNull(activityRsvps.remindedAt)))
				.returning({ id: activityRsvps.id });
			if (!claimed || !d.email) return;
			const locale = mailLocale(d.locale);
			const where = [d.place, d.address].filter(Boolean).join(', ') || d.online || '—';
			await sendEmail(tx, {
				to: d.email,
				template: 'activity_reminder',
				subject: m.activities_mail_reminder_subject({ title: d.title }, { locale }),
				text: m.activities_mail_reminder_body({ title: d.title, when: mailMoment(d.startsAt, locale), where, link: `${linkOrigin()}/activities/${d.activityId}` }, { locale })
			});
			sent++;
		});
	}
	return sent;
}
