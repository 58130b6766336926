/**
 * Surveys at the use-case level (issue 7): the city's staff write, publish
 * and close a survey; people answer one question at a time into a draft and
 * send it once; bad answers (questions and choices that do not exist or
 * belong elsewhere, wrong kinds, a closed survey, a replayed submit, 100 KB
 * of text, <script>) are refused and change nothing; results hide counts
 * under 5, and the CSV and XLSX exports (read back with csv-parse and
 * read-excel-file) carry the same numbers.
 */
import { and, count, eq } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, surveyAnswers, surveyDrafts, surveyParticipations, surveyResponses } from '../../src/lib/server/db/schema/index.ts';
import type { PlatformRole } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type Actor, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { addDays, cityToday } from '../../src/lib/server/guardianship/age.ts';
import { hashToken } from '../../src/lib/server/auth/session.ts';
import { addChoice, addQuestion, closeSurvey, createSurvey, moveQuestion, publishSurvey, removeQuestion, surveyForEditing, updateQuestion, updateSurvey } from '../../src/lib/server/surveys/manage.ts';
import { draftFor, listOpenSurveys, publicSurvey, recordResponse, saveAnswer, startDraft, submitDraft, VISITOR_LIMIT } from '../../src/lib/server/surveys/respond.ts';
import { resultsCsv, resultsXlsx, surveyResults } from '../../src/lib/server/surveys/results.ts';
import { answerForm, choiceForm, questionForm, surveyForm, type AnswerInput } from '../../src/lib/server/surveys/schemas.ts';
import { loadSurvey } from '../../src/lib/server/surveys/common.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { createUser } from '../helpers/users.ts';

let db: TestDatabase;
let officer: SignedInActor;
let evaluator: SignedInActor;
let resident: SignedInActor;
let other: SignedInActor;
const anon: Actor = { kind: 'anonymous' };
const FORGED = '00000000-0000-4000-8000-000000000000';

async function person(name: string, platformRole: PlatformRole | null = null): Promise<SignedInActor> {
	const u = await createUser(db.db, { displayName: name });
	return { kind: 'user', userId: u.id, personKind: 'resident', platformRole, memberships: new Map(), emailVerified: true, secondFactor: false, totpEnabled: false };
}
function ctx(actor: Actor, ip: string | null = '203.0.113.7', locale = 'en'): Ctx {
	return { db: db.db, actor, ip, requestId: null, locale, origin: 'http://localhost' };
}
const refused = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (e) {
		if (e instanceof Refusal) return e.key;
		if (e instanceof PolicyDenied) return `policy:${e.decision}`;
		throw e;
	}
	return 'no refusal';
};

const surveyInput = (over: Record<string, string> = {}) => surveyForm.parse({ title_en: 'How is life in Portavera?', title_ar: 'كيف الحياة في بورتافيرا؟', intro_en: 'Five short questions.', opensOn: cityToday(), closesOn: addDays(cityToday(), 30), ...over });
const answer = (over: Partial<Record<string, string | string[]>>): AnswerInput => answerForm.parse({ go: 'next', ...over });

interface Built {
	id: string;
	housing: string;
	topics: string;
	feeling: string;
	words: string;
	choices: { good: string; bad: string; unsure: string; work: string; school: string; health: string };
}

/** A published survey: one answer (3 choices), several answers (3), a scale and free text. */
async function build(opts: { named?: boolean } = {}): Promise<Built> {
	const c = ctx(officer);
	const id = await createSurvey(c, surveyInput(opts.named ? { identity: 'named' } : {}));
	const housing = await addQuestion(c, id, questionForm.parse({ kind: 'single', prompt_en: 'Is your home good for you?', prompt_ar: 'هل بيتك مناسب لك؟' }));
	const topics = await addQuestion(c, id, questionForm.parse({ kind: 'multiple', prompt_en: 'What matters most?' }));
	const feeling = await addQuestion(c, id, questionForm.parse({ kind: 'scale', prompt_en: 'How do you feel here?' }));
	const words = await addQuestion(c, id, questionForm.parse({ kind: 'text', prompt_en: 'Anything else?' }));
	const ch = (questionId: string, label: string, icon: string) => addChoice(c, id, choiceForm.parse({ questionId, label_en: label, icon }));
	const choices = {
		good: await ch(housing, 'Yes', 'yes'),
		bad: await ch(housing, 'No', 'no'),
		unsure: await ch(housing, 'I do not know', 'dont_know'),
		work: await ch(topics, 'Work', 'work'),
		school: await ch(topics, 'School', 'school'),
		health: await ch(topics, 'Health', 'health')
	};
	await publishSurvey(c, id);
	return { id, housing, topics, feeling, words, choices };
}

