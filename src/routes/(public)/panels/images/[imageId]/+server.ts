/**
 * A panel's picture: only for the panel's members who accepted and city
 * staff (see panelImage); anything else is the same 404. Never cached by
 * shared caches, never sniffed, never able to run anything.
 */
import { panelImage } from '#lib/server/panels/drafts.ts';
import { panelsLoad } from '#lib/server/panels/route.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const img = await panelsLoad(event, 'panels.answer', (ctx) => panelImage(ctx, event.params.imageId));
	return new Response(img.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': img.mediaType,
			'content-length': String(img.bytes.length),
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, max-age=300',
			'content-security-policy': "default-src 'none'; sandbox",
			'cross-origin-resource-policy': 'same-origin'
		}
	});
};
