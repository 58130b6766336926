/**
 * Drafts shared with a panel (issue 7): the officer writes a draft (text,
 * pictures) and 1–5 questions in the panel's languages (free text, or
 * choices with a pictogram or picture and a short label each), then shares
 * it; members who accepted answer in their own language, one answer per
 * question, changeable until the officer publishes the summary (which closes
 * the draft and tells the members by e-mail). Pictures are checked by their
 * bytes (support/sniff.ts) and served only to the panel's members and staff.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { actorId } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { panelAnswers, panelDrafts, panelImages, panelMembers, panelQuestions, users, type PanelText, type PanelChoice, type PanelQuestionKind } from '../db/schema/index.ts';
import { notifyAll } from '../notifications/index.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { can } from '../policy/index.ts';
import { sniff } from '../support/sniff.ts';
import { MAX_CHOICES, MAX_PANEL_IMAGE_BYTES, MAX_QUESTIONS } from '../../panels/lists.ts';
import { audit, draftNotFound, manages, me, panelHead, panelResource, pick, requireManager, requirePolicy } from './common.ts';
import type { DraftInput } from './schemas.ts';

/** A panel picture: at most 1 MB and 25 million pixels. */
const MAX_IMAGE_PIXELS = 25_000_000;
export const MAX_ANSWER_LENGTH = 2000;
export const MAX_DRAFT_IMAGES = 4;

export interface UploadedImage {
	name: string;
	bytes: Uint8Array;
}

const imageRefusals: Record<string, string> = {
	too_large: 'panels_image_too_large',
	pixels: 'panels_image_bomb',
	bomb: 'panels_image_bomb',
	empty: 'panels_image_empty'
};

/** Checks a picture by its bytes; a refusal is audited (what the bytes looked like, never them) and thrown against `field`. */
async function checkImage(ctx: Ctx, panelId: string, file: UploadedImage, field: string) {
	let found = file.bytes.length > MAX_PANEL_IMAGE_BYTES ? ({ ok: false, reason: 'too_large', detected: `${file.bytes.length} bytes` } as const) : sniff(file.bytes, file.name);
	if (found.ok && found.mediaType === 'application/pdf') found = { ok: false, reason: 'not_allowed', detected: 'pdf' } as never;
	if (found.ok && (found.width ?? 0) * (found.height ?? 0) > MAX_IMAGE_PIXELS) found = { ok: false, reason: 'pixels', detected: `${found.width}x${found.height}` } as never;
	if (!found.ok) {
		await audit(ctx, ctx.db, 'panels.image.refused', 'panel_image', null, 'denied', { panelId, reason: found.reason, detected: found.detected, size: file.bytes.length });
		throw new Refusal(found.reason === 'too_large' ? 413 : 400, imageRefusals[found.reason] ?? 'panels_image_not_picture', field);
	}
	return found as { ok: true; mediaType: 'image/jpeg' | 'image/png' | 'image/webp'; width?: number; height?: number };
}

async function storeImage(ctx: Ctx, tx: Tx, panelId: string, draftId: string | null, file: UploadedImage, checked: Awaited<ReturnType<typeof checkImage>>, alt: string) {
	const [row] = await tx
		.insert(panelImages)
		.values({ panelId, draftId, mediaType: checked.mediaType, size: file.bytes.length, width: checked.width ?? null, height: checked.height ?? null, alt, bytes: file.bytes })
		.returning({ id: panelImages.id });
	await audit(ctx, tx, 'panels.image.store', 'panel_image', row.id, 'done', { panelId, mediaType: checked.mediaType, size: file.bytes.length });
	return row.id;
}

interface DraftHead {
	id: string;
	panelId: string;
	title: string;
	body: string;
	language: string;
	status: 'preparing' | 'open' | 'closed';
	summary: string | null;
	summaryPublishedAt: Date | null;
}

