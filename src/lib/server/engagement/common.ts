/**
 * What the volunteering use cases share: the audit entry, the policy gate
 * (a refusal is audited and thrown), and loading an opportunity with the
 * organisation the policy asks about. An id that is not a uuid, or names
 * nothing, is the same 404 as one the actor may not see: forged ids learn
 * nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { signedInId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { organisations, volunteerOpportunities } from '../db/schema/index.ts';
import { auditedGate } from '../audit/gate.ts';
import type { Resource } from '../policy/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';

/** An opportunity's title in `locale` where a translation exists, else as written (for lists joined to opportunities). */
export const titleIn = (locale: string) =>
	sql<string>`coalesce(nullif(${volunteerOpportunities.translations} -> ${locale} ->> 'title', ''), ${volunteerOpportunities.title})`;

export type EngagementResource = 'volunteer_opportunity' | 'volunteer_shift' | 'volunteer' | 'volunteer_application' | 'volunteer_hours' | 'volunteer_certificate';

export const { audit, requirePolicy } = auditedGate<EngagementResource>();

/** The signed-in user's id; the route signs people in first, so this is a guard, not a flow. */
export const me = (ctx: Ctx): string => signedInId(ctx, 'volunteering.self');

export const opportunityNotFound = () => new Refusal(404, 'engagement_opportunity_not_found');
export const shiftNotFound = () => new Refusal(404, 'engagement_shift_not_found');

export const orgResource = (organisationId: string): Resource => ({ type: 'organisation', id: organisationId });

export interface OpportunityHead {
	id: string;
	organisationId: string;
	organisationName: string;
	status: 'draft' | 'open' | 'closed';
	involvesVulnerable: boolean;
	title: string;
}

/** An opportunity's id, organisation and status, or a 404 refusal. */
export async function opportunityHead(tx: Tx, id: string): Promise<OpportunityHead> {
	if (!isUuid(id)) throw opportunityNotFound();
	const [o] = await tx
		.select({
			id: volunteerOpportunities.id,
			organisationId: volunteerOpportunities.organisationId,
			organisationName: organisations.name,
			status: volunteerOpportunities.status,
			involvesVulnerable: volunteerOpportunities.involvesVulnerable,
			title: volunteerOpportunities.title
		})
		.from(volunteerOpportunities)
		.innerJoin(organisations, eq(organisations.id, volunteerOpportunities.organisationId))
		.where(eq(volunteerOpportunities.id, id));
	if (!o) throw opportunityNotFound();
	return o;
}
