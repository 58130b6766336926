/**
 * Time-based one-time passwords (RFC 6238): HMAC-SHA-1, 6 digits, 30-second
 * steps, accepting one step either side for clock drift. The caller keeps
 * the last accepted step (users.totp_last_step) so a code is never accepted
 * twice. Also the recovery codes for accounts and for the second factor.
 */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { hashToken } from './session.ts';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;

/** A new random secret (160 bits, as RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
	return new Secret({ size: 20 }).base32;
}

export function stepAt(timestampMs: number): number {
	return Math.floor(timestampMs / 1000 / TOTP_PERIOD);
}

export function totpCode(secretBase32: string, timestampMs: number, digits = TOTP_DIGITS, algorithm = 'SHA1'): string {
	return TOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm, digits, period: TOTP_PERIOD, timestamp: timestampMs });
}

/** Digits only: people type spaces or dashes between groups. */
export function normaliseCode(code: string): string {
	return code.replace(/[\s-]/g, '');
}

/**
 * The time step a code matches (within ±1 step of `timestampMs`), or null.
 * A step not greater than `lastStep` is refused: that code was used already.
 */
export function matchTotp(
	secretBase32: string,
	code: string,
	lastStep: number | null,
	timestampMs = Date.now()
): number | null {
	const token = normaliseCode(code);
	if (!/^\d{6}$/.test(token)) return null;
	const delta = TOTP.validate({
		token,
		secret: Secret.fromBase32(secretBase32),
		algorithm: 'SHA1',
		digits: TOTP_DIGITS,
		period: TOTP_PERIOD,
		timestamp: timestampMs,
		window: TOTP_WINDOW
	});
	if (delta === null) return null;
	const step = stepAt(timestampMs) + delta;
	if (lastStep !== null && step <= lastStep) return null;
	return step;
}

export function otpauthUri(secretBase32: string, issuer: string, label: string): string {
	return new TOTP({
		issuer,
		label,
		secret: Secret.fromBase32(secretBase32),
		algorithm: 'SHA1',
		digits: TOTP_DIGITS,
		period: TOTP_PERIOD
	}).toString();
}

/** The key in groups of 4, for typing into an app by hand. */
export function groupKey(secretBase32: string): string {
	return secretBase32.replace(/=+$/, '').match(/.{1,4}/g)?.join(' ') ?? '';
}

// Crockford's base32 alphabet: no I, L, O or U, so codes are easy to copy by hand.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomGroups(groups: number, size: number): string {
	const bytes = randomBytes(groups * size);
	const chars = [...bytes].map((b) => ALPHABET[b & 31]);
	const out: string[] = [];
	for (let i = 0; i < groups; i++) out.push(chars.slice(i * size, (i + 1) * size).join(''));
	return out.join('-');
}

/** An account recovery code: 16 characters (80 bits), shown as XXXX-XXXX-XXXX-XXXX. */
export function newAccountRecoveryCode(): string {
	return randomGroups(4, 4);
}

/** A second-factor recovery code: 10 characters (50 bits), shown as XXXXX-XXXXX. */
export function newSecondFactorRecoveryCode(): string {
	return randomGroups(2, 5);
}

/**
 * Canonical form of a typed recovery code: upper-case, no separators, and the
 * letters people confuse with digits mapped as Crockford's base32 does.
 */
export function canonicalRecoveryCode(code: string): string {
	return code
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
}

export function hashRecoveryCode(code: string): string {
	return hashToken(`recovery:${canonicalRecoveryCode(code)}`);
}
