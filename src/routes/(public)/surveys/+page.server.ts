import { authorize } from '#lib/server/http/guard.ts';
import { listOpenSurveys } from '#lib/server/surveys/respond.ts';
import { lastDay, surveysLoad } from '#lib/server/surveys/route.ts';
import type { PageServerLoad } from './$types';

/** Open surveys, in the reader's language: public. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'surveys.view');
	return surveysLoad(event, async (ctx) => ({
		surveys: (await listOpenSurveys(ctx)).map((s) => ({ ...s, until: lastDay(s.closesAt, ctx.locale) }))
	}));
};
