/**
 * Accounts and authentication use cases: sign up, sign in (with the second
 * factor), sign out, e-mail verification, password reset and account
 * recovery. They take a Ctx, never a Request, and answer with an Outcome
 * whose `message` is the name of a message in messages/auth.
 *
 * Privacy: sign-up, sign-in and "forgot password" answer the same whether or
 * not an account exists, so nobody can learn who has an account.
 */
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { oneTimeTokens, recoveryCodes, users } from '../db/schema/index.ts';
import type { PersonKind, TokenKind } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { PASSWORD_MAX, PASSWORD_MIN, dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { clear, hit, isLimited, limitKey, limits } from './ratelimit.ts';
import { createSession, deleteSession, deleteUserSessions, hashToken, newToken, rotateSession, type NewSession } from './session.ts';
import { unseal } from './secret.ts';
import { hashRecoveryCode, matchTotp, newAccountRecoveryCode, canonicalRecoveryCode } from './totp.ts';
import {
	emailLocale,
	sendAlreadyRegisteredEmail,
	sendEmailChangedNotice,
	sendPasswordChangedNotice,
	sendResetEmail,
	sendVerifyEmail
} from './emails.ts';

const HOUR = 60 * 60 * 1000;
export const VERIFY_EMAIL_TTL = 48 * HOUR;
export const RESET_PASSWORD_TTL = 1 * HOUR;
export const TOTP_SEAL = 'totp';

export type Failure = {
	ok: false;
	status: 400 | 403 | 404 | 409 | 429;
	/** A message name (auth_…), translated by the route. */
	message: string;
	/** Per-field message names. */
	errors?: Record<string, string>;
};
export type Outcome<T extends object = object> = ({ ok: true } & T) | Failure;

const fail = (status: Failure['status'], message: string, errors?: Record<string, string>): Failure => ({
	ok: false,
	status,
	message,
	errors
});

function ipKey(scope: string, ctx: Ctx): string {
	return `${scope}:ip:${ctx.ip ?? 'unknown'}`;
}

// ----------------------------------------------------------------- passwords

/** The message name of what is wrong with a new password, or null. */
export function passwordProblem(
	password: string,
	other: { displayName?: string | null; email?: string | null; username?: string | null }
): string | null {
	if ([...password].length < PASSWORD_MIN) return 'auth_password_too_short';
	if ([...password].length > PASSWORD_MAX) return 'auth_password_too_long';
	const p = password.trim().toLowerCase();
	for (const v of [other.displayName, other.email, other.username]) {
		if (v && v.trim().toLowerCase() === p) return 'auth_password_same_as_name';
	}
	return null;
}

// ----------------------------------------------------------------- usernames

/** A short sign-in name from the display name's Latin letters, plus digits. */
export function usernameBase(displayName: string): string {
	const letters = displayName
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '')
		.slice(0, 10);
	return letters.length >= 3 ? letters : 'user';
}

function randomDigits(n: number): string {
	const bytes = crypto.getRandomValues(new Uint32Array(1));
	const min = 10 ** (n - 1);
	return String(min + (bytes[0] % (9 * min)));
}

export function normaliseIdentifier(identifier: string): string {
	return identifier.normalize('NFC').trim().toLowerCase();
}

// ----------------------------------------------------------------- one-time tokens

async function issueToken(tx: Tx, kind: TokenKind, userId: string, email: string | null, ttlMs: number): Promise<string> {
	const token = newToken();
	await tx.insert(oneTimeTokens).values({
		kind,
		userId,
		email,
		tokenHash: hashToken(token),
		expiresAt: new Date(Date.now() + ttlMs)
	});
	return token;
}

