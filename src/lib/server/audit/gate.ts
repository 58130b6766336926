/**
 * The audit entry and the audited policy gate that a capability's use cases
 * share, typed by the capability's own resource names:
 *
 *   export const { audit, requirePolicy } = auditedGate<'activity' | 'activity_rsvp'>();
 *
 * `requirePolicy` asks the policy; a refusal of a signed-in actor is audited
 * as `denied`, and every refusal is thrown as PolicyDenied (the route sends
 * it to sign-in, the second factor or a 403).
 */
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { can, PolicyDenied, type Action, type Resource } from '../policy/index.ts';
import { record } from './index.ts';

type Details = Record<string, string | number | boolean | null>;

export function auditedGate<R extends string>() {
	async function audit(
		ctx: Pick<Ctx, 'actor' | 'ip' | 'requestId'>,
		tx: Tx,
		action: string,
		resourceType: R,
		resourceId: string | null,
		outcome: 'done' | 'denied' = 'done',
		details: Details = {}
	) {
		const actorId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
		await record(tx, { actorId, action, resourceType, resourceId, outcome, ip: ctx.ip, requestId: ctx.requestId, details });
	}

	async function requirePolicy(ctx: Ctx, action: Action, resource: Resource, auditAs: { type: R; id: string | null }) {
		const d = can(ctx.actor, action, resource);
		if (d === 'allowed') return;
		if (d === 'denied') await audit(ctx, ctx.db, action, auditAs.type, auditAs.id, 'denied');
		throw new PolicyDenied(d, action);
	}

	return { audit, requirePolicy };
}
