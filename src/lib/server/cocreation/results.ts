/**
 * Results and pilots (issue 7): the staff select ideas, or not, each with a
 * reason; publishing the results makes the choices and reasons public and
 * tells every author. A selected idea becomes a pilot with a public status
 * page and dated updates, which its author and supporters follow.
 */
import { and, asc, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { calls, ideas, ideaSupports, organisations, pilots, pilotUpdates, type PilotStatus } from '../db/schema/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { notify, notifyAll } from '../notifications/index.ts';
import { audit, callHead, ideaHead, me, requirePolicy, visibleCall } from './common.ts';
import { acceptsDecisions, acceptsPublishing, phaseOf } from './phase.ts';

const manage = (ctx: Ctx, id: string | null) => requirePolicy(ctx, 'cocreation.manage', { type: 'platform' }, { type: 'call', id: id && isUuid(id) ? id : null });

/** Selected or not, with the reason that will be published. */
export async function decideIdea(ctx: Ctx, callId: string, d: { ideaId: string; status: 'selected' | 'not_selected'; reason: string }): Promise<void> {
	await manage(ctx, callId);
	await ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, callId, true);
		if (c.resultsPublishedAt) throw new Refusal(409, 'cocreation_results_already_published');
		if (!acceptsDecisions(phaseOf(c))) throw new Refusal(409, 'cocreation_decisions_closed');
		const i = await ideaHead(tx, c.id, d.ideaId, true);
		if (i.status === 'withdrawn' || i.hiddenAt) throw new Refusal(409, 'cocreation_idea_not_decidable');
		await tx.update(ideas).set({ status: d.status, resultReason: d.reason, updatedAt: new Date() }).where(eq(ideas.id, i.id));
		await audit(ctx, tx, 'cocreation.idea.decide', 'idea', i.id, 'done', { status: d.status });
	});
}

/**
 * Publishes the results: every idea still "submitted" becomes "not selected"
 * (with the generic reason the staff give), and every author is told.
 */
export async function publishResults(ctx: Ctx, callId: string, defaultReason: string): Promise<number> {
	await manage(ctx, callId);
	return ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, callId, true);
		if (c.resultsPublishedAt) throw new Refusal(409, 'cocreation_results_already_published');
		if (!acceptsPublishing(phaseOf(c))) throw new Refusal(409, 'cocreation_results_too_early');
		const [sel] = await tx.select({ n: sql<number>`count(*)::int` }).from(ideas).where(and(eq(ideas.callId, c.id), eq(ideas.status, 'selected')));
		if (Number(sel.n) === 0) throw new Refusal(409, 'cocreation_results_none_selected');
		await tx
			.update(ideas)
			.set({ status: 'not_selected', resultReason: defaultReason, updatedAt: new Date() })
			.where(and(eq(ideas.callId, c.id), eq(ideas.status, 'submitted')));
		await tx.update(calls).set({ resultsPublishedAt: new Date(), updatedAt: new Date() }).where(eq(calls.id, c.id));
		const authors = await tx
			.select({ ideaId: ideas.id, authorId: ideas.authorId, title: ideas.title, status: ideas.status })
			.from(ideas)
			.where(and(eq(ideas.callId, c.id), isNotNull(ideas.authorId), ne(ideas.status, 'withdrawn')));
		for (const a of authors) {
			const title = a.title;
			const selected = a.status === 'selected';
			await notify(
				tx,
				{ userId: a.authorId!, kind: 'call_results', title: (locale) => (selected ? m.notify_results_selected({ title }, { locale }) : m.notify_results_not_selected({ title }, { locale })), link: `/calls/${c.id}/ideas/${a.ideaId}` },
				ctx.origin
			);
		}
		await audit(ctx, tx, 'cocreation.results.publish', 'call', c.id, 'done', { selected: Number(sel.n) });
		return Number(sel.n);
	});
}

/** A selected idea of a call whose results are out becomes a pilot. */
export async function createPilot(ctx: Ctx, callId: string, d: { ideaId: string; title: string; summary: string; organisationId: string | null }): Promise<string> {
	await manage(ctx, callId);
	return ctx.db.transaction(async (tx) => {
		const c = await callHead(tx, callId);
		const i = await ideaHead(tx, c.id, d.ideaId, true);
		if (!c.resultsPublishedAt || i.status !== 'selected') throw new Refusal(409, 'cocreation_pilot_needs_selected');
		if (d.organisationId) {
			const [o] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, d.organisationId));
			if (!o) throw new Refusal(400, 'field_invalid_choice', 'organisationId');
		}
		const made = await tx.insert(pilots).values({ ideaId: i.id, title: d.title, summary: d.summary, organisationId: d.organisationId }).onConflictDoNothing().returning({ id: pilots.id });
		if (!made.length) throw new Refusal(409, 'cocreation_pilot_exists');
		await audit(ctx, tx, 'cocreation.pilot.create', 'pilot', made[0].id, 'done', { ideaId: i.id });
		return made[0].id;
	});
}

