import { describe, expect, it } from 'vitest';
import { scheduleHousekeeping } from './housekeeping.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('scheduleHousekeeping', () => {
	it('runs once at once, then on every interval, and never after stop()', async () => {
		let calls = 0;
		const h = scheduleHousekeeping(async () => {
			calls++;
		}, 40);
		expect(calls).toBe(1); // started synchronously, before any interval
		await sleep(230);
		expect(calls).toBeGreaterThanOrEqual(3);
		await h.stop();
		const after = calls;
		await sleep(150);
		expect(calls).toBe(after);
		expect(h.runs()).toBe(after);
	});

	it('does not keep the process alive: its timer is unref’d', async () => {
		const before = timeouts();
		const h = scheduleHousekeeping(async () => {}, 60 * 60 * 1000);
		expect(timeouts()).toBe(before);
		await h.stop();
	});

	it('never overlaps runs, and stop() waits for the run in progress', async () => {
		let active = 0;
		let most = 0;
		let finished = 0;
		const h = scheduleHousekeeping(async () => {
			active++;
			most = Math.max(most, active);
			await sleep(80);
			active--;
			finished++;
		}, 10);
		await sleep(200);
		expect(most).toBe(1);
		await h.stop();
		expect(active).toBe(0);
		const done = finished;
		await sleep(100);
		expect(finished).toBe(done);
	});

	it('keeps going after a failed run', async () => {
		let calls = 0;
		const h = scheduleHousekeeping(async () => {
			calls++;
			if (calls === 1) throw new Error('database away');
		}, 30);
		await sleep(120);
		await h.stop();
		expect(calls).toBeGreaterThanOrEqual(2);
		expect(h.runs()).toBe(calls);
	});
});