const responses = async (id: string) => (await db.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, id)))[0].n;

beforeAll(async () => {
	db = await testDatabase();
	officer = await person('Olga Officer', 'integration_officer');
	evaluator = await person('Eva Evaluator', 'evaluator');
	resident = await person('Rami Resident');
	other = await person('Omar Other');
}, 60_000);
afterAll(() => db?.dispose());

describe('writing a survey', () => {
	it('needs an English title; other languages fall back to it; <script> stays text', async () => {
		expect(surveyForm.safeParse({ title_ar: 'عنوان', opensOn: cityToday(), closesOn: cityToday() }).success).toBe(false);
		expect(surveyForm.safeParse({ title_en: 'x', opensOn: '2026-02-30', closesOn: cityToday() }).success).toBe(false);
		expect(surveyForm.safeParse({ title_en: 'x', opensOn: cityToday(), closesOn: addDays(cityToday(), -1) }).success).toBe(false);
		expect(choiceForm.safeParse({ questionId: FORGED, label_en: 'x', icon: '../../etc/passwd' }).success).toBe(false);
		const id = await createSurvey(ctx(officer), surveyInput({ title_en: '<script>alert(1)</script>' }));
		const s = await loadSurvey(db.db, id);
		expect(s.title.en).toBe('<script>alert(1)</script>');
		expect(s.title.ar).toBe('كيف الحياة في بورتافيرا؟');
		expect(s.title.it).toBeUndefined();
		expect(s.anonymous).toBe(true);
		expect(s.status).toBe('draft');
	});

	it('is for the city’s staff only; a resident and an evaluator are refused and nothing is made', async () => {
		expect(await refused(createSurvey(ctx(resident), surveyInput()))).toBe('policy:denied');
		expect(await refused(createSurvey(ctx(evaluator), surveyInput()))).toBe('policy:denied');
		expect(await refused(createSurvey(ctx(anon), surveyInput()))).toBe('policy:sign_in_required');
		const denied = await db.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'surveys.manage'), eq(auditLog.outcome, 'denied')));
		expect(denied[0].n).toBeGreaterThanOrEqual(2);
	});

	it('publishes only with questions, and choice questions with two choices at least', async () => {
		const c = ctx(officer);
		const id = await createSurvey(c, surveyInput());
		expect(await refused(publishSurvey(c, id))).toBe('surveys_needs_questions');
		const q = await addQuestion(c, id, questionForm.parse({ kind: 'single', prompt_en: 'Yes or no?' }));
		await addChoice(c, id, choiceForm.parse({ questionId: q, label_en: 'Yes', icon: 'yes' }));
		expect(await refused(publishSurvey(c, id))).toBe('surveys_needs_choices');
		await addChoice(c, id, choiceForm.parse({ questionId: q, label_en: 'No', icon: 'no' }));
		const text = await addQuestion(c, id, questionForm.parse({ kind: 'text', prompt_en: 'Why?' }));
		expect(await refused(addChoice(c, id, choiceForm.parse({ questionId: text, label_en: 'x' })))).toBe('surveys_no_choices_here');
		await moveQuestion(c, id, text, 'up');
		expect((await loadSurvey(db.db, id)).questions.map((x) => x.id)).toEqual([text, q]);
		await publishSurvey(c, id);
		expect(await refused(publishSurvey(c, id))).toBe('surveys_not_draft');
	});

	it('once published, questions are only re-worded: nothing added, removed, moved or changed in kind', async () => {
		const s = await build();
		const c = ctx(officer);
		expect(await refused(addQuestion(c, s.id, questionForm.parse({ kind: 'text', prompt_en: 'New?' })))).toBe('surveys_published_locked');
		expect(await refused(removeQuestion(c, s.id, s.housing))).toBe('surveys_published_locked');
		expect(await refused(moveQuestion(c, s.id, s.topics, 'up'))).toBe('surveys_published_locked');
		expect(await refused(addChoice(c, s.id, choiceForm.parse({ questionId: s.housing, label_en: 'Maybe' })))).toBe('surveys_published_locked');
		expect(await refused(updateQuestion(c, s.id, { questionId: s.housing, kind: 'text', prompt: { en: 'Changed' } }))).toBe('surveys_published_locked');
		expect(await refused(updateSurvey(c, s.id, surveyInput({ identity: 'named' })))).toBe('surveys_identity_locked');
		await updateQuestion(c, s.id, { questionId: s.housing, kind: 'single', prompt: { en: 'Is your home right for you?' } });
		const after = await surveyForEditing(c, s.id);
		expect(after.questions[0].prompt.en).toBe('Is your home right for you?');
		expect(after.questions[0].choices).toHaveLength(3);
		expect(await refused(updateQuestion(c, s.id, { questionId: FORGED, kind: 'single', prompt: { en: 'x' } }))).toBe('surveys_question_unknown');
		expect(await refused(surveyForEditing(c, 'not-a-uuid'))).toBe('surveys_not_found');
	});
});

