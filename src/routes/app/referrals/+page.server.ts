import { folderLoad } from '#lib/server/support/route.ts';
import { Refusal } from '#lib/server/organisations/errors.ts';
import { can } from '#lib/server/policy/index.ts';
import { inboxOrganisations, referralInbox } from '#lib/server/referrals/inbox.ts';
import { inboxQuery } from '#lib/server/referrals/schemas.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) =>
	folderLoad(event, async (ctx) => {
		const organisations = await inboxOrganisations(ctx);
		const q = inboxQuery.parse(Object.fromEntries(event.url.searchParams));
		const organisationId = q.organisation ?? organisations[0]?.id;
		if (!organisationId) throw new Refusal(403, 'referrals_inbox_forbidden');
		const inbox = await referralInbox(ctx, organisationId, { state: q.state ?? null, page: q.page ?? 1 });
		return { organisations, inbox, canStats: can(ctx.actor, 'referral.stats', { type: 'organisation', id: organisationId }) === 'allowed' };
	});
