/**
 * The first administrator (or promoting an existing account), for
 * `npm run admin:create`. Never a default password: a random one shown once,
 * or a password-reset link written to the outbox.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/index.ts';
import { oneTimeTokens, users } from '../db/schema/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions, hashToken, newToken } from '../auth/session.ts';
import { record } from '../audit/index.ts';
import { sendEmail } from '../email/index.ts';
import { m } from '#lib/paraglide/messages.js';
import { baseLocale } from '#lib/paraglide/runtime.js';

export const RESET_HOURS = 24;

export function isValidEmail(email: string): boolean {
	return z.email().max(254).safeParse(email).success;
}

/** 24 characters from a 56-letter alphabet without look-alikes (≈139 bits). */
export function randomPassword(length = 24): string {
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
	let out = '';
	while (out.length < length) {
		for (const b of randomBytes(length * 2)) {
			if (b < 224 && out.length < length) out += alphabet[b % 56];
		}
	}
	return out;
}

export interface AdminCreateResult {
	userId: string;
	created: boolean;
	password?: string;
	resetLink?: string;
}

export async function createOrPromoteAdmin(
	db: Db,
	opts: { email: string; name?: string; noPassword?: boolean; origin: string }
): Promise<AdminCreateResult> {
	const email = opts.email.trim().toLowerCase();
	if (!isValidEmail(email)) throw new Error('invalid e-mail address');
	const password = opts.noPassword ? undefined : randomPassword();
	// Hash outside the transaction (argon2 takes a moment); a throwaway hash when a link is sent instead.
	const passwordHash = await hashPassword(password ?? randomPassword(32));
	const result = await db.transaction(async (tx) => {
		const [existing] = await tx.select({ id: users.id, role: users.platformRole }).from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
		let userId: string;
		let created = false;
		if (existing) {
			userId = existing.id;
			await tx.update(users).set({ platformRole: 'admin', updatedAt: new Date() }).where(eq(users.id, userId));
			// Existing sessions must re-read the new role; an existing password stays unless a new one is issued.
			if (password) await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
			await deleteUserSessions(tx, userId);
		} else {
			const name = (opts.name ?? '').normalize('NFC').trim().slice(0, 100) || 'Administrator';
			const [row] = await tx
				.insert(users)
				.values({ email, displayName: name, passwordHash, platformRole: 'admin', kind: 'resident', emailVerifiedAt: new Date() })
				.returning({ id: users.id });
			userId = row.id;
			created = true;
		}
		await record(tx, {
			actorId: null,
			action: 'platform.admin.create',
			resourceType: 'account',
			resourceId: userId,
			outcome: 'done',
			details: { via: 'cli', created, link: Boolean(opts.noPassword) }
		});
		let resetToken: string | undefined;
		if (opts.noPassword) {
			resetToken = newToken();
			await tx.insert(oneTimeTokens).values({
				kind: 'reset_password',
				tokenHash: hashToken(resetToken),
				userId,
				email,
				expiresAt: new Date(Date.now() + RESET_HOURS * 3600_000)
			});
		}
		return { userId, created, resetToken };
	});
	let resetLink: string | undefined;
	if (result.resetToken) {
		resetLink = `${opts.origin.replace(/\/$/, '')}/reset-password?token=${result.resetToken}`;
		await sendEmail(db, {
			to: email,
			template: 'reset_password',
			subject: m.admin_setup_email_subject({}, { locale: baseLocale }),
			text: m.admin_setup_email_body({ link: resetLink, hours: String(RESET_HOURS) }, { locale: baseLocale })
		});
	}
	return { userId: result.userId, created: result.created, password, resetLink };
}