async function draftHead(tx: Tx, draftId: string, panelId?: string): Promise<DraftHead> {
	if (!isUuid(draftId) || (panelId !== undefined && !isUuid(panelId))) throw draftNotFound();
	const [d] = await tx
		.select({ id: panelDrafts.id, panelId: panelDrafts.panelId, title: panelDrafts.title, body: panelDrafts.body, language: panelDrafts.language, status: panelDrafts.status, summary: panelDrafts.summary, summaryPublishedAt: panelDrafts.summaryPublishedAt })
		.from(panelDrafts)
		.where(panelId ? and(eq(panelDrafts.id, draftId), eq(panelDrafts.panelId, panelId)) : eq(panelDrafts.id, draftId));
	if (!d) throw draftNotFound();
	return d;
}

/** A draft with up to 4 pictures (each checked; one refused refuses the draft). */
export async function createDraft(ctx: Ctx, panelId: string, input: DraftInput, images: UploadedImage | UploadedImage[] | null = null): Promise<{ id: string }> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	await panelHead(ctx.db, panelId);
	const list = images === null ? [] : Array.isArray(images) ? images : [images];
	if (list.length > MAX_DRAFT_IMAGES) throw new Refusal(400, 'panels_too_many_images', 'image');
	const checked: Awaited<ReturnType<typeof checkImage>>[] = [];
	for (const image of list) checked.push(await checkImage(ctx, panelId, image, 'image'));
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.insert(panelDrafts).values({ panelId, title: input.title, body: input.body, language: input.language, createdBy: actorId(ctx) }).returning({ id: panelDrafts.id });
		for (const [i, image] of list.entries()) await storeImage(ctx, tx, panelId, row.id, image, checked[i], input.imageAlt);
		await audit(ctx, tx, 'panels.draft.create', 'panel_draft', row.id, 'done', { panelId });
		return { id: row.id };
	});
}

export interface QuestionInput {
	kind: PanelQuestionKind;
	text: PanelText;
	choices: { pictogram: string | null; label: PanelText; image?: UploadedImage | null }[];
}

/** From the question form's parsed values (see questionForm) and its files (c<i>_image). */
export function questionInput(languages: readonly string[], v: Record<string, string>, files: Record<string, UploadedImage | UploadedImage[] | undefined> = {}): QuestionInput {
	const text: PanelText = {};
	for (const l of languages) text[l] = v[`text_${l}`];
	const choices: QuestionInput['choices'] = [];
	if (v.kind === 'choice') {
		for (let i = 1; i <= MAX_CHOICES; i++) {
			const label: PanelText = {};
			for (const l of languages) if (v[`c${i}_label_${l}`]) label[l] = v[`c${i}_label_${l}`];
			if (Object.keys(label).length === 0 && !v[`c${i}_pictogram`]) continue;
			const f = files[`c${i}_image`];
			choices.push({ pictogram: v[`c${i}_pictogram`] || null, label, image: (Array.isArray(f) ? f[0] : f) ?? null });
		}
	}
	return { kind: v.kind as PanelQuestionKind, text, choices };
}

