import { asc } from 'drizzle-orm';
import { authorize } from '#lib/server/http/guard.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { neighbourhoods } from '#lib/server/db/schema/index.ts';
import { listOpenOpportunities, PAGE_SIZE } from '#lib/server/engagement/opportunities.ts';
import { cityMoment } from '#lib/server/engagement/portal.ts';
import { isSkill } from '#lib/engagement/lists.ts';
import { isUuid } from '#lib/server/organisations/errors.ts';
import type { PageServerLoad } from './$types';

/** Open volunteering opportunities: public, a plain GET form; a filter value not understood is left out. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'volunteering.view');
	const ctx = await ctxFrom(event);
	const sp = event.url.searchParams;
	const places = await ctx.db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
	const nb = sp.get('nb') ?? '';
	const mode = sp.get('mode') ?? '';
	const skill = sp.get('skill') ?? '';
	const query = {
		q: (sp.get('q') ?? '').trim().slice(0, 100),
		nb: isUuid(nb) && places.some((p) => p.id === nb) ? nb : '',
		mode: (mode === 'in_person' || mode === 'remote' ? mode : '') as '' | 'in_person' | 'remote',
		skill: isSkill(skill) ? skill : '',
		page: /^\d{1,4}$/.test(sp.get('page') ?? '') ? Math.max(1, Number(sp.get('page'))) : 1
	};
	const { items, total } = await listOpenOpportunities(ctx, {
		q: query.q,
		neighbourhoodId: query.nb || null,
		mode: query.mode || null,
		skill: query.skill || null,
		page: query.page
	});
	return {
		query,
		places,
		total,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		signedIn: event.locals.actor.kind === 'user',
		items: items.map((o) => ({
			id: o.id,
			title: o.title,
			language: o.language,
			kind: o.kind,
			mode: o.mode,
			organisationName: o.organisationName,
			neighbourhoodName: o.neighbourhoodName,
			involvesVulnerable: o.involvesVulnerable,
			nextShift: o.nextShift ? cityMoment(o.nextShift, ctx.locale) : null
		}))
	};
};
