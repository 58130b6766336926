/**
 * Route-side access: every load and action calls `authorize` (or
 * `requireUser`) first. It asks the policy, records refusals in the audit
 * log, and turns them into the right response: the sign-in page, the second
 * factor page, or a 403.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { getDb } from '../db/index.ts';
import { record } from '../audit/index.ts';
import { can, type Action, type Resource, type SignedInActor } from '../policy/index.ts';

function nextParam(event: RequestEvent): string {
	return encodeURIComponent(event.url.pathname + event.url.search);
}

export async function authorize(event: RequestEvent, action: Action, resource?: Resource): Promise<void> {
	const decision = can(event.locals.actor, action, resource);
	if (decision === 'allowed') return;
	if (decision === 'sign_in_required') redirect(303, `/signin?next=${nextParam(event)}`);
	const actor = event.locals.actor as SignedInActor;
	if (decision === 'second_factor_required') {
		redirect(303, actor.totpEnabled ? `/signin/verify?next=${nextParam(event)}` : `/account/security?required=1`);
	}
	await record(await getDb(), {
		actorId: actor.userId,
		action,
		resourceType: resource?.type ?? 'platform',
		resourceId: resourceId(resource),
		outcome: 'denied',
		ip: event.locals.ip,
		requestId: event.locals.requestId
	});
	error(403, m.error_forbidden_title());
}

export function resourceId(resource?: Resource): string | null {
	if (!resource) return null;
	switch (resource.type) {
		case 'account':
			return resource.userId;
		case 'organisation':
			return resource.id;
		case 'invitation':
			return resource.organisationId;
		case 'folder':
			return resource.personId;
		default:
			return null;
	}
}

/** The signed-in actor, or a redirect to sign in. */
export function requireUser(event: RequestEvent): SignedInActor {
	const actor = event.locals.actor;
	if (actor.kind !== 'user') redirect(303, `/signin?next=${nextParam(event)}`);
	return actor;
}

/** Writes an audit entry for a successful action, from a route. */
export async function audit(
	event: RequestEvent,
	entry: { action: string; resourceType: string; resourceId?: string | null; details?: Record<string, string | number | boolean | null> },
	tx?: Parameters<typeof record>[0]
): Promise<void> {
	const actor = event.locals.actor;
	await record(tx ?? (await getDb()), {
		actorId: actor.kind === 'user' ? actor.userId : null,
		outcome: 'done',
		ip: event.locals.ip,
		requestId: event.locals.requestId,
		...entry
	});
}
