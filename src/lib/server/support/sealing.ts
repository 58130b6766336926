/**
 * Sealing of support-folder data at rest (documents, protected fields):
 * AES-256-GCM under CONVIVE_DATA_KEY, a random 96-bit IV per value, and
 * associated data naming the purpose and the row (say `document:<id>`), so
 * a sealed value copied into another row or column does not open.
 *
 * The key comes from CONVIVE_DATA_KEY (32 bytes, base64); unset, 32 random
 * bytes are created once in DATA_DIR/data.key (mode 0600), as secret.key is.
 * Each sealed value keeps the id of its key (the first 8 bytes of the key's
 * SHA-256, hex), so after a rotation CONVIVE_DATA_KEY_PREVIOUS still opens
 * the older values.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from '../config.ts';

export interface Sealed {
	keyId: string;
	iv: Uint8Array;
	/** Ciphertext followed by the 16-byte tag. */
	sealed: Uint8Array;
}

interface Key {
	id: string;
	bytes: Buffer;
}

let keys: { current: Key; all: Map<string, Key> } | undefined;

function fromBase64(value: string, where: string): Key {
	const bytes = Buffer.from(value.trim(), 'base64');
	if (bytes.length !== 32) throw new Error(`${where} does not hold a 32-byte key (base64)`);
	return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), bytes };
}

function keyFile(file: string): Key {
	try {
		return fromBase64(readFileSync(file, 'utf8'), file);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
	}
	mkdirSync(path.dirname(file), { recursive: true });
	try {
		writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
	} catch (e) {
		// Another process created it first: use theirs.
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	}
	return fromBase64(readFileSync(file, 'utf8'), file);
}

function loadKeys() {
	if (keys) return keys;
	const c = config();
	const current = c.CONVIVE_DATA_KEY ? fromBase64(c.CONVIVE_DATA_KEY, 'CONVIVE_DATA_KEY') : keyFile(path.resolve(c.DATA_DIR, 'data.key'));
	const all = new Map([[current.id, current]]);
	if (c.CONVIVE_DATA_KEY_PREVIOUS) {
		const previous = fromBase64(c.CONVIVE_DATA_KEY_PREVIOUS, 'CONVIVE_DATA_KEY_PREVIOUS');
		all.set(previous.id, previous);
	}
	keys = { current, all };
	return keys;
}

/** Forgets the cached keys (tests that change the environment). */
export function resetDataKeys(): void {
	keys = undefined;
}

/** Seals `plain` for `binding` (purpose and row, e.g. `document:<uuid>`). */
export function seal(plain: Uint8Array, binding: string): Sealed {
	const { current } = loadKeys();
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
	cipher.setAAD(Buffer.from(binding, 'utf8'));
	const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
	return { keyId: current.id, iv: new Uint8Array(iv), sealed: new Uint8Array(body) };
}

export class SealBroken extends Error {
	constructor(reason: string) {
		super(`sealed value does not open: ${reason}`);
	}
}

/** Opens a sealed value; throws SealBroken for an unknown key, a wrong binding or altered bytes. */
export function unseal(value: Sealed, binding: string): Uint8Array {
	const key = loadKeys().all.get(value.keyId);
	if (!key) throw new SealBroken('unknown key');
	const body = Buffer.from(value.sealed);
	if (body.length < 16 || value.iv.length !== 12) throw new SealBroken('truncated');
	const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(value.iv));
	decipher.setAAD(Buffer.from(binding, 'utf8'));
	decipher.setAuthTag(body.subarray(body.length - 16));
	try {
		return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]));
	} catch {
		throw new SealBroken('authentication failed');
	}
}

export const sealText = (text: string, binding: string) => seal(new TextEncoder().encode(text), binding);
export const unsealText = (value: Sealed, binding: string) => new TextDecoder().decode(unseal(value, binding));
