import { authorize } from '#lib/server/http/guard.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { getPublicOrganisation } from '#lib/server/organisations/organisations.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'portal.view');
	const ctx = await ctxFrom(event);
	try {
		const { org, neighbourhood, permissions } = await getPublicOrganisation(ctx, event.params.slug);
		return {
			org: {
				id: org.id,
				name: org.name,
				type: org.type,
				description: org.description,
				website: org.website,
				email: org.email,
				phone: org.phone,
				verification: org.verification
			},
			neighbourhood,
			canManage: permissions.update || (ctx.actor.kind === 'user' && ctx.actor.memberships.has(org.id))
		};
	} catch (err) {
		refusalError(err);
	}
};
