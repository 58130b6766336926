import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { pick } from '#lib/server/surveys/common.ts';
import {
	addChoice,
	addQuestion,
	closeSurvey,
	moveQuestion,
	publishSurvey,
	removeChoice,
	removeQuestion,
	surveyForEditing,
	updateChoice,
	updateQuestion,
	updateSurvey
} from '#lib/server/surveys/manage.ts';
import { lastDay, localYmd, surveysForm, surveysLoad } from '#lib/server/surveys/route.ts';
import { choiceEditForm, choiceForm, choiceRefForm, emptyForm, questionEditForm, questionForm, questionRefForm, surveyForm } from '#lib/server/surveys/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/** One survey in the workspace: its text, dates, questions and choices; publish and close. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'surveys.manage');
	return surveysLoad(event, async (ctx) => {
		const s = await surveyForEditing(ctx, event.params.id);
		return {
			created: event.url.searchParams.has('created'),
			survey: {
				id: s.id,
				title: pick(s.title, ctx.locale).text,
				status: s.status,
				anonymous: s.anonymous,
				responses: s.responses,
				titles: s.title,
				intros: s.intro,
				opensOn: localYmd(s.opensAt),
				closesOn: localYmd(new Date(s.closesAt.getTime() - 1000)),
				until: lastDay(s.closesAt, ctx.locale),
				questions: s.questions.map((q) => ({ id: q.id, kind: q.kind, prompt: q.prompt, shown: pick(q.prompt, ctx.locale).text, choices: q.choices.map((c) => ({ id: c.id, icon: c.icon, label: c.label, shown: pick(c.label, ctx.locale).text })) }))
			}
		};
	});
};

const id = (event: { params: { id: string } }) => event.params.id;
const saved = () => m.surveys_saved();

export const actions: Actions = {
	update: (event) => surveysForm(event, 'update', 'surveys.manage', surveyForm, (ctx, d) => updateSurvey(ctx, id(event), d), saved),
	publish: (event) => surveysForm(event, 'status', 'surveys.manage', emptyForm, (ctx) => publishSurvey(ctx, id(event)), () => m.surveys_published()),
	close: (event) => surveysForm(event, 'status', 'surveys.manage', emptyForm, (ctx) => closeSurvey(ctx, id(event)), () => m.surveys_closed_done()),
	addQuestion: (event) => surveysForm(event, 'addQuestion', 'surveys.manage', questionForm, (ctx, d) => addQuestion(ctx, id(event), d), saved),
	updateQuestion: (event) => surveysForm(event, 'question', 'surveys.manage', questionEditForm, (ctx, d) => updateQuestion(ctx, id(event), d), saved),
	removeQuestion: (event) => surveysForm(event, 'question', 'surveys.manage', questionRefForm, (ctx, d) => removeQuestion(ctx, id(event), d.questionId), saved),
	moveQuestion: (event) => surveysForm(event, 'question', 'surveys.manage', questionRefForm, (ctx, d) => moveQuestion(ctx, id(event), d.questionId, d.direction ?? 'up'), saved),
	addChoice: (event) => surveysForm(event, 'choice', 'surveys.manage', choiceForm, (ctx, d) => addChoice(ctx, id(event), d), saved),
	updateChoice: (event) => surveysForm(event, 'choice', 'surveys.manage', choiceEditForm, (ctx, d) => updateChoice(ctx, id(event), d), saved),
	removeChoice: (event) => surveysForm(event, 'choice', 'surveys.manage', choiceRefForm, (ctx, d) => removeChoice(ctx, id(event), d.choiceId), saved)
};