/** Adds a question to a draft still being prepared (at most 5). */
export async function addQuestion(ctx: Ctx, draftId: string, q: QuestionInput, panelId?: string): Promise<{ id: string }> {
	await requireManager(ctx);
	const d = await draftHead(ctx.db, draftId, panelId);
	const panel = await panelHead(ctx.db, d.panelId);
	if (d.status !== 'preparing') throw new Refusal(409, 'panels_draft_already_shared');
	for (const l of panel.languages) if (!q.text[l]?.trim()) throw new Refusal(400, 'panels_question_text_required', `text_${l}`);
	if (q.kind === 'choice' && (q.choices.length < 2 || q.choices.length > MAX_CHOICES)) throw new Refusal(400, 'panels_choices_required');
	const checked: (Awaited<ReturnType<typeof checkImage>> | null)[] = [];
	for (const [i, c] of q.choices.entries()) checked.push(c.image ? await checkImage(ctx, d.panelId, c.image, `c${i + 1}_image`) : null);
	return ctx.db.transaction(async (tx) => {
		const [locked] = await tx.select({ status: panelDrafts.status }).from(panelDrafts).where(eq(panelDrafts.id, draftId)).for('update');
		if (locked.status !== 'preparing') throw new Refusal(409, 'panels_draft_already_shared');
		const existing = await tx.select({ position: panelQuestions.position }).from(panelQuestions).where(eq(panelQuestions.draftId, draftId));
		if (existing.length >= MAX_QUESTIONS) throw new Refusal(409, 'panels_too_many_questions');
		const choices: PanelChoice[] = [];
		for (const [i, c] of q.kind === 'choice' ? q.choices.entries() : []) {
			const imageId = c.image && checked[i] ? await storeImage(ctx, tx, d.panelId, null, c.image, checked[i]!, pick(c.label, panel.languages[0]).text) : null;
			choices.push({ key: `c${i + 1}`, pictogram: c.pictogram, imageId, label: c.label });
		}
		const text: PanelText = {};
		for (const l of panel.languages) text[l] = q.text[l].trim();
		const [row] = await tx
			.insert(panelQuestions)
			.values({ draftId, position: existing.length + 1, kind: q.kind, text, choices })
			.returning({ id: panelQuestions.id });
		await audit(ctx, tx, 'panels.question.add', 'panel_draft', draftId, 'done', { questionId: row.id, kind: q.kind });
		return { id: row.id };
	});
}

/** Shares a prepared draft with the panel's members who accepted; each gets an e-mail. */
export async function shareDraft(ctx: Ctx, draftId: string, panelId?: string, now = new Date()): Promise<{ told: number }> {
	await requireManager(ctx);
	const d = await draftHead(ctx.db, draftId, panelId);
	const panel = await panelHead(ctx.db, d.panelId);
	return ctx.db.transaction(async (tx) => {
		const [locked] = await tx.select({ status: panelDrafts.status }).from(panelDrafts).where(eq(panelDrafts.id, draftId)).for('update');
		if (locked.status !== 'preparing') throw new Refusal(409, 'panels_draft_already_shared');
		const qs = await tx.select({ id: panelQuestions.id }).from(panelQuestions).where(eq(panelQuestions.draftId, draftId));
		if (qs.length === 0) throw new Refusal(409, 'panels_draft_needs_question');
		await tx.update(panelDrafts).set({ status: 'open', sharedAt: now }).where(eq(panelDrafts.id, draftId));
		await audit(ctx, tx, 'panels.draft.share', 'panel_draft', draftId, 'done', { panelId: d.panelId });
		return { told: await tellMembers(ctx, tx, d.panelId, 'panel_draft', `/panels/${d.panelId}/drafts/${draftId}`, (locale) => ({
			subject: m.panels_mail_draft_subject({ name: panel.name }, { locale }),
			text: m.panels_mail_draft_body({ name: panel.name, title: d.title, link: `${linkOrigin(ctx.origin)}/panels/${d.panelId}/drafts/${draftId}` }, { locale })
		})) };
	});
}

/** Every member who accepted is told, as they chose (notifications); returns how many. */
async function tellMembers(ctx: Ctx, tx: Tx, panelId: string, template: string, link: string, mail: (locale: ReturnType<typeof mailLocale>) => { subject: string; text: string }): Promise<number> {
	const people = await tx
		.select({ userId: panelMembers.userId })
		.from(panelMembers)
		.where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.status, 'accepted')));
	return notifyAll(tx, people.map((p) => p.userId), { kind: 'panel_news', template, title: (locale) => mail(locale).subject, body: (locale) => mail(locale).text, link }, ctx.origin);
}

export interface ShownChoice {
	key: string;
	label: string;
	labelLanguage: string;
	pictogram: string | null;
	imageId: string | null;
}
export interface ShownQuestion {
	id: string;
	position: number;
	kind: PanelQuestionKind;
	text: string;
	textLanguage: string;
	choices: ShownChoice[];
}

