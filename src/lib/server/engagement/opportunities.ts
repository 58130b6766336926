/**
 * Volunteering opportunities and their shifts (issue 6): organisations post
 * them (`volunteering.opportunity.manage`); anyone browses the open ones
 * (`volunteering.view`). A draft or closed opportunity is seen only by its
 * organisation's managers; for everyone else it does not exist (404).
 *
 * Shifts are stored one row per occurrence. A weekly series is computed in
 * the city's time zone (`zonedInstant`), so a 9:00–12:00 shift is 9:00–12:00
 * local time on both sides of a daylight-saving change, whatever that does
 * to its UTC time. An end time before the start ends the next day.
 */
import { and, asc, count, desc, eq, gte, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import {
	neighbourhoods,
	organisations,
	organisationScreeningSteps,
	shiftSignups,
	volunteerOpportunities,
	volunteerShifts,
	type OpportunityKind,
	type OpportunityMode,
	type OpportunityStatus,
	type OpportunityTranslations,
	type ScreeningStep
} from '../db/schema/index.ts';
import { can } from '../policy/index.ts';
import { addDays, zonedInstant } from '../../directory/hours.ts';
import { config } from '../config.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, opportunityHead, opportunityNotFound, orgResource, requirePolicy, shiftNotFound } from './common.ts';
import type { OpportunityInput, ShiftInput } from './schemas.ts';

/** How far ahead a series may reach, and how many shifts one form may create. */
export const MAX_SERIES_WEEKS = 52;

function values(input: OpportunityInput) {
	return {
		title: input.title,
		description: input.description,
		language: input.language,
		kind: input.kind,
		mode: input.mode,
		neighbourhoodId: input.mode === 'remote' ? null : input.neighbourhoodId,
		address: input.mode === 'remote' ? null : input.address || null,
		skills: input.skills,
		languages: input.languages,
		availability: input.availability,
		involvesVulnerable: input.involvesVulnerable,
		status: (input.open ? 'open' : 'draft') as OpportunityStatus
	};
}

async function checkNeighbourhood(tx: Tx, id: string | null) {
	if (!id) return;
	const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, id));
	if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
}

export async function createOpportunity(ctx: Ctx, organisationId: string, input: OpportunityInput): Promise<string> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(organisationId), { type: 'volunteer_opportunity', id: null });
	return ctx.db.transaction(async (tx) => {
		const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
		if (!org) throw new Refusal(404, 'org_not_found');
		await checkNeighbourhood(tx, input.neighbourhoodId);
		const [o] = await tx
			.insert(volunteerOpportunities)
			.values({ ...values(input), organisationId, createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null })
			.returning({ id: volunteerOpportunities.id });
		await audit(ctx, tx, 'volunteering.opportunity.create', 'volunteer_opportunity', o.id, 'done', { organisationId });
		return o.id;
	});
}

export async function updateOpportunity(ctx: Ctx, id: string, input: OpportunityInput & { closed?: boolean }): Promise<void> {
	const head = await opportunityHead(ctx.db, id);
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(head.organisationId), { type: 'volunteer_opportunity', id });
	await ctx.db.transaction(async (tx) => {
		await checkNeighbourhood(tx, input.neighbourhoodId);
		const v = values(input);
		await tx
			.update(volunteerOpportunities)
			.set({ ...v, status: input.closed ? 'closed' : v.status, updatedAt: new Date() })
			.where(eq(volunteerOpportunities.id, id));
		await audit(ctx, tx, 'volunteering.opportunity.update', 'volunteer_opportunity', id);
	});
}

/** Translations of the title and description, by locale (an empty title removes one). */
export async function setTranslation(ctx: Ctx, id: string, locale: string, text: { title: string; description: string }): Promise<void> {
	const head = await opportunityHead(ctx.db, id);
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(head.organisationId), { type: 'volunteer_opportunity', id });
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx.select({ t: volunteerOpportunities.translations }).from(volunteerOpportunities).where(eq(volunteerOpportunities.id, id)).for('update');
		const next: OpportunityTranslations = { ...(row?.t ?? {}) };
		if (text.title) next[locale] = text;
		else delete next[locale];
		await tx.update(volunteerOpportunities).set({ translations: next, updatedAt: new Date() }).where(eq(volunteerOpportunities.id, id));
		await audit(ctx, tx, 'volunteering.opportunity.translate', 'volunteer_opportunity', id, 'done', { locale });
	});
}

