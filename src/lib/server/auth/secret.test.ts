import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resetConfig } from '../config.ts';
import { masterKey, resetMasterKey, seal, unseal } from './secret.ts';

const saved = { SESSION_SECRET: process.env.SESSION_SECRET, DATA_DIR: process.env.DATA_DIR };
const dirs: string[] = [];
function fresh(env: { SESSION_SECRET?: string; DATA_DIR?: string }) {
	for (const k of ['SESSION_SECRET', 'DATA_DIR'] as const) {
		if (env[k] === undefined) delete process.env[k];
		else process.env[k] = env[k];
	}
	resetConfig();
	resetMasterKey();
}
function tempDir() {
	const d = mkdtempSync(path.join(tmpdir(), 'convive-secret-'));
	dirs.push(d);
	return d;
}
afterEach(() => {
	fresh(saved);
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sealing with the application key', () => {
	it('round-trips, with a fresh nonce every time', () => {
		fresh({ SESSION_SECRET: 'x'.repeat(40) });
		const a = seal('JBSWY3DPEHPK3PXP', 'totp');
		const b = seal('JBSWY3DPEHPK3PXP', 'totp');
		expect(a).not.toBe(b);
		expect(a).not.toContain('JBSWY3DPEHPK3PXP');
		expect(unseal(a, 'totp')).toBe('JBSWY3DPEHPK3PXP');
		expect(unseal(b, 'totp')).toBe('JBSWY3DPEHPK3PXP');
	});

	it('refuses a tampered value, another purpose and another key', () => {
		fresh({ SESSION_SECRET: 'x'.repeat(40) });
		const sealed = seal('secret value', 'totp');
		const raw = Buffer.from(sealed.slice(3), 'base64url');
		raw[raw.length - 1] ^= 1;
		expect(() => unseal(`v1.${raw.toString('base64url')}`, 'totp')).toThrow();
		expect(() => unseal(sealed, 'other')).toThrow();
		expect(() => unseal('v2.abc', 'totp')).toThrow();
		expect(() => unseal('v1.', 'totp')).toThrow();
		fresh({ SESSION_SECRET: 'y'.repeat(40) });
		expect(() => unseal(sealed, 'totp')).toThrow();
	});

	it('refuses a SESSION_SECRET shorter than 32 characters', () => {
		fresh({ SESSION_SECRET: 'short' });
		expect(() => seal('a', 'totp')).toThrow(/at least 32/);
	});

	it('without SESSION_SECRET, creates DATA_DIR/secret.key once with mode 0600 and keeps using it', () => {
		const dir = tempDir();
		fresh({ DATA_DIR: dir });
		const sealed = seal('kept', 'totp');
		const file = path.join(dir, 'secret.key');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const content = readFileSync(file, 'utf8');
		expect(Buffer.from(content.trim(), 'base64')).toHaveLength(32);
		// A restart reads the same key.
		fresh({ DATA_DIR: dir });
		expect(unseal(sealed, 'totp')).toBe('kept');
		expect(readFileSync(file, 'utf8')).toBe(content);
		expect(masterKey()).toHaveLength(32);
		// Another data directory means another key.
		fresh({ DATA_DIR: tempDir() });
		expect(() => unseal(sealed, 'totp')).toThrow();
	});
});
