import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { isUuid } from '#lib/server/organisations/errors.ts';
import { checkFolder } from '#lib/server/support/folders.ts';
import { deleteDocument, listDocuments, refuseUpload, uploadDocument } from '#lib/server/support/documents.ts';
import { folderAction, folderLoad } from '#lib/server/support/route.ts';
import { BODY_TOO_LARGE_HEADER, DOCUMENT_BODY_LIMIT, MAX_DOCUMENT_BYTES } from '#lib/server/support/upload-limits.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const listing = await listDocuments(ctx, event.params.personId);
		const uploaded = event.url.searchParams.get('uploaded');
		return {
			person: listing.person,
			documents: listing.documents,
			maxMb: MAX_DOCUMENT_BYTES / 1024 / 1024,
			uploaded: isUuid(uploaded) ? (listing.documents.find((d) => d.id === uploaded)?.name ?? null) : null
		};
	});

/**
 * The body of an upload, read up to `limit` bytes. A body without a declared
 * length (chunked) that grows past it is read to its end and dropped, so the
 * browser gets the 413 page rather than a broken connection.
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | 'too_large'> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		let step: ReadableStreamReadResult<Uint8Array>;
		try {
			step = await reader.read();
		} catch (err) {
			// The server's own limit for every upload path: too large as well.
			if ((err as { status?: number }).status === 413) return 'too_large';
			throw err;
		}
		if (step.done) break;
		total += step.value.length;
		if (total <= limit) chunks.push(step.value);
	}
	if (total > limit) return 'too_large';
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

const failed = (status: number, message: string, errors: Record<string, string> = {}) => fail(status, { section: 'upload', values: {}, errors, message });

async function upload(event: RequestEvent) {
	const personId = event.params.personId ?? '';
	// The policy first: someone who may not add to this folder learns nothing, not even the limit.
	const gate = await folderAction(event, 'upload', {}, (ctx) => checkFolder(ctx, 'folder.edit', personId));
	if (gate) return gate;
	const announced = Number(event.request.headers.get(BODY_TOO_LARGE_HEADER) ?? event.request.headers.get('content-length') ?? 0);
	const body = announced > DOCUMENT_BODY_LIMIT ? 'too_large' : await readBody(event.request, DOCUMENT_BODY_LIMIT).catch(() => null);
	if (body === 'too_large') return folderAction(event, 'upload', {}, (ctx) => refuseUpload(ctx, personId, 'too_large', announced));
	let form: FormData | null = null;
	if (body && /^multipart\/form-data/i.test(event.request.headers.get('content-type') ?? '')) {
		form = await new Response(body, { headers: { 'content-type': event.request.headers.get('content-type')! } }).formData().catch(() => null);
	}
	const file = form?.get('file');
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
		const message = m.documents_choose_file();
		return failed(400, message, { file: message });
	}
	let documentId = '';
	const refused = await folderAction(event, 'upload', {}, async (ctx) => {
		({ documentId } = await uploadDocument(ctx, personId, { name: file.name, declaredType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }));
	});
	if (refused) return refused;
	redirect(303, `/app/folders/${personId}/documents?uploaded=${documentId}`);
}

export const actions: Actions = {
	upload,
	delete: async (event) => {
		const personId = event.params.personId ?? '';
		const gate = await folderAction(event, 'delete', {}, (ctx) => checkFolder(ctx, 'folder.edit', personId));
		if (gate) return gate;
		const form = await event.request.formData().catch(() => null);
		const documentId = String(form?.get('documentId') ?? '');
		const values = { documentId };
		if (!isUuid(documentId)) return fail(400, { section: 'delete', values, errors: { documentId: m.documents_not_found() }, message: m.documents_not_found() });
		const refused = await folderAction(event, 'delete', values, (ctx) => deleteDocument(ctx, personId, documentId));
		return refused ?? { section: 'delete', values: {}, success: m.documents_deleted() };
	}
};
