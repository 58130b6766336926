import { redirect } from '@sveltejs/kit';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { can } from '#lib/server/policy/index.ts';
import { pick } from '#lib/server/surveys/common.ts';
import { createSurvey, listSurveysForStaff } from '#lib/server/surveys/manage.ts';
import { day, lastDay, surveysForm, surveysLoad } from '#lib/server/surveys/route.ts';
import { surveyForm } from '#lib/server/surveys/schemas.ts';
import { cityToday } from '#lib/server/guardianship/age.ts';
import { addDays } from '#lib/directory/hours.ts';
import type { Actions, PageServerLoad } from './$types';

/** The city's surveys: staff edit them (`surveys.manage`); evaluators read results (`surveys.results`). */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'surveys.results');
	return surveysLoad(event, async (ctx) => {
		const rows = await listSurveysForStaff(ctx);
		const today = cityToday();
		return {
			manage: can(ctx.actor, 'surveys.manage') === 'allowed',
			defaults: { opensOn: today, closesOn: addDays(today, 30) },
			surveys: rows.map((r) => {
				const t = pick(r.title, ctx.locale);
				return { id: r.id, title: t.text, lang: t.lang, status: r.status, anonymous: r.anonymous, opens: day(r.opensAt, ctx.locale), closes: lastDay(r.closesAt, ctx.locale), responses: r.responses };
			})
		};
	});
};

export const actions: Actions = {
	create: (event) =>
		surveysForm(
			event,
			'create',
			'surveys.manage',
			surveyForm,
			async (ctx, data) => {
				const id = await createSurvey(ctx, data);
				redirect(303, `/app/surveys/${id}?created=1`);
			},
			() => ''
		)
};
