/**
 * Buddy pairs once confirmed (issue 6, decision 020): check-ins on the
 * programme's schedule with a short wellbeing question for each side,
 * reminders by e-mail, ending with a reason and feedback, and the
 * coordinator's view with low-wellbeing flags.
 *
 * - A check-in is answered by each side of the pair only, once, from its
 *   due day on, while the pair is active. Someone else gets the same 404 as
 *   a forged id. A side never sees the other side's answers; the
 *   coordinator does, and an answer of 1 or 2 is flagged in their view.
 * - Either side (or the coordinator) ends an active pair with a reason;
 *   ending twice is refused. Each side may leave feedback once (when ending,
 *   or afterwards). Ending drops the check-ins not yet due; both people go
 *   back to the pool, and the engine never proposes the same two again.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/index.ts';
import { buddyApplications, buddyCheckIns, buddyFeedback, buddyPairs, buddyProgrammes, users, type BuddyEndReason, type BuddyPairStatus, type BuddySide } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { cityToday } from '../guardianship/age.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, checkInNotFound, me, orgResource, pairNotFound, programmeHead, programmeNotFound, requirePolicy } from './common.ts';
import type { CheckInInput, EndInput } from './schemas.ts';

/** Wellbeing at or under this is flagged to the coordinator. */
export const LOW_WELLBEING = 2;

const newcomerApp = alias(buddyApplications, 'newcomer_app');
const residentApp = alias(buddyApplications, 'resident_app');
const newcomerUser = alias(users, 'newcomer_user');
const residentUser = alias(users, 'resident_user');

/** A pair with both sides' users, or null. */
async function pairWithSides(db: Db, pairId: string) {
	const [p] = await db
		.select({
			id: buddyPairs.id,
			programmeId: buddyPairs.programmeId,
			status: buddyPairs.status,
			newcomerUserId: newcomerApp.userId,
			residentUserId: residentApp.userId,
			newcomerName: newcomerUser.displayName,
			residentName: residentUser.displayName
		})
		.from(buddyPairs)
		.innerJoin(newcomerApp, eq(newcomerApp.id, buddyPairs.newcomerApplicationId))
		.innerJoin(residentApp, eq(residentApp.id, buddyPairs.residentApplicationId))
		.innerJoin(newcomerUser, eq(newcomerUser.id, newcomerApp.userId))
		.innerJoin(residentUser, eq(residentUser.id, residentApp.userId))
		.where(eq(buddyPairs.id, pairId));
	return p ?? null;
}

/** The side the signed-in user is on in a pair (a pair they are not in is the 404). */
async function mySide(ctx: Ctx, pairId: string) {
	if (!isUuid(pairId)) throw pairNotFound();
	const p = await pairWithSides(ctx.db, pairId);
	const userId = me(ctx);
	if (!p || (p.status !== 'active' && p.status !== 'ended')) throw pairNotFound();
	const side: BuddySide | null = p.newcomerUserId === userId ? 'newcomer' : p.residentUserId === userId ? 'resident' : null;
	if (!side) {
		await audit(ctx, ctx.db, 'buddies.pair.access', 'buddy_pair', pairId, 'denied');
		throw pairNotFound();
	}
	return { pair: p, side };
}

/** Answers one's own side of a check-in of an active pair, once, from its due day on. */
export async function answerCheckIn(ctx: Ctx, input: CheckInInput, opts: { now?: Date } = {}): Promise<void> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_check_in', id: null });
	if (!isUuid(input.checkInId)) throw checkInNotFound();
	const [c] = await ctx.db.select({ id: buddyCheckIns.id, pairId: buddyCheckIns.pairId, dueOn: buddyCheckIns.dueOn }).from(buddyCheckIns).where(eq(buddyCheckIns.id, input.checkInId));
	if (!c) throw checkInNotFound();
	let side: BuddySide;
	let status: BuddyPairStatus;
	try {
		const found = await mySide(ctx, c.pairId);
		side = found.side;
		status = found.pair.status;
	} catch (err) {
		if (err instanceof Refusal) throw checkInNotFound();
		throw err;
	}
	if (status !== 'active') throw new Refusal(409, 'buddies_pair_ended');
	if (c.dueOn > cityToday(opts.now ?? new Date())) throw new Refusal(409, 'buddies_check_in_not_due');
	const now = opts.now ?? new Date();
	await ctx.db.transaction(async (tx) => {
		const set =
			side === 'newcomer'
				? { newcomerWellbeing: input.wellbeing, newcomerNote: input.note || null, newcomerAnsweredAt: now }
				: { residentWellbeing: input.wellbeing, residentNote: input.note || null, residentAnsweredAt: now };
		const [row] = await tx
			.update(buddyCheckIns)
			.set(set)
			.where(and(eq(buddyCheckIns.id, c.id), isNull(side === 'newcomer' ? buddyCheckIns.newcomerAnsweredAt : buddyCheckIns.residentAnsweredAt)))
			.returning({ id: buddyCheckIns.id });
		if (!row) throw new Refusal(409, 'buddies_check_in_answered');
		await audit(ctx, tx, 'buddies.check_in.answer', 'buddy_check_in', c.id, 'done', { side, low: input.wellbeing <= LOW_WELLBEING });
	});
}

