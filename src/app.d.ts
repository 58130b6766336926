import type { Logger } from 'pino';
import type { Actor } from '#lib/server/policy/index.ts';
import type { SessionInfo } from '#lib/server/auth/session.ts';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			log: Logger;
			actor: Actor;
			session: SessionInfo | null;
			/** A sign-in that passed the password but still owes the second factor. Not signed in. */
			pendingSession: SessionInfo | null;
			locale: string;
			ip: string;
		}
		interface Error {
			message: string;
			requestId?: string;
			/** A translated sentence that says why, in the page's language (chosen by the server, never an exception's text). */
			detail?: string;
		}
	}
}

export {};
