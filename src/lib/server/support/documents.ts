/**
 * Documents in a support folder (issue 4, docs/decisions/016-support-folder.md):
 * upload, list, download, delete.
 *
 * - The type comes from the bytes (sniff.ts): PDF, JPEG, PNG, WebP, at most
 *   10 MB; everything else is refused with its own message, and the refused
 *   attempt is audited with what the bytes looked like (never their content
 *   or the file's name, which may itself be sensitive).
 * - The bytes are sealed (sealing.ts, AES-256-GCM under CONVIVE_DATA_KEY)
 *   with associated data naming the row and the person, so a sealed document
 *   copied into another row or another person's folder does not open. The
 *   row keeps the cleaned name, the sniffed type, the size, the SHA-256 of
 *   the plain bytes (checked again on every download) and the key id.
 * - Listing never reads the sealed bytes. A download is only ever served at
 *   /app/folders/<person>/documents/<id>, after `folder.view` on that
 *   person, and only when the document belongs to that person: any other id
 *   gets the folder's one answer (403), audited as denied.
 * - Every read and write is audited with the person's id.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { actorId, type Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { documents, organisations, people, users } from '../db/schema/index.ts';
import type { MemberRole } from '../db/schema/index.ts';
import type { FolderResource } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { log } from '../log.ts';
import { audit, folderNotFound, withFolder } from './folders.ts';
import { seal, SealBroken, unseal, type Sealed } from './sealing.ts';
import { documentName, sniff, type DocumentType, type SniffRefusal } from './sniff.ts';

/** The message a person reads for each refusal (messages/documents). */
export const refusalMessages: Record<SniffRefusal, string> = {
	empty: 'documents_refused_empty',
	too_large: 'documents_refused_too_large',
	executable: 'documents_refused_executable',
	archive: 'documents_refused_archive',
	office: 'documents_refused_office',
	polyglot: 'documents_refused_polyglot',
	active_content: 'documents_refused_active_content',
	bomb: 'documents_refused_bomb',
	pixels: 'documents_refused_pixels',
	damaged: 'documents_refused_damaged',
	name_mismatch: 'documents_refused_name_mismatch',
	not_allowed: 'documents_refused_not_allowed'
};

const workerRoles: MemberRole[] = ['owner', 'coordinator', 'case_worker'];
/** The associated data a document is sealed under: the row and the person it belongs to. */
const binding = (documentId: string, personId: string) => `document:${documentId}:person:${personId}`;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface UploadedFile {
	/** The name the browser sent (only checked against the bytes, then cleaned). */
	name: string;
	/** The type the browser declared: never believed, kept in the audit of a refusal. */
	declaredType: string;
	bytes: Uint8Array;
}

/** The actor's organisation on this folder's team whose access a consent covers (the document is filed under it). */
function uploaderOrganisation(ctx: Ctx, facts: FolderResource): string | null {
	if (ctx.actor.kind !== 'user') return null;
	for (const id of facts.teamOrganisationIds) {
		const role = ctx.actor.memberships.get(id);
		if (role && workerRoles.includes(role) && facts.consentedOrganisationIds.includes(id)) return id;
	}
	return null;
}

/**
 * Keeps a document in the folder, sealed. A file the sniffer refuses is
 * audited as `support.document.refused` (denied) and refused with its
 * message; nothing is stored.
 */
export async function uploadDocument(ctx: Ctx, personId: string, file: UploadedFile): Promise<{ documentId: string }> {
	type Outcome = { refused: SniffRefusal } | { documentId: string };
	const out = await withFolder(ctx, 'folder.edit', personId, 'update', async (tx, facts): Promise<Outcome> => {
		const found = sniff(file.bytes, file.name);
		if (!found.ok) {
			await audit(ctx, tx, 'support.document.refused', personId, 'denied', {
				reason: found.reason,
				detected: found.detected,
				size: file.bytes.length,
				declared: file.declaredType.slice(0, 100) || null
			});
			return { refused: found.reason };
		}
		const id = randomUUID();
		const sealed = seal(file.bytes, binding(id, personId));
		const digest = sha256(file.bytes);
		await tx.insert(documents).values({
			id,
			personId,
			name: documentName(file.name, found.mediaType),
			mediaType: found.mediaType,
			size: file.bytes.length,
			sha256: digest,
			keyId: sealed.keyId,
			iv: sealed.iv,
			sealed: sealed.sealed,
			uploadedBy: actorId(ctx),
			organisationId: uploaderOrganisation(ctx, facts)
		});
		await audit(ctx, tx, 'support.document.uploaded', personId, 'done', { documentId: id, mediaType: found.mediaType, size: file.bytes.length, sha256: digest });
		return { documentId: id };
	});
	if ('refused' in out) throw new Refusal(out.refused === 'too_large' ? 413 : 400, refusalMessages[out.refused], 'file');
	return out;
}

