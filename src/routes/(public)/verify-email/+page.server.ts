import { verifyEmail } from '#lib/server/auth/accounts.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { translate } from '#lib/server/http/form.ts';
import type { PageServerLoad } from './$types';

/** Opening the link from the e-mail confirms the address (once; the link then stops working). */
export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	event.setHeaders({ 'cache-control': 'no-store' });
	const result = await verifyEmail(await ctxFrom(event), token);
	return result.ok
		? { verified: true as const, email: result.email, signedIn: event.locals.session !== null }
		: { verified: false as const, message: translate(result.message), signedIn: event.locals.session !== null };
};
