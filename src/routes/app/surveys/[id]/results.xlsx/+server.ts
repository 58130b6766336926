import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { surveyResults, resultsXlsx } from '#lib/server/surveys/results.ts';
import { surveysLoad } from '#lib/server/surveys/route.ts';
import type { RequestHandler } from './$types';

/** The results as an XLSX workbook, with the same suppression as the page. */
export const GET: RequestHandler = async (event) => {
	requireUser(event);
	await authorize(event, 'surveys.results');
	return surveysLoad(event, async (ctx) => {
		const r = await surveyResults(ctx, event.params.id, { audit: 'surveys.results.export' });
		const body = new Uint8Array(await resultsXlsx(r));
		return new Response(body, {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="survey-${r.survey.id}.xlsx"`,
				'cache-control': 'no-store'
			}
		});
	});
};
