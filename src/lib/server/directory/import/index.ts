/**
 * Import use cases: check an upload and keep it for confirmation (nothing
 * written), then write a confirmed one all at once. The route has already
 * passed orgGate(…, 'directory.import'); the policy is asked again here so
 * no other caller can skip it.
 */
import type { Ctx } from '../../context.ts';
import { log } from '../../log.ts';
import { can } from '../../policy/index.ts';
import { ImportRefused, readUpload } from './read.ts';
import { savePreview, takePreview } from './store.ts';
import { checkUpload, type Counts, type RowError } from './validate.ts';
import { writePlan } from './write.ts';
import { startJob, type Job } from './jobs.ts';

export { jobFor, type Job } from './jobs.ts';

export { ImportRefused, MAX_ROWS, MAX_UPLOAD_BYTES } from './read.ts';

export interface Preview {
	fileName: string;
	format: 'zip' | 'xlsx';
	counts: Counts;
	errors: RowError[];
	errorCount: number;
	ignored: string[];
	/** Present only when there is nothing to fix: the key of the confirmation. */
	token: string | null;
}

function userOf(ctx: Ctx, organisationId: string): string {
	if (ctx.actor.kind !== 'user' || can(ctx.actor, 'directory.import', { type: 'organisation', id: organisationId }) !== 'allowed') {
		throw new ImportRefused('exchange_err_token');
	}
	return ctx.actor.userId;
}

export async function previewImport(ctx: Ctx, organisationId: string, fileName: string, bytes: Uint8Array): Promise<Preview> {
	const userId = userOf(ctx, organisationId);
	const read = await readUpload(bytes, fileName);
	const checked = await checkUpload(ctx.db, organisationId, read.tables);
	const token =
		checked.errorCount === 0 ? await savePreview({ userId, organisationId, fileName, counts: checked.counts, plan: checked.plan }) : null;
	return { fileName, format: read.format, counts: checked.counts, errors: checked.errors, errorCount: checked.errorCount, ignored: read.ignored, token };
}

/**
 * Starts writing a confirmed preview and answers at once with the job that
 * does it (the page shows its progress); the writing itself is one
 * transaction, so the directory sees all of it or none of it.
 */
export async function confirmImport(ctx: Ctx, organisationId: string, token: string): Promise<Job> {
	const userId = userOf(ctx, organisationId);
	const stored = await takePreview(token, userId, organisationId);
	if (!stored) throw new ImportRefused('exchange_err_token');
	const p = stored.plan;
	const total =
		p.services.length + p.locations.length + p.serviceAtLocations.length + p.schedules.length + p.phones.length +
		p.contacts.length + p.costOptions.length + p.requiredDocuments.length + p.serviceAreas.length;
	return startJob({ userId, organisationId, counts: stored.counts, total }, async (job) => {
		try {
			await writePlan(
				{
					db: ctx.db,
					organisationId,
					userId,
					ip: ctx.ip,
					requestId: ctx.requestId,
					fileName: stored.fileName,
					onProgress: (done) => {
						job.done = done;
					}
				},
				stored.plan,
				stored.counts
			);
			job.state = 'done';
		} catch (err) {
			// The transaction rolled back: nothing of the file is in the directory.
			log.error({ err, organisationId }, 'directory import failed');
			job.state = 'failed';
		}
	});
}
