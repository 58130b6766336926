/**
 * What the activities use cases share: the audit entry, the policy gate (a
 * refusal is audited and thrown), and loading an activity with the facts the
 * policy asks about. An id that is not a uuid, or names nothing, is the same
 * 404 as an activity the actor may not see: forged ids learn nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { signedInId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { activities, neighbourhoodHouses, organisations, volunteerProfiles, type ActivityAudience, type ActivityKind, type ActivityStatus } from '../db/schema/index.ts';
import { auditedGate } from '../audit/gate.ts';
import { can, type Actor, type Resource } from '../policy/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';

export type ActivityResource = 'activity' | 'activity_rsvp' | 'activity_feed';

export const { audit, requirePolicy } = auditedGate<ActivityResource>();

/** The signed-in user's id; the route signs people in first, so this is a guard, not a flow. */
export const me = (ctx: Ctx): string => signedInId(ctx, 'activities.self');

export const activityNotFound = () => new Refusal(404, 'activities_not_found');
export const orgResource = (organisationId: string): Resource => ({ type: 'organisation', id: organisationId });

export interface ActivityHead {
	id: string;
	organisationId: string | null;
	organisationName: string | null;
	proposedBy: string | null;
	neighbourhoodId: string | null;
	/** The organisation running the neighbourhood's house: it reviews proposals there. */
	houseOrganisationId: string | null;
	kind: ActivityKind;
	audience: ActivityAudience;
	status: ActivityStatus;
	title: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number | null;
}

/** An activity's facts, or a 404 refusal. */
export async function activityHead(tx: Tx, id: string): Promise<ActivityHead> {
	if (!isUuid(id)) throw activityNotFound();
	const [a] = await tx
		.select({
			id: activities.id,
			organisationId: activities.organisationId,
			organisationName: organisations.name,
			proposedBy: activities.proposedBy,
			neighbourhoodId: activities.neighbourhoodId,
			houseOrganisationId: neighbourhoodHouses.organisationId,
			kind: activities.kind,
			audience: activities.audience,
			status: activities.status,
			title: activities.title,
			startsAt: activities.startsAt,
			endsAt: activities.endsAt,
			capacity: activities.capacity
		})
		.from(activities)
		.leftJoin(organisations, eq(organisations.id, activities.organisationId))
		.leftJoin(neighbourhoodHouses, eq(neighbourhoodHouses.neighbourhoodId, activities.neighbourhoodId))
		.where(eq(activities.id, id));
	if (!a) throw activityNotFound();
	return a;
}

/** Whether the actor has a volunteer profile (volunteers' trainings and networking events are shown to them). */
export async function isVolunteer(tx: Tx, actor: Actor): Promise<boolean> {
	if (actor.kind !== 'user') return false;
	const [p] = await tx.select({ one: sql<number>`1` }).from(volunteerProfiles).where(eq(volunteerProfiles.userId, actor.userId));
	return !!p;
}

/** May the actor manage this activity (its organisation's staff)? */
export function manages(ctx: Ctx, a: Pick<ActivityHead, 'organisationId'>): boolean {
	return a.organisationId !== null && can(ctx.actor, 'activities.manage', orgResource(a.organisationId)) === 'allowed';
}

/** May the actor review proposals in this activity's neighbourhood? */
export function reviews(ctx: Ctx, a: Pick<ActivityHead, 'houseOrganisationId'>): boolean {
	return a.houseOrganisationId !== null && can(ctx.actor, 'activities.review', orgResource(a.houseOrganisationId)) === 'allowed';
}

/**
 * Who sees an activity: a published or cancelled one, everyone (one for
 * volunteers, people with a volunteer profile); a proposal or a rejected one,
 * its proposer, the house that reviews it and the organisation's staff.
 */
export async function visible(ctx: Ctx, a: ActivityHead): Promise<boolean> {
	if (manages(ctx, a) || reviews(ctx, a)) return true;
	if (a.status === 'proposed' || a.status === 'rejected') return ctx.actor.kind === 'user' && a.proposedBy === ctx.actor.userId;
	if (a.audience === 'volunteers') return isVolunteer(ctx.db, ctx.actor);
	return true;
}

/** The title and description in `locale` when translated, else as written. */
export function localised(o: { title: string; description: string; language: string; translations: Record<string, { title: string; description: string }> }, locale: string) {
	const t = o.translations?.[locale];
	return t ? { title: t.title, description: t.description, language: locale } : { title: o.title, description: o.description, language: o.language };
}
