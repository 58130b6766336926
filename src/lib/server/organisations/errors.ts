/**
 * A refusal a use case explains to the person: an HTTP status and the name of
 * a message in messages/ (looked up in the request's language by the route).
 */
export type RefusalStatus = 400 | 403 | 404 | 409 | 410 | 413 | 429;

export class Refusal extends Error {
	readonly status: RefusalStatus;
	readonly key: string;
	/** The form field the refusal is about, if any. */
	readonly field: string | undefined;
	constructor(status: RefusalStatus, key: string, field?: string) {
		super(`refused: ${key}`);
		this.status = status;
		this.key = key;
		this.field = field;
	}
}

export const notFound = () => new Refusal(404, 'org_not_found');
export const forbidden = () => new Refusal(403, 'org_forbidden');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string | null | undefined): s is string {
	return typeof s === 'string' && UUID.test(s);
}
