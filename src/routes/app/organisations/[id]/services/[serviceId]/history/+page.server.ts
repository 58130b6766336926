import { orgGate } from '#lib/server/http/org-route.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { getServiceForEdit, serviceHistory } from '#lib/server/directory/services.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'directory.manage');
	try {
		const record = await getServiceForEdit(ctx, org.id, event.params.serviceId);
		const entries = await serviceHistory(ctx, org.id, event.params.serviceId);
		return { org: { id: org.id, name: org.name }, permissions, service: { id: record.service.id, name: record.service.name }, entries };
	} catch (err) {
		refusalError(err);
	}
};
