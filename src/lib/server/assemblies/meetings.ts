/**
 * Meetings of an assembly (issue 7). The chair, the secretary and the city's
 * staff (`assemblies.run`) schedule them (a local date and times in the
 * city's zone, a place or an https link, an ordered agenda) and cancel them;
 * members get an e-mail either way. Members answer whether they will come
 * and may ask for an interpreter in a language; those who run the assembly
 * see the requests per language. After the meeting they record attendance
 * (present, excused or absent per member, and a count of guests) and the
 * minutes (plain text, published once written).
 */
import { and, asc, desc, eq, gt, inArray, lte, ne } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { assemblyAttendance, assemblyMeetings, assemblyMembers, assemblyReplies, users, type Presence } from '../db/schema/index.ts';
import { notifyAll } from '../notifications/index.ts';
import { linkOrigin, mailMoment } from '../referrals/emails.ts';
import { zonedInstant } from '../../directory/hours.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit, gate, localised, me, meetingHead, requirePolicy, assemblyHead, assemblyResource, type MeetingHead } from './common.ts';
import type { AttendanceInput, MeetingInput, ReplyInput } from './schemas.ts';

/** Active members, to tell them about a meeting. */
async function membersToTell(tx: Tx, assemblyId: string) {
	return tx
		.select({ userId: assemblyMembers.userId })
		.from(assemblyMembers)
		.where(and(eq(assemblyMembers.assemblyId, assemblyId), eq(assemblyMembers.status, 'active')));
}

const where = (mt: Pick<MeetingHead, 'placeName' | 'address' | 'onlineUrl'>) => [mt.placeName, mt.address].filter(Boolean).join(', ') || mt.onlineUrl || '—';

export async function scheduleMeeting(ctx: Ctx, assemblyId: string, input: MeetingInput, now = new Date()): Promise<string> {
	const { head } = await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_meeting', id: null });
	const startsAt = zonedInstant(input.date, input.start);
	const endsAt = zonedInstant(input.date, input.end);
	if (endsAt <= startsAt) throw new Refusal(400, 'assemblies_ends_before_starts', 'end');
	if (startsAt <= now) throw new Refusal(400, 'assemblies_in_the_past', 'date');
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(assemblyMeetings)
			.values({ assemblyId, startsAt, endsAt, placeName: input.placeName || null, address: input.address || null, onlineUrl: input.onlineUrl, agenda: input.agenda, createdBy: me(ctx) })
			.returning({ id: assemblyMeetings.id });
		const people = await membersToTell(tx, assemblyId);
		// Each member is told as they chose (notifications: in the app, by e-mail at once or in the daily digest).
		await notifyAll(
			tx,
			people.map((p) => p.userId),
			{
				kind: 'assembly_meeting',
				template: 'assembly_meeting_scheduled',
				title: (locale) => m.assemblies_mail_scheduled_subject({ name: localised(head, locale).name }, { locale }),
				body: (locale) =>
					m.assemblies_mail_scheduled_body(
						{
							name: localised(head, locale).name,
							when: mailMoment(startsAt, locale),
							where: where({ placeName: input.placeName, address: input.address, onlineUrl: input.onlineUrl }),
							agenda: input.agenda.map((i, n) => `${n + 1}. ${i.title}`).join('\n') || '—',
							link: `${linkOrigin(ctx.origin)}/assemblies/${assemblyId}/meetings/${row.id}`
						},
						{ locale }
					),
				link: `/assemblies/${assemblyId}/meetings/${row.id}`
			},
			ctx.origin
		);
		await audit(ctx, tx, 'assemblies.meeting.schedule', 'assembly_meeting', row.id, 'done', { assemblyId, told: people.length });
		return row.id;
	});
}

/** Cancels a scheduled meeting; members are told by e-mail, with the reason. */
export async function cancelMeeting(ctx: Ctx, assemblyId: string, meetingId: string, reason: string): Promise<number> {
	const { head } = await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_meeting', id: meetingId });
	return ctx.db.transaction(async (tx) => {
		const mt = await meetingHead(tx, assemblyId, meetingId, true);
		if (mt.status !== 'scheduled') throw new Refusal(409, 'assemblies_meeting_not_scheduled');
		await tx.update(assemblyMeetings).set({ status: 'cancelled', cancelReason: reason || null, updatedAt: new Date() }).where(eq(assemblyMeetings.id, meetingId));
		const people = await membersToTell(tx, assemblyId);
		await notifyAll(
			tx,
			people.map((p) => p.userId),
			{
				kind: 'assembly_meeting',
				template: 'assembly_meeting_cancelled',
				title: (locale) => m.assemblies_mail_cancelled_subject({ name: localised(head, locale).name }, { locale }),
				body: (locale) => m.assemblies_mail_cancelled_body({ name: localised(head, locale).name, when: mailMoment(mt.startsAt, locale), reason: reason || '—', link: `${linkOrigin(ctx.origin)}/assemblies/${assemblyId}` }, { locale }),
				link: `/assemblies/${assemblyId}`
			},
			ctx.origin
		);
		await audit(ctx, tx, 'assemblies.meeting.cancel', 'assembly_meeting', meetingId, 'done', { assemblyId, told: people.length });
		return people.length;
	});
}