/** A token that exists, is of this kind, unused and unexpired. */
async function findToken(tx: Tx, kind: TokenKind, token: string) {
	if (!token || token.length > 200) return null;
	const [row] = await tx
		.select()
		.from(oneTimeTokens)
		.where(
			and(
				eq(oneTimeTokens.tokenHash, hashToken(token)),
				eq(oneTimeTokens.kind, kind),
				isNull(oneTimeTokens.usedAt),
				gt(oneTimeTokens.expiresAt, new Date())
			)
		)
		.limit(1);
	return row ?? null;
}

/** Marks a token used, atomically: of two requests with the same link only one wins. */
async function consumeToken(tx: Tx, id: string): Promise<boolean> {
	const rows = await tx
		.update(oneTimeTokens)
		.set({ usedAt: new Date() })
		.where(and(eq(oneTimeTokens.id, id), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, new Date())))
		.returning({ id: oneTimeTokens.id });
	return rows.length === 1;
}

// ----------------------------------------------------------------- sign up

export interface SignUpInput {
	displayName: string;
	email: string;
	password: string;
	kind: PersonKind | null;
}

export type SignUpResult =
	| { ok: true; withEmail: true }
	| { ok: true; withEmail: false; userId: string; username: string; recoveryCode: string; session: NewSession };

async function findByEmail(tx: Tx, email: string) {
	const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
	return row ?? null;
}

export async function signUp(ctx: Ctx, input: SignUpInput, userAgent?: string | null): Promise<SignUpResult | Failure> {
	const email = input.email.trim().toLowerCase();
	const problem = passwordProblem(input.password, { displayName: input.displayName, email });
	if (problem) return fail(400, 'auth_form_has_errors', { password: problem });
	const ipLimit = await hit(ctx.db, ipKey('signup', ctx), limits.signUpIp);
	if (!ipLimit.allowed) return fail(429, 'auth_too_many_tries');

	// Always hash, so an address already in use takes as long as a new one.
	const passwordHash = await hashPassword(input.password);
	const kind = input.kind ?? 'resident';
	const locale = emailLocale(ctx.locale);

	if (email) {
		await ctx.db.transaction(async (tx) => {
			const existing = await findByEmail(tx, email);
			let userId: string | null = null;
			if (!existing) {
				const [row] = await tx
					.insert(users)
					.values({ displayName: input.displayName, email, passwordHash, kind, locale })
					.onConflictDoNothing()
					.returning({ id: users.id });
				userId = row?.id ?? null;
			}
			const mailAllowed = (await hit(tx, limitKey('mail', email), limits.emailPerAddress)).allowed;
			if (userId) {
				const token = await issueToken(tx, 'verify_email', userId, email, VERIFY_EMAIL_TTL);
				await record(tx, {
					actorId: userId,
					action: 'sign_up',
					resourceType: 'account',
					resourceId: userId,
					outcome: 'done',
					ip: ctx.ip,
					requestId: ctx.requestId,
					details: { with_email: true, kind }
				});
				if (mailAllowed) {
					await sendVerifyEmail(tx, { to: email, locale, origin: ctx.origin, name: input.displayName, token, change: false });
				}
			} else {
				const owner = existing ?? (await findByEmail(tx, email));
				await record(tx, {
					actorId: null,
					action: 'sign_up',
					resourceType: 'account',
					resourceId: owner?.id ?? null,
					outcome: 'denied',
					ip: ctx.ip,
					requestId: ctx.requestId,
					details: { reason: 'email_in_use' }
				});
				if (owner && mailAllowed) {
					await sendAlreadyRegisteredEmail(tx, {
						to: email,
						locale: emailLocale(owner.locale, ctx.locale),
						origin: ctx.origin,
						name: owner.displayName
					});
				}
			}
		});
		return { ok: true, withEmail: true };
	}

	// Without an e-mail address: a sign-in name and one recovery code, shown once.
	const recoveryCode = newAccountRecoveryCode();
	const base = usernameBase(input.displayName);
	return ctx.db.transaction(async (tx) => {
		let created: { id: string; username: string | null } | undefined;
		for (let attempt = 0; !created && attempt < 8; attempt++) {
			const username = `${base}-${randomDigits(attempt < 4 ? 4 : 6)}`;
			[created] = await tx
				.insert(users)
				.values({ displayName: input.displayName, username, passwordHash, kind, locale })
				.onConflictDoNothing()
				.returning({ id: users.id, username: users.username });
		}
		if (!created?.username) throw new Error('could not find a free sign-in name');
		await tx.insert(recoveryCodes).values({ userId: created.id, purpose: 'account', codeHash: hashRecoveryCode(recoveryCode) });
		const session = await createSession(tx, created.id, { userAgent });
		await record(tx, {
			actorId: created.id,
			action: 'sign_up',
			resourceType: 'account',
			resourceId: created.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: { with_email: false, kind }
		});
		return { ok: true as const, withEmail: false as const, userId: created.id, username: created.username, recoveryCode, session };
	});
}

