import { ctxFrom } from '#lib/server/context.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { readOutbox } from '#lib/server/platform/outbox.ts';
import { pageParam } from '#lib/server/platform/schemas.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'platform.outbox.view');
	const result = await readOutbox(await ctxFrom(event), pageParam(event.url.searchParams.get('page')));
	return {
		...result,
		rows: result.rows.map((r) => ({
			id: r.id,
			to: r.toAddress,
			subject: r.subject,
			body: r.textBody,
			template: r.template,
			createdAt: r.createdAt,
			sentAt: r.sentAt,
			lastError: r.lastError
		}))
	};
};
