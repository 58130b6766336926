import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { orgGate } from '#lib/server/http/org-route.ts';
import { confirmImport, ImportRefused, jobFor, MAX_ROWS, MAX_UPLOAD_BYTES, previewImport } from '#lib/server/directory/import/index.ts';
import { exchangeMessage } from './messages.ts';
import type { Actions, PageServerLoad } from './$types';

/** Room for the multipart envelope around a file of the largest size allowed. */
const ENVELOPE = 64 * 1024;

export const load: PageServerLoad = async (event) => {
	const { ctx, org } = await orgGate(event, 'directory.import');
	const jobId = event.url.searchParams.get('job');
	const job = jobId && ctx.actor.kind === 'user' ? jobFor(jobId, ctx.actor.userId, org.id) : null;
	return {
		org: { id: org.id, name: org.name },
		maxMb: MAX_UPLOAD_BYTES / 1024 / 1024,
		maxRows: MAX_ROWS,
		job: job ? { state: job.state, done: job.done, total: job.total, counts: job.counts } : null
	};
};

const tooLarge = () => fail(413, { message: m.exchange_err_too_large({ max: MAX_UPLOAD_BYTES / 1024 / 1024 }) });

export const actions: Actions = {
	preview: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.import');
		// Refused before the body is read: the size the browser announces.
		const announced = Number(event.request.headers.get('content-length') ?? '0');
		if (announced > MAX_UPLOAD_BYTES + ENVELOPE) return tooLarge();
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch (err) {
			if ((err as { status?: number }).status === 413) return tooLarge();
			return fail(400, { message: m.exchange_err_no_file() });
		}
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: m.exchange_err_no_file() });
		if (file.size > MAX_UPLOAD_BYTES) return tooLarge();
		try {
			const preview = await previewImport(ctx, org.id, file.name.slice(0, 200), new Uint8Array(await file.arrayBuffer()));
			return {
				preview: {
					...preview,
					errors: preview.errors.map((e) => ({ ...e, message: exchangeMessage(e.key, e.params) }))
				}
			};
		} catch (err) {
			if (err instanceof ImportRefused) return fail(400, { message: exchangeMessage(err.key, err.params) });
			throw err;
		}
	},
	confirm: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.import');
		const form = await event.request.formData().catch(() => null);
		const token = String(form?.get('token') ?? '');
		if (!token) return fail(400, { message: m.exchange_err_token() });
		let jobId: string;
		try {
			jobId = (await confirmImport(ctx, org.id, token)).id;
		} catch (err) {
			if (err instanceof ImportRefused) return fail(400, { message: exchangeMessage(err.key, err.params) });
			throw err;
		}
		redirect(303, `/app/organisations/${org.id}/import?job=${jobId}`);
	}
};
