/**
 * Access matrix entries of the support folder's closed-loop referrals, the inbox, case transfer (issue 4):
 * GET routes, records whose existence is private, and form actions posted
 * empty. Spread into matrix.ts.
 *
 * The fixture referral goes from the other organisation's folder (its owner
 * leads it) to `org`'s service: `org`'s owner, coordinator and case worker
 * receive it (and still may not open the folder); the other organisation's
 * owner sent it and sees it through the folder.
 */
import { byRole, folderWorkers, type Expect, type RouteEntry } from '../expect.ts';
import type { Role } from '../fixtures.ts';

/** Who works on `org`'s referral inbox, and the sender's organisation owner. */
const inboxPeople = byRole('forbidden', 'signin', { owner: 'ok', coordinator: 'ok', case_worker: 'ok', other_org_owner: 'ok', owner_without_second_factor: '2fa' });
/** Statistics: an organisation's owners and coordinators, and city staff (no personal data: no second factor asked). */
const statsReaders = byRole('forbidden', 'signin', {
	owner: 'ok',
	coordinator: 'ok',
	other_org_owner: 'ok',
	owner_without_second_factor: 'ok',
	admin: 'ok',
	admin_without_second_factor: 'ok',
	integration_officer: 'ok',
	evaluator: 'ok'
});
/** The fixture referral: the receiving organisation's workers and the sending organisation's owner. */
const referralViewers = inboxPeople;
/** Responding (accept, decline, start, complete): the receiver only; the sender is refused before the form is read. */
const responders = (allowed: Expect): Record<Role, Expect> => ({ ...referralViewers, owner: allowed, coordinator: allowed, case_worker: allowed, other_org_owner: 'forbidden' });
/** Closing: either side. */
const closers = (allowed: Expect): Record<Role, Expect> => ({ ...referralViewers, owner: allowed, coordinator: allowed, case_worker: allowed, other_org_owner: allowed });

export function routes(): Record<string, RouteEntry> {
	return {
		'/app/folders/[personId]/referrals': { path: (f) => `/app/folders/${f.folder.id}/referrals`, expect: folderWorkers('ok', 'forbidden') },
		// The lead worker (the case worker) and the coordinators and owners of the lead's organisation.
		'/app/folders/[personId]/transfer': { path: (f) => `/app/folders/${f.folder.id}/transfer`, expect: folderWorkers('ok', 'forbidden') },
		'/app/referrals': { path: () => '/app/referrals', expect: inboxPeople },
		'/app/referrals/stats': { path: () => '/app/referrals/stats', expect: statsReaders },
		'/app/referrals/[referralId]': { path: (f) => `/app/referrals/${f.referral.id}`, expect: referralViewers }
	};
}

export function privateRoutes(): Record<string, RouteEntry> {
	return {
		'/app/referrals/[referralId] (forged id)': { path: () => '/app/referrals/00000000-0000-4000-8000-000000000000', expect: byRole('forbidden', 'signin') },
		'/app/referrals/[referralId] (not a uuid)': { path: () => "/app/referrals/1'%20or%201=1--", expect: byRole('forbidden', 'signin') },
		// The sending folder is the other organisation's: receiving its referral opens nothing of it.
		'/app/folders/[personId]/referrals (another organisation)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/referrals`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'ok' })
		},
		'/app/folders/[personId]/transfer (another organisation)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/transfer`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'ok' })
		},
		// An inbox asked for by id: one's own (the unverified organisation's workers), or one that does not exist.
		'/app/referrals?organisation= (named in the address)': {
			path: (f) => `/app/referrals?organisation=${f.unverifiedOrg.id}`,
			expect: byRole('forbidden', 'signin', { owner: 'ok', coordinator: 'ok', case_worker: 'ok', owner_without_second_factor: '2fa' })
		},
		'/app/referrals?organisation= (forged id)': { path: () => '/app/referrals?organisation=00000000-0000-4000-8000-000000000000', expect: byRole('forbidden', 'signin') },
		'/app/referrals/stats?organisation= (forged id)': {
			path: () => '/app/referrals/stats?organisation=00000000-0000-4000-8000-000000000000',
			expect: byRole('forbidden', 'signin')
		}
	};
}

export function actions(): Record<string, RouteEntry> {
	const out: Record<string, RouteEntry> = {
		'/app/folders/[personId]/referrals ?/create': { path: (f) => `/app/folders/${f.folder.id}/referrals?/create`, expect: folderWorkers('invalid', 'forbidden') },
		'/app/folders/[personId]/referrals ?/create (another organisation)': {
			path: (f) => `/app/folders/${f.otherFolder.id}/referrals?/create`,
			expect: byRole('forbidden', 'signin', { other_org_owner: 'invalid' })
		},
		'/app/folders/[personId]/transfer ?/transfer': { path: (f) => `/app/folders/${f.folder.id}/transfer?/transfer`, expect: folderWorkers('invalid', 'forbidden') }
	};
	for (const a of ['accept', 'decline', 'start', 'complete']) {
		out[`/app/referrals/[referralId] ?/${a}`] = { path: (f) => `/app/referrals/${f.referral.id}?/${a}`, expect: responders('invalid') };
	}
	out['/app/referrals/[referralId] ?/close'] = { path: (f) => `/app/referrals/${f.referral.id}?/close`, expect: closers('invalid') };
	out['/app/referrals/[referralId] ?/accept (forged id)'] = { path: () => '/app/referrals/00000000-0000-4000-8000-000000000000?/accept', expect: byRole('forbidden', 'signin') };
	return out;
}
