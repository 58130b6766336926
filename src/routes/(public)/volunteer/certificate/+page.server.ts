/**
 * The volunteer's certificate: their confirmed hours, the certificates they
 * made, and a form that makes one (or finds the identical latest) and sends
 * the browser to its PDF.
 */
import { redirect } from '@sveltejs/kit';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { ctxFrom } from '#lib/server/context.ts';
import { volunteerCertificates } from '#lib/server/db/schema/index.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { issueCertificate, showCode } from '#lib/server/engagement/certificates.ts';
import { myHours } from '#lib/server/engagement/hours.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireUser(event);
	await authorize(event, 'volunteering.self', { type: 'account', userId: actor.userId });
	const ctx = await ctxFrom(event);
	const { confirmedMinutes } = await myHours(ctx);
	const certificates = await ctx.db
		.select({ code: volunteerCertificates.code, issuedAt: volunteerCertificates.issuedAt })
		.from(volunteerCertificates)
		.where(and(eq(volunteerCertificates.userId, actor.userId), isNull(volunteerCertificates.revokedAt)))
		.orderBy(desc(volunteerCertificates.issuedAt))
		.limit(20);
	return { confirmedMinutes, certificates: certificates.map((c) => ({ code: c.code, shown: showCode(c.code), issuedAt: c.issuedAt.toISOString() })) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireUser(event);
		await authorize(event, 'volunteering.self', { type: 'account', userId: actor.userId });
		let code: string;
		try {
			code = (await issueCertificate(await ctxFrom(event))).code;
		} catch (err) {
			return refusalFail(err);
		}
		redirect(303, `/volunteer/certificate/${code}`);
	}
};
