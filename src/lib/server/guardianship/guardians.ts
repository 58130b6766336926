/**
 * Volunteer guardians of unaccompanied children (issue 4,
 * docs/decisions/016-support-folder.md): registration, vetting and status.
 *
 * A signed-in person offers to become a guardian (`guardian.register`); the
 * guardianship office (`guardianship.manage`, a platform role that needs the
 * second factor) checks their identity, their criminal-record certificate
 * (which expires) and their training, and makes them active. Only an active
 * guardian whose certificate is still valid can be given a child (assign.ts).
 *
 * Every read and write is audited; a refusal is audited as `denied`.
 */
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
export { actorId };
import type { Tx } from '../db/index.ts';
import { guardians, guardianships, guardianVetting, neighbourhoods, people, users, vettingSteps } from '../db/schema/index.ts';
import type { GuardianStatus, VettingStep } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { can, PolicyDenied, type Action, type Resource } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { addDays, cityToday, type Ymd } from './age.ts';
import type { RegisterByOfficeInput, RegisterSelfInput, VettingInput } from './schemas.ts';

/** Days before a criminal-record certificate expires when the office is warned. */
export const EXPIRY_WARNING_DAYS = 60;

/** A guardian's current wards (guardianships not ended), as a column of a select on `guardians`. */
export const currentWards = () => sql<number>`(select count(*) from ${guardianships} g where g.guardian_id = ${guardians.id} and g.ended_at is null)`.mapWith(Number);

export const guardianNotFound = () => new Refusal(404, 'guardianship_guardian_not_found');

/** One audit entry; `resourceType` is `guardian` (a guardian's record) or `guardianship` (a child's). */
export async function audit(
	ctx: Ctx,
	tx: Tx,
	action: string,
	resourceType: 'guardian' | 'guardianship',
	resourceId: string | null,
	outcome: 'done' | 'denied' = 'done',
	details: Record<string, string | number | boolean | null> = {}
) {
	await record(tx, { actorId: actorId(ctx), action, resourceType, resourceId, outcome, ip: ctx.ip, requestId: ctx.requestId, details });
}

/**
 * Asks the policy; a refusal is audited and thrown as PolicyDenied (the route
 * sends the person to sign in, to the second factor, or to a 403 page).
 */
export async function requirePolicy(ctx: Ctx, action: Action, resource: Resource = { type: 'platform' }, auditAs?: { type: 'guardian' | 'guardianship'; id: string | null }) {
	const d = can(ctx.actor, action, resource);
	if (d === 'allowed') return;
	if (d === 'denied') await audit(ctx, ctx.db, action, auditAs?.type ?? 'guardianship', auditAs?.id ?? null, 'denied');
	throw new PolicyDenied(d, action);
}

/** The office's gate: `guardianship.manage`. */
export const requireOffice = (ctx: Ctx, auditAs?: { type: 'guardian' | 'guardianship'; id: string | null }) =>
	requirePolicy(ctx, 'guardianship.manage', { type: 'platform' }, auditAs);

export interface VettingRow {
	step: VettingStep;
	verifiedAt: Date;
	verifiedByName: string | null;
	expiresOn: Ymd | null;
	reference: string | null;
}

export interface VettingState {
	/** Every step is recorded. */
	complete: boolean;
	missing: VettingStep[];
	/** The criminal-record certificate's expiry, if recorded. */
	expiresOn: Ymd | null;
	/** The certificate's expiry date has passed (it is valid through that day). */
	expired: boolean;
	/** It expires within EXPIRY_WARNING_DAYS (and has not yet). */
	expiringSoon: boolean;
	/** Complete and not expired: the guardian may be active and be given children. */
	valid: boolean;
}

export function vettingState(rows: readonly { step: VettingStep; expiresOn: Ymd | null }[], today: Ymd): VettingState {
	const have = new Set(rows.map((r) => r.step));
	const missing = vettingSteps.filter((s) => !have.has(s));
	const expiresOn = rows.find((r) => r.step === 'criminal_record')?.expiresOn ?? null;
	const expired = expiresOn !== null && expiresOn < today;
	const expiringSoon = expiresOn !== null && !expired && expiresOn <= addDays(today, EXPIRY_WARNING_DAYS);
	const complete = missing.length === 0;
	return { complete, missing, expiresOn, expired, expiringSoon, valid: complete && expiresOn !== null && !expired };
}

export async function vettingRows(db: Tx, guardianId: string): Promise<VettingRow[]> {
	const rows = await db
		.select({
			step: guardianVetting.step,
			verifiedAt: guardianVetting.verifiedAt,
			verifiedByName: users.displayName,
			expiresOn: guardianVetting.expiresOn,
			reference: guardianVetting.reference
		})
		.from(guardianVetting)
		.leftJoin(users, eq(users.id, guardianVetting.verifiedBy))
		.where(eq(guardianVetting.guardianId, guardianId));
	return vettingSteps.flatMap((s) => rows.filter((r) => r.step === s));
}

