import { authorize } from '#lib/server/http/guard.ts';
import { needs } from '#lib/directory/taxonomy.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'portal.view');
	const locale = event.locals.locale as keyof (typeof needs)[number]['name'];
	return { needs: needs.map((n) => ({ code: n.code, name: n.name[locale] ?? n.name.en })) };
};
