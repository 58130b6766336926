/**
 * Closed-loop referrals (issue 4, docs/decisions/016-support-folder.md).
 *
 * A case worker refers a person from their folder to a service of the
 * directory. Only what the worker chose travels (minimum by default: the
 * preferred name, the languages and the message), and only under an active
 * `share` consent naming the receiving organisation. The receiving
 * organisation sees those fields and never the folder; the sending side
 * (whoever may open the folder) sees every change.
 *
 * Every change names the version of the referral it saw and follows the one
 * table in transitions.ts: a replayed form (the version moved on) or a change
 * out of order (completing a declined referral) is refused with a clear
 * message, nothing changes, and the attempt is audited as denied. Every
 * change is a `referral_events` row and an e-mail to the sender.
 *
 * Reads and writes are audited with the person's id, like every folder use
 * case; a referral one may not see gets the same 403 whether it exists or not.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { actorId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import {
	assessments,
	assessmentScores,
	auditLog,
	consents,
	neighbourhoods,
	organisations,
	people,
	planGoals,
	referralEvents,
	referralFields,
	referrals,
	services,
	users
} from '../db/schema/index.ts';
import type { LifeDomain, ReferralField, ReferralState } from '../db/schema/index.ts';
import { can, PolicyDenied, type Action, type FolderResource, type ReferralResource } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { audit, loadFolderFacts, withFolder } from '../support/folders.ts';
import { localText, type LocalText } from '../../directory/text.ts';
import { CONSENT_WITHDRAWN, checkTransition, isOpen, nextStates, readDecline, transitionTo, writeDecline, type DeclineReason, type Transition } from './transitions.ts';
import { addWorkingDays, cityTimeZone } from './workdays.ts';
import { mailChanged, mailClosedToReceiver, mailReceived } from './emails.ts';

/** The one answer to a referral one may not see, whether it exists or not (its existence is private). */
export const referralNotFound = () => new Refusal(403, 'referrals_not_found');

/** Fields that always travel. */
export const minimumFields: readonly ReferralField[] = ['preferred_name', 'languages'];
/** Fields the sender may add, from this fixed list only. */
export const extraFields = referralFields.filter((f) => !minimumFields.includes(f)) as Exclude<ReferralField, 'preferred_name' | 'languages'>[];
export type ExtraField = (typeof extraFields)[number];

/** Accept or decline within this many working days (the response-time target). */
export const RESPONSE_WORKING_DAYS = 3;

const folderRoles = ['owner', 'coordinator', 'case_worker'] as const;

/** The actor's organisation on the team whose access a consent covers: the organisation that sends. */
function senderOrganisation(ctx: Ctx, facts: FolderResource): string | null {
	if (ctx.actor.kind !== 'user') return null;
	const actor = ctx.actor;
	return (
		facts.teamOrganisationIds.find((id) => {
			const role = actor.memberships.get(id);
			return role !== undefined && (folderRoles as readonly string[]).includes(role) && facts.consentedOrganisationIds.includes(id);
		}) ?? null
	);
}

// ---------------------------------------------------------------------------
// Loading one referral with the facts its policy needs

interface Loaded {
	row: typeof referrals.$inferSelect;
	resource: ReferralResource;
	/** The `share` consent it travelled under is still active. */
	shareActive: boolean;
}

async function loadReferral(tx: Tx, referralId: string, lock: 'update' | 'share' | null): Promise<Loaded | null> {
	const q = tx.select().from(referrals).where(eq(referrals.id, referralId));
	const [row] = lock ? await q.for(lock) : await q;
	if (!row) return null;
	const folder = await loadFolderFacts(tx, row.personId);
	const [share] = row.consentId
		? await tx
				.select({ id: consents.id })
				.from(consents)
				.where(and(eq(consents.id, row.consentId), isNull(consents.withdrawnAt), eq(consents.organisationId, row.toOrganisationId)))
		: [];
	return {
		row,
		resource: { type: 'referral', referralId: row.id, fromOrganisationId: row.fromOrganisationId, toOrganisationId: row.toOrganisationId, folder },
		shareActive: Boolean(share)
	};
}

export type Side = 'sender' | 'receiver';

