/**
 * Outgoing e-mail. Every message is written to the outbox table; when
 * SMTP_URL is set it is also delivered over SMTP at once. Without SMTP the
 * outbox is the delivery: an administrator reads it in the app, and the demo
 * prints links from it.
 */
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { config } from '../config.ts';
import type { Tx } from '../db/index.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { log } from '../log.ts';

export interface OutgoingEmail {
	to: string;
	subject: string;
	text: string;
	/** A short name of what this is (verify_email, reset_password, invitation…), for the outbox list. */
	template: string;
}

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
	if (transport?.url !== url) {
		transport = { url, transporter: nodemailer.createTransport(url) };
	}
	return transport.transporter;
}

/** Header injection is impossible through nodemailer, but refuse line breaks in a subject anyway. */
function oneLine(s: string): string {
	return s.replace(/[\r\n]+/g, ' ').slice(0, 250);
}

/**
 * Without SMTP (the demo), say on the console that a message is waiting in
 * the outbox and print the links it carries, so a person trying the demo
 * can follow a verification or invitation link. Never in tests.
 */
function announceUndelivered(to: string, subject: string, text: string): void {
	if (process.env.VITEST || config().LOG_LEVEL === 'silent') return;
	const links = text.match(/https?:\/\/\S+/g) ?? [];
	console.log(`[outbox] e-mail to ${to}: "${subject}"${links.length ? `\n  ${links.join('\n  ')}` : ''}`);
}

export async function sendEmail(db: Tx, email: OutgoingEmail): Promise<{ id: string; delivered: boolean }> {
	const subject = oneLine(email.subject);
	const [row] = await db
		.insert(emailOutbox)
		.values({ toAddress: email.to, subject, textBody: email.text, template: email.template })
		.returning({ id: emailOutbox.id });
	const c = config();
	if (!c.SMTP_URL) {
		announceUndelivered(email.to, subject, email.text);
		return { id: row.id, delivered: false };
	}
	try {
		await transporterFor(c.SMTP_URL).sendMail({ from: c.MAIL_FROM, to: email.to, subject, text: email.text });
		await db.update(emailOutbox).set({ sentAt: new Date(), attempts: 1 }).where(eq(emailOutbox.id, row.id));
		return { id: row.id, delivered: true };
	} catch (err) {
		log.warn({ err: (err as Error).message, template: email.template }, 'e-mail delivery failed; kept in outbox');
		await db
			.update(emailOutbox)
			.set({ attempts: 1, lastError: (err as Error).message.slice(0, 500) })
			.where(eq(emailOutbox.id, row.id));
		return { id: row.id, delivered: false };
	}
}