async function endIn(ctx: Ctx, tx: Parameters<Parameters<Db['transaction']>[0]>[0], pairId: string, reason: BuddyEndReason, now: Date) {
	const [row] = await tx
		.update(buddyPairs)
		.set({ status: 'ended', endedAt: now, endReason: reason, endedBy: me(ctx) })
		.where(and(eq(buddyPairs.id, pairId), eq(buddyPairs.status, 'active')))
		.returning({ id: buddyPairs.id });
	if (!row) throw new Refusal(409, 'buddies_pair_ended');
	// Check-ins not yet due, and not answered, go.
	await tx
		.delete(buddyCheckIns)
		.where(and(eq(buddyCheckIns.pairId, pairId), gt(buddyCheckIns.dueOn, cityToday(now)), isNull(buddyCheckIns.newcomerAnsweredAt), isNull(buddyCheckIns.residentAnsweredAt)));
}

/** Ends one's own active pair with a reason and one's feedback. */
export async function endPair(ctx: Ctx, input: EndInput, opts: { now?: Date } = {}): Promise<void> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_pair', id: null });
	const { pair, side } = await mySide(ctx, input.pairId);
	if (pair.status !== 'active') throw new Refusal(409, 'buddies_pair_ended');
	const now = opts.now ?? new Date();
	await ctx.db.transaction(async (tx) => {
		await endIn(ctx, tx, pair.id, input.reason, now);
		await tx.insert(buddyFeedback).values({ pairId: pair.id, side, rating: input.rating, comment: input.comment }).onConflictDoNothing();
		await audit(ctx, tx, 'buddies.pair.end', 'buddy_pair', pair.id, 'done', { side, reason: input.reason });
	});
}

/** Feedback on an ended pair, once per side. */
export async function giveFeedback(ctx: Ctx, input: { pairId: string; rating: number; comment: string }): Promise<void> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_pair', id: null });
	const { pair, side } = await mySide(ctx, input.pairId);
	if (pair.status !== 'ended') throw new Refusal(409, 'buddies_pair_not_ended');
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx.insert(buddyFeedback).values({ pairId: pair.id, side, rating: input.rating, comment: input.comment }).onConflictDoNothing().returning({ id: buddyFeedback.id });
		if (!row) throw new Refusal(409, 'buddies_feedback_given');
		await audit(ctx, tx, 'buddies.pair.feedback', 'buddy_pair', pair.id, 'done', { side });
	});
}

/** The coordinator ends a pair of their programme with a reason. */
export async function endPairAsStaff(ctx: Ctx, organisationId: string, programmeId: string, input: { pairId: string; reason: BuddyEndReason }, opts: { now?: Date } = {}): Promise<void> {
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_pair', id: isUuid(input.pairId) ? input.pairId : null });
	const p = await programmeHead(ctx.db, programmeId);
	if (p.organisationId !== organisationId) throw programmeNotFound();
	if (!isUuid(input.pairId)) throw pairNotFound();
	const pair = await pairWithSides(ctx.db, input.pairId);
	if (!pair || pair.programmeId !== p.id || (pair.status !== 'active' && pair.status !== 'ended')) throw pairNotFound();
	await ctx.db.transaction(async (tx) => {
		await endIn(ctx, tx, pair.id, input.reason, opts.now ?? new Date());
		await audit(ctx, tx, 'buddies.pair.end', 'buddy_pair', pair.id, 'done', { side: 'coordinator', reason: input.reason });
	});
}

export interface MyCheckIn {
	id: string;
	dueOn: string;
	/** My answer, or null. */
	wellbeing: number | null;
	note: string | null;
	due: boolean;
}

export interface MyPair {
	id: string;
	programmeName: string;
	side: BuddySide;
	buddyName: string;
	status: BuddyPairStatus;
	startedOn: string | null;
	endsOn: string | null;
	endReason: BuddyEndReason | null;
	checkIns: MyCheckIn[];
	/** Whether I left feedback (ended pairs). */
	feedbackGiven: boolean;
}

