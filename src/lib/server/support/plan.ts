/**
 * The support plan: goals (in the worker's words and the person's own, with
 * a status) and the actions towards them (an owner on the team, a due date,
 * done or not, optionally a published service of the directory).
 *
 * Every id a form names (goal, action, owner, service) is checked against
 * this folder: another folder's goal, a worker not on the team or an
 * unpublished service is refused and nothing changes. Adding twice with the
 * same form adds once; a status change names the goal's version; marking
 * done names the state wanted, so replays change nothing.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { organisations, planActions, planGoals, services, users } from '../db/schema/index.ts';
import type { GoalStatus, LifeDomain } from '../db/schema/index.ts';
import { localText } from '../../directory/text.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit } from './folders.ts';
import { actorId, actorOrganisation, alreadyPosted, careRead, careWrite, folderPerson, folderWorkers, requireWorker } from './care.ts';
import type { ActionDoneInput, ActionInput, GoalInput, GoalStatusInput } from './care-schemas.ts';

export interface PlanAction {
	id: string;
	text: string;
	ownerUserId: string | null;
	ownerName: string | null;
	dueOn: string | null;
	doneAt: Date | null;
	serviceId: string | null;
	serviceName: string | null;
}

export interface PlanGoal {
	id: string;
	domain: LifeDomain | null;
	text: string;
	ownWords: string | null;
	status: GoalStatus;
	version: number;
	createdAt: Date;
	actions: PlanAction[];
}

/** Services the directory publishes: a verified organisation's, not defunct nor inactive. */
const published = and(eq(organisations.verification, 'verified'), inArray(services.status, ['active', 'temporarily closed']));

/** The plan with its actions, and the team's workers (owners to choose from); audited as a read. */
export async function loadPlan(ctx: Ctx, personId: string) {
	return careRead(ctx, personId, async (tx) => {
		const person = await folderPerson(tx, personId);
		const goals = await tx
			.select({
				id: planGoals.id,
				domain: planGoals.domain,
				text: planGoals.text,
				ownWords: planGoals.ownWords,
				status: planGoals.status,
				version: planGoals.version,
				createdAt: planGoals.createdAt
			})
			.from(planGoals)
			.where(eq(planGoals.personId, personId))
			.orderBy(sql`case ${planGoals.status} when 'open' then 0 else 1 end`, asc(planGoals.createdAt), asc(planGoals.id));
		const actions = await tx
			.select({
				id: planActions.id,
				goalId: planActions.goalId,
				text: planActions.text,
				ownerUserId: planActions.ownerUserId,
				ownerName: users.displayName,
				dueOn: planActions.dueOn,
				doneAt: planActions.doneAt,
				serviceId: planActions.serviceId,
				serviceName: services.name
			})
			.from(planActions)
			.leftJoin(users, eq(users.id, planActions.ownerUserId))
			.leftJoin(services, eq(services.id, planActions.serviceId))
			.where(eq(planActions.personId, personId))
			.orderBy(sql`${planActions.doneAt} is not null`, sql`${planActions.dueOn} asc nulls last`, asc(planActions.createdAt), asc(planActions.id));
		const workers = await folderWorkers(tx, personId);
		await audit(ctx, tx, 'support.plan.viewed', personId, 'done', { goals: goals.length, actions: actions.length });
		return {
			person,
			workers,
			goals: goals.map(
				(g): PlanGoal => ({
					...g,
					actions: actions
						.filter((a) => a.goalId === g.id)
						.map(({ goalId: _, serviceName, ...a }) => ({ ...a, serviceName: serviceName ? localText(serviceName, ctx.locale) || null : null }))
				})
			)
		};
	});
}

/**
 * Published services whose name contains `q` (any language), for the action
 * form's choice; and `keep` (the one chosen before) when it is still published.
 */
export async function findServices(ctx: Ctx, q: string, keep: string | null = null): Promise<{ id: string; name: string; organisation: string }[]> {
	const query = q.normalize('NFC').trim().toLowerCase().slice(0, 100);
	if (query.length < 2 && !keep) return [];
	const escaped = query.replace(/[\\%_]/g, (c) => `\\${c}`);
	const match = query.length >= 2 ? sql`${services.searchNames} like ${'%' + escaped + '%'}` : sql`false`;
	const rows = await ctx.db
		.select({ id: services.id, name: services.name, organisation: organisations.name })
		.from(services)
		.innerJoin(organisations, eq(organisations.id, services.organisationId))
		.where(and(published, keep ? sql`(${match} or ${services.id} = ${keep}::uuid)` : match))
		.orderBy(asc(organisations.name), asc(services.id))
		.limit(25);
	return rows
		.map((r) => ({ id: r.id, name: localText(r.name, ctx.locale) || r.id, organisation: r.organisation }))
		.sort((a, b) => a.name.localeCompare(b.name, ctx.locale) || a.organisation.localeCompare(b.organisation, ctx.locale));
}