describe('answering', () => {
	let s: Built;
	let second: Built;
	beforeAll(async () => {
		s = await build();
		second = await build();
	});

	it('lists open surveys in the reader’s language, English when not translated', async () => {
		const ar = await listOpenSurveys(ctx(anon, null, 'ar'));
		const mine = ar.find((x) => x.id === s.id)!;
		expect(mine.title).toBe('كيف الحياة في بورتافيرا؟');
		expect(mine.intro).toBe('Five short questions.');
		expect(mine.introLang).toBe('en');
	});

	it('keeps answers in a draft, one screen at a time, and sends them once; a replay counts nothing', async () => {
		const c = ctx(anon, '198.51.100.1');
		const token = await startDraft(c, s.id);
		expect(await saveAnswer(c, s.id, token, answer({ questionId: s.housing, choice: [s.choices.good] }))).toBe(2);
		expect(await saveAnswer(c, s.id, token, answer({ questionId: s.topics, choice: [s.choices.work, s.choices.health, s.choices.work] }))).toBe(3);
		expect(await saveAnswer(c, s.id, token, answer({ questionId: s.feeling, scale: '4' }))).toBe(4);
		expect(await saveAnswer(c, s.id, token, answer({ questionId: s.words, text: '<script>alert("x")</script> more buses' }))).toBe(5);
		expect(await saveAnswer(c, s.id, token, answer({ questionId: s.words, text: '<script>alert("x")</script> more buses', go: 'back' }))).toBe(3);
		const d = await draftFor(db.db, s.id, token);
		expect(d?.answers[s.topics]).toEqual({ choices: [s.choices.work, s.choices.health] });
		// The draft table never holds the token itself.
		expect((await db.db.select().from(surveyDrafts).where(eq(surveyDrafts.tokenHash, token))).length).toBe(0);
		expect((await db.db.select().from(surveyDrafts).where(eq(surveyDrafts.tokenHash, hashToken(token)))).length).toBe(1);

		await submitDraft(c, s.id, token);
		expect(await responses(s.id)).toBe(1);
		const [r] = await db.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
		expect(r.respondentId).toBeNull();
		expect(r.submittedOn).toBe(cityToday());
		const rows = await db.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, r.id));
		expect(rows).toHaveLength(5);
		expect(rows.find((x) => x.text)?.text).toBe('<script>alert("x")</script> more buses');

		expect(await refused(submitDraft(c, s.id, token))).toBe('surveys_already_sent');
		expect(await refused(saveAnswer(c, s.id, token, answer({ questionId: s.housing, choice: [s.choices.bad] })))).toBe('surveys_already_sent');
		expect(await responses(s.id)).toBe(1);
		expect((await draftFor(db.db, s.id, token))?.answers).toEqual({});
	});

	it('refuses answers for questions and choices that do not exist or belong elsewhere, and wrong kinds; the draft is unchanged', async () => {
		const c = ctx(anon, '198.51.100.2');
		const token = await startDraft(c, s.id);
		await saveAnswer(c, s.id, token, answer({ questionId: s.housing, choice: [s.choices.unsure] }));
		const before = await draftFor(db.db, s.id, token);
		const cases: [Partial<Record<string, string | string[]>>, string][] = [
			[{ questionId: FORGED, choice: [s.choices.good] }, 'surveys_question_unknown'],
			[{ questionId: second.housing, choice: [second.choices.good] }, 'surveys_question_unknown'],
			[{ questionId: s.housing, choice: [FORGED] }, 'surveys_choice_unknown'],
			[{ questionId: s.housing, choice: [second.choices.good] }, 'surveys_choice_unknown'],
			[{ questionId: s.housing, choice: [s.choices.work] }, 'surveys_choice_unknown'],
			[{ questionId: s.housing, choice: [s.choices.good, s.choices.bad] }, 'surveys_one_choice_only'],
			[{ questionId: s.housing, scale: '3' }, 'surveys_answer_wrong_kind'],
			[{ questionId: s.feeling, choice: [s.choices.good] }, 'surveys_choice_unknown'],
			[{ questionId: s.feeling, text: 'five' }, 'surveys_answer_wrong_kind'],
			[{ questionId: s.words, scale: '2' }, 'surveys_answer_wrong_kind']
		];
		for (const [input, key] of cases) expect(await refused(saveAnswer(c, s.id, token, answer(input))), key).toBe(key);
		expect(await draftFor(db.db, s.id, token)).toEqual(before);
		// What the form itself refuses, before any use case runs.
		for (const bad of [
			{ questionId: 'not-a-uuid' },
			{ questionId: s.feeling, scale: '6' },
			{ questionId: s.feeling, scale: '2.5' },
			{ questionId: s.feeling, scale: ['1', '2'] },
			{ questionId: s.housing, choice: ["1' or 1=1--"] },
			{ questionId: s.words, text: 'x'.repeat(100 * 1024) },
			{ questionId: s.words, text: { toString: 'x' } },
			{ questionId: s.housing, go: 'sideways' }
		]) {
			expect(answerForm.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
		}
		// A forged draft token, and none at all.
		expect(await refused(saveAnswer(c, s.id, 'forged-token', answer({ questionId: s.housing, choice: [s.choices.good] })))).toBe('surveys_draft_missing');
		expect(await refused(submitDraft(c, s.id, undefined))).toBe('surveys_draft_missing');
		// A token of one survey does not open another's draft.
		expect(await refused(saveAnswer(c, second.id, token, answer({ questionId: second.housing, choice: [second.choices.good] })))).toBe('surveys_draft_missing');
		// A day later the draft has expired.
		const tomorrow = new Date(Date.now() + 25 * 3600 * 1000);
		expect(await refused(saveAnswer(c, s.id, token, answer({ questionId: s.housing, choice: [s.choices.good] }), tomorrow))).toBe('surveys_draft_missing');
		expect(await responses(second.id)).toBe(0);
	});

	it('counts a signed-in person once, without linking them to the answers of an anonymous survey', async () => {
		const c = ctx(resident);
		const token = await startDraft(c, second.id);
		await saveAnswer(c, second.id, token, answer({ questionId: second.feeling, scale: '2' }));
		await submitDraft(c, second.id, token);
		expect(await refused(startDraft(c, second.id))).toBe('surveys_already_answered');
		const [p] = await db.db.select().from(surveyParticipations).where(eq(surveyParticipations.userId, resident.userId));
		expect(p.surveyId).toBe(second.id);
		const rs = await db.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, second.id));
		expect(rs.map((r) => r.respondentId)).toEqual([null]);
		// Two drafts started before the first was sent: the second is refused.
		const c2 = ctx(other);
		const t1 = await startDraft(c2, second.id);
		const t2 = await startDraft(c2, second.id);
		await submitDraft(c2, second.id, t1);
		expect(await refused(submitDraft(c2, second.id, t2))).toBe('surveys_already_answered');
		expect(await responses(second.id)).toBe(2);
		// The audit log names the survey, never the response.
		const entries = await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'surveys.respond'), eq(auditLog.actorId, resident.userId)));
		expect(entries.map((e) => [e.resourceType, e.resourceId])).toEqual([['survey', second.id]]);
	});

	it('a named survey needs an account, and links the response to it', async () => {
		const named = await build({ named: true });
		expect(await refused(startDraft(ctx(anon), named.id))).toBe('policy:sign_in_required');
		const token = await startDraft(ctx(resident), named.id);
		await submitDraft(ctx(resident), named.id, token);
		const [r] = await db.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, named.id));
		expect(r.respondentId).toBe(resident.userId);
	});

	it('a visitor’s browser that says it answered is refused; one address sends at most the hourly limit', async () => {
		const limited = await build();
		expect(await refused(startDraft(ctx(anon), limited.id, { doneBefore: true }))).toBe('surveys_already_answered');
		const c = ctx(anon, '192.0.2.99');
		for (let i = 0; i < VISITOR_LIMIT.max; i++) await submitDraft(c, limited.id, await startDraft(c, limited.id));
		expect(await refused(submitDraft(c, limited.id, await startDraft(c, limited.id)))).toBe('surveys_too_many');
		expect(await responses(limited.id)).toBe(VISITOR_LIMIT.max);
		// Another address is not held up.
		await submitDraft(ctx(anon, '192.0.2.100'), limited.id, await startDraft(ctx(anon, '192.0.2.100'), limited.id));
		expect(await responses(limited.id)).toBe(VISITOR_LIMIT.max + 1);
	}, 60_000);

	it('a closed survey takes no answer and no submit; a draft is not listed publicly', async () => {
		const closing = await build();
		const c = ctx(anon, '198.51.100.3');
		const token = await startDraft(c, closing.id);
		await saveAnswer(c, closing.id, token, answer({ questionId: closing.housing, choice: [closing.choices.good] }));
		await closeSurvey(ctx(officer), closing.id);
		expect(await refused(startDraft(c, closing.id))).toBe('surveys_closed');
		expect(await refused(saveAnswer(c, closing.id, token, answer({ questionId: closing.housing, choice: [closing.choices.bad] })))).toBe('surveys_closed');
		expect(await refused(submitDraft(c, closing.id, token))).toBe('surveys_closed');
		expect(await responses(closing.id)).toBe(0);
		expect((await listOpenSurveys(ctx(anon))).some((x) => x.id === closing.id)).toBe(false);
		const draft = await createSurvey(ctx(officer), surveyInput());
		expect(await refused(publicSurvey(ctx(anon), draft))).toBe('surveys_not_found');
		expect(await refused(startDraft(ctx(anon), draft))).toBe('surveys_not_found');
		expect(await refused(startDraft(ctx(anon), 'garbage'))).toBe('surveys_not_found');
		expect(await refused(closeSurvey(ctx(officer), draft))).toBe('surveys_not_published');
	});
});

