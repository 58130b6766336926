/**
 * Imports being written, so the page can show how far along they are. Kept
 * in this process's memory: the app runs as one process (docs/operations.md);
 * after a restart a job is unknown, and its transaction was rolled back.
 */
import { randomBytes } from 'node:crypto';
import type { Counts } from './validate.ts';

export interface Job {
	id: string;
	userId: string;
	organisationId: string;
	counts: Counts;
	total: number;
	done: number;
	state: 'running' | 'done' | 'failed';
	startedAt: number;
}

const KEEP_MS = 60 * 60 * 1000;
const jobs = new Map<string, Job>();

export function startJob(
	init: Pick<Job, 'userId' | 'organisationId' | 'counts' | 'total'>,
	run: (job: Job) => Promise<void>
): Job {
	const now = Date.now();
	for (const [id, j] of jobs) if (j.state !== 'running' && now - j.startedAt > KEEP_MS) jobs.delete(id);
	const job: Job = { ...init, id: randomBytes(16).toString('base64url'), done: 0, state: 'running', startedAt: now };
	jobs.set(job.id, job);
	void run(job);
	return job;
}

/** The job, only for the person who started it and its organisation. */
export function jobFor(id: string, userId: string, organisationId: string): Job | null {
	const job = jobs.get(id);
	return job && job.userId === userId && job.organisationId === organisationId ? job : null;
}
