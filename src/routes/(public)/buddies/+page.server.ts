import { authorize } from '#lib/server/http/guard.ts';
import { openProgrammes } from '#lib/server/buddies/programmes.ts';
import { buddiesLoad } from '#lib/server/buddies/routes.ts';
import type { PageServerLoad } from './$types';

/** Open buddy and mentoring programmes: public. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'buddies.view');
	return buddiesLoad(event, async (ctx) => ({
		signedIn: event.locals.actor.kind === 'user',
		programmes: (await openProgrammes(ctx)).map((p) => ({
			id: p.id,
			kind: p.kind,
			name: p.name,
			description: p.description,
			language: p.language,
			organisationName: p.organisationName,
			durationWeeks: p.durationWeeks,
			checkInDays: p.checkInDays
		}))
	}));
};
