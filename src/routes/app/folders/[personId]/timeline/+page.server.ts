import { folderLoad } from '#lib/server/support/route.ts';
import { folderTimeline } from '#lib/server/support/timeline.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		return folderTimeline(ctx, event.params.personId, { before: event.url.searchParams.get('before') });
	});
