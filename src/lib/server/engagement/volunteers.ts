/**
 * Volunteers (issue 6): their profile, their applications, and each
 * organisation's screening of them.
 *
 * - Anyone signed in may volunteer; newcomers are welcome and nothing here
 *   asks for a residence status.
 * - Applying is once per opportunity; a withdrawn application may be made
 *   again. Only an open opportunity takes applications.
 * - An organisation accepts a volunteer only when every screening step it
 *   asks for is recorded, and, for an opportunity with children or
 *   vulnerable adults, when their criminal-record check is valid (it is
 *   valid through its expiry date). Refusals name what is missing.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import {
	neighbourhoods,
	users,
	volunteerApplications,
	volunteerOpportunities,
	volunteerProfiles,
	volunteerScreening,
	type ApplicationStatus,
	type ScreeningStep
} from '../db/schema/index.ts';
import { cityToday, type Ymd } from '../guardianship/age.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { audit, me, opportunityHead, opportunityNotFound, orgResource, requirePolicy, titleIn } from './common.ts';
import { screeningStepsOf } from './opportunities.ts';
import type { DecisionInput, ProfileInput, ScreeningInput } from './schemas.ts';

export type Profile = typeof volunteerProfiles.$inferSelect;

/** The actor's volunteer profile, or null before they made one. */
export async function myProfile(ctx: Ctx): Promise<Profile | null> {
	const userId = me(ctx);
	const [p] = await ctx.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
	return p ?? null;
}

export async function saveProfile(ctx: Ctx, input: ProfileInput): Promise<void> {
	const userId = me(ctx);
	await ctx.db.transaction(async (tx) => {
		if (input.neighbourhoodId) {
			const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, input.neighbourhoodId));
			if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
		}
		const now = new Date();
		const row = { ...input, updatedAt: now, lastActiveAt: now };
		await tx.insert(volunteerProfiles).values({ userId, ...row }).onConflictDoUpdate({ target: volunteerProfiles.userId, set: row });
		await audit(ctx, tx, 'volunteering.profile.save', 'volunteer', userId);
	});
}

/** Marks the volunteer active now (any sign-up, hours, application); clears a sent "we miss you". */
export async function touch(tx: Tx, userId: string): Promise<void> {
	await tx.update(volunteerProfiles).set({ lastActiveAt: new Date(), missYouSentAt: null }).where(eq(volunteerProfiles.userId, userId));
}

export async function apply(ctx: Ctx, opportunityId: string, message: string): Promise<string> {
	const userId = me(ctx);
	const head = await opportunityHead(ctx.db, opportunityId);
	// A draft does not exist for a volunteer; a closed opportunity did.
	if (head.status === 'draft') throw opportunityNotFound();
	if (head.status === 'closed') throw new Refusal(409, 'engagement_opportunity_closed');
	return ctx.db.transaction(async (tx) => {
		await tx.insert(volunteerProfiles).values({ userId }).onConflictDoNothing();
		const [existing] = await tx
			.select({ id: volunteerApplications.id, status: volunteerApplications.status })
			.from(volunteerApplications)
			.where(and(eq(volunteerApplications.opportunityId, opportunityId), eq(volunteerApplications.userId, userId)))
			.for('update');
		let id: string;
		// An invitation is accepted by applying; a withdrawn application may be made again.
		if (existing && existing.status !== 'withdrawn' && existing.status !== 'invited') throw new Refusal(409, 'engagement_already_applied');
		if (existing) {
			await tx
				.update(volunteerApplications)
				.set({ status: 'applied', message, reason: null, decidedBy: null, decidedAt: null, createdAt: new Date() })
				.where(eq(volunteerApplications.id, existing.id));
			id = existing.id;
		} else {
			const [row] = await tx
				.insert(volunteerApplications)
				.values({ opportunityId, userId, message })
				.onConflictDoNothing()
				.returning({ id: volunteerApplications.id });
			// Two identical requests at once: the second finds the first's row.
			if (!row) throw new Refusal(409, 'engagement_already_applied');
			id = row.id;
		}
		await touch(tx, userId);
		await audit(ctx, tx, 'volunteering.apply', 'volunteer_application', id, 'done', { opportunityId });
		return id;
	});
}

