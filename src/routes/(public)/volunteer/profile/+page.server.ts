import { asc } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { neighbourhoods } from '#lib/server/db/schema/index.ts';
import { portalForm, portalLoad } from '#lib/server/engagement/portal.ts';
import { profileForm } from '#lib/server/engagement/schemas.ts';
import { myProfile, saveProfile } from '#lib/server/engagement/volunteers.ts';
import type { Actions, PageServerLoad } from './$types';

/** The volunteer's own profile: what they can do, when and where. Never their residence status or nationality. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'volunteering.self');
	return portalLoad(event, async (ctx) => {
		const p = await myProfile(ctx);
		const places = await ctx.db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
		return {
			places,
			exists: p !== null,
			profile: {
				skills: p?.skills ?? [],
				interests: p?.interests ?? [],
				otherSkills: p?.otherSkills ?? '',
				languages: p?.languages ?? [],
				availability: p?.availability ?? 0,
				neighbourhoodId: p?.neighbourhoodId ?? '',
				travelKm: p?.travelKm ?? 5,
				remote: p?.remote ?? false,
				reminders: p?.reminders ?? true,
				missYou: p?.missYou ?? true
			}
		};
	});
};

export const actions: Actions = {
	save: (event) => portalForm(event, 'profile', profileForm, (ctx, d) => saveProfile(ctx, d), () => m.volunteer_profile_saved())
};
