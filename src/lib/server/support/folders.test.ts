/**
 * Property: whatever the actors, organisations, team memberships and
 * consents, a folder's data comes back from the use cases (openFolder,
 * listFolders) only when the rule of decision 016 allows it: the actor is an
 * owner, coordinator or case worker of an organisation that is on the team
 * AND covered by an active consent (holding `coordination`, or named by a
 * `share`), and has passed the second factor. The rule is written out here
 * again, independently of the policy, over the generated model.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import type { Ctx } from '../context.ts';
import { auditLog, caseTeam, consents, memberRoles, organisations, people, type MemberRole } from '../db/schema/index.ts';
import { anonymous, PolicyDenied, type Actor } from '../policy/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { listFolders, openFolder } from './folders.ts';

let d: TestDatabase;
let orgIds: string[];
const ORGS = 3;

beforeAll(async () => {
	d = await testDatabase();
	const rows = await d.db
		.insert(organisations)
		.values(Array.from({ length: ORGS }, (_, i) => ({ slug: `prop-${i}`, name: `Org ${i}`, type: 'ngo' as const, verification: 'verified' as const })))
		.returning({ id: organisations.id });
	orgIds = rows.map((r) => r.id);
});
afterAll(() => d?.dispose());

/** A folder in the model: which organisations (by index) are on the team, hold coordination, are named by share consents. */
const folderArb = fc.record({
	team: fc.uniqueArray(fc.integer({ min: 0, max: ORGS - 1 }), { maxLength: ORGS }),
	coordination: fc.option(fc.record({ holder: fc.integer({ min: 0, max: ORGS - 1 }), withdrawn: fc.boolean() })),
	shares: fc.uniqueArray(fc.record({ org: fc.integer({ min: 0, max: ORGS - 1 }), withdrawn: fc.boolean() }), { selector: (s) => s.org, maxLength: ORGS }),
	/** A withdrawn consent for the same purpose, kept as history beside the active one. */
	oldShare: fc.option(fc.integer({ min: 0, max: ORGS - 1 }))
});
type FolderModel = typeof folderArb extends fc.Arbitrary<infer T> ? T : never;

const actorArb = fc.record({
	anonymous: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
	roles: fc.array(fc.option(fc.constantFrom<MemberRole>(...memberRoles), { nil: undefined }), { minLength: ORGS, maxLength: ORGS }),
	secondFactor: fc.boolean()
});
type ActorModel = typeof actorArb extends fc.Arbitrary<infer T> ? T : never;

function toActor(a: ActorModel): Actor {
	if (a.anonymous) return anonymous;
	const memberships = new Map<string, MemberRole>();
	a.roles.forEach((r, i) => r && memberships.set(orgIds[i], r));
	return { kind: 'user', userId: randomUUID(), personKind: 'resident', platformRole: null, memberships, emailVerified: true, secondFactor: a.secondFactor, totpEnabled: true };
}

/** The rule of decision 016, over the model. */
function mayOpen(a: ActorModel, f: FolderModel): boolean {
	if (a.anonymous || !a.secondFactor) return false;
	const covered = new Set<number>();
	if (f.coordination && !f.coordination.withdrawn) covered.add(f.coordination.holder);
	for (const s of f.shares) if (!s.withdrawn) covered.add(s.org);
	return f.team.some((o) => covered.has(o) && ['owner', 'coordinator', 'case_worker'].includes(a.roles[o] ?? ''));
}

async function insertFolder(f: FolderModel): Promise<string> {
	const [p] = await d.db.insert(people).values({ preferredName: `Person ${randomUUID().slice(0, 8)}` }).returning({ id: people.id });
	const now = new Date();
	const rows: (typeof consents.$inferInsert)[] = [];
	if (f.coordination) {
		rows.push({
			personId: p.id,
			purpose: 'coordination',
			method: 'written',
			recordedByOrganisationId: orgIds[f.coordination.holder],
			...(f.coordination.withdrawn ? { withdrawnAt: now, withdrawalReason: 'asked' } : {})
		});
	}
	for (const s of f.shares) {
		rows.push({ personId: p.id, purpose: 'share', organisationId: orgIds[s.org], method: 'online', ...(s.withdrawn ? { withdrawnAt: now, withdrawalReason: 'asked' } : {}) });
	}
	if (f.oldShare !== null) {
		rows.push({ personId: p.id, purpose: 'share', organisationId: orgIds[f.oldShare], method: 'online', withdrawnAt: now, withdrawalReason: 'earlier' });
	}
	if (rows.length) await d.db.insert(consents).values(rows);
	if (f.team.length) await d.db.insert(caseTeam).values(f.team.map((o) => ({ personId: p.id, organisationId: orgIds[o] })));
	return p.id;
}

const ctxOf = (actor: Actor): Ctx => ({ db: d.db, actor, ip: null, requestId: null, locale: 'en', origin: 'http://localhost' });

describe('nobody reads a folder the rule forbids', () => {
	it('openFolder returns the folder exactly when the rule allows, and refuses otherwise', async () => {
		await fc.assert(
			fc.asyncProperty(folderArb, fc.array(actorArb, { minLength: 1, maxLength: 4 }), async (f, actors) => {
				const personId = await insertFolder(f);
				for (const a of actors) {
					const actor = toActor(a);
					const allowed = mayOpen(a, f);
					let view: Awaited<ReturnType<typeof openFolder>> | null = null;
					let refusal: unknown = null;
					try {
						view = await openFolder(ctxOf(actor), personId);
					} catch (err) {
						refusal = err;
					}
					if (allowed) {
						expect(refusal).toBeNull();
						expect(view?.person.id).toBe(personId);
					} else {
						expect(view).toBeNull();
						expect(refusal instanceof Refusal || refusal instanceof PolicyDenied, String(refusal)).toBe(true);
					}
				}
			}),
			{ numRuns: 40 }
		);
	});

	it('listFolders never lists a folder the rule forbids, nor leaves out one it allows', async () => {
		// A fresh set of folders, and actors who passed the second factor.
		const folders = fc.sample(folderArb, { numRuns: 25, seed: 42 });
		const ids = await Promise.all(folders.map(insertFolder));
		await fc.assert(
			fc.asyncProperty(actorArb.map((a) => ({ ...a, anonymous: false, secondFactor: true })), async (a) => {
				const listed = new Set((await listFolders(ctxOf(toActor(a)))).map((r) => r.id));
				ids.forEach((id, i) => expect(listed.has(id), `folder ${i}`).toBe(mayOpen(a, folders[i])));
			}),
			{ numRuns: 30 }
		);
	});

	it('audits every successful open with the person, and every refusal as denied', async () => {
		const f: FolderModel = { team: [0], coordination: { holder: 0, withdrawn: false }, shares: [], oldShare: null };
		const personId = await insertFolder(f);
		const worker = toActor({ anonymous: false, roles: ['case_worker', undefined, undefined], secondFactor: true });
		const outsider = toActor({ anonymous: false, roles: [undefined, 'case_worker', undefined], secondFactor: true });
		await openFolder(ctxOf(worker), personId);
		await expect(openFolder(ctxOf(outsider), personId)).rejects.toBeInstanceOf(Refusal);
		const rows = await d.db.select().from(auditLog).where(eq(auditLog.resourceId, personId));
		expect(rows.map((r) => [r.action, r.outcome])).toEqual([
			['support.folder.opened', 'done'],
			['folder.view', 'denied']
		]);
	});
});