/**
 * An upload refused before its bytes were read (larger than the limit, or
 * no file at all): audited like any refused upload, after the same policy
 * check, then refused with its message.
 */
export async function refuseUpload(ctx: Ctx, personId: string, reason: 'too_large' | 'empty', announcedBytes: number): Promise<never> {
	await withFolder(ctx, 'folder.edit', personId, 'share', async (tx) => {
		await audit(ctx, tx, 'support.document.refused', personId, 'denied', { reason, detected: 'before reading', size: announcedBytes });
	});
	throw new Refusal(reason === 'too_large' ? 413 : 400, reason === 'too_large' ? refusalMessages.too_large : 'documents_choose_file', 'file');
}

export interface DocumentListing {
	person: { id: string; preferredName: string };
	documents: {
		id: string;
		name: string;
		mediaType: DocumentType;
		size: number;
		createdAt: Date;
		uploadedByName: string | null;
		organisationName: string | null;
		/** The actor may delete it (see deleteDocument). */
		deletable: boolean;
	}[];
}

/** The folder's documents, newest first, without their bytes; audited as `support.document.listed`. */
export async function listDocuments(ctx: Ctx, personId: string): Promise<DocumentListing> {
	return withFolder(ctx, 'folder.view', personId, 'share', async (tx, facts) => {
		const [person] = await tx.select({ id: people.id, preferredName: people.preferredName }).from(people).where(eq(people.id, personId));
		const rows = await tx
			.select({
				id: documents.id,
				name: documents.name,
				mediaType: documents.mediaType,
				size: documents.size,
				createdAt: documents.createdAt,
				uploadedBy: documents.uploadedBy,
				organisationId: documents.organisationId,
				uploadedByName: users.displayName,
				organisationName: organisations.name
			})
			.from(documents)
			.leftJoin(users, eq(users.id, documents.uploadedBy))
			.leftJoin(organisations, eq(organisations.id, documents.organisationId))
			.where(eq(documents.personId, personId))
			.orderBy(desc(documents.createdAt), desc(documents.id));
		await audit(ctx, tx, 'support.document.listed', personId, 'done', { count: rows.length });
		return {
			person,
			documents: rows.map(({ uploadedBy, organisationId, ...r }) => ({
				...r,
				mediaType: r.mediaType as DocumentType,
				deletable: mayDelete(ctx, facts, { uploadedBy, organisationId })
			}))
		};
	});
}

/** The person who uploaded it, a folder worker of the organisation it was filed under, or the lead worker. */
function mayDelete(ctx: Ctx, facts: FolderResource, doc: { uploadedBy: string | null; organisationId: string | null }): boolean {
	if (ctx.actor.kind !== 'user') return false;
	if (doc.uploadedBy === ctx.actor.userId || facts.leadUserId === ctx.actor.userId) return true;
	const role = doc.organisationId ? ctx.actor.memberships.get(doc.organisationId) : undefined;
	return role !== undefined && workerRoles.includes(role) && facts.teamOrganisationIds.includes(doc.organisationId!);
}

/** A sealed document row, as the privacy track's export also reads it. */
export interface SealedDocument {
	id: string;
	personId: string;
	sha256: string;
	keyId: string;
	iv: Uint8Array;
	sealed: Uint8Array;
}

