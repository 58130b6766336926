import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/http/form.ts';
import { orgGate } from '#lib/server/http/org-route.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { createInvitation, listInvitations, resendInvitation, revokeInvitation } from '#lib/server/organisations/invitations.ts';
import { invitationIdForm, inviteForm } from '#lib/server/organisations/schemas.ts';
import { can } from '#lib/server/policy/index.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'organisation.invite');
	const { invitations } = await listInvitations(ctx, org.id);
	return {
		org: { id: org.id, name: org.name },
		invitations,
		permissions,
		/** Only those who manage members may invite new owners. */
		mayInviteOwner: can(ctx.actor, 'organisation.members.manage', { type: 'organisation', id: org.id }) === 'allowed'
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const { ctx, org } = await orgGate(event, 'organisation.invite');
		const form = await readForm(event.request, inviteForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await createInvitation(ctx, org.id, form.data);
		} catch (err) {
			return refusalFail(err, form.values);
		}
		return { success: m.org_invite_sent({ email: form.data.email }) };
	},
	revoke: async (event) => {
		const { ctx, org } = await orgGate(event, 'organisation.invite');
		const form = await readForm(event.request, invitationIdForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await revokeInvitation(ctx, org.id, form.data.invitationId);
		} catch (err) {
			return refusalFail(err);
		}
		return { success: m.org_invite_revoked_done() };
	},
	resend: async (event) => {
		const { ctx, org } = await orgGate(event, 'organisation.invite');
		const form = await readForm(event.request, invitationIdForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await resendInvitation(ctx, org.id, form.data.invitationId);
		} catch (err) {
			return refusalFail(err);
		}
		return { success: m.org_invite_resent() };
	}
};
