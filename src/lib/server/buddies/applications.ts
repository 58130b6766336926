/**
 * Applications to a buddy programme (issue 6, decision 020): a newcomer or a
 * resident applies with languages, interests, an age band, an optional
 * self-described gender, the gender they would like their buddy to be, a
 * neighbourhood, a weekly availability and a note. Never a residence status.
 *
 * - The side defaults to the account's own kind (which the person chose).
 * - One application per person and programme: applying twice is refused
 *   (a withdrawn application is taken up again by applying anew).
 * - Withdrawing drops one's open proposals; it is refused while in an active
 *   pair (end the pair first, with feedback).
 * - Only a resident may take two newcomers (capacity 2).
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { buddyApplications, buddyPairs, buddyProgrammes, neighbourhoods, users, type AgeBand, type BuddyGender, type BuddyGenderPreference, type BuddySide } from '../db/schema/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { applicationNotFound, audit, me, orgResource, programmeHead, programmeNotFound, requirePolicy } from './common.ts';
import type { ApplicationInput } from './schemas.ts';

async function knownNeighbourhood(ctx: Ctx, id: string | null) {
	if (!id) return;
	const [n] = await ctx.db.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id));
	if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
}

function values(input: ApplicationInput, side: BuddySide) {
	return {
		languages: input.languages,
		interests: input.interests,
		ageBand: input.ageBand,
		gender: input.gender,
		preferredGender: input.preferredGender,
		neighbourhoodId: input.neighbourhoodId,
		availability: input.availability,
		// Only a resident offers to take two newcomers.
		capacity: side === 'resident' ? input.capacity : 1,
		note: input.note
	};
}

/** Applies to an open programme; the side defaults to the account's kind. */
export async function apply(ctx: Ctx, programmeId: string, input: ApplicationInput): Promise<{ id: string }> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_application', id: null });
	const userId = me(ctx);
	const p = await programmeHead(ctx.db, programmeId);
	if (p.status !== 'open') throw programmeNotFound();
	await knownNeighbourhood(ctx, input.neighbourhoodId);
	const [account] = await ctx.db.select({ kind: users.kind }).from(users).where(eq(users.id, userId));
	const side: BuddySide = input.side ?? account?.kind ?? 'resident';
	return ctx.db.transaction(async (tx) => {
		const [existing] = await tx
			.select({ id: buddyApplications.id, status: buddyApplications.status })
			.from(buddyApplications)
			.where(and(eq(buddyApplications.programmeId, p.id), eq(buddyApplications.userId, userId)))
			.for('update');
		if (existing && existing.status === 'active') throw new Refusal(409, 'buddies_already_applied');
		let id: string;
		if (existing) {
			await tx
				.update(buddyApplications)
				.set({ ...values(input, side), side, status: 'active', updatedAt: new Date() })
				.where(eq(buddyApplications.id, existing.id));
			id = existing.id;
		} else {
			const [row] = await tx
				.insert(buddyApplications)
				.values({ programmeId: p.id, userId, side, ...values(input, side) })
				.onConflictDoNothing()
				.returning({ id: buddyApplications.id });
			if (!row) throw new Refusal(409, 'buddies_already_applied');
			id = row.id;
		}
		await audit(ctx, tx, 'buddies.apply', 'buddy_application', id, 'done', { programmeId: p.id, side });
		return { id };
	});
}

/** One's own application, or the 404 (someone else's looks the same as a forged id). */
async function ownApplication(ctx: Ctx, applicationId: string) {
	if (!isUuid(applicationId)) throw applicationNotFound();
	const [a] = await ctx.db
		.select({ id: buddyApplications.id, userId: buddyApplications.userId, side: buddyApplications.side, status: buddyApplications.status, programmeId: buddyApplications.programmeId })
		.from(buddyApplications)
		.where(eq(buddyApplications.id, applicationId));
	if (!a || a.userId !== me(ctx)) throw applicationNotFound();
	return a;
}

/** Edits one's own active application; its open proposals are dropped (the next run uses the new answers). */
export async function editApplication(ctx: Ctx, applicationId: string, input: ApplicationInput): Promise<void> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_application', id: null });
	const a = await ownApplication(ctx, applicationId);
	if (a.status !== 'active') throw new Refusal(409, 'buddies_application_withdrawn');
	await knownNeighbourhood(ctx, input.neighbourhoodId);
	await ctx.db.transaction(async (tx) => {
		await tx.update(buddyApplications).set({ ...values(input, a.side), updatedAt: new Date() }).where(eq(buddyApplications.id, a.id));
		await tx.delete(buddyPairs).where(and(eq(buddyPairs.status, 'proposed'), or(eq(buddyPairs.newcomerApplicationId, a.id), eq(buddyPairs.residentApplicationId, a.id))));
		await audit(ctx, tx, 'buddies.application.edit', 'buddy_application', a.id);
	});
}

