import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { platformRoles, type PlatformRole } from '#lib/server/db/schema/index.ts';
import { readForm } from '#lib/server/http/form.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { pageParam, setRoleForm } from '#lib/server/platform/schemas.ts';
import { searchUsers, setPlatformRole } from '#lib/server/platform/users.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'platform.users.view');
	const sp = event.url.searchParams;
	const q = (sp.get('q') ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
	const rawRole = sp.get('role') ?? 'any';
	const role = (platformRoles as readonly string[]).includes(rawRole) ? (rawRole as PlatformRole) : 'any';
	const result = await searchUsers(await ctxFrom(event), { q, role, page: pageParam(sp.get('page')) });
	return { ...result, q, role, me: event.locals.actor.kind === 'user' ? event.locals.actor.userId : null };
};

export const actions: Actions = {
	role: async (event) => {
		requireUser(event);
		await authorize(event, 'platform.roles.manage');
		const form = await readForm(event.request, setRoleForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			const { changed } = await setPlatformRole(await ctxFrom(event), form.data.userId, form.data.role || null);
			return { success: changed ? m.admin_role_changed() : m.admin_role_unchanged() };
		} catch (err) {
			return refusalFail(err, form.values);
		}
	}
};
