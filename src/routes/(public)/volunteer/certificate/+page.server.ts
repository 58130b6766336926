/**
 * The volunteer's certificate: their confirmed hours, the certificates they
 * made (each can be withdrawn: its code then checks as unknown), and a form
 * that makes one (or finds the identical latest) and sends the browser to
 * its PDF.
 */
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { issueCertificate, myCertificates, withdrawCertificate } from '#lib/server/engagement/certificates.ts';
import { myHours } from '#lib/server/engagement/hours.ts';
import { portalForm, portalLoad } from '#lib/server/engagement/portal.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireUser(event);
	await authorize(event, 'volunteering.self', { type: 'account', userId: actor.userId });
	return portalLoad(event, async (ctx) => {
		const [{ confirmedMinutes }, certificates] = await Promise.all([myHours(ctx), myCertificates(ctx)]);
		return { confirmedMinutes, certificates: certificates.map((c) => ({ code: c.code, shown: c.shown, issuedAt: c.issuedAt.toISOString() })) };
	});
};

const codeForm = z.object({ code: z.string({ error: 'engagement_certificate_not_found' }).min(1, { error: 'engagement_certificate_not_found' }).max(40, { error: 'engagement_certificate_not_found' }) });

export const actions: Actions = {
	issue: async (event) => {
		const actor = requireUser(event);
		await authorize(event, 'volunteering.self', { type: 'account', userId: actor.userId });
		let code: string;
		try {
			code = (await issueCertificate(await ctxFrom(event))).code;
		} catch (err) {
			return refusalFail(err);
		}
		redirect(303, `/volunteer/certificate/${code}`);
	},
	withdraw: (event) => portalForm(event, 'withdraw', codeForm, (ctx, d) => withdrawCertificate(ctx, d.code), () => m.engagement_cert_withdrawn())
};