/** A member says whether they will come, and may ask for an interpreter. Answering again replaces the answer. */
export async function replyToMeeting(ctx: Ctx, assemblyId: string, meetingId: string, input: ReplyInput, now = new Date()): Promise<void> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'assemblies.join', { type: 'platform' }, { type: 'assembly_meeting', id: meetingId });
	const head = await assemblyHead(ctx.db, assemblyId);
	const mt = await meetingHead(ctx.db, assemblyId, meetingId);
	const resource = await assemblyResource(ctx.db, head);
	if (!resource.memberIds.includes(userId)) throw new Refusal(403, 'assemblies_members_only');
	if (mt.status !== 'scheduled' || mt.startsAt <= now) throw new Refusal(409, 'assemblies_reply_closed');
	const interpreter = input.coming === 'yes' ? input.interpreter : null;
	await ctx.db.transaction(async (tx) => {
		await tx
			.insert(assemblyReplies)
			.values({ meetingId, userId, coming: input.coming, interpreter })
			.onConflictDoUpdate({ target: [assemblyReplies.meetingId, assemblyReplies.userId], set: { coming: input.coming, interpreter, updatedAt: new Date() } });
		await audit(ctx, tx, 'assemblies.meeting.reply', 'assembly_meeting', meetingId, 'done', { coming: input.coming, interpreter });
	});
}

/** The actor's answer for a meeting. */
export async function myReply(ctx: Ctx, meetingId: string): Promise<{ coming: 'yes' | 'no'; interpreter: string | null } | null> {
	if (ctx.actor.kind !== 'user') return null;
	const [r] = await ctx.db
		.select({ coming: assemblyReplies.coming, interpreter: assemblyReplies.interpreter })
		.from(assemblyReplies)
		.where(and(eq(assemblyReplies.meetingId, meetingId), eq(assemblyReplies.userId, ctx.actor.userId)));
	return r ?? null;
}

/** Who answered, and the interpreter requests per language (most asked first): for those who run it; audited. */
export async function meetingReplies(ctx: Ctx, assemblyId: string, meetingId: string) {
	await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_meeting', id: meetingId });
	await meetingHead(ctx.db, assemblyId, meetingId);
	const rows = await ctx.db
		.select({ name: users.displayName, coming: assemblyReplies.coming, interpreter: assemblyReplies.interpreter })
		.from(assemblyReplies)
		.innerJoin(users, eq(users.id, assemblyReplies.userId))
		.where(eq(assemblyReplies.meetingId, meetingId))
		.orderBy(asc(users.displayName));
	await audit(ctx, ctx.db, 'assemblies.meeting.replies.view', 'assembly_meeting', meetingId);
	const byLanguage = new Map<string, string[]>();
	for (const r of rows) if (r.coming === 'yes' && r.interpreter) byLanguage.set(r.interpreter, [...(byLanguage.get(r.interpreter) ?? []), r.name]);
	return {
		coming: rows.filter((r) => r.coming === 'yes').map((r) => r.name),
		notComing: rows.filter((r) => r.coming === 'no').map((r) => r.name),
		interpreters: [...byLanguage].map(([language, names]) => ({ language, names })).sort((a, b) => b.names.length - a.names.length || a.language.localeCompare(b.language))
	};
}

/** Attendance per member (present, excused, absent) and the guests. Every mark must name an active member. */
export async function recordAttendance(ctx: Ctx, assemblyId: string, meetingId: string, input: AttendanceInput, now = new Date()): Promise<number> {
	const { resource } = await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_meeting', id: meetingId });
	for (const userId of input.marks.keys()) if (!resource.memberIds.includes(userId)) throw new Refusal(400, 'assemblies_not_a_member', 'guests');
	return ctx.db.transaction(async (tx) => {
		const mt = await meetingHead(tx, assemblyId, meetingId, true);
		if (mt.status === 'cancelled') throw new Refusal(409, 'assemblies_meeting_cancelled');
		if (mt.startsAt > now) throw new Refusal(409, 'assemblies_not_yet');
		await tx.delete(assemblyAttendance).where(eq(assemblyAttendance.meetingId, meetingId));
		const rows = [...input.marks].map(([userId, presence]) => ({ meetingId, userId, presence: presence as Presence }));
		if (rows.length) await tx.insert(assemblyAttendance).values(rows);
		await tx.update(assemblyMeetings).set({ status: 'held', guests: input.guests, attendanceAt: new Date(), updatedAt: new Date() }).where(eq(assemblyMeetings.id, meetingId));
		await audit(ctx, tx, 'assemblies.meeting.attendance', 'assembly_meeting', meetingId, 'done', { marks: rows.length, guests: input.guests });
		return rows.length;
	});
}

