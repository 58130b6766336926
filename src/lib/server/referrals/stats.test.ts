import { describe, expect, it } from 'vitest';
import type { DeclineReason } from './transitions.ts';
import { publish } from './stats.ts';

const row = (name: string, n: { total: number; accepted: number; finished: number; completed: number; declined: number; median?: number }, reasons: [DeclineReason, number][] = []) => ({
	serviceId: name,
	name,
	median: n.median ?? 3600,
	...n,
	reasons: new Map(reasons)
});
const sum = (rows: ReturnType<typeof row>[]) => {
	const r = rows.reduce(
		(a, b) => ({ total: a.total + b.total, accepted: a.accepted + b.accepted, finished: a.finished + b.finished, completed: a.completed + b.completed, declined: a.declined + b.declined }),
		{ total: 0, accepted: 0, finished: 0, completed: 0, declined: 0 }
	);
	const reasons = new Map<DeclineReason, number>();
	for (const x of rows) for (const [k, v] of x.reasons) reasons.set(k, (reasons.get(k) ?? 0) + v);
	return { ...row('', r), serviceId: null, reasons };
};

describe('publishing referral statistics', () => {
	it('shows counts of 5 or more, the median over 5 or more acceptances, and the share completed', () => {
		const a = row('Shelter', { total: 20, accepted: 12, finished: 10, completed: 6, declined: 5, median: 7200 }, [['not_eligible', 5]]);
		const b = row('Legal', { total: 30, accepted: 25, finished: 20, completed: 15, declined: 5 }, [['no_capacity', 5]]);
		const out = publish(sum([a, b]), [a, b]);
		expect(out.services[0]).toMatchObject({ total: 20, accepted: 12, medianSecondsToAccept: 7200, finished: 10, completed: 6, shareCompleted: 0.6, declined: 5, reasons: [{ reason: 'not_eligible', count: 5 }] });
		expect(out.services[1]).toMatchObject({ total: 30, declined: 5, reasons: [{ reason: 'no_capacity', count: 5 }] });
		expect(out.all).toMatchObject({ total: 50, accepted: 37, finished: 30, completed: 21, declined: 10 });
	});

	it('counts a zero as under 5, and hides what would give it away, down the chain of sums', () => {
		// Shelter declined none; all services declined 5, all "no capacity", all at Legal: 5 − 5 would say 0.
		const a = row('Shelter', { total: 20, accepted: 12, finished: 10, completed: 6, declined: 0 });
		const b = row('Legal', { total: 30, accepted: 25, finished: 20, completed: 15, declined: 5 }, [['no_capacity', 5]]);
		const out = publish(sum([a, b]), [a, b]);
		expect(out.services[0].declined).toBe('few');
		expect(out.all.declined).toBe('hidden');
		expect(out.all.reasons).toEqual([{ reason: 'no_capacity', count: 'hidden' }]);
		expect(out.services[1]).toMatchObject({ declined: 'hidden', reasons: [{ reason: 'no_capacity', count: 'hidden' }] });
		expect(out.services[1]).toMatchObject({ total: 30, accepted: 25, completed: 15 });
	});

	it('says "fewer than 5" for every count under 5, zero included, and hides what is computed from it', () => {
		const a = row('Shelter', { total: 9, accepted: 4, finished: 8, completed: 0, declined: 3 }, [['not_eligible', 3]]);
		const out = publish(sum([a]), [a]);
		expect(out.services[0]).toMatchObject({ total: 9, accepted: 'few', medianSecondsToAccept: null, completed: 'few', shareCompleted: null, declined: 'few' });
		expect(out.services[0].reasons).toEqual([{ reason: 'not_eligible', count: 'few' }]);
	});

	it('hides every figure of a service with fewer than 5 referrals', () => {
		const a = row('Tiny', { total: 4, accepted: 4, finished: 4, completed: 4, declined: 0 }, []);
		const b = row('Big', { total: 40, accepted: 30, finished: 30, completed: 20, declined: 6 }, [['no_capacity', 6]]);
		const out = publish(sum([a, b]), [a, b]);
		expect(out.services[0]).toMatchObject({ total: 'few', accepted: 'few', finished: 'few', completed: 'few', declined: 'few', medianSecondsToAccept: null, shareCompleted: null, reasons: [] });
	});

	it('hides a total that would give away a hidden service figure, and says "not shown", not "fewer than 5"', () => {
		const a = row('Tiny', { total: 4, accepted: 2, finished: 2, completed: 1, declined: 1 }, [['no_capacity', 1]]);
		const b = row('Big', { total: 40, accepted: 30, finished: 30, completed: 20, declined: 6 }, [['no_capacity', 6]]);
		const out = publish(sum([a, b]), [a, b]);
		// 44 − 40 would be Tiny's 4: the all-services figures go, Big's stay.
		expect(out.all).toMatchObject({ total: 'hidden', accepted: 'hidden', finished: 'hidden', completed: 'hidden', declined: 'hidden', medianSecondsToAccept: null, shareCompleted: null });
		expect(out.all.reasons).toEqual([{ reason: 'no_capacity', count: 'hidden' }]);
		expect(out.services[1]).toMatchObject({ total: 40, accepted: 30, declined: 6, reasons: [{ reason: 'no_capacity', count: 6 }] });
	});

	it('never leaves one hidden term in a sum, also between a service’s declines and its reasons', () => {
		// Declines 7 = 5 "no capacity" + 2 "duplicate": the 5 would give the 2 away, so the smallest visible reason goes.
		const a = row('Shelter', { total: 30, accepted: 10, finished: 20, completed: 10, declined: 7 }, [['no_capacity', 5], ['duplicate', 2]]);
		const b = row('Legal', { total: 30, accepted: 10, finished: 20, completed: 10, declined: 6 }, [['no_capacity', 6]]);
		const out = publish(sum([a, b]), [a, b]);
		const shown = [out.all, ...out.services];
		const reasonsOf = (i: number) => Object.fromEntries(shown[i].reasons.map((r) => [r.reason, r.count]));
		// In each sum, the number of hidden terms is never exactly one.
		const hiddenIn = (cells: unknown[]) => cells.filter((c) => c === 'few' || c === 'hidden').length;
		expect(hiddenIn([shown[1].declined, ...Object.values(reasonsOf(1))])).not.toBe(1);
		expect(hiddenIn([reasonsOf(0).duplicate, reasonsOf(1).duplicate])).not.toBe(1);
		expect(hiddenIn([reasonsOf(0).no_capacity, reasonsOf(1).no_capacity, reasonsOf(2).no_capacity])).not.toBe(1);
		expect(hiddenIn([shown[0].declined, shown[1].declined, shown[2].declined])).not.toBe(1);
		expect(reasonsOf(1).duplicate).toBe('few');
	});

	it('publishes an organisation with no referral at all as fewer than 5 everywhere', () => {
		const out = publish(sum([]), []);
		expect(out.services).toEqual([]);
		expect(out.all).toMatchObject({ total: 'few', accepted: 'few', finished: 'few', completed: 'few', declined: 'few', reasons: [] });
	});
});