type Decided = { ok: true; side: Side } | { ok: false; decision: 'denied' | 'sign_in_required' | 'second_factor_required'; reason: string };

/**
 * Who the actor is to this referral, for `action`: the sending side (may open
 * the folder) or the receiving organisation, which loses the referral the
 * moment the `share` consent behind it is withdrawn.
 */
function decide(ctx: Ctx, loaded: Loaded, action: Action): Decided {
	const r = loaded.resource;
	const view = can(ctx.actor, 'referral.view', r);
	if (view !== 'allowed') return { ok: false, decision: view, reason: 'policy' };
	const sender = r.folder !== null && can(ctx.actor, 'folder.view', r.folder) === 'allowed';
	if (!sender && !loaded.shareActive) return { ok: false, decision: 'denied', reason: 'consent' };
	const d = action === 'referral.view' ? view : can(ctx.actor, action, r);
	if (d !== 'allowed') return { ok: false, decision: d, reason: 'action' };
	return { ok: true, side: sender ? 'sender' : 'receiver' };
}

/** A refusal, audited outside the (rolled back) transaction, then thrown. */
async function refuse(ctx: Ctx, action: string, referralId: string, personId: string | null, decided: Exclude<Decided, { ok: true }>, visible: boolean): Promise<never> {
	if (decided.decision === 'sign_in_required' || decided.decision === 'second_factor_required') throw new PolicyDenied(decided.decision, action as Action);
	await audit(ctx, ctx.db, action, personId, 'denied', { referralId: referralId.slice(0, 64), reason: decided.reason });
	// One who may see the referral but not make this change is told so; anyone else finds nothing.
	throw visible ? new Refusal(403, 'referrals_not_yours') : referralNotFound();
}

/**
 * Asks the policy for `action` on a referral without doing anything else (a
 * route's first line, before it reads a form). Refusals as in every use case.
 */
export async function checkReferral(ctx: Ctx, action: Action, referralId: string): Promise<Side> {
	if (!isUuid(referralId)) return refuseUnknown(ctx, action, referralId);
	const out = await ctx.db.transaction(async (tx) => {
		const loaded = await loadReferral(tx, referralId, 'share');
		if (!loaded) return { loaded: null, decided: null };
		return { loaded, decided: decide(ctx, loaded, action) };
	});
	if (!out.loaded || !out.decided) return refuseUnknown(ctx, action, referralId);
	if (!out.decided.ok) return refuse(ctx, action, referralId, out.loaded.row.personId, out.decided, out.decided.reason === 'action');
	return out.decided.side;
}

async function refuseUnknown(ctx: Ctx, action: string, referralId: string): Promise<never> {
	if (ctx.actor.kind !== 'user') throw new PolicyDenied('sign_in_required', action as Action);
	await audit(ctx, ctx.db, action, null, 'denied', { referralId: referralId.slice(0, 64), reason: 'not_found' });
	throw referralNotFound();
}

// ---------------------------------------------------------------------------
// The folder's referrals page (the sending side)

/** Why a referral was declined or closed, or its outcome, ready to be put in words. */
export type EventReason =
	| { kind: 'declined'; code: DeclineReason; comment: string }
	| { kind: 'consent_withdrawn' }
	| { kind: 'text'; text: string }
	| null;

export interface ReferralEventView {
	id: string;
	fromState: ReferralState | null;
	toState: ReferralState;
	actorName: string | null;
	organisationName: string | null;
	reason: EventReason;
	at: Date;
}

function eventReason(toState: ReferralState, stored: string | null): EventReason {
	if (stored === null || stored === '') return null;
	if (toState === 'declined') return { kind: 'declined', ...readDecline(stored) };
	if (toState === 'closed' && stored === CONSENT_WITHDRAWN) return { kind: 'consent_withdrawn' };
	return { kind: 'text', text: stored };
}

export interface FolderReferral {
	id: string;
	state: ReferralState;
	version: number;
	service: string;
	toOrganisationName: string;
	fromOrganisationName: string | null;
	fromUserName: string | null;
	sharedFields: ReferralField[];
	message: string;
	createdAt: Date;
	respondBy: Date;
	overdue: boolean;
	events: ReferralEventView[];
}

