import { exportAccount } from '#lib/server/auth/profile.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import type { RequestHandler } from './$types';

/** POST (a button on the page): downloads everything kept about the signed-in person as JSON. */
export const POST: RequestHandler = async (event) => {
	const actor = requireUser(event);
	await authorize(event, 'account.export', { type: 'account', userId: actor.userId });
	const data = await exportAccount(await ctxFrom(event));
	const day = new Date().toISOString().slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="convive-my-data-${day}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
