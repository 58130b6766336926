/**
 * What the assemblies use cases share: the audit entry and the audited
 * policy gate, loading an assembly (and a meeting OF that assembly) with the
 * facts the policy asks about. An id that is not a uuid, names nothing, or
 * names a meeting or decision of another assembly is the same 404: forged
 * ids learn nothing.
 */
import { and, eq } from 'drizzle-orm';
import { signedInId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { assemblies, assemblyMeetings, assemblyMembers, neighbourhoods, type AgendaItem, type AssemblyJoinRule, type AssemblyKind, type AssemblyTranslations, type MeetingStatus } from '../db/schema/index.ts';
import { auditedGate } from '../audit/gate.ts';
import { can, type Action, type AssemblyResource } from '../policy/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';

export type AssemblyAuditResource = 'assembly' | 'assembly_member' | 'assembly_meeting' | 'assembly_decision';

export const { audit, requirePolicy } = auditedGate<AssemblyAuditResource>();

export const assemblyNotFound = () => new Refusal(404, 'assemblies_not_found');
export const meetingNotFound = () => new Refusal(404, 'assemblies_meeting_not_found');

/** The signed-in user's id; routes sign people in first, so this is a guard, not a flow. */
export const me = (ctx: Ctx): string => signedInId(ctx, 'assemblies.join');

export interface AssemblyHead {
	id: string;
	kind: AssemblyKind;
	name: string;
	description: string;
	translations: AssemblyTranslations;
	neighbourhoodId: string | null;
	neighbourhoodName: string | null;
	theme: string | null;
	languages: string[];
	joinRule: AssemblyJoinRule;
	chairId: string | null;
	secretaryId: string | null;
}

/** An assembly's facts, or a 404 refusal. */
export async function assemblyHead(tx: Tx, id: string): Promise<AssemblyHead> {
	if (!isUuid(id)) throw assemblyNotFound();
	const [a] = await tx
		.select({
			id: assemblies.id,
			kind: assemblies.kind,
			name: assemblies.name,
			description: assemblies.description,
			translations: assemblies.translations,
			neighbourhoodId: assemblies.neighbourhoodId,
			neighbourhoodName: neighbourhoods.name,
			theme: assemblies.theme,
			languages: assemblies.languages,
			joinRule: assemblies.joinRule,
			chairId: assemblies.chairId,
			secretaryId: assemblies.secretaryId
		})
		.from(assemblies)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, assemblies.neighbourhoodId))
		.where(eq(assemblies.id, id));
	if (!a) throw assemblyNotFound();
	return a;
}

/** The policy's view of an assembly: its chair, secretary and active members. */
export async function assemblyResource(tx: Tx, a: Pick<AssemblyHead, 'id' | 'chairId' | 'secretaryId'>): Promise<AssemblyResource> {
	const rows = await tx
		.select({ userId: assemblyMembers.userId })
		.from(assemblyMembers)
		.where(and(eq(assemblyMembers.assemblyId, a.id), eq(assemblyMembers.status, 'active')));
	return { type: 'assembly', assemblyId: a.id, chairId: a.chairId, secretaryId: a.secretaryId, memberIds: rows.map((r) => r.userId) };
}

/** Loads the assembly and asks the policy (audited refusal); returns both. */
export async function gate(ctx: Ctx, action: Action, assemblyId: string, auditAs: { type: AssemblyAuditResource; id: string | null } = { type: 'assembly', id: assemblyId }) {
	const head = await assemblyHead(ctx.db, assemblyId);
	const resource = await assemblyResource(ctx.db, head);
	await requirePolicy(ctx, action, resource, auditAs);
	return { head, resource };
}

/** May the actor do `action` on this assembly (no audit: for showing links and sections)? */
export function may(ctx: Ctx, action: Action, resource: AssemblyResource): boolean {
	return can(ctx.actor, action, resource) === 'allowed';
}

export interface MeetingHead {
	id: string;
	assemblyId: string;
	startsAt: Date;
	endsAt: Date;
	placeName: string | null;
	address: string | null;
	onlineUrl: string | null;
	agenda: AgendaItem[];
	status: MeetingStatus;
	cancelReason: string | null;
	minutes: string | null;
	minutesAt: Date | null;
	guests: number;
	attendanceAt: Date | null;
	updatedAt: Date;
}

/** A meeting OF this assembly, or a 404 refusal (a meeting of another assembly is not found here). */
export async function meetingHead(tx: Tx, assemblyId: string, meetingId: string, lock = false): Promise<MeetingHead> {
	if (!isUuid(meetingId)) throw meetingNotFound();
	const q = tx
		.select({
			id: assemblyMeetings.id,
			assemblyId: assemblyMeetings.assemblyId,
			startsAt: assemblyMeetings.startsAt,
			endsAt: assemblyMeetings.endsAt,
			placeName: assemblyMeetings.placeName,
			address: assemblyMeetings.address,
			onlineUrl: assemblyMeetings.onlineUrl,
			agenda: assemblyMeetings.agenda,
			status: assemblyMeetings.status,
			cancelReason: assemblyMeetings.cancelReason,
			minutes: assemblyMeetings.minutes,
			minutesAt: assemblyMeetings.minutesAt,
			guests: assemblyMeetings.guests,
			attendanceAt: assemblyMeetings.attendanceAt,
			updatedAt: assemblyMeetings.updatedAt
		})
		.from(assemblyMeetings)
		.where(and(eq(assemblyMeetings.id, meetingId), eq(assemblyMeetings.assemblyId, assemblyId)));
	const [m] = lock ? await q.for('update') : await q;
	if (!m) throw meetingNotFound();
	return m;
}

/** The name and description in `locale` when translated, else in English. */
export function localised(a: Pick<AssemblyHead, 'name' | 'description' | 'translations'>, locale: string): { name: string; description: string; translated: boolean } {
	const t = a.translations?.[locale];
	return t && t.name ? { name: t.name, description: t.description || a.description, translated: true } : { name: a.name, description: a.description, translated: false };
}
