/**
 * Property: whatever the actors (member roles in several organisations,
 * platform roles, second factor passed or not, anonymous), the folders
 * (team, `coordination` and `share` consents given or withdrawn, a lead
 * worker), and the break-glass grants (active, expired, ended), nobody gets
 * data out of the USE CASES that the rule of decision 016 forbids:
 *
 *   open (openFolder, listFolders)      team under consent, or an active break-glass of a worker
 *   access log, export, erase page      the lead worker, or an owner or coordinator of the lead organisation, with team access
 *   break the glass (openBreakGlass)    a worker with no team access and no active grant
 *
 * and every one of them needs the second factor. The rule is written out
 * here again over the generated model, independently of the policy. Then a
 * consent is withdrawn through `withdrawConsent`, and the very next calls
 * follow the new model: access ends at once.
 */
import fc from 'fast-check';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { auditLog, breakGlass, caseTeam, caseWorkers, consents, memberRoles, organisations, people, platformRoles, users, type MemberRole, type PlatformRole } from '../../src/lib/server/db/schema/index.ts';
import { anonymous, PolicyDenied, type Actor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { listFolders, openFolder, withdrawConsent } from '../../src/lib/server/support/folders.ts';
import { readAccessLog } from '../../src/lib/server/support/access-log.ts';
import { openBreakGlass } from '../../src/lib/server/support/breakglass.ts';
import { erasePage } from '../../src/lib/server/support/erase.ts';
import { exportSubject } from '../../src/lib/server/support/subject-export.ts';

const ORGS = 3;
const WORKER: readonly string[] = ['owner', 'coordinator', 'case_worker'];
const SENSITIVE_MEMBER: readonly string[] = ['owner', 'coordinator', 'case_worker', 'volunteer_coordinator'];
const SENSITIVE_PLATFORM: readonly string[] = ['admin', 'integration_officer', 'guardianship_office'];

let d: TestDatabase;
let orgIds: string[];

beforeAll(async () => {
	d = await testDatabase();
	const rows = await d.db
		.insert(organisations)
		.values(Array.from({ length: ORGS }, (_, i) => ({ slug: `pp-${i}`, name: `Org ${i}`, type: 'ngo' as const, verification: 'verified' as const })))
		.returning({ id: organisations.id });
	orgIds = rows.map((r) => r.id);
}, 120_000);
afterAll(() => d?.dispose());

const orgIndex = fc.integer({ min: 0, max: ORGS - 1 });

const folderArb = fc.record({
	team: fc.uniqueArray(orgIndex, { maxLength: ORGS }),
	coordination: fc.option(fc.record({ holder: orgIndex, withdrawn: fc.boolean() }), { nil: null }),
	shares: fc.uniqueArray(fc.record({ org: orgIndex, withdrawn: fc.boolean() }), { selector: (s) => s.org, maxLength: ORGS }),
	/** The lead worker: one of the generated actors (by index), working for an organisation. */
	lead: fc.option(fc.record({ actor: fc.nat({ max: 3 }), org: orgIndex }), { nil: null })
});
type FolderModel = typeof folderArb extends fc.Arbitrary<infer T> ? T : never;

const actorArb = fc.record({
	anonymous: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
	roles: fc.array(fc.option(fc.constantFrom<MemberRole>(...memberRoles), { nil: null }), { minLength: ORGS, maxLength: ORGS }),
	platformRole: fc.option(fc.constantFrom<PlatformRole>(...platformRoles), { nil: null, freq: 3 }),
	secondFactor: fc.boolean(),
	grant: fc.constantFrom('none', 'none', 'active', 'expired', 'ended')
});
type ActorModel = typeof actorArb extends fc.Arbitrary<infer T> ? T : never;

// --- The rule, over the model -------------------------------------------------

function covered(f: FolderModel): Set<number> {
	const out = new Set<number>();
	if (f.coordination && !f.coordination.withdrawn) out.add(f.coordination.holder);
	for (const s of f.shares) if (!s.withdrawn) out.add(s.org);
	return out;
}
const isWorker = (a: ActorModel) => a.roles.some((r) => r !== null && WORKER.includes(r));
const needs2fa = (a: ActorModel) => a.roles.some((r) => r !== null && SENSITIVE_MEMBER.includes(r)) || (a.platformRole !== null && SENSITIVE_PLATFORM.includes(a.platformRole));
const passes2fa = (a: ActorModel) => !a.anonymous && (a.secondFactor || !needs2fa(a));
const teamAccess = (a: ActorModel, f: FolderModel) => {
	const c = covered(f);
	return !a.anonymous && f.team.some((o) => c.has(o) && a.roles[o] !== null && WORKER.includes(a.roles[o]!));
};
/** The actor in a folder where the lead is actor `leadIndex`. */
const isLead = (i: number, f: FolderModel, actors: ActorModel[]) => f.lead !== null && f.lead.actor % actors.length === i;

function mayOpen(a: ActorModel, f: FolderModel): boolean {
	return passes2fa(a) && (teamAccess(a, f) || (a.grant === 'active' && isWorker(a)));
}
function mayLead(i: number, a: ActorModel, f: FolderModel, actors: ActorModel[]): boolean {
	if (!passes2fa(a) || !teamAccess(a, f) || f.lead === null) return false;
	if (isLead(i, f, actors)) return true;
	const role = a.roles[f.lead.org];
	return role === 'owner' || role === 'coordinator';
}
function mayBreakGlass(a: ActorModel, f: FolderModel): boolean {
	return passes2fa(a) && isWorker(a) && !teamAccess(a, f) && a.grant !== 'active';
}

// --- The world, in the database ---------------------------------------------------

async function createActors(models: ActorModel[]): Promise<{ model: ActorModel; id: string; actor: Actor }[]> {
	const out = [];
	for (const a of models) {
		const [u] = await d.db
			.insert(users)
			.values({ displayName: `Actor ${Math.random().toString(36).slice(2, 8)}`, passwordHash: 'x', platformRole: a.platformRole, totpEnabledAt: new Date() })
			.returning({ id: users.id });
		const memberships = new Map<string, MemberRole>();
		a.roles.forEach((r, i) => r && memberships.set(orgIds[i], r));
		const actor: Actor = a.anonymous
			? anonymous
			: { kind: 'user', userId: u.id, personKind: 'resident', platformRole: a.platformRole, memberships, emailVerified: true, secondFactor: a.secondFactor, totpEnabled: true };
		out.push({ model: a, id: u.id, actor });
	}
	return out;
}

async function insertFolder(f: FolderModel, actors: { model: ActorModel; id: string }[]): Promise<string> {
	const [p] = await d.db.insert(people).values({ preferredName: `P ${Math.random().toString(36).slice(2, 8)}` }).returning({ id: people.id });
	const now = new Date();
	const rows: (typeof consents.$inferInsert)[] = [];
	if (f.coordination)
		rows.push({ personId: p.id, purpose: 'coordination', method: 'written', recordedByOrganisationId: orgIds[f.coordination.holder], ...(f.coordination.withdrawn ? { withdrawnAt: now, withdrawalReason: 'asked' } : {}) });
	for (const s of f.shares) rows.push({ personId: p.id, purpose: 'share', organisationId: orgIds[s.org], method: 'online', ...(s.withdrawn ? { withdrawnAt: now, withdrawalReason: 'asked' } : {}) });
	if (rows.length) await d.db.insert(consents).values(rows);
	if (f.team.length) await d.db.insert(caseTeam).values(f.team.map((o) => ({ personId: p.id, organisationId: orgIds[o] })));
	if (f.lead) {
		const lead = actors[f.lead.actor % actors.length];
		await d.db.insert(caseWorkers).values({ personId: p.id, userId: lead.id, organisationId: orgIds[f.lead.org], lead: true });
	}
	for (const a of actors) {
		const hour = 3600_000;
		if (a.model.grant === 'active') await d.db.insert(breakGlass).values({ userId: a.id, personId: p.id, reason: 'model', expiresAt: new Date(Date.now() + hour) });
		if (a.model.grant === 'expired')
			await d.db.insert(breakGlass).values({ userId: a.id, personId: p.id, reason: 'model', grantedAt: new Date(Date.now() - 2 * hour), expiresAt: new Date(Date.now() - hour) });
		if (a.model.grant === 'ended') await d.db.insert(breakGlass).values({ userId: a.id, personId: p.id, reason: 'model', expiresAt: new Date(Date.now() + hour), endedAt: now });
	}
	return p.id;
}

const ctxOf = (actor: Actor): Ctx => ({ db: d.db, actor, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' });

/** Runs a use case: the value it returned, or the refusal it threw (anything else fails the test). */
async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
	try {
		return { ok: true, value: await fn() };
	} catch (err) {
		if (err instanceof Refusal || err instanceof PolicyDenied) return { ok: false };
		throw err;
	}
}

const opened = async (userId: string, personId: string) =>
	(await d.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.actorId, userId), eq(auditLog.resourceId, personId), eq(auditLog.action, 'support.folder.opened'), eq(auditLog.outcome, 'done'))))[0].n;

