/**
 * Support folders (issue 4, docs/decisions/016-support-folder.md), first
 * slice: a person, their consents and their case team.
 *
 * Every use case loads the folder's facts (team, consents, lead worker) in
 * the request, asks the policy, and only then reads or writes; writes take
 * the person's row lock first so that a withdrawal and a write never
 * interleave. Every read and write is audited with the person's id; a refused
 * attempt is audited as denied and answered like an unknown folder (404),
 * because even the existence of a folder is private.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
import type { Db, Tx } from '../db/index.ts';
import { auditLog, breakGlass, caseTeam, caseWorkers, consents, memberships, organisations, people, users } from '../db/schema/index.ts';
import { personProtected } from '../db/schema/index.ts';
import type { ConsentMethod, ConsentPurpose, MemberRole } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { can, PolicyDenied, require as requirePolicy, type Action, type FolderResource } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import type { NewFolderInput, RecordConsentInput } from './schemas.ts';
import { closeReferralsForConsent } from '../referrals/referrals.ts';

/**
 * The one answer to a folder one may not open, whether it exists or not:
 * 403 "not a folder you may open" (its existence is private, so an unknown
 * id gets the same answer).
 */
export const folderNotFound = () => new Refusal(403, 'support_folder_not_found');

/** Roles whose members may work on folders (the policy decides; this only narrows queries). */
const workerRoles: MemberRole[] = ['owner', 'coordinator', 'case_worker'];

export async function audit(
	ctx: Ctx,
	tx: Tx,
	action: string,
	personId: string | null,
	outcome: 'done' | 'denied' = 'done',
	details: Record<string, string | number | boolean | null> = {}
) {
	await record(tx, { actorId: actorId(ctx), action, resourceType: 'folder', resourceId: personId, outcome, ip: ctx.ip, requestId: ctx.requestId, details });
}

/** The facts of many folders at once (people erased or unknown are left out). */
export async function loadFolderFactsMany(db: Tx, personIds: readonly string[]): Promise<Map<string, FolderResource>> {
	const out = new Map<string, FolderResource>();
	const ids = [...new Set(personIds)].filter(isUuid);
	if (ids.length === 0) return out;
	const found = await db
		.select({ id: people.id })
		.from(people)
		.where(and(inArray(people.id, ids), isNull(people.erasedAt)));
	for (const p of found)
		out.set(p.id, {
			type: 'folder',
			personId: p.id,
			teamOrganisationIds: [],
			consentedOrganisationIds: [],
			leadUserId: null,
			leadOrganisationId: null,
			breakGlassUserIds: [],
			protectedConsent: false
		});
	if (out.size === 0) return out;
	const live = [...out.keys()];
	// One after another, not Promise.all: a node-postgres client (a transaction) runs one query at a time.
	const team = await db
		.select({ personId: caseTeam.personId, organisationId: caseTeam.organisationId })
		.from(caseTeam)
		.where(and(inArray(caseTeam.personId, live), isNull(caseTeam.removedAt)));
	const active = await db
		.select({ personId: consents.personId, purpose: consents.purpose, organisationId: consents.organisationId, holder: consents.recordedByOrganisationId })
		.from(consents)
		.where(and(inArray(consents.personId, live), isNull(consents.withdrawnAt), inArray(consents.purpose, ['coordination', 'share', 'protected_fields'])));
	const leads = await db
		.select({ personId: caseWorkers.personId, userId: caseWorkers.userId, organisationId: caseWorkers.organisationId })
		.from(caseWorkers)
		.where(and(inArray(caseWorkers.personId, live), eq(caseWorkers.lead, true)));
	const grants = await db
		.select({ personId: breakGlass.personId, userId: breakGlass.userId })
		.from(breakGlass)
		.where(and(inArray(breakGlass.personId, live), isNull(breakGlass.endedAt), sql`${breakGlass.expiresAt} > now()`));
	const facts = (id: string) => out.get(id) as { -readonly [K in keyof FolderResource]: FolderResource[K] };
	for (const t of team) facts(t.personId).teamOrganisationIds = [...facts(t.personId).teamOrganisationIds, t.organisationId];
	for (const c of active) {
		if (c.purpose === 'protected_fields') {
			facts(c.personId).protectedConsent = true;
			continue;
		}
		const org = c.purpose === 'coordination' ? c.holder : c.organisationId;
		if (org) facts(c.personId).consentedOrganisationIds = [...facts(c.personId).consentedOrganisationIds, org];
	}
	for (const l of leads) {
		facts(l.personId).leadUserId = l.userId;
		facts(l.personId).leadOrganisationId = l.organisationId;
	}
	for (const g of grants) facts(g.personId).breakGlassUserIds = [...facts(g.personId).breakGlassUserIds, g.userId];
	return out;
}

