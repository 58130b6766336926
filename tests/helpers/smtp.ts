/** A real SMTP server on a random local port that keeps what it receives. */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
	subject: string;
	text: string;
}

export interface TestSmtp {
	url: string;
	messages: ReceivedMail[];
	/** Waits for a message to `to` (and matching `subject`, if given). */
	waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ReceivedMail>;
	close(): Promise<void>;
}

function decodeQuotedPrintable(s: string): string {
	const bytes = s
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

function parse(raw: string): { subject: string; text: string } {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	let body = raw.slice(split + 4);
	const subjectLine = /^subject: (.*)$/im.exec(head)?.[1] ?? '';
	const subject = subjectLine.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
		enc.toUpperCase() === 'B'
			? Buffer.from(data, 'base64').toString('utf8')
			: decodeQuotedPrintable(data.replace(/_/g, ' '))
	);
	const cte = /^content-transfer-encoding: (.*)$/im.exec(head)?.[1]?.trim().toLowerCase();
	if (cte === 'quoted-printable') body = decodeQuotedPrintable(body);
	else if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	return { subject, text: body.replace(/\r\n/g, '\n').replace(/\n\.\n?$/, '') };
}

export async function startSmtp(): Promise<TestSmtp> {
	const messages: ReceivedMail[] = [];
	const waiters: Array<() => void> = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				messages.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw,
					...parse(raw)
				});
				waiters.splice(0).forEach((w) => w());
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	const find = (to: string, subject?: RegExp) =>
		messages.find((m) => m.to.includes(to.toLowerCase()) && (!subject || subject.test(m.subject)));
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		async waitFor(to, subject, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = find(to, subject);
				if (found) return found;
				if (Date.now() > deadline) throw new Error(`no e-mail to ${to} arrived`);
				await new Promise<void>((r) => {
					waiters.push(r);
					setTimeout(r, 100);
				});
			}
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
