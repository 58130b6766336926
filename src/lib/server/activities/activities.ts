/**
 * Neighbourhood activities (issue 6): organisations create, edit and cancel
 * them (`activities.manage`); residents propose them for a neighbourhood with
 * a house (`activities.self`), and the house's coordinators publish or reject
 * them with a reason (`activities.review`); anyone lists the published ones
 * (`activities.view`). Trainings and networking events for volunteers are
 * shown only to people with a volunteer profile.
 *
 * A date and local start and end times in the city's zone become UTC instants
 * (`zonedInstant`), so 18:00 is 18:00 on both sides of a change of clocks.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import {
	activities,
	activityRsvps,
	neighbourhoodHouses,
	neighbourhoods,
	organisations,
	users,
	type AccessibilityFeature,
	type ActivityAudience,
	type ActivityKind,
	type ActivityStatus,
	type ActivityTranslations
} from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin, mailMoment } from '../referrals/emails.ts';
import { addDays, zonedInstant } from '../../directory/hours.ts';
import { cityToday } from '../guardianship/age.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { activityHead, activityNotFound, audit, isVolunteer, localised, manages, me, orgResource, requirePolicy, reviews, visible } from './common.ts';
import type { ActivityInput, ListQuery, ProposalInput } from './schemas.ts';

/** A resident may have this many proposals waiting for review at once. */
export const MAX_PENDING_PROPOSALS = 3;
export const PAGE_SIZE = 20;

type Common = Omit<ActivityInput, 'kind' | 'audience'>;

function times(input: Pick<Common, 'date' | 'start' | 'end'>) {
	const startsAt = zonedInstant(input.date, input.start);
	const endsAt = zonedInstant(input.date, input.end);
	if (endsAt <= startsAt) throw new Refusal(400, 'activities_ends_before_starts', 'end');
	return { startsAt, endsAt };
}

function values(input: Common) {
	return {
		title: input.title,
		description: input.description,
		language: input.language,
		neighbourhoodId: input.neighbourhoodId,
		...times(input),
		placeName: input.placeName || null,
		address: input.address || null,
		onlineUrl: input.onlineUrl,
		capacity: input.capacity,
		languages: input.languages,
		childFriendly: input.childFriendly,
		accessibility: input.accessibility as AccessibilityFeature[]
	};
}

async function checkNeighbourhood(tx: Tx, id: string | null) {
	if (!id) return;
	const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id));
	if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
}

export async function createActivity(ctx: Ctx, organisationId: string, input: ActivityInput, now = new Date()): Promise<string> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'activities.manage', orgResource(organisationId), { type: 'activity', id: null });
	const v = values(input);
	if (v.startsAt <= now) throw new Refusal(400, 'activities_in_the_past', 'date');
	return ctx.db.transaction(async (tx) => {
		const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
		if (!org) throw new Refusal(404, 'org_not_found');
		await checkNeighbourhood(tx, input.neighbourhoodId);
		const [a] = await tx
			.insert(activities)
			.values({ ...v, kind: input.kind, audience: input.audience, organisationId, status: 'published', createdBy: me(ctx) })
			.returning({ id: activities.id });
		await audit(ctx, tx, 'activities.create', 'activity', a.id, 'done', { organisationId });
		return a.id;
	});
}

export async function updateActivity(ctx: Ctx, id: string, input: ActivityInput): Promise<void> {
	const head = await activityHead(ctx.db, id);
	if (!head.organisationId) throw activityNotFound();
	await requirePolicy(ctx, 'activities.manage', orgResource(head.organisationId), { type: 'activity', id });
	if (head.status === 'cancelled') throw new Refusal(409, 'activities_cancelled');
	const v = values(input);
	await ctx.db.transaction(async (tx) => {
		await checkNeighbourhood(tx, input.neighbourhoodId);
		// Fewer places than people going keeps them going; new RSVPs wait.
		await tx.update(activities).set({ ...v, kind: input.kind, audience: input.audience, updatedAt: new Date() }).where(eq(activities.id, id));
		await audit(ctx, tx, 'activities.update', 'activity', id);
	});
}

/** Who to tell about an activity: people going or waiting, with an address. */
async function attendeesToTell(tx: Tx, id: string) {
	return tx
		.select({ userId: activityRsvps.userId, email: users.email, locale: users.locale })
		.from(activityRsvps)
		.innerJoin(users, eq(users.id, activityRsvps.userId))
		.where(and(eq(activityRsvps.activityId, id), ne(activityRsvps.status, 'cancelled')));
}

