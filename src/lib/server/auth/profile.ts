/**
 * One's own account: name, e-mail, language, password, export (GDPR
 * article 15/20) and deletion (article 17). Every function checks the
 * policy itself, so a route cannot forget to.
 */
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { isLocale } from '#lib/paraglide/runtime.js';
import type { Ctx } from '../context.ts';
import { auditLog, emailOutbox, memberships, oneTimeTokens, organisations, recoveryCodes, sessions, users } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { require as requirePolicy, type SignedInActor } from '../policy/index.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hit, limitKey, limits } from './ratelimit.ts';
import { deleteUserSessions, hashToken, newToken, rotateSession, type NewSession } from './session.ts';
import { emailLocale, sendAlreadyRegisteredEmail, sendPasswordChangedNotice, sendVerifyEmail } from './emails.ts';
import { VERIFY_EMAIL_TTL, passwordProblem, type Failure, type Outcome } from './accounts.ts';

const fail = (status: Failure['status'], message: string, errors?: Record<string, string>): Failure => ({
	ok: false,
	status,
	message,
	errors
});

function me(ctx: Ctx): SignedInActor {
	if (ctx.actor.kind !== 'user') throw new Error('account: not signed in');
	return ctx.actor;
}

async function loadUser(ctx: Ctx, userId: string) {
	const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
	if (!user) throw new Error('account: user not found');
	return user;
}

export interface AccountView {
	id: string;
	displayName: string;
	email: string | null;
	emailVerified: boolean;
	pendingEmail: string | null;
	username: string | null;
	kind: string;
	locale: string | null;
	totpEnabled: boolean;
	createdAt: Date;
}

export async function getAccount(ctx: Ctx): Promise<AccountView> {
	const actor = me(ctx);
	requirePolicy(actor, 'account.view', { type: 'account', userId: actor.userId });
	const user = await loadUser(ctx, actor.userId);
	const [pending] = await ctx.db
		.select({ email: oneTimeTokens.email })
		.from(oneTimeTokens)
		.where(
			and(
				eq(oneTimeTokens.userId, user.id),
				eq(oneTimeTokens.kind, 'verify_email'),
				isNull(oneTimeTokens.usedAt),
				sql`${oneTimeTokens.expiresAt} > now()`,
				user.email ? ne(oneTimeTokens.email, user.email) : sql`true`
			)
		)
		.orderBy(desc(oneTimeTokens.createdAt))
		.limit(1);
	return {
		id: user.id,
		displayName: user.displayName,
		email: user.email,
		emailVerified: user.emailVerifiedAt !== null,
		pendingEmail: pending?.email ?? null,
		username: user.username,
		kind: user.kind,
		locale: user.locale,
		totpEnabled: user.totpEnabledAt !== null,
		createdAt: user.createdAt
	};
}

async function audit(ctx: Ctx, tx: Parameters<typeof record>[0], action: string, details?: Record<string, string | number | boolean | null>) {
	const actor = me(ctx);
	await record(tx, {
		actorId: actor.userId,
		action,
		resourceType: 'account',
		resourceId: actor.userId,
		outcome: 'done',
		ip: ctx.ip,
		requestId: ctx.requestId,
		details
	});
}

export async function changeDisplayName(ctx: Ctx, displayName: string): Promise<Outcome> {
	const actor = me(ctx);
	requirePolicy(actor, 'account.update', { type: 'account', userId: actor.userId });
	await ctx.db.transaction(async (tx) => {
		await tx.update(users).set({ displayName, updatedAt: new Date() }).where(eq(users.id, actor.userId));
		await audit(ctx, tx, 'display_name_changed');
	});
	return { ok: true };
}

export async function changeLocale(ctx: Ctx, locale: string): Promise<Outcome> {
	const actor = me(ctx);
	requirePolicy(actor, 'account.update', { type: 'account', userId: actor.userId });
	if (!isLocale(locale)) return fail(400, 'auth_form_has_errors', { locale: 'auth_locale_invalid' });
	await ctx.db.transaction(async (tx) => {
		await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, actor.userId));
		await audit(ctx, tx, 'locale_changed', { locale });
	});
	return { ok: true };
}

/**
 * Sends a verification link to the new address; the account switches only
 * when that link is opened. Needs the current password. Whether the new
 * address is already used by someone else is not revealed here.
 */
export async function requestEmailChange(ctx: Ctx, input: { email: string; password: string }): Promise<Outcome> {
	const actor = me(ctx);
	requirePolicy(actor, 'account.update', { type: 'account', userId: actor.userId });
	const user = await loadUser(ctx, actor.userId);
	if (!(await verifyPassword(user.passwordHash, input.password))) {
		return fail(400, 'auth_form_has_errors', { current_password: 'auth_current_password_wrong' });
	}
	const email = input.email.trim().toLowerCase();
	if (user.email?.toLowerCase() === email) return fail(400, 'auth_form_has_errors', { email: 'auth_email_same' });
	if (!(await hit(ctx.db, limitKey('mail', email), limits.emailPerAddress)).allowed) return fail(429, 'auth_too_many_emails');
	await ctx.db.transaction(async (tx) => {
		const [other] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
		await audit(ctx, tx, 'email_change_requested');
		if (other) {
			await sendAlreadyRegisteredEmail(tx, {
				to: email,
				locale: emailLocale(other.locale, ctx.locale),
				origin: ctx.origin,
				name: other.displayName
			});
			return;
		}
		const token = newToken();
		await tx.insert(oneTimeTokens).values({
			kind: 'verify_email',
			userId: user.id,
			email,
			tokenHash: hashToken(token),
			expiresAt: new Date(Date.now() + VERIFY_EMAIL_TTL)
		});
		await sendVerifyEmail(tx, {
			to: email,
			locale: emailLocale(user.locale, ctx.locale),
			origin: ctx.origin,
			name: user.displayName,
			token,
			change: true
		});
	});
	return { ok: true };
}

