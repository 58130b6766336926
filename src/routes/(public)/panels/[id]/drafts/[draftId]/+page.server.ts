import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { translate } from '#lib/server/http/form.ts';
import { requireUser } from '#lib/server/http/guard.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { answer, draftForMember } from '#lib/server/panels/drafts.ts';
import { panelsLoad } from '#lib/server/panels/route.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import { PolicyDenied } from '#lib/server/policy/index.ts';
import { checkText } from '#lib/server/http/form.ts';
import { stepUp } from '#lib/server/support/route.ts';
import type { Actions, PageServerLoad } from './$types';

/** A shared draft, its questions in the member's language, their answers; the summary once published. */
export const load: PageServerLoad = (event) =>
	panelsLoad(event, 'panels.answer', async (ctx) => ({
		view: await draftForMember(ctx, event.params.id, event.params.draftId),
		saved: event.url.searchParams.has('saved')
	}));

export const actions: Actions = {
	/** All answers in one form: fields q_<question id>. */
	default: async (event) => {
		requireUser(event);
		const ctx = await ctxFrom(event);
		const data = await event.request.formData().catch(() => null);
		const values: Record<string, string> = {};
		const answers: Record<string, string> = {};
		if (!data) return fail(400, { values, errors: {}, message: m.error_bad_request() });
		for (const [k, v] of data) {
			if (typeof v !== 'string' || !k.startsWith('q_') || k.length > 60) return fail(400, { values, errors: {}, message: m.error_bad_request() });
			values[k] = v.slice(0, 2000);
			const problem = checkText(v);
			if (problem) return fail(400, { values, errors: { [k]: problem }, message: m.form_has_errors() });
			answers[k.slice(2)] = v;
		}
		try {
			await answer(ctx, event.params.id, event.params.draftId, answers);
		} catch (err) {
			if (err instanceof PolicyDenied) stepUp(event, err);
			if (!(err instanceof Refusal)) throw err;
			if (err.status === 404 && !err.field) refusalError(err, { explain: true });
			const message = translate(err.key);
			return fail(err.status, { values, errors: err.field ? { [err.field]: message } : {}, message });
		}
		redirect(303, `/panels/${event.params.id}/drafts/${event.params.draftId}?saved`);
	}
};