/** Cancels an activity; everyone going or waiting gets an e-mail with the reason. */
export async function cancelActivity(ctx: Ctx, id: string, reason: string): Promise<number> {
	const head = await activityHead(ctx.db, id);
	if (!head.organisationId) throw activityNotFound();
	await requirePolicy(ctx, 'activities.manage', orgResource(head.organisationId), { type: 'activity', id });
	if (head.status === 'cancelled') throw new Refusal(409, 'activities_cancelled');
	return ctx.db.transaction(async (tx) => {
		await tx.select({ id: activities.id }).from(activities).where(eq(activities.id, id)).for('update');
		await tx.update(activities).set({ status: 'cancelled', reviewReason: reason || null, updatedAt: new Date() }).where(eq(activities.id, id));
		const people = await attendeesToTell(tx, id);
		for (const p of people) {
			if (!p.email) continue;
			const locale = mailLocale(p.locale);
			await sendEmail(tx, {
				to: p.email,
				template: 'activity_cancelled',
				subject: m.activities_mail_cancelled_subject({ title: head.title }, { locale }),
				text: m.activities_mail_cancelled_body(
					{ title: head.title, when: mailMoment(head.startsAt, locale), reason: reason || '—', link: `${linkOrigin(ctx.origin)}/activities` },
					{ locale }
				)
			});
		}
		await audit(ctx, tx, 'activities.cancel', 'activity', id, 'done', { told: people.length });
		return people.length;
	});
}

/** A resident proposes an activity for a neighbourhood with a house; its coordinators review it. */
export async function proposeActivity(ctx: Ctx, input: ProposalInput, now = new Date()): Promise<string> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'activities.self', { type: 'platform' }, { type: 'activity', id: null });
	const v = values(input);
	if (v.startsAt <= now) throw new Refusal(400, 'activities_in_the_past', 'date');
	return ctx.db.transaction(async (tx) => {
		const [house] = await tx
			.select({ organisationId: neighbourhoodHouses.organisationId })
			.from(neighbourhoodHouses)
			.where(eq(neighbourhoodHouses.neighbourhoodId, input.neighbourhoodId));
		if (!house) throw new Refusal(400, 'activities_no_house', 'neighbourhoodId');
		// One at a time per person, so the count below cannot be raced past.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'activities.propose:' + userId}))`);
		const [{ pending }] = await tx
			.select({ pending: count() })
			.from(activities)
			.where(and(eq(activities.proposedBy, userId), eq(activities.status, 'proposed')));
		if (pending >= MAX_PENDING_PROPOSALS) throw new Refusal(409, 'activities_too_many_pending');
		const [a] = await tx
			.insert(activities)
			.values({ ...v, kind: input.kind, audience: 'everyone', organisationId: house.organisationId, proposedBy: userId, status: 'proposed', createdBy: userId })
			.returning({ id: activities.id });
		await audit(ctx, tx, 'activities.propose', 'activity', a.id, 'done', { neighbourhoodId: input.neighbourhoodId });
		return a.id;
	});
}

/** The house's coordinators publish a proposal or reject it with a reason; the resident gets an e-mail. */
export async function reviewProposal(ctx: Ctx, id: string, decision: 'publish' | 'reject', reason: string): Promise<void> {
	const head = await activityHead(ctx.db, id);
	if (!head.houseOrganisationId || !head.proposedBy) throw activityNotFound();
	await requirePolicy(ctx, 'activities.review', orgResource(head.houseOrganisationId), { type: 'activity', id });
	if (decision === 'reject' && !reason) throw new Refusal(400, 'activities_reason_required', 'reason');
	await ctx.db.transaction(async (tx) => {
		const [done] = await tx
			.update(activities)
			.set({
				status: decision === 'publish' ? 'published' : 'rejected',
				reviewReason: decision === 'reject' ? reason : null,
				reviewedBy: me(ctx),
				reviewedAt: new Date(),
				updatedAt: new Date()
			})
			.where(and(eq(activities.id, id), eq(activities.status, 'proposed')))
			.returning({ id: activities.id });
		if (!done) throw new Refusal(409, 'activities_already_reviewed');
		const [who] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, head.proposedBy!));
		if (who?.email) {
			const locale = mailLocale(who.locale);
			await sendEmail(tx, {
				to: who.email,
				template: decision === 'publish' ? 'activity_published' : 'activity_rejected',
				subject: decision === 'publish' ? m.activities_mail_published_subject({}, { locale }) : m.activities_mail_rejected_subject({}, { locale }),
				text:
					decision === 'publish'
						? m.activities_mail_published_body({ title: head.title, link: `${linkOrigin(ctx.origin)}/activities/${id}` }, { locale })
						: m.activities_mail_rejected_body({ title: head.title, reason, link: `${linkOrigin(ctx.origin)}/activities/me` }, { locale })
			});
		}
		await audit(ctx, tx, `activities.review.${decision}`, 'activity', id);
	});
}

