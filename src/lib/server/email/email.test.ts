import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { resetConfig } from '../config.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { startSmtp, type TestSmtp } from '../../../../tests/helpers/smtp.ts';
import { sendEmail } from './index.ts';

let d: TestDatabase;
let smtp: TestSmtp;
beforeAll(async () => {
	d = await testDatabase();
	smtp = await startSmtp();
});
afterAll(async () => {
	delete process.env.SMTP_URL;
	resetConfig();
	await smtp.close();
	await d.dispose();
});

describe('sendEmail', () => {
	it('delivers over SMTP and keeps a copy in the outbox', async () => {
		process.env.SMTP_URL = smtp.url;
		resetConfig();
		const res = await sendEmail(d.db, {
			to: 'amal@example.org',
			subject: 'مرحبا — Bienvenue',
			text: 'Open https://convive.example/verify?token=abc to go on.',
			template: 'test'
		});
		expect(res.delivered).toBe(true);
		const mail = await smtp.waitFor('amal@example.org');
		expect(mail.subject).toBe('مرحبا — Bienvenue');
		expect(mail.text).toContain('https://convive.example/verify?token=abc');
		const [row] = await d.db.select().from(emailOutbox).where(eq(emailOutbox.id, res.id));
		expect(row.sentAt).not.toBeNull();
	});

	it('keeps the message in the outbox when no SMTP server is configured', async () => {
		delete process.env.SMTP_URL;
		resetConfig();
		const before = smtp.messages.length;
		const res = await sendEmail(d.db, { to: 'x@example.org', subject: 'Hi', text: 'Body', template: 'test' });
		expect(res.delivered).toBe(false);
		const [row] = await d.db.select().from(emailOutbox).where(eq(emailOutbox.id, res.id));
		expect(row).toMatchObject({ toAddress: 'x@example.org', subject: 'Hi', sentAt: null });
		expect(smtp.messages.length).toBe(before);
	});

	it('records the error and keeps the message when the SMTP server is down', async () => {
		process.env.SMTP_URL = 'smtp://127.0.0.1:1';
		resetConfig();
		const res = await sendEmail(d.db, { to: 'y@example.org', subject: 'Hi', text: 'Body', template: 'test' });
		expect(res.delivered).toBe(false);
		const [row] = await d.db.select().from(emailOutbox).where(eq(emailOutbox.id, res.id));
		expect(row.lastError).toBeTruthy();
		expect(row.sentAt).toBeNull();
	});

	it('never lets a line break into the subject', async () => {
		process.env.SMTP_URL = smtp.url;
		resetConfig();
		await sendEmail(d.db, { to: 'z@example.org', subject: 'Hi\r\nBcc: evil@example.org', text: 'Body', template: 'test' });
		const mail = await smtp.waitFor('z@example.org');
		expect(mail.to).toEqual(['z@example.org']);
		expect(mail.raw).not.toMatch(/^bcc:/im);
	});
});
