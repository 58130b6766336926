/**
 * Erasure on request, and the retention rule (docs/decisions/016, "Erasure
 * and retention").
 *
 * - Anonymise: the folder closes for everyone (people.erased_at) and what
 *   identifies the person is wiped: names, birth date and year, languages,
 *   contact, the texts of notes, plan, tasks, visits and reasons, the
 *   documents and the protected fields. Rows stay, without identity, so
 *   anonymous statistics keep their counts (a `statistics` consent still
 *   counts the person, now nameless).
 * - Delete: the person and everything about them go, counts too. Records
 *   are kept for CONVIVE_RETENTION_YEARS after the folder's last activity
 *   (the newest write in any of its tables), so deletion is refused before
 *   then; anonymising is always possible.
 * - `anonymiseExpired`, run by the housekeeping, anonymises folders that are
 *   closed (no active `coordination` or `share` consent: nobody can open
 *   them) and whose last activity is older than the retention.
 *
 * Every erasure is audited in the same transaction; the audit log keeps the
 * person's id (a random uuid), never their name.
 */
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
import {
	assessments,
	breakGlass,
	caseTransfers,
	consents,
	documents,
	guardianships,
	guardianVisits,
	notes,
	people,
	personProtected,
	planActions,
	planGoals,
	referralEvents,
	referrals,
	tasks,
	transitionPlans
} from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { config } from '../config.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit, withFolder } from './folders.ts';

/** The newest write in any of the folder's tables (the person's own creation at least). */
export const lastActivitySql: SQL = sql`greatest(${people.createdAt},
	(select max(greatest(c.recorded_at, c.withdrawn_at)) from consents c where c.person_id = ${people.id}),
	(select max(greatest(t.added_at, t.removed_at)) from case_team t where t.person_id = ${people.id}),
	(select max(w.added_at) from case_workers w where w.person_id = ${people.id}),
	(select max(a.taken_at) from assessments a where a.person_id = ${people.id}),
	(select max(g.updated_at) from plan_goals g where g.person_id = ${people.id}),
	(select max(greatest(pa.created_at, pa.done_at)) from plan_actions pa where pa.person_id = ${people.id}),
	(select max(n.created_at) from notes n where n.person_id = ${people.id}),
	(select max(greatest(k.created_at, k.done_at)) from tasks k where k.person_id = ${people.id}),
	(select max(d.created_at) from documents d where d.person_id = ${people.id}),
	(select max(pp.updated_at) from person_protected pp where pp.person_id = ${people.id}),
	(select max(r.updated_at) from referrals r where r.person_id = ${people.id}),
	(select max(e.at) from referral_events e join referrals r2 on r2.id = e.referral_id where r2.person_id = ${people.id}),
	(select max(x.transferred_at) from case_transfers x where x.person_id = ${people.id}),
	(select max(greatest(s.started_at, s.ended_at)) from guardianships s where s.child_id = ${people.id}),
	(select max(v.recorded_at) from guardian_visits v join guardianships s2 on s2.id = v.guardianship_id where s2.child_id = ${people.id}),
	(select max(tp.recorded_at) from transition_plans tp where tp.child_id = ${people.id}))`;

const toDate = (v: unknown) => new Date(v as string | Date);

export async function lastActivity(db: Tx, personId: string): Promise<Date> {
	const [row] = await db.select({ at: sql<string>`${lastActivitySql}` }).from(people).where(eq(people.id, personId));
	return toDate(row.at);
}

/** When the records of a folder last active at `at` may be deleted. */
export function deletableFrom(at: Date, years = config().CONVIVE_RETENTION_YEARS): Date {
	const d = new Date(at);
	d.setUTCFullYear(d.getUTCFullYear() + years);
	return d;
}

