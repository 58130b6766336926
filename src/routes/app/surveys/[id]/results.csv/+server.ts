import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { surveyResults, resultsCsv } from '#lib/server/surveys/results.ts';
import { surveysLoad } from '#lib/server/surveys/route.ts';
import type { RequestHandler } from './$types';

/** The results as CSV (UTF-8, CRLF), with the same suppression as the page. */
export const GET: RequestHandler = async (event) => {
	requireUser(event);
	await authorize(event, 'surveys.results');
	return surveysLoad(event, async (ctx) => {
		const r = await surveyResults(ctx, event.params.id, { audit: 'surveys.results.export' });
		const body = '\ufeff' + resultsCsv(r);
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="survey-${r.survey.id}.csv"`,
				'cache-control': 'no-store'
			}
		});
	});
};
