import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { getDb } from '#lib/server/db/index.ts';
import { readForm, translate } from '#lib/server/http/form.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { acceptInvitation, lookupInvitation } from '#lib/server/organisations/invitations.ts';
import { emptyForm } from '#lib/server/organisations/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

const closed = { expired: 'org_invitation_expired', accepted: 'org_invitation_used', revoked: 'org_invitation_revoked' } as const;

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'invitation.view');
	const inv = await lookupInvitation(await getDb(), event.params.token);
	if (!inv) error(404, m.org_invitation_invalid());
	if (inv.state !== 'pending') error(410, translate(closed[inv.state]));
	// The link is a secret: never sent on to another site, never kept in a cache.
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		organisation: inv.organisation,
		role: inv.role,
		signedIn: event.locals.actor.kind === 'user',
		alreadyMember: event.locals.actor.kind === 'user' && event.locals.actor.memberships.has(inv.organisationId),
		next: encodeURIComponent(event.url.pathname)
	};
};

export const actions: Actions = {
	accept: async (event) => {
		requireUser(event);
		await authorize(event, 'invitation.accept');
		const form = await readForm(event.request, emptyForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		const session = event.locals.session;
		if (!session) redirect(303, `/signin?next=${encodeURIComponent(event.url.pathname)}`);
		let organisationId: string;
		try {
			const done = await acceptInvitation(await ctxFrom(event), { token: event.params.token }, session.sessionId);
			setSessionCookie(event, done.session);
			organisationId = done.organisationId;
		} catch (err) {
			return refusalFail(err);
		}
		redirect(303, `/app/organisations/${organisationId}?joined=1`);
	}
};