// ----------------------------------------------------------------- sign in

export type SignInResult = {
	ok: true;
	userId: string;
	session: NewSession;
	/** The password was right; the second factor is still owed. */
	pendingSecondFactor: boolean;
	locale: string | null;
};

async function findByIdentifier(tx: Tx, identifier: string) {
	const where = identifier.includes('@')
		? sql`lower(${users.email}) = ${identifier}`
		: eq(users.username, identifier);
	const [row] = await tx.select().from(users).where(where).limit(1);
	return row ?? null;
}

/** A refused sign-in, recorded against a hash of the identifier (never the e-mail itself). */
async function recordSignInDenied(ctx: Ctx, identifier: string, reason: string): Promise<void> {
	await record(ctx.db, {
		actorId: null,
		action: 'sign_in',
		resourceType: 'account',
		resourceId: hashToken(`identifier:${identifier}`),
		outcome: 'denied',
		ip: ctx.ip,
		requestId: ctx.requestId,
		details: { reason }
	});
}

async function signInFailed(ctx: Ctx, identifier: string, reason: string, accountScope = 'signin'): Promise<void> {
	await hit(ctx.db, limitKey(accountScope, identifier), limits.signInAccount);
	await hit(ctx.db, ipKey('signin', ctx), limits.signInIp);
	await recordSignInDenied(ctx, identifier, reason);
}

async function signInLimited(ctx: Ctx, identifier: string, accountScope = 'signin'): Promise<boolean> {
	return (
		(await isLimited(ctx.db, limitKey(accountScope, identifier), limits.signInAccount)) ||
		(await isLimited(ctx.db, ipKey('signin', ctx), limits.signInIp))
	);
}

export async function signIn(
	ctx: Ctx,
	input: { identifier: string; password: string },
	opts: { previousSessionId?: string | null; userAgent?: string | null } = {}
): Promise<SignInResult | Failure> {
	const identifier = normaliseIdentifier(input.identifier);
	if (await signInLimited(ctx, identifier)) {
		await recordSignInDenied(ctx, identifier, 'rate_limited');
		return fail(429, 'auth_too_many_tries');
	}
	const user = await findByIdentifier(ctx.db, identifier);
	const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
	if (!user || !ok || user.disabledAt) {
		await signInFailed(ctx, identifier, !user ? 'unknown' : !ok ? 'password' : 'disabled');
		return fail(400, 'auth_signin_failed');
	}
	const pending = user.totpEnabledAt !== null;
	const session = await ctx.db.transaction(async (tx) => {
		if (opts.previousSessionId) await deleteSession(tx, opts.previousSessionId);
		const s = await createSession(tx, user.id, { pendingSecondFactor: pending, userAgent: opts.userAgent });
		await record(tx, {
			actorId: user.id,
			action: 'sign_in',
			resourceType: 'account',
			resourceId: user.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: { step: pending ? 'password' : 'complete' }
		});
		return s;
	});
	// The account counter starts again; the IP counter does not (it counts failures across accounts).
	await clear(ctx.db, limitKey('signin', identifier));
	return { ok: true, userId: user.id, session, pendingSecondFactor: pending, locale: user.locale };
}

