import { asc } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { neighbourhoods } from '#lib/server/db/schema/index.ts';
import { getProgramme } from '#lib/server/buddies/programmes.ts';
import { apply, editApplication, myApplications } from '#lib/server/buddies/applications.ts';
import { applicationForm } from '#lib/server/buddies/schemas.ts';
import { buddiesLoad, portalForm } from '#lib/server/buddies/routes.ts';
import type { Actions, PageServerLoad } from './$types';

/** One open programme (a closed or forged id is the 404 page); signed in, the apply form or one's application to edit. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'buddies.view');
	return buddiesLoad(event, async (ctx) => {
		const p = await getProgramme(ctx, event.params.id);
		const actor = event.locals.actor;
		const signedIn = actor.kind === 'user';
		const mine = signedIn ? ((await myApplications(ctx)).find((a) => a.programmeId === p.id) ?? null) : null;
		const places = signedIn ? await ctx.db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name)) : [];
		return {
			signedIn,
			next: encodeURIComponent(event.url.pathname),
			programme: p,
			places,
			application: mine && mine.status === 'active' ? mine : null,
			defaults: {
				side: actor.kind === 'user' ? actor.personKind : 'resident',
				languages: mine?.languages ?? [],
				interests: mine?.interests ?? [],
				ageBand: mine?.ageBand ?? null,
				gender: mine?.gender ?? null,
				preferredGender: mine?.preferredGender ?? 'any',
				neighbourhoodId: mine?.neighbourhoodId ?? null,
				availability: mine?.availability ?? 0,
				capacity: mine?.capacity ?? 1,
				note: mine?.note ?? ''
			}
		};
	});
};

export const actions: Actions = {
	apply: (event) => portalForm(event, 'apply', applicationForm, (ctx, d) => apply(ctx, event.params.id, d), () => m.buddies_applied()),
	edit: (event) =>
		portalForm(
			event,
			'apply',
			applicationForm,
			async (ctx, d) => {
				const mine = (await myApplications(ctx)).find((a) => a.programmeId === event.params.id && a.status === 'active');
				await editApplication(ctx, mine?.id ?? '', d);
			},
			() => m.buddies_application_saved()
		)
};