export interface ActivityCard {
	id: string;
	title: string;
	description: string;
	language: string;
	kind: ActivityKind;
	audience: ActivityAudience;
	status: ActivityStatus;
	startsAt: Date;
	endsAt: Date;
	placeName: string | null;
	address: string | null;
	online: boolean;
	neighbourhoodName: string | null;
	organisationName: string | null;
	childFriendly: boolean;
	accessibility: string[];
	languages: string[];
	capacity: number | null;
	going: number;
}

const goingCount = sql<number>`(select count(*) from ${activityRsvps} r where r.activity_id = ${sql.raw('"activities"."id"')} and r.status = 'going')`.mapWith(Number);

const cardColumns = {
	id: activities.id,
	title: activities.title,
	description: activities.description,
	language: activities.language,
	translations: activities.translations,
	kind: activities.kind,
	audience: activities.audience,
	status: activities.status,
	startsAt: activities.startsAt,
	endsAt: activities.endsAt,
	placeName: activities.placeName,
	address: activities.address,
	onlineUrl: activities.onlineUrl,
	neighbourhoodName: neighbourhoods.name,
	organisationName: organisations.name,
	childFriendly: activities.childFriendly,
	accessibility: activities.accessibility,
	languages: activities.languages,
	capacity: activities.capacity,
	going: goingCount
};

type CardRow = { translations: ActivityTranslations; onlineUrl: string | null } & Omit<ActivityCard, 'online'>;
function card(r: CardRow, locale: string): ActivityCard {
	const { translations, onlineUrl, ...rest } = r;
	return { ...rest, ...localised(r, locale), online: onlineUrl !== null };
}

/**
 * Published activities still to end, soonest first, with filters, 20 a page:
 * public. Volunteers' trainings and networking are included only for people
 * with a volunteer profile. `week`: from today for seven days.
 */
export async function listActivities(ctx: Ctx, q: ListQuery = {}, now = new Date()): Promise<{ items: ActivityCard[]; total: number; page: number; pages: number }> {
	await requirePolicy(ctx, 'activities.view', { type: 'platform' }, { type: 'activity', id: null });
	const where: SQL[] = [eq(activities.status, 'published'), gt(activities.endsAt, now)];
	if (!(await isVolunteer(ctx.db, ctx.actor))) where.push(eq(activities.audience, 'everyone'));
	if (q.neighbourhood) where.push(eq(neighbourhoods.slug, q.neighbourhood));
	const today = cityToday(now);
	const from = q.week ? today : q.from;
	const to = q.week ? addDays(today, 6) : q.to;
	if (from) where.push(gte(activities.startsAt, zonedInstant(from, 0)));
	if (to) where.push(lt(activities.startsAt, zonedInstant(addDays(to, 1), 0)));
	if (q.child) where.push(eq(activities.childFriendly, true));
	if (q.language) where.push(sql`${q.language} = any(${activities.languages})`);
	if (q.kind) where.push(eq(activities.kind, q.kind));
	const cond = and(...where);
	const [{ total }] = await ctx.db
		.select({ total: count() })
		.from(activities)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, activities.neighbourhoodId))
		.where(cond);
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(q.page ?? 1, pages);
	const rows = await ctx.db
		.select(cardColumns)
		.from(activities)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, activities.neighbourhoodId))
		.leftJoin(organisations, eq(organisations.id, activities.organisationId))
		.where(cond)
		.orderBy(asc(activities.startsAt), asc(activities.id))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE);
	return { items: rows.map((r) => card(r, ctx.locale)), total, page, pages };
}

/** Coming trainings and networking events for volunteers (for the volunteer pages). */
export async function upcomingVolunteerEvents(ctx: Ctx, limit = 5, now = new Date()): Promise<ActivityCard[]> {
	const rows = await ctx.db
		.select(cardColumns)
		.from(activities)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, activities.neighbourhoodId))
		.leftJoin(organisations, eq(organisations.id, activities.organisationId))
		.where(and(eq(activities.status, 'published'), gt(activities.startsAt, now), or(eq(activities.audience, 'volunteers'), inArray(activities.kind, ['training', 'networking']))))
		.orderBy(asc(activities.startsAt), asc(activities.id))
		.limit(Math.max(1, Math.min(limit, 50)));
	return rows.map((r) => card(r, ctx.locale));
}

export interface ActivityDetails extends ActivityCard {
	onlineUrl: string | null;
	organisationId: string | null;
	proposedBy: string | null;
	reviewReason: string | null;
	waiting: number;
	neighbourhoodSlug: string | null;
	/** The actor manages it (its organisation's staff). */
	manage: boolean;
}

