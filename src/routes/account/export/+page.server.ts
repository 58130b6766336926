import { authorize, requireUser } from '#lib/server/http/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireUser(event);
	await authorize(event, 'account.export', { type: 'account', userId: actor.userId });
	return {};
};
