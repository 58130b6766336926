import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { isOpen, pick } from '#lib/server/surveys/common.ts';
import { DRAFT_TTL_MS, draftFor, hasAnswered, publicSurvey, saveAnswer, startDraft, submitDraft } from '#lib/server/surveys/respond.ts';
import { cookieOpts, DONE_COOKIE, DRAFT_COOKIE, lastDay, surveysForm, surveysLoad } from '#lib/server/surveys/route.ts';
import { answerForm, emptyForm } from '#lib/server/surveys/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * One survey, one question per screen (`?q=3`), then a review (`?q=review`).
 * Every screen is a plain form post; the answers wait on the server under
 * the token in this survey's cookie.
 */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'surveys.view');
	return surveysLoad(event, async (ctx) => {
		const s = await publicSurvey(ctx, event.params.id);
		const locale = ctx.locale;
		const title = pick(s.title, locale);
		const intro = pick(s.intro, locale);
		const draft = await draftFor(ctx.db, s.id, event.cookies.get(DRAFT_COOKIE));
		const total = s.questions.length;
		const done = draft?.submitted || event.cookies.get(DONE_COOKIE) === '1' || (await hasAnswered(ctx, s.id));
		const head = { id: s.id, title: title.text, titleLang: title.lang, total, anonymous: s.anonymous, until: lastDay(s.closesAt, locale) };
		const signedIn = event.locals.actor.kind === 'user';
		if (draft?.submitted) return { ...head, screen: 'thanks' as const };
		if (done) return { ...head, screen: 'answered' as const };
		if (!isOpen(s)) return { ...head, screen: 'closed' as const };
		const q = event.url.searchParams.get('q');
		if (q === null || !draft) {
			// A stale screen sends back to the start; after a refused post, the start shows why.
			if (q !== null && event.request.method !== 'POST') redirect(303, `/surveys/${s.id}`);
			return { ...head, screen: 'intro' as const, intro: intro.text, introLang: intro.lang, resume: !!draft, mustSignIn: !s.anonymous && !signedIn, next: encodeURIComponent(event.url.pathname) };
		}
		if (q === 'review') {
			return {
				...head,
				screen: 'review' as const,
				answers: s.questions.map((question, i) => {
					const a = draft.answers[question.id];
					const prompt = pick(question.prompt, locale);
					let answer: string[] = [];
					if (a?.choices) answer = question.choices.filter((c) => a.choices!.includes(c.id)).map((c) => pick(c.label, locale).text);
					else if (a?.scale) answer = [`${a.scale} · ${[m.surveys_scale_1, m.surveys_scale_2, m.surveys_scale_3, m.surveys_scale_4, m.surveys_scale_5][a.scale - 1]()}`];
					else if (a?.text) answer = [a.text];
					return { number: i + 1, prompt: prompt.text, lang: prompt.lang, answer };
				})
			};
		}
		const n = /^\d{1,3}$/.test(q) ? Number(q) : 0;
		if (n < 1 || n > total) redirect(303, `/surveys/${s.id}`);
		const question = s.questions[n - 1];
		const prompt = pick(question.prompt, locale);
		const given = draft.answers[question.id] ?? {};
		return {
			...head,
			screen: 'question' as const,
			number: n,
			question: {
				id: question.id,
				kind: question.kind,
				prompt: prompt.text,
				lang: prompt.lang,
				choices: question.choices.map((c) => ({ id: c.id, icon: c.icon, ...pick(c.label, locale) }))
			},
			given: { choices: given.choices ?? [], scale: given.scale ?? null, text: given.text ?? '' }
		};
	});
};

export const actions: Actions = {
	start: (event) =>
		surveysForm(
			event,
			'start',
			null,
			emptyForm,
			async (ctx) => {
				const token = await startDraft(ctx, event.params.id, { doneBefore: event.cookies.get(DONE_COOKIE) === '1' });
				event.cookies.set(DRAFT_COOKIE, token, cookieOpts(event, event.params.id, DRAFT_TTL_MS / 1000));
				redirect(303, `/surveys/${event.params.id}?q=1`);
			},
			() => ''
		),
	answer: (event) =>
		surveysForm(
			event,
			'answer',
			null,
			answerForm,
			async (ctx, data) => {
				const next = await saveAnswer(ctx, event.params.id, event.cookies.get(DRAFT_COOKIE), data);
				const s = await publicSurvey(ctx, event.params.id);
				redirect(303, `/surveys/${event.params.id}?q=${next > s.questions.length ? 'review' : next}`);
			},
			() => ''
		),
	submit: (event) =>
		surveysForm(
			event,
			'submit',
			null,
			emptyForm,
			async (ctx) => {
				await submitDraft(ctx, event.params.id, event.cookies.get(DRAFT_COOKIE));
				// The browser remembers the survey is done (until it closes, at most a year).
				event.cookies.set(DONE_COOKIE, '1', cookieOpts(event, event.params.id, 365 * 24 * 3600));
				redirect(303, `/surveys/${event.params.id}`);
			},
			() => ''
		)
};
