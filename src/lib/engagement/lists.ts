/**
 * The shared lists volunteers and organisations pick from (issue 6): skills
 * and interests by key, so that an opportunity asking for `cooking` finds a
 * volunteer offering it whatever language either of them writes in. Each key
 * has a label in messages/engagement (`engagement_skill_<key>`,
 * `engagement_interest_<key>`). Anything the lists lack goes in free text.
 */
export const SKILLS = [
	'teaching',
	'language_support',
	'interpreting',
	'homework_help',
	'childcare',
	'cooking',
	'driving',
	'it_help',
	'admin_paperwork',
	'legal_knowledge',
	'health_care',
	'listening',
	'sports_coaching',
	'arts_crafts',
	'music',
	'repairs_diy',
	'gardening',
	'job_coaching',
	'event_help',
	'sorting_donations'
] as const;
export type Skill = (typeof SKILLS)[number];

export const INTERESTS = [
	'children_families',
	'young_people',
	'women',
	'elderly',
	'language_cafes',
	'culture',
	'sport',
	'food',
	'nature',
	'work_and_training',
	'housing',
	'health'
] as const;
export type Interest = (typeof INTERESTS)[number];

const skillSet: ReadonlySet<string> = new Set(SKILLS);
const interestSet: ReadonlySet<string> = new Set(INTERESTS);
export const isSkill = (s: string): s is Skill => skillSet.has(s);
export const isInterest = (s: string): s is Interest => interestSet.has(s);
