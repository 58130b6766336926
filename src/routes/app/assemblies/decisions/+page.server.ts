import { requireUser } from '#lib/server/http/guard.ts';
import { decisionsAcross } from '#lib/server/assemblies/decisions.ts';
import { assembliesLoad, dayName } from '#lib/server/assemblies/route.ts';
import { decisionsQuery } from '#lib/server/assemblies/schemas.ts';
import type { PageServerLoad } from './$types';

/** Decisions across assemblies, overdue first, for the city's staff. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	return assembliesLoad(event, async (ctx) => {
		const q = decisionsQuery.parse({ status: event.url.searchParams.get('status') ?? undefined });
		return { status: q.status ?? '', decisions: (await decisionsAcross(ctx, q)).map((d) => ({ ...d, dueOn: dayName(d.dueOn, ctx.locale), doneOn: d.doneOn && dayName(d.doneOn, ctx.locale) })) };
	});
};