/**
 * Completes a sign-in (or a step-up) with a TOTP code or a second-factor
 * recovery code. Rotates the session.
 */
export async function verifySecondFactor(
	ctx: Ctx,
	input: { sessionId: string; userId: string; code: string }
): Promise<Outcome<{ session: NewSession; usedRecoveryCode: boolean; recoveryCodesLeft: number }>> {
	const scope = 'signin2fa';
	if (await signInLimited(ctx, input.userId, scope)) return fail(429, 'auth_too_many_tries');
	const [user] = await ctx.db.select().from(users).where(eq(users.id, input.userId)).limit(1);
	if (!user?.totpSecret || !user.totpEnabledAt) return fail(400, 'auth_code_wrong');

	const result = await ctx.db.transaction(async (tx) => {
		let method: 'totp' | 'recovery' | null = null;
		const step = matchTotp(unseal(user.totpSecret!, TOTP_SEAL), input.code, user.totpLastStep);
		if (step !== null) {
			// Only one request can move the last step forward past this one.
			const moved = await tx
				.update(users)
				.set({ totpLastStep: step })
				.where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), sql`${users.totpLastStep} < ${step}`)))
				.returning({ id: users.id });
			if (moved.length) method = 'totp';
		} else if (canonicalRecoveryCode(input.code).length === 10) {
			const used = await tx
				.update(recoveryCodes)
				.set({ usedAt: new Date() })
				.where(
					and(
						eq(recoveryCodes.userId, user.id),
						eq(recoveryCodes.purpose, 'second_factor'),
						eq(recoveryCodes.codeHash, hashRecoveryCode(input.code)),
						isNull(recoveryCodes.usedAt)
					)
				)
				.returning({ id: recoveryCodes.id });
			if (used.length) method = 'recovery';
		}
		if (!method) return null;
		if (method === 'recovery') {
			await record(tx, {
				actorId: user.id,
				action: 'recovery_code_used',
				resourceType: 'account',
				resourceId: user.id,
				outcome: 'done',
				ip: ctx.ip,
				requestId: ctx.requestId,
				details: { purpose: 'second_factor' }
			});
		}
		const session = await rotateSession(tx, input.sessionId, user.id, { secondFactor: true });
		await record(tx, {
			actorId: user.id,
			action: 'sign_in',
			resourceType: 'account',
			resourceId: user.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: { step: 'second_factor', method }
		});
		const [{ left }] = await tx
			.select({ left: sql<number>`count(*)::int`.mapWith(Number) })
			.from(recoveryCodes)
			.where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.purpose, 'second_factor'), isNull(recoveryCodes.usedAt)));
		return { session, usedRecoveryCode: method === 'recovery', recoveryCodesLeft: left };
	});
	if (!result) {
		await signInFailed(ctx, input.userId, 'second_factor', scope);
		return fail(400, 'auth_code_wrong');
	}
	await clear(ctx.db, limitKey(scope, input.userId));
	return { ok: true, ...result };
}

export async function signOut(ctx: Ctx, session: { sessionId: string; userId: string }): Promise<void> {
	await ctx.db.transaction(async (tx) => {
		await deleteSession(tx, session.sessionId);
		await record(tx, {
			actorId: session.userId,
			action: 'sign_out',
			resourceType: 'account',
			resourceId: session.userId,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId
		});
	});
}

// ----------------------------------------------------------------- e-mail verification

