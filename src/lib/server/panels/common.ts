/**
 * What the panels use cases share: the audit entry, the audited policy gate,
 * the signed-in person, and a panel's facts for the policy (who accepted to
 * take part). An id that is not a uuid, or names nothing, is the same 404 as
 * a panel the actor may not see: forged ids learn nothing.
 */
import { and, eq } from 'drizzle-orm';
import { signedInId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { panelMembers, panels } from '../db/schema/index.ts';
import { auditedGate } from '../audit/gate.ts';
import { can, type PanelResource } from '../policy/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';

export type PanelAuditResource = 'panel' | 'panel_pool' | 'panel_member' | 'panel_draft' | 'panel_answer' | 'panel_image' | 'panel_compensation';
export const { audit, requirePolicy } = auditedGate<PanelAuditResource>();

export const me = (ctx: Ctx): string => signedInId(ctx, 'panels.join');

export const panelNotFound = () => new Refusal(404, 'panels_not_found');
export const draftNotFound = () => new Refusal(404, 'panels_draft_not_found');

export interface PanelHead {
	id: string;
	name: string;
	purpose: string;
	languages: string[];
}

export async function panelHead(tx: Tx, id: string): Promise<PanelHead> {
	if (!isUuid(id)) throw panelNotFound();
	const [p] = await tx.select({ id: panels.id, name: panels.name, purpose: panels.purpose, languages: panels.languages }).from(panels).where(eq(panels.id, id));
	if (!p) throw panelNotFound();
	return p;
}

/** The panel as the policy sees it: the people who accepted to take part. */
export async function panelResource(tx: Tx, panelId: string): Promise<PanelResource> {
	const rows = await tx
		.select({ userId: panelMembers.userId })
		.from(panelMembers)
		.where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.status, 'accepted')));
	return { type: 'panel', panelId, acceptedUserIds: rows.map((r) => r.userId) };
}

/** City staff who run panels (past the second factor). Throws for anyone else; audited when denied. */
export async function requireManager(ctx: Ctx, panelId: string | null = null): Promise<void> {
	await requirePolicy(ctx, 'panels.manage', { type: 'platform' }, { type: 'panel', id: panelId });
}

export function manages(ctx: Ctx): boolean {
	return can(ctx.actor, 'panels.manage') === 'allowed';
}

/** The text of `l` in `locale`, else in the first of `order` that has it, else any; with the language it is in. */
export function pick(l: Record<string, string>, locale: string, order: readonly string[] = []): { text: string; language: string } {
	for (const k of [locale, ...order, ...Object.keys(l)]) if (l[k]) return { text: l[k], language: k };
	return { text: '', language: locale };
}