/** The facts the policy needs about one folder, or null when there is no such (live) folder. */
export async function loadFolderFacts(db: Tx, personId: string): Promise<FolderResource | null> {
	return (await loadFolderFactsMany(db, [personId])).get(personId) ?? null;
}

type Checked<T> = { ok: true; value: T } | { ok: false; decision: 'missing' | 'denied' | 'sign_in_required' | 'second_factor_required' };

/**
 * Locks the person's row, loads the facts, asks the policy for `action`, and
 * runs `work` in the same transaction. A refusal is audited (outside the
 * rolled-back transaction) and thrown: PolicyDenied for sign-in and second
 * factor, else a 404.
 */
export async function withFolder<T>(
	ctx: Ctx,
	action: Action,
	personId: string,
	lock: 'update' | 'share',
	work: (tx: Tx, facts: FolderResource) => Promise<T>
): Promise<T> {
	if (!isUuid(personId)) throw folderNotFound();
	const out: Checked<T> = await ctx.db.transaction(async (tx) => {
		await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for(lock);
		const facts = await loadFolderFacts(tx, personId);
		if (!facts) return { ok: false, decision: 'missing' } as const;
		const d = can(ctx.actor, action, facts);
		if (d !== 'allowed') return { ok: false, decision: d } as const;
		return { ok: true, value: await work(tx, facts) } as const;
	});
	if (out.ok) return out.value;
	if (out.decision === 'sign_in_required' || out.decision === 'second_factor_required') throw new PolicyDenied(out.decision, action);
	await audit(ctx, ctx.db, action, personId, 'denied', { reason: out.decision === 'missing' ? 'not_found' : 'policy' });
	throw folderNotFound();
}

/**
 * Asks the policy for `action` on a folder without doing anything else (a
 * route's first line, before it reads a form): refusals as in every use case.
 */
export async function checkFolder(ctx: Ctx, action: Action, personId: string): Promise<FolderResource> {
	return withFolder(ctx, action, personId, 'share', async (_tx, facts) => facts);
}

/** The organisations where the actor may open new folders (owner, coordinator, case worker), by name. */
export async function creatableOrganisations(ctx: Ctx): Promise<{ id: string; name: string }[]> {
	if (ctx.actor.kind !== 'user') return [];
	const ids = [...ctx.actor.memberships].filter(([, r]) => workerRoles.includes(r)).map(([id]) => id);
	if (ids.length === 0) return [];
	return ctx.db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(inArray(organisations.id, ids))
		.orderBy(asc(organisations.name), asc(organisations.id));
}

/**
 * Opens a folder for a person: the person, a `coordination` consent held by
 * the organisation, that organisation on the team and the creator as lead
 * worker, in one transaction. The same form posted twice creates one folder.
 */
