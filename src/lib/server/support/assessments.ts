/**
 * Needs assessments: a moment at which the worker and the person score the
 * life domains from 1 (crisis) to 5 (thriving); repeated over time, they
 * show progress (src/lib/support/chart.ts draws it).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { assessments, assessmentScores, users } from '../db/schema/index.ts';
import type { LifeDomain } from '../db/schema/index.ts';
import { zonedInstant, localMoment } from '../../directory/hours.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit } from './folders.ts';
import { actorId, actorOrganisation, alreadyPosted, careRead, careWrite, folderPerson } from './care.ts';
import type { AssessmentInput } from './care-schemas.ts';

export interface AssessmentView {
	id: string;
	takenAt: Date;
	takenByName: string | null;
	comment: string | null;
	scores: Partial<Record<LifeDomain, number>>;
}

/** Every assessment of the person, oldest first, with its scores; audited as a read. */
export async function assessmentHistory(ctx: Ctx, personId: string): Promise<{ person: { id: string; preferredName: string }; assessments: AssessmentView[] }> {
	return careRead(ctx, personId, async (tx) => {
		const person = await folderPerson(tx, personId);
		const rows = await tx
			.select({ id: assessments.id, takenAt: assessments.takenAt, takenByName: users.displayName, comment: assessments.comment })
			.from(assessments)
			.leftJoin(users, eq(users.id, assessments.takenBy))
			.where(eq(assessments.personId, personId))
			.orderBy(asc(assessments.takenAt), asc(assessments.id));
		const scores = rows.length
			? await tx
					.select()
					.from(assessmentScores)
					.where(inArray(assessmentScores.assessmentId, rows.map((r) => r.id)))
			: [];
		await audit(ctx, tx, 'support.assessment.viewed', personId, 'done', { count: rows.length });
		return {
			person,
			assessments: rows.map((r) => ({
				...r,
				scores: Object.fromEntries(scores.filter((s) => s.assessmentId === r.id).map((s) => [s.domain, s.score]))
			}))
		};
	});
}

/**
 * When an assessment dated `takenOn` (a day in the city) was taken: now for
 * today, noon of that day for an earlier one. A day to come is refused.
 */
function takenAt(takenOn: string | null, now: Date): Date {
	if (!takenOn) return now;
	const today = localMoment(now).date;
	if (takenOn > today) throw new Refusal(400, 'care_date_in_future', 'takenOn');
	if (takenOn < '1990-01-01') throw new Refusal(400, 'care_date_invalid', 'takenOn');
	return takenOn === today ? now : zonedInstant(takenOn, 12 * 60);
}

/** Records an assessment; the same form posted twice records one. */
export async function recordAssessment(ctx: Ctx, personId: string, input: AssessmentInput): Promise<{ assessmentId: string | null; replayed: boolean }> {
	const action = 'support.assessment.recorded';
	return careWrite(ctx, personId, action, async (tx, facts) => {
		if (await alreadyPosted(ctx, tx, personId, action, input.formId)) return { assessmentId: null, replayed: true };
		const domains = Object.keys(input.scores) as LifeDomain[];
		if (domains.length === 0) throw new Refusal(400, 'care_score_at_least_one', 'score_housing');
		const [row] = await tx
			.insert(assessments)
			.values({
				personId,
				takenAt: takenAt(input.takenOn, new Date()),
				takenBy: actorId(ctx),
				organisationId: actorOrganisation(ctx, facts),
				comment: input.comment || null
			})
			.returning({ id: assessments.id });
		await tx.insert(assessmentScores).values(domains.map((d) => ({ assessmentId: row.id, domain: d, score: input.scores[d]! })));
		await audit(ctx, tx, action, personId, 'done', { assessmentId: row.id, domains: domains.length, formId: input.formId });
		return { assessmentId: row.id, replayed: false };
	});
}
