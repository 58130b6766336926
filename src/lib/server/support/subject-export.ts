/**
 * Subject access: everything held about a person, as one JSON document (and
 * the readable PDF in subject-pdf.ts, written from the same document).
 * Reads every table of the folder directly (docs/decisions/016): the person,
 * consents, team and workers, assessments with their scores, the plan,
 * notes (all sensitivities: it is the person's own data), tasks, document
 * metadata (never the bytes), protected fields (opened only where the
 * policy lets the exporter read them), referrals with their events, case
 * transfers, guardianships with visits and the transition plan, break-glass
 * grants, and the folder's access log.
 *
 * `folder.export` (the lead worker, or a coordinator or owner of the lead
 * organisation); each export is audited as `support.folder.exported`.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import {
	assessmentScores,
	assessments,
	caseTeam,
	caseTransfers,
	caseWorkers,
	consents,
	documents,
	guardians,
	guardianships,
	guardianVisits,
	neighbourhoods,
	notes,
	organisations,
	people,
	personProtected,
	planActions,
	planGoals,
	referralEvents,
	referrals,
	tasks,
	transitionPlans,
	users
} from '../db/schema/index.ts';
import type { ConsentMethod, ConsentPurpose, LifeDomain, ReferralState } from '../db/schema/index.ts';
import { can } from '../policy/index.ts';
import { accessEntries } from './access-log.ts';
import { grantsOf } from './breakglass.ts';
import { audit, withFolder } from './folders.ts';
import { openSealedProtected } from './protected.ts';

export const EXPORT_FORMAT = 'convive.subject-access/1';

type Iso = string;
const iso = (d: Date | string | null | undefined): Iso | null => (d === null || d === undefined ? null : new Date(d).toISOString());

export interface SubjectExport {
	format: typeof EXPORT_FORMAT;
	exportedAt: Iso;
	person: {
		id: string;
		preferredName: string;
		birthYear: number | null;
		birthDate: string | null;
		languages: string[];
		contact: string | null;
		neighbourhood: string | null;
		unaccompanied: boolean;
		createdAt: Iso;
		createdByOrganisation: string | null;
	};
	consents: {
		id: string;
		purpose: ConsentPurpose;
		organisation: string | null;
		method: ConsentMethod;
		recordedBy: string | null;
		recordedByOrganisation: string | null;
		recordedAt: Iso;
		withdrawnBy: string | null;
		withdrawnAt: Iso | null;
		withdrawalReason: string | null;
	}[];
	team: { organisation: string; addedAt: Iso; removedAt: Iso | null }[];
	workers: { name: string; organisation: string; lead: boolean; addedAt: Iso }[];
	assessments: { id: string; takenAt: Iso; takenBy: string | null; organisation: string | null; comment: string | null; scores: Partial<Record<LifeDomain, number>> }[];
	plan: {
		id: string;
		domain: LifeDomain | null;
		text: string;
		ownWords: string | null;
		status: string;
		createdBy: string | null;
		createdAt: Iso;
		actions: { id: string; text: string; owner: string | null; dueOn: string | null; doneAt: Iso | null; serviceId: string | null; createdAt: Iso }[];
	}[];
	notes: { id: string; kind: string; author: string | null; organisation: string | null; sensitivity: string; body: string; createdAt: Iso }[];
	tasks: { id: string; title: string; dueAt: Iso | null; assignee: string | null; organisation: string | null; createdAt: Iso; doneAt: Iso | null }[];
	documents: { id: string; name: string; mediaType: string; size: number; sha256: string; sensitivity: string; uploadedBy: string | null; organisation: string | null; createdAt: Iso }[];
	/** `none`: nothing recorded; `shown`: opened for this export; `sealed`: held, but the exporter may not read it now. */
	protectedFields: { status: 'none' | 'shown' | 'sealed'; values: Record<string, unknown> | null; updatedAt: Iso | null };
	referrals: {
		id: string;
		service: string;
		fromOrganisation: string | null;
		toOrganisation: string | null;
		sharedFields: string[];
		message: string;
		state: ReferralState;
		createdAt: Iso;
		respondBy: Iso;
		events: { fromState: ReferralState | null; toState: ReferralState; actor: string | null; reason: string | null; at: Iso }[];
	}[];
	caseTransfers: { fromOrganisation: string | null; toOrganisation: string | null; reason: string | null; transferredBy: string | null; transferredAt: Iso }[];
	guardianships: {
		id: string;
		guardian: string | null;
		startedAt: Iso;
		endedAt: Iso | null;
		endedReason: string | null;
		visits: { kind: string; visitedOn: string; summary: string; concern: boolean; recordedBy: string | null; recordedAt: Iso }[];
	}[];
	transitionPlan: { summary: string; agreedOn: string; recordedBy: string | null; recordedAt: Iso } | null;
	breakGlass: { user: string | null; organisation: string | null; reason: string; grantedAt: Iso; expiresAt: Iso; endedAt: Iso | null }[];
	accessLog: { at: Iso; actor: string | null; action: string; outcome: string; details: Record<string, string | number | boolean | null> | null }[];
}