/** Wipes what identifies the person and closes the folder; keeps rows (and so counts). */
export async function anonymise(tx: Tx, personId: string, now = new Date()): Promise<void> {
	await tx
		.update(people)
		.set({ preferredName: '', birthYear: null, birthDate: null, languages: [], contact: null, erasedAt: now, version: sql`${people.version} + 1` })
		.where(eq(people.id, personId));
	await tx.update(notes).set({ body: '' }).where(eq(notes.personId, personId));
	await tx.update(planGoals).set({ text: '', ownWords: null }).where(eq(planGoals.personId, personId));
	await tx.update(planActions).set({ text: '' }).where(eq(planActions.personId, personId));
	await tx.update(tasks).set({ title: '' }).where(eq(tasks.personId, personId));
	await tx.update(assessments).set({ comment: null }).where(eq(assessments.personId, personId));
	await tx.delete(documents).where(eq(documents.personId, personId));
	await tx.delete(personProtected).where(eq(personProtected.personId, personId));
	await tx.update(consents).set({ withdrawalReason: '' }).where(and(eq(consents.personId, personId), isNotNull(consents.withdrawalReason)));
	await tx.update(breakGlass).set({ reason: '' }).where(eq(breakGlass.personId, personId));
	await tx.update(caseTransfers).set({ reason: null }).where(eq(caseTransfers.personId, personId));
	const refs = tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.personId, personId));
	await tx.update(referralEvents).set({ reason: null }).where(inArray(referralEvents.referralId, refs));
	await tx.update(referrals).set({ message: '' }).where(eq(referrals.personId, personId));
	const ships = tx.select({ id: guardianships.id }).from(guardianships).where(eq(guardianships.childId, personId));
	await tx.update(guardianVisits).set({ summary: '' }).where(inArray(guardianVisits.guardianshipId, ships));
	await tx.update(guardianships).set({ endedReason: null }).where(eq(guardianships.childId, personId));
	await tx.update(transitionPlans).set({ summary: '' }).where(eq(transitionPlans.childId, personId));
}

export interface ErasePage {
	person: { id: string; preferredName: string };
	lastActivity: Date;
	deletableFrom: Date;
	retentionYears: number;
	canDelete: boolean;
}

/** What the erase page shows (the retention rule for this folder); audited as a read. */
export async function erasePage(ctx: Ctx, personId: string, now = new Date()): Promise<ErasePage> {
	return withFolder(ctx, 'folder.erase', personId, 'share', async (tx) => {
		const [p] = await tx.select({ id: people.id, preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
		const last = await lastActivity(tx, personId);
		const from = deletableFrom(last);
		await audit(ctx, tx, 'support.folder.erase_viewed', personId);
		return { person: p, lastActivity: last, deletableFrom: from, retentionYears: config().CONVIVE_RETENTION_YEARS, canDelete: from <= now };
	});
}

export interface EraseInput {
	mode: 'anonymise' | 'delete';
	/** The person's preferred name, typed again. */
	confirm: string;
	/** How and when the person asked. */
	reason: string;
}

const same = (a: string, b: string) => a.normalize('NFC').trim().toLocaleLowerCase() === b.normalize('NFC').trim().toLocaleLowerCase();

/** Erases on request (`folder.erase`): anonymise, or delete once the retention has passed. Audited. */
export async function eraseFolder(ctx: Ctx, personId: string, input: EraseInput, now = new Date()): Promise<void> {
	await withFolder(ctx, 'folder.erase', personId, 'update', async (tx) => {
		const [p] = await tx.select({ preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
		if (!same(p.preferredName, input.confirm)) throw new Refusal(400, 'privacy_erase_confirm_mismatch', 'confirm');
		const details = { mode: input.mode, request: input.reason };
		if (input.mode === 'delete') {
			if (deletableFrom(await lastActivity(tx, personId)) > now) throw new Refusal(409, 'privacy_erase_retention', 'mode');
			await audit(ctx, tx, 'support.folder.deleted', personId, 'done', details);
			await tx.delete(people).where(eq(people.id, personId));
			return;
		}
		await anonymise(tx, personId, now);
		await audit(ctx, tx, 'support.folder.anonymised', personId, 'done', details);
	});
}

/**
 * Anonymises every closed folder (no active `coordination` or `share`
 * consent) whose last activity is older than the retention; each in its own
 * transaction under the person's row lock, audited as done by the platform.
 * Returns how many it anonymised.
 */
export async function anonymiseExpired(db: Db, now = new Date()): Promise<number> {
	const years = config().CONVIVE_RETENTION_YEARS;
	const cutoff = new Date(now);
	cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
	const closed = sql`not exists (select 1 from consents c where c.person_id = ${people.id} and c.withdrawn_at is null and c.purpose in ('coordination', 'share'))`;
	const due = await db
		.select({ id: people.id })
		.from(people)
		.where(and(isNull(people.erasedAt), closed, sql`${lastActivitySql} < ${cutoff.toISOString()}::timestamptz`));
	let done = 0;
	for (const { id } of due) {
		const did = await db.transaction(async (tx) => {
			const [still] = await tx
				.select({ id: people.id })
				.from(people)
				.where(and(eq(people.id, id), isNull(people.erasedAt), closed, sql`${lastActivitySql} < ${cutoff.toISOString()}::timestamptz`))
				.for('update');
			if (!still) return false;
			await anonymise(tx, id, now);
			await record(tx, { actorId: null, action: 'support.folder.anonymised', resourceType: 'folder', resourceId: id, outcome: 'done', details: { automatic: true, retentionYears: years } });
			return true;
		});
		if (did) done++;
	}
	return done;
}
