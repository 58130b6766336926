/**
 * Route-side helpers of the assemblies pages: the policy gate first (before a
 * form is read, so an empty post by someone not allowed is a 403, not a 400),
 * then the form, then the use case. A PolicyDenied goes to sign-in, the
 * second factor or a 403; a 404 refusal not about a field (a forged or stale
 * id) is the 404 page; any other refusal is a failure of the form it came
 * from, the input kept and the reason translated.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ctxFrom, type Ctx } from '../context.ts';
import { requireUser } from '../http/guard.ts';
import { refusalError } from '../http/refusal.ts';
import { formUseCase, loadUseCase } from '../http/use-case.ts';
import { PolicyDenied, type Action } from '../policy/index.ts';
import { stepUp } from '../support/route.ts';
import { gate, requirePolicy } from './common.ts';
import { ASSEMBLY_MULTI } from './schemas.ts';

export { when, localFields } from '../activities/route.ts';

/** For loads: refusals become redirects (sign-in, second factor) or error pages. */
export const assembliesLoad = loadUseCase;

/**
 * A form: signed in, then `action` on the assembly of the address (or on the
 * platform when there is none), then the form, then `fn`.
 */
export async function assemblyForm<S extends z.ZodType, R>(event: RequestEvent, section: string, action: Action, schema: S, fn: (ctx: Ctx, data: z.infer<S>) => Promise<R>, success: (r: R) => string) {
	requireUser(event);
	const ctx = await ctxFrom(event);
	try {
		if (event.params.id) await gate(ctx, action, event.params.id);
		else await requirePolicy(ctx, action, { type: 'platform' }, { type: 'assembly', id: null });
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: true });
	}
	return formUseCase(event, section, schema, fn, success, { multi: ASSEMBLY_MULTI });
}

/** A calendar day 'YYYY-MM-DD' in words of the reader's language ("21 Dec 2026"). */
export function dayName(ymd: string, locale: string): string {
	const [y, mo, d] = ymd.split('-').map(Number);
	const at = new Date(Date.UTC(y, mo - 1, d, 12));
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
	} catch {
		return ymd;
	}
}
