import { z } from 'zod';
import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { localisedCall } from '#lib/server/cocreation/common.ts';
import { addComment, ideaPage, supportIdea, withdrawIdea, withdrawSupport } from '#lib/server/cocreation/ideas.ts';
import { commentForm, reportForm } from '#lib/server/cocreation/schemas.ts';
import { report } from '#lib/server/moderation/moderation.ts';
import { formUseCase, loadUseCase, runUseCase } from '#lib/server/http/use-case.ts';
import { addIdeaImage, MAX_IDEA_IMAGES, removeIdeaImage } from '#lib/server/cocreation/images.ts';
import { checkText } from '#lib/server/http/form.ts';
import { fail } from '@sveltejs/kit';
import { BODY_TOO_LARGE_HEADER } from '#lib/server/support/upload-limits.ts';
import { cityDate, cityMoment } from '#lib/server/city-time.ts';
import { acceptsComments, acceptsSupport } from '#lib/server/cocreation/phase.ts';
import { reportReasons } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** An idea: its text and pictures, its supports, its threads of comments and the city's answers. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'cocreation.view');
	return loadUseCase(event, async (ctx) => {
		const p = await ideaPage(ctx, event.params.id, event.params.ideaId);
		const t = (d: Date) => cityMoment(d, ctx.locale);
		return {
			call: { id: p.call.id, title: localisedCall(p.call, ctx.locale).title, phase: p.call.phase, resultsPublished: p.call.resultsPublishedAt !== null },
			idea: { ...p.idea, createdAt: cityDate(p.idea.createdAt, ctx.locale), hidden: p.idea.hiddenAt !== null, hiddenAt: undefined },
			images: p.images,
			threads: p.threads.map((th) => ({ comment: { ...th.comment, createdAt: t(th.comment.createdAt) }, replies: th.replies.map((r) => ({ ...r, createdAt: t(r.createdAt) })) })),
			mine: p.mine,
			supported: p.supported,
			pilot: p.pilot,
			canSupport: acceptsSupport(p.call.phase) && !p.idea.hiddenAt && p.idea.status !== 'withdrawn',
			canComment: acceptsComments(p.call.phase) && !p.idea.hiddenAt && p.idea.status !== 'withdrawn',
			canAnswer: p.canAnswer && !p.idea.hiddenAt,
			canWithdraw: p.mine && p.call.phase === 'ideas' && p.idea.status !== 'withdrawn',
			canAddImage: p.mine && acceptsComments(p.call.phase) && !p.idea.hiddenAt && p.idea.status !== 'withdrawn' && p.images.length < MAX_IDEA_IMAGES,
			moderator: p.moderator,
			reasons: reportReasons,
			signedIn: ctx.actor.kind === 'user',
			next: encodeURIComponent(event.url.pathname),
			sent: event.url.searchParams.has('sent')
		};
	});
};

const empty = z.object({});
async function participate(event: RequestEvent) {
	requireUser(event);
	await authorize(event, 'cocreation.participate');
}

export const actions: Actions = {
	support: async (event) => {
		await participate(event);
		return formUseCase(event, 'support', empty, (ctx) => supportIdea(ctx, event.params.id, event.params.ideaId), () => m.cocreation_supported());
	},
	unsupport: async (event) => {
		await participate(event);
		return formUseCase(event, 'support', empty, (ctx) => withdrawSupport(ctx, event.params.id, event.params.ideaId), () => m.cocreation_support_withdrawn());
	},
	comment: async (event) => {
		await participate(event);
		return formUseCase(event, 'comment', commentForm, (ctx, d) => addComment(ctx, event.params.id, event.params.ideaId, d), () => m.cocreation_comment_added());
	},
	answer: async (event) => {
		requireUser(event);
		await authorize(event, 'cocreation.answer');
		return formUseCase(event, 'answer', commentForm, (ctx, d) => addComment(ctx, event.params.id, event.params.ideaId, d, true), () => m.cocreation_answer_added());
	},
	report: async (event) => {
		await participate(event);
		return formUseCase(event, 'report', reportForm, (ctx, d) => report(ctx, d), () => m.cocreation_reported());
	},
	/** A picture, by its author: multipart, read here (readForm takes no files); the use case checks the bytes. */
	image: async (event) => {
		await participate(event);
		// Marked by the server (scripts/server.ts): too large to read, so not read.
		if (event.request.headers.has(BODY_TOO_LARGE_HEADER)) return fail(413, { section: 'image', values: {}, errors: { file: m.cocreation_image_too_large() }, message: m.cocreation_image_too_large() });
		const form = await event.request.formData().catch(() => null);
		const file = form?.get('file');
		const alt = String(form?.get('alt') ?? '').normalize('NFC').trim();
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
			return fail(400, { section: 'image', values: { alt }, errors: { file: m.cocreation_image_choose() }, message: m.cocreation_image_choose() });
		}
		if (alt.length > 200 || checkText(alt)) return fail(400, { section: 'image', values: {}, errors: { alt: m.field_too_long({ max: '200' }) }, message: m.form_has_errors() });
		const bytes = new Uint8Array(await file.arrayBuffer());
		return runUseCase(event, 'image', (ctx) => addIdeaImage(ctx, event.params.id, event.params.ideaId, { bytes, name: file.name, alt }), () => m.cocreation_image_added(), { alt });
	},
	removeImage: async (event) => {
		await participate(event);
		return formUseCase(event, 'image', z.object({ imageId: z.string() }), (ctx, d) => removeIdeaImage(ctx, event.params.id, event.params.ideaId, d.imageId), () => m.cocreation_image_removed());
	},
	withdraw: async (event) => {
		await participate(event);
		let done = false;
		const reply = await formUseCase(event, 'withdraw', empty, async (ctx) => {
			await withdrawIdea(ctx, event.params.id, event.params.ideaId);
			done = true;
		}, () => m.cocreation_idea_withdrawn_done());
		if (done) redirect(303, `/calls/${event.params.id}`);
		return reply;
	}
};