function shown(q: { id: string; position: number; kind: PanelQuestionKind; text: PanelText; choices: PanelChoice[] }, locale: string, order: readonly string[]): ShownQuestion {
	const t = pick(q.text, locale, order);
	return {
		id: q.id,
		position: q.position,
		kind: q.kind,
		text: t.text,
		textLanguage: t.language,
		choices: q.choices.map((c) => {
			const l = pick(c.label, locale, order);
			return { key: c.key, label: l.text, labelLanguage: l.language, pictogram: c.pictogram, imageId: c.imageId };
		})
	};
}

async function questionsOf(tx: Tx, draftId: string) {
	return tx.select({ id: panelQuestions.id, position: panelQuestions.position, kind: panelQuestions.kind, text: panelQuestions.text, choices: panelQuestions.choices }).from(panelQuestions).where(eq(panelQuestions.draftId, draftId)).orderBy(asc(panelQuestions.position));
}
async function imagesOf(tx: Tx, draftId: string) {
	return tx.select({ id: panelImages.id, alt: panelImages.alt, width: panelImages.width, height: panelImages.height }).from(panelImages).where(eq(panelImages.draftId, draftId)).orderBy(asc(panelImages.createdAt));
}

export interface MemberDraftView {
	panel: { id: string; name: string };
	draft: DraftHead;
	images: { id: string; alt: string; width: number | null; height: number | null }[];
	questions: (ShownQuestion & { mine: { text: string | null; choice: string | null; language: string } | null })[];
}

/** A shared draft as a member who accepted sees it: questions in their language (else the panel's first), their own answers. */
export async function draftForMember(ctx: Ctx, panelId: string, draftId: string): Promise<MemberDraftView> {
	const userId = me(ctx);
	const panel = await panelHead(ctx.db, panelId);
	await requirePolicy(ctx, 'panels.answer', await panelResource(ctx.db, panel.id), { type: 'panel_draft', id: isUuid(draftId) ? draftId : null });
	const d = await draftHead(ctx.db, draftId, panel.id);
	if (d.status === 'preparing') throw draftNotFound();
	const [mem] = await ctx.db.select({ id: panelMembers.id }).from(panelMembers).where(and(eq(panelMembers.panelId, panel.id), eq(panelMembers.userId, userId)));
	const qs = await questionsOf(ctx.db, draftId);
	const mine = qs.length
		? await ctx.db.select({ questionId: panelAnswers.questionId, text: panelAnswers.text, choice: panelAnswers.choice, language: panelAnswers.language }).from(panelAnswers).where(and(eq(panelAnswers.memberId, mem.id), inArray(panelAnswers.questionId, qs.map((q) => q.id))))
		: [];
	await audit(ctx, ctx.db, 'panels.draft.view', 'panel_draft', draftId, 'done', { panelId });
	return {
		panel: { id: panel.id, name: panel.name },
		draft: d,
		images: await imagesOf(ctx.db, draftId),
		questions: qs.map((q) => {
			const a = mine.find((x) => x.questionId === q.id);
			return { ...shown(q, ctx.locale, panel.languages), mine: a ? { text: a.text, choice: a.choice, language: a.language } : null };
		})
	};
}

/**
 * A member's answers to a shared, open draft, in `ctx.locale`: `answers` maps
 * question ids to the text or the choice's key. A question of another draft,
 * a choice that does not exist, text over 2000 characters: refused, nothing
 * kept. A blank answer leaves what was there. Changeable until the draft closes.
 */