export async function verifyEmail(ctx: Ctx, token: string): Promise<Outcome<{ email: string }>> {
	const row = await findToken(ctx.db, 'verify_email', token);
	if (!row?.email) return fail(400, 'auth_link_invalid');
	const email = row.email;
	return ctx.db.transaction(async (tx): Promise<Outcome<{ email: string }>> => {
		const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).limit(1);
		if (!user) return fail(400, 'auth_link_invalid');
		const change = user.email?.toLowerCase() !== email.toLowerCase();
		if (change) {
			const other = await findByEmail(tx, email);
			if (other && other.id !== user.id) return fail(409, 'auth_email_taken');
		}
		if (!(await consumeToken(tx, row.id))) return fail(400, 'auth_link_invalid');
		await tx
			.update(users)
			.set({ email, emailVerifiedAt: new Date(), updatedAt: new Date() })
			.where(eq(users.id, user.id));
		await record(tx, {
			actorId: user.id,
			action: 'email_verified',
			resourceType: 'account',
			resourceId: user.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: { changed: change }
		});
		if (change && user.email) {
			await sendEmailChangedNotice(tx, {
				to: user.email,
				locale: emailLocale(user.locale, ctx.locale),
				origin: ctx.origin,
				name: user.displayName,
				newAddress: email
			});
		}
		return { ok: true, email };
	});
}

/** Sends a new verification link for the account's current address. */
export async function resendVerification(ctx: Ctx, userId: string): Promise<Outcome> {
	const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
	if (!user?.email) return fail(400, 'auth_no_email');
	if (user.emailVerifiedAt) return fail(400, 'auth_email_already_verified');
	if (!(await hit(ctx.db, limitKey('mail', user.email), limits.emailPerAddress)).allowed) {
		return fail(429, 'auth_too_many_emails');
	}
	await ctx.db.transaction(async (tx) => {
		const token = await issueToken(tx, 'verify_email', user.id, user.email, VERIFY_EMAIL_TTL);
		await sendVerifyEmail(tx, {
			to: user.email!,
			locale: emailLocale(user.locale, ctx.locale),
			origin: ctx.origin,
			name: user.displayName,
			token,
			change: false
		});
	});
	return { ok: true };
}

// ----------------------------------------------------------------- password reset

/** Always answers the same; sends a link only when an account has this address. */
export async function requestPasswordReset(ctx: Ctx, emailInput: string): Promise<Outcome> {
	const email = emailInput.trim().toLowerCase();
	const ipOk = (await hit(ctx.db, ipKey('reset', ctx), limits.emailPerIp)).allowed;
	if (!ipOk) return fail(429, 'auth_too_many_tries');
	const addressOk = (await hit(ctx.db, limitKey('mail', email), limits.emailPerAddress)).allowed;
	await ctx.db.transaction(async (tx) => {
		const user = await findByEmail(tx, email);
		await record(tx, {
			actorId: null,
			action: 'password_reset_requested',
			resourceType: 'account',
			resourceId: user?.id ?? hashToken(`identifier:${email}`),
			outcome: user && !user.disabledAt ? 'done' : 'denied',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: { sent: Boolean(user && !user.disabledAt && addressOk) }
		});
		if (!user || user.disabledAt || !addressOk) return;
		const token = await issueToken(tx, 'reset_password', user.id, email, RESET_PASSWORD_TTL);
		await sendResetEmail(tx, {
			to: email,
			locale: emailLocale(user.locale, ctx.locale),
			origin: ctx.origin,
			name: user.displayName,
			token
		});
	});
	return { ok: true };
}

export async function checkResetToken(ctx: Ctx, token: string): Promise<boolean> {
	return (await findToken(ctx.db, 'reset_password', token)) !== null;
}