/** One activity, for those who may see it (else the 404 refusal). */
export async function getActivity(ctx: Ctx, id: string): Promise<ActivityDetails> {
	const head = await activityHead(ctx.db, id);
	if (!(await visible(ctx, head))) throw activityNotFound();
	const [r] = await ctx.db
		.select({
			...cardColumns,
			organisationId: activities.organisationId,
			proposedBy: activities.proposedBy,
			reviewReason: activities.reviewReason,
			neighbourhoodSlug: neighbourhoods.slug,
			waiting: sql<number>`(select count(*) from ${activityRsvps} r where r.activity_id = ${sql.raw('"activities"."id"')} and r.status = 'waitlisted')`.mapWith(Number)
		})
		.from(activities)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, activities.neighbourhoodId))
		.leftJoin(organisations, eq(organisations.id, activities.organisationId))
		.where(eq(activities.id, id));
	if (!r) throw activityNotFound();
	return { ...card(r, ctx.locale), onlineUrl: r.onlineUrl, organisationId: r.organisationId, proposedBy: r.proposedBy, reviewReason: r.reviewReason, waiting: r.waiting, neighbourhoodSlug: r.neighbourhoodSlug, manage: manages(ctx, head) };
}

/** The raw fields of an activity for its edit form (its organisation's staff). */
export async function activityForEdit(ctx: Ctx, organisationId: string, id: string) {
	const head = await activityHead(ctx.db, id);
	if (head.organisationId !== organisationId) throw activityNotFound();
	await requirePolicy(ctx, 'activities.manage', orgResource(organisationId), { type: 'activity', id });
	const [r] = await ctx.db.select().from(activities).where(eq(activities.id, id));
	return r;
}

/** An organisation's activities (not proposals still waiting), latest first. */
export async function organisationActivities(ctx: Ctx, organisationId: string) {
	await requirePolicy(ctx, 'activities.manage', orgResource(organisationId), { type: 'activity', id: null });
	return ctx.db
		.select({ id: activities.id, title: activities.title, kind: activities.kind, status: activities.status, startsAt: activities.startsAt, endsAt: activities.endsAt, capacity: activities.capacity, going: goingCount })
		.from(activities)
		.where(and(eq(activities.organisationId, organisationId), inArray(activities.status, ['published', 'cancelled'])))
		.orderBy(desc(activities.startsAt))
		.limit(300);
}

/** Proposals waiting in the neighbourhoods whose house the organisation runs (its coordinators). */
export async function proposalsToReview(ctx: Ctx, organisationId: string) {
	await requirePolicy(ctx, 'activities.review', orgResource(organisationId), { type: 'activity', id: null });
	const rows = await ctx.db
		.select({
			id: activities.id,
			title: activities.title,
			description: activities.description,
			startsAt: activities.startsAt,
			endsAt: activities.endsAt,
			placeName: activities.placeName,
			address: activities.address,
			onlineUrl: activities.onlineUrl,
			neighbourhoodName: neighbourhoods.name,
			proposerName: users.displayName
		})
		.from(activities)
		.innerJoin(neighbourhoodHouses, eq(neighbourhoodHouses.neighbourhoodId, activities.neighbourhoodId))
		.innerJoin(neighbourhoods, eq(neighbourhoods.id, activities.neighbourhoodId))
		.leftJoin(users, eq(users.id, activities.proposedBy))
		.where(and(eq(neighbourhoodHouses.organisationId, organisationId), eq(activities.status, 'proposed')))
		.orderBy(asc(activities.createdAt))
		.limit(200);
	if (rows.length) await audit(ctx, ctx.db, 'activities.proposals.view', 'activity', null, 'done', { organisationId, count: rows.length });
	return rows;
}

/** Whether the organisation runs a neighbourhood house. */
export async function runsHouse(ctx: Ctx, organisationId: string): Promise<boolean> {
	if (!isUuid(organisationId)) return false;
	const [h] = await ctx.db.select({ id: neighbourhoodHouses.id }).from(neighbourhoodHouses).where(eq(neighbourhoodHouses.organisationId, organisationId)).limit(1);
	return !!h;
}

/** The actor's own proposals and their review state. */
export async function myProposals(ctx: Ctx) {
	const userId = me(ctx);
	return ctx.db
		.select({ id: activities.id, title: activities.title, status: activities.status, reason: activities.reviewReason, startsAt: activities.startsAt })
		.from(activities)
		.where(eq(activities.proposedBy, userId))
		.orderBy(desc(activities.createdAt))
		.limit(100);
}

/** Neighbourhoods with a house (where residents may propose). */
export async function neighbourhoodsWithHouse(ctx: Ctx) {
	return ctx.db
		.select({ id: neighbourhoods.id, name: neighbourhoods.name, house: neighbourhoodHouses.name })
		.from(neighbourhoodHouses)
		.innerJoin(neighbourhoods, eq(neighbourhoods.id, neighbourhoodHouses.neighbourhoodId))
		.orderBy(asc(neighbourhoods.name));
}

export { reviews };
