import { describe, expect, it } from 'vitest';
import { referralStates, type ReferralState } from '../db/schema/index.ts';
import { canMove, checkTransition, declineReasons, isOpen, nextStates, readDecline, transitionTo, transitions, writeDecline } from './transitions.ts';

describe('the transitions table', () => {
	it('allows exactly the moves of decision 016', () => {
		const allowed: string[] = [];
		for (const from of referralStates) for (const to of referralStates) if (canMove(from, to)) allowed.push(`${from}→${to}`);
		expect(allowed.sort()).toEqual(
			[
				'sent→accepted',
				'sent→declined',
				'sent→closed',
				'accepted→in_progress',
				'accepted→closed',
				'in_progress→completed',
				'in_progress→closed'
			].sort()
		);
	});

	it('has no way out of a final state, and none back to sent', () => {
		for (const final of ['declined', 'completed', 'closed'] as ReferralState[]) {
			expect(nextStates(final)).toEqual([]);
			expect(isOpen(final)).toBe(false);
		}
		expect(transitionTo('sent')).toBeNull();
		expect(referralStates.filter(isOpen)).toEqual(['sent', 'accepted', 'in_progress']);
	});

	it('gives responding to the receiver and closing to either side', () => {
		expect(Object.fromEntries(transitions.map((t) => [t.to, t.action]))).toEqual({
			accepted: 'referral.respond',
			declined: 'referral.respond',
			in_progress: 'referral.respond',
			completed: 'referral.respond',
			closed: 'referral.close'
		});
	});

	it('refuses out-of-order changes: completing a declined referral, accepting twice, starting before accepting', () => {
		expect(checkTransition('declined', 'completed', 'Housed')).toEqual({ ok: false, problem: 'not_allowed' });
		expect(checkTransition('accepted', 'accepted', null)).toEqual({ ok: false, problem: 'not_allowed' });
		expect(checkTransition('sent', 'in_progress', null)).toEqual({ ok: false, problem: 'not_allowed' });
		expect(checkTransition('sent', 'completed', 'Done')).toEqual({ ok: false, problem: 'not_allowed' });
		expect(checkTransition('closed', 'closed', 'again')).toEqual({ ok: false, problem: 'not_allowed' });
		expect(checkTransition('completed', 'in_progress', null)).toEqual({ ok: false, problem: 'not_allowed' });
	});

	it('asks a decline and a closure for a reason and a completion for an outcome; blank does not count', () => {
		expect(checkTransition('sent', 'declined', '')).toEqual({ ok: false, problem: 'needs_reason' });
		expect(checkTransition('sent', 'declined', '   ')).toEqual({ ok: false, problem: 'needs_reason' });
		expect(checkTransition('accepted', 'closed', null)).toEqual({ ok: false, problem: 'needs_reason' });
		expect(checkTransition('in_progress', 'completed', undefined)).toEqual({ ok: false, problem: 'needs_outcome' });
		expect(checkTransition('in_progress', 'completed', 'Found a room')).toMatchObject({ ok: true, transition: { to: 'completed' } });
		expect(checkTransition('sent', 'accepted', null)).toMatchObject({ ok: true, transition: { to: 'accepted', needs: null } });
	});
});

describe('decline reasons', () => {
	it('round-trips a code with and without a comment', () => {
		expect(writeDecline('no_capacity', '')).toBe('no_capacity');
		expect(writeDecline('no_capacity', ' Full until March ')).toBe('no_capacity: Full until March');
		for (const code of declineReasons) expect(readDecline(writeDecline(code, 'a: b'))).toEqual({ code, comment: 'a: b' });
		expect(readDecline('not_eligible')).toEqual({ code: 'not_eligible', comment: '' });
	});

	it('reads text that is not a known code as "other" with the whole text', () => {
		expect(readDecline('We are closed: sorry')).toEqual({ code: 'other', comment: 'We are closed: sorry' });
	});
});
