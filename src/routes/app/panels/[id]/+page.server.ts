import { redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { createDraft } from '#lib/server/panels/drafts.ts';
import { getPanel, invite, recordCompensation, removeMember, searchPool } from '#lib/server/panels/panels.ts';
import { money, panelsForm, panelsLoad } from '#lib/server/panels/route.ts';
import { compensationForm, draftForm, inviteForm, memberForm, poolQuery } from '#lib/server/panels/schemas.ts';
import { cityToday } from '#lib/server/guardianship/age.ts';
import type { Actions, PageServerLoad } from './$types';

/** A panel: coverage, members, the filtered pool (and suggestions), vouchers, drafts. */
export const load: PageServerLoad = (event) =>
	panelsLoad(event, 'panels.manage', async (ctx) => {
		const q = poolQuery.parse(Object.fromEntries(event.url.searchParams));
		const panel = await getPanel(ctx, event.params.id);
		const pool = await searchPool(ctx, panel.id, q);
		return {
			panel,
			query: q,
			today: cityToday(),
			pool,
			compensations: panel.compensations.map((c) => ({ ...c, shown: money(c.amountCents, c.currency, ctx.locale) })),
			totals: panel.totals.map((t) => ({ ...t, shown: money(t.amountCents, t.currency, ctx.locale) }))
		};
	});

export const actions: Actions = {
	invite: (event) => panelsForm(event, 'invite', 'panels.manage', inviteForm, (ctx, d) => invite(ctx, event.params.id, d.userIds), (r) => m.panels_invited({ count: String(r.invited) })),
	remove: (event) => panelsForm(event, 'members', 'panels.manage', memberForm, (ctx, d) => removeMember(ctx, event.params.id, d.memberId), () => m.panels_member_removed()),
	compensate: (event) => panelsForm(event, 'compensate', 'panels.manage', compensationForm, (ctx, d) => recordCompensation(ctx, event.params.id, d), () => m.panels_compensation_recorded()),
	draft: async (event) => {
		let id = '';
		const reply = await panelsForm(event, 'draft', 'panels.manage', draftForm, async (ctx, d, files) => {
			({ id } = await createDraft(ctx, event.params.id, d, files.image ?? []));
		});
		if (id) redirect(303, `/app/panels/${event.params.id}/drafts/${id}`);
		return reply;
	}
};
