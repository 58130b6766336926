import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { readForm } from '#lib/server/http/form.ts';
import { orgGate } from '#lib/server/http/org-route.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { changeRole, listMembers, removeMember } from '#lib/server/organisations/members.ts';
import { roleForm, userIdForm } from '#lib/server/organisations/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'organisation.members.view');
	const members = await listMembers(ctx, org.id);
	return {
		org: { id: org.id, name: org.name },
		members,
		permissions,
		me: ctx.actor.kind === 'user' ? ctx.actor.userId : null
	};
};

export const actions: Actions = {
	role: async (event) => {
		const { ctx, org } = await orgGate(event, 'organisation.members.manage');
		const form = await readForm(event.request, roleForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await changeRole(ctx, org.id, form.data.userId, form.data.role);
		} catch (err) {
			return refusalFail(err, form.values);
		}
		return { success: m.org_role_changed() };
	},
	remove: async (event) => {
		const { ctx, org } = await orgGate(event, 'organisation.members.manage');
		const form = await readForm(event.request, userIdForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await removeMember(ctx, org.id, form.data.userId);
		} catch (err) {
			return refusalFail(err, form.values);
		}
		return { success: m.org_member_removed() };
	}
};
