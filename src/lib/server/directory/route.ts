/**
 * Route-side helpers of the directory workspace pages: a use case's Refusal
 * becomes a form failure that names the section of the page it came from
 * (the edit page has several forms), with the input kept.
 */
import { fail } from '@sveltejs/kit';
import { Refusal } from '../organisations/errors.ts';
import { translate, type FieldErrors, type FormValues } from '../http/form.ts';

export function sectionFail(section: string, status: number, values: FormValues, errors: FieldErrors, message: string) {
	return fail(status, { section, values, errors, message });
}

export function directoryFail(err: unknown, section: string, values: FormValues = {}) {
	if (!(err instanceof Refusal)) throw err;
	const message = translate(err.key);
	return fail(err.status, { section, values, errors: err.field ? { [err.field]: message } : {}, message, conflict: err.status === 409 });
}
