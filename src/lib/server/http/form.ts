/**
 * Reading forms and JSON safely: every value is checked for size, control
 * characters and broken encoding before a zod schema sees it; every error
 * comes back as a translated message per field, and the input is kept so the
 * page can show it again.
 *
 * In a schema, give a custom message as the *name* of a message in
 * messages/ (for example `z.string().min(12, { error: 'auth_password_too_short' })`);
 * it is looked up in the request's language.
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

export const MAX_FIELD_LENGTH = 20_000;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const REPLACEMENT = '\ufffd';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; values: FormValues; errors: FieldErrors; message: string; status: 400 | 413 | 415 };

const messages = m as unknown as Record<string, ((p?: Record<string, unknown>) => string) | undefined>;

/** Looks up a message by name; falls back to the generic "does not look right". */
export function translate(key: string, params?: Record<string, unknown>): string {
	const fn = messages[key];
	return fn ? fn(params) : m.field_invalid();
}

function issueMessage(issue: z.core.$ZodIssue): string {
	if (issue.message && messages[issue.message]) return translate(issue.message, issue as never);
	switch (issue.code) {
		case 'too_small':
			return issue.minimum === 1 || issue.minimum === 1n
				? m.field_required()
				: m.field_too_short({ min: String(issue.minimum) });
		case 'too_big':
			return m.field_too_long({ max: String(issue.maximum) });
		case 'invalid_format':
			return issue.format === 'email' ? m.field_invalid_email() : m.field_invalid();
		case 'invalid_value':
			return m.field_invalid_choice();
		case 'invalid_type':
			return issue.input === undefined ? m.field_required() : m.field_invalid();
		default:
			return m.field_invalid();
	}
}

export function zodErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? String(issue.path[0]) : '_form';
		errors[key] ??= issueMessage(issue);
	}
	return errors;
}

/** Checks raw text values; returns a message for the first problem found. */
export function checkText(value: string): string | null {
	if (value.length > MAX_FIELD_LENGTH) return m.field_too_long({ max: String(MAX_FIELD_LENGTH) });
	if (value.includes(REPLACEMENT)) return m.field_invalid();
	if (CONTROL.test(value.replace(/\r\n|\n|\t/g, ''))) return m.field_control_chars();
	return null;
}

/** Form fields never echoed back to the page. */
const SECRET_FIELDS = /password|code|token|secret/i;

function keepValues(values: FormValues): FormValues {
	const kept: FormValues = {};
	for (const [k, v] of Object.entries(values)) {
		if (SECRET_FIELDS.test(k)) continue;
		kept[k] = Array.isArray(v) ? v.map((x) => x.slice(0, 2000)) : v.slice(0, 2000);
	}
	return kept;
}

/**
 * Reads a urlencoded or multipart form and validates it with `schema`.
 * Fields listed in `multi` are arrays (checkbox groups); others take the
 * first value. Files are refused here (use a dedicated upload helper).
 */
export async function readForm<S extends z.ZodType>(
	request: Request,
	schema: S,
	opts: { multi?: string[] } = {}
): Promise<FormResult<z.infer<S>>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
		return { ok: false, values: {}, errors: {}, message: m.error_bad_request(), status: 415 };
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, values: {}, errors: {}, message: m.error_bad_request(), status: 400 };
	}
	const values: FormValues = {};
	const errors: FieldErrors = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') {
			errors[key] = m.field_invalid();
			continue;
		}
		if (key.length > 100) return { ok: false, values: {}, errors: {}, message: m.error_bad_request(), status: 400 };
		const problem = checkText(value);
		if (problem) errors[key] ??= problem;
		if (opts.multi?.includes(key)) ((values[key] ??= []) as string[]).push(value);
		else if (!(key in values)) values[key] = value;
	}
	for (const key of opts.multi ?? []) values[key] ??= [];
	const kept = keepValues(values);
	if (Object.keys(errors).length) {
		return { ok: false, values: kept, errors, message: m.form_has_errors(), status: 400 };
	}
	const parsed = schema.safeParse(values);
	if (!parsed.success) {
		const fieldErrors = zodErrors(parsed.error);
		const unknown = parsed.error.issues.some((i) => i.code === 'unrecognized_keys');
		return {
			ok: false,
			values: kept,
			errors: fieldErrors,
			message: unknown ? m.error_bad_request() : m.form_has_errors(),
			status: 400
		};
	}
	return { ok: true, data: parsed.data, values: kept };
}

/** Common field shapes. Strings are trimmed and normalised to NFC. */
export const fields = {
	text: (max = 200) =>
		z
			.string()
			.transform((s) => s.normalize('NFC').trim())
			.pipe(z.string().min(1).max(max)),
	optionalText: (max = 2000) =>
		z
			.string()
			.optional()
			.transform((s) => (s ?? '').normalize('NFC').trim())
			.pipe(z.string().max(max)),
	email: () =>
		z
			.string()
			.transform((s) => s.trim().toLowerCase())
			.pipe(z.email().max(254)),
	optionalEmail: () =>
		z
			.string()
			.optional()
			.transform((s) => (s ?? '').trim().toLowerCase())
			.pipe(z.union([z.literal(''), z.email().max(254)])),
	/**
	 * An optional http(s) address; "example.org" becomes "https://example.org".
	 * No credentials in it, and a host with a dot. `error` is the message key.
	 */
	optionalWebAddress: (max: number, error: string) =>
		z
			.string()
			.optional()
			.transform((s) => (s ?? '').trim())
			.pipe(
				z.union([
					z.literal(''),
					z
						.string()
						.max(max)
						.transform((s) => (/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`))
						.refine(
							(s) => {
								try {
									const u = new URL(s);
									return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.') && !u.username && !u.password;
								} catch {
									return false;
								}
							},
							{ error }
						)
				])
			),
	/**
	 * An optional field: absent or blank (after trimming) is null, anything
	 * else must pass `inner` (which gets the trimmed text).
	 */
	blankOrNull: <T>(inner: z.ZodType<T, string>) =>
		z
			.string()
			.optional()
			.transform((s) => (s ?? '').trim())
			.pipe(z.union([z.literal('').transform(() => null), inner])),
	uuid: () => z.uuid(),
	checkbox: () =>
		z
			.string()
			.optional()
			.transform((v) => v === 'on' || v === 'true' || v === '1')
};