/** Opens a document's bytes and checks them against the stored SHA-256; throws SealBroken otherwise. */
export function openSealedDocument(row: SealedDocument): Uint8Array {
	const value: Sealed = { keyId: row.keyId, iv: row.iv, sealed: row.sealed };
	const bytes = unseal(value, binding(row.id, row.personId));
	if (sha256(bytes) !== row.sha256) throw new SealBroken('checksum mismatch');
	return bytes;
}

export interface DocumentDownload {
	name: string;
	mediaType: DocumentType;
	bytes: Uint8Array;
}

/**
 * One document's bytes, for the download route: `folder.view` on the
 * person, and the document must be theirs. Any other id (unknown, forged,
 * another person's) is audited as denied and answered like a folder one may
 * not open. Audited as `support.document.downloaded`.
 */
export async function downloadDocument(ctx: Ctx, personId: string, documentId: string): Promise<DocumentDownload> {
	const out = await withFolder(ctx, 'folder.view', personId, 'share', async (tx) => {
		const [row] = isUuid(documentId)
			? await tx
					.select({
						id: documents.id,
						personId: documents.personId,
						name: documents.name,
						mediaType: documents.mediaType,
						sha256: documents.sha256,
						keyId: documents.keyId,
						iv: documents.iv,
						sealed: documents.sealed
					})
					.from(documents)
					.where(and(eq(documents.id, documentId), eq(documents.personId, personId)))
			: [];
		if (!row) {
			await audit(ctx, tx, 'support.document.downloaded', personId, 'denied', { reason: 'not_found', documentId: documentId.slice(0, 64) });
			return null;
		}
		let bytes: Uint8Array;
		try {
			bytes = openSealedDocument(row);
		} catch (err) {
			if (!(err instanceof SealBroken)) throw err;
			log.error({ documentId: row.id, personId, err: err.message }, 'a sealed document does not open');
			await audit(ctx, tx, 'support.document.downloaded', personId, 'denied', { reason: 'unreadable', documentId: row.id });
			return 'unreadable' as const;
		}
		await audit(ctx, tx, 'support.document.downloaded', personId, 'done', { documentId: row.id });
		return { name: row.name, mediaType: row.mediaType as DocumentType, bytes };
	});
	if (out === null) throw folderNotFound();
	if (out === 'unreadable') throw new Refusal(410, 'documents_unreadable');
	return out;
}

/**
 * Deletes a document (its sealed bytes go with the row): the uploader, a
 * folder worker of the organisation it was filed under, or the lead worker.
 */
export async function deleteDocument(ctx: Ctx, personId: string, documentId: string): Promise<void> {
	await withFolder(ctx, 'folder.edit', personId, 'update', async (tx, facts) => {
		const [doc] = isUuid(documentId)
			? await tx
					.select({ id: documents.id, uploadedBy: documents.uploadedBy, organisationId: documents.organisationId, sha256: documents.sha256 })
					.from(documents)
					.where(and(eq(documents.id, documentId), eq(documents.personId, personId)))
			: [];
		if (!doc) throw new Refusal(404, 'documents_not_found', 'documentId');
		if (!mayDelete(ctx, facts, doc)) throw new Refusal(403, 'documents_delete_forbidden', 'documentId');
		await tx.delete(documents).where(eq(documents.id, doc.id));
		await audit(ctx, tx, 'support.document.deleted', personId, 'done', { documentId: doc.id, sha256: doc.sha256 });
	});
}

/** Test and fixture helper: stores bytes already known to be allowed, sealed, as an upload would. */
export async function storeDocument(
	db: Tx,
	input: { id?: string; personId: string; name: string; mediaType: DocumentType; bytes: Uint8Array; uploadedBy: string | null; organisationId: string | null }
): Promise<{ id: string }> {
	const id = input.id ?? randomUUID();
	const sealed = seal(input.bytes, binding(id, input.personId));
	await db.insert(documents).values({
		id,
		personId: input.personId,
		name: input.name,
		mediaType: input.mediaType,
		size: input.bytes.length,
		sha256: sha256(input.bytes),
		keyId: sealed.keyId,
		iv: sealed.iv,
		sealed: sealed.sealed,
		uploadedBy: input.uploadedBy,
		organisationId: input.organisationId
	});
	return { id };
}