/** One's own active and ended pairs, with one's own check-in answers. */
export async function myPairs(ctx: Ctx, opts: { now?: Date } = {}): Promise<MyPair[]> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_pair', id: null });
	const userId = me(ctx);
	const today = cityToday(opts.now ?? new Date());
	const rows = await ctx.db
		.select({
			id: buddyPairs.id,
			programmeName: buddyProgrammes.name,
			status: buddyPairs.status,
			startedOn: buddyPairs.startedOn,
			endsOn: buddyPairs.endsOn,
			endReason: buddyPairs.endReason,
			newcomerUserId: newcomerApp.userId,
			newcomerName: newcomerUser.displayName,
			residentName: residentUser.displayName
		})
		.from(buddyPairs)
		.innerJoin(buddyProgrammes, eq(buddyProgrammes.id, buddyPairs.programmeId))
		.innerJoin(newcomerApp, eq(newcomerApp.id, buddyPairs.newcomerApplicationId))
		.innerJoin(residentApp, eq(residentApp.id, buddyPairs.residentApplicationId))
		.innerJoin(newcomerUser, eq(newcomerUser.id, newcomerApp.userId))
		.innerJoin(residentUser, eq(residentUser.id, residentApp.userId))
		.where(and(inArray(buddyPairs.status, ['active', 'ended']), or(eq(newcomerApp.userId, userId), eq(residentApp.userId, userId))))
		.orderBy(asc(buddyPairs.status), desc(buddyPairs.startedOn));
	const ids = rows.map((r) => r.id);
	const checks = ids.length ? await ctx.db.select().from(buddyCheckIns).where(inArray(buddyCheckIns.pairId, ids)).orderBy(asc(buddyCheckIns.dueOn)) : [];
	const feedback = ids.length ? await ctx.db.select({ pairId: buddyFeedback.pairId, side: buddyFeedback.side }).from(buddyFeedback).where(inArray(buddyFeedback.pairId, ids)) : [];
	return rows.map((r) => {
		const side: BuddySide = r.newcomerUserId === userId ? 'newcomer' : 'resident';
		return {
			id: r.id,
			programmeName: r.programmeName,
			side,
			buddyName: side === 'newcomer' ? r.residentName : r.newcomerName,
			status: r.status,
			startedOn: r.startedOn,
			endsOn: r.endsOn,
			endReason: r.endReason,
			checkIns: checks
				.filter((c) => c.pairId === r.id)
				.map((c) => ({
					id: c.id,
					dueOn: c.dueOn,
					wellbeing: side === 'newcomer' ? c.newcomerWellbeing : c.residentWellbeing,
					note: side === 'newcomer' ? c.newcomerNote : c.residentNote,
					due: c.dueOn <= today
				})),
			feedbackGiven: feedback.some((f) => f.pairId === r.id && f.side === side)
		};
	});
}

export interface StaffPair {
	id: string;
	status: BuddyPairStatus;
	newcomerName: string;
	residentName: string;
	startedOn: string | null;
	endsOn: string | null;
	endReason: BuddyEndReason | null;
	/** Check-ins due so far, and answered by both sides. */
	due: number;
	answered: number;
	/** The last answers of each side. */
	lastNewcomer: number | null;
	lastResident: number | null;
	/** A wellbeing answer of 1 or 2 in the last check-in either side answered. */
	low: boolean;
	feedback: { side: BuddySide; rating: number; comment: string }[];
}

