/**
 * What the buddy-programme use cases share (issue 6, decision 020): the audit
 * entry, the policy gate (a refusal is audited and thrown), the signed-in
 * user, and loading a programme with the organisation the policy asks about.
 * An id that is not a uuid, or names nothing, is the same 404 as one the
 * actor may not see: forged ids learn nothing.
 */
import { eq } from 'drizzle-orm';
import { signedInId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { buddyProgrammes, organisations, type BuddyProgrammeKind } from '../db/schema/index.ts';
import { auditedGate } from '../audit/gate.ts';
import type { Resource } from '../policy/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';

export type BuddyResource = 'buddy_programme' | 'buddy_application' | 'buddy_pair' | 'buddy_check_in';

export const { audit, requirePolicy } = auditedGate<BuddyResource>();

/** The signed-in user's id (the routes sign people in first). */
export const me = (ctx: Ctx): string => signedInId(ctx, 'buddies.self');

export const orgResource = (organisationId: string): Resource => ({ type: 'organisation', id: organisationId });

export const programmeNotFound = () => new Refusal(404, 'buddies_programme_not_found');
export const applicationNotFound = () => new Refusal(404, 'buddies_application_not_found');
export const pairNotFound = () => new Refusal(404, 'buddies_pair_not_found');
export const checkInNotFound = () => new Refusal(404, 'buddies_check_in_not_found');

export interface ProgrammeHead {
	id: string;
	organisationId: string;
	organisationName: string;
	kind: BuddyProgrammeKind;
	name: string;
	status: 'open' | 'closed';
	durationWeeks: number;
	checkInDays: number;
	matchingProgrammeId: string | null;
}

/** A programme's id, organisation and settings, or a 404 refusal. */
export async function programmeHead(tx: Tx, id: string): Promise<ProgrammeHead> {
	if (!isUuid(id)) throw programmeNotFound();
	const [p] = await tx
		.select({
			id: buddyProgrammes.id,
			organisationId: buddyProgrammes.organisationId,
			organisationName: organisations.name,
			kind: buddyProgrammes.kind,
			name: buddyProgrammes.name,
			status: buddyProgrammes.status,
			durationWeeks: buddyProgrammes.durationWeeks,
			checkInDays: buddyProgrammes.checkInDays,
			matchingProgrammeId: buddyProgrammes.matchingProgrammeId
		})
		.from(buddyProgrammes)
		.innerJoin(organisations, eq(organisations.id, buddyProgrammes.organisationId))
		.where(eq(buddyProgrammes.id, id));
	if (!p) throw programmeNotFound();
	return p;
}

/** A calendar date plus `days` (YYYY-MM-DD, no time zone involved). */
export function addDays(ymd: string, days: number): string {
	const [y, m, d] = ymd.split('-').map(Number);
	const t = new Date(Date.UTC(y, m - 1, d + days));
	return t.toISOString().slice(0, 10);
}
