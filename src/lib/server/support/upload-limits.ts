/**
 * How large a document upload may be, shared by the HTTP server
 * (scripts/server.ts) and the documents page.
 *
 * Every other route keeps BODY_SIZE_LIMIT (2 MB); only the upload path
 * below may announce up to DOCUMENT_BODY_LIMIT. A larger announced body is
 * never read: the server marks the request with BODY_TOO_LARGE_HEADER and
 * hands the page an empty body, so the page answers 413 with a translated
 * message, and Node discards the bytes still arriving (bounded by the
 * server's request timeout).
 */
import { MAX_DOCUMENT_BYTES } from './sniff.ts';

export { MAX_DOCUMENT_BYTES };
/** The largest file plus room for its multipart envelope (boundaries, part headers, the other fields). */
export const DOCUMENT_BODY_LIMIT = MAX_DOCUMENT_BYTES + 64 * 1024;
/** The upload form's address: /app/folders/<person>/documents, with its ?/upload action. */
export const DOCUMENT_UPLOAD_PATH = /^\/app\/folders\/[^/?#]+\/documents\/?(\?|$)/;
/** Set by the server (never by a client: it is removed from every request) to the announced size of a body too large to read. */
export const BODY_TOO_LARGE_HEADER = 'x-convive-body-too-large';

/**
 * Validation panels' picture forms (a draft's pictures, a question's choice
 * pictures: up to 4 of at most 1 MB each): /app/panels/<id>?/draft and
 * /app/panels/<id>/drafts/<draft>?/question may send up to PANEL_BODY_LIMIT;
 * a larger announced body is never read, as for documents, and the page
 * answers 413 in the person's language.
 */
export const PANEL_BODY_LIMIT = 4 * 1024 * 1024 + 256 * 1024;
export const PANEL_UPLOAD_PATH = /^\/app\/panels\/[^/?#]+(\/drafts\/[^/?#]+)?\/?\?\/(draft|question)(&|$)/;

/**
 * A picture of an idea (issue 7: at most 1.5 MB, decision 025):
 * /calls/<call>/ideas/<idea>?/image may announce up to IDEA_IMAGE_BODY_LIMIT;
 * a larger body (a phone's 4 MB photo) is never read, and the page answers
 * 413 in the person's language, as for documents.
 */
export const IDEA_IMAGE_BODY_LIMIT = 1_500_000 + 64 * 1024;
export const IDEA_IMAGE_PATH = /^\/calls\/[^/?#]+\/ideas\/[^/?#]+\/?\?\/image(&|$)/;