async function eventsOf(tx: Tx, referralIds: readonly string[]): Promise<Map<string, ReferralEventView[]>> {
	const out = new Map<string, ReferralEventView[]>();
	if (referralIds.length === 0) return out;
	const rows = await tx
		.select({
			referralId: referralEvents.referralId,
			id: referralEvents.id,
			fromState: referralEvents.fromState,
			toState: referralEvents.toState,
			actorName: users.displayName,
			organisationName: organisations.name,
			reason: referralEvents.reason,
			at: referralEvents.at
		})
		.from(referralEvents)
		.leftJoin(users, eq(users.id, referralEvents.actorId))
		.leftJoin(organisations, eq(organisations.id, referralEvents.organisationId))
		.where(inArray(referralEvents.referralId, [...referralIds]))
		.orderBy(asc(referralEvents.at), asc(referralEvents.id));
	for (const { referralId, reason, ...e } of rows) out.set(referralId, [...(out.get(referralId) ?? []), { ...e, reason: eventReason(e.toState, reason) }]);
	return out;
}

export interface ReferralsPage {
	person: { id: string; preferredName: string };
	referrals: FolderReferral[];
	/** The actor may send a referral from this folder. */
	canCreate: boolean;
	/** Active `share` consents: the organisations a referral may go to. */
	consents: { id: string; organisationId: string; organisationName: string }[];
	/** Active services of those organisations. */
	services: { id: string; name: string; organisationId: string; organisationName: string }[];
	timeZone: string;
}

