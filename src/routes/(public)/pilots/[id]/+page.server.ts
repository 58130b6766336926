import { authorize } from '#lib/server/http/guard.ts';
import { pilotPage } from '#lib/server/cocreation/results.ts';
import { loadUseCase } from '#lib/server/http/use-case.ts';
import { cityDate } from '#lib/server/city-time.ts';
import { pilotStatuses } from '#lib/server/db/schema/index.ts';
import type { PageServerLoad } from './$types';

/** A pilot's public status page: where it stands, and its dated updates. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'cocreation.view');
	return loadUseCase(event, async (ctx) => {
		const p = await pilotPage(ctx, event.params.id);
		return {
			pilot: { id: p.pilot.id, title: p.pilot.title, summary: p.pilot.summary, status: p.pilot.status, startedAt: cityDate(p.pilot.createdAt, ctx.locale) },
			idea: { id: p.pilot.ideaId, title: p.ideaTitle, callId: p.callId },
			organisation: p.organisation,
			updates: p.updates.map((u) => ({ ...u, createdAt: cityDate(u.createdAt, ctx.locale) })),
			statuses: pilotStatuses
		};
	});
};