/** Needs the current password; signs out every other session and rotates this one. */
export async function changePassword(
	ctx: Ctx,
	sessionId: string,
	input: { currentPassword: string; password: string }
): Promise<Outcome<{ session: NewSession }>> {
	const actor = me(ctx);
	requirePolicy(actor, 'account.update', { type: 'account', userId: actor.userId });
	const user = await loadUser(ctx, actor.userId);
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
		return fail(400, 'auth_form_has_errors', { current_password: 'auth_current_password_wrong' });
	}
	const problem = passwordProblem(input.password, user);
	if (problem) return fail(400, 'auth_form_has_errors', { password: problem });
	const passwordHash = await hashPassword(input.password);
	const session = await ctx.db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
		const s = await rotateSession(tx, sessionId, user.id);
		await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, hashToken(s.token))));
		await audit(ctx, tx, 'password_changed');
		if (user.email) {
			await sendPasswordChangedNotice(tx, {
				to: user.email,
				locale: emailLocale(user.locale, ctx.locale),
				origin: ctx.origin,
				name: user.displayName
			});
		}
		return s;
	});
	return { ok: true, session };
}

/** Everything the platform keeps about the signed-in person, as one JSON document. */
export async function exportAccount(ctx: Ctx): Promise<Record<string, unknown>> {
	const actor = me(ctx);
	requirePolicy(actor, 'account.export', { type: 'account', userId: actor.userId });
	const user = await loadUser(ctx, actor.userId);
	return ctx.db.transaction(async (tx) => {
		const mine = await tx
			.select({ organisation: organisations.name, organisationId: memberships.organisationId, role: memberships.role, since: memberships.createdAt })
			.from(memberships)
			.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
			.where(eq(memberships.userId, user.id));
		const mySessions = await tx
			.select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
			.from(sessions)
			.where(eq(sessions.userId, user.id));
		const codes = await tx
			.select({ purpose: recoveryCodes.purpose, createdAt: recoveryCodes.createdAt, usedAt: recoveryCodes.usedAt })
			.from(recoveryCodes)
			.where(eq(recoveryCodes.userId, user.id));
		const history = await tx
			.select({ at: auditLog.at, action: auditLog.action, outcome: auditLog.outcome, resourceType: auditLog.resourceType, ip: auditLog.ip })
			.from(auditLog)
			.where(sql`${auditLog.actorId} = ${user.id} or (${auditLog.resourceType} = 'account' and ${auditLog.resourceId} = ${user.id})`)
			.orderBy(asc(auditLog.seq));
		const mails = user.email
			? await tx
					.select({ subject: emailOutbox.subject, template: emailOutbox.template, createdAt: emailOutbox.createdAt, sentAt: emailOutbox.sentAt })
					.from(emailOutbox)
					.where(sql`lower(${emailOutbox.toAddress}) = ${user.email.toLowerCase()}`)
					.orderBy(asc(emailOutbox.createdAt))
			: [];
		await audit(ctx, tx, 'account_exported');
		return {
			exportedAt: new Date().toISOString(),
			account: {
				id: user.id,
				displayName: user.displayName,
				email: user.email,
				emailVerifiedAt: user.emailVerifiedAt,
				username: user.username,
				kind: user.kind,
				platformRole: user.platformRole,
				locale: user.locale,
				secondFactorEnabledAt: user.totpEnabledAt,
				createdAt: user.createdAt,
				updatedAt: user.updatedAt
			},
			memberships: mine,
			sessions: mySessions,
			recoveryCodes: codes,
			emailsSentToYou: mails,
			activity: history
		};
	});
}

export type DeleteResult = Outcome | (Failure & { organisations?: string[] });

/** Deletes the account after the password is typed; refuses while the person is an organisation's last owner. */
export async function deleteAccount(ctx: Ctx, password: string): Promise<DeleteResult> {
	const actor = me(ctx);
	requirePolicy(actor, 'account.delete', { type: 'account', userId: actor.userId });
	const user = await loadUser(ctx, actor.userId);
	if (!(await verifyPassword(user.passwordHash, password))) {
		return fail(400, 'auth_form_has_errors', { password: 'auth_current_password_wrong' });
	}
	const lastOwned = await ctx.db
		.select({ name: organisations.name })
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(
			and(
				eq(memberships.userId, user.id),
				eq(memberships.role, 'owner'),
				sql`not exists (select 1 from memberships m2 where m2.organisation_id = ${memberships.organisationId} and m2.role = 'owner' and m2.user_id <> ${user.id})`
			)
		);
	if (lastOwned.length) {
		return { ...fail(409, 'auth_delete_last_owner'), organisations: lastOwned.map((o) => o.name) };
	}
	await ctx.db.transaction(async (tx) => {
		await audit(ctx, tx, 'account_deleted');
		if (user.email) await tx.delete(emailOutbox).where(sql`lower(${emailOutbox.toAddress}) = ${user.email.toLowerCase()}`);
		await deleteUserSessions(tx, user.id);
		// Memberships, recovery codes, links and sessions go with the row (on delete cascade).
		await tx.delete(users).where(eq(users.id, user.id));
	});
	return { ok: true };
}
