/**
 * Tasks and reminders in a folder: a title, a due time, a worker of the team
 * it is for, done or not. When a task falls due its assignee gets one e-mail
 * (`reminder_sent_at` keeps it to one), from the hourly housekeeping; the
 * e-mail names neither the person nor the task, only where to look.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import { config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { memberships, people, tasks, users } from '../db/schema/index.ts';
import { record } from '../audit/index.ts';
import { sendEmail } from '../email/index.ts';
import { mailLocale } from '../organisations/mail.ts';
import { Refusal } from '../organisations/errors.ts';
import { can, type SignedInActor } from '../policy/index.ts';
import { zonedInstant } from '../../directory/hours.ts';
import { formatDateTime } from '../../directory/labels.ts';
import { audit, loadFolderFactsMany } from './folders.ts';
import { actorId, actorOrganisation, alreadyPosted, careRead, careWrite, folderPerson, folderWorkers, requireWorker } from './care.ts';
import type { TaskDoneInput, TaskInput } from './care-schemas.ts';

export interface TaskView {
	id: string;
	title: string;
	dueAt: Date | null;
	assigneeId: string | null;
	assigneeName: string | null;
	doneAt: Date | null;
	doneByName: string | null;
}

/** Done tasks shown under the open ones (the timeline keeps them all). */
export const DONE_SHOWN = 20;

/** The open tasks (soonest first, undated last), the latest done ones, and the team's workers; audited. */
export async function listTasks(ctx: Ctx, personId: string) {
	return careRead(ctx, personId, async (tx) => {
		const person = await folderPerson(tx, personId);
		const doneBy = sql<string | null>`(select display_name from users d where d.id = ${tasks.doneBy})`;
		const columns = {
			id: tasks.id,
			title: tasks.title,
			dueAt: tasks.dueAt,
			assigneeId: tasks.assigneeId,
			assigneeName: users.displayName,
			doneAt: tasks.doneAt,
			doneByName: doneBy
		};
		const open = await tx
			.select(columns)
			.from(tasks)
			.leftJoin(users, eq(users.id, tasks.assigneeId))
			.where(and(eq(tasks.personId, personId), isNull(tasks.doneAt)))
			.orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt), asc(tasks.id));
		const done = await tx
			.select(columns)
			.from(tasks)
			.leftJoin(users, eq(users.id, tasks.assigneeId))
			.where(and(eq(tasks.personId, personId), isNotNull(tasks.doneAt)))
			.orderBy(desc(tasks.doneAt), desc(tasks.id))
			.limit(DONE_SHOWN);
		const workers = await folderWorkers(tx, personId);
		await audit(ctx, tx, 'support.tasks.viewed', personId, 'done', { open: open.length });
		return { person, workers, open: open as TaskView[], done: done as TaskView[] };
	});
}

/** 09:00 in the city when only a day is given. */
export function dueInstant(dueOn: string | null, dueTime: string | null): Date | null {
	if (!dueOn) return null;
	const [h, min] = (dueTime ?? '09:00').split(':').map(Number);
	return zonedInstant(dueOn, h * 60 + min);
}

/** Adds a task; the same form posted twice adds one. */
export async function addTask(ctx: Ctx, personId: string, input: TaskInput): Promise<{ taskId: string | null; replayed: boolean }> {
	const action = 'support.task.added';
	return careWrite(ctx, personId, action, async (tx, facts) => {
		if (await alreadyPosted(ctx, tx, personId, action, input.formId)) return { taskId: null, replayed: true };
		if (input.assigneeId) await requireWorker(tx, personId, input.assigneeId, 'care_assignee_not_on_team', 'assigneeId');
		if (input.dueOn && (input.dueOn < '2000-01-01' || input.dueOn > '2100-12-31')) throw new Refusal(400, 'care_date_invalid', 'dueOn');
		const [row] = await tx
			.insert(tasks)
			.values({
				personId,
				title: input.title,
				dueAt: dueInstant(input.dueOn, input.dueTime),
				assigneeId: input.assigneeId,
				createdBy: actorId(ctx),
				organisationId: actorOrganisation(ctx, facts)
			})
			.returning({ id: tasks.id });
		await audit(ctx, tx, action, personId, 'done', { taskId: row.id, assigneeId: input.assigneeId, formId: input.formId });
		return { taskId: row.id, replayed: false };
	});
}

