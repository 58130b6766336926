/**
 * Pictures of an idea (issue 7): its author adds up to three while the
 * conversation is open. The bytes decide what a file is (support/sniff.ts:
 * programs, archives, polyglots and pixel bombs are refused); only JPEG, PNG
 * and WebP of at most 1.5 MB and 6,000 pixels a side are kept, and only after
 * their metadata (the place a photo was taken, the camera, names) is cut out.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { ideaImages } from '../db/schema/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { sniff } from '../support/sniff.ts';
import { audit, ideaHead, ideaNotFound, ideaVisible, me, postingAllowed, requirePolicy, visibleCall } from './common.ts';
import { acceptsComments } from './phase.ts';
import { stripMetadata } from './strip.ts';

export const MAX_IDEA_IMAGES = 3;
export const MAX_IDEA_IMAGE_BYTES = 1_500_000;
const MAX_SIDE = 6_000;
const MAX_PIXELS = 24_000_000;
const PICTURES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export async function addIdeaImage(ctx: Ctx, callId: string, ideaId: string, file: { bytes: Uint8Array; name: string; alt: string }): Promise<string> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'idea_image', id: null });
	const userId = me(ctx);
	if (file.bytes.length > MAX_IDEA_IMAGE_BYTES) throw new Refusal(413, 'cocreation_image_too_large', 'file');
	const found = sniff(file.bytes, file.name);
	if (!found.ok) {
		const key = found.reason === 'pixels' ? 'cocreation_image_too_many_pixels' : found.reason === 'empty' ? 'cocreation_image_choose' : found.reason === 'damaged' ? 'cocreation_image_damaged' : 'cocreation_image_not_picture';
		await audit(ctx, ctx.db, 'cocreation.idea.image.refused', 'idea_image', isUuid(ideaId) ? ideaId : null, 'denied', { reason: found.reason, detected: found.detected.slice(0, 60) });
		throw new Refusal(400, key, 'file');
	}
	if (!PICTURES.has(found.mediaType)) throw new Refusal(400, 'cocreation_image_not_picture', 'file');
	const width = found.width ?? 0;
	const height = found.height ?? 0;
	if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) throw new Refusal(400, 'cocreation_image_too_many_pixels', 'file');
	const clean = stripMetadata(file.bytes, found.mediaType);
	if (!clean) throw new Refusal(400, 'cocreation_image_damaged', 'file');
	return ctx.db.transaction(async (tx) => {
		const c = await visibleCall(ctx, callId, tx);
		const i = await ideaHead(tx, c.id, ideaId, true);
		if (i.authorId !== userId) throw ideaNotFound();
		if (i.hiddenAt || i.status === 'withdrawn' || !acceptsComments(c.phase)) throw new Refusal(409, 'cocreation_image_closed');
		const [n] = await tx.select({ n: count() }).from(ideaImages).where(eq(ideaImages.ideaId, i.id));
		if (Number(n.n) >= MAX_IDEA_IMAGES) throw new Refusal(409, 'cocreation_image_limit', 'file');
		await postingAllowed(tx, 'image', userId);
		const [row] = await tx.insert(ideaImages).values({ ideaId: i.id, mediaType: found.mediaType, width, height, alt: file.alt, bytes: clean }).returning({ id: ideaImages.id });
		await audit(ctx, tx, 'cocreation.idea.image.add', 'idea_image', row.id, 'done', { ideaId: i.id, bytes: clean.length });
		return row.id;
	});
}

/** The author removes one of their idea's pictures. */
export async function removeIdeaImage(ctx: Ctx, callId: string, ideaId: string, imageId: string): Promise<void> {
	await requirePolicy(ctx, 'cocreation.participate', { type: 'platform' }, { type: 'idea_image', id: null });
	const userId = me(ctx);
	if (!isUuid(imageId)) throw new Refusal(404, 'cocreation_image_not_found');
	await ctx.db.transaction(async (tx) => {
		const c = await visibleCall(ctx, callId, tx);
		const i = await ideaHead(tx, c.id, ideaId);
		if (i.authorId !== userId) throw ideaNotFound();
		const gone = await tx.delete(ideaImages).where(and(eq(ideaImages.id, imageId), eq(ideaImages.ideaId, i.id))).returning({ id: ideaImages.id });
		if (!gone.length) throw new Refusal(404, 'cocreation_image_not_found');
		await audit(ctx, tx, 'cocreation.idea.image.remove', 'idea_image', imageId, 'done', { ideaId: i.id });
	});
}

/** A picture's bytes, for whoever may see its idea; a forged id of any part is a 404. */
export async function ideaImage(ctx: Ctx, callId: string, ideaId: string, imageId: string): Promise<{ bytes: Uint8Array; mediaType: string; public: boolean }> {
	await requirePolicy(ctx, 'cocreation.view', { type: 'platform' }, { type: 'idea_image', id: null });
	const c = await visibleCall(ctx, callId);
	const i = await ideaHead(ctx.db, c.id, ideaId);
	if (!ideaVisible(ctx, i) || !isUuid(imageId)) throw new Refusal(404, 'cocreation_image_not_found');
	const [img] = await ctx.db
		.select({ bytes: ideaImages.bytes, mediaType: ideaImages.mediaType })
		.from(ideaImages)
		.where(and(eq(ideaImages.id, imageId), eq(ideaImages.ideaId, i.id)))
		.orderBy(asc(ideaImages.createdAt));
	if (!img) throw new Refusal(404, 'cocreation_image_not_found');
	return { ...img, public: i.hiddenAt === null && i.status !== 'withdrawn' && c.publishedAt !== null };
}
