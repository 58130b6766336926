import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { staleByOrganisation } from '#lib/server/directory/freshness.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'directory.staff');
	const ctx = await ctxFrom(event);
	const raw = Number(event.url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(raw) && raw > 0 && raw < 100_000 ? raw : 1;
	try {
		return { result: await staleByOrganisation(ctx, new Date(), page) };
	} catch (err) {
		refusalError(err);
	}
};
