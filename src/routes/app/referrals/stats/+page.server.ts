import { folderLoad } from '#lib/server/support/route.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import { can } from '#lib/server/policy/index.ts';
import { referralStats, statsOrganisations } from '#lib/server/referrals/stats.ts';
import { inboxQuery } from '#lib/server/referrals/schemas.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const staff = can(ctx.actor, 'platform.stats.view') === 'allowed';
		const organisations = await statsOrganisations(ctx);
		const chosen = inboxQuery.parse(Object.fromEntries(event.url.searchParams)).organisation ?? organisations[0]?.id;
		if (!chosen) {
			if (staff) return { organisations, stats: null };
			throw new Refusal(403, 'referrals_stats_forbidden');
		}
		return { organisations, stats: await referralStats(ctx, chosen) };
	});