/** Reads everything held about the person (no policy, no audit: callers do both). */
export async function collectSubjectData(tx: Tx, personId: string, readProtected: boolean): Promise<SubjectExport> {
	const recorder = alias(users, 'recorder');
	const withdrawer = alias(users, 'withdrawer');
	const holder = alias(organisations, 'holder');
	const [p] = await tx
		.select({
			id: people.id,
			preferredName: people.preferredName,
			birthYear: people.birthYear,
			birthDate: people.birthDate,
			languages: people.languages,
			contact: people.contact,
			neighbourhood: neighbourhoods.name,
			unaccompanied: people.unaccompanied,
			createdAt: people.createdAt,
			createdByOrganisation: organisations.name
		})
		.from(people)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, people.neighbourhoodId))
		.leftJoin(organisations, eq(organisations.id, people.createdByOrganisationId))
		.where(eq(people.id, personId));

	const consentRows = await tx
		.select({
			id: consents.id,
			purpose: consents.purpose,
			organisation: organisations.name,
			method: consents.method,
			recordedBy: recorder.displayName,
			recordedByOrganisation: holder.name,
			recordedAt: consents.recordedAt,
			withdrawnBy: withdrawer.displayName,
			withdrawnAt: consents.withdrawnAt,
			withdrawalReason: consents.withdrawalReason
		})
		.from(consents)
		.leftJoin(organisations, eq(organisations.id, consents.organisationId))
		.leftJoin(holder, eq(holder.id, consents.recordedByOrganisationId))
		.leftJoin(recorder, eq(recorder.id, consents.recordedBy))
		.leftJoin(withdrawer, eq(withdrawer.id, consents.withdrawnBy))
		.where(eq(consents.personId, personId))
		.orderBy(asc(consents.recordedAt), asc(consents.id));

	const team = await tx
		.select({ organisation: organisations.name, addedAt: caseTeam.addedAt, removedAt: caseTeam.removedAt })
		.from(caseTeam)
		.innerJoin(organisations, eq(organisations.id, caseTeam.organisationId))
		.where(eq(caseTeam.personId, personId))
		.orderBy(asc(caseTeam.addedAt));
	const workers = await tx
		.select({ name: users.displayName, organisation: organisations.name, lead: caseWorkers.lead, addedAt: caseWorkers.addedAt })
		.from(caseWorkers)
		.innerJoin(users, eq(users.id, caseWorkers.userId))
		.innerJoin(organisations, eq(organisations.id, caseWorkers.organisationId))
		.where(eq(caseWorkers.personId, personId))
		.orderBy(asc(caseWorkers.addedAt));

	const assessmentRows = await tx
		.select({ id: assessments.id, takenAt: assessments.takenAt, takenBy: users.displayName, organisation: organisations.name, comment: assessments.comment })
		.from(assessments)
		.leftJoin(users, eq(users.id, assessments.takenBy))
		.leftJoin(organisations, eq(organisations.id, assessments.organisationId))
		.where(eq(assessments.personId, personId))
		.orderBy(asc(assessments.takenAt));
	const scores = assessmentRows.length
		? await tx.select().from(assessmentScores).where(inArray(assessmentScores.assessmentId, assessmentRows.map((a) => a.id)))
		: [];

	const goals = await tx
		.select({ id: planGoals.id, domain: planGoals.domain, text: planGoals.text, ownWords: planGoals.ownWords, status: planGoals.status, createdBy: users.displayName, createdAt: planGoals.createdAt })
		.from(planGoals)
		.leftJoin(users, eq(users.id, planGoals.createdBy))
		.where(eq(planGoals.personId, personId))
		.orderBy(asc(planGoals.createdAt));
	const actions = await tx
		.select({ id: planActions.id, goalId: planActions.goalId, text: planActions.text, owner: users.displayName, dueOn: planActions.dueOn, doneAt: planActions.doneAt, serviceId: planActions.serviceId, createdAt: planActions.createdAt })
		.from(planActions)
		.leftJoin(users, eq(users.id, planActions.ownerUserId))
		.where(eq(planActions.personId, personId))
		.orderBy(asc(planActions.createdAt));

	const noteRows = await tx
		.select({ id: notes.id, kind: notes.kind, author: users.displayName, organisation: organisations.name, sensitivity: notes.sensitivity, body: notes.body, createdAt: notes.createdAt })
		.from(notes)
		.leftJoin(users, eq(users.id, notes.authorId))
		.leftJoin(organisations, eq(organisations.id, notes.organisationId))
		.where(eq(notes.personId, personId))
		.orderBy(asc(notes.createdAt));
	const taskRows = await tx
		.select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt, assignee: users.displayName, organisation: organisations.name, createdAt: tasks.createdAt, doneAt: tasks.doneAt })
		.from(tasks)
		.leftJoin(users, eq(users.id, tasks.assigneeId))
		.leftJoin(organisations, eq(organisations.id, tasks.organisationId))
		.where(eq(tasks.personId, personId))
		.orderBy(asc(tasks.createdAt));
	const documentRows = await tx
		.select({
			id: documents.id,
			name: documents.name,
			mediaType: documents.mediaType,
			size: documents.size,
			sha256: documents.sha256,
			sensitivity: documents.sensitivity,
			uploadedBy: users.displayName,
			organisation: organisations.name,
			createdAt: documents.createdAt
		})
		.from(documents)
		.leftJoin(users, eq(users.id, documents.uploadedBy))
		.leftJoin(organisations, eq(organisations.id, documents.organisationId))
		.where(eq(documents.personId, personId))
		.orderBy(asc(documents.createdAt));

	const [prot] = await tx.select().from(personProtected).where(eq(personProtected.personId, personId));
	let protectedFields: SubjectExport['protectedFields'] = { status: 'none', values: null, updatedAt: null };
	if (prot) {
		protectedFields = { status: 'sealed', values: null, updatedAt: iso(prot.updatedAt) };
		if (readProtected) {
			try {
				const values: Record<string, unknown> = { ...openSealedProtected(prot) };
				protectedFields = { status: 'shown', values, updatedAt: iso(prot.updatedAt) };
			} catch {
				// A value that does not open here stays sealed in the export; it is still listed as held.
			}
		}
	}

	const from = alias(organisations, 'from_org');
	const to = alias(organisations, 'to_org');
	const referralRows = await tx
		.select({
			id: referrals.id,
			service: referrals.serviceName,
			fromOrganisation: from.name,
			toOrganisation: to.name,
			sharedFields: referrals.sharedFields,
			message: referrals.message,
			state: referrals.state,
			createdAt: referrals.createdAt,
			respondBy: referrals.respondBy
		})
		.from(referrals)
		.leftJoin(from, eq(from.id, referrals.fromOrganisationId))
		.leftJoin(to, eq(to.id, referrals.toOrganisationId))
		.where(eq(referrals.personId, personId))
		.orderBy(asc(referrals.createdAt));
	const eventRows = referralRows.length
		? await tx
				.select({ referralId: referralEvents.referralId, fromState: referralEvents.fromState, toState: referralEvents.toState, actor: users.displayName, reason: referralEvents.reason, at: referralEvents.at })
				.from(referralEvents)
				.leftJoin(users, eq(users.id, referralEvents.actorId))
				.where(inArray(referralEvents.referralId, referralRows.map((r) => r.id)))
				.orderBy(asc(referralEvents.at))
		: [];

	const tFrom = alias(organisations, 't_from');
	const tTo = alias(organisations, 't_to');
	const transfers = await tx
		.select({ fromOrganisation: tFrom.name, toOrganisation: tTo.name, reason: caseTransfers.reason, transferredBy: users.displayName, transferredAt: caseTransfers.transferredAt })
		.from(caseTransfers)
		.leftJoin(tFrom, eq(tFrom.id, caseTransfers.fromOrganisationId))
		.leftJoin(tTo, eq(tTo.id, caseTransfers.toOrganisationId))
		.leftJoin(users, eq(users.id, caseTransfers.transferredBy))
		.where(eq(caseTransfers.personId, personId))
		.orderBy(asc(caseTransfers.transferredAt));

	const guardianUser = alias(users, 'guardian_user');
	const ships = await tx
		.select({ id: guardianships.id, guardian: guardianUser.displayName, startedAt: guardianships.startedAt, endedAt: guardianships.endedAt, endedReason: guardianships.endedReason })
		.from(guardianships)
		.leftJoin(guardians, eq(guardians.id, guardianships.guardianId))
		.leftJoin(guardianUser, eq(guardianUser.id, guardians.userId))
		.where(eq(guardianships.childId, personId))
		.orderBy(asc(guardianships.startedAt));
	const visits = ships.length
		? await tx
				.select({ guardianshipId: guardianVisits.guardianshipId, kind: guardianVisits.kind, visitedOn: guardianVisits.visitedOn, summary: guardianVisits.summary, concern: guardianVisits.concern, recordedBy: users.displayName, recordedAt: guardianVisits.recordedAt })
				.from(guardianVisits)
				.leftJoin(users, eq(users.id, guardianVisits.recordedBy))
				.where(inArray(guardianVisits.guardianshipId, ships.map((s) => s.id)))
				.orderBy(asc(guardianVisits.visitedOn))
		: [];
	const [transition] = await tx
		.select({ summary: transitionPlans.summary, agreedOn: transitionPlans.agreedOn, recordedBy: users.displayName, recordedAt: transitionPlans.recordedAt })
		.from(transitionPlans)
		.leftJoin(users, eq(users.id, transitionPlans.recordedBy))
		.where(eq(transitionPlans.childId, personId));

	const grants = await grantsOf(tx, personId);
	const log = await accessEntries(tx, personId);

	return {
		format: EXPORT_FORMAT,
		exportedAt: new Date().toISOString(),
		person: { ...p, createdAt: iso(p.createdAt)! },
		consents: consentRows.map((c) => ({ ...c, recordedAt: iso(c.recordedAt)!, withdrawnAt: iso(c.withdrawnAt) })),
		team: team.map((t) => ({ organisation: t.organisation, addedAt: iso(t.addedAt)!, removedAt: iso(t.removedAt) })),
		workers: workers.map((w) => ({ ...w, addedAt: iso(w.addedAt)! })),
		assessments: assessmentRows.map((a) => ({
			...a,
			takenAt: iso(a.takenAt)!,
			scores: Object.fromEntries(scores.filter((s) => s.assessmentId === a.id).map((s) => [s.domain, s.score]))
		})),
		plan: goals.map((g) => ({
			...g,
			createdAt: iso(g.createdAt)!,
			actions: actions.filter((a) => a.goalId === g.id).map(({ goalId: _g, ...a }) => ({ ...a, doneAt: iso(a.doneAt), createdAt: iso(a.createdAt)! }))
		})),
		notes: noteRows.map((n) => ({ ...n, createdAt: iso(n.createdAt)! })),
		tasks: taskRows.map((t) => ({ ...t, dueAt: iso(t.dueAt), createdAt: iso(t.createdAt)!, doneAt: iso(t.doneAt) })),
		documents: documentRows.map((d) => ({ ...d, createdAt: iso(d.createdAt)! })),
		protectedFields,
		referrals: referralRows.map((r) => ({
			...r,
			createdAt: iso(r.createdAt)!,
			respondBy: iso(r.respondBy)!,
			events: eventRows.filter((e) => e.referralId === r.id).map(({ referralId: _r, ...e }) => ({ ...e, at: iso(e.at)! }))
		})),
		caseTransfers: transfers.map((t) => ({ ...t, transferredAt: iso(t.transferredAt)! })),
		guardianships: ships.map((s) => ({
			...s,
			startedAt: iso(s.startedAt)!,
			endedAt: iso(s.endedAt),
			visits: visits.filter((v) => v.guardianshipId === s.id).map(({ guardianshipId: _s, ...v }) => ({ ...v, recordedAt: iso(v.recordedAt)! }))
		})),
		transitionPlan: transition ? { ...transition, recordedAt: iso(transition.recordedAt)! } : null,
		breakGlass: grants.map((g) => ({ user: g.userName, organisation: g.organisationName, reason: g.reason, grantedAt: iso(g.grantedAt)!, expiresAt: iso(g.expiresAt)!, endedAt: iso(g.endedAt) })),
		accessLog: log.map((e) => ({ at: e.at, actor: e.actorName, action: e.action, outcome: e.outcome, details: e.details }))
	};
}

/**
 * Everything held about the person, for `folder.export`; audited with the
 * format (json or pdf) and the language asked for.
 */
export async function exportSubject(ctx: Ctx, personId: string, format: 'json' | 'pdf', locale: string): Promise<SubjectExport> {
	return withFolder(ctx, 'folder.export', personId, 'share', async (tx, facts) => {
		const data = await collectSubjectData(tx, personId, can(ctx.actor, 'folder.protected.view', facts) === 'allowed');
		await audit(ctx, tx, 'support.folder.exported', personId, 'done', { format, locale });
		return data;
	});
}

/** What the export page shows: the person's name and languages (to choose the PDF's language). */
export async function exportPage(ctx: Ctx, personId: string) {
	return withFolder(ctx, 'folder.export', personId, 'share', async (tx) => {
		const [p] = await tx.select({ id: people.id, preferredName: people.preferredName, languages: people.languages }).from(people).where(and(eq(people.id, personId), isNull(people.erasedAt)));
		await audit(ctx, tx, 'support.folder.export_viewed', personId);
		return p;
	});
}
