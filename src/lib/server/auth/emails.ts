/**
 * The account e-mails, written in the recipient's language. Links point to
 * ORIGIN when it is configured (never to whatever Host header a request
 * claimed), else to the origin the request came in on.
 */
import { m } from '#lib/paraglide/messages.js';
import { isLocale, type Locale } from '#lib/paraglide/runtime.js';
import { config } from '../config.ts';
import type { Tx } from '../db/index.ts';
import { sendEmail } from '../email/index.ts';

export function emailLocale(...candidates: Array<string | null | undefined>): Locale {
	for (const c of candidates) if (isLocale(c)) return c;
	return 'en';
}

export function siteOrigin(requestOrigin: string): string {
	return (config().ORIGIN ?? requestOrigin).replace(/\/+$/, '');
}

function body(...parts: string[]): string {
	return parts.join('\n\n') + '\n';
}

interface Base {
	to: string;
	locale: Locale;
	origin: string;
	name: string;
}

export function sendVerifyEmail(db: Tx, e: Base & { token: string; change: boolean }) {
	const locale = e.locale;
	const link = `${siteOrigin(e.origin)}/verify-email?token=${encodeURIComponent(e.token)}`;
	return sendEmail(db, {
		to: e.to,
		template: 'verify_email',
		subject: m.auth_email_verify_subject({}, { locale }),
		text: body(
			m.auth_email_hello({ name: e.name }, { locale }),
			e.change ? m.auth_email_verify_change_intro({}, { locale }) : m.auth_email_verify_intro({}, { locale }),
			link,
			m.auth_email_verify_expiry({}, { locale }),
			m.auth_email_not_you({}, { locale })
		)
	});
}

export function sendResetEmail(db: Tx, e: Base & { token: string }) {
	const locale = e.locale;
	const link = `${siteOrigin(e.origin)}/reset-password?token=${encodeURIComponent(e.token)}`;
	return sendEmail(db, {
		to: e.to,
		template: 'reset_password',
		subject: m.auth_email_reset_subject({}, { locale }),
		text: body(
			m.auth_email_hello({ name: e.name }, { locale }),
			m.auth_email_reset_intro({}, { locale }),
			link,
			m.auth_email_reset_expiry({}, { locale }),
			m.auth_email_reset_not_you({}, { locale })
		)
	});
}

/** Sent instead of a verification link when someone signs up with an address that has an account. */
export function sendAlreadyRegisteredEmail(db: Tx, e: Base) {
	const locale = e.locale;
	const origin = siteOrigin(e.origin);
	return sendEmail(db, {
		to: e.to,
		template: 'already_registered',
		subject: m.auth_email_exists_subject({}, { locale }),
		text: body(
			m.auth_email_hello({ name: e.name }, { locale }),
			m.auth_email_exists_intro({}, { locale }),
			`${m.auth_email_exists_signin({}, { locale })}\n${origin}/signin`,
			`${m.auth_email_exists_forgot({}, { locale })}\n${origin}/forgot-password`,
			m.auth_email_exists_not_you({}, { locale })
		)
	});
}

/** Tells the old address that the account's e-mail address was changed. */
export function sendEmailChangedNotice(db: Tx, e: Base & { newAddress: string }) {
	const locale = e.locale;
	return sendEmail(db, {
		to: e.to,
		template: 'email_changed',
		subject: m.auth_email_changed_subject({}, { locale }),
		text: body(
			m.auth_email_hello({ name: e.name }, { locale }),
			m.auth_email_changed_intro({ address: e.newAddress }, { locale }),
			m.auth_email_changed_not_you({}, { locale })
		)
	});
}

/** Tells the owner their password was changed or reset. */
export function sendPasswordChangedNotice(db: Tx, e: Base) {
	const locale = e.locale;
	return sendEmail(db, {
		to: e.to,
		template: 'password_changed',
		subject: m.auth_email_password_changed_subject({}, { locale }),
		text: body(
			m.auth_email_hello({ name: e.name }, { locale }),
			m.auth_email_password_changed_intro({}, { locale }),
			`${m.auth_email_password_changed_not_you({}, { locale })}\n${siteOrigin(e.origin)}/forgot-password`
		)
	});
}
