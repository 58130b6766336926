/**
 * The application key and sealing of small secrets at rest (TOTP secrets).
 *
 * The key material comes from SESSION_SECRET (at least 32 characters; set it
 * in production, and keep it: changing it makes every enrolled authenticator
 * app useless). When SESSION_SECRET is unset, 32 random bytes are generated
 * once and kept in DATA_DIR/secret.key (mode 0600), next to the embedded
 * database. Per-purpose keys are derived with HKDF-SHA-256; sealing is
 * AES-256-GCM with a random 96-bit nonce and the purpose as associated data,
 * so a value sealed for one purpose cannot be opened as another.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../config.ts';

const VERSION = 'v1';
let master: Buffer | undefined;

function readKeyFile(file: string): Buffer {
	const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key (base64); remove it or set SESSION_SECRET`);
	return key;
}

/** The master key material: from SESSION_SECRET, else the key file (created on first use). */
export function masterKey(): Buffer {
	if (master) return master;
	const c = config();
	if (c.SESSION_SECRET) {
		if (c.SESSION_SECRET.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters long');
		master = Buffer.from(c.SESSION_SECRET, 'utf8');
		return master;
	}
	const file = path.resolve(c.DATA_DIR, 'secret.key');
	try {
		master = readKeyFile(file);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
		mkdirSync(path.dirname(file), { recursive: true });
		try {
			writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
		} catch (e) {
			// Another process created it first: use theirs.
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		master = readKeyFile(file);
	}
	return master;
}

/** Forgets the cached key (tests that change SESSION_SECRET or DATA_DIR). */
export function resetMasterKey(): void {
	master = undefined;
}

function derive(purpose: string): Buffer {
	return Buffer.from(hkdfSync('sha256', masterKey(), 'convive', `convive:${purpose}`, 32));
}

export function seal(plaintext: string, purpose: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', derive(purpose), iv);
	cipher.setAAD(Buffer.from(purpose));
	const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
}

/** Opens a sealed value; throws when it was tampered with, sealed for another purpose or with another key. */
export function unseal(sealed: string, purpose: string): string {
	const [version, data] = sealed.split('.');
	if (version !== VERSION || !data) throw new Error('sealed value: unknown format');
	const raw = Buffer.from(data, 'base64url');
	if (raw.length < 29) throw new Error('sealed value: too short');
	const decipher = createDecipheriv('aes-256-gcm', derive(purpose), raw.subarray(0, 12));
	decipher.setAAD(Buffer.from(purpose));
	decipher.setAuthTag(raw.subarray(12, 28));
	return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