export async function withdraw(ctx: Ctx, applicationId: string): Promise<void> {
	const userId = me(ctx);
	if (!isUuid(applicationId)) throw new Refusal(404, 'engagement_application_not_found');
	await ctx.db.transaction(async (tx) => {
		const [a] = await tx
			.update(volunteerApplications)
			.set({ status: 'withdrawn', decidedAt: new Date() })
			.where(and(eq(volunteerApplications.id, applicationId), eq(volunteerApplications.userId, userId), inArray(volunteerApplications.status, ['applied', 'screening', 'accepted'])))
			.returning({ id: volunteerApplications.id });
		if (!a) throw new Refusal(404, 'engagement_application_not_found');
		await audit(ctx, tx, 'volunteering.withdraw', 'volunteer_application', applicationId);
	});
}

export interface MyApplication {
	id: string;
	opportunityId: string;
	title: string;
	status: ApplicationStatus;
	reason: string | null;
	createdAt: Date;
}

export async function myApplications(ctx: Ctx): Promise<MyApplication[]> {
	const userId = me(ctx);
	return ctx.db
		.select({
			id: volunteerApplications.id,
			opportunityId: volunteerApplications.opportunityId,
			title: titleIn(ctx.locale),
			status: volunteerApplications.status,
			reason: volunteerApplications.reason,
			createdAt: volunteerApplications.createdAt
		})
		.from(volunteerApplications)
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerApplications.opportunityId))
		.where(eq(volunteerApplications.userId, userId))
		.orderBy(desc(volunteerApplications.createdAt));
}

// ------------------------------------------------------------------ screening

export interface Clearance {
	/** Steps the organisation asks for that are not recorded. */
	missing: ScreeningStep[];
	/** The criminal-record check's expiry, if recorded. */
	expiresOn: Ymd | null;
	/** A criminal-record check valid on the day asked about. */
	cleared: boolean;
}

/** A volunteer's screening by one organisation, on `on` (the city's today by default). */
export async function clearance(tx: Tx, organisationId: string, userId: string, on: Ymd = cityToday()): Promise<Clearance> {
	const [asked, done] = await Promise.all([
		screeningStepsOf(tx, [organisationId]),
		tx.select({ step: volunteerScreening.step, expiresOn: volunteerScreening.expiresOn }).from(volunteerScreening).where(and(eq(volunteerScreening.organisationId, organisationId), eq(volunteerScreening.userId, userId)))
	]);
	return clearanceOf(asked.get(organisationId) ?? [], done, on);
}

/** What the steps asked for and the steps recorded say on `on` (pure: one volunteer's rows of one organisation). */
export function clearanceOf(asked: readonly ScreeningStep[], done: readonly { step: ScreeningStep; expiresOn: Ymd | null }[], on: Ymd): Clearance {
	const have = new Set(done.map((d) => d.step));
	const expiresOn = done.find((d) => d.step === 'criminal_record')?.expiresOn ?? null;
	return { missing: asked.filter((s) => !have.has(s)), expiresOn, cleared: expiresOn !== null && expiresOn >= on };
}

async function applicationFor(tx: Tx, applicationId: string) {
	if (!isUuid(applicationId)) throw new Refusal(404, 'engagement_application_not_found');
	const [a] = await tx
		.select({ id: volunteerApplications.id, userId: volunteerApplications.userId, opportunityId: volunteerApplications.opportunityId, status: volunteerApplications.status })
		.from(volunteerApplications)
		.where(eq(volunteerApplications.id, applicationId));
	if (!a) throw new Refusal(404, 'engagement_application_not_found');
	return { ...a, opportunity: await opportunityHead(tx, a.opportunityId) };
}

/** Moves an application to screening, accepts or declines it. */
export async function decide(ctx: Ctx, input: DecisionInput): Promise<void> {
	const a = await applicationFor(ctx.db, input.applicationId);
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(a.opportunity.organisationId), { type: 'volunteer_application', id: a.id });
	if (a.status === 'withdrawn') throw new Refusal(409, 'engagement_application_withdrawn');
	await ctx.db.transaction(async (tx) => {
		if (input.decision === 'accepted') {
			const c = await clearance(tx, a.opportunity.organisationId, a.userId);
			if (c.missing.length > 0) throw new Refusal(409, 'engagement_screening_incomplete');
			if (a.opportunity.involvesVulnerable && !c.cleared) throw new Refusal(409, c.expiresOn ? 'engagement_clearance_expired' : 'engagement_clearance_required');
		}
		if (input.decision === 'declined' && !input.reason) throw new Refusal(400, 'engagement_reason_required', 'reason');
		await tx
			.update(volunteerApplications)
			.set({ status: input.decision, reason: input.decision === 'declined' ? input.reason : null, decidedBy: me(ctx), decidedAt: new Date() })
			.where(eq(volunteerApplications.id, a.id));
		await audit(ctx, tx, `volunteering.application.${input.decision}`, 'volunteer_application', a.id);
	});
}

