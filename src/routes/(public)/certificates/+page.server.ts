/**
 * The public check of a volunteering certificate: a GET form (no JavaScript,
 * a link in the PDF opens it filled in). Shows what the certificate said,
 * or that no valid certificate has the code; never why (unknown, malformed
 * and withdrawn look the same).
 */
import { ctxFrom } from '#lib/server/context.ts';
import { authorize } from '#lib/server/http/guard.ts';
import { checkCertificate, showCode } from '#lib/server/engagement/certificates.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'volunteering.view');
	const code = (event.url.searchParams.get('code') ?? '').slice(0, 40);
	if (!code.trim()) return { code: '', checked: false, certificate: null };
	const cert = await checkCertificate(await ctxFrom(event), code);
	return {
		code,
		checked: true,
		certificate: cert && {
			code: showCode(cert.code),
			name: cert.content.name,
			issuedOn: cert.content.issuedOn,
			totalMinutes: cert.content.totalMinutes,
			lines: cert.content.lines.map((l) => ({ organisationName: l.organisationName, title: l.title, minutes: l.minutes, first: l.first, last: l.last }))
		}
	};
};
