/** The city revokes a volunteer certificate by its code, with a reason (audited); the latest revoked are listed. */
import { fail } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { readForm } from '#lib/server/http/form.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { revokeCertificate, revokedCertificates } from '#lib/server/engagement/certificates.ts';
import { revokeForm } from '#lib/server/engagement/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'volunteering.certificate.revoke');
	const rows = await revokedCertificates(await ctxFrom(event));
	return { rows: rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString(), revokedAt: r.revokedAt.toISOString() })) };
};

export const actions: Actions = {
	revoke: async (event) => {
		requireUser(event);
		await authorize(event, 'volunteering.certificate.revoke');
		const form = await readForm(event.request, revokeForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		try {
			const done = await revokeCertificate(await ctxFrom(event), form.data.code, form.data.reason);
			return { success: m.admin_cert_revoked({ code: done.shown, name: done.name }) };
		} catch (err) {
			return refusalFail(err, form.values);
		}
	}
};
