import { orgGate } from '#lib/server/http/org-route.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { listServices } from '#lib/server/directory/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'directory.manage');
	try {
		const services = await listServices(ctx, org.id);
		return { org: { id: org.id, name: org.name }, permissions, services, deleted: event.url.searchParams.has('deleted') };
	} catch (err) {
		refusalError(err);
	}
};