describe('results', () => {
	let s: Built;
	beforeAll(async () => {
		s = await build();
		const full = await loadSurvey(db.db, s.id);
		// 12 responses: Yes ×7, No ×3, Don't know ×2; Work ×9, School ×2, Health ×6 (of 11); faces; 6 written answers.
		const housing = [...Array(7).fill(s.choices.good), ...Array(3).fill(s.choices.bad), ...Array(2).fill(s.choices.unsure)];
		for (let i = 0; i < 12; i++) {
			const answers: Record<string, { choices?: string[]; scale?: number; text?: string }> = { [s.housing]: { choices: [housing[i]] } };
			if (i < 11) answers[s.topics] = { choices: [...(i < 9 ? [s.choices.work] : []), ...(i < 2 ? [s.choices.school] : []), ...(i >= 5 ? [s.choices.health] : [])] };
			answers[s.feeling] = { scale: i < 8 ? 5 : 1 };
			if (i < 6) answers[s.words] = { text: i === 0 ? '=HYPERLINK("http://evil")' : `More buses ${i}` };
			await db.db.transaction((tx) => recordResponse(tx, full, answers, { locale: i % 2 ? 'ar' : 'en', respondentId: null, day: cityToday() }));
		}
	});

	it('hides counts under 5, works percentages out from shown counts only, and lists free text for the officer only', async () => {
		const r = await surveyResults(ctx(officer), s.id);
		expect(r.responses).toBe(12);
		const [housing, topics, feeling, words] = r.questions;
		expect(housing.answered).toBe(12);
		expect(housing.rows.map((x) => [x.label, x.count, x.percent])).toEqual([
			['Yes', 7, 58.3],
			['No', null, null],
			['I do not know', null, null]
		]);
		expect(topics.answered).toBe(11);
		expect(topics.rows.map((x) => [x.count, x.percent])).toEqual([
			[9, 81.8],
			[null, null],
			[6, 54.5]
		]);
		// 1 ×4 and 5 ×8: the fours are hidden, the 2, 3 and 4 zeros too.
		expect(feeling.rows.map((x) => x.count)).toEqual([null, null, null, null, 8]);
		expect(words.texts).toHaveLength(6);
		expect(words.texts).toContain('=HYPERLINK("http://evil")');
		const e = await surveyResults(ctx(evaluator), s.id);
		expect(e.questions[3].texts).toBeNull();
		expect(e.questions[0].rows[0].count).toBe(7);
		expect(await refused(surveyResults(ctx(resident), s.id))).toBe('policy:denied');
		expect(await refused(surveyResults(ctx(officer), FORGED))).toBe('surveys_not_found');
		const seen = await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'surveys.results.view'), eq(auditLog.resourceId, s.id)));
		expect(seen.length).toBeGreaterThanOrEqual(2);
	});

	it('shows no free text when fewer than 5 were written, and no counts at all under 5 responses', async () => {
		const small = await build();
		const full = await loadSurvey(db.db, small.id);
		for (let i = 0; i < 4; i++) await db.db.transaction((tx) => recordResponse(tx, full, { [small.words]: { text: `secret ${i}` }, [small.housing]: { choices: [small.choices.good] } }, { locale: 'en', respondentId: null, day: cityToday() }));
		const r = await surveyResults(ctx(officer), small.id);
		expect(r.responses).toBeNull();
		expect(r.questions[3].texts).toBeNull();
		expect(r.questions[0].rows.every((x) => x.count === null && x.percent === null)).toBe(true);
		expect(resultsCsv(r)).not.toContain('secret');
	});

	it('exports the same suppressed numbers as CSV and XLSX, formulas neutralised', async () => {
		await updateQuestion(ctx(officer), s.id, { questionId: s.words, kind: 'text', prompt: { en: '=SUM(A1:A9)' } });
		const r = await surveyResults(ctx(officer), s.id);
		const rows: string[][] = parseCsv(resultsCsv(r));
		expect(rows[0]).toEqual(['No.', 'Question', 'Answer', 'People', 'Percent']);
		expect(rows.find((x) => x[2] === 'Yes')).toEqual(['1', 'Is your home good for you?', 'Yes', '7', '58.3']);
		expect(rows.find((x) => x[2] === 'No')).toEqual(['1', 'Is your home good for you?', 'No', 'fewer than 5', '']);
		expect(rows.find((x) => x[2] === 'Written answers')?.[3]).toBe('6');
		expect(rows.at(-1)).toEqual(['', 'Responses', '', '12', '']);
		const counts = rows.slice(1).map((x) => x[3]);
		for (const small of ['0', '1', '2', '3', '4']) expect(counts).not.toContain(small);
		expect(rows.find((x) => x[2] === 'Written answers')?.[1]).toBe("'=SUM(A1:A9)");
		// Free text never leaves in an export.
		expect(rows.flat().join(' ')).not.toContain('More buses');
		const [sheet] = await readXlsxFile(await resultsXlsx(r));
		expect(sheet.data[0]).toEqual(['No.', 'Question', 'Answer', 'People', 'Percent']);
		const yes = sheet.data.find((x) => x[2] === 'Yes');
		expect(yes?.[3]).toBe(7);
		expect(sheet.data.find((x) => x[2] === 'No')?.[3]).toBe('fewer than 5');
		expect(sheet.data.length).toBe(rows.length);
		expect(sheet.data.find((x) => x[2] === 'Written answers')?.[1]).toBe("'=SUM(A1:A9)");
	});
});
