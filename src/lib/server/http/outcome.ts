/**
 * Turns a use case's Failure (message names) into a form action failure
 * with translated messages, keeping the input so the page shows it again.
 */
import { fail } from '@sveltejs/kit';
import type { Failure } from '../auth/accounts.ts';
import { translate, type FormResult, type FormValues } from './form.ts';

/** `form` names which of several forms on a page failed, so only that one shows the errors. */
export function failure(out: Failure, values: FormValues = {}, form?: string) {
	const errors: Record<string, string> = {};
	for (const [field, key] of Object.entries(out.errors ?? {})) errors[field] = translate(key);
	return fail(out.status, { values, errors, message: translate(out.message), form });
}

export function formFailure(result: Extract<FormResult<unknown>, { ok: false }>, form?: string) {
	return fail(result.status, { values: result.values, errors: result.errors, message: result.message, form });
}