/** The attendance as recorded: per member, for those who run it (audited). */
export async function attendanceOf(ctx: Ctx, assemblyId: string, meetingId: string): Promise<Map<string, Presence>> {
	await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_meeting', id: meetingId });
	const rows = await ctx.db.select({ userId: assemblyAttendance.userId, presence: assemblyAttendance.presence }).from(assemblyAttendance).where(eq(assemblyAttendance.meetingId, meetingId));
	await audit(ctx, ctx.db, 'assemblies.meeting.attendance.view', 'assembly_meeting', meetingId);
	return new Map(rows.map((r) => [r.userId, r.presence]));
}

/** Writes (or rewrites) the minutes of a meeting that has started; they are public once written. */
export async function writeMinutes(ctx: Ctx, assemblyId: string, meetingId: string, minutes: string, now = new Date()): Promise<void> {
	await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_meeting', id: meetingId });
	if (minutes.length > 20_000) throw new Refusal(400, 'assemblies_minutes_too_long', 'minutes');
	await ctx.db.transaction(async (tx) => {
		const mt = await meetingHead(tx, assemblyId, meetingId, true);
		if (mt.status === 'cancelled') throw new Refusal(409, 'assemblies_meeting_cancelled');
		if (mt.startsAt > now) throw new Refusal(409, 'assemblies_not_yet');
		await tx.update(assemblyMeetings).set({ minutes, minutesAt: new Date(), status: 'held', updatedAt: new Date() }).where(eq(assemblyMeetings.id, meetingId));
		await audit(ctx, tx, 'assemblies.meeting.minutes', 'assembly_meeting', meetingId, 'done', { length: minutes.length });
	});
}

export interface MeetingSummary {
	id: string;
	startsAt: Date;
	endsAt: Date;
	status: MeetingHead['status'];
	placeName: string | null;
	address: string | null;
	onlineUrl: string | null;
	agenda: MeetingHead['agenda'];
	cancelReason: string | null;
	minutes: string | null;
	guests: number;
	/** Whether attendance was recorded. */
	attendanceTaken: boolean;
	present: number;
}

const summaryColumns = {
	id: assemblyMeetings.id,
	startsAt: assemblyMeetings.startsAt,
	endsAt: assemblyMeetings.endsAt,
	status: assemblyMeetings.status,
	placeName: assemblyMeetings.placeName,
	address: assemblyMeetings.address,
	onlineUrl: assemblyMeetings.onlineUrl,
	agenda: assemblyMeetings.agenda,
	cancelReason: assemblyMeetings.cancelReason,
	minutes: assemblyMeetings.minutes,
	guests: assemblyMeetings.guests,
	attendanceAt: assemblyMeetings.attendanceAt
};

type Row = Omit<MeetingSummary, 'present' | 'attendanceTaken'> & { attendanceAt: Date | null };
async function withPresent(ctx: Ctx, rows: Row[]): Promise<MeetingSummary[]> {
	if (rows.length === 0) return [];
	const marks = await ctx.db
		.select({ meetingId: assemblyAttendance.meetingId })
		.from(assemblyAttendance)
		.where(and(inArray(assemblyAttendance.meetingId, rows.map((r) => r.id)), eq(assemblyAttendance.presence, 'present')));
	const n = new Map<string, number>();
	for (const x of marks) n.set(x.meetingId, (n.get(x.meetingId) ?? 0) + 1);
	return rows.map(({ attendanceAt, ...r }) => ({ ...r, attendanceTaken: attendanceAt !== null, present: n.get(r.id) ?? 0 }));
}

/** Upcoming meetings (scheduled or cancelled, soonest first) and past ones (latest first): public facts only. */
export async function meetingsOf(ctx: Ctx, assemblyId: string, now = new Date()): Promise<{ upcoming: MeetingSummary[]; past: MeetingSummary[] }> {
	const upcoming = await ctx.db
		.select(summaryColumns)
		.from(assemblyMeetings)
		.where(and(eq(assemblyMeetings.assemblyId, assemblyId), gt(assemblyMeetings.endsAt, now), ne(assemblyMeetings.status, 'held')))
		.orderBy(asc(assemblyMeetings.startsAt))
		.limit(50);
	const past = await ctx.db
		.select(summaryColumns)
		.from(assemblyMeetings)
		.where(and(eq(assemblyMeetings.assemblyId, assemblyId), lte(assemblyMeetings.startsAt, now), ne(assemblyMeetings.status, 'cancelled')))
		.orderBy(desc(assemblyMeetings.startsAt))
		.limit(50);
	return { upcoming: await withPresent(ctx, upcoming), past: await withPresent(ctx, past.filter((p) => !upcoming.some((u) => u.id === p.id))) };
}

/** One meeting's public facts (a meeting of another assembly: 404). */
export async function getMeeting(ctx: Ctx, assemblyId: string, meetingId: string): Promise<MeetingSummary> {
	await assemblyHead(ctx.db, assemblyId);
	const mt = await meetingHead(ctx.db, assemblyId, meetingId);
	const [withCount] = await withPresent(ctx, [mt]);
	return withCount;
}