export interface OpportunityCard {
	id: string;
	title: string;
	description: string;
	/** The language the shown title and description are in. */
	language: string;
	kind: OpportunityKind;
	mode: OpportunityMode;
	organisationName: string;
	neighbourhoodName: string | null;
	skills: string[];
	languages: string[];
	involvesVulnerable: boolean;
	nextShift: Date | null;
}

/** The title and description in `locale` when translated, else as written. */
export function localised(o: { title: string; description: string; language: string; translations: OpportunityTranslations }, locale: string) {
	const t = o.translations?.[locale];
	return t ? { title: t.title, description: t.description, language: locale } : { title: o.title, description: o.description, language: o.language };
}

export interface OpportunityFilters {
	q?: string;
	neighbourhoodId?: string | null;
	mode?: OpportunityMode | null;
	skill?: string | null;
	page?: number;
}

export const PAGE_SIZE = 20;

/** Open opportunities, newest first, with their next shift: public. */
export async function listOpenOpportunities(ctx: Ctx, filters: OpportunityFilters = {}): Promise<{ items: OpportunityCard[]; total: number }> {
	const where: SQL[] = [eq(volunteerOpportunities.status, 'open')];
	const q = filters.q?.trim().slice(0, 100);
	if (q) {
		const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		where.push(or(ilike(volunteerOpportunities.title, like), ilike(volunteerOpportunities.description, like), ilike(organisations.name, like))!);
	}
	if (filters.neighbourhoodId && isUuid(filters.neighbourhoodId)) where.push(eq(volunteerOpportunities.neighbourhoodId, filters.neighbourhoodId));
	if (filters.mode) where.push(eq(volunteerOpportunities.mode, filters.mode));
	if (filters.skill) where.push(sql`${filters.skill} = any(${volunteerOpportunities.skills})`);
	const page = Math.max(1, Math.min(1000, Math.floor(filters.page ?? 1)));
	const nextShift = sql<Date | null>`(select min(s.starts_at) from ${volunteerShifts} s where s.opportunity_id = ${sql.raw('"volunteer_opportunities"."id"')} and s.cancelled_at is null and s.starts_at > now())`;
	const [rows, [{ total }]] = await Promise.all([
		ctx.db
			.select({
				id: volunteerOpportunities.id,
				title: volunteerOpportunities.title,
				description: volunteerOpportunities.description,
				language: volunteerOpportunities.language,
				translations: volunteerOpportunities.translations,
				kind: volunteerOpportunities.kind,
				mode: volunteerOpportunities.mode,
				organisationName: organisations.name,
				neighbourhoodName: neighbourhoods.name,
				skills: volunteerOpportunities.skills,
				languages: volunteerOpportunities.languages,
				involvesVulnerable: volunteerOpportunities.involvesVulnerable,
				nextShift
			})
			.from(volunteerOpportunities)
			.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
			.leftJoin(neighbourhoods, eq(neighbourhoods.id, volunteerOpportunities.neighbourhoodId))
			.where(and(...where))
			.orderBy(desc(volunteerOpportunities.createdAt), asc(volunteerOpportunities.id))
			.limit(PAGE_SIZE)
			.offset((page - 1) * PAGE_SIZE),
		ctx.db
			.select({ total: count() })
			.from(volunteerOpportunities)
			.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
			.where(and(...where))
	]);
	return {
		total,
		items: rows.map(({ translations, nextShift: next, ...r }) => ({
			...r,
			...localised({ ...r, translations }, ctx.locale),
			nextShift: next ? new Date(next) : null
		}))
	};
}

export interface ShiftRow {
	id: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number;
	confirmed: number;
	waitlisted: number;
	cancelled: boolean;
}

export interface OpportunityDetail extends OpportunityCard {
	organisationId: string;
	status: OpportunityStatus;
	address: string | null;
	neighbourhoodId: string | null;
	availability: number;
	original: { title: string; description: string; language: string };
	translations: OpportunityTranslations;
	shifts: ShiftRow[];
	/** The actor manages it (sees drafts, edits, runs the matching). */
	manage: boolean;
}

