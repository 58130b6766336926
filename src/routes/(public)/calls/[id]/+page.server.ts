import { authorize } from '#lib/server/http/guard.ts';
import { callPage, IDEAS_PER_PAGE, type IdeaSort } from '#lib/server/cocreation/ideas.ts';
import { localisedCall } from '#lib/server/cocreation/common.ts';
import { loadUseCase } from '#lib/server/http/use-case.ts';
import { cityDate } from '#lib/server/city-time.ts';
import { listNeighbourhoods } from '#lib/server/directory/locations.ts';
import { isUuid } from '#lib/server/organisations/errors.ts';
import type { PageServerLoad } from './$types';

/** A call: its question, rules and phases, a page of ideas (by support or newest), and the results once published. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'cocreation.view');
	const q = event.url.searchParams;
	const sort: IdeaSort = q.get('sort') === 'recent' ? 'recent' : 'support';
	const page = /^\d{1,5}$/.test(q.get('page') ?? '') ? Math.max(1, Number(q.get('page'))) : 1;
	const nb = q.get('nb');
	const neighbourhoodId = isUuid(nb) ? nb : null;
	return loadUseCase(event, async (ctx) => {
		const [p, neighbourhoods] = await Promise.all([callPage(ctx, event.params.id, { sort, page, neighbourhoodId }), listNeighbourhoods(ctx.db)]);
		const c = p.call;
		const text = localisedCall(c, ctx.locale);
		const d = (x: Date) => cityDate(x, ctx.locale);
		return {
			call: {
				id: c.id,
				...text,
				audience: c.audience,
				phase: c.phase,
				published: c.publishedAt !== null,
				resultsPublished: c.resultsPublishedAt !== null,
				dates: { upcoming: d(c.opensAt), ideas: d(c.opensAt), review: d(c.reviewAt), selection: d(c.selectionAt), results: d(c.resultsAt), follow_up: d(c.followUpAt) }
			},
			ideas: p.ideas.items.map((i) => ({ ...i, createdAt: d(i.createdAt) })),
			total: p.ideas.total,
			pageCount: Math.max(1, Math.ceil(p.ideas.total / IDEAS_PER_PAGE)),
			selected: p.selected.map((i) => ({ id: i.id, title: i.title, language: i.language, resultReason: i.resultReason, hasPilot: i.hasPilot })),
			sort,
			page,
			neighbourhoodId,
			neighbourhoods,
			manager: p.manager,
			signedIn: ctx.actor.kind === 'user'
		};
	});
};
