/**
 * Password hashing with argon2id (OWASP's recommended parameters: 19 MiB,
 * 2 iterations, 1 lane). `@node-rs/argon2` ships prebuilt binaries, nothing
 * is compiled at install.
 */
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is a const enum in the package's types; its value is 2.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS as never);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

/**
 * A hash of a random password, verified against when an account does not
 * exist, so a sign-in takes as long whether or not the account is there.
 */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(crypto.randomUUID());
	return dummy;
}
