/**
 * Turns a use case's Refusal into what a route returns: 404 and 403 pages for
 * "no such thing" and "not yours", a form failure with a translated message
 * (the input kept) for everything else.
 */
import { error, fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { Refusal } from '../organisations/errors.ts';
import { translate, type FormValues } from './form.ts';

export function refusalFail(err: unknown, values: FormValues = {}) {
	if (!(err instanceof Refusal)) throw err;
	if (err.key === 'org_not_found') error(404, m.error_not_found_title());
	if (err.key === 'org_forbidden') error(403, m.error_forbidden_title());
	const message = translate(err.key);
	return fail(err.status, { values, errors: err.field ? { [err.field]: message } : {}, message });
}

/**
 * For loads: any refusal becomes an error page with its status. With
 * `explain`, a 403 or 404 page also carries the refusal's own sentence: for a
 * page drawn again after its form was posted without JavaScript, where a stale
 * or forged id deserves more than "we cannot find this page".
 */
export function refusalError(err: unknown, opts: { explain?: boolean } = {}): never {
	if (!(err instanceof Refusal)) throw err;
	const detail = opts.explain ? { detail: translate(err.key) } : {};
	if (err.status === 404) error(404, { message: m.error_not_found_title(), ...detail });
	if (err.status === 403) error(403, { message: m.error_forbidden_title(), ...detail });
	error(err.status, translate(err.key));
}
