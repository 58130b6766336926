import { orgGate } from '#lib/server/http/org-route.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { org } = await orgGate(event, 'directory.export');
	return { org: { id: org.id, name: org.name } };
};