describe('nobody reads what the rule forbids, through the use cases', () => {
	it('open, list, access log, export, erase and break-glass follow the rule, and withdrawing a consent ends access at once', async () => {
		await fc.assert(
			fc.asyncProperty(folderArb, fc.array(actorArb, { minLength: 1, maxLength: 4 }), fc.nat(), async (f, models, pick) => {
				const actors = await createActors(models);
				const personId = await insertFolder(f, actors);

				const check = async (model: FolderModel) => {
					for (const [i, { model: a, actor }] of actors.entries()) {
						const ctx = ctxOf(actor);
						const view = await attempt(() => openFolder(ctx, personId));
						expect(view.ok, `open ${JSON.stringify({ a, model })}`).toBe(mayOpen(a, model));
						if (view.ok) expect(view.value.person.id).toBe(personId);

						if (!a.anonymous) {
							const listed = await attempt(() => listFolders(ctx));
							if (listed.ok && listed.value.some((x) => x.id === personId)) expect(mayOpen(a, model), `listed ${JSON.stringify({ a, model })}`).toBe(true);
						}

						const lead = mayLead(i, a, model, models);
						const log = await attempt(() => readAccessLog(ctx, personId));
						expect(log.ok, `access log ${JSON.stringify({ i, a, model })}`).toBe(lead);
						if (log.ok) expect(log.value.person.id).toBe(personId);
						const exported = await attempt(() => exportSubject(ctx, personId, 'json', 'en'));
						expect(exported.ok, `export ${JSON.stringify({ i, a, model })}`).toBe(lead);
						if (exported.ok) expect(exported.value.person.id).toBe(personId);
						const erase = await attempt(() => erasePage(ctx, personId));
						expect(erase.ok, `erase ${JSON.stringify({ i, a, model })}`).toBe(lead);
					}
				};

				await check(f);
				// Each refused open left no "opened" entry behind; each allowed one left exactly one.
				for (const { model: a, id } of actors) if (!a.anonymous) expect(await opened(id, personId)).toBe(mayOpen(a, f) ? 1 : 0);

				// Withdraw one active consent through the use case (by someone the rule lets manage consents).
				const active = [
					...(f.coordination && !f.coordination.withdrawn ? [{ kind: 'coordination' as const, org: f.coordination.holder }] : []),
					...f.shares.filter((s) => !s.withdrawn).map((s) => ({ kind: 'share' as const, org: s.org }))
				];
				const manager = actors.find(({ model: a }) => passes2fa(a) && teamAccess(a, f));
				if (active.length && manager) {
					const target = active[pick % active.length];
					const [row] = await d.db
						.select({ id: consents.id })
						.from(consents)
						.where(
							and(
								eq(consents.personId, personId),
								eq(consents.purpose, target.kind),
								target.kind === 'share' ? eq(consents.organisationId, orgIds[target.org]) : eq(consents.recordedByOrganisationId, orgIds[target.org])
							)
						)
						.limit(1);
					await withdrawConsent(ctxOf(manager.actor), personId, { consentId: row.id, reason: 'the person asked' });
					const after: FolderModel = {
						...f,
						coordination: target.kind === 'coordination' && f.coordination ? { ...f.coordination, withdrawn: true } : f.coordination,
						shares: f.shares.map((s) => (target.kind === 'share' && s.org === target.org ? { ...s, withdrawn: true } : s))
					};
					await check(after);
				}

				// Break the glass last (it changes the world): allowed exactly when the rule says.
				for (const { model: a, actor } of actors) {
					const grant = await attempt(() => openBreakGlass(ctxOf(actor), personId, { reason: 'emergency in the model', hours: 1 }));
					expect(grant.ok, `break-glass ${JSON.stringify({ a, f })}`).toBe(mayBreakGlass(a, { ...f, ...(await currentConsents(personId)) }));
				}
			}),
			{ numRuns: 40 }
		);
	}, 600_000);
});

/** The folder's consents as they are now in the database, in the model's terms. */
async function currentConsents(personId: string): Promise<Pick<FolderModel, 'coordination' | 'shares'>> {
	const rows = await d.db.select().from(consents).where(eq(consents.personId, personId));
	const coord = rows.find((r) => r.purpose === 'coordination');
	return {
		coordination: coord ? { holder: orgIds.indexOf(coord.recordedByOrganisationId!), withdrawn: coord.withdrawnAt !== null } : null,
		shares: rows.filter((r) => r.purpose === 'share').map((r) => ({ org: orgIds.indexOf(r.organisationId!), withdrawn: r.withdrawnAt !== null }))
	};
}
