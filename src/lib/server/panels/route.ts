/**
 * Route-side helpers of the panels pages: the policy gate first (before a
 * form is read), then the form, then the use case. A PolicyDenied goes to
 * sign-in, the second factor or a 403; a 404 refusal not about a field (a
 * forged or stale id) is the 404 page; any other refusal is a failure of the
 * form it came from, the input kept and the reason translated.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom, type Ctx } from '../context.ts';
import { authorize, requireUser } from '../http/guard.ts';
import { readForm, type FormResult } from '../http/form.ts';
import { loadUseCase, runUseCase } from '../http/use-case.ts';
import { refusalError } from '../http/refusal.ts';
import { PolicyDenied, type Action } from '../policy/index.ts';
import { stepUp } from '../support/route.ts';
import type { UploadedImage } from './drafts.ts';
import { PANEL_MULTI } from './schemas.ts';
import { BODY_TOO_LARGE_HEADER } from '../support/upload-limits.ts';

export async function panelsLoad<T>(event: RequestEvent, action: Action, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
	requireUser(event);
	if (action !== 'panels.answer') await authorize(event, action);
	return loadUseCase(event, fn);
}

/**
 * A form that may carry pictures: the text fields go through readForm (sizes,
 * control characters, zod), the files are handed over as they are.
 */
export async function readPanelForm<S extends z.ZodType>(request: Request, schema: S): Promise<{ form: FormResult<z.infer<S>>; files: Record<string, UploadedImage[]> }> {
	// Marked by the server (scripts/server.ts): too large to read, so not read.
	if (request.headers.has(BODY_TOO_LARGE_HEADER)) return { form: { ok: false, values: {}, errors: {}, message: m.panels_body_too_large(), status: 413 }, files: {} };
	const type = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data/i.test(type)) return { form: await readForm(request, schema, { multi: PANEL_MULTI }), files: {} };
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		return { form: { ok: false, values: {}, errors: {}, message: m.error_bad_request(), status: 400 }, files: {} };
	}
	const text = new URLSearchParams();
	const files: Record<string, UploadedImage[]> = {};
	for (const [k, v] of data) {
		if (typeof v === 'string') text.append(k, v);
		else if (v.size > 0 || v.name !== '') (files[k] ??= []).push({ name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
	}
	const again = new Request('http://form.local/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: text });
	return { form: await readForm(again, schema, { multi: PANEL_MULTI }), files };
}

/**
 * A panels form: signed in, the policy for `action` (for `panels.answer` the
 * use case checks the panel itself), then the form, then `fn`.
 */
export async function panelsForm<S extends z.ZodType, R>(
	event: RequestEvent,
	section: string,
	action: Action,
	schema: S | ((ctx: Ctx) => Promise<S>),
	fn: (ctx: Ctx, data: z.infer<S>, files: Record<string, UploadedImage[]>) => Promise<R>,
	success: (r: R) => string = () => m.panels_saved()
) {
	requireUser(event);
	if (action !== 'panels.answer') await authorize(event, action);
	const ctx = await ctxFrom(event);
	let s: S;
	try {
		s = typeof schema === 'function' ? await (schema as (ctx: Ctx) => Promise<S>)(ctx) : schema;
	} catch (err) {
		if (err instanceof PolicyDenied) stepUp(event, err);
		refusalError(err, { explain: true });
	}
	const { form, files } = await readPanelForm(event.request, s);
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	return runUseCase(event, section, (c) => fn(c, form.data, files), success, form.values);
}

/** "12.50 EUR" in the reader's language. */
export function money(cents: number, currency: string, locale: string): string {
	try {
		return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
	} catch {
		return `${(cents / 100).toFixed(2)} ${currency}`;
	}
}