/** A goal of THIS folder, locked for the change; else the refusal a forged id gets. */
async function goalOf(tx: Tx, personId: string, goalId: string) {
	const [g] = await tx
		.select({ id: planGoals.id, status: planGoals.status, version: planGoals.version })
		.from(planGoals)
		.where(and(eq(planGoals.id, goalId), eq(planGoals.personId, personId)))
		.for('update');
	if (!g) throw new Refusal(404, 'care_goal_not_found', 'goalId');
	return g;
}

export async function addGoal(ctx: Ctx, personId: string, input: GoalInput): Promise<{ goalId: string | null; replayed: boolean }> {
	const action = 'support.plan.goal.added';
	return careWrite(ctx, personId, action, async (tx, facts) => {
		if (await alreadyPosted(ctx, tx, personId, action, input.formId)) return { goalId: null, replayed: true };
		const [row] = await tx
			.insert(planGoals)
			.values({
				personId,
				domain: input.domain,
				text: input.text,
				ownWords: input.ownWords || null,
				createdBy: actorId(ctx),
				organisationId: actorOrganisation(ctx, facts)
			})
			.returning({ id: planGoals.id });
		await audit(ctx, tx, action, personId, 'done', { goalId: row.id, formId: input.formId });
		return { goalId: row.id, replayed: false };
	});
}

/** Changes a goal's status; the form names the version it saw, so a stale or replayed form is refused. */
export async function setGoalStatus(ctx: Ctx, personId: string, input: GoalStatusInput): Promise<void> {
	const action = 'support.plan.goal.status';
	await careWrite(ctx, personId, action, async (tx) => {
		const goal = await goalOf(tx, personId, input.goalId);
		if (goal.version !== input.version) throw new Refusal(409, 'care_changed_meanwhile', 'status');
		if (goal.status === input.status) return;
		await tx
			.update(planGoals)
			.set({ status: input.status, updatedAt: new Date(), version: sql`${planGoals.version} + 1` })
			.where(and(eq(planGoals.id, goal.id), eq(planGoals.version, input.version)));
		await audit(ctx, tx, action, personId, 'done', { goalId: goal.id, from: goal.status, to: input.status });
	});
}

export async function addAction(ctx: Ctx, personId: string, input: ActionInput): Promise<{ actionId: string | null; replayed: boolean }> {
	const action = 'support.plan.action.added';
	return careWrite(ctx, personId, action, async (tx) => {
		await goalOf(tx, personId, input.goalId);
		if (await alreadyPosted(ctx, tx, personId, action, input.formId)) return { actionId: null, replayed: true };
		if (input.ownerUserId) await requireWorker(tx, personId, input.ownerUserId, 'care_owner_not_on_team', 'ownerUserId');
		if (input.serviceId) {
			const [svc] = await tx
				.select({ id: services.id })
				.from(services)
				.innerJoin(organisations, eq(organisations.id, services.organisationId))
				.where(and(eq(services.id, input.serviceId), published));
			if (!svc) throw new Refusal(400, 'care_service_unknown', 'serviceId');
		}
		const [row] = await tx
			.insert(planActions)
			.values({
				goalId: input.goalId,
				personId,
				text: input.actionText,
				ownerUserId: input.ownerUserId,
				dueOn: input.dueOn,
				serviceId: input.serviceId,
				createdBy: actorId(ctx)
			})
			.returning({ id: planActions.id });
		await audit(ctx, tx, action, personId, 'done', { actionId: row.id, goalId: input.goalId, serviceId: input.serviceId, formId: input.formId });
		return { actionId: row.id, replayed: false };
	});
}

/** Marks an action done or not done: the state wanted, so posting it twice changes it once. */
export async function setActionDone(ctx: Ctx, personId: string, input: ActionDoneInput): Promise<{ changed: boolean }> {
	const action = 'support.plan.action.done';
	return careWrite(ctx, personId, action, async (tx) => {
		const [a] = await tx
			.select({ id: planActions.id, doneAt: planActions.doneAt })
			.from(planActions)
			.where(and(eq(planActions.id, input.actionId), eq(planActions.personId, personId)))
			.for('update');
		if (!a) throw new Refusal(404, 'care_action_not_found', 'actionId');
		if ((a.doneAt !== null) === input.done) return { changed: false };
		await tx
			.update(planActions)
			.set({ doneAt: input.done ? new Date() : null })
			.where(eq(planActions.id, a.id));
		await audit(ctx, tx, action, personId, 'done', { actionId: a.id, done: input.done });
		return { changed: true };
	});
}