/** Records (or re-records) a screening step for a volunteer who applied to the organisation. */
export async function recordScreening(ctx: Ctx, organisationId: string, input: ScreeningInput): Promise<void> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(organisationId), { type: 'volunteer', id: input.userId });
	await ctx.db.transaction(async (tx) => {
		// Only someone who applied to this organisation: no screening records about strangers.
		const [applied] = await tx
			.select({ id: volunteerApplications.id })
			.from(volunteerApplications)
			.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerApplications.opportunityId))
			.where(and(eq(volunteerApplications.userId, input.userId), eq(volunteerOpportunities.organisationId, organisationId)))
			.limit(1);
		if (!applied) throw new Refusal(404, 'engagement_volunteer_not_found');
		const row = { verifiedBy: me(ctx), verifiedAt: new Date(), expiresOn: input.expiresOn, reference: input.reference || null };
		await tx
			.insert(volunteerScreening)
			.values({ organisationId, userId: input.userId, step: input.step, ...row })
			.onConflictDoUpdate({ target: [volunteerScreening.organisationId, volunteerScreening.userId, volunteerScreening.step], set: row });
		await audit(ctx, tx, 'volunteering.screening.record', 'volunteer', input.userId, 'done', { organisationId, step: input.step });
	});
}

export interface Applicant {
	applicationId: string;
	userId: string;
	name: string;
	opportunityId: string;
	title: string;
	status: ApplicationStatus;
	message: string;
	createdAt: Date;
	screening: { step: ScreeningStep; expiresOn: Ymd | null; reference: string | null }[];
	clearance: Clearance;
}

/** An organisation's applications with each volunteer's screening: personal data, audited. */
export async function applicants(ctx: Ctx, organisationId: string, statuses: ApplicationStatus[] = ['applied', 'screening', 'accepted']): Promise<Applicant[]> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(organisationId), { type: 'volunteer', id: null });
	const rows = await ctx.db
		.select({
			applicationId: volunteerApplications.id,
			userId: volunteerApplications.userId,
			name: users.displayName,
			opportunityId: volunteerApplications.opportunityId,
			title: volunteerOpportunities.title,
			status: volunteerApplications.status,
			message: volunteerApplications.message,
			createdAt: volunteerApplications.createdAt
		})
		.from(volunteerApplications)
		.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerApplications.opportunityId))
		.innerJoin(users, eq(users.id, volunteerApplications.userId))
		.where(and(eq(volunteerOpportunities.organisationId, organisationId), inArray(volunteerApplications.status, statuses)))
		.orderBy(asc(volunteerApplications.status), asc(volunteerApplications.createdAt))
		.limit(500);
	const ids = [...new Set(rows.map((r) => r.userId))];
	const steps = ids.length
		? await ctx.db
				.select({ userId: volunteerScreening.userId, step: volunteerScreening.step, expiresOn: volunteerScreening.expiresOn, reference: volunteerScreening.reference })
				.from(volunteerScreening)
				.where(and(eq(volunteerScreening.organisationId, organisationId), inArray(volunteerScreening.userId, ids)))
		: [];
	const asked = (await screeningStepsOf(ctx.db, [organisationId])).get(organisationId) ?? [];
	const today = cityToday();
	const byUser = Map.groupBy(steps, (s) => s.userId);
	await audit(ctx, ctx.db, 'volunteering.applicants.view', 'volunteer', null, 'done', { organisationId, count: rows.length });
	return rows.map((r) => {
		const mine = byUser.get(r.userId) ?? [];
		return {
			...r,
			screening: mine.map(({ step, expiresOn, reference }) => ({ step, expiresOn, reference })),
			clearance: clearanceOf(asked, mine, today)
		};
	});
}
