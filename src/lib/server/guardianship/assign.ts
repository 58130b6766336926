/**
 * Giving a child a guardian, and ending it (issue 4, decision 016 "At most
 * three children per guardian, enforced by the database").
 *
 * An assignment is ONE insert whose slot (1–3) is the lowest one this
 * guardian has free, computed inside the same statement. The database keeps
 * the rest:
 *   - two assignments at the same moment that compute the same slot collide
 *     on the unique index (guardian, slot) where not ended; the loser
 *     computes again once (the winner's row is visible to it by then);
 *   - with no slot free the statement asks for slot 4 and fails the check
 *     `slot between 1 and 3`: "this guardian already has 3 children";
 *   - a child has one active guardianship (unique index on child where not
 *     ended).
 * No lock and no count in application code: a fourth active assignment
 * cannot exist, whatever runs at the same time, on PGlite or PostgreSQL.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { guardians, guardianships, people } from '../db/schema/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { cityToday, isMinorOn } from './age.ts';
import { audit, actorId, guardianNotFound, requireOffice, vettingRows, vettingState } from './guardians.ts';

/** The PostgreSQL error under a driver's or Drizzle's wrapping, if there is one. */
export function pgError(err: unknown): { code: string; constraint: string | null } | null {
	for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
			const c = (e as { constraint?: unknown }).constraint;
			let constraint = typeof c === 'string' ? c : null;
			// PGlite may leave `constraint` out; the message names it.
			constraint ??= /constraint "([^"]+)"/.exec(String((e as { message?: unknown }).message ?? ''))?.[1] ?? null;
			return { code, constraint };
		}
	}
	return null;
}

const SLOT_TAKEN = 'guardianships_guardian_slot_key';
const CHILD_TAKEN = 'guardianships_child_key';
const NO_SLOT = 'guardianships_slot_range';

/** Why an assignment was refused, as the office reads it. */
export const guardianFull = () => new Refusal(409, 'guardianship_guardian_full', 'childId');

/**
 * Assigns `childId` (an unaccompanied person under 18) to the guardian
 * (active, vetting complete and unexpired). Returns the slot it took.
 */
export async function assignGuardian(ctx: Ctx, guardianId: string, childId: string): Promise<{ guardianshipId: string; slot: number }> {
	await requireOffice(ctx, { type: 'guardian', id: isUuid(guardianId) ? guardianId : null });
	if (!isUuid(guardianId)) throw guardianNotFound();
	if (!isUuid(childId)) throw new Refusal(400, 'guardianship_not_a_child', 'childId');
	const today = cityToday();

	const attempt = () =>
		ctx.db.transaction(async (tx) => {
			// A share lock: many assignments to one guardian may run at once (the
			// index decides between them), but not beside a status change.
			const [g] = await tx.select({ status: guardians.status }).from(guardians).where(eq(guardians.id, guardianId)).for('share');
			if (!g) throw guardianNotFound();
			if (g.status !== 'active') throw new Refusal(409, 'guardianship_guardian_not_active', 'childId');
			const vetting = vettingState(await vettingRows(tx, guardianId), today);
			if (!vetting.valid) throw new Refusal(409, vetting.complete ? 'guardianship_vetting_expired' : 'guardianship_vetting_incomplete', 'childId');

			const [child] = await tx
				.select({ birthDate: people.birthDate, unaccompanied: people.unaccompanied })
				.from(people)
				.where(and(eq(people.id, childId), isNull(people.erasedAt)));
			if (!child || !child.unaccompanied || !child.birthDate || !isMinorOn(child.birthDate, today)) {
				throw new Refusal(400, 'guardianship_not_a_child', 'childId');
			}

			// The one statement: the lowest free slot, or 4 (refused by the check) when none is free.
			const [row] = await tx
				.insert(guardianships)
				.values({
					guardianId,
					childId,
					assignedBy: actorId(ctx),
					slot: sql`(select coalesce(min(s.n), 4) from generate_series(1, 3) as s(n)
						where not exists (select 1 from guardianships g where g.guardian_id = ${guardianId} and g.ended_at is null and g.slot = s.n))::smallint`
				})
				.returning({ id: guardianships.id, slot: guardianships.slot });
			// Audited after the insert: the audit chain's lock is taken last, so
			// waiting on another assignment's slot never waits on the chain too.
			await audit(ctx, tx, 'guardianship.assigned', 'guardianship', childId, 'done', { guardianId, slot: row.slot });
			return { guardianshipId: row.id, slot: row.slot };
		});

	for (let tries = 0; ; tries++) {
		try {
			return await attempt();
		} catch (err) {
			const pg = pgError(err);
			if (!pg) throw err;
			if (pg.code === '23505' && pg.constraint === SLOT_TAKEN) {
				// Someone took the same slot at the same moment: compute it again, once.
				if (tries === 0) continue;
				throw new Refusal(409, 'guardianship_assign_busy', 'childId');
			}
			if (pg.code === '23505' && pg.constraint === CHILD_TAKEN) throw new Refusal(409, 'guardianship_child_has_guardian', 'childId');
			if (pg.code === '23514' && pg.constraint === NO_SLOT) throw guardianFull();
			throw err;
		}
	}
}

/** Ends one of this guardian's active guardianships, with a reason; the slot is free again. */
export async function endGuardianship(ctx: Ctx, guardianId: string, input: { guardianshipId: string; reason: string }): Promise<void> {
	await requireOffice(ctx, { type: 'guardian', id: isUuid(guardianId) ? guardianId : null });
	if (!isUuid(guardianId)) throw guardianNotFound();
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(guardianships)
			.set({ endedAt: new Date(), endedReason: input.reason })
			.where(and(eq(guardianships.id, input.guardianshipId), eq(guardianships.guardianId, guardianId), isNull(guardianships.endedAt)))
			.returning({ childId: guardianships.childId });
		if (!row) throw new Refusal(409, 'guardianship_not_found', 'guardianshipId');
		await audit(ctx, tx, 'guardianship.ended', 'guardianship', row.childId, 'done', { guardianId, guardianshipId: input.guardianshipId });
	});
}
