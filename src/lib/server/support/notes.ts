/**
 * Notes and measures in a folder. Each note has a sensitivity that narrows
 * who reads it (the policy's `folder.note.read`): the whole team, the
 * author's organisation, or the author alone. A note is never edited or
 * deleted; its author may change who reads it.
 */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { notes, organisations, users } from '../db/schema/index.ts';
import type { NoteKind, Sensitivity } from '../db/schema/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit } from './folders.ts';
import { actorId, actorOrganisation, alreadyPosted, careRead, careWrite, folderPerson, mayRead, readableBy } from './care.ts';
import type { NoteInput, NoteSensitivityInput } from './care-schemas.ts';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.ts';

export interface NoteView {
	id: string;
	kind: NoteKind;
	body: string;
	sensitivity: Sensitivity;
	createdAt: Date;
	authorId: string | null;
	authorName: string | null;
	organisationName: string | null;
	/** The reader wrote it (and so may change who reads it). */
	mine: boolean;
}

export const NOTES_PAGE = 30;

/**
 * One page of the notes the reader may read, newest first (keyset on
 * created at and id); audited as a read with how many were shown.
 */
export async function listNotes(ctx: Ctx, personId: string, opts: { before?: string | null } = {}) {
	const before: Cursor | null = decodeCursor(opts.before);
	return careRead(ctx, personId, async (tx, facts) => {
		const person = await folderPerson(tx, personId);
		const rows = await tx
			.select({
				id: notes.id,
				kind: notes.kind,
				body: notes.body,
				sensitivity: notes.sensitivity,
				createdAt: notes.createdAt,
				cursorAt: sql<string>`to_char(${notes.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
				authorId: notes.authorId,
				organisationId: notes.organisationId,
				authorName: users.displayName,
				organisationName: organisations.name
			})
			.from(notes)
			.leftJoin(users, eq(users.id, notes.authorId))
			.leftJoin(organisations, eq(organisations.id, notes.organisationId))
			.where(
				and(
					eq(notes.personId, personId),
					readableBy(ctx, facts, { sensitivity: notes.sensitivity, organisationId: notes.organisationId, authorId: notes.authorId }),
					before
						? and(
								sql`${notes.createdAt} <= ${before.at}::timestamptz`,
								or(lt(notes.createdAt, sql`${before.at}::timestamptz`), sql`${notes.id} < ${before.id}::uuid`)
							)
						: undefined
				)
			)
			.orderBy(sql`${notes.createdAt} desc`, sql`${notes.id} desc`)
			.limit(NOTES_PAGE + 1);
		// The query asked the policy already; every row is asked again on its own.
		const readable = rows.slice(0, NOTES_PAGE).filter((n) => mayRead(ctx, facts, n));
		const last = rows.length > NOTES_PAGE ? rows[NOTES_PAGE - 1] : null;
		const shown = readable;
		await audit(ctx, tx, 'support.notes.viewed', personId, 'done', { count: shown.length });
		const me = actorId(ctx);
		return {
			person,
			notes: shown.map(
				({ cursorAt: _c, organisationId: _o, ...n }): NoteView => ({ ...n, mine: me !== null && n.authorId === me })
			),
			paged: before !== null,
			older: last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null
		};
	});
}

/** Adds a note; the same form posted twice adds one. */
export async function addNote(ctx: Ctx, personId: string, input: NoteInput): Promise<{ noteId: string | null; replayed: boolean }> {
	const action = 'support.note.added';
	return careWrite(ctx, personId, action, async (tx, facts) => {
		if (await alreadyPosted(ctx, tx, personId, action, input.formId)) return { noteId: null, replayed: true };
		const organisationId = actorOrganisation(ctx, facts);
		if (input.sensitivity === 'organisation' && !organisationId) throw new Refusal(400, 'care_note_needs_organisation', 'sensitivity');
		const [row] = await tx
			.insert(notes)
			.values({ personId, kind: input.kind, authorId: actorId(ctx), organisationId, body: input.body, sensitivity: input.sensitivity })
			.returning({ id: notes.id });
		await audit(ctx, tx, action, personId, 'done', { noteId: row.id, kind: input.kind, sensitivity: input.sensitivity, formId: input.formId });
		return { noteId: row.id, replayed: false };
	});
}

/**
 * The author changes who may read their note. Anyone else, or a note of
 * another folder, gets the same refusal: the note is not theirs to see.
 */
export async function setNoteSensitivity(ctx: Ctx, personId: string, input: NoteSensitivityInput): Promise<{ changed: boolean }> {
	const action = 'support.note.sensitivity';
	return careWrite(ctx, personId, action, async (tx, facts) => {
		const [n] = await tx
			.select({ id: notes.id, authorId: notes.authorId, organisationId: notes.organisationId, sensitivity: notes.sensitivity })
			.from(notes)
			.where(and(eq(notes.id, input.noteId), eq(notes.personId, personId)))
			.for('update');
		if (!n || !mayRead(ctx, facts, n)) throw new Refusal(404, 'care_note_not_found', 'noteId');
		if (n.authorId !== actorId(ctx)) throw new Refusal(403, 'care_note_not_author', 'noteId');
		if (n.sensitivity === input.sensitivity) return { changed: false };
		if (input.sensitivity === 'organisation' && !n.organisationId) throw new Refusal(400, 'care_note_needs_organisation', 'sensitivity');
		await tx.update(notes).set({ sensitivity: input.sensitivity }).where(eq(notes.id, n.id));
		await audit(ctx, tx, action, personId, 'done', { noteId: n.id, from: n.sensitivity, to: input.sensitivity });
		return { changed: true };
	});
}
