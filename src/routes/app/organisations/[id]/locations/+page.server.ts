import { orgGate } from '#lib/server/http/org-route.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { listLocations } from '#lib/server/directory/locations.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'directory.manage');
	try {
		const locations = await listLocations(ctx, org.id);
		return {
			org: { id: org.id, name: org.name },
			permissions,
			locations: locations.map((l) => ({ id: l.id, name: l.name, address1: l.address1, city: l.city, neighbourhood: l.neighbourhood, services: l.services })),
			deleted: event.url.searchParams.has('deleted')
		};
	} catch (err) {
		refusalError(err);
	}
};