export interface OwnGuardian {
	id: string;
	status: GuardianStatus;
	languages: string[];
	registeredAt: Date;
	vetting: VettingState;
}

/** The actor's own guardian record, or null when they have not offered to be one. */
export async function myGuardian(ctx: Ctx): Promise<OwnGuardian | null> {
	const userId = actorId(ctx);
	if (!userId) return null;
	const [g] = await ctx.db
		.select({ id: guardians.id, status: guardians.status, languages: guardians.languages, registeredAt: guardians.registeredAt })
		.from(guardians)
		.where(eq(guardians.userId, userId));
	if (!g) return null;
	return { ...g, vetting: vettingState(await vettingRows(ctx.db, g.id), cityToday()) };
}

async function checkNeighbourhood(tx: Tx, id: string | null) {
	if (!id) return;
	const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id));
	if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
}

async function insertGuardian(ctx: Ctx, userId: string, input: { languages: string[]; neighbourhoodId: string | null }, how: 'self' | 'office', field: string) {
	return ctx.db.transaction(async (tx) => {
		await checkNeighbourhood(tx, input.neighbourhoodId);
		const [row] = await tx
			.insert(guardians)
			.values({ userId, languages: input.languages, neighbourhoodId: input.neighbourhoodId })
			.onConflictDoNothing()
			.returning({ id: guardians.id });
		if (!row) throw new Refusal(409, 'guardianship_already_registered', field);
		await audit(ctx, tx, 'guardianship.guardian.registered', 'guardian', row.id, 'done', { how });
		return { guardianId: row.id };
	});
}

/** The actor offers to become a volunteer guardian: status `applicant` until the office has vetted them. */
export async function registerSelf(ctx: Ctx, input: RegisterSelfInput): Promise<{ guardianId: string }> {
	await requirePolicy(ctx, 'guardian.register', { type: 'platform' }, { type: 'guardian', id: null });
	return insertGuardian(ctx, actorId(ctx)!, input, 'self', 'agree');
}

/** The office registers a person who has an account (found by e-mail address) as an applicant. */
export async function registerByOffice(ctx: Ctx, input: RegisterByOfficeInput): Promise<{ guardianId: string }> {
	await requireOffice(ctx, { type: 'guardian', id: null });
	const [user] = await ctx.db
		.select({ id: users.id })
		.from(users)
		.where(and(sql`lower(${users.email}) = ${input.email}`, isNull(users.disabledAt)));
	if (!user) throw new Refusal(400, 'guardianship_user_unknown', 'email');
	return insertGuardian(ctx, user.id, input, 'office', 'email');
}

export interface GuardianListItem {
	id: string;
	name: string;
	email: string | null;
	status: GuardianStatus;
	registeredAt: Date;
	children: number;
	vetting: VettingState;
}

/** Every guardian, for the office: status, children, and the state of the vetting. */
export async function listGuardians(ctx: Ctx): Promise<GuardianListItem[]> {
	await requireOffice(ctx);
	const rows = await ctx.db
		.select({
			id: guardians.id,
			name: users.displayName,
			email: users.email,
			status: guardians.status,
			registeredAt: guardians.registeredAt,
			children: currentWards()
		})
		.from(guardians)
		.innerJoin(users, eq(users.id, guardians.userId))
		.orderBy(asc(users.displayName), asc(guardians.id));
	const vetting = await ctx.db.select({ guardianId: guardianVetting.guardianId, step: guardianVetting.step, expiresOn: guardianVetting.expiresOn }).from(guardianVetting);
	const today = cityToday();
	await audit(ctx, ctx.db, 'guardianship.guardians.listed', 'guardian', null, 'done', { count: rows.length });
	return rows.map((r) => ({ ...r, vetting: vettingState(vetting.filter((v) => v.guardianId === r.id), today) }));
}

export interface GuardianDetail {
	id: string;
	userId: string;
	name: string;
	email: string | null;
	status: GuardianStatus;
	languages: string[];
	neighbourhood: string | null;
	registeredAt: Date;
	statusChangedAt: Date;
	vettingRows: VettingRow[];
	vetting: VettingState;
	wards: { guardianshipId: string; childId: string; name: string; birthDate: Ymd | null; slot: number; startedAt: Date }[];
	past: { guardianshipId: string; name: string; startedAt: Date; endedAt: Date; endedReason: string | null }[];
}