export async function answer(ctx: Ctx, panelId: string, draftId: string, answers: Record<string, string>, now = new Date()): Promise<{ saved: number }> {
	const userId = me(ctx);
	const panel = await panelHead(ctx.db, panelId);
	await requirePolicy(ctx, 'panels.answer', await panelResource(ctx.db, panel.id), { type: 'panel_draft', id: isUuid(draftId) ? draftId : null });
	const d = await draftHead(ctx.db, draftId, panel.id);
	if (d.status === 'preparing') throw draftNotFound();
	if (d.status === 'closed') throw new Refusal(409, 'panels_draft_closed');
	const qs = await questionsOf(ctx.db, draftId);
	const rows: { questionId: string; text: string | null; choice: string | null }[] = [];
	for (const [questionId, raw] of Object.entries(answers)) {
		const q = qs.find((x) => x.id === questionId);
		if (!q) throw new Refusal(400, 'panels_question_not_found', `q_${questionId}`.slice(0, 60));
		const value = raw.normalize('NFC').trim();
		if (value === '') continue;
		if (q.kind === 'choice') {
			if (!q.choices.some((c) => c.key === value)) throw new Refusal(400, 'panels_choice_not_found', `q_${q.id}`);
			rows.push({ questionId, text: null, choice: value });
		} else {
			if (value.length > MAX_ANSWER_LENGTH) throw new Refusal(400, 'panels_answer_too_long', `q_${q.id}`);
			rows.push({ questionId, text: value, choice: null });
		}
	}
	if (rows.length === 0) throw new Refusal(400, 'panels_answer_something');
	return ctx.db.transaction(async (tx) => {
		const [locked] = await tx.select({ status: panelDrafts.status }).from(panelDrafts).where(eq(panelDrafts.id, draftId)).for('update');
		if (locked.status !== 'open') throw new Refusal(409, 'panels_draft_closed');
		const [mem] = await tx.select({ id: panelMembers.id, status: panelMembers.status }).from(panelMembers).where(and(eq(panelMembers.panelId, panel.id), eq(panelMembers.userId, userId)));
		if (!mem || mem.status !== 'accepted') throw draftNotFound();
		for (const r of rows) {
			const [row] = await tx
				.insert(panelAnswers)
				.values({ questionId: r.questionId, memberId: mem.id, language: ctx.locale, text: r.text, choice: r.choice, createdAt: now, updatedAt: now })
				.onConflictDoUpdate({ target: [panelAnswers.questionId, panelAnswers.memberId], set: { language: ctx.locale, text: r.text, choice: r.choice, updatedAt: now } })
				.returning({ id: panelAnswers.id });
			await audit(ctx, tx, 'panels.answer', 'panel_answer', row.id, 'done', { draftId, questionId: r.questionId, language: ctx.locale });
		}
		return { saved: rows.length };
	});
}

export interface StaffDraftView {
	panel: { id: string; name: string; languages: string[] };
	draft: DraftHead;
	images: { id: string; alt: string; width: number | null; height: number | null }[];
	members: { memberId: string; displayName: string }[];
	questions: (ShownQuestion & {
		answers: { memberId: string; displayName: string; language: string; text: string | null; choice: string | null; choiceLabel: string | null; updatedAt: Date }[];
		counts: { key: string; label: string; count: number }[];
	})[];
}

