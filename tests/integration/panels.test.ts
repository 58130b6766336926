/**
 * Validation panels at the use-case level (issue 7): the opt-in pool and
 * withdrawing, composing a panel (coverage, suggestions, invitations by
 * e-mail, consent on accepting), vouchers, drafts with pictures checked by
 * their bytes, picture-choice and free-text questions in the panel's
 * languages, answers in the member's language, the answers side by side and
 * the published summary. Bad input is refused and changes nothing.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, panelAnswers, panelCompensations, panelDrafts, panelImages, panelMembers, panelPool, panelQuestions } from '../../src/lib/server/db/schema/index.ts';
import type { PlatformRole } from '../../src/lib/server/db/schema/index.ts';
import type { Ctx } from '../../src/lib/server/context.ts';
import { PolicyDenied, type SignedInActor } from '../../src/lib/server/policy/index.ts';
import { Refusal } from '../../src/lib/server/organisations/errors.ts';
import { joinPool, myPanels, myPoolProfile, respond, withdrawFromPool } from '../../src/lib/server/panels/pool.ts';
import { createPanel, getPanel, invite, recordCompensation, removeMember, searchPool } from '../../src/lib/server/panels/panels.ts';
import { addQuestion, answer, createDraft, draftForMember, draftForStaff, panelImage, publishSummary, questionInput, shareDraft } from '../../src/lib/server/panels/drafts.ts';
import { compensationForm, joinForm, panelForm, questionForm } from '../../src/lib/server/panels/schemas.ts';
import { testDatabase, type TestDatabase } from '../helpers/db.ts';
import { createUser } from '../helpers/users.ts';
import { jpeg, pdf, png, pngClaiming, windowsProgram } from '../fixtures/documents-files.ts';

let db: TestDatabase;
let officer: SignedInActor;

function actor(userId: string, platformRole: PlatformRole | null = null, secondFactor = true): SignedInActor {
	return { kind: 'user', userId, personKind: 'resident', platformRole, memberships: new Map(), emailVerified: true, secondFactor, totpEnabled: platformRole !== null };
}
function ctx(a: SignedInActor | { kind: 'anonymous' }, locale = 'en'): Ctx {
	return { db: db.db, actor: a, ip: null, requestId: null, locale, origin: 'http://localhost' };
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
const join = (over: Record<string, unknown> = {}) => joinForm.parse({ languages: ['ti', 'ar'], ageBand: '25_34', gender: 'woman', genderSelf: '', services: ['housing'], consent: 'on', ...over });

/** A person who opted in with these facts. */
async function pooled(name: string, languages: string[], ageBand: string, gender: string | null, services: string[] = []): Promise<SignedInActor> {
	const u = await createUser(db.db, { displayName: name });
	const a = actor(u.id);
	await joinPool(ctx(a), join({ languages, ageBand, gender: gender ?? '', services }));
	return a;
}
const count = async (table: typeof panelMembers | typeof panelAnswers | typeof panelImages | typeof panelCompensations | typeof panelPool) => Number((await db.db.select({ n: sql<number>`count(*)` }).from(table))[0].n);

beforeAll(async () => {
	db = await testDatabase();
	officer = actor((await createUser(db.db, { displayName: 'Officer', platformRole: 'integration_officer', totp: true })).id, 'integration_officer');
});
afterAll(async () => {
	await db?.dispose();
});

