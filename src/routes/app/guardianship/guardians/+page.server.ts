import { authorize } from '#lib/server/http/guard.ts';
import { listGuardians, registerByOffice } from '#lib/server/guardianship/guardians.ts';
import { guardianshipForm, guardianshipLoad } from '#lib/server/guardianship/route.ts';
import { registerByOfficeForm } from '#lib/server/guardianship/schemas.ts';
import { neighbourhoods } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'guardianship.manage');
	return guardianshipLoad(event, async (ctx) => ({
		guardians: await listGuardians(ctx),
		neighbourhoods: await ctx.db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(neighbourhoods.name)
	}));
};

export const actions: Actions = {
	register: (event) => guardianshipForm(event, 'register', 'guardianship.manage', registerByOfficeForm, (ctx, data) => registerByOffice(ctx, data))
};