/** One guardian, for the office: vetting steps, children now and before. Audited. */
export async function guardianDetail(ctx: Ctx, guardianId: string): Promise<GuardianDetail> {
	await requireOffice(ctx, { type: 'guardian', id: isUuid(guardianId) ? guardianId : null });
	if (!isUuid(guardianId)) throw guardianNotFound();
	const [g] = await ctx.db
		.select({
			id: guardians.id,
			userId: guardians.userId,
			name: users.displayName,
			email: users.email,
			status: guardians.status,
			languages: guardians.languages,
			neighbourhood: neighbourhoods.name,
			registeredAt: guardians.registeredAt,
			statusChangedAt: guardians.statusChangedAt
		})
		.from(guardians)
		.innerJoin(users, eq(users.id, guardians.userId))
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, guardians.neighbourhoodId))
		.where(eq(guardians.id, guardianId));
	if (!g) throw guardianNotFound();
	const rows = await vettingRows(ctx.db, guardianId);
	const all = await ctx.db
		.select({
			guardianshipId: guardianships.id,
			childId: guardianships.childId,
			name: people.preferredName,
			birthDate: people.birthDate,
			slot: guardianships.slot,
			startedAt: guardianships.startedAt,
			endedAt: guardianships.endedAt,
			endedReason: guardianships.endedReason
		})
		.from(guardianships)
		.innerJoin(people, eq(people.id, guardianships.childId))
		.where(eq(guardianships.guardianId, guardianId))
		.orderBy(asc(guardianships.slot), asc(guardianships.startedAt));
	await audit(ctx, ctx.db, 'guardianship.guardian.viewed', 'guardian', guardianId);
	return {
		...g,
		vettingRows: rows,
		vetting: vettingState(rows, cityToday()),
		wards: all.filter((w) => !w.endedAt).map(({ endedAt: _e, endedReason: _r, ...w }) => w),
		past: all
			.filter((w) => w.endedAt)
			.map((w) => ({ guardianshipId: w.guardianshipId, name: w.name, startedAt: w.startedAt, endedAt: w.endedAt!, endedReason: w.endedReason }))
			.sort((a, b) => +b.endedAt - +a.endedAt)
	};
}

/** Locks the guardian's row (an update: status and vetting changes never interleave). */
async function lockGuardian(tx: Tx, guardianId: string) {
	if (!isUuid(guardianId)) throw guardianNotFound();
	const [g] = await tx.select({ id: guardians.id, status: guardians.status }).from(guardians).where(eq(guardians.id, guardianId)).for('update');
	if (!g) throw guardianNotFound();
	return g;
}

/** Records (or records again, replacing) one vetting step, verified by the actor now. */
export async function recordVetting(ctx: Ctx, guardianId: string, input: VettingInput): Promise<void> {
	await requireOffice(ctx, { type: 'guardian', id: isUuid(guardianId) ? guardianId : null });
	await ctx.db.transaction(async (tx) => {
		await lockGuardian(tx, guardianId);
		const values = { verifiedBy: actorId(ctx), verifiedAt: new Date(), expiresOn: input.expiresOn, reference: input.reference || null };
		await tx
			.insert(guardianVetting)
			.values({ guardianId, step: input.step, ...values })
			.onConflictDoUpdate({ target: [guardianVetting.guardianId, guardianVetting.step], set: values });
		// A first step taken moves an applicant into vetting.
		await tx
			.update(guardians)
			.set({ status: 'vetting', statusChangedAt: new Date() })
			.where(and(eq(guardians.id, guardianId), eq(guardians.status, 'applicant')));
		await audit(ctx, tx, 'guardianship.vetting.recorded', 'guardian', guardianId, 'done', { step: input.step, expiresOn: input.expiresOn });
	});
}

/**
 * Sets a guardian's status. Active needs every vetting step and a
 * certificate that has not expired; suspending or withdrawing is always
 * possible (the children stay assigned until the office ends it, and show
 * on the monitoring page).
 */
export async function setGuardianStatus(ctx: Ctx, guardianId: string, status: GuardianStatus): Promise<void> {
	await requireOffice(ctx, { type: 'guardian', id: isUuid(guardianId) ? guardianId : null });
	await ctx.db.transaction(async (tx) => {
		const g = await lockGuardian(tx, guardianId);
		if (g.status === status) throw new Refusal(409, 'guardianship_status_unchanged', 'status');
		if (status === 'active') {
			const v = vettingState(await vettingRows(tx, guardianId), cityToday());
			if (!v.complete) throw new Refusal(409, 'guardianship_vetting_incomplete', 'status');
			if (!v.valid) throw new Refusal(409, 'guardianship_vetting_expired', 'status');
		}
		await tx.update(guardians).set({ status, statusChangedAt: new Date() }).where(eq(guardians.id, guardianId));
		await audit(ctx, tx, 'guardianship.guardian.status', 'guardian', guardianId, 'done', { from: g.status, to: status });
	});
}

/** Number of guardians per status (for the office's overview). */
export async function guardianCounts(ctx: Ctx): Promise<Record<GuardianStatus, number>> {
	await requireOffice(ctx);
	const rows = await ctx.db.select({ status: guardians.status, n: count() }).from(guardians).groupBy(guardians.status);
	const out = { applicant: 0, vetting: 0, active: 0, suspended: 0, withdrawn: 0 } as Record<GuardianStatus, number>;
	for (const r of rows) out[r.status] = r.n;
	return out;
}
