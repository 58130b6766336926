/**
 * A checked upload waiting for confirmation: a JSON file under
 * DATA_DIR/imports, named by the hash of a random token that only the page
 * of the person who uploaded it knows. It is bound to that person and that
 * organisation and expires after an hour. Taking it renames it first, so a
 * replayed confirmation finds nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { config } from '../../config.ts';
import type { Counts, Plan } from './validate.ts';

export const PREVIEW_TTL_MS = 60 * 60 * 1000;

interface Stored {
	userId: string;
	organisationId: string;
	expiresAt: number;
	fileName: string;
	counts: Counts;
	plan: Plan;
}

function dir(): string {
	return path.resolve(config().DATA_DIR, 'imports');
}
function fileFor(token: string): string {
	return path.join(dir(), `${createHash('sha256').update(token).digest('hex')}.json`);
}

export async function savePreview(entry: Omit<Stored, 'expiresAt'>): Promise<string> {
	await mkdir(dir(), { recursive: true, mode: 0o700 });
	await purgeExpired();
	const token = randomBytes(32).toString('base64url');
	await writeFile(fileFor(token), JSON.stringify({ ...entry, expiresAt: Date.now() + PREVIEW_TTL_MS }), { mode: 0o600 });
	return token;
}

/**
 * The stored preview for this person and organisation, removed so it can be
 * used once; null when it does not exist, was used, expired or is someone
 * else's (then it is left alone for its owner).
 */
export async function takePreview(token: string, userId: string, organisationId: string): Promise<Stored | null> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const file = fileFor(token);
	let stored: Stored;
	try {
		stored = JSON.parse(await readFile(file, 'utf8')) as Stored;
	} catch {
		return null;
	}
	if (stored.userId !== userId || stored.organisationId !== organisationId) return null;
	const taken = `${file}.${randomBytes(6).toString('hex')}.taken`;
	try {
		await rename(file, taken);
	} catch {
		return null; // someone else took it a moment ago
	}
	await unlink(taken).catch(() => {});
	if (stored.expiresAt < Date.now()) return null;
	return stored;
}

async function purgeExpired(): Promise<void> {
	const names = await readdir(dir()).catch(() => [] as string[]);
	const now = Date.now();
	for (const n of names) {
		const p = path.join(dir(), n);
		const s = await stat(p).catch(() => null);
		if (s && now - s.mtimeMs > PREVIEW_TTL_MS) await unlink(p).catch(() => {});
	}
}
