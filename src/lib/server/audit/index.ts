/**
 * Append-only, hash-chained audit log.
 *
 * Each entry's hash covers its own fields and the previous entry's hash, so
 * editing or deleting any row breaks the chain from that row on. A database
 * trigger refuses UPDATE and DELETE; `npm run audit:verify` catches what
 * someone with superuser access might still do.
 *
 * Never record passwords, tokens, codes or message bodies: `details` takes
 * only short scalar values, and keys that look secret are refused.
 */
import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	resourceType: string;
	resourceId?: string | null;
	outcome: 'allowed' | 'denied' | 'done';
	ip?: string | null;
	requestId?: string | null;
	details?: Record<string, string | number | boolean | null>;
}

export const GENESIS = '0'.repeat(64);
const SECRET_KEY = /pass|token|secret|code|otp|body|message|cookie/i;
/** Any constant: every writer takes the same transaction-level lock. */
const CHAIN_LOCK = 42_4242;

export function hashEntry(prevHash: string, e: {
	at: string;
	actorId: string | null;
	action: string;
	resourceType: string;
	resourceId: string | null;
	outcome: string;
	ip: string | null;
	requestId: string | null;
	details: unknown;
}): string {
	const canonical = JSON.stringify([
		prevHash,
		e.at,
		e.actorId,
		e.action,
		e.resourceType,
		e.resourceId,
		e.outcome,
		e.ip,
		e.requestId,
		canonicalDetails(e.details)
	]);
	return createHash('sha256').update(canonical).digest('hex');
}

function canonicalDetails(d: unknown): unknown {
	if (!d || typeof d !== 'object') return null;
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(d).sort()) out[k] = (d as Record<string, unknown>)[k];
	return out;
}

function cleanDetails(details: AuditEntry['details']): AuditEntry['details'] | null {
	if (!details) return null;
	const out: Record<string, string | number | boolean | null> = {};
	for (const [k, v] of Object.entries(details)) {
		if (SECRET_KEY.test(k)) throw new Error(`audit: refusing to record "${k}"`);
		out[k] = typeof v === 'string' ? v.slice(0, 200) : v;
	}
	return out;
}

/**
 * Appends one entry. Pass the transaction that makes the change, so the
 * change and its record commit together.
 */
export async function record(tx: Tx, entry: AuditEntry): Promise<void> {
	const details = cleanDetails(entry.details);
	const write = async (t: Tx) => {
		await t.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
		const [last] = await t
			.select({ hash: auditLog.hash, at: auditLog.at })
			.from(auditLog)
			.orderBy(desc(auditLog.seq))
			.limit(1);
		const prevHash = last?.hash ?? GENESIS;
		// Timestamps never go backwards along the chain, even across processes.
		let at = new Date();
		if (last && new Date(last.at) > at) at = new Date(last.at);
		const row = {
			at: at.toISOString(),
			actorId: entry.actorId,
			action: entry.action,
			resourceType: entry.resourceType,
			resourceId: entry.resourceId ?? null,
			outcome: entry.outcome,
			ip: entry.ip ?? null,
			requestId: entry.requestId ?? null,
			details
		};
		await t.insert(auditLog).values({ ...row, prevHash, hash: hashEntry(prevHash, row) });
	};
	// Inside a caller's transaction this is a savepoint; the lock lasts until its commit.
	await (tx as Db).transaction(write);
}

export interface VerifyResult {
	ok: boolean;
	checked: number;
	/** The first row whose hash or link does not match, or where a row is missing. */
	brokenAt?: number;
	reason?: string;
}

/** Recomputes the whole chain, in pages, and reports the first break. */
export async function verifyChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
	let prevHash = GENESIS;
	let prevSeq = 0;
	let checked = 0;
	for (;;) {
		const rows = await db
			.select()
			.from(auditLog)
			.where(sql`${auditLog.seq} > ${prevSeq}`)
			.orderBy(asc(auditLog.seq))
			.limit(pageSize);
		if (rows.length === 0) break;
		for (const r of rows) {
			if (r.prevHash !== prevHash) {
				return { ok: false, checked, brokenAt: r.seq, reason: 'link to the previous entry is broken (a row was deleted or edited)' };
			}
			const at = new Date(r.at).toISOString();
			const expected = hashEntry(prevHash, { ...r, at });
			if (expected !== r.hash) {
				return { ok: false, checked, brokenAt: r.seq, reason: 'entry was edited after it was written' };
			}
			prevHash = r.hash;
			prevSeq = r.seq;
			checked++;
		}
	}
	return { ok: true, checked };
}
