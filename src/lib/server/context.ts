/**
 * What a use case knows about the request that called it: who acts, from
 * where, and the database. Use cases never see a Request; routes build this.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { getDb, type Db } from './db/index.ts';
import { PolicyDenied, type Action, type Actor } from './policy/index.ts';

export interface Ctx {
	db: Db;
	actor: Actor;
	ip: string | null;
	requestId: string | null;
	locale: string;
	/** The site's origin, for links in e-mails. */
	origin: string;
}

export async function ctxFrom(event: RequestEvent): Promise<Ctx> {
	return {
		db: await getDb(),
		actor: event.locals.actor,
		ip: event.locals.ip ?? null,
		requestId: event.locals.requestId ?? null,
		locale: event.locals.locale ?? 'en',
		origin: event.url.origin
	};
}

/** The signed-in user's id, or null (for the audit log and the `by` columns). */
export function actorId(ctx: Ctx): string | null {
	return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/**
 * The signed-in user's id for a use case about one's own things; routes sign
 * people in first, so this is a guard, not a flow: signed out, it is the
 * policy's "sign in first" for `action`.
 */
export function signedInId(ctx: Pick<Ctx, 'actor'>, action: Action): string {
	if (ctx.actor.kind !== 'user') throw new PolicyDenied('sign_in_required', action);
	return ctx.actor.userId;
}
