/**
 * iCalendar feeds of activities (RFC 5545), written with ical-generator
 * (escaping of commas, semicolons, backslashes and newlines, line folding):
 *
 * - per neighbourhood, public: its published activities for everyone, from a
 *   week back;
 * - per person, behind a secret in the address: the activities they are going
 *   to or waiting for. Only the secret's SHA-256 is stored; resetting it makes
 *   the old address a 404, like a forged one;
 * - one activity, for "add to calendar".
 *
 * Times are UTC (`…Z`), so every calendar shows them in its own zone. UIDs are
 * the activity's id at the site's host: stable across feeds and edits.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/index.ts';
import { activities, activityFeedTokens, activityRsvps, neighbourhoods } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { audit, me, requirePolicy } from './common.ts';
import { getActivity } from './activities.ts';

const DAY = 86_400_000;
/** How far back a feed reaches, and how many events it holds at most. */
const FEED_BACK_DAYS = 7;
const FEED_MAX = 2000;

interface IcsEvent {
	id: string;
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	placeName: string | null;
	address: string | null;
	onlineUrl: string | null;
	status: string;
	updatedAt?: Date;
}

/** Serialises events as one VCALENDAR. */
export function toIcs(name: string, events: readonly IcsEvent[], origin = linkOrigin()): string {
	const host = new URL(origin).hostname || 'convive';
	const cal = ical({ name, prodId: { company: 'Convive', product: 'activities', language: 'EN' }, ttl: 3600 });
	for (const e of events) {
		cal.createEvent({
			id: `activity-${e.id}@${host}`,
			start: e.startsAt,
			end: e.endsAt,
			stamp: e.updatedAt ?? e.startsAt,
			summary: e.title,
			description: [e.description, e.onlineUrl].filter(Boolean).join('\n\n'),
			location: [e.placeName, e.address].filter(Boolean).join(', ') || e.onlineUrl || null,
			url: `${origin}/activities/${e.id}`,
			status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return cal.toString();
}

const eventColumns = {
	id: activities.id,
	title: activities.title,
	description: activities.description,
	startsAt: activities.startsAt,
	endsAt: activities.endsAt,
	placeName: activities.placeName,
	address: activities.address,
	onlineUrl: activities.onlineUrl,
	status: activities.status,
	updatedAt: activities.updatedAt
};

/** A neighbourhood's feed, or null for an unknown slug. */
export async function neighbourhoodFeed(db: Db, slug: string, now = new Date(), origin?: string): Promise<string | null> {
	if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
	const [n] = await db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).where(eq(neighbourhoods.slug, slug));
	if (!n) return null;
	const rows = await db
		.select(eventColumns)
		.from(activities)
		.where(
			and(
				eq(activities.neighbourhoodId, n.id),
				inArray(activities.status, ['published', 'cancelled']),
				eq(activities.audience, 'everyone'),
				gt(activities.endsAt, new Date(now.getTime() - FEED_BACK_DAYS * DAY))
			)
		)
		.orderBy(asc(activities.startsAt))
		.limit(FEED_MAX);
	return toIcs(n.name, rows, origin ?? linkOrigin());
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new secret for the actor's personal feed (the old address stops working). Returns the secret. */
export async function resetFeedToken(ctx: Ctx): Promise<string> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'activities.self', { type: 'platform' }, { type: 'activity_feed', id: null });
	const token = randomBytes(24).toString('base64url');
	await ctx.db.transaction(async (tx) => {
		await tx
			.insert(activityFeedTokens)
			.values({ userId, tokenHash: hash(token) })
			.onConflictDoUpdate({ target: activityFeedTokens.userId, set: { tokenHash: hash(token), createdAt: new Date() } });
		await audit(ctx, tx, 'activities.feed.reset', 'activity_feed', userId);
	});
	return token;
}

/** Since when the actor has a personal feed address (null: none yet). */
export async function feedCreatedAt(ctx: Ctx): Promise<Date | null> {
	const userId = me(ctx);
	const [t] = await ctx.db.select({ at: activityFeedTokens.createdAt }).from(activityFeedTokens).where(eq(activityFeedTokens.userId, userId));
	return t?.at ?? null;
}

/** A person's feed by its secret, or null for a forged or replaced one. Each read is audited. */
export async function personalFeed(db: Db, token: string, meta: { ip?: string | null; requestId?: string | null } = {}, now = new Date(), origin?: string): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
	const [t] = await db.select({ userId: activityFeedTokens.userId }).from(activityFeedTokens).where(eq(activityFeedTokens.tokenHash, hash(token)));
	if (!t) return null;
	const rows = await db
		.select(eventColumns)
		.from(activityRsvps)
		.innerJoin(activities, eq(activities.id, activityRsvps.activityId))
		.where(and(eq(activityRsvps.userId, t.userId), ne(activityRsvps.status, 'cancelled'), gt(activities.endsAt, new Date(now.getTime() - FEED_BACK_DAYS * DAY))))
		.orderBy(asc(activities.startsAt))
		.limit(FEED_MAX);
	await record(db, { actorId: null, action: 'activities.feed.read', resourceType: 'activity_feed', resourceId: t.userId, outcome: 'done', ip: meta.ip ?? null, requestId: meta.requestId ?? null, details: { events: rows.length } });
	return toIcs('Convive', rows, origin ?? linkOrigin());
}

/** One activity as a calendar file, for whoever may see it. */
export async function activityIcs(ctx: Ctx, id: string): Promise<string> {
	const a = await getActivity(ctx, id);
	return toIcs(a.title, [{ ...a, description: a.description }], linkOrigin(ctx.origin));
}
