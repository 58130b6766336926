import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '#lib/server/context.ts';
import { authorize } from '#lib/server/http/guard.ts';
import { assignGuardian, endGuardianship } from '#lib/server/guardianship/assign.ts';
import { guardianDetail, recordVetting, setGuardianStatus } from '#lib/server/guardianship/guardians.ts';
import { assignableChildren } from '#lib/server/guardianship/monitoring.ts';
import { guardianshipForm, guardianshipLoad } from '#lib/server/guardianship/route.ts';
import { assignForm, endForm, statusForm, vettingForm } from '#lib/server/guardianship/schemas.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'guardianship.manage');
	return guardianshipLoad(event, async (ctx) => {
		const guardian = await guardianDetail(ctx, event.params.guardianId);
		return { guardian, children: guardian.status === 'active' && guardian.wards.length < 3 ? await assignableChildren(ctx) : [] };
	});
};

/**
 * One form of the page: the office's policy first (an outsider learns
 * nothing, not even whether the guardian exists), then the input, then the
 * use case, which answers 404 for a guardian that does not exist.
 */
const sub = <S extends z.ZodType>(section: string, schema: S, run: (ctx: Ctx, guardianId: string, data: z.infer<S>) => Promise<unknown>, success?: () => string) =>
	(event: RequestEvent) =>
		guardianshipForm(event, section, 'guardianship.manage', schema, (ctx, data) => run(ctx, (event.params as { guardianId?: string }).guardianId ?? '', data), success);

export const actions: Actions = {
	vetting: sub('vetting', vettingForm, (ctx, id, data) => recordVetting(ctx, id, data)),
	status: sub('status', statusForm, (ctx, id, data) => setGuardianStatus(ctx, id, data.status)),
	assign: sub('assign', assignForm, (ctx, id, data) => assignGuardian(ctx, id, data.childId), m.guardianship_assigned),
	end: sub('end', endForm, (ctx, id, data) => endGuardianship(ctx, id, data), m.guardianship_ended)
};
