import { asc } from 'drizzle-orm';
import { authorize } from '#lib/server/http/guard.ts';
import { neighbourhoods } from '#lib/server/db/schema/index.ts';
import { listActivities } from '#lib/server/activities/activities.ts';
import { activitiesLoad, when } from '#lib/server/activities/route.ts';
import { listQuery } from '#lib/server/activities/schemas.ts';
import type { PageServerLoad } from './$types';

/** Published activities: public, a plain GET form; a filter value not understood is left out. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'activities.view');
	return activitiesLoad(event, async (ctx) => {
		const places = await ctx.db.select({ slug: neighbourhoods.slug, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
		const raw = Object.fromEntries([...event.url.searchParams].map(([k, v]) => [k, v.slice(0, 100)]));
		const parsed = listQuery.safeParse(raw);
		const q = parsed.success ? parsed.data : {};
		if (q.neighbourhood && !places.some((p) => p.slug === q.neighbourhood)) q.neighbourhood = undefined;
		const r = await listActivities(ctx, q);
		return {
			query: { neighbourhood: q.neighbourhood ?? '', from: q.from ?? '', to: q.to ?? '', child: !!q.child, language: q.language ?? '', kind: q.kind ?? '', week: !!q.week, page: r.page },
			places,
			total: r.total,
			pageCount: r.pages,
			signedIn: event.locals.actor.kind === 'user',
			items: r.items.map((a) => ({
				id: a.id,
				title: a.title,
				language: a.language,
				kind: a.kind,
				audience: a.audience,
				when: when(a.startsAt, a.endsAt, ctx.locale),
				where: a.online ? null : [a.placeName, a.neighbourhoodName].filter(Boolean).join(' · '),
				online: a.online,
				by: a.organisationName,
				childFriendly: a.childFriendly,
				accessibility: a.accessibility,
				languages: a.languages,
				full: a.capacity !== null && a.going >= a.capacity
			}))
		};
	});
};
