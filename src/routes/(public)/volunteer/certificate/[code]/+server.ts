/** One of the volunteer's own certificates as a PDF; anyone else's code, or a made-up one, is a 404. */
import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import { certificatePdf, ownCertificate } from '#lib/server/engagement/certificates.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireUser(event);
	await authorize(event, 'volunteering.self', { type: 'account', userId: actor.userId });
	const ctx = await ctxFrom(event);
	try {
		const cert = await ownCertificate(ctx, event.params.code);
		const pdf = await certificatePdf(cert, event.url.origin);
		return new Response(pdf, {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="convive-volunteering-certificate-${cert.code}.pdf"`,
				'cache-control': 'no-store',
				'x-content-type-options': 'nosniff'
			}
		});
	} catch (err) {
		if (err instanceof Refusal && err.status === 404) error(404, m.error_not_found_title());
		throw err;
	}
};
