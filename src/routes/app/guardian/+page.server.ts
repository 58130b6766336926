import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { ctxFrom } from '#lib/server/context.ts';
import { authorize } from '#lib/server/http/guard.ts';
import { myGuardian, registerSelf } from '#lib/server/guardianship/guardians.ts';
import { guardianshipForm, guardianshipLoad } from '#lib/server/guardianship/route.ts';
import { registerSelfForm, visitForm } from '#lib/server/guardianship/schemas.ts';
import { myWards, recordVisit } from '#lib/server/guardianship/visits.ts';
import { cityToday } from '#lib/server/guardianship/age.ts';
import { neighbourhoods } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad } from './$types';

/** A guardian's own page: anyone signed in may offer to become one; a guardian sees their children. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'workspace.view');
	return guardianshipLoad(event, async (ctx) => {
		const { guardian, wards } = await myWards(ctx);
		return {
			guardian,
			wards,
			today: cityToday(),
			neighbourhoods: guardian ? [] : await ctx.db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(neighbourhoods.name)
		};
	});
};

/** Visits are recorded by guardians only: anyone else is refused before the form is read. */
async function guardianGate(event: RequestEvent) {
	await authorize(event, 'workspace.view');
	if (!(await myGuardian(await ctxFrom(event)))) error(403, m.error_forbidden_title());
}

export const actions: Actions = {
	register: (event) => guardianshipForm(event, 'register', 'guardian.register', registerSelfForm, (ctx, data) => registerSelf(ctx, data), m.guardianship_registered_self),
	visit: (event) => guardianshipForm(event, 'visit', guardianGate, visitForm, (ctx, data) => recordVisit(ctx, data), m.guardianship_visit_saved)
};