/** Withdraws one's own application; refused while in an active pair. */
export async function withdraw(ctx: Ctx, applicationId: string): Promise<void> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_application', id: null });
	const a = await ownApplication(ctx, applicationId);
	if (a.status === 'withdrawn') throw new Refusal(409, 'buddies_application_withdrawn');
	await ctx.db.transaction(async (tx) => {
		const mine = or(eq(buddyPairs.newcomerApplicationId, a.id), eq(buddyPairs.residentApplicationId, a.id));
		const [active] = await tx.select({ id: buddyPairs.id }).from(buddyPairs).where(and(eq(buddyPairs.status, 'active'), mine));
		if (active) throw new Refusal(409, 'buddies_withdraw_paired');
		await tx.delete(buddyPairs).where(and(eq(buddyPairs.status, 'proposed'), mine));
		await tx.update(buddyApplications).set({ status: 'withdrawn', updatedAt: new Date() }).where(eq(buddyApplications.id, a.id));
		await audit(ctx, tx, 'buddies.withdraw', 'buddy_application', a.id);
	});
}

export interface MyApplication {
	id: string;
	programmeId: string;
	programmeName: string;
	side: BuddySide;
	status: 'active' | 'withdrawn';
	languages: string[];
	interests: string[];
	ageBand: AgeBand | null;
	gender: BuddyGender | null;
	preferredGender: BuddyGenderPreference;
	neighbourhoodId: string | null;
	availability: number;
	capacity: number;
	note: string;
}

/** One's own applications. */
export async function myApplications(ctx: Ctx): Promise<MyApplication[]> {
	await requirePolicy(ctx, 'buddies.self', { type: 'platform' }, { type: 'buddy_application', id: null });
	return ctx.db
		.select({
			id: buddyApplications.id,
			programmeId: buddyApplications.programmeId,
			programmeName: buddyProgrammes.name,
			side: buddyApplications.side,
			status: buddyApplications.status,
			languages: buddyApplications.languages,
			interests: buddyApplications.interests,
			ageBand: buddyApplications.ageBand,
			gender: buddyApplications.gender,
			preferredGender: buddyApplications.preferredGender,
			neighbourhoodId: buddyApplications.neighbourhoodId,
			availability: buddyApplications.availability,
			capacity: buddyApplications.capacity,
			note: buddyApplications.note
		})
		.from(buddyApplications)
		.innerJoin(buddyProgrammes, eq(buddyProgrammes.id, buddyApplications.programmeId))
		.where(eq(buddyApplications.userId, me(ctx)))
		.orderBy(asc(buddyProgrammes.name));
}

export interface Applicant {
	id: string;
	userId: string;
	name: string;
	side: BuddySide;
	status: 'active' | 'withdrawn';
	languages: string[];
	interests: string[];
	ageBand: AgeBand | null;
	gender: BuddyGender | null;
	preferredGender: BuddyGenderPreference;
	neighbourhood: string | null;
	availability: number;
	capacity: number;
	note: string;
	/** Proposed or active pairs. */
	livePairs: number;
}

/** A programme's applicants (personal data: buddies.manage with the second factor; audited). */
export async function programmeApplicants(ctx: Ctx, organisationId: string, programmeId: string): Promise<Applicant[]> {
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_programme', id: isUuid(programmeId) ? programmeId : null });
	const p = await programmeHead(ctx.db, programmeId);
	if (p.organisationId !== organisationId) throw programmeNotFound();
	const rows = await ctx.db
		.select({
			id: buddyApplications.id,
			userId: buddyApplications.userId,
			name: users.displayName,
			side: buddyApplications.side,
			status: buddyApplications.status,
			languages: buddyApplications.languages,
			interests: buddyApplications.interests,
			ageBand: buddyApplications.ageBand,
			gender: buddyApplications.gender,
			preferredGender: buddyApplications.preferredGender,
			neighbourhood: neighbourhoods.name,
			availability: buddyApplications.availability,
			capacity: buddyApplications.capacity,
			note: buddyApplications.note
		})
		.from(buddyApplications)
		.innerJoin(users, eq(users.id, buddyApplications.userId))
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, buddyApplications.neighbourhoodId))
		.where(eq(buddyApplications.programmeId, p.id))
		.orderBy(asc(buddyApplications.side), asc(users.displayName), asc(buddyApplications.id));
	const live = rows.length
		? await ctx.db
				.select({ n: buddyPairs.newcomerApplicationId, r: buddyPairs.residentApplicationId })
				.from(buddyPairs)
				.where(and(eq(buddyPairs.programmeId, p.id), inArray(buddyPairs.status, ['proposed', 'active'])))
		: [];
	const count = new Map<string, number>();
	for (const l of live) for (const id of [l.n, l.r]) count.set(id, (count.get(id) ?? 0) + 1);
	await audit(ctx, ctx.db, 'buddies.applicants.view', 'buddy_programme', p.id, 'done', { applicants: rows.length });
	return rows.map((r) => ({ ...r, livePairs: count.get(r.id) ?? 0 }));
}
