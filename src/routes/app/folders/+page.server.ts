import { authorize } from '#lib/server/http/guard.ts';
import { creatableOrganisations, listFolders } from '#lib/server/support/folders.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'workspace.view');
	return folderLoad(event, async (ctx) => ({
		folders: await listFolders(ctx),
		canCreate: (await creatableOrganisations(ctx)).length > 0
	}));
};
