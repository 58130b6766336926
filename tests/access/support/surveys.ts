/**
 * Access matrix entries of surveys (issue 7): the public list and answering
 * pages (an anonymous survey: everyone), the workspace for the city's staff
 * (`surveys.manage`: administrators and integration officers, no second
 * factor: no person's data is shown), and results and exports for them and
 * evaluators (`surveys.results`). Spread into matrix.ts.
 */
import type { Fixtures } from '../fixtures.ts';
import { byRole, everyone, type Expect, type RouteEntry } from '../expect.ts';

const FORGED = '00000000-0000-4000-8000-000000000000';

const staff = (allowed: Expect) => byRole('forbidden', 'signin', { admin: allowed, admin_without_second_factor: allowed, integration_officer: allowed });
const readers = (allowed: Expect) => byRole('forbidden', 'signin', { admin: allowed, admin_without_second_factor: allowed, integration_officer: allowed, evaluator: allowed });

export function routes(): Record<string, RouteEntry> {
	return {
		'/surveys': { path: () => '/surveys', expect: everyone('ok') },
		'/surveys/[id]': { path: (f) => `/surveys/${f.survey.id}`, expect: everyone('ok') },
		'/app/surveys': { path: () => '/app/surveys', expect: readers('ok') },
		'/app/surveys/[id]': { path: (f) => `/app/surveys/${f.survey.id}`, expect: staff('ok') },
		'/app/surveys/[id]/results': { path: (f) => `/app/surveys/${f.survey.id}/results`, expect: readers('ok') },
		'/app/surveys/[id]/results.csv': { path: (f) => `/app/surveys/${f.survey.id}/results.csv`, expect: readers('ok') },
		'/app/surveys/[id]/results.xlsx': { path: (f) => `/app/surveys/${f.survey.id}/results.xlsx`, expect: readers('ok') }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/surveys/[id] (forged id)': { path: () => `/surveys/${FORGED}`, expect: everyone('notfound') },
		'/surveys/[id] (not a uuid)': { path: () => `/surveys/1'%20or%201=1--`, expect: everyone('notfound') },
		'/surveys/[id] (draft)': { path: (f) => `/surveys/${f.draftSurvey.id}`, expect: everyone('notfound') },
		'/surveys/[id] (a question without a draft)': { path: (f) => `/surveys/${f.survey.id}?q=1`, expect: everyone('redirect') },
		'/app/surveys/[id] (forged id)': { path: () => `/app/surveys/${FORGED}`, expect: staff('notfound') },
		'/app/surveys/[id]/results (forged id)': { path: () => `/app/surveys/${FORGED}/results`, expect: readers('notfound') }
	};
}

export function actions(): Record<string, RouteEntry> {
	return {
		'/surveys/[id] ?/start': { path: (f) => `/surveys/${f.survey.id}?/start`, expect: everyone('redirect') },
		'/surveys/[id] ?/answer': { path: (f) => `/surveys/${f.survey.id}?q=1&/answer`, expect: everyone('invalid') },
		'/surveys/[id] ?/submit': { path: (f) => `/surveys/${f.survey.id}?q=review&/submit`, expect: everyone('conflict') },
		'/app/surveys ?/create': { path: () => '/app/surveys?/create', expect: staff('invalid') },
		'/app/surveys/[id] ?/update': { path: (f) => `/app/surveys/${f.survey.id}?/update`, expect: staff('invalid') },
		'/app/surveys/[id] ?/addQuestion': { path: (f) => `/app/surveys/${f.survey.id}?/addQuestion`, expect: staff('invalid') },
		'/app/surveys/[id] ?/publish (already published)': { path: (f) => `/app/surveys/${f.survey.id}?/publish`, expect: staff('conflict') }
	};
}
