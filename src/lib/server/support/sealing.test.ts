import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { resetConfig } from '../config.ts';
import { resetDataKeys, SealBroken, seal, sealText, unseal, unsealText } from './sealing.ts';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');

function useKeys(current: string, previous?: string) {
	process.env.CONVIVE_DATA_KEY = current;
	if (previous) process.env.CONVIVE_DATA_KEY_PREVIOUS = previous;
	else delete process.env.CONVIVE_DATA_KEY_PREVIOUS;
	resetConfig();
	resetDataKeys();
}

afterEach(() => {
	delete process.env.CONVIVE_DATA_KEY;
	delete process.env.CONVIVE_DATA_KEY_PREVIOUS;
	resetConfig();
	resetDataKeys();
});

describe('sealing', () => {
	it('opens what it sealed, and the stored bytes do not contain the plain text', () => {
		useKeys(keyA);
		const s = sealText('residence permit pending', 'protected:p1');
		expect(Buffer.from(s.sealed).toString('utf8')).not.toContain('residence');
		expect(unsealText(s, 'protected:p1')).toBe('residence permit pending');
	});

	it('refuses a value moved to another row, altered, or sealed under an unknown key', () => {
		useKeys(keyA);
		const s = seal(new Uint8Array([1, 2, 3, 4]), 'document:a');
		expect(() => unseal(s, 'document:b')).toThrow(SealBroken);
		const altered = new Uint8Array(s.sealed);
		altered[0] ^= 1;
		expect(() => unseal({ ...s, sealed: altered }, 'document:a')).toThrow(SealBroken);
		expect(() => unseal({ ...s, sealed: s.sealed.subarray(0, 8) }, 'document:a')).toThrow(SealBroken);
		useKeys(keyB);
		expect(() => unseal(s, 'document:a')).toThrow(SealBroken);
	});

	it('still opens values of the previous key after a rotation, and seals new ones with the current key', () => {
		useKeys(keyA);
		const old = sealText('old', 'x');
		useKeys(keyB, keyA);
		expect(unsealText(old, 'x')).toBe('old');
		const fresh = sealText('new', 'x');
		expect(fresh.keyId).not.toBe(old.keyId);
		expect(unsealText(fresh, 'x')).toBe('new');
	});

	it('refuses a key that is not 32 bytes', () => {
		useKeys(Buffer.from('short').toString('base64'));
		expect(() => sealText('a', 'x')).toThrow(/32-byte/);
	});
});
