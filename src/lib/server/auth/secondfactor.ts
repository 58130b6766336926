/**
 * Setting up and removing the second factor (an authenticator app, TOTP).
 *
 *   startTotpSetup   → a new secret, sealed, stored but not yet enabled
 *   confirmTotp      → a code from the app enables it, rotates the session
 *                      and returns 10 recovery codes to show once
 *   disableTotp      → needs a current code or the password
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Ctx } from '../context.ts';
import { recoveryCodes, users } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { config } from '../config.ts';
import { require as requirePolicy, type SignedInActor } from '../policy/index.ts';
import { verifyPassword } from './passwords.ts';
import { hit, isLimited, limitKey, limits, clear } from './ratelimit.ts';
import { rotateSession, type NewSession } from './session.ts';
import { seal, unseal } from './secret.ts';
import { groupKey, hashRecoveryCode, matchTotp, newSecondFactorRecoveryCode, newTotpSecret, otpauthUri } from './totp.ts';
import { TOTP_SEAL, type Failure, type Outcome } from './accounts.ts';

export const SECOND_FACTOR_CODES = 10;

const fail = (status: Failure['status'], message: string, errors?: Record<string, string>): Failure => ({
	ok: false,
	status,
	message,
	errors
});

function me(ctx: Ctx): SignedInActor {
	if (ctx.actor.kind !== 'user') throw new Error('security: not signed in');
	requirePolicy(ctx.actor, 'account.security', { type: 'account', userId: ctx.actor.userId });
	return ctx.actor;
}

async function loadUser(ctx: Ctx, userId: string) {
	const [user] = await ctx.db.select().from(users).where(eq(users.id, userId)).limit(1);
	if (!user) throw new Error('security: user not found');
	return user;
}

export interface SecurityView {
	enabled: boolean;
	/** A setup in progress: what the page shows to scan or type. */
	setup: { qrDataUri: string; key: string } | null;
	recoveryCodesLeft: number;
}

export async function getSecurity(ctx: Ctx): Promise<SecurityView> {
	const actor = me(ctx);
	const user = await loadUser(ctx, actor.userId);
	const [{ left }] = await ctx.db
		.select({ left: sql<number>`count(*)::int`.mapWith(Number) })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.purpose, 'second_factor'), isNull(recoveryCodes.usedAt)));
	let setup: SecurityView['setup'] = null;
	if (!user.totpEnabledAt && user.totpSecret) {
		const secret = unseal(user.totpSecret, TOTP_SEAL);
		const label = user.email ?? user.username ?? user.displayName;
		const uri = otpauthUri(secret, `Convive ${config().CITY_NAME}`, label);
		const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
		setup = { qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, key: groupKey(secret) };
	}
	return { enabled: user.totpEnabledAt !== null, setup, recoveryCodesLeft: left };
}

export async function startTotpSetup(ctx: Ctx): Promise<Outcome> {
	const actor = me(ctx);
	const user = await loadUser(ctx, actor.userId);
	if (user.totpEnabledAt) return fail(409, 'auth_totp_already_on');
	await ctx.db
		.update(users)
		.set({ totpSecret: seal(newTotpSecret(), TOTP_SEAL), totpLastStep: null, updatedAt: new Date() })
		.where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)));
	return { ok: true };
}

export async function cancelTotpSetup(ctx: Ctx): Promise<Outcome> {
	const actor = me(ctx);
	await ctx.db
		.update(users)
		.set({ totpSecret: null, totpLastStep: null })
		.where(and(eq(users.id, actor.userId), isNull(users.totpEnabledAt)));
	return { ok: true };
}

function newCodes(): string[] {
	return Array.from({ length: SECOND_FACTOR_CODES }, newSecondFactorRecoveryCode);
}

async function limited(ctx: Ctx, userId: string): Promise<boolean> {
	return isLimited(ctx.db, limitKey('security', userId), limits.signInAccount);
}

async function failed(ctx: Ctx, userId: string): Promise<void> {
	await hit(ctx.db, limitKey('security', userId), limits.signInAccount);
}