/** A dated update of a pilot's status; the idea's author and supporters are told. */
export async function updatePilot(ctx: Ctx, callId: string, pilotId: string, d: { status: PilotStatus; body: string }): Promise<void> {
	await manage(ctx, null);
	if (!isUuid(pilotId)) throw new Refusal(404, 'cocreation_pilot_not_found');
	await ctx.db.transaction(async (tx) => {
		const [p] = await tx.select({ id: pilots.id, ideaId: pilots.ideaId, title: pilots.title, callId: ideas.callId, authorId: ideas.authorId }).from(pilots).innerJoin(ideas, eq(ideas.id, pilots.ideaId)).where(eq(pilots.id, pilotId)).for('update');
		if (!p || p.callId !== callId) throw new Refusal(404, 'cocreation_pilot_not_found');
		await tx.insert(pilotUpdates).values({ pilotId: p.id, status: d.status, body: d.body, authorId: me(ctx) });
		await tx.update(pilots).set({ status: d.status, updatedAt: new Date() }).where(eq(pilots.id, p.id));
		await audit(ctx, tx, 'cocreation.pilot.update', 'pilot', p.id, 'done', { status: d.status });
		const supporters = await tx.select({ userId: ideaSupports.userId }).from(ideaSupports).where(eq(ideaSupports.ideaId, p.ideaId)).limit(5000);
		const title = p.title;
		await notifyAll(tx, [...(p.authorId ? [p.authorId] : []), ...supporters.map((s) => s.userId)], { kind: 'pilot_update', title: (locale) => m.notify_pilot_update({ title }, { locale }), link: `/pilots/${p.id}` }, ctx.origin);
	});
}

/** A pilot's public page: the idea it came from, its status and its updates. */
export async function pilotPage(ctx: Ctx, pilotId: string) {
	await requirePolicy(ctx, 'cocreation.view', { type: 'platform' }, { type: 'pilot', id: isUuid(pilotId) ? pilotId : null });
	if (!isUuid(pilotId)) throw new Refusal(404, 'cocreation_pilot_not_found');
	const [p] = await ctx.db
		.select({ pilot: pilots, ideaTitle: ideas.title, callId: ideas.callId, organisation: organisations.name })
		.from(pilots)
		.innerJoin(ideas, eq(ideas.id, pilots.ideaId))
		.leftJoin(organisations, eq(organisations.id, pilots.organisationId))
		.where(and(eq(pilots.id, pilotId), isNull(ideas.hiddenAt)));
	if (!p) throw new Refusal(404, 'cocreation_pilot_not_found');
	await visibleCall(ctx, p.callId);
	const updates = await ctx.db
		.select({ id: pilotUpdates.id, status: pilotUpdates.status, body: pilotUpdates.body, createdAt: pilotUpdates.createdAt })
		.from(pilotUpdates)
		.where(eq(pilotUpdates.pilotId, p.pilot.id))
		.orderBy(desc(pilotUpdates.createdAt), desc(pilotUpdates.id))
		.limit(200);
	return { ...p, updates };
}

/** Every pilot, for the public list. */
export async function listPilots(ctx: Ctx) {
	await requirePolicy(ctx, 'cocreation.view', { type: 'platform' }, { type: 'pilot', id: null });
	return ctx.db
		.select({ id: pilots.id, title: pilots.title, status: pilots.status, summary: pilots.summary, ideaId: pilots.ideaId, callId: ideas.callId, callTitle: calls.title, organisation: organisations.name, updatedAt: pilots.updatedAt })
		.from(pilots)
		.innerJoin(ideas, eq(ideas.id, pilots.ideaId))
		.innerJoin(calls, eq(calls.id, ideas.callId))
		.leftJoin(organisations, eq(organisations.id, pilots.organisationId))
		.where(and(isNull(ideas.hiddenAt), isNotNull(calls.publishedAt)))
		.orderBy(asc(pilots.title))
		.limit(500);
}