describe('the opt-in pool', () => {
	it('keeps what a person says with the time of their consent, and lets them change it', async () => {
		const a = await pooled('Selam', ['ti'], '18_24', 'woman', ['housing', 'health']);
		const p = await myPoolProfile(ctx(a));
		expect(p).toMatchObject({ languages: ['ti'], ageBand: '18_24', gender: 'woman', services: ['housing', 'health'] });
		expect(p!.consentedAt).toBeInstanceOf(Date);
		await joinPool(ctx(a), join({ languages: ['ti', 'en'], gender: 'self_described', genderSelf: 'Two-spirit' }));
		expect(await myPoolProfile(ctx(a))).toMatchObject({ languages: ['ti', 'en'], gender: 'self_described', genderSelf: 'Two-spirit' });
	});

	it('refuses children, a missing consent, no language, unknown codes and a self-description left blank', () => {
		const errors = (over: Record<string, unknown>) => {
			const r = joinForm.safeParse({ languages: ['ti'], ageBand: '25_34', consent: 'on', ...over });
			return r.success ? [] : r.error.issues.map((i) => i.message);
		};
		expect(errors({ ageBand: 'under_18' })).toContain('panels_under_18');
		expect(errors({ consent: undefined })).toContain('panels_consent_required');
		expect(errors({ languages: [] })).toContain('panels_languages_required');
		expect(errors({ languages: ['xx'] })).toContain('field_invalid_choice');
		expect(errors({ services: ['<script>'] })).toContain('field_invalid_choice');
		expect(errors({ ageBand: '99' })).toContain('panels_age_required');
		expect(errors({ gender: 'self_described', genderSelf: '' })).toContain('panels_gender_self_required');
		expect(errors({})).toEqual([]);
	});

	it('asks someone signed out to sign in', async () => {
		expect(await refused(myPoolProfile(ctx({ kind: 'anonymous' })))).toBe('policy:sign_in_required');
	});

	it('deletes the profile on withdrawing, with pending invitations; an accepted panel stays', async () => {
		const a = await pooled('Oksana', ['uk'], '35_49', 'woman');
		const p1 = await createPanel(ctx(officer), panelForm.parse({ name: 'Withdraw test A', languages: ['en'] }));
		const p2 = await createPanel(ctx(officer), panelForm.parse({ name: 'Withdraw test B', languages: ['en'] }));
		await invite(ctx(officer), p1.id, [a.userId]);
		await invite(ctx(officer), p2.id, [a.userId]);
		const mine = await myPanels(ctx(a));
		await respond(ctx(a), mine.find((x) => x.name === 'Withdraw test B')!.memberId, 'accept', true);
		expect(await withdrawFromPool(ctx(a))).toEqual({ deleted: true });
		expect(await db.db.select().from(panelPool).where(eq(panelPool.userId, a.userId))).toEqual([]);
		const left = await myPanels(ctx(a));
		expect(left.map((x) => [x.name, x.status])).toEqual([['Withdraw test B', 'accepted']]);
		// The officer sees that the person left the pool: their criteria are gone.
		const view = await getPanel(ctx(officer), p2.id);
		expect(view.members[0]).toMatchObject({ inPool: false, languages: [], ageBand: '' });
		const [entry] = await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'panels.pool.withdraw'), eq(auditLog.resourceId, a.userId)));
		expect(entry.details).toMatchObject({ deleted: true, invitationsDropped: 1 });
	});
});

