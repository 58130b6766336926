/**
 * What the folder's care pages (assessment, plan, notes, tasks, timeline)
 * share: reads and writes through `withFolder` (policy, row lock, audit),
 * a refused write audited as denied even when the refusal is about the input
 * (a goal, action, note or task id of another folder), replayed forms told
 * apart by their hidden form id, and who may read a note, as SQL.
 */
import { and, asc, eq, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
export { actorId };
import type { Tx } from '../db/index.ts';
import { auditLog, caseWorkers, organisations, people, users } from '../db/schema/index.ts';
import type { MemberRole, Sensitivity } from '../db/schema/index.ts';
import { can, type Action, type FolderResource, type NoteResource } from '../policy/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit, withFolder } from './folders.ts';

const workerRoles: readonly MemberRole[] = ['owner', 'coordinator', 'case_worker'];

/** A read of the folder (`folder.view` unless said otherwise), under a share lock. */
export function careRead<T>(ctx: Ctx, personId: string, work: (tx: Tx, facts: FolderResource) => Promise<T>, action: Action = 'folder.view'): Promise<T> {
	return withFolder(ctx, action, personId, 'share', work);
}

/**
 * A write (`folder.edit`) under the person's row lock. A refusal of the
 * input (a forged id, a worker not on the team) rolls everything back and is
 * audited as denied under `auditAction`, with the refusal's key.
 */
export async function careWrite<T>(ctx: Ctx, personId: string, auditAction: string, work: (tx: Tx, facts: FolderResource) => Promise<T>): Promise<T> {
	try {
		return await withFolder(ctx, 'folder.edit', personId, 'update', work);
	} catch (err) {
		if (err instanceof Refusal && err.key !== 'support_folder_not_found') {
			await audit(ctx, ctx.db, auditAction, personId, 'denied', { reason: err.key });
		}
		throw err;
	}
}

/**
 * True when this actor already posted the form `formId` on this folder
 * (audited as `auditAction` with that form id): the second post of a double
 * click or a replay. Serialised per form id, so two posts at once make one.
 */
export async function alreadyPosted(ctx: Ctx, tx: Tx, personId: string, auditAction: string, formId: string): Promise<boolean> {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'care-form:' + formId}))`);
	const [earlier] = await tx
		.select({ seq: auditLog.seq })
		.from(auditLog)
		.where(
			and(
				eq(auditLog.resourceType, 'folder'),
				eq(auditLog.resourceId, personId),
				eq(auditLog.action, auditAction),
				actorId(ctx) ? eq(auditLog.actorId, actorId(ctx)!) : sql`false`,
				sql`${auditLog.details}->>'formId' = ${formId}`
			)
		)
		.limit(1);
	return earlier !== undefined;
}

/**
 * The organisation the actor writes for on this folder: their organisation
 * on the team under consent (the lead worker's first), else (an emergency
 * access) their first organisation where they work on folders.
 */
export function actorOrganisation(ctx: Ctx, facts: FolderResource): string | null {
	if (ctx.actor.kind !== 'user') return null;
	const mine = [...ctx.actor.memberships].filter(([, r]) => workerRoles.includes(r)).map(([id]) => id).sort();
	const covered = mine.filter((id) => facts.teamOrganisationIds.includes(id) && facts.consentedOrganisationIds.includes(id));
	if (facts.leadOrganisationId && covered.includes(facts.leadOrganisationId)) return facts.leadOrganisationId;
	return covered[0] ?? mine[0] ?? null;
}

/** What every care page shows at its top: the person's preferred name. */
export async function folderPerson(tx: Tx, personId: string): Promise<{ id: string; preferredName: string }> {
	const [p] = await tx.select({ id: people.id, preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
	return p;
}

/** The folder's case workers (owners of plan actions, assignees of tasks), lead first. */
export async function folderWorkers(tx: Tx, personId: string) {
	return tx
		.select({ userId: caseWorkers.userId, name: users.displayName, organisationName: organisations.name, lead: caseWorkers.lead })
		.from(caseWorkers)
		.innerJoin(users, eq(users.id, caseWorkers.userId))
		.innerJoin(organisations, eq(organisations.id, caseWorkers.organisationId))
		.where(eq(caseWorkers.personId, personId))
		.orderBy(sql`${caseWorkers.lead} desc`, asc(users.displayName), asc(users.id));
}

/** Refuses a user who is not a case worker of this folder (a forged owner or assignee). */
export async function requireWorker(tx: Tx, personId: string, userId: string, key: string, field: string): Promise<void> {
	const [w] = await tx
		.select({ userId: caseWorkers.userId })
		.from(caseWorkers)
		.where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.userId, userId)));
	if (!w) throw new Refusal(400, key, field);
}

export interface NoteFacts {
	authorId: string | null;
	organisationId: string | null;
	sensitivity: Sensitivity;
}

export function noteResource(facts: FolderResource, n: NoteFacts): NoteResource {
	return { type: 'note', folder: facts, authorId: n.authorId, organisationId: n.organisationId, sensitivity: n.sensitivity };
}

/** The policy's answer for one note (or document). */
export function mayRead(ctx: Ctx, facts: FolderResource, n: NoteFacts): boolean {
	return can(ctx.actor, 'folder.note.read', noteResource(facts, n)) === 'allowed';
}

/**
 * The notes (or documents) of this folder the actor may read, as a SQL
 * condition on the row's columns, derived from the policy: each sensitivity
 * is asked of `folder.note.read` for what the actor could be (a reader of
 * team notes, a member of one of their organisations, the author), so the
 * query returns nothing the rule forbids. Rows are checked again one by one
 * with `mayRead` after the query.
 */
export function readableBy(ctx: Ctx, facts: FolderResource, cols: { sensitivity: AnyColumn | SQL; organisationId: AnyColumn | SQL; authorId: AnyColumn | SQL }): SQL {
	if (ctx.actor.kind !== 'user') return sql`false`;
	const me = ctx.actor.userId;
	const ask = (n: NoteFacts) => mayRead(ctx, facts, n);
	const parts: SQL[] = [];
	if (ask({ sensitivity: 'team', authorId: null, organisationId: null })) parts.push(sql`${cols.sensitivity} = 'team'`);
	const orgs = [...ctx.actor.memberships.keys()].filter((id) => ask({ sensitivity: 'organisation', authorId: null, organisationId: id }));
	if (orgs.length) {
		parts.push(sql`(${cols.sensitivity} = 'organisation' and ${cols.organisationId} in (${sql.join(orgs.map((o) => sql`${o}::uuid`), sql`, `)}))`);
	}
	if (ask({ sensitivity: 'author', authorId: me, organisationId: null })) parts.push(sql`(${cols.sensitivity} = 'author' and ${cols.authorId} = ${me}::uuid)`);
	return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}