export async function createFolder(ctx: Ctx, input: NewFolderInput): Promise<{ personId: string; replayed: boolean }> {
	try {
		requirePolicy(ctx.actor, 'folder.create', { type: 'organisation', id: input.organisationId });
	} catch (err) {
		if (err instanceof PolicyDenied && err.decision === 'denied') throw new Refusal(403, 'support_create_forbidden', 'organisationId');
		throw err;
	}
	const userId = actorId(ctx)!;
	return ctx.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'support-folder-form:' + input.formId}))`);
		const [earlier] = await tx
			.select({ id: auditLog.resourceId })
			.from(auditLog)
			.where(and(eq(auditLog.action, 'support.folder.created'), eq(auditLog.actorId, userId), sql`${auditLog.details}->>'formId' = ${input.formId}`))
			.limit(1);
		if (earlier?.id) return { personId: earlier.id, replayed: true };
		const [person] = await tx
			.insert(people)
			.values({
				preferredName: input.preferredName,
				birthYear: input.birthYear ?? (input.birthDate ? Number(input.birthDate.slice(0, 4)) : null),
				languages: input.languages,
				contact: input.contact || null,
				createdByOrganisationId: input.organisationId,
				createdBy: userId,
				birthDate: input.birthDate,
				unaccompanied: input.unaccompanied
			})
			.returning({ id: people.id });
		await tx.insert(consents).values({
			personId: person.id,
			purpose: 'coordination',
			method: input.method,
			recordedBy: userId,
			recordedByOrganisationId: input.organisationId
		});
		await tx.insert(caseTeam).values({ personId: person.id, organisationId: input.organisationId, addedBy: userId });
		await tx.insert(caseWorkers).values({ personId: person.id, userId, organisationId: input.organisationId, lead: true, addedBy: userId });
		await audit(ctx, tx, 'support.folder.created', person.id, 'done', { organisationId: input.organisationId, formId: input.formId });
		return { personId: person.id, replayed: false };
	});
}

export interface FolderView {
	person: { id: string; preferredName: string; birthYear: number | null; languages: string[]; contact: string | null; createdAt: Date };
	consents: {
		id: string;
		purpose: ConsentPurpose;
		organisationId: string | null;
		organisationName: string | null;
		method: ConsentMethod;
		recordedAt: Date;
		recordedByName: string | null;
		withdrawnAt: Date | null;
		withdrawalReason: string | null;
	}[];
	team: { organisationId: string; name: string; covered: boolean }[];
	workers: { userId: string; name: string; organisationId: string; organisationName: string; lead: boolean }[];
	facts: FolderResource;
}

/** Everything this slice holds about a person, after the policy said yes; audited as `support.folder.opened`. */
export async function openFolder(ctx: Ctx, personId: string): Promise<FolderView> {
	return withFolder(ctx, 'folder.view', personId, 'share', async (tx, facts) => {
		const [person] = await tx
			.select({ id: people.id, preferredName: people.preferredName, birthYear: people.birthYear, languages: people.languages, contact: people.contact, createdAt: people.createdAt })
			.from(people)
			.where(eq(people.id, personId));
		const consentRows = await tx
			.select({
				id: consents.id,
				purpose: consents.purpose,
				organisationId: consents.organisationId,
				organisationName: organisations.name,
				method: consents.method,
				recordedAt: consents.recordedAt,
				recordedByName: users.displayName,
				withdrawnAt: consents.withdrawnAt,
				withdrawalReason: consents.withdrawalReason
			})
			.from(consents)
			.leftJoin(organisations, eq(organisations.id, consents.organisationId))
			.leftJoin(users, eq(users.id, consents.recordedBy))
			.where(eq(consents.personId, personId))
			.orderBy(asc(consents.recordedAt), asc(consents.id));
		const team = await tx
			.select({ organisationId: caseTeam.organisationId, name: organisations.name })
			.from(caseTeam)
			.innerJoin(organisations, eq(organisations.id, caseTeam.organisationId))
			.where(and(eq(caseTeam.personId, personId), isNull(caseTeam.removedAt)))
			.orderBy(asc(caseTeam.addedAt), asc(organisations.name));
		const workers = await tx
			.select({ userId: caseWorkers.userId, name: users.displayName, organisationId: caseWorkers.organisationId, organisationName: organisations.name, lead: caseWorkers.lead })
			.from(caseWorkers)
			.innerJoin(users, eq(users.id, caseWorkers.userId))
			.innerJoin(organisations, eq(organisations.id, caseWorkers.organisationId))
			.where(eq(caseWorkers.personId, personId))
			.orderBy(sql`${caseWorkers.lead} desc`, asc(users.displayName));
		await audit(ctx, tx, 'support.folder.opened', personId);
		return {
			person,
			consents: consentRows,
			team: team.map((t) => ({ ...t, covered: facts.consentedOrganisationIds.includes(t.organisationId) })),
			workers,
			facts
		};
	});
}

/**
 * The folders the actor may open: candidates from the teams of the actor's
 * organisations, each asked of the policy (never a folder it refuses).
 */
export async function listFolders(ctx: Ctx): Promise<{ id: string; preferredName: string; birthYear: number | null; lead: boolean }[]> {
	if (ctx.actor.kind !== 'user') throw new PolicyDenied('sign_in_required', 'folder.view');
	const actor = ctx.actor;
	const orgIds = [...actor.memberships].filter(([, r]) => workerRoles.includes(r)).map(([id]) => id);
	if (orgIds.length === 0) return [];
	const candidates = await ctx.db
		.selectDistinct({ personId: caseTeam.personId })
		.from(caseTeam)
		.where(and(inArray(caseTeam.organisationId, orgIds), isNull(caseTeam.removedAt)));
	const facts = await loadFolderFactsMany(ctx.db, candidates.map((c) => c.personId));
	const decisions = [...facts.values()].map((f) => [f, can(actor, 'folder.view', f)] as const);
	if (decisions.some(([, d]) => d === 'second_factor_required')) throw new PolicyDenied('second_factor_required', 'folder.view');
	const allowed = decisions.filter(([, d]) => d === 'allowed').map(([f]) => f);
	if (allowed.length === 0) return [];
	const rows = await ctx.db
		.select({ id: people.id, preferredName: people.preferredName, birthYear: people.birthYear })
		.from(people)
		.where(inArray(people.id, allowed.map((f) => f.personId)))
		.orderBy(asc(people.preferredName), asc(people.id));
	await audit(ctx, ctx.db, 'support.folder.listed', null, 'done', { count: rows.length });
	return rows.map((r) => ({ ...r, lead: facts.get(r.id)?.leadUserId === actor.userId }));
}

/** Verified organisations a `share` consent may name (for the consent form). */
export async function shareableOrganisations(db: Db) {
	return db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(eq(organisations.verification, 'verified'))
		.orderBy(asc(organisations.name), asc(organisations.id));
}

/**
 * Members of the team's covered organisations who may work on folders and
 * are not case workers of this folder yet (for the "add a worker" form).
 */
export async function eligibleWorkers(db: Tx, view: FolderView) {
	const orgIds = view.team.filter((t) => t.covered).map((t) => t.organisationId);
	if (orgIds.length === 0) return [];
	const rows = await db
		.select({ userId: memberships.userId, name: users.displayName, organisationId: memberships.organisationId, organisationName: organisations.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(and(inArray(memberships.organisationId, orgIds), inArray(memberships.role, workerRoles)))
		.orderBy(asc(organisations.name), asc(users.displayName));
	const already = new Set(view.workers.map((w) => w.userId));
	return rows.filter((r) => !already.has(r.userId));
}

/** Records a consent. One active consent per purpose (and organisation): a second is refused. */
export async function recordConsent(ctx: Ctx, personId: string, input: RecordConsentInput): Promise<{ consentId: string }> {
	return withFolder(ctx, 'folder.consent.manage', personId, 'update', async (tx) => {
		if (input.organisationId) {
			const [org] = await tx
				.select({ id: organisations.id })
				.from(organisations)
				.where(and(eq(organisations.id, input.organisationId), eq(organisations.verification, 'verified')));
			if (!org) throw new Refusal(400, 'support_organisation_unknown', 'organisationId');
		}
		const [existing] = await tx
			.select({ id: consents.id })
			.from(consents)
			.where(
				and(
					eq(consents.personId, personId),
					eq(consents.purpose, input.purpose),
					input.organisationId ? eq(consents.organisationId, input.organisationId) : isNull(consents.organisationId),
					isNull(consents.withdrawnAt)
				)
			);
		if (existing) throw new Refusal(409, 'support_consent_exists', 'purpose');
		const holder = await recorderOrganisation(ctx, tx, personId);
		const [row] = await tx
			.insert(consents)
			.values({
				personId,
				purpose: input.purpose,
				organisationId: input.organisationId,
				method: input.method,
				recordedBy: actorId(ctx),
				recordedByOrganisationId: holder
			})
			.returning({ id: consents.id });
		await audit(ctx, tx, 'support.consent.recorded', personId, 'done', { consentId: row.id, purpose: input.purpose, organisationId: input.organisationId });
		return { consentId: row.id };
	});
}

/** The actor's organisation on this folder's team (the first, by name): who holds a consent they record. */
async function recorderOrganisation(ctx: Ctx, tx: Tx, personId: string): Promise<string | null> {
	if (ctx.actor.kind !== 'user') return null;
	const mine = [...ctx.actor.memberships].filter(([, r]) => workerRoles.includes(r)).map(([id]) => id);
	if (mine.length === 0) return null;
	const [row] = await tx
		.select({ id: caseTeam.organisationId })
		.from(caseTeam)
		.where(and(eq(caseTeam.personId, personId), inArray(caseTeam.organisationId, mine), isNull(caseTeam.removedAt)))
		.orderBy(asc(caseTeam.addedAt))
		.limit(1);
	return row?.id ?? null;
}

/**
 * Withdraws a consent: an update with who, when and why, never a delete.
 * The organisation it covered loses access at its next request.
 */
export async function withdrawConsent(ctx: Ctx, personId: string, input: { consentId: string; reason: string }): Promise<void> {
	await withFolder(ctx, 'folder.consent.manage', personId, 'update', async (tx) => {
		const [c] = await tx
			.select({ id: consents.id, withdrawnAt: consents.withdrawnAt, purpose: consents.purpose, organisationId: consents.organisationId })
			.from(consents)
			.where(and(eq(consents.id, input.consentId), eq(consents.personId, personId)));
		if (!c) throw new Refusal(404, 'support_consent_not_found', 'consentId');
		if (c.withdrawnAt) throw new Refusal(409, 'support_consent_already_withdrawn', 'consentId');
		await tx
			.update(consents)
			.set({ withdrawnAt: new Date(), withdrawnBy: actorId(ctx), withdrawalReason: input.reason })
			.where(eq(consents.id, c.id));
		await tx.update(people).set({ version: sql`${people.version} + 1` }).where(eq(people.id, personId));
		// Referrals: the open referrals this share consent covered close at once (the receiver loses them).
		if (c.purpose === 'share') await closeReferralsForConsent(ctx, tx, personId, c.id);
		await audit(ctx, tx, 'support.consent.withdrawn', personId, 'done', { consentId: c.id, purpose: c.purpose, organisationId: c.organisationId });
		// Protected fields (support/protected.ts) live only as long as the consent that let them be recorded.
		if (c.purpose === 'protected_fields') {
			const gone = await tx.delete(personProtected).where(eq(personProtected.personId, personId)).returning({ personId: personProtected.personId });
			if (gone.length) await audit(ctx, tx, 'support.protected.deleted', personId, 'done', { consentId: c.id });
		}
	});
}

/** Adds an organisation to the team; only one named by an active `share` consent. */
export async function addTeamOrganisation(ctx: Ctx, personId: string, organisationId: string): Promise<void> {
	await withFolder(ctx, 'folder.team.manage', personId, 'update', async (tx) => {
		const [consent] = await tx
			.select({ id: consents.id })
			.from(consents)
			.where(and(eq(consents.personId, personId), eq(consents.purpose, 'share'), eq(consents.organisationId, organisationId), isNull(consents.withdrawnAt)));
		if (!consent) throw new Refusal(400, 'support_team_needs_share_consent', 'organisationId');
		const [row] = await tx
			.select({ removedAt: caseTeam.removedAt })
			.from(caseTeam)
			.where(and(eq(caseTeam.personId, personId), eq(caseTeam.organisationId, organisationId)));
		if (row && !row.removedAt) throw new Refusal(409, 'support_team_already', 'organisationId');
		if (row) {
			await tx
				.update(caseTeam)
				.set({ removedAt: null, addedAt: new Date(), addedBy: actorId(ctx) })
				.where(and(eq(caseTeam.personId, personId), eq(caseTeam.organisationId, organisationId)));
		} else {
			await tx.insert(caseTeam).values({ personId, organisationId, addedBy: actorId(ctx) });
		}
		await audit(ctx, tx, 'support.team.added', personId, 'done', { organisationId });
	});
}

/**
 * Adds a worker: a member (owner, coordinator or case worker) of an
 * organisation on the team whose access a consent covers. With `lead`, they
 * become the lead worker in the same transaction.
 */
export async function addWorker(ctx: Ctx, personId: string, input: { userId: string; lead: boolean }): Promise<void> {
	await withFolder(ctx, 'folder.team.manage', personId, 'update', async (tx, facts) => {
		const covered = facts.teamOrganisationIds.filter((id) => facts.consentedOrganisationIds.includes(id));
		const [member] = covered.length
			? await tx
					.select({ organisationId: memberships.organisationId })
					.from(memberships)
					.where(and(eq(memberships.userId, input.userId), inArray(memberships.organisationId, covered), inArray(memberships.role, workerRoles)))
					.orderBy(asc(memberships.createdAt))
					.limit(1)
			: [];
		if (!member) throw new Refusal(400, 'support_worker_not_on_team', 'userId');
		const [existing] = await tx
			.select({ userId: caseWorkers.userId })
			.from(caseWorkers)
			.where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.userId, input.userId)));
		if (existing) throw new Refusal(409, 'support_worker_already', 'userId');
		if (input.lead) await tx.update(caseWorkers).set({ lead: false }).where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.lead, true)));
		await tx.insert(caseWorkers).values({ personId, userId: input.userId, organisationId: member.organisationId, lead: input.lead, addedBy: actorId(ctx) });
		await audit(ctx, tx, 'support.worker.added', personId, 'done', { userId: input.userId, lead: input.lead });
	});
}

/** Makes one of the folder's workers the lead worker (the previous lead stays a worker). */
export async function setLead(ctx: Ctx, personId: string, userId: string): Promise<void> {
	await withFolder(ctx, 'folder.team.manage', personId, 'update', async (tx, facts) => {
		const [worker] = await tx
			.select({ organisationId: caseWorkers.organisationId })
			.from(caseWorkers)
			.where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.userId, userId)));
		if (!worker) throw new Refusal(400, 'support_worker_not_on_team', 'userId');
		if (facts.leadUserId === userId) throw new Refusal(409, 'support_worker_already_lead', 'userId');
		await tx.update(caseWorkers).set({ lead: false }).where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.lead, true)));
		await tx.update(caseWorkers).set({ lead: true }).where(and(eq(caseWorkers.personId, personId), eq(caseWorkers.userId, userId)));
		await audit(ctx, tx, 'support.lead.changed', personId, 'done', { userId, previous: facts.leadUserId });
	});
}