/** Marks a task done or open again: the state wanted, so a replay changes nothing. */
export async function setTaskDone(ctx: Ctx, personId: string, input: TaskDoneInput): Promise<{ changed: boolean }> {
	const action = 'support.task.done';
	return careWrite(ctx, personId, action, async (tx) => {
		const [t] = await tx
			.select({ id: tasks.id, doneAt: tasks.doneAt })
			.from(tasks)
			.where(and(eq(tasks.id, input.taskId), eq(tasks.personId, personId)))
			.for('update');
		if (!t) throw new Refusal(404, 'care_task_not_found', 'taskId');
		if ((t.doneAt !== null) === input.done) return { changed: false };
		await tx
			.update(tasks)
			.set(input.done ? { doneAt: new Date(), doneBy: actorId(ctx) } : { doneAt: null, doneBy: null })
			.where(eq(tasks.id, t.id));
		await audit(ctx, tx, action, personId, 'done', { taskId: t.id, done: input.done });
		return { changed: true };
	});
}

export interface TaskReminderRun {
	/** Tasks that fell due in this run. */
	due: number;
	/** E-mails written. */
	emails: number;
}

/** Reminders handled per run; the rest wait for the next hour. */
const REMINDER_BATCH = 500;

function defaultOrigin(): string {
	const c = config();
	return (c.ORIGIN ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
}

/**
 * E-mails the assignee of every open task that has fallen due, once. An
 * assignee who may no longer open the folder (consent withdrawn, left the
 * team) is not written to; the reminder counts as given either way. Runs
 * alongside other instances safely (the rows are locked, locked ones skipped).
 */
export async function sendTaskReminders(db: Db, now: Date = new Date(), opts: { origin?: string } = {}): Promise<TaskReminderRun> {
	const origin = (opts.origin ?? defaultOrigin()).replace(/\/$/, '');
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ id: tasks.id, personId: tasks.personId, dueAt: tasks.dueAt, assigneeId: tasks.assigneeId })
			.from(tasks)
			.innerJoin(people, eq(people.id, tasks.personId))
			.where(and(isNull(tasks.doneAt), isNull(tasks.reminderSentAt), lte(tasks.dueAt, now), isNull(people.erasedAt)))
			.orderBy(asc(tasks.dueAt), asc(tasks.id))
			.limit(REMINDER_BATCH)
			.for('update', { of: tasks, skipLocked: true });
		if (due.length === 0) return { due: 0, emails: 0 };

		const assigneeIds = [...new Set(due.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])))];
		const [facts, people_, roles] = await Promise.all([
			loadFolderFactsMany(tx, due.map((t) => t.personId)),
			assigneeIds.length
				? tx.select({ id: users.id, email: users.email, locale: users.locale, kind: users.kind, platformRole: users.platformRole }).from(users).where(inArray(users.id, assigneeIds))
				: Promise.resolve([]),
			assigneeIds.length
				? tx.select({ userId: memberships.userId, organisationId: memberships.organisationId, role: memberships.role }).from(memberships).where(inArray(memberships.userId, assigneeIds))
				: Promise.resolve([])
		]);

		let emails = 0;
		for (const t of due) {
			const u = people_.find((p) => p.id === t.assigneeId);
			const f = facts.get(t.personId);
			if (!u?.email || !f) continue;
			// Would the assignee be let in (after their second factor)? Else no e-mail.
			const actor: SignedInActor = {
				kind: 'user',
				userId: u.id,
				personKind: u.kind,
				platformRole: u.platformRole,
				memberships: new Map(roles.filter((r) => r.userId === u.id).map((r) => [r.organisationId, r.role])),
				emailVerified: true,
				secondFactor: true,
				totpEnabled: true
			};
			if (can(actor, 'folder.view', f) !== 'allowed') continue;
			const locale = mailLocale(u.locale);
			await sendEmail(tx, {
				to: u.email,
				template: 'support_task_due',
				subject: m.care_email_task_subject({}, { locale }),
				text: [
					m.care_email_task_intro({ date: formatDateTime(t.dueAt!, locale) }, { locale }),
					`${origin}/app/folders/${t.personId}/tasks`,
					m.care_email_task_outro({}, { locale })
				].join('\n\n') + '\n'
			});
			await record(tx, { actorId: null, action: 'support.task.reminded', resourceType: 'folder', resourceId: t.personId, outcome: 'done', details: { taskId: t.id, userId: u.id } });
			emails++;
		}
		await tx.update(tasks).set({ reminderSentAt: now }).where(inArray(tasks.id, due.map((t) => t.id)));
		return { due: due.length, emails };
	});
}
