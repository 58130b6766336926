import { readAccessLog } from '#lib/server/support/access-log.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const page = Number(event.url.searchParams.get('page') ?? '1');
		const log = await readAccessLog(ctx, event.params.personId, Number.isFinite(page) ? page : 1);
		return { log, person: log.person };
	});
