import { assessmentHistory, recordAssessment } from '#lib/server/support/assessments.ts';
import { assessmentForm, assessmentInput } from '#lib/server/support/care-schemas.ts';
import { careAction } from '#lib/server/support/care-route.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const history = await assessmentHistory(ctx, event.params.personId);
		return { ...history, formId: crypto.randomUUID() };
	});

export const actions: Actions = {
	record: (event) => careAction(event, 'assessment', assessmentForm, (ctx, id, data) => recordAssessment(ctx, id, assessmentInput(data)))
};
