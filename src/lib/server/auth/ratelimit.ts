/**
 * Fixed-window counters in the rate_limits table, shared by every process.
 * One atomic upsert per hit: two requests at the same moment cannot both
 * read "4" and both write "5".
 */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { rateLimits } from '../db/schema/index.ts';
import { hashToken } from './session.ts';

export interface Limit {
	/** How many hits a window allows. */
	max: number;
	windowMs: number;
}

const MIN = 60_000;

/** The limits used by the account pages. */
export const limits = {
	/** Failed sign-ins (password, second factor, recovery code) per account. */
	signInAccount: { max: 5, windowMs: 15 * MIN },
	/** Failed sign-ins per IP address. */
	signInIp: { max: 20, windowMs: 15 * MIN },
	/** New accounts per IP address. */
	signUpIp: { max: 20, windowMs: 60 * MIN },
	/** Reset and verification e-mails per address. */
	emailPerAddress: { max: 3, windowMs: 15 * MIN },
	/** Reset and verification e-mails per IP address. */
	emailPerIp: { max: 20, windowMs: 15 * MIN }
} satisfies Record<string, Limit>;

export interface LimitState {
	count: number;
	/** The window's end: when the counter starts again. */
	resetAt: Date;
	/** True when this hit is within the limit. */
	allowed: boolean;
}

/** A key that does not reveal what it counts (e-mail addresses, names). */
export function limitKey(scope: string, value: string): string {
	return `${scope}:${hashToken(value.toLowerCase())}`;
}

/** Counts one hit and says whether it is within the limit. */
export async function hit(db: Tx, key: string, limit: Limit, now = new Date()): Promise<LimitState> {
	const cutoff = new Date(now.getTime() - limit.windowMs);
	const [row] = await db
		.insert(rateLimits)
		.values({ key, windowStart: now, count: 1 })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`case when ${rateLimits.windowStart} <= ${cutoff.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
				windowStart: sql`case when ${rateLimits.windowStart} <= ${cutoff.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`
			}
		})
		.returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
	return {
		count: row.count,
		resetAt: new Date(new Date(row.windowStart).getTime() + limit.windowMs),
		allowed: row.count <= limit.max
	};
}

/** Whether a key has used up its window already, without counting a hit. */
export async function isLimited(db: Tx, key: string, limit: Limit, now = new Date()): Promise<boolean> {
	const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key)).limit(1);
	if (!row) return false;
	if (new Date(row.windowStart).getTime() <= now.getTime() - limit.windowMs) return false;
	return row.count >= limit.max;
}

export async function clear(db: Tx, key: string): Promise<void> {
	await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Drops windows that ended long ago (call from a periodic job). */
export async function purgeOldLimits(db: Tx, olderThanMs = 24 * 60 * MIN): Promise<void> {
	await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${new Date(Date.now() - olderThanMs).toISOString()}::timestamptz`);
}
