/**
 * Route-side helper of the referral pages: as the folder's `folderAction`,
 * and a referral one may not see becomes the same 403 error page as an
 * unknown one (its existence is private), never a form message.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Ctx } from '../context.ts';
import type { FormValues } from '../http/form.ts';
import { refusalError } from '../http/refusal.ts';
import { Refusal } from '../organisations/errors.ts';
import { folderAction } from '../support/route.ts';

export function referralAction(event: RequestEvent, section: string, values: FormValues, fn: (ctx: Ctx) => Promise<unknown>) {
	return folderAction(event, section, values, async (ctx) => {
		try {
			return await fn(ctx);
		} catch (err) {
			if (err instanceof Refusal && err.key === 'referrals_not_found') refusalError(err);
			throw err;
		}
	});
}
