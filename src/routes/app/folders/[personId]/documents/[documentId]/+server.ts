/**
 * A document's bytes: only here, only after the policy (folder.view on the
 * person, the document theirs; see downloadDocument), always as an
 * attachment of the type its bytes were recognised as, never cached, never
 * sniffed or rendered by the browser.
 */
import { downloadDocument } from '#lib/server/support/documents.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import type { RequestHandler } from './$types';

/** The name in Content-Disposition: plain ASCII for old browsers, and the real name (RFC 6266, RFC 8187). */
function disposition(name: string): string {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const GET: RequestHandler = async (event) => {
	const doc = await folderLoad(event, (ctx) => downloadDocument(ctx, event.params.personId, event.params.documentId));
	return new Response(doc.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': doc.mediaType,
			'content-length': String(doc.bytes.length),
			'content-disposition': disposition(doc.name),
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store',
			// Opened by mistake in a tab, it can still run nothing and load nothing.
			'content-security-policy': "default-src 'none'; sandbox",
			'cross-origin-resource-policy': 'same-origin'
		}
	});
};