/** Upcoming shifts with their sign-up counts. */
export async function upcomingShifts(tx: Tx, opportunityId: string, from: Date = new Date()): Promise<ShiftRow[]> {
	// Qualified by hand: in a select from one table Drizzle writes its columns unqualified, and inside
	// the subquery a bare "id" would be the sign-up's own id (the count was always 0).
	const shiftId = sql.raw('"volunteer_shifts"."id"');
	const confirmed = sql<number>`(select count(*) from ${shiftSignups} x where x.shift_id = ${shiftId} and x.status = 'confirmed')`.mapWith(Number);
	const waitlisted = sql<number>`(select count(*) from ${shiftSignups} x where x.shift_id = ${shiftId} and x.status = 'waitlisted')`.mapWith(Number);
	const rows = await tx
		.select({
			id: volunteerShifts.id,
			startsAt: volunteerShifts.startsAt,
			endsAt: volunteerShifts.endsAt,
			capacity: volunteerShifts.capacity,
			cancelledAt: volunteerShifts.cancelledAt,
			confirmed,
			waitlisted
		})
		.from(volunteerShifts)
		.where(and(eq(volunteerShifts.opportunityId, opportunityId), gte(volunteerShifts.endsAt, from)))
		.orderBy(asc(volunteerShifts.startsAt), asc(volunteerShifts.id))
		.limit(200);
	return rows.map(({ cancelledAt, ...r }) => ({ ...r, cancelled: cancelledAt !== null }));
}

/** One opportunity: public when open, else only for its managers (404 for everyone else). */
export async function getOpportunity(ctx: Ctx, id: string): Promise<OpportunityDetail> {
	if (!isUuid(id)) throw opportunityNotFound();
	const [o] = await ctx.db
		.select({
			id: volunteerOpportunities.id,
			organisationId: volunteerOpportunities.organisationId,
			title: volunteerOpportunities.title,
			description: volunteerOpportunities.description,
			language: volunteerOpportunities.language,
			translations: volunteerOpportunities.translations,
			kind: volunteerOpportunities.kind,
			mode: volunteerOpportunities.mode,
			status: volunteerOpportunities.status,
			address: volunteerOpportunities.address,
			neighbourhoodId: volunteerOpportunities.neighbourhoodId,
			organisationName: organisations.name,
			neighbourhoodName: neighbourhoods.name,
			skills: volunteerOpportunities.skills,
			languages: volunteerOpportunities.languages,
			availability: volunteerOpportunities.availability,
			involvesVulnerable: volunteerOpportunities.involvesVulnerable
		})
		.from(volunteerOpportunities)
		.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, volunteerOpportunities.neighbourhoodId))
		.where(eq(volunteerOpportunities.id, id));
	if (!o) throw opportunityNotFound();
	const manage = can(ctx.actor, 'volunteering.opportunity.manage', orgResource(o.organisationId)) === 'allowed';
	if (o.status !== 'open' && !manage) throw opportunityNotFound();
	const shifts = await upcomingShifts(ctx.db, id);
	return {
		...o,
		...localised(o, ctx.locale),
		original: { title: o.title, description: o.description, language: o.language },
		shifts,
		nextShift: shifts.find((s) => !s.cancelled && s.startsAt > new Date())?.startsAt ?? null,
		manage
	};
}

/** The UTC start and end of each occurrence of a shift form, in the city's time zone. */
export function occurrences(input: ShiftInput, tz: string = config().CITY_TIME_ZONE): { startsAt: Date; endsAt: Date }[] {
	const out: { startsAt: Date; endsAt: Date }[] = [];
	for (let w = 0; w < Math.min(input.weeks, MAX_SERIES_WEEKS); w++) {
		const day = addDays(input.date, 7 * w);
		const startsAt = zonedInstant(day, input.start, tz);
		const endsAt = input.end > input.start ? zonedInstant(day, input.end, tz) : zonedInstant(addDays(day, 1), input.end, tz);
		out.push({ startsAt, endsAt });
	}
	return out;
}