export async function confirmTotp(
	ctx: Ctx,
	sessionId: string,
	code: string
): Promise<Outcome<{ recoveryCodes: string[]; session: NewSession }>> {
	const actor = me(ctx);
	if (await limited(ctx, actor.userId)) return fail(429, 'auth_too_many_tries');
	const user = await loadUser(ctx, actor.userId);
	if (user.totpEnabledAt) return fail(409, 'auth_totp_already_on');
	if (!user.totpSecret) return fail(400, 'auth_totp_no_setup');
	const step = matchTotp(unseal(user.totpSecret, TOTP_SEAL), code, user.totpLastStep);
	if (step === null) {
		await failed(ctx, actor.userId);
		return fail(400, 'auth_form_has_errors', { code: 'auth_code_wrong' });
	}
	const codes = newCodes();
	const session = await ctx.db.transaction(async (tx) => {
		const updated = await tx
			.update(users)
			.set({ totpEnabledAt: new Date(), totpLastStep: step, updatedAt: new Date() })
			.where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)))
			.returning({ id: users.id });
		if (!updated.length) return null;
		await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.purpose, 'second_factor')));
		await tx
			.insert(recoveryCodes)
			.values(codes.map((c) => ({ userId: user.id, purpose: 'second_factor' as const, codeHash: hashRecoveryCode(c) })));
		const s = await rotateSession(tx, sessionId, user.id, { secondFactor: true });
		await record(tx, {
			actorId: user.id,
			action: 'totp_enabled',
			resourceType: 'account',
			resourceId: user.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId
		});
		return s;
	});
	if (!session) return fail(409, 'auth_totp_already_on');
	await clear(ctx.db, limitKey('security', actor.userId));
	return { ok: true, recoveryCodes: codes, session };
}

/** Needs a current code from the app, or the password. */
export async function disableTotp(
	ctx: Ctx,
	sessionId: string,
	input: { code?: string; password?: string }
): Promise<Outcome<{ session: NewSession }>> {
	const actor = me(ctx);
	if (await limited(ctx, actor.userId)) return fail(429, 'auth_too_many_tries');
	const user = await loadUser(ctx, actor.userId);
	if (!user.totpEnabledAt || !user.totpSecret) return fail(409, 'auth_totp_already_off');
	let ok = false;
	if (input.code) {
		const step = matchTotp(unseal(user.totpSecret, TOTP_SEAL), input.code, user.totpLastStep);
		ok = step !== null;
	} else if (input.password) {
		ok = await verifyPassword(user.passwordHash, input.password);
	}
	if (!ok) {
		await failed(ctx, actor.userId);
		return fail(400, 'auth_form_has_errors', input.code ? { code: 'auth_code_wrong' } : { password: 'auth_current_password_wrong' });
	}
	const session = await ctx.db.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
			.where(eq(users.id, user.id));
		await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.purpose, 'second_factor')));
		const s = await rotateSession(tx, sessionId, user.id, { secondFactor: false });
		await record(tx, {
			actorId: user.id,
			action: 'totp_disabled',
			resourceType: 'account',
			resourceId: user.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId,
			details: { method: input.code ? 'app' : 'password' }
		});
		return s;
	});
	await clear(ctx.db, limitKey('security', actor.userId));
	return { ok: true, session };
}

/** Replaces the second-factor recovery codes (after the password); shows the new ones once. */
export async function regenerateRecoveryCodes(ctx: Ctx, password: string): Promise<Outcome<{ recoveryCodes: string[] }>> {
	const actor = me(ctx);
	if (await limited(ctx, actor.userId)) return fail(429, 'auth_too_many_tries');
	const user = await loadUser(ctx, actor.userId);
	if (!user.totpEnabledAt) return fail(409, 'auth_totp_already_off');
	if (!(await verifyPassword(user.passwordHash, password))) {
		await failed(ctx, actor.userId);
		return fail(400, 'auth_form_has_errors', { password: 'auth_current_password_wrong' });
	}
	const codes = newCodes();
	await ctx.db.transaction(async (tx) => {
		await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.purpose, 'second_factor')));
		await tx
			.insert(recoveryCodes)
			.values(codes.map((c) => ({ userId: user.id, purpose: 'second_factor' as const, codeHash: hashRecoveryCode(c) })));
		await record(tx, {
			actorId: user.id,
			action: 'recovery_codes_renewed',
			resourceType: 'account',
			resourceId: user.id,
			outcome: 'done',
			ip: ctx.ip,
			requestId: ctx.requestId
		});
	});
	return { ok: true, recoveryCodes: codes };
}
