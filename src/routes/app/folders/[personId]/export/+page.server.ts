import { exportPage } from '#lib/server/support/subject-export.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => ({ person: await exportPage(ctx, event.params.personId), locale: ctx.locale }));
