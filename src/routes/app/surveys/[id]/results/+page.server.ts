import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { surveyResults } from '#lib/server/surveys/results.ts';
import { surveysLoad } from '#lib/server/surveys/route.ts';
import type { PageServerLoad } from './$types';

/** A survey's results: charts and tables, counts under 5 hidden; free text for its managers. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'surveys.results');
	return surveysLoad(event, async (ctx) => {
		const r = await surveyResults(ctx, event.params.id);
		return { id: r.survey.id, title: r.title, status: r.survey.status, responses: r.responses, questions: r.questions };
	});
};
