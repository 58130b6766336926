import { authorize } from '#lib/server/http/guard.ts';
import { ideaImage } from '#lib/server/cocreation/images.ts';
import { loadUseCase } from '#lib/server/http/use-case.ts';
import type { RequestHandler } from './$types';

/** A picture of an idea, as stored (its metadata already cut out); never sniffed as anything else by the browser. */
export const GET: RequestHandler = async (event) => {
	await authorize(event, 'cocreation.view');
	const img = await loadUseCase(event, (ctx) => ideaImage(ctx, event.params.id, event.params.ideaId, event.params.imageId));
	return new Response(img.bytes as BodyInit, {
		headers: {
			'content-type': img.mediaType,
			'content-length': String(img.bytes.length),
			'x-content-type-options': 'nosniff',
			'content-disposition': 'inline',
			// A hidden idea's picture is seen only by its author and moderators: never kept in a shared cache.
			'cache-control': img.public ? 'public, max-age=3600' : 'private, no-store'
		}
	});
};
