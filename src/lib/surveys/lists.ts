/** The fixed lists of surveys (shared by the schema, the forms and the pages). */
export const surveyStatuses = ['draft', 'published', 'closed'] as const;
export const questionKinds = ['single', 'multiple', 'scale', 'text'] as const;
/** The built-in pictograms a choice may carry (drawings in ./icons.ts). */
export const surveyIconNames = [
	'none',
	'yes',
	'no',
	'dont_know',
	'very_happy',
	'happy',
	'neutral',
	'sad',
	'very_sad',
	'house',
	'work',
	'school',
	'health',
	'money',
	'language',
	'family',
	'transport',
	'food',
	'safety',
	'friends',
	'time',
	'other'
] as const;
export type SurveyIconName = (typeof surveyIconNames)[number];
/** The faces of a 1–5 scale, from 1 (worst) to 5 (best). */
export const scaleFaces: readonly SurveyIconName[] = ['very_sad', 'sad', 'neutral', 'happy', 'very_happy'];
/** The largest free-text answer kept. */
export const MAX_TEXT_ANSWER = 1000;
export type SurveyStatus = (typeof surveyStatuses)[number];
export type QuestionKind = (typeof questionKinds)[number];
