import { fail, redirect } from '@sveltejs/kit';
import { ctxFrom } from '#lib/server/context.ts';
import { readForm } from '#lib/server/http/form.ts';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { refusalFail } from '#lib/server/http/refusal.ts';
import { setSessionCookie } from '#lib/server/http/session-cookie.ts';
import { acceptInvitation, invitationsForMe } from '#lib/server/organisations/invitations.ts';
import { myOrganisations } from '#lib/server/organisations/organisations.ts';
import { invitationIdForm } from '#lib/server/organisations/schemas.ts';
import { can } from '#lib/server/policy/index.ts';
import { myGuardian } from '#lib/server/guardianship/guardians.ts';
import { assembliesIRun } from '#lib/server/assemblies/assemblies.ts';
import { myJuries } from '#lib/server/cocreation/jury.ts';
import { unreadCount } from '#lib/server/notifications/index.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'workspace.view');
	const ctx = await ctxFrom(event);
	const [organisations, invitations] = await Promise.all([myOrganisations(ctx), invitationsForMe(ctx)]);
	const admin = can(ctx.actor, 'platform.admin.view');
	return {
		displayName: event.locals.session?.displayName ?? '',
		organisations,
		invitations,
		staff: admin === 'allowed' || admin === 'second_factor_required',
		/** Support folders: for those who may open folders for one of their organisations. */
		folders: [...(ctx.actor.kind === 'user' ? ctx.actor.memberships.keys() : [])].some(
			(id) => can(ctx.actor, 'folder.create', { type: 'organisation', id }) !== 'denied'
		),
		/** Referrals: the inbox for those who work on folders in an organisation; the statistics for its owners, coordinators and city staff. */
		referrals: {
			inbox: [...(ctx.actor.kind === 'user' ? ctx.actor.memberships.keys() : [])].some((id) => can(ctx.actor, 'referral.inbox', { type: 'organisation', id }) !== 'denied'),
			stats:
				can(ctx.actor, 'platform.stats.view') === 'allowed' ||
				[...(ctx.actor.kind === 'user' ? ctx.actor.memberships.keys() : [])].some((id) => can(ctx.actor, 'referral.stats', { type: 'organisation', id }) === 'allowed')
		},
		/** Guardianship track: the office's monitoring page; a guardian's own page (or the offer to become one). */
		guardianship: { office: can(ctx.actor, 'guardianship.manage') !== 'denied', guardian: (await myGuardian(ctx)) !== null },
		/** Assemblies: the city's staff manage them all; a chair or secretary runs their own. */
		assemblies: { manage: can(ctx.actor, 'assemblies.manage') !== 'denied', mine: await assembliesIRun(ctx) },
		/** Privacy track: the support statistics (small counts suppressed) for city staff and evaluators. */
		supportStats: can(ctx.actor, 'support.stats.view') === 'allowed',
		/** Validation panels (issue 7): city staff who run them (the page asks for the second factor). */
		panels: can(ctx.actor, 'panels.manage') !== 'denied',
		/** Surveys: the city's staff run them; evaluators read their results. */
		surveys: can(ctx.actor, 'surveys.results') === 'allowed',
		/** Co-creation: the staff running calls and moderating, and jurors; everyone's notifications. */
		cocreation: can(ctx.actor, 'cocreation.manage') !== 'denied' || (await myJuries(ctx)).length > 0,
		unreadNotifications: ctx.actor.kind === 'user' ? await unreadCount(ctx.db, ctx.actor.userId) : 0,
		/** Directory track: the staff views of the directory (stale records, ecosystem map). */
		directory: {
			stale: can(ctx.actor, 'directory.staff') === 'allowed',
			map: can(ctx.actor, 'directory.map.view') === 'allowed'
		}
	};
};

export const actions: Actions = {
	/** Accepting an invitation to one's own verified address, without the link. */
	accept: async (event) => {
		requireUser(event);
		await authorize(event, 'invitation.accept');
		const form = await readForm(event.request, invitationIdForm);
		if (!form.ok) return fail(form.status, { values: form.values, errors: form.errors, message: form.message });
		const session = event.locals.session;
		if (!session) redirect(303, '/signin?next=/app');
		let organisationId: string;
		try {
			const done = await acceptInvitation(await ctxFrom(event), { invitationId: form.data.invitationId }, session.sessionId);
			setSessionCookie(event, done.session);
			organisationId = done.organisationId;
		} catch (err) {
			return refusalFail(err, form.values);
		}
		redirect(303, `/app/organisations/${organisationId}?joined=1`);
	}
};
