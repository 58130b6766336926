/**
 * Decisions of an assembly (issue 7): taken at a meeting, each with an owner
 * (a member, or an organisation named in free text) and a due date, tracked
 * open → in progress → done (with the date done). A decision not done after
 * its due date is overdue: shown on the assembly's page and, across
 * assemblies, to the city's staff. Decisions are public (the owner by their
 * display name only); recording them is `assemblies.run`.
 */
import { and, asc, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { assemblies, assemblyDecisions, assemblyMeetings, users, type DecisionStatus } from '../db/schema/index.ts';
import { cityToday, isYmd } from '../guardianship/age.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, gate, localised, me, meetingHead, requirePolicy } from './common.ts';
import type { DecisionInput } from './schemas.ts';

export const decisionNotFound = () => new Refusal(404, 'assemblies_decision_not_found');

/** Records a decision taken at a meeting of THIS assembly that has started. */
export async function addDecision(ctx: Ctx, assemblyId: string, meetingId: string, input: DecisionInput, now = new Date()): Promise<string> {
	const { resource } = await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_decision', id: null });
	if (input.ownerUserId && !resource.memberIds.includes(input.ownerUserId)) throw new Refusal(400, 'assemblies_not_a_member', 'ownerUserId');
	if (!isYmd(input.dueOn)) throw new Refusal(400, 'assemblies_due_invalid', 'dueOn');
	return ctx.db.transaction(async (tx) => {
		const mt = await meetingHead(tx, assemblyId, meetingId);
		if (mt.status === 'cancelled') throw new Refusal(409, 'assemblies_meeting_cancelled');
		if (mt.startsAt > now) throw new Refusal(409, 'assemblies_not_yet');
		const [row] = await tx
			.insert(assemblyDecisions)
			.values({ assemblyId, meetingId, text: input.text, ownerUserId: input.ownerUserId, ownerOrganisation: input.ownerUserId ? null : input.ownerOrganisation, dueOn: input.dueOn, createdBy: me(ctx) })
			.returning({ id: assemblyDecisions.id });
		await audit(ctx, tx, 'assemblies.decision.add', 'assembly_decision', row.id, 'done', { assemblyId, meetingId });
		return row.id;
	});
}

/** Moves a decision of THIS assembly to a status; done records today's date (in the city), anything else clears it. */
export async function setDecisionStatus(ctx: Ctx, assemblyId: string, decisionId: string, status: DecisionStatus, now = new Date()): Promise<void> {
	await gate(ctx, 'assemblies.run', assemblyId, { type: 'assembly_decision', id: isUuid(decisionId) ? decisionId : null });
	if (!isUuid(decisionId)) throw decisionNotFound();
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(assemblyDecisions)
			.set({ status, doneOn: status === 'done' ? cityToday(now) : null, updatedAt: new Date() })
			.where(and(eq(assemblyDecisions.id, decisionId), eq(assemblyDecisions.assemblyId, assemblyId)))
			.returning({ id: assemblyDecisions.id });
		if (!row) throw decisionNotFound();
		await audit(ctx, tx, 'assemblies.decision.status', 'assembly_decision', decisionId, 'done', { status });
	});
}

export interface DecisionRow {
	id: string;
	assemblyId: string;
	meetingId: string;
	meetingStartsAt: Date;
	text: string;
	/** The owner's public display name, or the organisation as written. */
	owner: string;
	ownerIsOrganisation: boolean;
	dueOn: string;
	status: DecisionStatus;
	doneOn: string | null;
	overdue: boolean;
}

const columns = {
	id: assemblyDecisions.id,
	assemblyId: assemblyDecisions.assemblyId,
	meetingId: assemblyDecisions.meetingId,
	meetingStartsAt: assemblyMeetings.startsAt,
	text: assemblyDecisions.text,
	ownerName: users.displayName,
	ownerOrganisation: assemblyDecisions.ownerOrganisation,
	dueOn: assemblyDecisions.dueOn,
	status: assemblyDecisions.status,
	doneOn: assemblyDecisions.doneOn
};
type Raw = { id: string; assemblyId: string; meetingId: string; meetingStartsAt: Date; text: string; ownerName: string | null; ownerOrganisation: string | null; dueOn: string; status: DecisionStatus; doneOn: string | null };

function shape(r: Raw, today: string): DecisionRow {
	const { ownerName, ownerOrganisation, ...rest } = r;
	return { ...rest, owner: ownerName ?? ownerOrganisation ?? '—', ownerIsOrganisation: !ownerName, overdue: r.status !== 'done' && r.dueOn < today };
}

/** An assembly's decisions, overdue first, then by due date (public: the owner by display name). */
export async function decisionsOf(ctx: Ctx, assemblyId: string, now = new Date()): Promise<DecisionRow[]> {
	const today = cityToday(now);
	const rows = await ctx.db
		.select(columns)
		.from(assemblyDecisions)
		.innerJoin(assemblyMeetings, eq(assemblyMeetings.id, assemblyDecisions.meetingId))
		.leftJoin(users, eq(users.id, assemblyDecisions.ownerUserId))
		.where(eq(assemblyDecisions.assemblyId, assemblyId))
		.orderBy(sql`case when ${assemblyDecisions.status} = 'done' then 2 when ${assemblyDecisions.dueOn} < ${today} then 0 else 1 end`, asc(assemblyDecisions.dueOn), asc(assemblyDecisions.id))
		.limit(500);
	return rows.map((r) => shape(r, today));
}

/** Decisions across assemblies for the city's staff: by status, or the overdue ones; overdue first. */
export async function decisionsAcross(ctx: Ctx, filter: { status?: DecisionStatus | 'overdue' } = {}, now = new Date()) {
	await requirePolicy(ctx, 'assemblies.manage', { type: 'platform' }, { type: 'assembly_decision', id: null });
	const today = cityToday(now);
	let cond: SQL | undefined;
	if (filter.status === 'overdue') cond = and(ne(assemblyDecisions.status, 'done'), lt(assemblyDecisions.dueOn, today));
	else if (filter.status) cond = eq(assemblyDecisions.status, filter.status);
	const rows = await ctx.db
		.select({ ...columns, assemblyName: assemblies.name, assemblyDescription: assemblies.description, translations: assemblies.translations })
		.from(assemblyDecisions)
		.innerJoin(assemblies, eq(assemblies.id, assemblyDecisions.assemblyId))
		.innerJoin(assemblyMeetings, eq(assemblyMeetings.id, assemblyDecisions.meetingId))
		.leftJoin(users, eq(users.id, assemblyDecisions.ownerUserId))
		.where(cond)
		.orderBy(sql`case when ${assemblyDecisions.status} = 'done' then 2 when ${assemblyDecisions.dueOn} < ${today} then 0 else 1 end`, asc(assemblyDecisions.dueOn), asc(assemblyDecisions.id))
		.limit(1000);
	await audit(ctx, ctx.db, 'assemblies.decisions.view', 'assembly_decision', null, 'done', { count: rows.length });
	return rows.map(({ assemblyName, assemblyDescription, translations, ...r }) => ({
		...shape(r, today),
		assemblyName: localised({ name: assemblyName, description: assemblyDescription, translations }, ctx.locale).name
	}));
}
