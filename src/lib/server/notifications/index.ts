/**
 * Notifications (issue 7, docs/decisions/026-moderation-and-notifications.md):
 * a use case calls `notify` inside its transaction; the notice is written in
 * the recipient's language, shown in the app (/account/notifications) and
 * e-mailed at once or gathered into a daily digest, as the person chose for
 * that kind. Nothing is sent to a disabled account.
 */
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { signedInId, type Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
import { notificationPreferences, notifications, users, type EmailMode, type NotificationKind } from '../db/schema/index.ts';
import { notificationKinds } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { mailLocale, type Locale } from '../organisations/mail.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { auditedGate } from '../audit/gate.ts';

export const { audit, requirePolicy } = auditedGate<'notification_preferences'>();

export interface Preference {
	inApp: boolean;
	email: EmailMode;
}

/** When a person has not chosen: in the app, and by e-mail at once, except comments on one's idea (daily). */
export function defaultPreference(kind: string): Preference {
	return { inApp: true, email: kind === 'idea_comment' ? 'daily' : 'immediate' };
}

export interface Notice {
	userId: string;
	kind: NotificationKind;
	/** One line, in the given language. */
	title: (locale: Locale) => string;
	/** More, in the given language (no personal data of others beyond what the link shows). */
	body?: (locale: Locale) => string;
	/** A path in the app. */
	link?: string;
	/** The e-mail's name in the outbox (default notify_<kind>). */
	template?: string;
}

function mailText(locale: Locale, items: { title: string; body: string; link: string | null }[], origin: string): string {
	// A body that already carries its link (a message written for e-mail) does not get it twice.
	const parts = items.map((i) => [i.title, i.body, i.link && !i.body.includes(`${origin}${i.link}`) ? `${origin}${i.link}` : ''].filter(Boolean).join('\n'));
	return `${parts.join('\n\n')}\n\n--\n${m.notifications_mail_footer({ link: `${origin}/account/notifications` }, { locale })}`;
}

/** Makes a notice for one person, as they chose for its kind. Returns whether anything was made. */
export async function notify(tx: Tx, n: Notice, origin?: string): Promise<boolean> {
	return (await notifyAll(tx, [n.userId], n, origin)) > 0;
}

/**
 * Makes the same notice for many people at once (a pilot's supporters, an
 * assembly's members): their accounts and choices in one query, the notices
 * in one insert, the text written once per language; e-mails at once go one
 * by one. Returns how many people were told.
 */
export async function notifyAll(tx: Tx, userIds: readonly string[], n: Omit<Notice, 'userId'>, origin?: string): Promise<number> {
	const ids = [...new Set(userIds)];
	if (ids.length === 0) return 0;
	const people = await tx
		.select({ id: users.id, email: users.email, locale: users.locale, disabledAt: users.disabledAt, inApp: notificationPreferences.inApp, mode: notificationPreferences.email })
		.from(users)
		.leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, n.kind)))
		.where(inArray(users.id, ids));
	const texts = new Map<Locale, { title: string; body: string }>();
	const textIn = (locale: Locale) => {
		let t = texts.get(locale);
		if (!t) texts.set(locale, (t = { title: n.title(locale).slice(0, 300), body: (n.body?.(locale) ?? '').slice(0, 12_000) }));
		return t;
	};
	const rows: (typeof notifications.$inferInsert)[] = [];
	const mails: { to: string; locale: Locale; title: string; body: string }[] = [];
	for (const u of people) {
		if (u.disabledAt) continue;
		const pref = u.inApp === null ? defaultPreference(n.kind) : { inApp: u.inApp, email: u.mode ?? 'immediate' };
		const canMail = !!u.email && pref.email !== 'off';
		if (!pref.inApp && !canMail) continue;
		const locale = mailLocale(u.locale);
		const { title, body } = textIn(locale);
		const emailState = !canMail ? 'none' : pref.email === 'daily' ? 'pending' : 'sent';
		rows.push({ userId: u.id, kind: n.kind, title, body, link: n.link ?? null, inApp: pref.inApp, emailState });
		if (emailState === 'sent') mails.push({ to: u.email!, locale, title, body });
	}
	if (rows.length) await tx.insert(notifications).values(rows);
	for (const x of mails) {
		await sendEmail(tx, { to: x.to, template: n.template ?? `notify_${n.kind}`, subject: x.title, text: mailText(x.locale, [{ title: x.title, body: x.body, link: n.link ?? null }], linkOrigin(origin)) });
	}
	return rows.length;
}

/**
 * The daily digest: one e-mail per person gathering their pending notices,
 * sent once the oldest has waited a day (so at most one digest a day).
 */