/** Everything the folder's referrals page shows: each referral with its events, and what a new one may go to. */
export async function folderReferrals(ctx: Ctx, personId: string, now = new Date()): Promise<ReferralsPage> {
	return withFolder(ctx, 'folder.view', personId, 'share', async (tx, facts) => {
		const [person] = await tx.select({ id: people.id, preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
		const toOrg = alias(organisations, 'to_org');
		const rows = await tx
			.select({
				id: referrals.id,
				state: referrals.state,
				version: referrals.version,
				serviceName: referrals.serviceName,
				liveName: services.name,
				toOrganisationName: toOrg.name,
				fromOrganisationName: organisations.name,
				fromUserName: users.displayName,
				sharedFields: referrals.sharedFields,
				message: referrals.message,
				createdAt: referrals.createdAt,
				respondBy: referrals.respondBy
			})
			.from(referrals)
			.innerJoin(toOrg, eq(toOrg.id, referrals.toOrganisationId))
			.leftJoin(organisations, eq(organisations.id, referrals.fromOrganisationId))
			.leftJoin(users, eq(users.id, referrals.fromUserId))
			.leftJoin(services, eq(services.id, referrals.serviceId))
			.where(eq(referrals.personId, personId))
			.orderBy(desc(referrals.createdAt), desc(referrals.id));
		const events = await eventsOf(tx, rows.map((r) => r.id));
		const canCreate = can(ctx.actor, 'referral.create', facts) === 'allowed';
		const shares = canCreate
			? await tx
					.select({ id: consents.id, organisationId: sql<string>`${consents.organisationId}`, organisationName: organisations.name })
					.from(consents)
					.innerJoin(organisations, eq(organisations.id, consents.organisationId))
					.where(and(eq(consents.personId, personId), eq(consents.purpose, 'share'), isNull(consents.withdrawnAt), eq(organisations.verification, 'verified')))
					.orderBy(asc(organisations.name), asc(consents.id))
			: [];
		const serviceRows = shares.length
			? await tx
					.select({ id: services.id, name: services.name, organisationId: services.organisationId })
					.from(services)
					.where(and(inArray(services.organisationId, shares.map((s) => s.organisationId)), eq(services.status, 'active')))
			: [];
		const orgName = new Map(shares.map((s) => [s.organisationId, s.organisationName]));
		await audit(ctx, tx, 'referral.listed', personId, 'done', { count: rows.length });
		return {
			person,
			referrals: rows.map(({ liveName, serviceName, ...r }) => ({
				...r,
				service: localText(liveName as LocalText | null, ctx.locale) || serviceName,
				overdue: r.state === 'sent' && r.respondBy <= now,
				events: events.get(r.id) ?? []
			})),
			canCreate,
			consents: shares,
			services: serviceRows
				.map((s) => ({ id: s.id, name: localText(s.name, ctx.locale) || s.id, organisationId: s.organisationId, organisationName: orgName.get(s.organisationId) ?? '' }))
				.sort((a, b) => a.organisationName.localeCompare(b.organisationName, ctx.locale) || a.name.localeCompare(b.name, ctx.locale)),
			timeZone: cityTimeZone()
		};
	});
}

// ---------------------------------------------------------------------------
// Sending a referral

export interface NewReferralInput {
	formId: string;
	serviceId: string;
	consentId: string;
	/** Extra fields beyond the minimum, from the fixed list. */
	fields: ExtraField[];
	message: string;
}

/**
 * Sends a referral from the folder to a service: the chosen `share` consent
 * must be active and name the service's organisation; only the minimum and
 * the chosen extra fields travel; an answer is due in 3 working days. The
 * same form posted twice sends one referral.
 */
export async function createReferral(ctx: Ctx, personId: string, input: NewReferralInput, now = new Date()): Promise<{ referralId: string; replayed: boolean }> {
	const userId = actorId(ctx);
	return withFolder(ctx, 'referral.create', personId, 'update', async (tx, facts) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'referral-form:' + input.formId}))`);
		const [earlier] = await tx
			.select({ id: sql<string>`${auditLog.details}->>'referralId'` })
			.from(auditLog)
			.where(and(eq(auditLog.action, 'referral.created'), eq(auditLog.actorId, userId ?? ''), sql`${auditLog.details}->>'formId' = ${input.formId}`))
			.limit(1);
		if (earlier?.id) return { referralId: earlier.id, replayed: true };

		const [service] = await tx
			.select({ id: services.id, name: services.name, organisationId: services.organisationId, organisationName: organisations.name })
			.from(services)
			.innerJoin(organisations, eq(organisations.id, services.organisationId))
			.where(and(eq(services.id, input.serviceId), eq(services.status, 'active'), eq(organisations.verification, 'verified')));
		if (!service) throw new Refusal(400, 'referrals_service_unknown', 'serviceId');
		const [consent] = await tx
			.select({ id: consents.id, organisationId: consents.organisationId })
			.from(consents)
			.where(and(eq(consents.id, input.consentId), eq(consents.personId, personId), eq(consents.purpose, 'share'), isNull(consents.withdrawnAt)));
		if (!consent) throw new Refusal(400, 'referrals_consent_unknown', 'consentId');
		if (consent.organisationId !== service.organisationId) throw new Refusal(400, 'referrals_consent_wrong_organisation', 'consentId');
		const from = senderOrganisation(ctx, facts);
		const shared = [...minimumFields, ...extraFields.filter((f) => input.fields.includes(f))];
		const respondBy = addWorkingDays(now, RESPONSE_WORKING_DAYS);
		const serviceName = localText(service.name, ctx.locale) || service.id;
		const [row] = await tx
			.insert(referrals)
			.values({
				personId,
				fromOrganisationId: from,
				fromUserId: userId,
				serviceId: service.id,
				serviceName,
				toOrganisationId: service.organisationId,
				consentId: consent.id,
				sharedFields: shared,
				message: input.message,
				state: 'sent',
				respondBy,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: referrals.id });
		await tx.insert(referralEvents).values({ referralId: row.id, fromState: null, toState: 'sent', actorId: userId, organisationId: from, at: now });
		await audit(ctx, tx, 'referral.created', personId, 'done', {
			referralId: row.id,
			formId: input.formId,
			toOrganisationId: service.organisationId,
			fields: shared.join(',')
		});
		const [fromOrg] = from ? await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, from)) : [];
		await mailReceived(tx, {
			referralId: row.id,
			service: serviceName,
			fromOrganisation: fromOrg?.name ?? '',
			toOrganisation: service.organisationName,
			toOrganisationId: service.organisationId,
			respondBy,
			origin: ctx.origin,
			except: userId
		});
		return { referralId: row.id, replayed: false };
	});
}

// ---------------------------------------------------------------------------
// Viewing one referral

export interface SharedPerson {
	preferredName?: string;
	languages?: string[];
	birthYear?: number | null;
	contact?: string | null;
	neighbourhood?: string | null;
	needs?: { domain: LifeDomain; score: number }[];
	plan?: { text: string; ownWords: string | null }[];
}

export interface ReferralView {
	id: string;
	side: Side;
	/** Only for the sending side: the folder it came from. */
	personId: string | null;
	state: ReferralState;
	version: number;
	service: string;
	fromOrganisationName: string | null;
	fromUserName: string | null;
	toOrganisationName: string;
	sharedFields: ReferralField[];
	/** The shared fields' values, and nothing else of the folder. */
	person: SharedPerson;
	message: string;
	createdAt: Date;
	respondBy: Date;
	overdue: boolean;
	events: ReferralEventView[];
	/** The changes this actor may make now. */
	moves: Transition[];
	timeZone: string;
}

/** The values of exactly the shared fields, read when the referral is opened (withdrawn consent: nothing). */
async function sharedPerson(tx: Tx, personId: string, fields: readonly ReferralField[]): Promise<SharedPerson> {
	const [p] = await tx
		.select({
			preferredName: people.preferredName,
			languages: people.languages,
			birthYear: people.birthYear,
			contact: people.contact,
			neighbourhood: neighbourhoods.name,
			erasedAt: people.erasedAt
		})
		.from(people)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, people.neighbourhoodId))
		.where(eq(people.id, personId));
	if (!p || p.erasedAt) return {};
	const out: SharedPerson = {};
	if (fields.includes('preferred_name')) out.preferredName = p.preferredName;
	if (fields.includes('languages')) out.languages = p.languages;
	if (fields.includes('birth_year')) out.birthYear = p.birthYear;
	if (fields.includes('contact')) out.contact = p.contact;
	if (fields.includes('neighbourhood')) out.neighbourhood = p.neighbourhood;
	if (fields.includes('needs')) {
		const [latest] = await tx
			.select({ id: assessments.id })
			.from(assessments)
			.where(eq(assessments.personId, personId))
			.orderBy(desc(assessments.takenAt), desc(assessments.id))
			.limit(1);
		out.needs = latest
			? await tx
					.select({ domain: assessmentScores.domain, score: assessmentScores.score })
					.from(assessmentScores)
					.where(eq(assessmentScores.assessmentId, latest.id))
					.orderBy(asc(assessmentScores.score), asc(assessmentScores.domain))
			: [];
	}
	if (fields.includes('plan')) {
		out.plan = await tx
			.select({ text: planGoals.text, ownWords: planGoals.ownWords })
			.from(planGoals)
			.where(and(eq(planGoals.personId, personId), eq(planGoals.status, 'open')))
			.orderBy(asc(planGoals.createdAt), asc(planGoals.id));
	}
	return out;
}

/**
 * One referral as its viewer may see it: the receiving organisation gets the
 * shared fields only (never a way into the folder); the sending side gets the
 * same plus the folder's address. Audited as `referral.viewed` on the person.
 */
export async function openReferral(ctx: Ctx, referralId: string, now = new Date()): Promise<ReferralView> {
	if (!isUuid(referralId)) return refuseUnknown(ctx, 'referral.view', referralId);
	type Out = { ok: true; view: ReferralView } | { ok: false; personId: string | null; decided: Exclude<Decided, { ok: true }> | null };
	const out: Out = await ctx.db.transaction(async (tx) => {
		const loaded = await loadReferral(tx, referralId, 'share');
		if (!loaded) return { ok: false, personId: null, decided: null };
		const decided = decide(ctx, loaded, 'referral.view');
		if (!decided.ok) return { ok: false, personId: loaded.row.personId, decided };
		const row = loaded.row;
		const names = await namesOf(tx, row);
		const events = (await eventsOf(tx, [row.id])).get(row.id) ?? [];
		const person = await sharedPerson(tx, row.personId, row.sharedFields);
		const moves = nextStates(row.state).filter((t) => can(ctx.actor, t.action, loaded.resource) === 'allowed' && (decided.side === 'sender' || loaded.shareActive));
		await audit(ctx, tx, 'referral.viewed', row.personId, 'done', { referralId: row.id, side: decided.side });
		return {
			ok: true,
			view: {
				id: row.id,
				side: decided.side,
				personId: decided.side === 'sender' ? row.personId : null,
				state: row.state,
				version: row.version,
				service: localText(names.liveName, ctx.locale) || row.serviceName,
				fromOrganisationName: names.from,
				fromUserName: names.fromUser,
				toOrganisationName: names.to,
				sharedFields: row.sharedFields,
				person,
				message: row.message,
				createdAt: row.createdAt,
				respondBy: row.respondBy,
				overdue: row.state === 'sent' && row.respondBy <= now,
				events,
				moves,
				timeZone: cityTimeZone()
			}
		};
	});
	if (out.ok) return out.view;
	if (!out.decided) return refuseUnknown(ctx, 'referral.view', referralId);
	return refuse(ctx, 'referral.view', referralId, out.personId, out.decided, false);
}

// ---------------------------------------------------------------------------
// Changing a referral's state

export interface ChangeInput {
	to: ReferralState;
	/** The version of the referral the form was drawn from. */
	version: number;
	/** For a decline: one of the fixed reasons. */
	declineReason?: DeclineReason | null;
	/** The reason (decline comment, closing reason) or the outcome (completion). */
	text?: string | null;
}

/**
 * Moves a referral to `to`, if the table allows it from its current state,
 * the actor may (respond: the receiver; close: either side), and the form
 * saw the current version. Otherwise refused with a clear message, nothing
 * changed, and the attempt audited as denied. On success: the new state and
 * version, a `referral_events` row, an audit entry, and an e-mail to the
 * sender (and to the receiver when the sending side closes it).
 */
export async function changeReferral(ctx: Ctx, referralId: string, input: ChangeInput, now = new Date()): Promise<{ state: ReferralState; version: number }> {
	const t = transitionTo(input.to);
	const action: Action = t?.action ?? 'referral.respond';
	const auditAction = 'referral.changed';
	if (!isUuid(referralId)) return refuseUnknown(ctx, auditAction, referralId);
	type Out =
		| { ok: true; state: ReferralState; version: number }
		| { ok: false; personId: string | null; decided: Exclude<Decided, { ok: true }> | null }
		| { ok: false; personId: string; refusal: Refusal; details: Record<string, string | number> };
	const out: Out = await ctx.db.transaction(async (tx) => {
		const loaded = await loadReferral(tx, referralId, 'update');
		if (!loaded) return { ok: false, personId: null, decided: null };
		const decided = decide(ctx, loaded, action);
		if (!decided.ok) return { ok: false, personId: loaded.row.personId, decided };
		const row = loaded.row;
		const base = { referralId: row.id, state: row.state, to: input.to, version: input.version, current: row.version };
		if (input.version !== row.version) {
			return { ok: false, personId: row.personId, refusal: new Refusal(409, isOpen(row.state) ? 'referrals_stale' : 'referrals_already_final'), details: { ...base, reason: 'stale' } };
		}
		const text = (input.text ?? '').trim();
		const check = checkTransition(row.state, input.to, input.to === 'declined' ? (input.declineReason ?? '') : text);
		if (!check.ok && check.problem === 'not_allowed') {
			return { ok: false, personId: row.personId, refusal: new Refusal(409, 'referrals_transition_refused'), details: { ...base, reason: 'transition' } };
		}
		if (!check.ok) {
			const field = input.to === 'declined' ? 'declineReason' : 'text';
			const key = check.problem === 'needs_outcome' ? 'referrals_outcome_required' : input.to === 'declined' ? 'referrals_decline_reason_required' : 'referrals_reason_required';
			return { ok: false, personId: row.personId, refusal: new Refusal(400, key, field), details: { ...base, reason: 'incomplete' } };
		}
		if (input.to === 'declined' && input.declineReason === 'other' && !text) {
			return { ok: false, personId: row.personId, refusal: new Refusal(400, 'referrals_decline_other_needs_text', 'text'), details: { ...base, reason: 'incomplete' } };
		}
		const reason = input.to === 'declined' ? writeDecline(input.declineReason!, text) : check.transition.needs ? text : null;
		const userId = actorId(ctx);
		const organisationId = decided.side === 'receiver' ? row.toOrganisationId : loaded.resource.folder ? senderOrganisation(ctx, loaded.resource.folder) : null;
		const [updated] = await tx
			.update(referrals)
			.set({
				state: input.to,
				version: sql`${referrals.version} + 1`,
				updatedAt: now,
				...(row.state === 'sent' ? { respondedAt: now } : {})
			})
			.where(and(eq(referrals.id, row.id), eq(referrals.version, row.version)))
			.returning({ state: referrals.state, version: referrals.version });
		await tx.insert(referralEvents).values({ referralId: row.id, fromState: row.state, toState: input.to, actorId: userId, organisationId, reason, at: now });
		await audit(ctx, tx, auditAction, row.personId, 'done', { referralId: row.id, from: row.state, to: input.to, side: decided.side });
		const facts = await mailFacts(tx, row, ctx);
		// The sender hears of every change made by someone else.
		if (row.fromUserId !== userId) await mailChanged(tx, { ...facts, senderId: row.fromUserId, state: input.to });
		if (input.to === 'closed' && decided.side === 'sender') await mailClosedToReceiver(tx, { ...facts, toOrganisationId: row.toOrganisationId, consentWithdrawn: false, except: userId });
		return { ok: true, state: updated.state, version: updated.version };
	});
	if (out.ok) return { state: out.state, version: out.version };
	if ('refusal' in out) {
		await audit(ctx, ctx.db, auditAction, out.personId, 'denied', out.details);
		throw out.refusal;
	}
	if (!out.decided) return refuseUnknown(ctx, auditAction, referralId);
	return refuse(ctx, auditAction, referralId, out.personId, out.decided, out.decided.reason === 'action');
}

/** The names around a referral: its organisations, its sender, the service's current name. */
async function namesOf(tx: Tx, row: typeof referrals.$inferSelect) {
	const fromOrg = alias(organisations, 'from_org');
	const [names] = await tx
		.select({ to: organisations.name, from: fromOrg.name, fromUser: users.displayName, liveName: services.name })
		.from(referrals)
		.innerJoin(organisations, eq(organisations.id, referrals.toOrganisationId))
		.leftJoin(fromOrg, eq(fromOrg.id, referrals.fromOrganisationId))
		.leftJoin(users, eq(users.id, referrals.fromUserId))
		.leftJoin(services, eq(services.id, referrals.serviceId))
		.where(eq(referrals.id, row.id));
	return names;
}

async function mailFacts(tx: Tx, row: typeof referrals.$inferSelect, ctx: { origin: string | null }) {
	const names = await namesOf(tx, row);
	return { referralId: row.id, service: row.serviceName, fromOrganisation: names.from ?? '', toOrganisation: names.to, origin: ctx.origin };
}

/**
 * Closes every open referral that a withdrawn `share` consent covered, in the
 * withdrawal's own transaction (called from support/folders.ts
 * withdrawConsent): the receiving organisation loses them at once. Each gets
 * a `closed` event with the reason `consent_withdrawn` (the withdrawal's own
 * words stay in the folder), the sender and the receiver an e-mail.
 */
export async function closeReferralsForConsent(ctx: Ctx, tx: Tx, personId: string, consentId: string, now = new Date()): Promise<number> {
	const open = await tx
		.select()
		.from(referrals)
		.where(and(eq(referrals.personId, personId), eq(referrals.consentId, consentId), inArray(referrals.state, ['sent', 'accepted', 'in_progress'])))
		.for('update');
	const userId = actorId(ctx);
	for (const row of open) {
		await tx
			.update(referrals)
			.set({ state: 'closed', version: sql`${referrals.version} + 1`, updatedAt: now, ...(row.state === 'sent' ? { respondedAt: now } : {}) })
			.where(eq(referrals.id, row.id));
		await tx.insert(referralEvents).values({ referralId: row.id, fromState: row.state, toState: 'closed', actorId: userId, organisationId: null, reason: CONSENT_WITHDRAWN, at: now });
		await audit(ctx, tx, 'referral.changed', personId, 'done', { referralId: row.id, from: row.state, to: 'closed', side: 'consent' });
		const facts = await mailFacts(tx, row, ctx);
		if (row.fromUserId !== userId) await mailChanged(tx, { ...facts, senderId: row.fromUserId, state: 'closed' });
		await mailClosedToReceiver(tx, { ...facts, toOrganisationId: row.toOrganisationId, consentWithdrawn: true });
	}
	return open.length;
}
