/**
 * Periodic clean-up of what expires on its own: sessions past their end and
 * rate-limit windows that closed long ago; and the directory's freshness
 * reminders, and volunteering's shift reminders and "we miss you" notes.
 * The server runs it once at start
 * and then every hour (scripts/server.ts); a failed run is logged and the
 * next one tries again.
 */
import type { Db } from '../db/index.ts';
import { log } from '../log.ts';
import { purgeOldLimits } from './ratelimit.ts';
import { purgeExpiredSessions } from './session.ts';
import { sendFreshnessReminders } from '../directory/freshness.ts';
import { sendTaskReminders } from '../support/tasks.ts';
import { sendReferralReminders } from '../referrals/reminders.ts';
import { anonymiseExpired } from '../support/erase.ts';
import { sendShiftReminders } from '../engagement/shifts.ts';
import { sendMissYouNotes } from '../engagement/retention.ts';
import { sendCheckInReminders } from '../buddies/pairs.ts';
import { sendActivityReminders } from '../activities/rsvp.ts';
import { sendDigests } from '../notifications/index.ts';

export const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;

export async function runHousekeeping(db: Db): Promise<void> {
	await purgeExpiredSessions(db);
	await purgeOldLimits(db);
	// Directory freshness: e-mails owners of services unconfirmed for 6 and 9 months.
	await sendFreshnessReminders(db, new Date());
	// Support folders: e-mails the assignee of each task that fell due, once.
	await sendTaskReminders(db, new Date());
	// Referrals: a reminder to the receiver and an escalation to the lead worker when no answer came in time.
	await sendReferralReminders(db, new Date());
	// Support folders: anonymise closed folders older than CONVIVE_RETENTION_YEARS (support/erase.ts).
	await anonymiseExpired(db, new Date());
	// Volunteering: a reminder the day before a confirmed shift; "we miss you" after three quiet months.
	await sendShiftReminders(db, new Date());
	await sendMissYouNotes(db, new Date());
	// Buddy programmes: a reminder to each side that has not answered a check-in that fell due.
	await sendCheckInReminders(db, new Date());
	// Neighbourhood activities: a reminder the day before to everyone going.
	await sendActivityReminders(db, new Date());
	// Co-creation: the daily digest of notifications.
	await sendDigests(db, new Date());
}

export interface Housekeeping {
	/** How many runs have finished (successfully or not). */
	runs(): number;
	/** Stops the timer and waits for a run in progress, so the database can be closed after. */
	stop(): Promise<void>;
}

/**
 * Runs `task` now and then every `everyMs`. The timer is unref'd (it never
 * keeps the process alive) and runs never overlap.
 */
export function scheduleHousekeeping(task: () => Promise<void>, everyMs = HOUSEKEEPING_EVERY_MS): Housekeeping {
	let running: Promise<void> | null = null;
	let finished = 0;
	let stopped = false;
	const tick = () => {
		if (stopped || running) return;
		running = task()
			.catch((err: unknown) => log.error({ err }, 'housekeeping failed'))
			.finally(() => {
				finished++;
				running = null;
			});
	};
	const timer = setInterval(tick, everyMs);
	timer.unref();
	tick();
	return {
		runs: () => finished,
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
		}
	};
}