export async function sendDigests(db: Db, now: Date): Promise<number> {
	const due = await db
		.selectDistinct({ userId: notifications.userId })
		.from(notifications)
		.where(and(eq(notifications.emailState, 'pending'), lte(notifications.createdAt, new Date(now.getTime() - 24 * 3600_000))))
		.limit(5000);
	let sent = 0;
	for (const { userId } of due) {
		await db.transaction(async (tx) => {
			const items = await tx
				.update(notifications)
				.set({ emailState: 'sent' })
				.where(and(eq(notifications.userId, userId), eq(notifications.emailState, 'pending')))
				.returning({ title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt });
			if (items.length === 0) return;
			const [u] = await tx.select({ email: users.email, locale: users.locale, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
			if (!u?.email || u.disabledAt) return;
			const locale = mailLocale(u.locale);
			items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
			await sendEmail(tx, {
				to: u.email,
				template: 'notify_digest',
				subject: m.notifications_digest_subject({ count: items.length }, { locale }),
				text: mailText(locale, items.slice(0, 50), linkOrigin())
			});
			sent++;
		});
	}
	return sent;
}

const me = (ctx: Ctx): string => signedInId(ctx, 'notifications.self');

export interface NotificationRow {
	id: string;
	kind: string;
	title: string;
	body: string;
	link: string | null;
	read: boolean;
	createdAt: Date;
}

/** One's own notices shown in the app, newest first. */
export async function myNotifications(ctx: Ctx, limit = 50): Promise<{ items: NotificationRow[]; unread: number }> {
	await requirePolicy(ctx, 'notifications.self', { type: 'platform' }, { type: 'notification_preferences', id: null });
	const userId = me(ctx);
	const rows = await ctx.db
		.select({ id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.inApp, true)))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(Math.min(Math.max(limit, 1), 200));
	return { items: rows.map(({ readAt, ...r }) => ({ ...r, read: readAt !== null })), unread: await unreadCount(ctx.db, userId) };
}

export async function unreadCount(db: Tx, userId: string): Promise<number> {
	const [r] = await db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.inApp, true), isNull(notifications.readAt)));
	return Number(r?.n ?? 0);
}

/** Marks one's own notices read (all when `ids` is empty); ids of others' notices change nothing. */
export async function markRead(ctx: Ctx, ids: string[]): Promise<number> {
	await requirePolicy(ctx, 'notifications.self', { type: 'platform' }, { type: 'notification_preferences', id: null });
	const userId = me(ctx);
	const where = and(eq(notifications.userId, userId), isNull(notifications.readAt), ids.length ? inArray(notifications.id, ids) : undefined);
	const done = await ctx.db.update(notifications).set({ readAt: new Date() }).where(where).returning({ id: notifications.id });
	return done.length;
}

/** One's choice for every kind (the default where none was made). */
export async function myPreferences(ctx: Ctx): Promise<{ kind: NotificationKind; inApp: boolean; email: EmailMode }[]> {
	await requirePolicy(ctx, 'notifications.self', { type: 'platform' }, { type: 'notification_preferences', id: null });
	const userId = me(ctx);
	const rows = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).orderBy(asc(notificationPreferences.kind));
	const chosen = new Map(rows.map((r) => [r.kind, r]));
	return notificationKinds.map((kind) => {
		const c = chosen.get(kind);
		return { kind, ...(c ? { inApp: c.inApp, email: c.email } : defaultPreference(kind)) };
	});
}

/** Saves one's choice for every kind at once (the form lists them all). */
export async function savePreferences(ctx: Ctx, prefs: { kind: NotificationKind; inApp: boolean; email: EmailMode }[]): Promise<void> {
	await requirePolicy(ctx, 'notifications.self', { type: 'platform' }, { type: 'notification_preferences', id: null });
	const userId = me(ctx);
	await ctx.db.transaction(async (tx) => {
		for (const p of prefs) {
			await tx
				.insert(notificationPreferences)
				.values({ userId, kind: p.kind, inApp: p.inApp, email: p.email })
				.onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { inApp: p.inApp, email: p.email, updatedAt: sql`now()` } });
		}
		// A kind no longer e-mailed daily leaves nothing waiting for a digest.
		const notDaily = prefs.filter((p) => p.email !== 'daily').map((p) => p.kind);
		if (notDaily.length) {
			await tx
				.update(notifications)
				.set({ emailState: 'none' })
				.where(and(eq(notifications.userId, userId), eq(notifications.emailState, 'pending'), inArray(notifications.kind, notDaily)));
		}
		await audit(ctx, tx, 'notifications.preferences.update', 'notification_preferences', userId);
	});
}