/** The programme's active and ended pairs with check-in status and flags (personal data; audited). */
export async function programmePairs(ctx: Ctx, organisationId: string, programmeId: string, opts: { now?: Date } = {}): Promise<StaffPair[]> {
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_programme', id: isUuid(programmeId) ? programmeId : null });
	const p = await programmeHead(ctx.db, programmeId);
	if (p.organisationId !== organisationId) throw programmeNotFound();
	const today = cityToday(opts.now ?? new Date());
	const rows = await ctx.db
		.select({
			id: buddyPairs.id,
			status: buddyPairs.status,
			newcomerName: newcomerUser.displayName,
			residentName: residentUser.displayName,
			startedOn: buddyPairs.startedOn,
			endsOn: buddyPairs.endsOn,
			endReason: buddyPairs.endReason
		})
		.from(buddyPairs)
		.innerJoin(newcomerApp, eq(newcomerApp.id, buddyPairs.newcomerApplicationId))
		.innerJoin(residentApp, eq(residentApp.id, buddyPairs.residentApplicationId))
		.innerJoin(newcomerUser, eq(newcomerUser.id, newcomerApp.userId))
		.innerJoin(residentUser, eq(residentUser.id, residentApp.userId))
		.where(and(eq(buddyPairs.programmeId, p.id), inArray(buddyPairs.status, ['active', 'ended'])))
		.orderBy(asc(buddyPairs.status), asc(newcomerUser.displayName), asc(buddyPairs.id));
	const ids = rows.map((r) => r.id);
	const checks = ids.length ? await ctx.db.select().from(buddyCheckIns).where(and(inArray(buddyCheckIns.pairId, ids), lte(buddyCheckIns.dueOn, today))).orderBy(asc(buddyCheckIns.dueOn)) : [];
	const feedback = ids.length ? await ctx.db.select().from(buddyFeedback).where(inArray(buddyFeedback.pairId, ids)).orderBy(asc(buddyFeedback.side)) : [];
	await audit(ctx, ctx.db, 'buddies.pairs.view', 'buddy_programme', p.id, 'done', { pairs: rows.length });
	return rows.map((r) => {
		const mine = checks.filter((c) => c.pairId === r.id);
		const lastN = [...mine].reverse().find((c) => c.newcomerWellbeing !== null)?.newcomerWellbeing ?? null;
		const lastR = [...mine].reverse().find((c) => c.residentWellbeing !== null)?.residentWellbeing ?? null;
		return {
			...r,
			due: mine.length,
			answered: mine.filter((c) => c.newcomerAnsweredAt && c.residentAnsweredAt).length,
			lastNewcomer: lastN,
			lastResident: lastR,
			low: (lastN !== null && lastN <= LOW_WELLBEING) || (lastR !== null && lastR <= LOW_WELLBEING),
			feedback: feedback.filter((f) => f.pairId === r.id).map((f) => ({ side: f.side, rating: f.rating, comment: f.comment }))
		};
	});
}

/**
 * Housekeeping: e-mails each side that has not answered a check-in that fell
 * due (of an active pair), once per check-in: the check-in is claimed first
 * (reminded_at), then the e-mails go in the same transaction.
 */
export async function sendCheckInReminders(db: Db, now: Date = new Date()): Promise<number> {
	const today = cityToday(now);
	const due = await db
		.select({
			id: buddyCheckIns.id,
			newcomerAnswered: buddyCheckIns.newcomerAnsweredAt,
			residentAnswered: buddyCheckIns.residentAnsweredAt,
			programme: buddyProgrammes.name,
			newcomer: { email: newcomerUser.email, locale: newcomerUser.locale, name: newcomerUser.displayName },
			resident: { email: residentUser.email, locale: residentUser.locale, name: residentUser.displayName }
		})
		.from(buddyCheckIns)
		.innerJoin(buddyPairs, eq(buddyPairs.id, buddyCheckIns.pairId))
		.innerJoin(buddyProgrammes, eq(buddyProgrammes.id, buddyPairs.programmeId))
		.innerJoin(newcomerApp, eq(newcomerApp.id, buddyPairs.newcomerApplicationId))
		.innerJoin(residentApp, eq(residentApp.id, buddyPairs.residentApplicationId))
		.innerJoin(newcomerUser, eq(newcomerUser.id, newcomerApp.userId))
		.innerJoin(residentUser, eq(residentUser.id, residentApp.userId))
		.where(
			and(
				eq(buddyPairs.status, 'active'),
				isNull(buddyCheckIns.remindedAt),
				lte(buddyCheckIns.dueOn, today),
				sql`(${buddyCheckIns.newcomerAnsweredAt} is null or ${buddyCheckIns.residentAnsweredAt} is null)`
			)
		)
		.limit(5000);
	let sent = 0;
	for (const d of due) {
		await db.transaction(async (tx) => {
			const [claimed] = await tx
				.update(buddyCheckIns)
				.set({ remindedAt: now })
				.where(and(eq(buddyCheckIns.id, d.id), isNull(buddyCheckIns.remindedAt)))
				.returning({ id: buddyCheckIns.id });
			if (!claimed) return;
			const to = [...(d.newcomerAnswered ? [] : [d.newcomer]), ...(d.residentAnswered ? [] : [d.resident])];
			for (const person of to) {
				if (!person.email) continue;
				const locale = mailLocale(person.locale);
				await sendEmail(tx, {
					to: person.email,
					template: 'buddy_check_in',
					subject: m.buddies_mail_check_in_subject({}, { locale }),
					text: m.buddies_mail_check_in_body({ name: person.name, programme: d.programme, link: `${linkOrigin()}/buddies/me` }, { locale })
				});
				sent++;
			}
		});
	}
	return sent;
}
