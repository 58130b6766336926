import { describe, expect, it } from 'vitest';
import {
	canonicalRecoveryCode,
	groupKey,
	hashRecoveryCode,
	matchTotp,
	newAccountRecoveryCode,
	newSecondFactorRecoveryCode,
	newTotpSecret,
	otpauthUri,
	stepAt,
	totpCode
} from './totp.ts';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: Array<[number, string]> = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130']
];

describe('TOTP (RFC 6238)', () => {
	it('matches the RFC 6238 SHA-1 test vectors (8 digits)', () => {
		for (const [t, code] of VECTORS) expect(totpCode(RFC_SECRET, t * 1000, 8)).toBe(code);
	});

	it('uses the last 6 digits for 6-digit codes, and accepts them', () => {
		for (const [t, code] of VECTORS) {
			expect(totpCode(RFC_SECRET, t * 1000)).toBe(code.slice(2));
			expect(matchTotp(RFC_SECRET, code.slice(2), null, t * 1000)).toBe(stepAt(t * 1000));
		}
	});

	it('accepts one step either side for clock drift, and no more', () => {
		const now = 1_700_000_000_000;
		const step = stepAt(now);
		expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), null, now)).toBe(step - 1);
		expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), null, now)).toBe(step + 1);
		expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 60_000), null, now)).toBeNull();
		expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 60_000), null, now)).toBeNull();
	});

	it('never accepts the same step twice, nor an older one', () => {
		const now = 1_700_000_000_000;
		const code = totpCode(RFC_SECRET, now);
		const step = matchTotp(RFC_SECRET, code, null, now);
		expect(step).toBe(stepAt(now));
		expect(matchTotp(RFC_SECRET, code, step, now)).toBeNull();
		expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), step, now)).toBeNull();
		expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), step, now)).toBe(step! + 1);
	});

	it('tolerates spaces and dashes, refuses anything that is not 6 digits', () => {
		const now = 1_700_000_000_000;
		const code = totpCode(RFC_SECRET, now);
		expect(matchTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, null, now)).not.toBeNull();
		for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, '١٢٣٤٥٦']) {
			expect(matchTotp(RFC_SECRET, bad, null, now)).toBeNull();
		}
	});

	it('makes 160-bit secrets, a standard otpauth URI and a key grouped by 4', () => {
		const s = newTotpSecret();
		expect(s).toMatch(/^[A-Z2-7]{32}$/);
		expect(newTotpSecret()).not.toBe(s);
		const uri = otpauthUri(s, 'Convive', 'amal@example.org');
		expect(uri).toMatch(/^otpauth:\/\/totp\/Convive:amal%40example\.org\?/);
		expect(uri).toContain(`secret=${s}`);
		expect(uri).toContain('algorithm=SHA1');
		expect(uri).toContain('digits=6');
		expect(uri).toContain('period=30');
		expect(groupKey(s).split(' ')).toHaveLength(8);
		expect(groupKey(s).replace(/ /g, '')).toBe(s);
	});
});

describe('recovery codes', () => {
	it('are random, readable and hashed independent of how they are typed', () => {
		const a = newAccountRecoveryCode();
		expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
		expect(newSecondFactorRecoveryCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
		const codes = new Set(Array.from({ length: 200 }, newAccountRecoveryCode));
		expect(codes.size).toBe(200);
		expect(hashRecoveryCode(a.toLowerCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(a));
		expect(canonicalRecoveryCode('ol1i-0000')).toBe('01110000');
		expect(hashRecoveryCode(a)).not.toBe(hashRecoveryCode(newAccountRecoveryCode()));
	});
});
