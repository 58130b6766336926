import { authorize } from '#lib/server/http/guard.ts';
import { getDb } from '#lib/server/db/index.ts';
import { listNeighbourhoods } from '#lib/server/directory/portal.ts';
import { needs } from '#lib/directory/taxonomy.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'portal.view');
	const locale = event.locals.locale as keyof (typeof needs)[number]['name'];
	return {
		needs: needs.map((n) => ({ code: n.code, icon: n.icon, name: n.name[locale] ?? n.name.en })),
		neighbourhoods: await listNeighbourhoods(await getDb())
	};
};