/** Adds a shift or a weekly series; a shift in the past is refused. Returns the new ids. */
export async function addShifts(ctx: Ctx, opportunityId: string, input: ShiftInput, now: Date = new Date()): Promise<string[]> {
	const head = await opportunityHead(ctx.db, opportunityId);
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(head.organisationId), { type: 'volunteer_opportunity', id: opportunityId });
	const times = occurrences(input);
	if (times[0].startsAt <= now) throw new Refusal(400, 'engagement_shift_in_past', 'date');
	const seriesId = times.length > 1 ? randomUUID() : null;
	return ctx.db.transaction(async (tx) => {
		const rows = await tx
			.insert(volunteerShifts)
			.values(times.map((t) => ({ ...t, opportunityId, capacity: input.capacity, seriesId })))
			.returning({ id: volunteerShifts.id });
		await audit(ctx, tx, 'volunteering.shift.create', 'volunteer_opportunity', opportunityId, 'done', { shifts: rows.length });
		return rows.map((r) => r.id);
	});
}

/** The shift's opportunity head, or a 404 refusal. */
export async function shiftHead(tx: Tx, shiftId: string) {
	if (!isUuid(shiftId)) throw shiftNotFound();
	const [s] = await tx
		.select({
			id: volunteerShifts.id,
			opportunityId: volunteerShifts.opportunityId,
			startsAt: volunteerShifts.startsAt,
			endsAt: volunteerShifts.endsAt,
			capacity: volunteerShifts.capacity,
			cancelledAt: volunteerShifts.cancelledAt
		})
		.from(volunteerShifts)
		.where(eq(volunteerShifts.id, shiftId));
	if (!s) throw shiftNotFound();
	return { ...s, opportunity: await opportunityHead(tx, s.opportunityId) };
}

/** Cancels a shift; its volunteers see it cancelled in their list. */
export async function cancelShift(ctx: Ctx, shiftId: string): Promise<void> {
	const s = await shiftHead(ctx.db, shiftId);
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(s.opportunity.organisationId), { type: 'volunteer_shift', id: shiftId });
	await ctx.db.transaction(async (tx) => {
		await tx.update(volunteerShifts).set({ cancelledAt: new Date() }).where(and(eq(volunteerShifts.id, shiftId), sql`${volunteerShifts.cancelledAt} is null`));
		await audit(ctx, tx, 'volunteering.shift.cancel', 'volunteer_shift', shiftId);
	});
}

/** An organisation's opportunities, all statuses, for its managers. */
export async function organisationOpportunities(ctx: Ctx, organisationId: string) {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(organisationId), { type: 'volunteer_opportunity', id: null });
	return ctx.db
		.select({ id: volunteerOpportunities.id, title: volunteerOpportunities.title, status: volunteerOpportunities.status, kind: volunteerOpportunities.kind })
		.from(volunteerOpportunities)
		.where(eq(volunteerOpportunities.organisationId, organisationId))
		.orderBy(desc(volunteerOpportunities.createdAt));
}

/** The screening steps an organisation asks for. */
export async function screeningStepsOf(tx: Tx, organisationIds: readonly string[]): Promise<Map<string, ScreeningStep[]>> {
	const out = new Map<string, ScreeningStep[]>();
	if (organisationIds.length === 0) return out;
	const rows = await tx.select().from(organisationScreeningSteps).where(inArray(organisationScreeningSteps.organisationId, [...organisationIds]));
	for (const r of rows) out.set(r.organisationId, [...(out.get(r.organisationId) ?? []), r.step]);
	return out;
}

export async function setScreeningSteps(ctx: Ctx, organisationId: string, steps: ScreeningStep[]): Promise<void> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.opportunity.manage', orgResource(organisationId), { type: 'volunteer_opportunity', id: null });
	await ctx.db.transaction(async (tx) => {
		await tx.delete(organisationScreeningSteps).where(eq(organisationScreeningSteps.organisationId, organisationId));
		if (steps.length > 0) await tx.insert(organisationScreeningSteps).values(steps.map((step) => ({ organisationId, step })));
		await audit(ctx, tx, 'volunteering.screening.steps', 'volunteer_opportunity', null, 'done', { organisationId, steps: steps.join(',') });
	});
}