describe('composing a panel', () => {
	let panelId: string;
	let tigrinya: SignedInActor;
	let arabic: SignedInActor;
	let ukrainian: SignedInActor;
	let farsi: SignedInActor;

	beforeAll(async () => {
		tigrinya = await pooled('Tesfay', ['ti', 'en'], '25_34', 'man', ['housing']);
		arabic = await pooled('Amal', ['ar'], '18_24', 'woman', ['health']);
		ukrainian = await pooled('Mykola', ['uk', 'pl'], '50_64', 'prefer_not_to_say', ['housing']);
		farsi = await pooled('Shirin', ['fa'], '35_49', 'woman', ['language-courses']);
	});

	it('is for city staff past the second factor only', async () => {
		const input = panelForm.parse({ name: 'Welcome leaflet', purpose: 'Check the new leaflet', languages: ['en', 'ti', 'ar'], target1: 'language:ti', min1: '2', target2: 'gender:woman', min2: '1', target3: 'service:housing', min3: '1' });
		expect(await refused(createPanel(ctx(tigrinya), input))).toBe('policy:denied');
		const noFactor = actor(officer.userId, 'integration_officer', false);
		expect(await refused(createPanel(ctx(noFactor), input))).toBe('policy:second_factor_required');
		expect(await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'panels.manage'), eq(auditLog.outcome, 'denied'), eq(auditLog.actorId, tigrinya.userId)))).toHaveLength(1);
		panelId = (await createPanel(ctx(officer), input)).id;
		const view = await getPanel(ctx(officer), panelId);
		expect(view.targets).toEqual([
			{ dimension: 'language', value: 'ti', min: 2 },
			{ dimension: 'gender', value: 'woman', min: 1 },
			{ dimension: 'service', value: 'housing', min: 1 }
		]);
		expect(view.coverage.every((r) => !r.met)).toBe(true);
	});

	it('refuses unknown targets and a minimum out of range in the form', () => {
		const bad = panelForm.safeParse({ name: 'x', languages: ['en'], target1: 'language:xx', min1: '0', target2: 'colour:blue' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['min1', 'target1', 'target2']);
		expect(panelForm.safeParse({ name: 'x', languages: ['tlh'] }).success).toBe(false);
	});

	it('filters the pool by language, age, gender and service, leaving out people already on the panel', async () => {
		const ids = async (q: Record<string, string>) => (await searchPool(ctx(officer), panelId, q)).candidates.map((c) => c.displayName).filter((n) => ['Tesfay', 'Amal', 'Mykola', 'Shirin'].includes(n));
		expect(await ids({ language: 'ti' })).toEqual(['Tesfay']);
		expect(await ids({ service: 'housing' })).toEqual(['Mykola', 'Tesfay']);
		expect(await ids({ gender: 'woman', ageBand: '18_24' })).toEqual(['Amal']);
		expect(await refused(searchPool(ctx(arabic), panelId, {}))).toBe('policy:denied');
	});

	it('suggests people who fill what is missing', async () => {
		const { suggested } = await searchPool(ctx(officer), panelId, { suggest: '1' });
		const names = suggested.map((s) => s.displayName);
		expect(names).toContain('Tesfay');
		// A Tigrinya speaker is wanted twice; Selam (from the first test, ti, woman, housing) covers three groups at once.
		expect(names[0]).toBe('Selam');
	});

	it('invites by e-mail; a forged or foreign id refuses the whole invitation and changes nothing', async () => {
		const before = await count(panelMembers);
		const stranger = (await createUser(db.db, { displayName: 'Not pooled' })).id;
		expect(await refused(invite(ctx(officer), panelId, [tigrinya.userId, stranger]))).toBe('panels_person_not_in_pool');
		expect(await refused(invite(ctx(officer), panelId, [tigrinya.userId, 'not-a-uuid']))).toBe('panels_person_not_in_pool');
		expect(await refused(invite(ctx(officer), panelId, []))).toBe('panels_choose_people');
		expect(await refused(invite(ctx(officer), '00000000-0000-4000-8000-000000000000', [tigrinya.userId]))).toBe('panels_not_found');
		expect(await count(panelMembers)).toBe(before);
		expect(await invite(ctx(officer), panelId, [tigrinya.userId, arabic.userId, ukrainian.userId, farsi.userId])).toEqual({ invited: 4 });
		// Again: nobody is invited twice.
		expect(await invite(ctx(officer), panelId, [tigrinya.userId])).toEqual({ invited: 0 });
		const mails = await db.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'panel_invitation'));
		expect(mails.filter((x) => x.subject.includes('Welcome leaflet'))).toHaveLength(4);
		expect(mails.some((x) => x.textBody.includes('http://localhost/panels/me'))).toBe(true);
	});

	it('records consent with its time on accepting; declining is possible, and nobody answers for another', async () => {
		const [t] = (await myPanels(ctx(tigrinya))).filter((p) => p.panelId === panelId);
		expect(await refused(respond(ctx(tigrinya), t.memberId, 'accept', false))).toBe('panels_consent_required');
		expect(await refused(respond(ctx(arabic), t.memberId, 'accept', true))).toBe('panels_member_not_found');
		expect(await refused(respond(ctx(arabic), 'forged', 'accept', true))).toBe('panels_member_not_found');
		expect(await respond(ctx(tigrinya), t.memberId, 'accept', true)).toBe('accepted');
		const [row] = await db.db.select().from(panelMembers).where(eq(panelMembers.id, t.memberId));
		expect(row.status).toBe('accepted');
		expect(row.respondedAt).toBeInstanceOf(Date);
		expect(await refused(respond(ctx(tigrinya), t.memberId, 'accept', true))).toBe('panels_already_accepted');
		for (const a of [arabic, farsi]) await respond(ctx(a), (await myPanels(ctx(a))).find((p) => p.panelId === panelId)!.memberId, 'accept', true);
		await respond(ctx(ukrainian), (await myPanels(ctx(ukrainian))).find((p) => p.panelId === panelId)!.memberId, 'decline', false);
	});

	it('shows coverage by invited and accepted members; declined people do not count', async () => {
		const view = await getPanel(ctx(officer), panelId);
		const by = (v: string) => view.coverage.find((r) => r.value === v)!;
		expect(by('ti')).toMatchObject({ covered: 1, missing: 1, met: false });
		expect(by('woman')).toMatchObject({ covered: 2, met: true });
		// Mykola knows housing but declined: only Tesfay covers it.
		expect(by('housing')).toMatchObject({ covered: 1, met: true });
		expect(view.members.map((x) => [x.displayName, x.status])).toEqual([
			['Amal', 'accepted'],
			['Mykola', 'declined'],
			['Shirin', 'accepted'],
			['Tesfay', 'accepted']
		]);
		expect(await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'panels.view'), eq(auditLog.resourceId, panelId)))).not.toHaveLength(0);
	});

	it('records vouchers in cents with a currency and totals them; a member of another panel is refused', async () => {
		const view = await getPanel(ctx(officer), panelId);
		const amal = view.members.find((x) => x.displayName === 'Amal')!;
		const tesfay = view.members.find((x) => x.displayName === 'Tesfay')!;
		await recordCompensation(ctx(officer), panelId, compensationForm.parse({ memberId: amal.memberId, amount: '15', currency: 'eur', givenOn: '2026-12-01', note: 'Supermarket voucher' }));
		await recordCompensation(ctx(officer), panelId, compensationForm.parse({ memberId: tesfay.memberId, amount: '12,50', currency: 'EUR', givenOn: '2026-12-01' }));
		// The same form sent again records nothing more.
		expect(await refused(recordCompensation(ctx(officer), panelId, compensationForm.parse({ memberId: tesfay.memberId, amount: '12.50', currency: 'EUR', givenOn: '2026-12-01' })))).toBe('panels_voucher_duplicate');
		const after = await getPanel(ctx(officer), panelId);
		expect(after.totals).toEqual([{ currency: 'EUR', amountCents: 2750, count: 2 }]);
		expect(after.compensations.map((c) => c.amountCents)).toEqual([1500, 1250]);
		const other = await createPanel(ctx(officer), panelForm.parse({ name: 'Other panel', languages: ['en'] }));
		const before = await count(panelCompensations);
		expect(await refused(recordCompensation(ctx(officer), other.id, compensationForm.parse({ memberId: amal.memberId, amount: '5', currency: 'EUR', givenOn: '2026-12-01' })))).toBe('panels_member_not_found');
		expect(await count(panelCompensations)).toBe(before);
		for (const amount of ['-5', '0', '1e3', '12.345', 'ten', '9999999'])
			expect(compensationForm.safeParse({ memberId: amal.memberId, amount, currency: 'EUR', givenOn: '2026-12-01' }).success, amount).toBe(false);
		expect(compensationForm.safeParse({ memberId: amal.memberId, amount: '5', currency: 'EURO', givenOn: '2026-12-01' }).success).toBe(false);
	});

	describe('drafts, questions and answers', () => {
		let draftId: string;
		let choiceQ: string;
		let textQ: string;
		let otherDraftQ: string;

		it('keeps a draft picture checked by its bytes; refuses pixel bombs, programs, PDFs and big files, audited', async () => {
			const images = await count(panelImages);
			const draft = { title: 'New welcome leaflet', body: 'Page 1: where to find help.', language: 'en', imageAlt: 'The leaflet front page' };
			expect(await refused(createDraft(ctx(officer), panelId, draft, { name: 'bomb.png', bytes: pngClaiming(30000, 30000) }))).toBe('panels_image_bomb');
			expect(await refused(createDraft(ctx(officer), panelId, draft, { name: 'big.png', bytes: pngClaiming(6000, 6000) }))).toBe('panels_image_bomb');
			expect(await refused(createDraft(ctx(officer), panelId, draft, { name: 'leaflet.png', bytes: windowsProgram() }))).not.toBe('no refusal');
			expect(await refused(createDraft(ctx(officer), panelId, draft, { name: 'leaflet.pdf', bytes: pdf() }))).toBe('panels_image_not_picture');
			expect(await refused(createDraft(ctx(officer), panelId, draft, { name: 'huge.jpg', bytes: new Uint8Array(1024 * 1024 + 1).fill(0xff) }))).toBe('panels_image_too_large');
			expect(await count(panelImages)).toBe(images);
			expect(await db.db.select().from(panelDrafts).where(eq(panelDrafts.panelId, panelId))).toEqual([]);
			const refusals = await db.db.select().from(auditLog).where(eq(auditLog.action, 'panels.image.refused'));
			expect(refusals.length).toBeGreaterThanOrEqual(5);
			expect(refusals.map((r) => r.details?.reason)).toContain('pixels');
			// One good picture and one bomb: the draft is refused as a whole.
			expect(await refused(createDraft(ctx(officer), panelId, draft, [{ name: 'a.jpg', bytes: jpeg() }, { name: 'b.png', bytes: pngClaiming(30000, 30000) }]))).toBe('panels_image_bomb');
			expect(await refused(createDraft(ctx(officer), panelId, draft, Array.from({ length: 5 }, () => ({ name: 'a.jpg', bytes: jpeg() }))))).toBe('panels_too_many_images');
			expect(await count(panelImages)).toBe(images);
			draftId = (await createDraft(ctx(officer), panelId, draft, [{ name: 'front.jpg', bytes: jpeg() }, { name: 'back.png', bytes: png(30, 20) }])).id;
			expect(await count(panelImages)).toBe(images + 2);
		});

		it('adds picture-choice and free-text questions in every panel language, and refuses incomplete ones', async () => {
			const languages = ['en', 'ti', 'ar'];
			const form = questionForm(languages);
			const choice = form.parse({
				kind: 'choice',
				text_en: 'Is the leaflet easy to understand?',
				text_ti: 'እዚ ወረቐት ንምርዳእ ቀሊል ድዩ?',
				text_ar: 'هل النشرة سهلة الفهم؟',
				c1_pictogram: 'smile',
				c1_label_en: 'Yes',
				c1_label_ti: 'እወ',
				c1_label_ar: 'نعم',
				c2_pictogram: 'frown',
				c2_label_en: 'No',
				c2_label_ti: 'ኣይፋል',
				c2_label_ar: 'لا'
			}) as Record<string, string>;
			choiceQ = (await addQuestion(ctx(officer), draftId, questionInput(languages, choice, { c2_image: { name: 'no.png', bytes: png(40, 30) } }))).id;
			const text = form.parse({ kind: 'text', text_en: 'What is missing?', text_ti: 'እንታይ ጎዲሉ?', text_ar: 'ما الذي ينقص؟' }) as Record<string, string>;
			textQ = (await addQuestion(ctx(officer), draftId, questionInput(languages, text))).id;
			const [q] = await db.db.select().from(panelQuestions).where(eq(panelQuestions.id, choiceQ));
			expect(q.choices.map((c) => [c.key, c.pictogram, c.imageId !== null])).toEqual([
				['c1', 'smile', false],
				['c2', 'frown', true]
			]);
			// Missing a language, one choice only, a label missing: refused by the form.
			const errs = (v: Record<string, string>) => {
				const r = form.safeParse(v);
				return r.success ? [] : r.error.issues.map((i) => i.message);
			};
			expect(errs({ kind: 'text', text_en: 'x', text_ti: 'y' })).toContain('panels_question_text_required');
			expect(errs({ kind: 'choice', text_en: 'x', text_ti: 'y', text_ar: 'z', c1_label_en: 'a', c1_label_ti: 'b', c1_label_ar: 'c' })).toContain('panels_choices_required');
			expect(errs({ kind: 'choice', text_en: 'x', text_ti: 'y', text_ar: 'z', c1_label_en: 'a', c1_label_ti: 'b', c1_label_ar: 'c', c2_label_en: 'd' })).toContain('panels_choice_label_required');
			expect(errs({ kind: 'choice', text_en: 'x', text_ti: 'y', text_ar: 'z', c1_pictogram: 'rocket' })).toContain('field_invalid_choice');
			// The use case checks too (a caller that skipped the form).
			expect(await refused(addQuestion(ctx(officer), draftId, { kind: 'text', text: { en: 'only English' }, choices: [] }))).toBe('panels_question_text_required');
			// A choice picture that is a bomb: refused, nothing kept.
			const bomb = { ...questionInput(languages, choice), choices: questionInput(languages, choice).choices.map((c, i) => ({ ...c, image: i === 0 ? { name: 'x.png', bytes: pngClaiming(40000, 40000) } : null })) };
			expect(await refused(addQuestion(ctx(officer), draftId, bomb))).toBe('panels_image_bomb');
			expect(await db.db.select().from(panelQuestions).where(eq(panelQuestions.draftId, draftId))).toHaveLength(2);
		});

		it('is not visible to members before it is shared; sharing tells accepted members only', async () => {
			const [t] = await Promise.all([tigrinya]);
			expect(await refused(draftForMember(ctx(t, 'ti'), panelId, draftId))).toBe('panels_draft_not_found');
			const before = (await db.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'panel_draft'))).length;
			expect(await shareDraft(ctx(officer), draftId)).toEqual({ told: 3 });
			expect((await db.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'panel_draft'))).length).toBe(before + 3);
			expect(await refused(shareDraft(ctx(officer), draftId))).toBe('panels_draft_already_shared');
			expect(await refused(addQuestion(ctx(officer), draftId, { kind: 'text', text: { en: 'a', ti: 'b', ar: 'c' }, choices: [] }))).toBe('panels_draft_already_shared');
			// Another draft of another panel, for forged answers.
			const other = await createPanel(ctx(officer), panelForm.parse({ name: 'Housing help', languages: ['en'] }));
			const otherDraft = await createDraft(ctx(officer), other.id, { title: 'Other', body: '', language: 'en', imageAlt: '' });
			otherDraftQ = (await addQuestion(ctx(officer), otherDraft.id, { kind: 'text', text: { en: 'Other?' }, choices: [] })).id;
		});

		it('shows the draft to an accepted member in their language, with the language it is written in', async () => {
			const view = await draftForMember(ctx(tigrinya, 'ti'), panelId, draftId);
			expect(view.questions.map((q) => [q.text, q.textLanguage])).toEqual([
				['እዚ ወረቐት ንምርዳእ ቀሊል ድዩ?', 'ti'],
				['እንታይ ጎዲሉ?', 'ti']
			]);
			expect(view.questions[0].choices.map((c) => c.label)).toEqual(['እወ', 'ኣይፋል']);
			// A member whose locale the panel lacks gets the panel's first language.
			const fa = await draftForMember(ctx(farsi, 'fa'), panelId, draftId);
			expect(fa.questions[0]).toMatchObject({ text: 'Is the leaflet easy to understand?', textLanguage: 'en' });
			expect(view.images).toHaveLength(2);
		});

		it('refuses non-members, declined and merely invited people, and anyone signed out', async () => {
			const outsider = await pooled('Outsider', ['en'], '25_34', null);
			expect(await refused(draftForMember(ctx(outsider), panelId, draftId))).toBe('policy:denied');
			expect(await refused(answer(ctx(outsider), panelId, draftId, { [choiceQ]: 'c1' }))).toBe('policy:denied');
			expect(await refused(answer(ctx(ukrainian, 'uk'), panelId, draftId, { [choiceQ]: 'c1' }))).toBe('policy:denied');
			const invitedOnly = await pooled('Invited only', ['ti'], '25_34', null);
			await invite(ctx(officer), panelId, [invitedOnly.userId]);
			expect(await refused(answer(ctx(invitedOnly), panelId, draftId, { [choiceQ]: 'c1' }))).toBe('policy:denied');
			expect(await refused(answer(ctx({ kind: 'anonymous' }), panelId, draftId, { [choiceQ]: 'c1' }))).toBe('policy:sign_in_required');
			expect(await count(panelAnswers)).toBe(0);
		});

		it('refuses a question of another draft, a choice that does not exist, 100 KB of text, a forged draft, and keeps nothing', async () => {
			const t = ctx(tigrinya, 'ti');
			expect(await refused(answer(t, panelId, draftId, { [otherDraftQ]: 'hello' }))).toBe('panels_question_not_found');
			expect(await refused(answer(t, panelId, draftId, { [choiceQ]: 'c1', [otherDraftQ]: 'hello' }))).toBe('panels_question_not_found');
			expect(await refused(answer(t, panelId, draftId, { 'not-a-uuid': 'x' }))).toBe('panels_question_not_found');
			expect(await refused(answer(t, panelId, draftId, { [choiceQ]: 'c9' }))).toBe('panels_choice_not_found');
			expect(await refused(answer(t, panelId, draftId, { [choiceQ]: 'What is missing?' }))).toBe('panels_choice_not_found');
			expect(await refused(answer(t, panelId, draftId, { [textQ]: 'x'.repeat(100_000) }))).toBe('panels_answer_too_long');
			expect(await refused(answer(t, panelId, draftId, { [textQ]: '   ' }))).toBe('panels_answer_something');
			expect(await refused(answer(t, panelId, '00000000-0000-4000-8000-000000000000', { [choiceQ]: 'c1' }))).toBe('panels_draft_not_found');
			expect(await refused(answer(t, '00000000-0000-4000-8000-000000000000', draftId, { [choiceQ]: 'c1' }))).toBe('panels_not_found');
			expect(await count(panelAnswers)).toBe(0);
		});

		it('keeps one answer per member and question, in the language written, changeable; hostile text is kept as text', async () => {
			await answer(ctx(tigrinya, 'ti'), panelId, draftId, { [choiceQ]: 'c2', [textQ]: 'ቁጽሪ ተሌፎን ይጎድል።' });
			await answer(ctx(tigrinya, 'ti'), panelId, draftId, { [choiceQ]: 'c1' });
			await answer(ctx(arabic, 'ar'), panelId, draftId, { [choiceQ]: 'c1', [textQ]: '<script>alert(1)</script> ينقص العنوان' });
			await answer(ctx(farsi, 'fa'), panelId, draftId, { [choiceQ]: 'c2' });
			const rows = await db.db.select().from(panelAnswers);
			expect(rows).toHaveLength(5);
			const mine = (await draftForMember(ctx(tigrinya, 'ti'), panelId, draftId)).questions;
			expect(mine[0].mine).toMatchObject({ choice: 'c1', language: 'ti' });
			expect(mine[1].mine).toMatchObject({ text: 'ቁጽሪ ተሌፎን ይጎድል።', language: 'ti' });
		});

		it('puts the answers side by side for the officer, with each language and the choice counts, audited', async () => {
			expect(await refused(draftForStaff(ctx(tigrinya), panelId, draftId))).toBe('policy:denied');
			const view = await draftForStaff(ctx(officer), panelId, draftId);
			const [c, t] = view.questions;
			expect(c.answers.map((a) => [a.displayName, a.language, a.choiceLabel])).toEqual([
				['Amal', 'ar', 'Yes'],
				['Shirin', 'fa', 'No'],
				['Tesfay', 'ti', 'Yes']
			]);
			expect(c.counts.map((x) => x.count)).toEqual([2, 1]);
			expect(t.answers.map((a) => [a.displayName, a.language, a.text])).toEqual([
				['Amal', 'ar', '<script>alert(1)</script> ينقص العنوان'],
				['Tesfay', 'ti', 'ቁጽሪ ተሌፎን ይጎድል።']
			]);
			expect(await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'panels.answers.view'), eq(auditLog.resourceId, draftId)))).toHaveLength(1);
			// Another panel's address for this draft: nothing there.
			expect(await refused(draftForStaff(ctx(officer), '00000000-0000-4000-8000-000000000000', draftId))).toBe('panels_not_found');
		});

		it('serves pictures to members and staff only', async () => {
			const [img] = await db.db.select({ id: panelImages.id }).from(panelImages).where(eq(panelImages.draftId, draftId));
			expect((await panelImage(ctx(tigrinya), img.id)).mediaType).toBe('image/jpeg');
			expect((await panelImage(ctx(officer), img.id)).bytes.length).toBeGreaterThan(0);
			expect(await refused(panelImage(ctx(ukrainian), img.id))).toBe('panels_image_not_found');
			expect(await refused(panelImage(ctx(tigrinya), 'forged'))).toBe('panels_image_not_found');
		});

		it('publishes the summary: the draft closes, members read it and get an e-mail, answers can no longer change', async () => {
			expect(await refused(publishSummary(ctx(tigrinya), panelId, draftId, 'x'))).toBe('policy:denied');
			expect(await publishSummary(ctx(officer), panelId, draftId, 'We add a phone number and the address on page 1.')).toEqual({ told: 3 });
			const mails = await db.db.select().from(emailOutbox).where(eq(emailOutbox.template, 'panel_summary'));
			expect(mails).toHaveLength(3);
			expect(mails[0].textBody).toContain('We add a phone number');
			const view = await draftForMember(ctx(arabic, 'ar'), panelId, draftId);
			expect(view.draft).toMatchObject({ status: 'closed', summary: 'We add a phone number and the address on page 1.' });
			expect(await refused(answer(ctx(arabic, 'ar'), panelId, draftId, { [choiceQ]: 'c2' }))).toBe('panels_draft_closed');
			expect(await refused(publishSummary(ctx(officer), panelId, draftId, 'again'))).toBe('panels_summary_already_published');
			const [kept] = await db.db.select().from(panelAnswers).where(eq(panelAnswers.language, 'ar')).limit(1);
			expect(kept.choice ?? kept.text).not.toBe('c2');
		});

		it('removes a member with their answers; another panel cannot remove them', async () => {
			const view = await getPanel(ctx(officer), panelId);
			const farsiMember = view.members.find((x) => x.displayName === 'Shirin')!;
			const other = await createPanel(ctx(officer), panelForm.parse({ name: 'Third', languages: ['en'] }));
			expect(await refused(removeMember(ctx(officer), other.id, farsiMember.memberId))).toBe('panels_member_not_found');
			expect(await refused(removeMember(ctx(officer), panelId, 'forged'))).toBe('panels_member_not_found');
			await removeMember(ctx(officer), panelId, farsiMember.memberId);
			expect(await db.db.select().from(panelAnswers).where(eq(panelAnswers.memberId, farsiMember.memberId))).toEqual([]);
		});
	});
});
