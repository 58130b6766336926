/**
 * iCalendar of assembly meetings (RFC 5545) with ical-generator, as for
 * activities (docs/decisions/021): one meeting ("add to calendar") and a
 * public feed per assembly with its meetings from a week back. Times are UTC;
 * UIDs are `assembly-meeting-<id>@<host>`, stable across feeds and edits; a
 * cancelled meeting stays in the feed with STATUS:CANCELLED so calendars drop it.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Ctx } from '../context.ts';
import { assemblyMeetings } from '../db/schema/index.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { assemblyHead, localised, meetingHead, type MeetingHead } from './common.ts';

const DAY = 86_400_000;

function toIcs(name: string, assemblyId: string, meetings: readonly Pick<MeetingHead, 'id' | 'startsAt' | 'endsAt' | 'placeName' | 'address' | 'onlineUrl' | 'agenda' | 'status' | 'updatedAt'>[], origin: string): string {
	const host = new URL(origin).hostname || 'convive';
	const cal = ical({ name, prodId: { company: 'Convive', product: 'assemblies', language: 'EN' }, ttl: 3600 });
	for (const mt of meetings) {
		const agenda = mt.agenda.map((i, n) => `${n + 1}. ${i.title}${i.description ? ` — ${i.description}` : ''}`).join('\n');
		cal.createEvent({
			id: `assembly-meeting-${mt.id}@${host}`,
			start: mt.startsAt,
			end: mt.endsAt,
			stamp: mt.updatedAt,
			summary: name,
			description: [agenda, mt.onlineUrl].filter(Boolean).join('\n\n'),
			location: [mt.placeName, mt.address].filter(Boolean).join(', ') || mt.onlineUrl || null,
			url: `${origin}/assemblies/${assemblyId}/meetings/${mt.id}`,
			status: mt.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return cal.toString();
}

/** One meeting of THIS assembly as a calendar file (public; another assembly's meeting: 404). */
export async function meetingIcs(ctx: Ctx, assemblyId: string, meetingId: string): Promise<string> {
	const head = await assemblyHead(ctx.db, assemblyId);
	const mt = await meetingHead(ctx.db, assemblyId, meetingId);
	return toIcs(localised(head, ctx.locale).name, assemblyId, [mt], linkOrigin(ctx.origin));
}

/** The assembly's feed: its meetings from a week back (public). */
export async function assemblyFeed(ctx: Ctx, assemblyId: string, now = new Date()): Promise<string> {
	const head = await assemblyHead(ctx.db, assemblyId);
	const rows = await ctx.db
		.select({
			id: assemblyMeetings.id,
			startsAt: assemblyMeetings.startsAt,
			endsAt: assemblyMeetings.endsAt,
			placeName: assemblyMeetings.placeName,
			address: assemblyMeetings.address,
			onlineUrl: assemblyMeetings.onlineUrl,
			agenda: assemblyMeetings.agenda,
			status: assemblyMeetings.status,
			updatedAt: assemblyMeetings.updatedAt
		})
		.from(assemblyMeetings)
		.where(and(eq(assemblyMeetings.assemblyId, assemblyId), gt(assemblyMeetings.endsAt, new Date(now.getTime() - 7 * DAY))))
		.orderBy(asc(assemblyMeetings.startsAt))
		.limit(500);
	return toIcs(localised(head, ctx.locale).name, assemblyId, rows, linkOrigin(ctx.origin));
}
