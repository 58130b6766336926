/**
 * A folder's timeline: notes and measures (only those the reader may read),
 * tasks, assessments, plan actions, documents (their name, never their
 * bytes; by the same sensitivity rule as notes) and the events of the
 * person's referrals, newest first, in pages.
 *
 * One statement: each kind is its own branch, already cut to the page by
 * its index on (person, time) and the keyset condition, then UNION ALL,
 * ordered by (at, id) and limited once more. A page therefore costs a few
 * short index scans whatever the folder's size, and "older" is a cursor
 * (the last row's time to the microsecond and its id), never an OFFSET.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { Sensitivity } from '../db/schema/index.ts';
import { can } from '../policy/index.ts';
import { audit } from './folders.ts';
import { careRead, folderPerson, mayRead, readableBy } from './care.ts';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.ts';

export type TimelineKind = 'note' | 'measure' | 'task' | 'assessment' | 'action' | 'document' | 'referral';

export interface TimelineEntry {
	kind: TimelineKind;
	id: string;
	at: Date;
	/** The note's text (its start), the task's or action's title, the document's name, the service referred to. */
	title: string;
	/** Assessment: how many domains; referral: the reason or outcome; document: its media type. */
	detail: string | null;
	/** Task or action: 'done' or 'open'; referral: the state reached; note or document: its sensitivity. */
	state: string | null;
	/** Task or action: when it is due. */
	due: Date | null;
	/** Who wrote, did or recorded it. */
	who: string | null;
}

export const TIMELINE_PAGE = 25;
export const TIMELINE_MAX = 100;

interface Row {
	kind: TimelineKind;
	id: string;
	at: Date | string;
	at_text: string;
	title: string | null;
	detail: string | null;
	state: string | null;
	due: Date | string | null;
	sens: Sensitivity | null;
	org: string | null;
	author: string | null;
	who_name: string | null;
}

function rowsOf<T>(result: unknown): T[] {
	return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** (at, id) strictly before the cursor, in a form each branch's index can start from. */
function beforeCursor(at: SQL, id: SQL, c: Cursor | null): SQL {
	if (!c) return sql`true`;
	return sql`${at} <= ${c.at}::timestamptz and (${at} < ${c.at}::timestamptz or ${id} < ${c.id}::uuid)`;
}

/**
 * One page of the folder's timeline for the reader, newest first; `before`
 * is the cursor of the previous page's last entry. Audited as a read.
 */
export async function folderTimeline(ctx: Ctx, personId: string, opts: { before?: string | null; limit?: number } = {}) {
	const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? TIMELINE_PAGE) || TIMELINE_PAGE), TIMELINE_MAX);
	const cursor = decodeCursor(opts.before);
	return careRead(ctx, personId, async (tx, facts) => {
		const person = await folderPerson(tx, personId);
		const k = limit + 1;
		const c = (name: string) => sql.raw(name);
		const notesReadable = readableBy(ctx, facts, { sensitivity: c('n.sensitivity'), organisationId: c('n.organisation_id'), authorId: c('n.author_id') });
		const docsReadable = readableBy(ctx, facts, { sensitivity: c('d.sensitivity'), organisationId: c('d.organisation_id'), authorId: c('d.uploaded_by') });
		// The sending side of a referral sees every change to it through the folder (the policy's referral.view).
		const referralsVisible =
			can(ctx.actor, 'referral.view', { type: 'referral', referralId: personId, fromOrganisationId: null, toOrganisationId: '00000000-0000-0000-0000-000000000000', folder: facts }) ===
			'allowed';

		const branches: SQL[] = [
			sql`(select n.kind::text as kind, n.id, n.created_at as at, left(n.body, 280) as title, null::text as detail, null::text as state,
					null::timestamptz as due, n.sensitivity::text as sens, n.organisation_id as org, n.author_id as author
				from notes n
				where n.person_id = ${personId} and ${notesReadable} and ${beforeCursor(c('n.created_at'), c('n.id'), cursor)}
				order by n.created_at desc, n.id desc limit ${k})`,
			sql`(select 'task', t.id, t.created_at, t.title, null::text, case when t.done_at is null then 'open' else 'done' end,
					t.due_at, null::text, null::uuid, t.created_by
				from tasks t
				where t.person_id = ${personId} and ${beforeCursor(c('t.created_at'), c('t.id'), cursor)}
				order by t.created_at desc, t.id desc limit ${k})`,
			sql`(select 'assessment', a.id, a.taken_at, coalesce(a.comment, ''),
					(select count(*) from assessment_scores s where s.assessment_id = a.id)::text, null::text,
					null::timestamptz, null::text, null::uuid, a.taken_by
				from assessments a
				where a.person_id = ${personId} and ${beforeCursor(c('a.taken_at'), c('a.id'), cursor)}
				order by a.taken_at desc, a.id desc limit ${k})`,
			sql`(select 'action', p.id, p.created_at, p.text, null::text, case when p.done_at is null then 'open' else 'done' end,
					(p.due_on::timestamp at time zone 'UTC'), null::text, null::uuid, p.created_by
				from plan_actions p
				where p.person_id = ${personId} and ${beforeCursor(c('p.created_at'), c('p.id'), cursor)}
				order by p.created_at desc, p.id desc limit ${k})`,
			sql`(select 'document', d.id, d.created_at, d.name, d.media_type, null::text,
					null::timestamptz, d.sensitivity::text, d.organisation_id, d.uploaded_by
				from documents d
				where d.person_id = ${personId} and ${docsReadable} and ${beforeCursor(c('d.created_at'), c('d.id'), cursor)}
				order by d.created_at desc, d.id desc limit ${k})`
		];
		if (referralsVisible) {
			branches.push(sql`(select 'referral', e.id, e.at, r.service_name, e.reason, e.to_state::text,
					null::timestamptz, null::text, null::uuid, e.actor_id
				from referral_events e join referrals r on r.id = e.referral_id
				where r.person_id = ${personId} and ${beforeCursor(c('e.at'), c('e.id'), cursor)}
				order by e.at desc, e.id desc limit ${k})`);
		}

		const result = await tx.execute(sql`
			with page as (
				select * from (${sql.join(branches, sql` union all `)}) u
				order by at desc, id desc
				limit ${k}
			)
			select page.kind, page.id, page.at, to_char(page.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at_text,
				page.title, page.detail, page.state, page.due, page.sens, page.org, page.author, us.display_name as who_name
			from page left join users us on us.id = page.author
			order by page.at desc, page.id desc`);
		const rows = rowsOf<Row>(result);
		const pageRows = rows.slice(0, limit);
		// The query asked the policy; each note and document is asked again on its own.
		const entries = pageRows
			.filter((r) => (r.kind === 'note' || r.kind === 'measure' || r.kind === 'document' ? mayRead(ctx, facts, { sensitivity: r.sens ?? 'author', organisationId: r.org, authorId: r.author }) : true))
			.map(
				(r): TimelineEntry => ({
					kind: r.kind,
					id: r.id,
					at: new Date(r.at),
					title: r.title ?? '',
					detail: r.detail,
					state: r.kind === 'note' || r.kind === 'measure' || r.kind === 'document' ? r.sens : r.state,
					due: r.due ? new Date(r.due) : null,
					who: r.who_name
				})
			);
		const last = rows.length > limit ? pageRows[pageRows.length - 1] : null;
		await audit(ctx, tx, 'support.timeline.viewed', personId, 'done', { count: entries.length, paged: cursor !== null });
		return { person, entries, paged: cursor !== null, older: last ? encodeCursor({ at: last.at_text, id: last.id }) : null };
	});
}
