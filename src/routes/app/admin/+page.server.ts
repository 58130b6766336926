import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { verificationStates, type VerificationState } from '#lib/server/db/schema/index.ts';
import { readForm } from '#lib/server/http/form.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { can } from '#lib/server/policy/index.ts';
import { pageParam, rejectForm, verifyForm } from '#lib/server/platform/schemas.ts';
import { rejectOrganisation, verificationCounts, verificationQueue, verifyOrganisation } from '#lib/server/platform/verification.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'platform.admin.view');
	const ctx = await ctxFrom(event);
	const allowed = (a: Parameters<typeof can>[1]) => {
		const d = can(ctx.actor, a);
		return d === 'allowed' || d === 'second_factor_required';
	};
	const raw = event.url.searchParams.get('state') ?? 'unverified';
	const state: VerificationState = (verificationStates as readonly string[]).includes(raw) ? (raw as VerificationState) : 'unverified';
	const mayVerify = can(ctx.actor, 'organisation.verify') === 'allowed';
	return {
		links: {
			users: allowed('platform.users.view'),
			outbox: allowed('platform.outbox.view'),
			audit: allowed('platform.audit.view'),
			certificates: allowed('volunteering.certificate.revoke')
		},
		mayVerify,
		state,
		counts: mayVerify ? await verificationCounts(ctx) : null,
		queue: mayVerify ? await verificationQueue(ctx, state, pageParam(event.url.searchParams.get('page'))) : null
	};
};

export const actions: Actions = {
	verify: async (event) => {
		requireUser(event);
		await authorize(event, 'organisation.verify');
		const form = await readForm(event.request, verifyForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			await verifyOrganisation(await ctxFrom(event), form.data.organisationId);
		} catch (err) {
			return refusalFail(err, form.values);
		}
		return { success: m.admin_verified_done() };
	},
	reject: async (event) => {
		requireUser(event);
		await authorize(event, 'organisation.verify');
		const form = await readForm(event.request, rejectForm);
		if (!form.ok) {
			const errors = form.errors.reason ? { ...form.errors, [`reason-${form.values.organisationId}`]: form.errors.reason } : form.errors;
			return fail(form.status, { values: form.values, errors, message: form.message });
		}
		try {
			await rejectOrganisation(await ctxFrom(event), form.data.organisationId, form.data.reason);
		} catch (err) {
			return refusalFail(err, form.values);
		}
		return { success: m.admin_rejected_done() };
	}
};