/** The draft with every answer side by side, per question, and the choice counts. Audited. */
export async function draftForStaff(ctx: Ctx, panelId: string, draftId: string): Promise<StaffDraftView> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	const panel = await panelHead(ctx.db, panelId);
	const d = await draftHead(ctx.db, draftId, panel.id);
	const qs = await questionsOf(ctx.db, draftId);
	const members = await ctx.db
		.select({ memberId: panelMembers.id, displayName: users.displayName })
		.from(panelMembers)
		.innerJoin(users, eq(users.id, panelMembers.userId))
		.where(and(eq(panelMembers.panelId, panel.id), eq(panelMembers.status, 'accepted')))
		.orderBy(asc(users.displayName), asc(panelMembers.id));
	const all = qs.length
		? await ctx.db
				.select({ questionId: panelAnswers.questionId, memberId: panelAnswers.memberId, displayName: users.displayName, language: panelAnswers.language, text: panelAnswers.text, choice: panelAnswers.choice, updatedAt: panelAnswers.updatedAt })
				.from(panelAnswers)
				.innerJoin(panelMembers, eq(panelMembers.id, panelAnswers.memberId))
				.innerJoin(users, eq(users.id, panelMembers.userId))
				.where(inArray(panelAnswers.questionId, qs.map((q) => q.id)))
				.orderBy(asc(users.displayName), asc(panelAnswers.memberId))
		: [];
	await audit(ctx, ctx.db, 'panels.answers.view', 'panel_draft', draftId, 'done', { panelId, answers: all.length });
	return {
		panel: { id: panel.id, name: panel.name, languages: panel.languages },
		draft: d,
		images: await imagesOf(ctx.db, draftId),
		members,
		questions: qs.map((q) => {
			const s = shown(q, ctx.locale, panel.languages);
			const answers = all.filter((a) => a.questionId === q.id).map((a) => ({ ...a, choiceLabel: a.choice ? (s.choices.find((c) => c.key === a.choice)?.label ?? null) : null }));
			return { ...s, answers, counts: s.choices.map((c) => ({ key: c.key, label: c.label, count: answers.filter((a) => a.choice === c.key).length })) };
		})
	};
}

/** Publishes the summary to the panel: the draft closes (no more answers), members see it on the draft page and get an e-mail. */
export async function publishSummary(ctx: Ctx, panelId: string, draftId: string, summary: string, now = new Date()): Promise<{ told: number }> {
	await requireManager(ctx, isUuid(panelId) ? panelId : null);
	const panel = await panelHead(ctx.db, panelId);
	const d = await draftHead(ctx.db, draftId, panel.id);
	if (d.status === 'preparing') throw new Refusal(409, 'panels_draft_not_shared');
	return ctx.db.transaction(async (tx) => {
		const [locked] = await tx.select({ publishedAt: panelDrafts.summaryPublishedAt }).from(panelDrafts).where(eq(panelDrafts.id, draftId)).for('update');
		if (locked.publishedAt) throw new Refusal(409, 'panels_summary_already_published');
		await tx.update(panelDrafts).set({ summary, summaryPublishedAt: now, status: 'closed', closedAt: now }).where(eq(panelDrafts.id, draftId));
		await audit(ctx, tx, 'panels.summary.publish', 'panel_draft', draftId, 'done', { panelId });
		return { told: await tellMembers(ctx, tx, panel.id, 'panel_summary', `/panels/${panel.id}/drafts/${draftId}`, (locale) => ({
			subject: m.panels_mail_summary_subject({ name: panel.name }, { locale }),
			text: m.panels_mail_summary_body({ title: d.title, summary, link: `${linkOrigin(ctx.origin)}/panels/${panel.id}/drafts/${draftId}` }, { locale })
		})) };
	});
}

/** A picture's bytes: for staff, and for members who accepted (once its draft is shared). Anything else is the same 404. */
export async function panelImage(ctx: Ctx, imageId: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
	const notFound = () => new Refusal(404, 'panels_image_not_found');
	if (!isUuid(imageId)) throw notFound();
	const [img] = await ctx.db
		.select({ panelId: panelImages.panelId, draftId: panelImages.draftId, mediaType: panelImages.mediaType, bytes: panelImages.bytes })
		.from(panelImages)
		.where(eq(panelImages.id, imageId));
	if (!img) throw notFound();
	if (!manages(ctx)) {
		const resource = await panelResource(ctx.db, img.panelId);
		if (can(ctx.actor, 'panels.answer', resource) !== 'allowed') {
			await audit(ctx, ctx.db, 'panels.image.view', 'panel_image', imageId, 'denied');
			throw notFound();
		}
		if (img.draftId) {
			const [d] = await ctx.db.select({ status: panelDrafts.status }).from(panelDrafts).where(eq(panelDrafts.id, img.draftId));
			if (!d || d.status === 'preparing') throw notFound();
		}
	}
	return { bytes: img.bytes, mediaType: img.mediaType };
}
