import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { readForm } from '#lib/server/http/form.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { auditActions, checkAuditChain, readAuditLog } from '#lib/server/platform/audit-log.ts';
import { emptyForm, pageParam } from '#lib/server/platform/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'platform.audit.view');
	const ctx = await ctxFrom(event);
	const sp = event.url.searchParams;
	const action = (sp.get('action') ?? '').slice(0, 100);
	const actor = (sp.get('actor') ?? '').trim().slice(0, 100);
	const [result, actions] = await Promise.all([
		readAuditLog(ctx, { action, actor, page: pageParam(sp.get('page')) }),
		auditActions(ctx)
	]);
	return {
		...result,
		rows: result.rows.map((r) => ({ ...r, details: r.details ? JSON.stringify(r.details) : '' })),
		actions,
		action,
		actor: /^[0-9a-f-]{36}$/i.test(actor) ? actor : '',
		actorInvalid: actor !== '' && !/^[0-9a-f-]{36}$/i.test(actor)
	};
};

export const actions: Actions = {
	verify: async (event) => {
		requireUser(event);
		await authorize(event, 'platform.audit.view');
		const form = await readForm(event.request, emptyForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		const result = await checkAuditChain(await ctxFrom(event));
		if (result.ok) return { success: m.admin_audit_chain_ok({ count: result.checked }) };
		return fail(409, {
			values: {},
			errors: {},
			message: m.admin_audit_chain_broken({ seq: String(result.brokenAt ?? '?'), count: result.checked })
		});
	}
};
