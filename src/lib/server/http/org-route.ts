/**
 * The first lines of every /app/organisations/[id] load and action: signed
 * in, the organisation exists and is visible (else 404, revealing nothing),
 * then the policy for the action (sign-in, second factor, or 403).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ctxFrom } from '../context.ts';
import type { Action } from '../policy/index.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { authorize, requireUser } from './guard.ts';
import { refusalError } from './refusal.ts';

export async function orgGate(event: RequestEvent, action: Action) {
	requireUser(event);
	const ctx = await ctxFrom(event);
	let loaded: Awaited<ReturnType<typeof getOrganisation>>;
	try {
		loaded = await getOrganisation(ctx, event.params.id ?? '');
	} catch (err) {
		refusalError(err);
	}
	await authorize(event, action, { type: 'organisation', id: loaded.org.id, verification: loaded.org.verification });
	return { ctx, ...loaded };
}