export async function resetPassword(ctx: Ctx, input: { token: string; password: string }): Promise<Outcome> {
	const row = await findToken(ctx.db, 'reset_password', input.token);
	if (!row) return fail(400, 'auth_link_invalid');
	const [user] = await ctx.db.select().from(users).where(eq(users.id, row.userId)).limit(1);
	if (!user || user.disabledAt) return fail(400, 'auth_link_invalid');
	const problem = passwordProblem(input.password, user);
	if (problem) return fail(400, 'auth_form_has_errors', { password: problem });
	const passwordHash = await hashPassword(input.password);
	return ctx.db.transaction(async (tx): Promise<Outcome> => {
		if (!(await consumeToken(tx, row.id))) return fail(400, 'auth_link_invalid');
		const proved = row.email && user.email && row.email.toLowerCase() === user.email.toLowerCase();
		await tx
			.update(users)
			.set({
				passwordHash,
				updatedAt: new Date(),
				...(proved && !user.emailVerifiedAt ? { emailVerifiedAt: new Date() } : {})
			})
			.where(eq(users.id, user.id));
		// Every other reset link of this account stops working too.
		await tx
			.update(oneTimeTokens)
			.set({ usedAt: new Date() })
			.where(and(eq(oneTimeTokens.userId, user.id), eq(oneTimeTokens.kind, 'reset_password'), isNull(oneTimeTokens.usedAt)));
		await deleteUserSessions(tx, user.id);
		await record(tx, {
			actorId: user.id,
			action: 'password_reset_done',
			resourceType: 'account',
			resourceId: user.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId
		});
		if (user.email) {
			await sendPasswordChangedNotice(tx, {
				to: user.email,
				locale: emailLocale(user.locale, ctx.locale),
				origin: ctx.origin,
				name: user.displayName
			});
		}
		return { ok: true };
	});
}

// ----------------------------------------------------------------- recovery without e-mail

/**
 * For accounts without e-mail: sign-in name + account recovery code + new
 * password. The code is used up; a new one is returned, to be shown once.
 */
export async function recoverAccount(
	ctx: Ctx,
	input: { username: string; code: string; password: string }
): Promise<Outcome<{ recoveryCode: string; username: string }>> {
	const username = normaliseIdentifier(input.username);
	const scope = 'recover';
	if (await signInLimited(ctx, username, scope)) return fail(429, 'auth_too_many_tries');
	const user = username.includes('@') ? null : await findByIdentifier(ctx.db, username);
	const codeHash = hashRecoveryCode(input.code);
	const [code] = user
		? await ctx.db
				.select({ id: recoveryCodes.id })
				.from(recoveryCodes)
				.where(
					and(
						eq(recoveryCodes.userId, user.id),
						eq(recoveryCodes.purpose, 'account'),
						eq(recoveryCodes.codeHash, codeHash),
						isNull(recoveryCodes.usedAt)
					)
				)
				.limit(1)
		: [];
	if (!user || !code || user.disabledAt) {
		await signInFailed(ctx, username, 'recovery_code', scope);
		return fail(400, 'auth_recover_failed');
	}
	const problem = passwordProblem(input.password, user);
	if (problem) return fail(400, 'auth_form_has_errors', { password: problem });
	const passwordHash = await hashPassword(input.password);
	const recoveryCode = newAccountRecoveryCode();
	const done = await ctx.db.transaction(async (tx) => {
		const used = await tx
			.update(recoveryCodes)
			.set({ usedAt: new Date() })
			.where(and(eq(recoveryCodes.id, code.id), isNull(recoveryCodes.usedAt)))
			.returning({ id: recoveryCodes.id });
		if (!used.length) return false;
		await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.purpose, 'account')));
		await tx.insert(recoveryCodes).values({ userId: user.id, purpose: 'account', codeHash: hashRecoveryCode(recoveryCode) });
		await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
		await deleteUserSessions(tx, user.id);
		for (const action of ['recovery_code_used', 'password_reset_done']) {
			await record(tx, {
				actorId: user.id,
				action,
				resourceType: 'account',
				resourceId: user.id,
				outcome: 'done',
				ip: ctx.ip,
				requestId: ctx.requestId,
				details: { purpose: 'account' }
			});
		}
		return true;
	});
	if (!done) return fail(400, 'auth_recover_failed');
	await clear(ctx.db, limitKey(scope, username));
	return { ok: true, recoveryCode, username: user.username ?? username };
}
