import { redirect } from '@sveltejs/kit';
import { signOut } from '#lib/server/auth/accounts.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { clearSessionCookie } from '#lib/server/http/session-cookie.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.session && !locals.pendingSession) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const s = event.locals.session ?? event.locals.pendingSession;
		if (s) await signOut(await ctxFrom(event), { sessionId: s.sessionId, userId: s.actor.userId });
		clearSessionCookie(event);
		redirect(303, '/');
	}
};
