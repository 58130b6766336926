/**
 * What a use case knows about the request that called it: who acts, from
 * where, and the database. Use cases never see a Request; routes build this.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { getDb, type Db } from './db/index.ts';
import type { Actor } from './policy/index.ts';

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
